# A wrong make variable stops make with one line that names it, before
# anything is built or run.
. "$(dirname "$0")/../lib.sh"

expect_refusal() {
    local pattern=$1
    shift
    local output status
    output=$(make --no-print-directory BUILD="$TEST_BUILD/refused" "$@" 2>&1)
    status=$?
    # (Bash's own tests, not grep and wc: this runs hundreds of times.)
    if [ "$status" -eq 0 ] || [[ $output != *"$pattern"* ]]; then
        echo "FAIL: make $* (exit $status) did not say '$pattern'; it said:"
        echo "$output"
        failures=$((failures + 1))
    elif [[ $output == *$'\n'* ]]; then
        echo "FAIL: make $* said more than one line:"
        echo "$output"
        failures=$((failures + 1))
    else
        echo "refused as it should: make $*: $output"
    fi
}

expect_refusal 'SBI=bogus' SBI=bogus qemu
expect_refusal 'LLVM=yes' LLVM=yes
expect_refusal 'LLVM=1 1' "LLVM=1 1"
expect_refusal 'KTEST=yes' KTEST=yes
expect_refusal 'BENCH=2' BENCH=2
expect_refusal "TOOLPREFIX=riscv64 linux-: a toolchain prefix" "TOOLPREFIX=riscv64 linux-"
expect_refusal "BUILD=my build: a folder is needed" "BUILD=my build"
expect_refusal "CASES: no case 'nosuchcase' in tests/cases/; there are: " CASES="memory_map nosuchcase" test
expect_refusal 'GDBPORT=abc' GDBPORT=abc gdb
expect_refusal 'no RISC-V GCC found (tried nonexistent-)' TOOLPREFIX=nonexistent-
# An unknown app: the refusal lists every app of user/apps/, in name order.
available=$(for source in user/apps/*.c; do
    source=${source##*/}
    echo "${source%.c}"
done | LC_ALL=C sort | paste -sd ' ')
expect_refusal "no app 'nosuchapp'; available: $available, or a path" APPS="hello nosuchapp"
expect_refusal 'no such file: /nonexistent/mine.c' APPS=/nonexistent/mine.c
expect_refusal "an ELF file can run only in the in-place mode" APPS="$TEST_BUILD/kernel.elf"
expect_refusal 'no such file: /nonexistent/random.bin' APPS=/nonexistent/random.bin
raw_image=$(mktemp --suffix=.bin)
expect_refusal "a raw image cannot run in the in-place mode (APP_BASE=0)" APP_BASE=0 APPS="$raw_image"
rm -f "$raw_image"
# Paths in APPS (issue 11, item 12) that make cannot carry (a space splits
# the list, make reads '$') or that a shell would read (quotes, ';'), and a
# file that leaves its app no name: each refused before anything is built,
# in one line that names the path and the rule.
odd=$TEST_BUILD/odd_paths
mkdir -p "$odd/my dir"
touch "$odd/my dir/mine.c" "$odd/it's.c" "$odd/quote\"d.c" "$odd/a;b.c" "$odd/a\$b.c" "$odd/.c" "$odd/a+b.c"
rule='a path in APPS may use only letters, digits and _ . - / + , @ (rename or link the file)'
expect_refusal "APPS: '$odd/my' is neither an app of user/apps/ nor a .c, .elf or .bin file (APPS is split at spaces: a path cannot hold one)" \
    APPS="$odd/my dir/mine.c"
expect_refusal "APPS: '$odd/it's.c': $rule" APPS="hello $odd/it's.c"
expect_refusal "APPS: '$odd/quote\"d.c': $rule" APPS="$odd/quote\"d.c"
expect_refusal "APPS: '$odd/a;b.c': $rule" APPS="$odd/a;b.c"
expect_refusal "APPS='$odd/a\$b.c': a '\$' here would be read by make; rename the file" APPS="$odd/a\$b.c"
expect_refusal "APPS: '$odd/.c': an app is named after its file, and this one leaves no name" APPS="$odd/.c"
expect_refusal "APPS: '$odd/a+b.c': an app is named after its file, and 'a+b' is not a name: use only letters, digits and _ . -" \
    APPS="$odd/a+b.c"
