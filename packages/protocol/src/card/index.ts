// Implemented in card/*.ts; see the package README for the rules.
