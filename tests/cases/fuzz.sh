# `make fuzz` on a fixed seed: 150 apps of random instructions run on the
# kernel with no panic, reach its every way of ending an app, have the
# lines some of them forge to look like the kernel's shown as theirs, and a
# second run prints the very same transcript. The generator makes the same
# apps for a seed every time (and the same as when this test was written,
# so that a seed in an old report still means the same apps), app I alone
# with --first, and refuses bad arguments in one line. The driver's check
# can fail: on the real kernel made to panic (a broken apps table), and,
# for what a working kernel cannot be made to do on demand, with a
# stand-in for QEMU's output that panics in an app, stops in one,
# miscounts, exits non-zero, or has a line that begins "[kernel]" but is
# none the kernel prints (as a kernel that failed to mark an app's forgery
# would), tools/fuzz.sh must fail, say why, and keep what reproduces it;
# in the slots mode it passes apps that end in any order once all are
# loaded, and fails one that ends twice.
. "$(dirname "$0")/../lib.sh"

# Its files (the runs' apps, boots and kernels, the generator's apps, the
# stand-ins') go in RAM when there is room (scratch_folder): hundreds of
# small files. The folder is kept if the case fails, for what it reproduces.
work=$(scratch_folder fuzz 64)
trap 'if [ "$failures" -eq 0 ]; then rm -rf "$work"; else echo "kept: $work"; fi' EXIT
runs=$work/build

