# The test driver itself (tests/run-tests.sh, behind `make test`), run by
# `make test` in a copy of this tree with cases and errors planted in it
# (issue 11, items 14 to 16):
# - a case is named with or without its suffix; an unknown name is refused
#   in one line that lists the cases;
# - a failing run ends on its "N passed, M failed" line, with nothing from
#   make after it, and make exits non-zero;
# - a config whose build alone fails is named with its error line, and
#   only its cases fail;
# - make bless rewrites an expected transcript and shows the diff, make
#   test never does;
# - a compile error in the default configuration is shown once, with its
#   source line, and no case runs;
# - what an expect case spawns and leaves running is ended when the case
#   ends (tests/lib.tcl), with SIGKILL if SIGTERM is not enough, and said
#   in its log; what it waited for is left alone.
# One kernel build in all, the copy's default one, with one app (linked
# from the objects of this run's first builds, copied).
. "$(dirname "$0")/../lib.sh"

# In RAM when there is room (scratch_folder): the copy writes a thousand
# files, its builds' included.
copy=$(scratch_folder test_runner 128)
trap 'cd / && rm -rf "$copy"' EXIT
git ls-files -z --cached --others --exclude-standard | xargs -0 cp -p --parents -t "$copy" || {
    echo "FAIL: cannot copy the tree"
    exit 1
}
# Its files keep their dates (cp -p): built from a copy of the objects of
# this make test's first builds (tests/run-tests.sh), it compiles only what
# it changes.
if [ -n "${TEST_BASE_OBJECTS:-}" ]; then
    mkdir -p "$copy/build" && cp -a "$TEST_BASE_OBJECTS/." "$copy/build/" || {
        echo "FAIL: cannot copy the objects of $TEST_BASE_OBJECTS"
        exit 1
    }
fi
cd "$copy" || exit 1
find user/apps -name '*.c' ! -name hello.c -delete
printf 'echo "ran as it should"\n' >tests/cases/ok_case.sh
printf 'echo "the planted failure"\nexit 1\n' >tests/cases/bad_case.sh
# An expect case that spawns three programs: one it waits for, one it
# leaves running, one it leaves running that ignores SIGTERM; it prints
# the process group of each (spawn makes each the leader of its own).
cat >tests/cases/spawn_case.exp <<'EXP'
# toolchains: gcc
source [file join [file dirname [info script]] .. lib.tcl]
set groups {}
foreach command {{exit 0} {exec sleep 300} {trap "" TERM; exec sleep 300}} {
    spawn sh -c "echo started; $command"
    expect started
    lappend groups [exp_pid]
    lappend spawned $spawn_id
}
expect -i [lindex $spawned 0] eof
wait -i [lindex $spawned 0]
puts "groups: $groups"
EXP

# passed SINCE WHAT: says WHAT if no check failed since failures was SINCE.
passed() { [ "$failures" -eq "$1" ] && echo "as it should: $2"; }

# run_tests CASES: `make test` in the copy, as a user runs it (not as a
# make run by a make, which would say so); sets output and status.
# The copy builds its own objects, not in the folder of this run's (whose
# OBJECTS, in the environment, may be a path outside it).
unset MAKELEVEL MAKEFLAGS MFLAGS OBJECTS
run_tests() {
    output=$(make test CASES="$1" 2>&1)
    status=$?
}
# expect_last LINE: the run failed, and its last line is LINE.
expect_last() {
    if [ "$status" -eq 0 ] || [ "$(tail -n 1 <<<"$output")" != "$1" ]; then
        fail "make test (exit $status) did not end on '$1':"$'\n'"$output"
    fi
}
expect_line() { # expect_line PATTERN: a line of the output matches
    grep -qE -- "$1" <<<"$output" || fail "no line '$1' in:"$'\n'"$output"
}
expect_source_line() { # the compiler's quote of the planted line
    grep -qF -- "| $planted" <<<"$output" || fail "the source line is not shown:"$'\n'"$output"
}

# 1. Names with and without the suffix; a failing case; nothing after the
#    summary, not even make's own line about the failed recipe.
before=$failures
run_tests "ok_case bad_case.sh spawn_case"
expect_line '^PASS ok_case\.sh$'
expect_line '^FAIL bad_case\.sh '
expect_line '^    the planted failure$'
expect_line '^PASS spawn_case\.exp$'
expect_last "2 passed, 1 failed"
passed "$before" "a failing case: exit $status, last line: $(tail -n 1 <<<"$output")"

# The programs spawn_case.exp left running were ended as it ended, and its
# log says so; the one it waited for was not signalled.
before=$failures
log=build/test-logs/spawn_case.exp.log
read -r waited_for left_running ignores_term < <(sed -n 's/^groups: //p' "$log")
if [ -z "$ignores_term" ]; then
    fail "spawn_case.exp did not print its process groups:"$'\n'"$(cat "$log")"
