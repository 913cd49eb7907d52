# `make bench` as a guard on exact instruction counts (not on time): every
# count is at or below its target, or tools/bench.sh exits 1. A second run
# with every target set below what the bench measures must fail, naming
# each of them (so the guard can fail), and must count exactly what the
# first run counted.
set -u
failures=0
fail() {
    echo "FAIL: $*"
    failures=$((failures + 1))
}

json=$TEST_BUILD/bench.json
# The counts of a bench.json, without the targets and verdicts.
counts_of() { sed 's/, "target": [0-9.]*, "met": [a-z]*//' "$1"; }

if output=$(make --no-print-directory -s BUILD="$TEST_BUILD" bench 2>&1); then
    echo "$output" | sed -n '/^make bench/,/^_start/p'
else
    fail "make bench failed, a count is above its target or the bench broke:"
    echo "$output"
fi
[ -s "$json" ] || fail "make bench wrote no $json"
counts_of "$json" >"$TEST_BUILD/bench.first"

if output=$(BENCH_TARGETS="null_syscall=50 app_load=0.1 zero_bss=0.1" \
    make --no-print-directory -s BUILD="$TEST_BUILD" bench 2>&1); then
    fail "make bench passed with every target below the counts:"
    echo "$output"
fi
for name in null_syscall app_load zero_bss; do
    grep -q "above target: $name " <<<"$output" ||
        fail "with lowered targets, make bench did not name $name:"$'\n'"$output"
done
counts_of "$json" | diff "$TEST_BUILD/bench.first" - ||
    fail "two runs of the bench counted differently"
exit "$failures"
