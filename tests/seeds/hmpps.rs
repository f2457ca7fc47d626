// Filled in with the hmpps framework.
