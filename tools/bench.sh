#!/usr/bin/env bash
# `make bench`: runs the bench kernel (built with BENCH=1, its one app
# user/bench/bench.c) in QEMU with -icount shift=0, where instret counts
# guest instructions exactly and the same on every run. Reads the
# "[bench] name value" lines the kernel and the app print, prints a table,
# writes the same as JSON, and exits 1 if a count is above its target.
#
# Usage: tools/bench.sh BENCH_KERNEL BENCH_APP KERNEL JSON [NAME=IMAGE...]
#   BENCH_KERNEL, BENCH_APP  the bench kernel's ELF and its app's ELF
#   KERNEL, NAME=IMAGE       the kernel and app images whose sizes to report
#   JSON                     where to write the results
# Environment: QEMU (the command and machine flags, without -kernel), NM,
# OBJCOPY, OBJDUMP, SIZE. BENCH_TARGETS="name=value ..." replaces targets (the
# guard test lowers one to see the check fail).
set -euo pipefail

if [ $# -lt 4 ]; then
    echo "usage: tools/bench.sh BENCH_KERNEL BENCH_APP KERNEL JSON [NAME=IMAGE...]" >&2
    exit 2
fi
bench_kernel=$1 bench_app=$2 kernel=$3 json=$4
shift 4

fail() {
    echo "bench.sh: $*" >&2
    exit 1
}

# The targets (README, "Benchmark"), and the floor each is measured
# against: the fewest instructions any code doing the same job needs.
declare -A target=([null_syscall]=110 [app_load]=0.15 [zero_bss]=0.2)
for pair in ${BENCH_TARGETS:-}; do
    name=${pair%%=*}
    [ -n "${target[$name]:-}" ] || fail "BENCH_TARGETS: no target '$name' (${!target[*]})"
    target[$name]=${pair#*=}
done

# 1. Run the bench kernel; it shuts QEMU down after its last line.
output=$(timeout 120 $QEMU -kernel "$bench_kernel" -nographic -icount shift=0 </dev/null | tr -d '\r') ||
    fail "QEMU failed (exit $?); it printed:"$'\n'"$output"
grep -qx '\[kernel\] 1 apps: 1 exited, 0 killed' <<<"$output" ||
    fail "the bench app did not exit normally; QEMU printed:"$'\n'"$output"

declare -A count=()
while read -r name value; do
    count[$name]=$value
done < <(sed -n 's/^\[bench\] \([a-z_]*\) \([0-9]*\)$/\1 \2/p' <<<"$output")
for name in kernel_entry_instret zero_bss_instructions zero_bss_bytes \
    app_load_instructions app_load_bytes app_image_bytes app_first_instret \
    syscall_calls syscall_instructions; do
    [ -n "${count[$name]:-}" ] || fail "no line '[bench] $name' in:"$'\n'"$output"
done
[ "${count[zero_bss_bytes]}" -ge 65536 ] ||
    fail "the bench kernel's .bss is ${count[zero_bss_bytes]} bytes, not the 64 KiB or more it should be"

# 2. The boot count runs from _start's first instruction. The kernel read
#    instret in bench_entry, right after _start's jump; _start is
#    straight-line code, so it ran each of its instructions up to the first
#    jump once: count them in the disassembly.
start_address=$("$NM" "$bench_kernel" | awk '$3 == "_start" { print $1 }')
start_instructions=$("$OBJDUMP" -d --no-show-raw-insn --start-address=0x"$start_address" "$bench_kernel" |
    awk '!done && /^ *[0-9a-f]+:/ { count++; done = $2 ~ /^(j|jr|jal|jalr)$/ } END { print done ? count : 0 }')
[ "$start_instructions" -gt 0 ] || fail "no jump in _start at 0x$start_address"
# The app read instret at its first instruction only if bench_entry is the
# first byte of its slot, where the kernel enters it.
slot=$(sed -n 's/^\[kernel\] app 0 bench: loaded at 0x\([0-9a-f]*\),.*/\1/p' <<<"$output")
entry=$("$NM" "$bench_app" | awk '$3 == "bench_entry" { print $1 }')
[ -n "$slot" ] && [ $((0x$entry)) -eq $((0x$slot)) ] ||
    fail "bench_entry is at 0x$entry, not at the app's first byte 0x$slot"
boot=$((count[app_first_instret] - count[kernel_entry_instret] + start_instructions))

# 3. Sizes: the kernel's sections in memory, its raw image (what a loader
#    copies from the file: .bss and .boot are NOBITS, so it ends with
#    .data), and each app's image.
section_size() { "$SIZE" -A "$kernel" | awk -v name="$1" '$1 == name { size = $2 } END { print size + 0 }'; }
kernel_sizes=()
for section in .text .rodata .data .bss .boot; do
    kernel_sizes+=("$section $(section_size $section)")
done
image=$(mktemp)
"$OBJCOPY" -O binary "$kernel" "$image"
kernel_sizes+=("image $(wc -c <"$image")")
rm -f "$image"
app_sizes=()
for pair in "$@"; do
    app_sizes+=("${pair%%=*} $(wc -c <"${pair#*=}")")
done
qemu_version=$(${QEMU%% *} --version | head -n 1)

# 4. The three targets: value, floor, ratio, target, met. The floors:
#    null syscall: 79 instructions a call (README: the loop's ecall, addi and
#    bnez, then save 31 registers, check scause, advance and keep the pc,
#    dispatch, answer, restore 31 registers, sret); slot load: one 8-byte
#    store per 8 bytes of the slot plus one load per 8 bytes of the image;
#    zero_bss: one 8-byte store per 8 bytes.
metric() { # name value floor target
    awk -v name="$1" -v value="$2" -v floor="$3" -v target="$4" 'BEGIN {
        printf "%s %s %s %.2f %s %s\n", name, value, floor, value / floor, target,
            (value <= target) ? "true" : "false" }'
}
ratio() { awk -v a="$1" -v b="$2" -v digits="$3" 'BEGIN { printf "%.*f", digits, a / b }'; }
metrics=(
    "$(metric null_syscall "$(ratio "${count[syscall_instructions]}" "${count[syscall_calls]}" 2)" 79 "${target[null_syscall]}")"
    "$(metric app_load "$(ratio "${count[app_load_instructions]}" "${count[app_load_bytes]}" 4)" \
        "$(ratio $((count[app_load_bytes] + count[app_image_bytes])) $((8 * count[app_load_bytes])) 4)" "${target[app_load]}")"
    "$(metric zero_bss "$(ratio "${count[zero_bss_instructions]}" "${count[zero_bss_bytes]}" 4)" 0.125 "${target[zero_bss]}")"
)

# 5. The table.
declare -A title=(
    [null_syscall]="null system call (getpid), round trip, per call"
    [app_load]="app load (app_iter_next), per byte of the slot"
    [zero_bss]="kernel_layout_zero_bss, per byte"
)
echo "make bench: guest instructions under $qemu_version, -icount shift=0"
printf '%-50s %10s %8s %6s %8s\n' "path" "count" "floor" "ratio" "target"
missed=()
for line in "${metrics[@]}"; do
    read -r name value floor ratio goal met <<<"$line"
    verdict=ok
    if [ "$met" != true ]; then
        verdict="ABOVE TARGET"
        missed+=("$name $value > $goal")
    fi
    printf '%-50s %10s %8s %6s %8s  %s\n' "${title[$name]}" "$value" "$floor" "$ratio" "<= $goal" "$verdict"
done
printf '%-50s %10s\n' \
    "null system calls timed (instructions in all)" "${count[syscall_calls]} (${count[syscall_instructions]})" \
    "app load, one app: image + zero fill (bytes)" "${count[app_image_bytes]} + $((count[app_load_bytes] - count[app_image_bytes]))" \
    "app load, one app (instructions)" "${count[app_load_instructions]}" \
    "kernel_layout_zero_bss (instructions, bytes)" "${count[zero_bss_instructions]}, ${count[zero_bss_bytes]}" \
    "_start to the first app's first instruction" "$boot"
for line in "${kernel_sizes[@]}"; do
    read -r section size <<<"$line"
    if [ "$section" = image ]; then
        printf '%-50s %10s\n' "kernel raw image, objcopy -O binary (bytes)" "$size"
    else
        printf '%-50s %10s\n' "kernel $section (bytes)" "$size"
    fi
done
for line in "${app_sizes[@]}"; do
    read -r name size <<<"$line"
    printf '%-50s %10s\n' "app $name image (bytes)" "$size"
done

# 6. The same as JSON.
json_object() { # "key value" lines -> {"key": value, ...}
    awk 'BEGIN { printf "{" } NF { printf "%s\"%s\": %s", n++ ? ", " : "", $1, $2 } END { printf "}" }'
}
{
    echo "{"
    echo "  \"qemu\": \"$qemu_version\","
    echo "  \"icount\": \"shift=0\","
    echo "  \"targets\": ["
    for i in "${!metrics[@]}"; do
        read -r name value floor ratio goal met <<<"${metrics[$i]}"
        printf '    {"name": "%s", "value": %s, "floor": %s, "ratio": %s, "target": %s, "met": %s}%s\n' \
            "$name" "$value" "$floor" "$ratio" "$goal" "$met" "$([ "$i" -lt $((${#metrics[@]} - 1)) ] && echo ,)"
    done
    echo "  ],"
    printf '  "counts": %s,\n' "$(for name in syscall_calls syscall_instructions app_load_instructions \
        app_load_bytes app_image_bytes zero_bss_instructions zero_bss_bytes; do
        echo "$name ${count[$name]}"
    done | json_object)"
    printf '  "boot_instructions": %s,\n' "$boot"
    printf '  "kernel_bytes": %s,\n' "$(printf '%s\n' "${kernel_sizes[@]}" | sed 's/^\.//' | json_object)"
    printf '  "app_image_bytes": %s\n' "$(printf '%s\n' "${app_sizes[@]}" | json_object)"
    echo "}"
} >"$json"
echo "written: $json"

if [ ${#missed[@]} -gt 0 ]; then
    printf 'bench.sh: above target: %s\n' "${missed[@]}" >&2
    exit 1
fi
