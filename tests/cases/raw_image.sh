# A raw .bin image in APPS (how `make fuzz` packs its random apps) is packed
# as it is, named after its file, and runs from its first byte in its slot,
# in the batch and the slots modes, next to an app built from C. The image
# here exits with its own address divided by 2 MiB: 1026 in the slot at
# 0x80400000, 1027 in the one at 0x80600000, and so on.
. "$(dirname "$0")/../lib.sh"

work=$TEST_BUILD/raw_image
rm -rf "$work"
mkdir -p "$work"
image=$work/slot_number.bin
# auipc a0, 0; srli a0, a0, 21; li a7, 93 (exit); ecall
printf '\x17\x05\x00\x00\x13\x55\x55\x01\x93\x08\xd0\x05\x73\x00\x00\x00' >"$image"

# run_apps MODE_VARIABLES...: the kernel's lines of a boot with hello, then
# the image twice.
run_apps() {
    timeout 120 make --no-print-directory -s BUILD="$work/build" "$@" \
        APPS="hello $image $image" qemu </dev/null 2>&1 | tr -d '\r' | grep '^\[kernel\] [0-9a]'
}

# check_mode NAME ADDRESS1 CODE1 ADDRESS2 CODE2 MODE_VARIABLES...: the two
# copies of the image load at ADDRESS1 and ADDRESS2 and exit with CODE1 and
# CODE2; hello's size depends on the compiler, and is left out. The loaded
# lines come in order, and the end lines, whether each app ends before the
# next is loaded (the batch mode) or all are loaded first (the slots mode).
check_mode() {
    local name=$1 address1=$2 code1=$3 address2=$4 code2=$5 output wanted
    shift 5
    output=$(run_apps "$@" | sed 's/\(hello: loaded at 0x80400000, \)[0-9]* bytes$/\1N bytes/' |
        awk '/: loaded at / { print; next } { rest = rest $0 "\n" } END { printf "%s", rest }')
    wanted="[kernel] app 0 hello: loaded at 0x80400000, N bytes
[kernel] app 1 slot_number: loaded at $address1, 16 bytes
[kernel] app 2 slot_number: loaded at $address2, 16 bytes
[kernel] app 0 hello: exited with code 0
[kernel] app 1 slot_number: exited with code $code1
[kernel] app 2 slot_number: exited with code $code2
[kernel] 3 apps: 3 exited, 0 killed"
    if [ "$output" = "$wanted" ]; then
        echo "$name mode: the raw image ran in its slot"
    else
        fail "$name mode: wanted"$'\n'"$wanted"$'\n'"got"$'\n'"$output"
    fi
}

check_mode batch 0x80400000 1026 0x80400000 1026 APP_BASE=0x80400000 APP_STEP=0
check_mode slots 0x80600000 1027 0x80800000 1028 APP_BASE=0x80400000 APP_STEP=0x200000
exit "$failures"