else
    # (A process killed stays a zombie until it is reaped, and a zombie
    # answers kill -0: ps tells them apart.)
    for group in "$left_running" "$ignores_term"; do
        ps -e -o pgid=,stat= | awk -v group="$group" '$1 == group && $2 !~ /^Z/ { found = 1 } END { exit !found }' &&
            fail "process group $group still runs after its case ended"
    done
    grep -qx "tests/lib.tcl: process group $left_running still ran as the case ended: sent SIGTERM" "$log" &&
        grep -qx "tests/lib.tcl: process group $ignores_term still ran as the case ended: sent SIGTERM, then SIGKILL" "$log" &&
        ! grep -q "process group $waited_for " "$log" ||
        fail "spawn_case.exp's log does not say what was ended, or ended what had ended:"$'\n'"$(cat "$log")"
fi
passed "$before" "what a case left running was ended: $(grep -c '^tests/lib.tcl: process group' "$log") process groups"

# 2. An unknown name: one line, from make, that lists the cases; and from
#    the driver run by hand.
before=$failures
run_tests "ok_case nosuch_case"
if [ "$status" -eq 0 ] || [ "$(wc -l <<<"$output")" -ne 1 ] ||
    ! grep -q "CASES: no case 'nosuch_case' in tests/cases/; there are: .*ok_case\.sh" <<<"$output"; then
    fail "make test CASES=nosuch_case (exit $status) said:"$'\n'"$output"
fi
output=$(GCC_BINUTILS= LLVM_BINUTILS= tests/run-tests.sh build nosuch_case 2>&1)
status=$?
[ "$status" -ne 0 ] && grep -q "^no case 'nosuch_case' in tests/cases/; there are: .*ok_case\.sh" <<<"$output" ||
    fail "tests/run-tests.sh build nosuch_case (exit $status) said:"$'\n'"$output"
passed "$before" "an unknown case is refused with the list of cases"

# 3. Configs of their own that do not build (make refuses them): the first
#    is named with make's line, the second, which fails the same way, is
#    named with the first; the other case passes.
printf '# config: LOG=loud\necho "ran in its config"\n' >tests/cases/config_case.sh
printf '# config: LOG=loud APPS=hello\necho "ran in its config"\n' >tests/cases/config_case2.sh
before=$failures
run_tests "ok_case config_case config_case2"
expect_line "^The build of config 'LOG=loud' failed \(log: [^)]*\):$"
expect_line '^Makefile:[0-9]+: \*\*\* LOG=loud: choose one of '
expect_line "^The build of config 'LOG=loud APPS=hello' failed \(log: [^)]*\), as config 'LOG=loud' did\.$"
[ "$(grep -c 'LOG=loud: choose one of' <<<"$output")" -eq 1 ] || fail "make's line is not shown once:"$'\n'"$output"
expect_line '^PASS ok_case\.sh$'
expect_line "^FAIL config_case\.sh "
expect_line "^FAIL config_case2\.sh "
expect_last "1 passed, 2 failed"
passed "$before" "a config of its own that fails is named: $(grep -m1 'LOG=loud:' <<<"$output")"

# 4. make bless rewrites the expected transcript a case compares with, and
#    shows the diff; make test never does, even with TEST_BLESS set in its
#    environment (a case that still failed would otherwise be blessed).
printf 'the transcript as it was\n' >tests/expected/planted.txt
printf '%s\n' '# toolchains: gcc' 'source [file join [file dirname [info script]] .. lib.tcl]' \
    'expect_same_as planted.txt "the transcript as it is now\n"' >tests/cases/bless_case.exp
before=$failures
output=$(TEST_BLESS="$copy/elsewhere" make test CASES=bless_case 2>&1)
status=$?
expect_last "0 passed, 1 failed"
[ "$(cat tests/expected/planted.txt)" = "the transcript as it was" ] && [ ! -e "$copy/elsewhere" ] ||
    fail "make test with TEST_BLESS set wrote an expected transcript"
output=$(make bless CASES=bless_case 2>&1)
status=$?
[ "$status" -eq 0 ] && [ "$(tail -n 1 <<<"$output")" = "1 passed, 0 failed" ] ||
    fail "make bless (exit $status) did not end on '1 passed, 0 failed':"$'\n'"$output"
expect_line '^rewrote tests/expected/planted\.txt:$'
expect_line '^-the transcript as it was$'
expect_line '^\+the transcript as it is now$'
[ "$(cat tests/expected/planted.txt)" = "the transcript as it is now" ] ||
    fail "make bless did not rewrite tests/expected/planted.txt"
rm tests/cases/bless_case.exp tests/expected/planted.txt
passed "$before" "make bless rewrites and shows the diff; make test does not"

# 5. A compile error in every build: shown once, with the line it is on,
#    and nothing runs.
planted='void planted_error(void) { planted_name = 1; }'
printf '\n%s\n' "$planted" >>kernel/log.c
before=$failures
run_tests "ok_case config_case"
expect_line '^The default build failed \(log: '
expect_line '^kernel/log\.c:[0-9]+:[0-9]+: error: '
expect_source_line
[ "$(grep -c ': error: ' <<<"$output")" -eq 1 ] || fail "the error is not shown exactly once:"$'\n'"$output"
grep -qE '^(PASS|FAIL) ' <<<"$output" && fail "cases ran after the default build failed:"$'\n'"$output"
expect_last "0 passed, 1 failed"
passed "$before" "the default build's error, once: $(grep ': error: ' <<<"$output")"

exit "$failures"
