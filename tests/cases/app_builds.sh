# How the apps are built, one make after another in a folder of this case's
# own (issue 11, items 10 to 13). Each step builds the packed table
# ($B/apps.S) and what it packs, which is all of `make qemu` that the apps
# take part in; no kernel is compiled or booted.
# - A change of mode, APP_BASE or APP_STEP relinks every app for its new
#   slot (the issue's sequence: APPS="hello power", then APP_STEP=0x200000).
# - An app's source deleted, and another of the same name given from
#   elsewhere, builds: nothing left by the first can stop the second.
# - An app may use the GNU C keyword `asm`.
# - Apps pack although their packer command would be longer than the 128
#   KiB a single argument may have (1024 apps of long names).
. "$(dirname "$0")/../lib.sh"

work=$TEST_BUILD/app_builds
rm -rf "$work"
mkdir -p "$work"
B=$work/build
build() { # build MAKE_VARIABLE...: builds $B/apps.S; prints make's output on failure
    local output
    output=$(make --no-print-directory -j2 BUILD="$B" "$@" "$B/apps.S" 2>&1) || {
        fail "make $* failed:"$'\n'"$(tail -n 15 <<<"$output")"
        return 1
    }
}
# The address an app's ELF file is linked for: its entry, _start, comes first.
entry_of() { "$READELF" -h "$1" | sed -n 's/^ *Entry point address: *//p'; }
expect_entry() { # expect_entry ELF ADDRESS WHEN
    local entry
    entry=$(entry_of "$1")
    if [ "$entry" = "$2" ]; then
        echo "as it should: $3: $(basename "$1") is linked for $entry"
    else
        fail "$3: $(basename "$1") is linked for '$entry', not $2"
    fi
}

# 1. Every change of where the apps go relinks them.
build APPS="hello power" &&
    expect_entry "$B/apps/1-power.elf" 0x80400000 "the batch mode"
build APPS="hello power" APP_STEP=0x200000 &&
    expect_entry "$B/apps/1-power.elf" 0x80600000 "then APP_STEP=0x200000"
build APPS="hello power" APP_STEP=0x200000 APP_BASE=0x80800000 &&
    expect_entry "$B/apps/1-power.elf" 0x80a00000 "then APP_BASE=0x80800000"
build APPS="hello power" APP_BASE=0 &&
    expect_entry "$B/apps/1-power.elf" 0x80400000 "then the in-place mode"
build APPS="hello power" APP_STEP=0x200000 &&
    expect_entry "$B/apps/1-power.elf" 0x80600000 "back to the slots mode"

# 2. A source deleted, another of the same name from elsewhere, out of
#    this tree as in the issue. The app uses `asm`, which ISO C does not
#    have.
outside=$(scratch_folder app_builds 16)
trap 'rm -rf "$outside"' EXIT
mkdir -p "$outside/some/dir" "$outside/other/dir"
cat >"$outside/some/dir/mine.c" <<'EOF'
#include "user.h"

int main(void) {
    asm volatile("nop");
    printf("mine\n");
    return 0;
}
EOF
build APPS="$outside/some/dir/mine.c" && echo "as it should: $outside/some/dir/mine.c, with asm, builds"
rm -rf "$outside/some"
cat >"$outside/other/dir/mine.c" <<'EOF'
#include "user.h"

int main(void) {
    printf("mine, moved\n");
    return 0;
}
EOF
build APPS="$outside/other/dir/mine.c" &&
    echo "as it should: with $outside/some deleted, $outside/other/dir/mine.c builds"

# 3. Raw images whose list, NAME=PATH a line, is longer than the 128 KiB a
#    single argument may hold (a shell command, such as the packer's was:
#    issue 11's 3000 apps ended in "argument list too long"): the list goes
#    to the packer in a file. 1024 apps with names of 64 characters make it
#    nearly as long as 3000 short ones did, at a third of the cost (make's
#    work on each app grows with their number), and still more than 1000,
#    whose indexes have four digits; their paths, out of this tree too (in
#    RAM when there is room: scratch_folder), are short enough for APPS
#    itself to fit in one argument of make's.
many=$outside/m
mkdir -p "$many"
printf -v padding '%55s' ''
padding=${padding// /x}
apps='' list_bytes=0
for ((i = 1000; i < 2024; i++)); do
    name=app_${i}_$padding
    printf '\x73\x00\x00\x00' >"$many/$name.bin"
    apps+="$many/$name.bin "
    list_bytes=$((list_bytes + ${#name} + ${#many} + ${#name} + 7)) # NAME=MANY/NAME.bin and a newline
done
[ "$list_bytes" -gt $((128 * 1024)) ] || fail "the apps' list is $list_bytes bytes, not more than 128 KiB: it tests nothing"
if build APPS="$apps"; then
    count=$(sed -n 's|^ *\.quad \([0-9]*\) /\* count \*/$|\1|p' "$B/apps.S")
    [ "$count" = 1024 ] || fail "1024 apps: the table's count is '$count'"
    grep -q "\"app_2023_$padding\"" "$B/apps.S" || fail "1024 apps: the last is not packed"
    echo "as it should: 1024 apps packed (their list is $list_bytes bytes, APPS ${#apps})"
fi
exit "$failures"
