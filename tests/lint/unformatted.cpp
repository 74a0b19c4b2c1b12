// Deliberately unformatted: scripts/lint must refuse it (ctest lint_detects_unformatted).
int   main( ){return 0 ;}