# 1. The fixed-seed run.
output=$(make --no-print-directory -s BUILD="$runs" SEED=7 COUNT=150 fuzz 2>&1)
status=$?
echo "$output"
summary=${output##*$'\n'}
if [ "$status" -ne 0 ]; then
    fail "make fuzz SEED=7 COUNT=150 exited with $status"
elif ! [[ $summary =~ ^fuzz:\ seed\ 7,\ 150\ apps\ in\ 1\ boots:\ ([0-9]+)\ killed,\ ([0-9]+)\ exited,\ 0\ kernel\ panics,\ 0\ boots\ failed ]]; then
    fail "the last line is not the figures of a passing run: $summary"
elif [ $((BASH_REMATCH[1] + BASH_REMATCH[2])) -ne 150 ] || [ "${BASH_REMATCH[2]}" -eq 0 ]; then
    fail "150 apps should end, some by exiting: $summary"
fi
# QEMU counts time in instructions: the same seed, the same transcript.
cp "$runs/fuzz/boot-0/transcript" "$runs/fuzz/first-transcript"
make --no-print-directory -s BUILD="$runs" SEED=7 COUNT=150 fuzz >/dev/null 2>&1 ||
    fail "the second make fuzz SEED=7 COUNT=150 failed"
cmp -s "$runs/fuzz/first-transcript" "$runs/fuzz/boot-0/transcript" ||
    fail "two runs of seed 7 gave different transcripts: $(diff -a "$runs/fuzz/first-transcript" \
        "$runs/fuzz/boot-0/transcript" | head -n 5)"
# Some apps of seed 7 write lines made to pass for the kernel's (at a line
# start, after a carriage return): the kernel shows them as app output, so
# the run above passed, and they are in the transcript, marked.
grep -aq '^\\x5bkernel\] ' "$runs/fuzz/boot-0/transcript" &&
    grep -aq '^\\x0d\[kernel\] ' "$runs/fuzz/boot-0/transcript" ||
    fail "no forged kernel line of seed 7 is in its transcript, marked as the app's"
# The apps must reach the kernel's traps, its system calls and its watchdog,
# not just die at their first word.
causes=
if [[ $'\n'$output == *$'\n'"fuzz: kills by cause: "* ]]; then
    causes=${output#*"fuzz: kills by cause: "}
    causes=${causes%%$'\n'*}
fi
for cause in 'illegal instruction' 'load page fault' 'store page fault' \
    'instruction page fault' 'unknown system call' 'time limit exceeded'; do
    [[ $causes == *"$cause"* ]] || fail "no app was killed by: $cause ($causes)"
done

# The slots mode: app i of a boot in a slot of its own, at 0x80400000 +
# i * 2 MiB; 62 apps fill one boot, the last slot ending where RAM does.
# They are all loaded first, then run together: a slice of 1 ms, so that
# an app that loops is taken off the CPU twice before its 3 ms end.
output=$(make --no-print-directory -s BUILD="$runs" SEED=7 COUNT=62 APP_STEP=0x200000 fuzz 2>&1) ||
    fail "make fuzz SEED=7 COUNT=62 APP_STEP=0x200000 failed:"$'\n'"$output"
grep -q '^fuzz: seed 7, 62 apps in 1 boots: [0-9]* killed, [0-9]* exited, 0 kernel panics, 0 boots failed' <<<"$output" ||
    fail "the slots mode's figures are not those of 62 apps in 1 boot: $(tail -n 1 <<<"$output")"
tr -d '\r' <"$runs/fuzz/boot-0/transcript" | grep -aq '^\[kernel\] app 61 fuzz_61: loaded at 0x87e00000, ' ||
    fail "in the slots mode, app 61 was not loaded at 0x87e00000"

# 2. The generator.
generator=$OBJECTS/host/fuzz_apps
"$generator" --seed 7 --count 20 --output "$work/first" &&
    "$generator" --seed 7 --count 20 --output "$work/again" &&
    "$generator" --seed 7 --first 13 --count 1 --output "$work/alone" &&
    "$generator" --seed 8 --count 20 --output "$work/other" || fail "the generator failed"
diff -r "$work/first" "$work/again" >/dev/null || fail "seed 7 gave different apps twice"
cmp -s "$work/first/fuzz_13.bin" "$work/alone/fuzz_13.bin" || fail "--first 13 --count 1 is not app 13"
[ "$(ls "$work/alone")" = fuzz_13.bin ] || fail "--first 13 --count 1 wrote $(ls "$work/alone")"
! cmp -s "$work/first/fuzz_0.bin" "$work/other/fuzz_0.bin" || fail "seeds 7 and 8 gave the same app 0"
mapfile -t sizes < <(stat -c %s "$work"/first/fuzz_{0..19}.bin)
for i in {0..19}; do
    size=${sizes[i]:-}
    [[ $size =~ ^[0-9]+$ ]] && [ "$size" -ge 256 ] && [ "$size" -le 4096 ] && [ $((size % 4)) -eq 0 ] ||
        fail "app $i is '$size' bytes, not a multiple of 4 from 256 to 4096"
done
# C leaves some orders of evaluation to the compiler: the generator built
# by clang must make the same apps as the one built by cc. Clang's front
# end fixes those orders, and gives its warnings, the same at any -O: -O0
# (90 ms, where -O2 takes 230) also sets an unoptimized build against
# cc's optimized one, where code that relies on undefined behaviour would
# show.
if command -v clang >/dev/null; then
    clang -std=c11 -O0 -Wall -Wextra -Werror -I. tools/fuzz_apps.c -o "$work/fuzz_apps.clang" &&
        "$work/fuzz_apps.clang" --seed 7 --count 20 --output "$work/clang" || fail "the generator built by clang failed"
    diff -r "$work/first" "$work/clang" >/dev/null || fail "the generator built by clang made other apps"
else
    echo "skipped: no clang to build the generator with"
fi
# Changing the generator changes what every seed means: if that is the
# intent, put the new sum here.
sum=$(cat "$work"/first/fuzz_{0..19}.bin | sha256sum)
sum=${sum:0:16}
[ "$sum" = 05cf59412c00ae7a ] || fail "seed 7's apps 0..19 have changed (sha256 $sum)"

expect_refusal() { # expect_refusal WANTED ARGUMENT...
    local wanted=$1 message line lines=0
    shift
    if message=$("$generator" "$@" 2>&1 >/dev/null); then
        fail "fuzz_apps $* succeeded"
        return
    fi
    while IFS= read -r line; do
        [[ $line == "fuzz_apps: "* ]] && lines=$((lines + 1))
    done <<<"$message"
    if [ "$lines" -ne 1 ] || [[ $message != *"$wanted"* ]]; then
        fail "fuzz_apps $* did not say '$wanted' in one line: $message"
    else
        echo "refused as it should: ${message%%$'\n'*}"
    fi
}
expect_refusal "--count 0 is not between 1 and 100000" --seed 1 --count 0 --output "$work/x"
expect_refusal "--count 100001 is not between" --seed 1 --count 100001 --output "$work/x"
expect_refusal "--seed 'abc' is not a decimal number" --seed abc --count 1 --output "$work/x"
expect_refusal "--seed '-1' is not a decimal number" --seed -1 --count 1 --output "$work/x"
expect_refusal "--seed '18446744073709551616' is too large" --seed 18446744073709551616 --count 1 --output "$work/x"
expect_refusal "--first 18446744073709551615: the last index would pass 64 bits" \
    --seed 1 --count 2 --first 18446744073709551615 --output "$work/x"
expect_refusal "missing --output FOLDER" --seed 1 --count 1
expect_refusal "unknown argument 'extra'" --seed 1 --count 1 --output "$work/x" extra
expect_refusal "option --seed given twice" --seed 1 --seed 2 --count 1 --output "$work/x"
expect_refusal "cannot make the folder $work/no/such" --seed 1 --count 1 --output "$work/no/such"
"$generator" --help | grep -q -- '--first N' || fail "--help does not explain --first"

# 3. The driver's check. First the real kernel, which panics at boot on a
#    broken apps table: the driver must report the panic and fail.
{ read -r qemu && read -r machine; } < <(make --no-print-directory -s print-QEMU print-QEMU_MACHINE)
qemu_command="$qemu $machine"
if output=$(QEMU=$qemu_command FUZZ_APPS=$generator tools/fuzz.sh 5 3 "$work/panic" \
    BROKEN_APPS_TABLE=kernel 2>&1); then
    fail "the driver passed a kernel that panicked:"$'\n'"$output"
elif [[ $output != *"FAIL boot 0: apps 0..2: kernel panic: apps table:"* ||
    $output != *"1 kernel panics, 1 boots failed"* ]]; then
    fail "the driver did not report the real kernel's panic:"$'\n'"$output"
else
    echo "failed as it should (a real panic): $(grep '^FAIL' <<<"$output")"
fi

#    Then stand-ins for QEMU. Each prints what a
#    kernel would for the boot's apps (tools/fuzz.sh lists them in
#    BOOT/apps, next to the kernel it is given), going wrong as MODE says.
cat >"$work/qemu" <<'EOF'
#!/usr/bin/env bash
while [ "$1" != -kernel ]; do shift; done
apps=${2%/*}/apps
index=0
if [[ $MODE == together* ]]; then
    # The slots mode: all loaded, then the ends, last app first.
    mapfile -t images <"$apps"
    count=${#images[@]}
    for ((index = 0; index < count; index++)); do
        echo "[kernel] app $index fuzz_$index: loaded at 0x80400000, 256 bytes"
    done
    for ((index = count - 1; index >= 0; index--)); do
        echo "[kernel] app $index fuzz_$index: killed: illegal instruction (stval 0x0), pc 0x80400000"
        [ "$MODE" = together_twice ] && [ "$index" -eq 1 ] &&
            echo "[kernel] app 1 fuzz_1: exited with code 0"
    done
    echo "[kernel] $count apps: 0 exited, $count killed"
    exit 0
fi
while read -r image; do
    name=${image##*/}
    name=${name%.bin}
    echo "[kernel] app $index $name: loaded at 0x80400000, 256 bytes"
    [ "$MODE" = panic ] && [ "$index" -eq 1 ] && echo "[kernel] panic: made up" && exit 1
    [ "$MODE" = unknown ] && [ "$index" -eq 1 ] && echo "[kernel] app 1 $name: made up"
    [ "$MODE" = stops ] && [ "$index" -eq 1 ] && exit 0
    echo "[kernel] app $index $name: killed: illegal instruction (stval 0x0), pc 0x80400000"
    index=$((index + 1))
done <"$apps"
[ "$MODE" = miscount ] && index=$((index + 1))
echo "[kernel] $index apps: 0 exited, $index killed"
[ "$MODE" = status ] && exit 3
exit 0
EOF
chmod +x "$work/qemu"

stand_in() { # stand_in MODE [VARIABLE=value...]: runs the driver on 3 apps of seed 5
    MODE=$1 QEMU=$work/qemu FUZZ_APPS=$generator tools/fuzz.sh 5 3 "$work/stand-in" "${@:2}" 2>&1
}
# LAB yield BEGIN: for mode in good; do
for mode in good 'together APP_STEP=0x200000'; do
# LAB yield END
    if output=$(stand_in $mode); then
        echo "the driver passes a good boot ($mode): ${output##*$'\n'}"
    else
        fail "the driver failed a good boot ($mode):"$'\n'"$output"
    fi
done
kept=$work/stand-in/failed/seed-5-apps-0-2
wrong_boots=(
    'panic/kernel panic: made up/1 kernel panics, 1 boots failed'
    'stops/fuzz_1 never ended/0 kernel panics, 1 boots failed'
    'miscount/the summary says "[kernel] 4 apps: 0 exited, 4 killed", not "[kernel] 3 apps: 0 exited, 3 killed"/0 kernel panics, 1 boots failed'
    'status/QEMU exited with 3/0 kernel panics, 1 boots failed'
    'unknown/a line the kernel does not print: [kernel] app 1 fuzz_1: made up/0 kernel panics, 1 boots failed'
    # LAB yield BEGIN
    'together_twice APP_STEP=0x200000/an end line for an app that was not running: [kernel] app 1 fuzz_1: exited with code 0/0 kernel panics, 1 boots failed'
    # LAB yield END
)
for case in "${wrong_boots[@]}"; do
    IFS=/ read -r mode reason figures <<<"$case"
    rm -rf "$kept"
    account=
    if output=$(stand_in $mode); then
        fail "the driver passed a boot that went wrong ($mode)"
        continue
    fi
    [ -f "$kept/failure" ] && IFS= read -r -d '' account <"$kept/failure"
    if [[ $output != *"FAIL boot 0: apps 0..2: $reason"* || $output != *"$figures"* ]]; then
        fail "the driver did not say '$reason' and '$figures' ($mode):"$'\n'"$output"
    elif [ ! -s "$kept/transcript" ] || [ ! -s "$kept/kernel.elf" ] || [[ $account != *"$reason"* ]]; then
        fail "the driver did not keep the transcript, the kernel and the account in $kept ($mode)"
    else
        echo "failed as it should ($mode): $(grep '^FAIL' <<<"$output")"
    fi
    # A boot that stopped in an app keeps that app, and names it and the
    # commands that run it again.
    if [ "$mode" = panic ]; then
        cmp -s "$kept/fuzz_1.bin" "$work/stand-in/images/fuzz_1.bin" || fail "the app a panic stopped in was not kept"
        [[ $account == *"that app alone: make qemu APPS=$kept/fuzz_1.bin APP_TIME_LIMIT_MS="* &&
            $account == *"--seed 5 --first 1 --count 1"* && $account == *"make fuzz SEED=5 COUNT=3"* ]] ||
            fail "the account does not say how to run it again:"$'\n'"$account"
    fi
done
exit "$failures"
