//! `ties`: measure and report how well a prison supports prisoners' family ties.
