// Filled in with the farmer framework.
