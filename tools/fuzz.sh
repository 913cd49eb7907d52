#!/usr/bin/env bash
# `make fuzz`: runs COUNT apps of random instructions (tools/fuzz_apps.c,
# from SEED) on the kernel and checks that it survives them all. The apps
# are packed as raw images into as few kernels as fit, each built in a
# folder of its own (the batch mode, one slot for all, or with APP_STEP the
# slots mode, where a boot's apps are all loaded first and then run
# together; a short time limit per app) and booted in QEMU, on a clock of
# guest instructions so that every run is the same, up to one boot per
# processor at a time. A boot passes if QEMU exits 0 within its time, with
# no panic, after every app was loaded in order and ended with one line
# (in the batch mode, before the next was loaded), the summary line counts
# them right, and every line that starts with "[kernel]" is one the kernel
# prints. A failed boot is kept, with the commands that run it again.
#
# Usage: tools/fuzz.sh SEED COUNT FOLDER [VARIABLE=value...]
#   SEED, COUNT     the generator's seed, and how many apps
#   FOLDER          where the images, the boots and the kept failures go
#   VARIABLE=value  make variables for every boot's build (the toolchain,
#                   the firmware; APP_STEP=0x200000 for the slots mode)
# Environment: QEMU (the command and machine flags, without -kernel) and
# FUZZ_APPS (the generator, built). Prints one line per boot, then the
# figures; exits 1 if any boot failed.
set -uo pipefail
export LC_ALL=C # the transcripts hold whatever bytes the apps wrote

