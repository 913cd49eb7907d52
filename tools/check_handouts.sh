#!/usr/bin/env bash
# Checks the handouts of this tree (labs/README.md, "Keeping the reference
# and the handouts in step"): for each lab whose solution is marked here,
# alone (with the labs that require it), and for all of them together, it
# writes the handout from the working tree into a temporary folder outside
# the tree (make handout refuses one inside) and checks it. A handout that
# fails is kept, and its folder named; the others go.
#
#   light (make test, tests/cases/handouts.sh): the handout is a git
#     repository of one commit with nothing of those labs' solution left;
#     it builds with GCC and LLVM=1 and runs every default app to its end
#     line and the summary; `make grade LAB=<its labs>` runs to the end and
#     scores 0, every test failing.
#   full (make test-handouts): the handout's whole `make test` passes.
#
# Usage: tools/check_handouts.sh light|full
set -uo pipefail
mode=$1
# A handout builds in its own folder: its make must not take the objects
# of this tree's builds (make test exports OBJECTS).
unset OBJECTS
cd "$(dirname "$0")/.."
. tests/lib.sh
# In RAM when there is room for three handouts with their builds (about
# 20 MiB each): writing the handouts' files, their git objects and their
# copies of the objects costs a third of the CPU it does on a disk.
folder=$(scratch_folder handouts 256)

# Compares the handout OUT with the working tree, in one python for all
# its files, which come on standard input (NUL-separated, as git lists
# them):
# - with DATES 1, a file the handout keeps as it is (the same bytes) is
#   dated as the tree's, so that make finds up to date what the handout
#   did not change;
# - for each file of the tree but the pages (*.md) that holds a BEGIN
#   marker of one of LABS, prints the solution lines of LABS that the
#   handout's copy still holds, as "FILE: LINE": lines between a BEGIN and
#   an END marker of one of the labs, which are nowhere else in FILE, not
#   even in a stub, compared whole, without their indentation (read apart
#   from tools/handout.py, which this checks).
compare_with_tree() { # compare_with_tree OUT DATES LAB... <FILES
    python3 -c '
import os, re, sys
out, dates, labs = sys.argv[1], sys.argv[2] == "1", sys.argv[3:]
begin = re.compile(rb"^[ \t]*(/\*|//|#)[ \t]*LAB (" + "|".join(labs).encode() + rb") BEGIN", re.M)
for path in sys.stdin.read().split("\0"):
    if not path or not os.path.isfile(path):
        continue
    copy = os.path.join(out, path)
    with open(path, "rb") as file:
        data = file.read()
    kept = os.path.isfile(copy)
    if dates and kept:
        with open(copy, "rb") as file:
            if file.read() == data:
                reference = os.stat(path)
                os.utime(copy, ns=(reference.st_atime_ns, reference.st_mtime_ns))
    if not kept or path.endswith(".md") or not begin.search(data):
        continue
    inside, solution, other = None, set(), set()
    for line in open(path, encoding="utf-8"):
        marker = re.match(r"\s*(/\*|//|#)\s*LAB (\w+) (BEGIN|STUB|END)(?::(.*))?", line)
        if marker:
            stub = (marker[4] or "").strip()
            other.add(stub[:-2].strip() if marker[1] == "/*" and stub.endswith("*/") else stub)
            inside = marker[2] if marker[3] == "BEGIN" else None if marker[3] == "END" else inside
        elif inside in labs:
            solution.add(line.strip())
        else:
            other.add(line.strip())
    left = {line.strip() for line in open(copy, encoding="utf-8")} & (solution - other - {""})
    for line in sorted(left):
        print(f"{path}: {line}")
' "$@"
}

# Checks one handout; exits with the number of its failures.
check_handout() { # check_handout LAB...
    local labs="$*"
    check_one_handout "$folder/${labs// /-}" "$@"
    if [ "$failures" -eq 0 ]; then
        rm -rf "${folder:?}/${labs// /-}"
    else
        echo "the handout of $labs is kept in $folder/${labs// /-}"
    fi
    exit "$failures"
}

