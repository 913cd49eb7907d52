# A wrong make variable stops make with one line that names it, before
# anything is built or run.
set -u
failures=0

expect_refusal() {
    local pattern=$1
    shift
    local output status
    output=$(make --no-print-directory BUILD="$TEST_BUILD/refused" "$@" 2>&1)
    status=$?
    if [ "$status" -eq 0 ] || ! grep -q -- "$pattern" <<<"$output"; then
        echo "FAIL: make $* (exit $status) did not say '$pattern'; it said:"
        echo "$output"
        failures=$((failures + 1))
    elif [ "$(wc -l <<<"$output")" -ne 1 ]; then
        echo "FAIL: make $* said more than one line:"
        echo "$output"
        failures=$((failures + 1))
    else
        echo "refused as it should: make $*: $output"
    fi
}

expect_refusal 'SBI=bogus' SBI=bogus qemu
expect_refusal 'LLVM=yes' LLVM=yes
expect_refusal 'GDBPORT=abc' GDBPORT=abc gdb
expect_refusal 'no RISC-V GCC found (tried nonexistent-)' TOOLPREFIX=nonexistent-
expect_refusal "no app 'nosuchapp'; available: bad_syscall exit_code hello" APPS="hello nosuchapp"
expect_refusal 'no such file: /nonexistent/mine.c' APPS=/nonexistent/mine.c
expect_refusal "an ELF file can run only in the in-place mode" APPS="$TEST_BUILD/kernel.elf"
expect_refusal 'LOG=loud' LOG=loud
expect_refusal 'APP_BASE=banana' APP_BASE=banana
expect_refusal 'APP_STEP=-1' APP_STEP=-1
[ ! -e "$TEST_BUILD/refused" ] || { echo "FAIL: a refused make built something"; failures=$((failures + 1)); }

# `make help` names every variable a user may set.
help=$(make --no-print-directory help)
for variable in SBI LLVM TOOLPREFIX GDBPORT APPS APP_BASE APP_STEP LOG; do
    grep -q "^  $variable=" <<<"$help" || { echo "FAIL: make help does not list $variable"; failures=$((failures + 1)); }
done
exit "$failures"