if [ $# -lt 3 ]; then
    echo "usage: tools/fuzz.sh SEED COUNT FOLDER [VARIABLE=value...]" >&2
    exit 2
fi
seed=$1 count=$2 folder=$3
shift 3
make_variables=("$@")
: "${QEMU?is not set: run the fuzzer with make fuzz}" "${FUZZ_APPS?is not set: run the fuzzer with make fuzz}"
cd "$(dirname "$0")/.."
# The boots' makes get the variables above and nothing of the make that
# runs this script (its SEED, COUNT, APPS, its jobserver).
unset MAKEFLAGS MFLAGS

# A kernel must stay well under the 2 MiB megapage it is mapped in, and the
# images are all of its size that grows; the make command line holds every
# image's path, so the apps of one boot are bounded too.
BOOT_IMAGE_BYTES=$((1024 * 1024))
BOOT_APP_LIMIT=500
# The apps' slots: all in one at APP_BASE, or, with a step, app i of a boot
# at APP_BASE + i * APP_STEP; those must all lie in RAM, below RAM_END
# (kernel/platform.h), which bounds the apps of a boot too.
APP_BASE=0x80400000
APP_STEP=0
RAM_END=0x88000000
for variable in "${make_variables[@]}"; do
    [[ $variable == APP_STEP=* ]] && APP_STEP=${variable#APP_STEP=}
done
# Checked before the shell computes with it (make has checked it too).
if ! [[ $APP_STEP =~ ^(0|[1-9][0-9]*|0x[0-9a-fA-F]+)$ ]]; then
    echo "tools/fuzz.sh: APP_STEP=$APP_STEP: a number of bytes is needed" >&2
    exit 2
fi
if [ $((APP_STEP)) -ne 0 ] && [ $(((RAM_END - APP_BASE) / APP_STEP)) -lt "$BOOT_APP_LIMIT" ]; then
    BOOT_APP_LIMIT=$(((RAM_END - APP_BASE) / APP_STEP))
fi
# In the slots mode the kernel loads all the apps of a boot first, then
# runs them together (the yield lab); in the batch mode each ends before
# the next is loaded.
# LAB yield BEGIN: TOGETHER=0
TOGETHER=$((APP_STEP != 0))
# LAB yield END
# Random code loops forever as often as not: each app gets this much time
# (guest milliseconds) before the kernel kills it. In the slots mode, where
# the apps of a boot run together, an app that loops is taken off the CPU
# twice before that, at the end of each time slice.
APP_TIME_LIMIT_MS=3
TIME_SLICE_MS=1
# QEMU's clock counts guest instructions, one nanosecond each, and stands
# still when the guest waits: the time limit then strikes at the same
# instruction on every run, and a boot's transcript is the same on every
# machine, so that a failure happens again when run again.
QEMU_CLOCK="-icount shift=0,sleep=off"
# How long a boot may take before it counts as hung, in seconds of the
# host: far more than every app using its whole time limit.
boot_timeout() { echo $((60 + $1 / 5)); }

images=$folder/images
rm -rf "$images"
mkdir -p "$folder"
"$FUZZ_APPS" --seed "$seed" --count "$count" --output "$images" || exit 1
rm -f "$folder"/boot-*/apps "$folder"/boot-*/transcript "$folder"/boot-*/verdict

# 1. Split the apps, in order, into boots: a new boot when the next image
#    would pass either bound. (The sizes are kept by index, which bash
#    lists in order: no sort, no sed.)
sizes=()
while read -r file size; do
    index=${file#fuzz_}
    index=${index%.bin}
    [[ $index =~ ^(0|[1-9][0-9]*)$ ]] && sizes[index]=$size
done < <(find "$images" -name 'fuzz_*.bin' -printf '%f %s\n')
boots=0 boot_bytes=0 boot_apps=0
for index in "${!sizes[@]}"; do
    size=${sizes[index]}
    if [ "$boot_apps" -eq 0 ] || [ $((boot_bytes + size)) -gt "$BOOT_IMAGE_BYTES" ] ||
        [ "$boot_apps" -ge "$BOOT_APP_LIMIT" ]; then
        boots=$((boots + 1)) boot_bytes=0 boot_apps=0
        mkdir -p "$folder/boot-$((boots - 1))"
    fi
    echo "$images/fuzz_$index.bin" >>"$folder/boot-$((boots - 1))/apps"
    boot_bytes=$((boot_bytes + size)) boot_apps=$((boot_apps + 1))
done

# The kernel's lines in a transcript, in order: each starts a line with
# "[kernel] " (the kernel ends a line an app left open before it prints
# one, and shows an app's line that begins so as "\x5bkernel]"), so what
# the apps wrote is left out, however they tried to look like the kernel.
# The firmware writes "\r\n" for a newline; an app's own \r is shown as
# "\x0d". KERNEL_EVENTS is the start of an awk program that passes on only
# those lines, with no \r.
KERNEL_EVENTS='{ gsub(/\r/, "") } !/^\[kernel\] / { next }'

# check_boot TRANSCRIPT FIRST COUNT: follows the events and prints
# "KILLED EXITED PANICS RUNNING PROBLEM": RUNNING is the index of the app
# that was loaded but had not ended when the boot stopped (the first of
# them in the slots mode), or -; PROBLEM what is wrong (empty if nothing
# is). In the batch mode an app ends before the next is loaded; in the
# slots mode all are loaded before any ends, and then they end in any
# order, each once.
check_boot() {
    awk -v first="$2" -v count="$3" -v together="$TOGETHER" "$KERNEL_EVENTS"'
        function fault(text) { if (problem == "") problem = text }
        BEGIN { loaded = 0; running = -1; exited = 0; killed = 0; panics = 0; ending = 0 }
        /^\[kernel\] panic: / { panics++; fault("kernel " substr($0, 10)); next }
        /^\[kernel\] (batch kernel booting on hart [0-9]+|\.[a-z]+ +0x[0-9a-f]+\.\.0x[0-9a-f]+)$/ { next }
        /^\[kernel\] app [0-9]+ [^ ]+: (loaded at 0x[0-9a-f]+, [0-9]+ bytes|exited with code -?[0-9]+|killed: .*)$/ {
            index_in_boot = $3; name = $4; sub(/:$/, "", name)
            if ($5 == "loaded") {
                wanted = "fuzz_" (first + loaded)
                if (!together && running >= 0)
                    fault("app " name " was loaded before fuzz_" (first + running) " ended")
                else if (together && ending)
                    fault("app " name " was loaded after apps had begun to end")
                else if (index_in_boot != loaded || name != wanted)
                    fault("app " index_in_boot " " name " was loaded, not app " loaded " " wanted)
                else
                    alive[running = loaded++] = 1
            } else if (!alive[index_in_boot] || (!together && index_in_boot != running)) {
                fault("an end line for an app that was not running: " $0)
            } else {
                if ($5 == "exited") exited++; else killed++
                alive[index_in_boot] = 0
                ending = 1
                running = -1
            }
            next
        }
        /^\[kernel\] [0-9]+ apps: / { summary = $0; next }
        { fault("a line the kernel does not print: " $0) }
        END {
            for (app = loaded - 1; app >= 0; app--)
                if (alive[app]) running = app
            if (running >= 0) fault("fuzz_" (first + running) " never ended")
            else if (loaded != count) fault(loaded " of " count " apps were loaded")
            wanted = sprintf("[kernel] %d apps: %d exited, %d killed", count, exited, killed)
            if (summary == "") fault("no summary line")
            else if (summary != wanted) fault("the summary says \"" summary "\", not \"" wanted "\"")
            printf "%d %d %d %s %s\n", killed, exited, panics,
                (running >= 0 ? first + running : "-"), problem
        }' "$1"
}

# 2. Build and boot one kernel; its verdict goes to BOOT/verdict as
#    "STATUS KILLED EXITED PANICS", STATUS ok or fail, and its line (or a
#    failure's account) to the output.
run_boot() {
    local number=$1 dir=$folder/boot-$1 start=$SECONDS apps first last status boot_images
    mapfile -t boot_images <"$dir/apps"
    apps=${#boot_images[@]}
    first=${boot_images[0]##*/fuzz_}
    first=${first%.bin}
    last=$((first + apps - 1))
    local what="boot $number: apps $first..$last"
    if ! make --no-print-directory -s BUILD="$dir" "${make_variables[@]}" \
        APPS="${boot_images[*]}" APP_BASE=$APP_BASE APP_STEP=$APP_STEP \
        APP_TIME_LIMIT_MS=$APP_TIME_LIMIT_MS TIME_SLICE_MS=$TIME_SLICE_MS LOG=warn all >"$dir/build.log" 2>&1; then
        echo "fail 0 0 0" >"$dir/verdict"
        printf 'FAIL %s: the build failed (log: %s):\n%s\n' "$what" "$dir/build.log" "$(tail -n 5 "$dir/build.log")"
        return
    fi
    timeout --kill-after=5 "$(boot_timeout "$apps")" $QEMU $QEMU_CLOCK -kernel "$dir/kernel.elf" -nographic \
        </dev/null >"$dir/transcript" 2>&1
    status=$?
    local killed exited panics running problem
    read -r killed exited panics running problem < <(check_boot "$dir/transcript" "$first" "$apps")
    [ -n "$running" ] || problem="the transcript check failed" killed=0 exited=0 panics=0 running=-
    if [ "$status" -eq 124 ] || [ "$status" -eq 137 ]; then
        problem="${problem:+$problem; }QEMU was still running after $(boot_timeout "$apps") s"
    elif [ "$status" -ne 0 ]; then
        problem="${problem:+$problem; }QEMU exited with $status"
    fi
    if [ -z "$problem" ]; then
        echo "ok $killed $exited $panics" >"$dir/verdict"
        echo "$what: $killed killed, $exited exited ($((SECONDS - start)) s)"
        # A passed boot's kernel and table are a MiB of images each, and a
        # long run has hundreds of boots: only the transcript is kept.
        rm -f "$dir/kernel.elf" "$dir/apps.o"
        return
    fi
    echo "fail $killed $exited $panics" >"$dir/verdict"
    report_failure "$what" "$problem" "$dir" "$first" "$last" "$running"
}

# Keeps a failed boot where the next run does not overwrite it, and says
# how to run it, and the app it stopped in, again.
report_failure() {
    local what=$1 problem=$2 dir=$3 first=$4 last=$5 running=$6
    local kept=$folder/failed/seed-$seed-apps-$first-$last
    local variables="" variable
    for variable in "${make_variables[@]}"; do
        [[ $variable == *= ]] || variables+="$variable " # the ones set
    done
    rm -rf "$kept"
    mkdir -p "$kept"
    cp "$dir/transcript" "$dir/kernel.elf" "$kept/"
    # Written to the file first, then printed in one piece, so that the
    # lines of boots running at the same time do not cut into it.
    {
        echo "FAIL $what: $problem"
        echo "  kept in $kept/: the transcript, the kernel"
        echo "  this boot again: $QEMU $QEMU_CLOCK -kernel $kept/kernel.elf -nographic"
        if [ "$running" != - ]; then
            cp "$images/fuzz_$running.bin" "$kept/"
            echo "  it stopped in app fuzz_$running, kept as $kept/fuzz_$running.bin"
            echo "  that app alone: make qemu ${variables}APPS=$kept/fuzz_$running.bin APP_TIME_LIMIT_MS=$APP_TIME_LIMIT_MS"
            echo "  that app made again: $FUZZ_APPS --seed $seed --first $running --count 1 --output FOLDER"
        fi
        echo "  the whole run again: make fuzz ${variables}SEED=$seed COUNT=$count"
    } >"$kept/failure"
    cat "$kept/failure"
}

started=$SECONDS
jobs=$(nproc)
running_boots=0
for ((number = 0; number < boots; number++)); do
    if [ "$running_boots" -ge "$jobs" ]; then
        wait -n
        running_boots=$((running_boots - 1))
    fi
    run_boot "$number" &
    running_boots=$((running_boots + 1))
    # The first boot alone: its make builds what every boot's make shares
    # (the host tools, the kernel's objects in OBJECTS); the others then
    # only pack and link, and no two makes write one file at once (one's
    # emit_linker_script was 'Text file busy' for another).
    [ "$number" -gt 0 ] || { wait; running_boots=0; }
done
wait

# 3. The figures, and what killed the apps.
killed=0 exited=0 panics=0 failed=0
for ((number = 0; number < boots; number++)); do
    # A boot whose worker died before its verdict counts as failed.
    read -r verdict boot_killed boot_exited boot_panics <"$folder/boot-$number/verdict" ||
        verdict=fail boot_killed=0 boot_exited=0 boot_panics=0
    killed=$((killed + boot_killed)) exited=$((exited + boot_exited))
    panics=$((panics + boot_panics))
    [ "$verdict" = ok ] || failed=$((failed + 1))
done
# The causes of the kill lines, without their addresses and numbers, most
# frequent first: counted by one awk, sorted by one sort.
transcripts=()
for ((number = 0; number < boots; number++)); do
    [ -e "$folder/boot-$number/transcript" ] && transcripts+=("$folder/boot-$number/transcript")
done
causes=
if [ ${#transcripts[@]} -gt 0 ]; then
    while read -r times cause; do
        causes+="${causes:+, }$cause $times"
    done < <(awk "$KERNEL_EVENTS"'
        sub(/^.*: killed: /, "") {
            sub(/ at 0x.*/, ""); sub(/ \(stval .*/, ""); sub(/, pc 0x.*/, ""); sub(/ [0-9]+$/, "")
            kills[$0]++
        }
        END { for (cause in kills) print kills[cause], cause }' "${transcripts[@]}" | sort -k1,1nr -k2)
fi
echo "fuzz: kills by cause: ${causes:-none}"
echo "fuzz: seed $seed, $count apps in $boots boots: $killed killed, $exited exited, $panics kernel panics, $failed boots failed ($((SECONDS - started)) s)"
[ "$failed" -eq 0 ]