check_one_handout() { # check_one_handout FOLDER LAB...
    local out=$1 output status lab line labs left
    shift
    labs=$*
    if ! output=$(HANDOUT_OUT=$out python3 tools/handout.py --worktree "$@" 2>&1); then
        fail "handout of $labs: $output"
        return
    fi
    echo "$output"
    [ "$(git -C "$out" rev-list --count HEAD)" = 1 ] || fail "handout of $labs: not one commit"
    [ -z "$(git -C "$out" status --porcelain)" ] || fail "handout of $labs: not clean after its commit"

    # (Before its build folder is made: what is read is the handout alone.)
    for lab in "$@"; do
        if grep -rlE "^\s*(/\*|//|#)\s*(LAB $lab (BEGIN|STUB|END)|lab: *$lab\b)" "$out" \
            --exclude-dir=.git --exclude='*.md'; then
            fail "handout of $labs: markers or files of $lab are left (files above)"
        fi
    done

    # make test has copied the objects of its first builds, of this tree,
    # to TEST_BASE_OBJECTS: the handout is built from a copy of them (in
    # build/, and build/llvm/ where LLVM=1 builds), the files it keeps as
    # they are dated as this tree's, so that make compiles only what the
    # handout changes (and what depends on it). A make test whose cases all
    # build with GCC (make test CASES=handouts.sh) has no LLVM objects: the
    # handout compiles its own.
    local dates=0
    if [ -n "${TEST_BASE_OBJECTS:-}" ]; then
        mkdir -p "$out/build/llvm" &&
            cp -a "$TEST_BASE_OBJECTS/host" "$TEST_BASE_OBJECTS/$gcc_objects" "$out/build/" &&
            { [ ! -e "$TEST_BASE_OBJECTS/$llvm_objects" ] ||
                cp -a "$TEST_BASE_OBJECTS/host" "$TEST_BASE_OBJECTS/$llvm_objects" "$out/build/llvm/"; } &&
            dates=1 || fail "handout of $labs: could not start from this tree's objects"
    fi
    left=$(compare_with_tree "$out" "$dates" "$@" <"$tree_files")
    status=$?
    while IFS= read -r line; do
        [ -n "$line" ] && fail "handout of $labs: ${line%%: *} keeps the solution's line '${line#*: }'"
    done <<<"$left"
    [ $status -eq 0 ] || fail "handout of $labs: could not compare it with the tree (the error above)"

    if [ "$mode" = full ]; then
        output=$(make -C "$out" --no-print-directory test 2>&1)
        status=$?
        echo "$output" | tail -n 1
        [ $status -eq 0 ] || fail "handout of $labs: make test failed:"$'\n'"$(echo "$output" | grep -A 20 '^FAIL')"
        return
    fi
    # Its default apps, every one to its end line, with each toolchain. (On
    # QEMU's instruction clock, with a time limit of 20 ms: endless_loop is
    # killed after twenty million instructions, not after a second of the
    # host's. The flags are those the yield lab's grader builds with, so
    # that make grade compiles no kernel file again for that lab.)
    apps=$(ls "$out"/user/apps/*.c | wc -l)
    variables="ICOUNT=1 APP_TIME_LIMIT_MS=20 TIME_SLICE_MS=2"
    for llvm in "" 1; do
        output=$(make -C "$out" --no-print-directory -s LLVM=$llvm $variables qemu 2>&1)
        status=$?
        [ $status -eq 0 ] && [ "$(grep -cE '^\[kernel\] app [0-9]+ \S+: (exited|killed)' <<<"$output")" = "$apps" ] &&
            grep -qE "^\[kernel\] $apps apps: " <<<"$output" ||
            fail "handout of $labs: make qemu LLVM=$llvm $variables (exit $status), wanted $apps apps to their end:"$'\n'"$output"
    done
    output=$(make -C "$out" --no-print-directory -s grade LAB="$labs" 2>/dev/null)
    status=$?
    echo "$output" | tail -n 1
    [ $status -ne 0 ] || fail "handout of $labs: make grade exited 0"
    grep -q Traceback <<<"$output" && fail "handout of $labs: the grader crashed:"$'\n'"$output"
    grep -qE '^Score: 0/[1-9][0-9]*$' <<<"$(echo "$output" | tail -n 1)" ||
        fail "handout of $labs: the score is not 0:"$'\n'"$output"
    while IFS= read -r line; do
        [[ $line =~ ^[a-z0-9_]+:\ .*:\ FAIL\ \(.+\)\ 0/[0-9]+$ ]] ||
            fail "handout of $labs: a test that does not fail: $line"
    done < <(grep -v '^Score: ' <<<"$output")
}

# The folders of objects of each toolchain, by name (make test's copy has
# them all).
gcc_objects=$(basename "$(make -s --no-print-directory print-COMPILER_OBJECTS)")
llvm_objects=$(basename "$(make -s --no-print-directory LLVM=1 print-COMPILER_OBJECTS)")

# The files of the working tree, as git would commit them now, which each
# handout is compared with.
tree_files=$folder/tree-files
git ls-files -z --cached --others --exclude-standard >"$tree_files" || exit 1

# The handouts are checked side by side, each in a subshell that writes
# its own log; the logs are shown in order.
sets=$(python3 tools/handout.py --sets) || exit 1
[ -n "$sets" ] || echo "no lab has a marked solution here: nothing to check"
pids=()
while IFS= read -r labs; do
    [ -n "$labs" ] || continue
    (check_handout $labs) >"$folder/${labs// /-}.log" 2>&1 &
    pids+=("$!:${labs// /-}")
done <<<"$sets"
for entry in "${pids[@]}"; do
    wait "${entry%%:*}"
    failures=$((failures + $?))
    cat "$folder/${entry#*:}.log"
    rm -f "$folder/${entry#*:}.log"
done
rm -f "$tree_files"
rmdir "$folder" 2>/dev/null
exit "$((failures > 0))"
