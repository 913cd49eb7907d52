# make grade on this tree (labs/README.md): every lab whose solution is
# marked here scores full marks; a lab without (a handout's, or a student's
# work in progress) is graded to the end. One line per test, `Score: X/Y`
# last, exit 0 only at full marks, no traceback, and grade.json in the shape
# of Gradescope's results.json, with the same score. (GCC only: the
# handouts' case builds with LLVM=1.)
. "$(dirname "$0")/../lib.sh"

marked=$(python3 tools/handout.py --marked) || exit 1
build=$TEST_BUILD/kit/grade
mkdir -p "$build"
# The grader's own lab, below, is run once with QEMU held at its first
# instruction, which waits out the time limit doing nothing: that run
# starts first, in a build folder of its own, and waits while the rest of
# this case runs.
qemu=$(make -s --no-print-directory ICOUNT=1 print-QEMU print-QEMU_MACHINE print-QEMU_ICOUNT | paste -sd ' ')
selftest() { # selftest BUILD QEMU_COMMAND
    GRADE_QEMU=$2 GRADE_LABS=tests/kit python3 tools/grade.py "$1" selftest 2>&1
}
selftest "$build/held" "$qemu -S" >"$build/held.out" &
held=$!
output=$(make -s --no-print-directory BUILD="$build" grade 2>"$build/stderr")
status=$?
echo "$output" | tail -n 1
grep -q Traceback "$build/stderr" && fail "the grader crashed:"$'\n'"$(cat "$build/stderr")"
score=$(echo "$output" | tail -n 1 | sed -n 's|^Score: \([0-9]*\)/\([0-9]*\)$|\1 \2|p')
[ -n "$score" ] || fail "the last line is not 'Score: X/Y':"$'\n'"$output"
read -r got total <<<"${score:-0 1}"
if [ "$got" = "$total" ]; then
    [ "$status" -eq 0 ] || fail "make grade exited $status at full marks, $got/$total"
else
    [ "$status" -ne 0 ] || fail "make grade exited 0 at $got/$total"
fi
while IFS= read -r line; do
    if [[ $line =~ ^([a-z0-9_]+):\ .+:\ (OK|FAIL\ \(.+\))\ ([0-9]+)/([0-9]+)$ ]]; then
        [[ ${BASH_REMATCH[2]} == OK && ${BASH_REMATCH[3]} == "${BASH_REMATCH[4]}" ||
            ${BASH_REMATCH[2]} != OK && ${BASH_REMATCH[3]} == 0 ]] ||
            fail "the points do not follow the verdict: '$line'"
        [[ " $marked " == *" ${BASH_REMATCH[1]} "* && ${BASH_REMATCH[2]} != OK ]] &&
            fail "the reference fails: $line"
    else
        fail "not a test's line: '$line'"
    fi
done < <(echo "$output" | sed '$d')
python3 - "$build/grade.json" "$got" "$total" <<'PYTHON' || fail "$build/grade.json is wrong"
import json, sys
results = json.load(open(sys.argv[1]))
tests = results["tests"]
assert results["score"] == int(sys.argv[2]) == sum(test["score"] for test in tests), "score"
assert results["max_score"] == int(sys.argv[3]) == sum(test["max_score"] for test in tests), "max_score"
for test in tests:
    assert set(test) == {"name", "score", "max_score", "output"}, test
    assert isinstance(test["output"], str) and 0 <= test["score"] <= test["max_score"], test
PYTHON

# The grader itself, on a lab of its own (tests/kit/selftest), in the
# build above: a test finds its app's line among the app's other lines and
# the kernel's, and reads a kill line; and, in the run started at the top,
# with QEMU held at its first instruction (-S) so that nothing ever ends,
# the grader stops it after the lab's time limit (2 s a test) and every
# test scores 0 saying so.
output=$(selftest "$build" "$qemu")
[ "$output" = "selftest: a line among the app's others: OK 1/1
selftest: an app killed by the kernel: OK 1/1
Score: 2/2" ] || fail "the grader's own lab, wanted full marks:"$'\n'"$output"
wait "$held"
output=$(cat "$build/held.out")
[ "$output" = "selftest: a line among the app's others: FAIL (stopped after 4 s (the time limit): selftest_chatty never started) 0/1
selftest: an app killed by the kernel: FAIL (stopped after 4 s (the time limit): selftest_fault never started) 0/1
Score: 0/2" ] || fail "the grader's own lab with QEMU held, wanted both stopped:"$'\n'"$output"
exit "$failures"
