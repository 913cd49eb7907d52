#!/usr/bin/env bash
# `make bench`: runs the bench kernel (built with BENCH=1, its app 0
# user/bench/bench.c) in QEMU with -icount shift=0, where instret counts
# guest instructions exactly and the same on every run. Reads the
# "[bench] name value" lines the kernel and the app print, prints a table,
# writes the same as JSON, and exits 1 if a count is above its target.
#
# Usage: tools/bench.sh BENCH_KERNEL BENCH_APP BENCH_ELF KERNEL JSON [NAME=IMAGE...]
#   BENCH_KERNEL, BENCH_APP  the bench kernel's ELF and its app's ELF
#   BENCH_ELF                the ELF file the bench kernel loads with elf_load
#   KERNEL, NAME=IMAGE       the kernel and app images whose sizes to report
#   JSON                     where to write the results
# Environment: QEMU (the command and machine flags, without -kernel),
# OBJCOPY, OBJDUMP, SIZE. BENCH_TARGETS="name=value ..." replaces targets (the
# guard test lowers one to see the check fail).
set -euo pipefail

if [ $# -lt 5 ]; then
    echo "usage: tools/bench.sh BENCH_KERNEL BENCH_APP BENCH_ELF KERNEL JSON [NAME=IMAGE...]" >&2
    exit 2
fi
bench_kernel=$1 bench_app=$2 bench_elf=$3 kernel=$4 json=$5
shift 5

fail() {
    echo "bench.sh: $*" >&2
    exit 1
}

# The entries, in the order of the table: name, then its title. Each gets
# a value and a floor in step 4, and a target here (docs/maintainers/bench.md).
# A new entry is a line here, a target, and its value and floor below.
entries=(
    "null_syscall null system call (getpid), round trip, per call"
    "write_empty empty write (0 bytes), round trip, per call"
    "write_byte one-byte write, round trip, per call"
    "app_load app load (app_iter_next), per byte of the slot"
    "zero_bss kernel_layout_zero_bss, per byte"
    "elf_load elf_load, per byte copied, source aligned"
    "elf_load_shifted elf_load, per byte copied, source 3 bytes off"
    "shutdown shutdown, last line to the firmware's reset call"
    # LAB yield BEGIN
    "yield_switch sched_yield, ecall to the next app's first instruction"
    # LAB yield END
)
declare -A target=(
    [null_syscall]=110 [write_empty]=170 [write_byte]=720 [app_load]=0.15
    [zero_bss]=0.2 [elf_load]=0.3 [elf_load_shifted]=0.7 [shutdown]=70
    # LAB yield BEGIN
    [yield_switch]=300
    # LAB yield END
)
for pair in ${BENCH_TARGETS:-}; do
    name=${pair%%=*}
    [ -n "${target[$name]:-}" ] || fail "BENCH_TARGETS: no target '$name' (${!target[*]})"
    target[$name]=${pair#*=}
done

# This script reads files and text with bash's own read and [[ ]], and
# computes with awk only where a fraction is needed, a few processes in
# all: make test runs it twice (tests/cases/bench_guard.sh).

# 1. Run the bench kernel; it shuts QEMU down after its last line. The
#    firmware ends a line with "\r\n": the \r go.
output=$(timeout 120 $QEMU -kernel "$bench_kernel" -nographic -icount shift=0 </dev/null) ||
    fail "QEMU failed (exit $?); it printed:"$'\n'"${output//$'\r'/}"
output=${output//$'\r'/}
# LAB yield BEGIN: apps=1
apps=2 # the bench app and user/bench/yield_partner.c
# LAB yield END
[[ $'\n'$output$'\n' == *$'\n'"[kernel] $apps apps: $apps exited, 0 killed"$'\n'* ]] ||
    fail "the bench apps did not exit normally; QEMU printed:"$'\n'"$output"

# The "[bench] name value" lines, and where the bench app was loaded.
declare -A count=()
slot=
while IFS= read -r line; do
    if [[ $line =~ ^\[bench\]\ ([a-z_]+)\ ([0-9]+)$ ]]; then
        count[${BASH_REMATCH[1]}]=${BASH_REMATCH[2]}
    elif [[ $line =~ ^\[kernel\]\ app\ 0\ bench:\ loaded\ at\ 0x([0-9a-f]+), ]]; then
        slot=${BASH_REMATCH[1]}
    fi
done <<<"$output"
# The counts that go to the JSON file; with the few only read here, every
# one the kernel and the app must print.
json_counts=(syscall_calls syscall_instructions write_empty_calls write_empty_instructions
    write_byte_calls write_byte_instructions firmware_putchar_instructions
    app_load_instructions app_load_bytes app_image_bytes zero_bss_instructions
    zero_bss_bytes elf_load_aligned_instructions elf_load_shifted_instructions
    shutdown_instructions)
# LAB yield BEGIN
json_counts+=(yield_calls yield_instructions)
# LAB yield END
for name in kernel_entry_instret app_first_instret "${json_counts[@]}"; do
    [ -n "${count[$name]:-}" ] || fail "no line '[bench] $name' in:"$'\n'"$output"
done
[ "${count[zero_bss_bytes]}" -ge 65536 ] ||
    fail "the bench kernel's .bss is ${count[zero_bss_bytes]} bytes, not the 64 KiB or more it should be"

# 2. The symbols of the bench kernel and of its app: their addresses by
#    name, from objdump's symbol table (not nm's, which starts slowly:
#    docs/maintainers/testing.md, "Where the time goes").
read_symbols() { # read_symbols ELF ARRAY: sets ARRAY[NAME]=ADDRESS (hex)
    local -n symbols=$2
    local fields
    while read -r -a fields; do
        if [[ ${fields[0]:-} =~ ^[0-9a-f]+$ ]]; then
            # shellcheck disable=SC2034 # (a reference to the caller's array)
            symbols[${fields[-1]}]=${fields[0]}
        fi
    done < <("$OBJDUMP" -t "$1")
}
declare -A kernel_symbol=() app_symbol=()
read_symbols "$bench_kernel" kernel_symbol
read_symbols "$bench_app" app_symbol

#    Straight-line code that the kernel cannot count itself is counted in
#    the disassembly: the instructions from SYMBOL up to the first one
#    whose mnemonic matches END (included). Any other branch or jump on
#    the way would make the count depend on the path: it fails instead.
#    The disassembly stops a KiB on, far past the few instructions of the
#    runs counted (one that long would fail as one with no END).
straight_line() { # SYMBOL END
    local address=${kernel_symbol[$1]:-} stop
    [ -n "$address" ] || fail "no symbol $1 in $bench_kernel"
    printf -v stop '%x' $((0x$address + 1024))
    "$OBJDUMP" -d --no-show-raw-insn --start-address=0x"$address" --stop-address=0x"$stop" "$bench_kernel" |
        awk -v end="^($2)\$" '!done && /^ *[0-9a-f]+:/ {
            count++
            if ($2 ~ end) found = done = 1
            else if ($2 ~ /^(b|j|ret|call|tail|ecall|mret|sret)/) done = 1
        } END { print found ? count : 0 }'
}
# The boot count runs from _start's first instruction. The kernel read
# instret in bench_entry, right after _start's jump to it.
start_instructions=$(straight_line _start 'j|jr|jal|jalr')
[ "$start_instructions" -gt 0 ] || fail "_start is not straight-line code up to its jump"
# The app read instret at its first instruction only if bench_entry is the
# first byte of its slot, where the kernel enters it.
entry=${app_symbol[bench_entry]:-}
[ -n "$slot" ] && [ -n "$entry" ] && [ $((0x$entry)) -eq $((0x$slot)) ] ||
    fail "bench_entry is at 0x$entry, not at the app's first byte 0x$slot"
boot=$((count[app_first_instret] - count[kernel_entry_instret] + start_instructions))
# The shutdown count runs on from bench_report_shutdown's read of instret
# through shutdown() and lib_sbi_shutdown up to its ecall into the
# firmware, which does not come back.
shutdown_tail=$(straight_line shutdown 'j|jr|jal|jalr')
sbi_shutdown_head=$(straight_line lib_sbi_shutdown ecall)
[ "$shutdown_tail" -gt 0 ] && [ "$sbi_shutdown_head" -gt 0 ] ||
    fail "shutdown or lib_sbi_shutdown is not straight-line code up to the firmware's call"
shutdown=$((count[shutdown_instructions] + shutdown_tail + sbi_shutdown_head))

# The ELF file's bytes that elf_load copies: its loadable segments' file
# sizes. The first of its two copies in the kernel must be word-aligned
# and the second not.
elf_bytes=0
while read -r size; do
    elf_bytes=$((elf_bytes + size))
done < <("$OBJDUMP" -p "$bench_elf" | awk '$1 == "LOAD" { load = 1; next } load && $1 == "filesz" { print $2 } { load = 0 }')
[ "$elf_bytes" -ge 32768 ] || fail "$bench_elf has $elf_bytes bytes to load: too few for a count per byte"
for pair in bench_elf_aligned=0 bench_elf_shifted=3; do
    address=${kernel_symbol[${pair%=*}]:-}
    [ -n "$address" ] && [ $((0x$address % 8)) -eq "${pair#*=}" ] ||
        fail "${pair%=*} is at 0x$address, not ${pair#*=} bytes past a word boundary"
done

# 3. Sizes: the kernel's sections in memory, its raw image (what a loader
#    copies from the file: .bss and .boot are NOBITS, so it ends with
#    .data), and each app's image.
declare -A section_size=()
while read -r section size _; do
    [ -n "$section" ] && section_size[$section]=$size
done < <("$SIZE" -A "$kernel")
kernel_sizes=()
for section in .text .rodata .data .bss .boot; do
    kernel_sizes+=("$section ${section_size[$section]:-0}")
done
image=$(mktemp)
"$OBJCOPY" -O binary "$kernel" "$image"
# The raw image's size, then each app image's, from one stat.
file_sizes=$(stat -L -c %s -- "$image" "${@#*=}")
rm -f "$image"
mapfile -t file_sizes <<<"$file_sizes"
kernel_sizes+=("image ${file_sizes[0]}")
app_sizes=()
for pair in "$@"; do
    app_sizes+=("${pair%%=*} ${file_sizes[${#app_sizes[@]} + 1]}")
done
qemu_version=$(${QEMU%% *} --version)
qemu_version=${qemu_version%%$'\n'*}

# 4. Each entry: value, floor, ratio, target, met. The floors
#    (docs/maintainers/bench.md, "The floors"): the fewest instructions
#    any code doing the same job on RV64 must execute.
#    null_syscall 79: the loop's ecall, addi and bnez, save 31 registers,
#      check scause, advance and keep the pc, dispatch, answer, restore 31
#      registers, sret.
#    write_empty 93: the null call's 79, the loop's li of the fd, and the
#      answer's 13 more: load the three arguments, check the fd and the
#      buffer against the slot, see that no byte is left, return the length.
#    write_byte: the empty write's 93, three for the time limit's check,
#      eight for the output filter's (a byte that is no control and starts
#      no "[kernel]"), five to fetch the byte and hand it to the firmware,
#      and the firmware's putchar as counted (its ecall too).
#    app_load: an 8-byte store per 8 bytes of the slot, and a load per 8
#      bytes of the image. zero_bss: an 8-byte store per 8 bytes.
#    elf_load: a load and a store per 8 bytes copied; shifted, a load, two
#      shifts, an or and a store (0.625).
#    shutdown 6: the reset call's arguments (the extension takes two) and
#      its ecall.
#    yield_switch 86: the null call's 79, less the loop's addi and bnez,
#      less a load for the answer (0: a store of zero), plus one for the pc
#      (stored to one app's context, loaded from the next's), two to point
#      sscratch at the next app's context, and the slot swap: a load of the
#      entry's address, a load of its value and a store for each of the two
#      slots, and an sfence.vma (7).
#    The quotients, "NAME DIVIDEND DIVISOR DIGITS", all divided by one awk.
quotients=(
    "null_syscall ${count[syscall_instructions]} ${count[syscall_calls]} 2"
    "write_empty ${count[write_empty_instructions]} ${count[write_empty_calls]} 2"
    "write_byte ${count[write_byte_instructions]} ${count[write_byte_calls]} 2"
    "app_load ${count[app_load_instructions]} ${count[app_load_bytes]} 4"
    "app_load_floor $((count[app_load_bytes] + count[app_image_bytes])) $((8 * count[app_load_bytes])) 4"
    "zero_bss ${count[zero_bss_instructions]} ${count[zero_bss_bytes]} 4"
    "elf_load ${count[elf_load_aligned_instructions]} $elf_bytes 4"
    "elf_load_shifted ${count[elf_load_shifted_instructions]} $elf_bytes 4"
    # LAB yield BEGIN
    # Per call, two switches, and the addi and bnez of each app's loop:
    # (instructions / calls - 4) / 2.
    "yield_switch $((count[yield_instructions] - 4 * count[yield_calls])) $((2 * count[yield_calls])) 2"
    # LAB yield END
)
declare -A value=([shutdown]=$shutdown)
while read -r name quotient; do
    value[$name]=$quotient
done < <(printf '%s\n' "${quotients[@]}" | awk '{ printf "%s %.*f\n", $1, $4, $2 / $3 }')
declare -A floor=(
    [null_syscall]=79 [write_empty]=93
    [write_byte]=$((93 + 3 + 8 + 5 + count[firmware_putchar_instructions]))
    [app_load]=${value[app_load_floor]}
    [zero_bss]=0.125 [elf_load]=0.25 [elf_load_shifted]=0.625 [shutdown]=6
    # LAB yield BEGIN
    [yield_switch]=86
    # LAB yield END
)
#    Each entry's "NAME VALUE FLOOR RATIO TARGET MET", from one awk.
mapfile -t metrics < <(for line in "${entries[@]}"; do
    name=${line%% *}
    echo "$name ${value[$name]} ${floor[$name]} ${target[$name]}"
done | awk '{ printf "%s %s %s %.2f %s %s\n", $1, $2, $3, $2 / $3, $4, ($2 <= $4) ? "true" : "false" }')

# 5. The table.
echo "make bench: guest instructions under $qemu_version, -icount shift=0"
printf '%-58s %10s %8s %6s %8s\n' "path" "count" "floor" "ratio" "target"
missed=()
for i in "${!metrics[@]}"; do
    read -r name value floor ratio goal met <<<"${metrics[$i]}"
    verdict=ok
    if [ "$met" != true ]; then
        verdict="ABOVE TARGET"
        missed+=("$name $value > $goal")
    fi
    printf '%-58s %10s %8s %6s %8s  %s\n' "${entries[$i]#* }" "$value" "$floor" "$ratio" "<= $goal" "$verdict"
done
printf '%-58s %10s\n' \
    "null system calls timed (instructions in all)" "${count[syscall_calls]} (${count[syscall_instructions]})" \
    "empty writes timed (instructions in all)" "${count[write_empty_calls]} (${count[write_empty_instructions]})" \
    "one-byte writes timed (instructions in all)" "${count[write_byte_calls]} (${count[write_byte_instructions]})" \
    "one-byte write: the firmware's putchar of the byte" "${count[firmware_putchar_instructions]}" \
    "app load, one app: image + zero fill (bytes)" "${count[app_image_bytes]} + $((count[app_load_bytes] - count[app_image_bytes]))" \
    "app load, one app (instructions)" "${count[app_load_instructions]}" \
    "kernel_layout_zero_bss (instructions, bytes)" "${count[zero_bss_instructions]}, ${count[zero_bss_bytes]}" \
    "elf_load, 56 KiB file: aligned, shifted (instructions)" "${count[elf_load_aligned_instructions]}, ${count[elf_load_shifted_instructions]}" \
    "elf_load, bytes copied" "$elf_bytes" \
    "_start to the first app's first instruction" "$boot"
# LAB yield BEGIN
printf '%-58s %10s\n' "sched_yield calls timed, two switches each (instructions)" \
    "${count[yield_calls]} (${count[yield_instructions]})"
# LAB yield END
for line in "${kernel_sizes[@]}"; do
    read -r section size <<<"$line"
    if [ "$section" = image ]; then
        printf '%-58s %10s\n' "kernel raw image, objcopy -O binary (bytes)" "$size"
    else
        printf '%-58s %10s\n' "kernel $section (bytes)" "$size"
    fi
done
for line in "${app_sizes[@]}"; do
    read -r name size <<<"$line"
    printf '%-58s %10s\n' "app $name image (bytes)" "$size"
done

# 6. The same as JSON.
json_object() { # "key value" lines -> {"key": value, ...}
    local key value separator='' object='{'
    while read -r key value; do
        [ -n "$key" ] || continue
        object+="$separator\"$key\": $value"
        separator=", "
    done
    printf '%s}' "$object"
}
{
    echo "{"
    echo "  \"qemu\": \"$qemu_version\","
    echo "  \"icount\": \"shift=0\","
    echo "  \"targets\": ["
    for i in "${!metrics[@]}"; do
        read -r name value floor ratio goal met <<<"${metrics[$i]}"
        comma=,
        [ "$i" -lt $((${#metrics[@]} - 1)) ] || comma=
        printf '    {"name": "%s", "value": %s, "floor": %s, "ratio": %s, "target": %s, "met": %s}%s\n' \
            "$name" "$value" "$floor" "$ratio" "$goal" "$met" "$comma"
    done
    echo "  ],"
    printf '  "counts": %s,\n' "$(for name in "${json_counts[@]}"; do
        echo "$name ${count[$name]}"
    done | json_object)"
    printf '  "elf_load_bytes": %s,\n' "$elf_bytes"
    printf '  "boot_instructions": %s,\n' "$boot"
    printf '  "kernel_bytes": %s,\n' "$(printf '%s\n' "${kernel_sizes[@]#.}" | json_object)"
    printf '  "app_image_bytes": %s\n' "$(printf '%s\n' "${app_sizes[@]}" | json_object)"
    echo "}"
} >"$json"
echo "written: $json"

if [ ${#missed[@]} -gt 0 ]; then
    printf 'bench.sh: above target: %s\n' "${missed[@]}" >&2
    exit 1
fi