rm -rf "$odd"
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
# One syntax for addresses and sizes (hex with 0x, or decimal without a
# leading zero): what the shell and ld would read as octal is refused.
expect_refusal 'APP_BASE=02151677952: an address is needed, hex with 0x or decimal without a leading zero' APP_BASE=02151677952
expect_refusal 'APP_BASE=0X80400000: an address is needed' APP_BASE=0X80400000
expect_refusal 'APP_BASE=0x: an address is needed' APP_BASE=0x
expect_refusal 'APP_BASE=0x10000000000000000: an address is needed' APP_BASE=0x10000000000000000
expect_refusal 'APP_BASE=18446744073709551616: an address is needed' APP_BASE=18446744073709551616
expect_refusal 'APP_STEP=010: a number of bytes is needed' APP_STEP=010
expect_refusal 'APP_STEP=0x200000 : a number of bytes is needed' "APP_STEP=0x200000 "
expect_refusal 'GDBPORT=01234' GDBPORT=01234 gdb
expect_refusal 'GDBPORT=65536' GDBPORT=65536 gdb
expect_refusal 'APP_TIME_LIMIT_MS=0' APP_TIME_LIMIT_MS=0
expect_refusal 'APP_TIME_LIMIT_MS=1s' APP_TIME_LIMIT_MS=1s
expect_refusal 'TIME_SLICE_MS=0: a number of milliseconds is needed' TIME_SLICE_MS=0
expect_refusal 'TIME_SLICE_MS=010' TIME_SLICE_MS=010
expect_refusal 'BROKEN_APPS_TABLE=bogus' BROKEN_APPS_TABLE=bogus
expect_refusal 'SEED=0x10' SEED=0x10 fuzz
expect_refusal 'SEED=0' SEED=0 fuzz
expect_refusal 'COUNT=0' COUNT=0 fuzz
expect_refusal 'COUNT=100001' COUNT=100001 fuzz
expect_refusal 'COUNT=ten' COUNT=ten fuzz

# No value of a make variable is ever run by a shell (issue 11, item 7):
# every variable `make help` lists, and those the Makefile sets for its own
# sub-makes, gets values that would create a file if a shell read them
# inside single quotes, inside double quotes or bare (with and
# without a ';', which make itself reads in a rule); make must refuse each
# at once, for `make help`, for a build (and for `make test`, which runs
# the CASES), and the file must never appear.
planted=$(mktemp -u "${TMPDIR:-/tmp}/planted.XXXXXX")
payloads=("1'; touch $planted; echo '" "1\"; touch $planted; echo \"" "1\`touch $planted\`" "1; touch $planted")
help=$(make --no-print-directory help)
variables=$(sed -n 's/^  \([A-Z_]*\)=.*/\1/p' <<<"$help")
injected=0
for variable in $variables KTEST BENCH; do
    for payload in "${payloads[@]}"; do
        goals="help all"
        [ "$variable" = CASES ] && goals="$goals test"
        for goal in $goals; do
            output=$(make --no-print-directory BUILD="$TEST_BUILD/refused" "$goal" "$variable=$payload" 2>&1)
            status=$?
            if [ -e "$planted" ]; then
                echo "FAIL: make $goal $variable=\"$payload\" ran the value in a shell"
                failures=$((failures + 1))
                rm -f "$planted"
            elif [ "$status" -eq 0 ] || [[ $output == *$'\n'* || $output != *"$variable"* ]]; then
                echo "FAIL: make $goal $variable=\"$payload\" (exit $status) did not refuse it in one line naming $variable:"
                echo "$output"
                failures=$((failures + 1))
            fi
            injected=$((injected + 1))
        done
    done
done
echo "refused as it should: $injected values that a shell would have run, $(wc -w <<<"$variables") variables"

