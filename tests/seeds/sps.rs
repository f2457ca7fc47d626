// Filled in with the sps framework.
