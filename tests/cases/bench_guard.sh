# `make bench` as a guard on exact instruction counts (not on time): every
# count is at or below its target, or tools/bench.sh exits 1. A second run
# with every entry's target set to 0, below any count, must fail, naming
# each entry (so the guard can fail for every one of them, a new one
# included), and must count exactly what the first run counted.
. "$(dirname "$0")/../lib.sh"

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

# The entries, from the JSON: each with a name, a value, a floor, a ratio,
# a target and a verdict, and every one met.
names=$(sed -n 's/^ *{"name": "\([a-z_]*\)", "value": [0-9.]*, "floor": [0-9.]*, "ratio": [0-9.]*, "target": [0-9.]*, "met": true}.*/\1/p' "$json")
entries=$(grep -c '^ *{"name": ' "$json")
[ "$(wc -w <<<"$names")" -eq "$entries" ] && [ "$entries" -ge 8 ] ||
    fail "bench.json has $entries entries, $(wc -w <<<"$names") of them whole and met:"$'\n'"$(cat "$json")"

lowered=$(for name in $names; do printf '%s=0 ' "$name"; done)
if output=$(BENCH_TARGETS="$lowered" make --no-print-directory -s BUILD="$TEST_BUILD" bench 2>&1); then
    fail "make bench passed with every target below the counts:"
    echo "$output"
fi
for name in $names; do
    [[ $output == *"above target: $name "* ]] ||
        fail "with lowered targets, make bench did not name $name:"$'\n'"$output"
done
counts_of "$json" | diff "$TEST_BUILD/bench.first" - ||
    fail "two runs of the bench counted differently"
exit "$failures"