# A machine with no RISC-V GCC, where installing one did nothing (apt-get is
# a stub, run as by root: id says 0): the last line says so, rather than the
# host's gcc being used. (This make installs, as one run by hand does: not
# as one that make test runs, which finds DEPENDENCIES_CHECKED.)
bare=$(scratch_folder bare-machine 16)
declare -A linked=()
tools=()
for tool in /usr/bin/* /bin/*; do
    case ${tool##*/} in
    riscv64-* | apt-get | id | sudo) ;;
    *) [ -n "${linked[${tool##*/}]:-}" ] || tools+=("$tool") ;;
    esac
    linked[${tool##*/}]=1
done
ln -s -t "$bare" "${tools[@]}" # one ln for them all: a thousand would take seconds
printf '#!/bin/sh\n' >"$bare/apt-get"
printf '#!/bin/sh\necho 0\n' >"$bare/id"
chmod +x "$bare/apt-get" "$bare/id"
output=$(PATH=$bare env -u DEPENDENCIES_CHECKED make --no-print-directory BUILD="$TEST_BUILD/refused" 2>&1)
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

# `make help` (read above) names every variable a user may set, the
# editors' target and the fuzzer's.
for variable in SBI LLVM TOOLPREFIX GDBPORT APPS APP_BASE APP_STEP APP_TIME_LIMIT_MS TIME_SLICE_MS LOG BUILD SEED COUNT; do
    [[ $'\n'$help == *$'\n'"  $variable="* ]] || fail "make help does not list $variable"
done
for target in compile_commands.json fuzz; do
    [[ $'\n'$help == *$'\n'"  make $target "* ]] || fail "make help does not list make $target"
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
if make -n --no-print-directory LLVM=1 test | grep -q 'tests/run-tests.sh build  *||'; then
    echo "as it should: make LLVM=1 test runs the tests in build"
else
    echo "FAIL: make LLVM=1 test does not run the tests in build: $(make -n --no-print-directory LLVM=1 test)"
    failures=$((failures + 1))
fi
expect_value BUILD elsewhere LLVM=1 BUILD=elsewhere
expect_value CC riscv64-linux-gnu-gcc TOOLPREFIX=riscv64-linux-gnu-
expect_value APP_IN_PLACE 1 APP_BASE=0x0
expect_value APP_IN_PLACE '' APP_BASE=2151677952
expect_value CASES "memory_map packer.sh" CASES="memory_map packer.sh"

# Whether a layout fits the machine is for the packer to say: it runs the
# kernel's own check (linker_apps_check) on the layout, with the machine of
# kernel/platform.h, and make stops at its one line, naming the app and the
# problem, before a kernel is linked. Raw images as the apps leave nothing
# to build but the packer. These are the layouts that used to build a
# kernel that could only panic (issue 11, item 8).
layout=$TEST_BUILD/layout
mkdir -p "$layout"
ecall=$layout/ecall.bin
printf '\x73\x00\x00\x00' >"$ecall"
head -c $((0x200000)) /dev/zero >"$layout/two_mib.bin"
head -c $((0x100000)) /dev/zero >"$layout/one_mib.bin"
expect_layout_refusal() {
    local pattern=$1 output status
    shift
    output=$(make --no-print-directory BUILD="$layout" "$@" 2>&1)
    status=$?
    if [ "$status" -eq 0 ] || ! grep -q -- "^pack_apps: $pattern" <<<"$output" || [ -e "$layout/kernel.elf" ]; then
        echo "FAIL: make $* (exit $status) did not stop at the packer saying '$pattern'; it said:"
        tail -n 5 <<<"$output"
        failures=$((failures + 1))
        rm -f "$layout/kernel.elf"
    else
        echo "refused as it should: make $*: $(grep '^pack_apps: ' <<<"$output")"
    fi
}
kernel='is over the kernel with its packed apps (at least), 0x80200000\.\.'
expect_layout_refusal "the slot of app 0, 0x80200000\.\.0x80400000, $kernel" APPS="$ecall" APP_BASE=0x80200000
expect_layout_refusal 'the slot of app 0, 0x88000000\.\.0x88200000, is outside RAM, 0x80000000\.\.0x88000000; app 0 is .ecall.' \
    APPS="$ecall" APP_BASE=0x88000000
expect_layout_refusal 'the slot of app 0, 0x10000000\.\.0x10200000, is outside RAM' APPS="$ecall" APP_BASE=0x10000000
expect_layout_refusal 'the slot of app 0, 0x80000000\.\.0x80200000, is over firmware, 0x80000000\.\.0x80200000' \
    APPS="$ecall" APP_BASE=0x80000000
expect_layout_refusal 'the slot of app 1, 0x88000000\.\.0x88200000, is outside RAM.*; app 1 is .ecall.' \
    APPS="$ecall $ecall" APP_BASE=0x87e00000 APP_STEP=0x200000
expect_layout_refusal "the slot of app 0, 0x80400000\.\.0x80600000, $kernel.*app 0 is .two_mib." APPS="$layout/two_mib.bin"
expect_layout_refusal "the slot of app 0, 0x80400000\.\.0x80600000, $kernel.*app 0 is .one_mib." \
    APPS="$layout/one_mib.bin $layout/one_mib.bin"
expect_layout_refusal 'base 0x80401000 and step 0x0 must be multiples of the slot size, 0x200000' APPS="$ecall" APP_BASE=0x80401000
expect_layout_refusal 'base 0x80400000 and step 0x300000 must be multiples of the slot size, 0x200000' APPS="$ecall" APP_STEP=0x300000
expect_layout_refusal 'step 0xffffffffffe00000 is larger than RAM' APPS="$ecall $ecall" APP_STEP=0xffffffffffe00000
exit "$failures"
