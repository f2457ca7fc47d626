// Filled in with the hmip framework.
