# tests/lib.sh: what a shell case of tests/cases/ sources first (as an
# expect case sources tests/lib.tcl): unset variables are errors, and `fail
# WHY` prints a FAIL line and counts it; the case ends with
# `exit "$failures"`, so that make test sees it fail.
set -u
failures=0
fail() {
    echo "FAIL: $*"
    failures=$((failures + 1))
}
