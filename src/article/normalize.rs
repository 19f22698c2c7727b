//! Arabic normalisation for matching (never for display) and digit folding.
