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
# An unknown app: the refusal lists every app of user/apps/, in name order.
available=$(for source in user/apps/*.c; do basename "$source" .c; done | LC_ALL=C sort | paste -sd ' ')
expect_refusal "no app 'nosuchapp'; available: $available, or a path" APPS="hello nosuchapp"
expect_refusal 'no such file: /nonexistent/mine.c' APPS=/nonexistent/mine.c
expect_refusal "an ELF file can run only in the in-place mode" APPS="$TEST_BUILD/kernel.elf"
expect_refusal 'no such file: /nonexistent/random.bin' APPS=/nonexistent/random.bin
raw_image=$(mktemp --suffix=.bin)
expect_refusal "a raw image cannot run in the in-place mode (APP_BASE=0)" APP_BASE=0 APPS="$raw_image"
rm -f "$raw_image"
expect_refusal 'LOG=loud' LOG=loud
# KERNEL_BASE: a 2 MiB boundary of the first 64 MiB above OpenSBI, in hex or
# decimal; anything else, shell syntax included, is refused by make alone.
for base in 0x80300000 0x80000000 0x84000000 080600000 0x080600000 '$(true)' "'" '%' \
    '0x80600000 0x80800000' 2153775105; do
    expect_refusal "KERNEL_BASE=$base: a multiple of 0x200000 from 0x80200000 to 0x83e00000" \
        KERNEL_BASE="$base"
done
expect_refusal 'OPT=-O9: choose one of -O0 -O1 -O2 -O3 -Os -Og' OPT=-O9
expect_refusal 'OPT=-O2 -g: choose one of' OPT="-O2 -g"
expect_refusal 'OPT=: choose one of' OPT=
expect_refusal 'ICOUNT=yes' ICOUNT=yes qemu
expect_refusal 'APP_BASE=banana' APP_BASE=banana
expect_refusal 'APP_STEP=-1' APP_STEP=-1
expect_refusal 'APP_BASE=0x80401000 APP_STEP=0: both must be multiples of 0x200000' APP_BASE=0x80401000
expect_refusal 'APP_BASE=0x80400000 APP_STEP=0x1000: both must be multiples of 0x200000' APP_STEP=0x1000
expect_refusal 'APP_TIME_LIMIT_MS=0' APP_TIME_LIMIT_MS=0
expect_refusal 'APP_TIME_LIMIT_MS=1s' APP_TIME_LIMIT_MS=1s
expect_refusal 'BROKEN_APPS_TABLE=bogus' BROKEN_APPS_TABLE=bogus
expect_refusal 'SEED=0x10' SEED=0x10 fuzz
expect_refusal 'SEED=0' SEED=0 fuzz
expect_refusal 'COUNT=0' COUNT=0 fuzz
expect_refusal 'COUNT=100001' COUNT=100001 fuzz
expect_refusal 'COUNT=ten' COUNT=ten fuzz

# A machine with no RISC-V GCC, where installing one did nothing (apt-get is
# a stub, run as by root: id says 0): the last line says so, rather than the
# host's gcc being used.
bare=$(mktemp -d)
for tool in /usr/bin/* /bin/*; do
    case ${tool##*/} in
    riscv64-* | apt-get | id | sudo) ;;
    *) [ -e "$bare/${tool##*/}" ] || ln -s "$tool" "$bare/${tool##*/}" ;;
    esac
done
printf '#!/bin/sh\n' >"$bare/apt-get"
printf '#!/bin/sh\necho 0\n' >"$bare/id"
chmod +x "$bare/apt-get" "$bare/id"
output=$(PATH=$bare make --no-print-directory BUILD="$TEST_BUILD/refused" 2>&1)
status=$?
rm -rf "$bare"
if [ "$status" -eq 0 ] || ! tail -n 1 <<<"$output" |
    grep -qF 'no RISC-V GCC found (tried riscv64-unknown-elf- riscv64-linux-gnu- riscv64-unknown-linux-gnu-)'; then
    echo "FAIL: make with no RISC-V GCC (exit $status) said:"
    echo "$output"
    failures=$((failures + 1))
else
    echo "refused as it should: make with no RISC-V GCC: $(tail -n 1 <<<"$output")"
fi
[ ! -e "$TEST_BUILD/refused" ] || { echo "FAIL: a refused make built something"; failures=$((failures + 1)); }

# `make help` names every variable a user may set, the editors' target and
# the fuzzer's.
help=$(make --no-print-directory help)
for variable in SBI LLVM TOOLPREFIX GDBPORT APPS APP_BASE APP_STEP LOG BUILD SEED COUNT; do
    grep -q "^  $variable=" <<<"$help" || { echo "FAIL: make help does not list $variable"; failures=$((failures + 1)); }
done
for target in compile_commands.json fuzz; do
    grep -q "^  make $target " <<<"$help" ||
        { echo "FAIL: make help does not list make $target"; failures=$((failures + 1)); }
done

# Values that follow from others: LLVM=1 builds in a folder of its own, and a
# TOOLPREFIX given is the one used.
expect_value() {
    local variable=$1 wanted=$2 value
    shift 2
    value=$(make -s --no-print-directory "$@" "print-$variable")
    if [ "$value" = "$wanted" ]; then
        echo "as it should: make $* gives $variable=$value"
    else
        echo "FAIL: make $* gives $variable='$value', not '$wanted'"
        failures=$((failures + 1))
    fi
}
expect_value BUILD build
expect_value BUILD build/llvm LLVM=1
# make test builds with both toolchains itself, under build/ even with LLVM=1.
if make -n --no-print-directory LLVM=1 test | grep -q 'tests/run-tests.sh build *$'; then
    echo "as it should: make LLVM=1 test runs the tests in build"
else
    echo "FAIL: make LLVM=1 test does not run the tests in build: $(make -n --no-print-directory LLVM=1 test)"
    failures=$((failures + 1))
fi
expect_value BUILD elsewhere LLVM=1 BUILD=elsewhere
expect_value CC riscv64-linux-gnu-gcc TOOLPREFIX=riscv64-linux-gnu-
exit "$failures"
