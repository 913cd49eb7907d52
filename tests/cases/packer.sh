# The app packer (linker/host/pack_apps.c). A good run writes a table that,
# once assembled and linked into a small host program, reads back with the
# right base, step, count, sizes, bytes and names, under the symbol asked
# for; linker/apps.c finds a renamed table, and links for 0x80200000 with
# GNU ld and ld.lld against a table without names. Every bad input, and every
# layout the kernel's own check (linker_apps_check) would refuse on the
# machine described, is refused with exit status 1, one line that names it
# (and the app; plus a usage line for a malformed command line), and no
# output file, nor a clobbered old one. Each --broken KIND writes a table
# that differs from the good one as intended.
. "$(dirname "$0")/../lib.sh"

packer=$OBJECTS/host/pack_apps
make --no-print-directory -s BUILD="$TEST_BUILD" "$packer" || {
    echo "FAIL: cannot build $packer"
    exit 1
}
packer=$(realpath "$packer")

work=$(scratch_folder packer 64)
trap 'chmod -R u+rwx "$work"; rm -rf "$work"' EXIT

# ---------------------------------------------------------------------------
# The images, and a host program that reads a packed table back.
# ---------------------------------------------------------------------------
# image PATH BYTES: random bytes, their number kept in image_bytes (read
# by the checks: no stat for each).
declare -A image_bytes=()
image() {
    head -c "$2" /dev/urandom >"$1"
    image_bytes[$1]=$2
}
image "$work/hello.bin" 1234
image "$work/world.bin" 777
image "$work/empty.bin" 0
image "$work/full.bin" $((0x200000))    # exactly a slot
image "$work/big.bin" $((0x200000 + 1)) # one byte too many
weird_path="$work/we\"ird \\back\\slash ??=x é.bin" # escaping in .incbin
image "$weird_path" 99
control_path="$work/new"$'\n'"line"$'\t'"tab.bin"
image "$control_path" 10

# Prints base, step, count and `rows` addresses (as offsets from `apps`; the
# test passes rows, since a broken count cannot be trusted). Given a folder,
# also prints each app's name and size and writes its bytes to FOLDER/i.
cat >"$work/reader.c" <<'EOF'
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern const uint64_t apps[];
extern const char app_names[];

int main(int argc, char **argv) {
    size_t rows = strtoul(argv[1], NULL, 10);
    printf("align %u\n", (unsigned)((uintptr_t)apps % 8));
    printf("base 0x%" PRIx64 "\nstep 0x%" PRIx64 "\ncount %" PRIu64 "\n",
           apps[0], apps[1], apps[2]);
    for (size_t i = 0; i < rows; i++)
        printf("addr[%zu] %" PRId64 "\n", i,
               (int64_t)(apps[3 + i] - (uint64_t)(uintptr_t)apps));
    if (argc < 3)
        return 0;
    const char *name = app_names;
    for (size_t i = 0; i + 1 < rows; i++) {
        const char *image = (const char *)(uintptr_t)apps[3 + i];
        size_t size = (size_t)(apps[4 + i] - apps[3 + i]);
        printf("app %zu %s %zu\n", i, name, size);
        name += strlen(name) + 1;
        char path[4096];
        snprintf(path, sizeof(path), "%s/%zu", argv[2], i);
        FILE *out = fopen(path, "wb");
        if (out == NULL || fwrite(image, 1, size, out) != size)
            return 1;
        fclose(out);
    }
    return 0;
}
EOF
# The same reader for a table packed with --symbol my_apps.
cc -std=c11 -Wall -Wextra -Werror -c "$work/reader.c" -o "$work/reader.o" &&
    cc -std=c11 -Wall -Wextra -Werror -Dapps=my_apps -Dapp_names=my_apps_names \
        -c "$work/reader.c" -o "$work/my_reader.o" || {
    echo "FAIL: cannot compile the reader"
    exit 1
}
reader=$work/reader.o

# read_table FILE.S ROWS [FOLDER]: assembles FILE.S for the host, links it
# with the reader and runs it. -no-pie: the table holds absolute addresses.
# (Once for each table: check_apps reads again a table read before, and no
# table is written twice.)
read_table() {
    local source=$1 object=${1%.S}.o program=${1%.S}.reader
    shift
    [ -x "$program" ] || {
        cc -c "$source" -o "$object" &&
            cc -no-pie -Wl,-z,noexecstack "$reader" "$object" -o "$program"
    } && "$program" "$@"
}

# Writes the table text a reader run should print for the given apps.
expected_table() { # expected_table BASE STEP FILE...
    local base=$1 step=$2 offset=$3 i=0 file
    shift 3
    printf 'align 0\nbase %s\nstep %s\ncount %s\n' "$base" "$step" "$#"
    for file in "$@"; do
        echo "addr[$i] $offset"
        offset=$((offset + image_bytes[$file]))
        i=$((i + 1))
    done
    echo "addr[$i] $offset"
}

# check_apps FILE.S NAME=PATH...: the names, sizes and bytes read back.
check_apps() {
    local source=$1 dump
    shift
    dump=$(mktemp -d "$work/dump.XXXXXX")
    local output
    output=$(read_table "$source" $(($# + 1)) "$dump") || {
        fail "$source: the reader failed"
        return
    }
    local i=0 app name path line listed=0
    for app in "$@"; do
        name=${app%%=*}
        path=${app#*=}
        [[ $'\n'$output$'\n' == *$'\n'"app $i $name ${image_bytes[$path]}"$'\n'* ]] ||
            fail "$source: app $i is not '$name' of ${image_bytes[$path]} bytes:" \
                "$(grep "^app $i " <<<"$output")"
        cmp -s "$path" "$dump/$i" || fail "$source: app $i's bytes are not those of $path"
        i=$((i + 1))
    done
    while IFS= read -r line; do
        [[ $line == "app "* ]] && listed=$((listed + 1))
    done <<<"$output"
    [ "$listed" -eq "$#" ] || fail "$source: not $# apps"
}

# ---------------------------------------------------------------------------
# Good runs.
# ---------------------------------------------------------------------------
good=$work/good.S
good_apps=("hello=$work/hello.bin" "world=$work/world.bin" "hello=$work/hello.bin")
if "$packer" --base 0x80400000 --step 0x200000 --output "$good" "${good_apps[@]}"; then
    echo "packed: ${good_apps[*]}"
else
    echo "FAIL: the good run failed"
    exit 1
fi
# The table is 3 + 4 quads, so the first image starts 56 bytes after `apps`.
good_table=$(read_table "$good" 4)
expected=$(expected_table 0x80400000 0x200000 56 "$work/hello.bin" "$work/world.bin" "$work/hello.bin")
[ "$good_table" = "$expected" ] ||
    fail "good table: got"$'\n'"$good_table"$'\n'"wanted"$'\n'"$expected"
check_apps "$good" "${good_apps[@]}"
# Its text, read by bash (the refusals below compare with it too).
IFS= read -r -d '' good_text <"$good" && fail "the good table holds a NUL byte, which bash cannot compare"
[[ $good_text == *'Generated by linker/host/pack_apps.c'* ]] || fail "no 'Generated by linker/host/pack_apps.c' header"
[[ $good_text == *GNU-stack* ]] && fail "the table has a .note.GNU-stack section"
[ -e "$good.tmp" ] && fail "the good run left $good.tmp"

# symbols_of OBJECT: "NAME BINDING SECTION" for each symbol (g global, l
# local), from objdump's symbol table (not nm's, which starts slowly:
# docs/maintainers/testing.md, "Where the time goes").
symbols_of() { objdump -t "$1" | awk '/^[0-9a-f]+ / { print $NF, $2, $(NF - 2) }'; }
# Section .rodata.apps: allocated, read-only, 8-byte aligned; two globals
# in it.
readelf -S -W "${good%.S}.o" | grep -Eq '\.rodata\.apps +PROGBITS +[0-9a-f]+ [0-9a-f]+ [0-9a-f]+ 00 +A +0 +0 +8$' ||
    fail ".rodata.apps is not PROGBITS, flags A, alignment 8: $(readelf -S -W "${good%.S}.o" | grep rodata.apps)"
symbols=$(symbols_of "${good%.S}.o")
for symbol in apps app_names; do
    [[ $'\n'$symbols$'\n' == *$'\n'"$symbol g .rodata.apps"$'\n'* ]] ||
        fail "$symbol is not a global symbol of .rodata.apps:"$'\n'"$symbols"
done

# The kernel's own assemblers read it too.
riscv_gcc=
for prefix in riscv64-unknown-elf- riscv64-linux-gnu- riscv64-unknown-linux-gnu-; do
    command -v "${prefix}gcc" >/dev/null && riscv_gcc=${prefix}gcc && break
done
if [ -n "$riscv_gcc" ]; then
    "$riscv_gcc" -march=rv64imac -mabi=lp64 -c "$good" -o "$work/riscv-gcc.o" ||
        fail "$riscv_gcc cannot assemble the table"
else
    echo "skipped: no RISC-V GCC"
fi
if command -v clang >/dev/null; then
    clang --target=riscv64-unknown-elf -march=rv64imac -c "$good" -o "$work/riscv-clang.o" ||
        fail "clang cannot assemble the table"
else
    echo "skipped: no clang"
fi

# Relative paths from another folder, assembled from a third one.
mkdir -p "$work/elsewhere" "$work/cwd"
(cd "$work" && "$packer" --base 0x80400000 --step 0 --output elsewhere/relative.S w=world.bin h=./hello.bin) ||
    fail "relative paths: the packer failed"
(
    cd "$work/cwd" || exit 1
    failures=0
    check_apps ../elsewhere/relative.S "w=$work/world.bin" "h=$work/hello.bin"
    exit "$failures"
) || fail "relative paths: the table read from another folder is wrong"

# Zero apps, in place, the largest image, numbers in decimal and hex.
"$packer" --base 0 --step 0 --output "$work/none.S" || fail "zero apps: the packer failed"
[ "$(read_table "$work/none.S" 1)" = "$(expected_table 0x0 0x0 32)" ] ||
    fail "zero apps: $(read_table "$work/none.S" 1)"
"$packer" --base 0 --step 0 --output "$work/in_place.S" "w=$work/world.bin" || fail "in place: the packer failed"
[ "$(read_table "$work/in_place.S" 2)" = "$(expected_table 0x0 0x0 40 "$work/world.bin")" ] ||
    fail "in place: $(read_table "$work/in_place.S" 2)"
"$packer" --base 2151677952 --step 0x200000 --output "$work/full.S" "a.b-c_9=$work/full.bin" "e=$work/empty.bin" ||
    fail "a full slot and an empty app: the packer failed"
[ "$(read_table "$work/full.S" 3)" = "$(expected_table 0x80400000 0x200000 48 "$work/full.bin" "$work/empty.bin")" ] ||
    fail "a full slot and an empty app: $(read_table "$work/full.S" 3)"
check_apps "$work/full.S" "a.b-c_9=$work/full.bin" "e=$work/empty.bin"
"$packer" --base 0x80400000 --step 0 --output "$work/weird.S" -- "w=$weird_path" "-dash=$work/hello.bin" "c=$control_path" ||
    fail "paths with quotes, backslashes and control characters: the packer failed"
check_apps "$work/weird.S" "w=$weird_path" "-dash=$work/hello.bin" "c=$control_path"

# --apps-file: the same table as with the apps on the command line, the
# file's apps after those of the command line.
printf 'world=%s\n\nhello=%s\n' "$work/world.bin" "$work/hello.bin" >"$work/apps.list"
"$packer" --base 0x80400000 --step 0x200000 --output "$work/from_file.S" "hello=$work/hello.bin" \
    --apps-file "$work/apps.list" || fail "--apps-file: the packer failed"
cmp -s "$good" "$work/from_file.S" || fail "--apps-file: not the table of the same apps given as arguments"

# The machine this kernel runs on, as the Makefile describes it: a layout
# that fits it passes, and gives the table it gives without the machine; a
# full slot above the kernel does too.
machine=(--ram 0x80000000..0x88000000 --reserve firmware=0x80000000..0x80200000
    --kernel-base 0x80200000 --in-place-slot 0x80400000)
"$packer" --base 0x80400000 --step 0x200000 "${machine[@]}" --output "$work/machine.S" "${good_apps[@]}" &&
    cmp -s "$good" "$work/machine.S" || fail "a layout that fits the machine: not packed as without it"
"$packer" --base 0x80800000 --step 0 "${machine[@]}" --output "$work/machine_full.S" "f=$work/full.bin" ||
    fail "a full slot above the kernel: the packer failed"

# uCore's slots: 128 KiB each, one after another (--slot); the table reads
# back as any other.
"$packer" --base 0x80400000 --step 0x20000 --slot 0x20000 "${machine[@]}" --output "$work/ucore.S" "${good_apps[@]}" ||
    fail "128 KiB slots: the packer failed"
[ "$(read_table "$work/ucore.S" 4)" = "$(expected_table 0x80400000 0x20000 56 "$work/hello.bin" "$work/world.bin" "$work/hello.bin")" ] ||
    fail "128 KiB slots: $(read_table "$work/ucore.S" 4)"

# --symbol: the table and its names under other symbols, and none named
# `apps` or `app_names`, for a kernel that has its own. linker/apps.c,
# compiled with -DLINKER_APPS_SYMBOL=my_apps next to such a kernel's own
# `apps`, finds the table and the names.
"$packer" --base 0 --step 0 --symbol my_apps --output "$work/renamed.S" "${good_apps[@]}" ||
    fail "--symbol: the packer failed"
reader=$work/my_reader.o
[ "$(read_table "$work/renamed.S" 4)" = "$(expected_table 0x0 0x0 56 "$work/hello.bin" "$work/world.bin" "$work/hello.bin")" ] ||
    fail "--symbol: $(read_table "$work/renamed.S" 4)"
reader=$work/reader.o
symbols=$(symbols_of "$work/renamed.o")
[[ $'\n'$symbols == *$'\n'"apps "* || $'\n'$symbols == *$'\n'"app_names "* ]] &&
    fail "--symbol: the table still defines apps or app_names:"$'\n'"$symbols"
cat >"$work/host_kernel.c" <<'EOF'
#include <stdio.h>

#include "linker/linker.h"

int apps[2] = {7, 8}; /* the host kernel's own `apps` */
char __start[1], __rodata[1], __data[1], __sbss[1], __ebss[1], __boot[1],
    __end[1];

int main(void) {
    struct app_iter iter = app_meta_iter(app_meta_locate());
    const uint8_t *image;
    size_t size;
    for (uint64_t i = 0; app_iter_next(&iter, &image, &size); i++)
        printf("%s %zu\n", linker_app_name(linker_app_names(), i), size);
    return apps[0] + apps[1] == 15 ? 0 : 1;
}
EOF
if cc -std=c11 -Wall -Wextra -Werror -no-pie -Wl,-z,noexecstack -I. -DLINKER_APPS_SYMBOL=my_apps \
    "$work/host_kernel.c" linker/apps.c linker/layout.c "$work/renamed.o" -o "$work/host_kernel"; then
    wanted=$(printf 'hello 1234\nworld 777\nhello 1234')
    [ "$("$work/host_kernel")" = "$wanted" ] ||
        fail "linker/apps.c with LINKER_APPS_SYMBOL=my_apps read: $("$work/host_kernel")"
else
    fail "linker/apps.c with LINKER_APPS_SYMBOL=my_apps does not link with a kernel that has its own apps"
fi

# A table without names (from another packer) still links into a kernel at
# 0x80200000 with apps.c, under GNU ld and ld.lld alike: the weak reference
# to app_names must resolve to 0 without a pc-relative reach to address 0.
cat >"$work/no_names.c" <<'EOF'
#include "linker/linker.h"

const struct app_meta apps = {0, 0, 0, 0};

void linker_zero_range(uintptr_t start, uintptr_t end) {
    (void)start;
    (void)end;
}

void _start(void) {
    for (;;)
        (void)linker_app_names();
}
EOF
for compiler in "${riscv_gcc:+$riscv_gcc -march=rv64imac_zicsr_zifencei -mabi=lp64}" \
    "$(command -v clang >/dev/null && echo clang --target=riscv64-unknown-elf -march=rv64imac -mno-relax)"; do
    [ -n "$compiler" ] || continue
    case $compiler in clang*) linker=ld.lld ;; *) linker=${riscv_gcc%gcc}ld ;; esac
    $compiler -mcmodel=medany -ffreestanding -O2 -I. -c "$work/no_names.c" -o "$work/no_names.o" &&
        $compiler -mcmodel=medany -ffreestanding -O2 -I. -c linker/apps.c -o "$work/apps_riscv.o" &&
        $linker -Ttext=0x80200000 "$work/no_names.o" "$work/apps_riscv.o" -o "$work/no_names.elf" ||
        fail "$linker: linker/apps.c does not link with a table that has no names"
done

[[ $("$packer" --help) =~ --broken\ KIND\ *ONLY\ TO\ TEST\ THE\ KERNEL ]] ||
    fail "--help does not say that --broken is only for tests"

# ---------------------------------------------------------------------------
# Refusals: each runs twice, with no output file and with a good one there.
# ---------------------------------------------------------------------------
out_dir=$work/out
out=$out_dir/apps.S
mkdir -p "$out_dir"

# expect_refusal WANTED usage|plain ARG...: exit status 1, nothing on stdout,
# one "pack_apps: " line that contains WANTED, a usage line only for usage
# errors, and the output folder as it was. (Its stderr, the folder and the
# good table are written and read by bash itself: this runs over a hundred
# times, where a grep, ls, head, cp or cmp each would be hundreds of
# processes; the folder is emptied by an rm only when something is in it.)
expect_refusal() {
    local wanted=$1 kind=$2 round status line first messages usage others left files now
    shift 2
    for round in absent present; do
        shopt -s nullglob dotglob
        files=("$out_dir"/*)
        shopt -u nullglob dotglob
        [ ${#files[@]} -eq 0 ] || rm -f -- "${files[@]}"
        [ "$round" = present ] && printf '%s' "$good_text" >"$out"
        "${as_user[@]}" "$packer" "$@" >"$work/stdout" 2>"$work/stderr"
        status=$?
        first= messages=() usage=0 others=0
        while IFS= read -r line || [ -n "$line" ]; do
            [ -n "$first" ] || first=$line
            case $line in
            "pack_apps: "*) messages+=("$line") ;;
            "usage: "*) usage=$((usage + 1)) ;;
            *) others=$((others + 1)) ;;
            esac
        done <"$work/stderr"
        shopt -s nullglob dotglob
        files=("$out_dir"/*)
        shopt -u nullglob dotglob
        left=${files[*]##*/}
        now=
        if [ "$round" = present ] && [ -f "$out" ] && IFS= read -r -d '' now <"$out"; then
            now+=" and a NUL byte" # which the good table has not
        fi
        if [ "$status" -ne 1 ]; then
            fail "pack_apps $* exited with $status, not 1"
        elif [ -s "$work/stdout" ]; then
            fail "pack_apps $* printed on stdout: $(cat "$work/stdout")"
        elif [ "${#messages[@]}" -ne 1 ] || [ "$others" -ne 0 ]; then
            fail "pack_apps $* did not print one 'pack_apps: ' line:"$'\n'"$(cat "$work/stderr")"
        elif [[ ${messages[0]} != *"$wanted"* ]]; then
            fail "pack_apps $* did not say '$wanted': $(cat "$work/stderr")"
        elif [ "$kind" = usage ] && [ "$usage" -ne 1 ]; then
            fail "pack_apps $* printed no usage line"
        elif [ "$kind" = plain ] && [ "$usage" -ne 0 ]; then
            fail "pack_apps $* printed a usage line for a plain error"
        elif [ "$round" = absent ] && [ -n "$left" ]; then
            fail "pack_apps $* left files: $left"
        elif [ "$round" = present ] && [ "$left" != apps.S ]; then
            fail "pack_apps $* left files: $left"
        elif [ "$round" = present ] && [ "$now" != "$good_text" ]; then
            fail "pack_apps $* changed the existing $out"
        elif [ "$round" = present ]; then
            echo "refused as it should: $first"
        fi
    done
}

as_user=() # a command that runs the packer as another user, or nothing
slot=(--base 0x80400000 --step 0x200000 --output "$out")
hello=hello=$work/hello.bin

# The images.
expect_refusal "image 'nope' ($work/nope.bin)" plain "${slot[@]}" "$hello" "nope=$work/nope.bin"
expect_refusal "No such file" plain "${slot[@]}" "nope=$work/nope.bin"
expect_refusal "image 'folder' ($work): not a regular file" plain "${slot[@]}" "folder=$work"
expect_refusal "app 0 is 2097153 bytes, more than a slot (2097152); app 0 is 'big', $work/big.bin" plain "${slot[@]}" "big=$work/big.bin"
cp "$work/hello.bin" "$work/locked.bin"
chmod 000 "$work/locked.bin"
# Root reads any file: then run the packer as nobody, if that can be done.
as_user=()
if [ "$(id -u)" -eq 0 ]; then
    chmod 755 "$work"
    chmod 777 "$out_dir"
    as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups)
    "${as_user[@]}" cat "$work/hello.bin" >/dev/null 2>&1 || as_user=(skip)
fi
if [ "${as_user[*]}" = skip ]; then
    echo "skipped: an unreadable image (root reads any file, and nobody cannot reach $work)"
else
    expect_refusal "image 'locked' ($work/locked.bin): Permission denied" plain "${slot[@]}" "locked=$work/locked.bin"
fi
as_user=()

# Base and step: whole slots.
expect_refusal "base 0x80400000 and step 0x1000 must be multiples of the slot size, 0x200000" plain \
    --base 0x80400000 --step 0x1000 --output "$out" "$hello"
expect_refusal "and step 0x1fffff must be" plain --base 0x80400000 --step 0x1fffff --output "$out" "$hello"
expect_refusal "and step 0x300000 must be" plain --base 0x80400000 --step 0x300000 --output "$out" "$hello"
expect_refusal "base 0x0 and step 0x1 must be" plain --base 0 --step 1 --output "$out"
expect_refusal "base 0x80400001 and step 0x0 must be multiples of the slot size, 0x200000" plain \
    --base 0x80400001 --step 0 --output "$out" "$hello"
expect_refusal "base 0x80300000 and" plain --base 0x80300000 --step 0 --output "$out" "$hello"
# uCore's 128 KiB slots need --slot; a slot is at least a byte.
expect_refusal "and step 0x20000 must be multiples of the slot size, 0x200000" plain \
    --base 0x80400000 --step 0x20000 --output "$out" "$hello"
head -c $((0x20001)) /dev/zero >"$work/over_128k.bin"
expect_refusal "app 1 is 131073 bytes, more than a slot (131072); app 1 is 'over', $work/over_128k.bin" plain \
    --base 0x80400000 --step 0x20000 --slot 0x20000 --output "$out" "$hello" "over=$work/over_128k.bin"
expect_refusal "--slot 0: a slot holds at least one byte" plain --slot 0 --base 0 --step 0 --output "$out"
expect_refusal "--slot '0200000' has a leading zero" plain --slot 0200000 --base 0 --step 0 --output "$out"

# The layouts the kernel would refuse at boot, on this kernel's machine.
kernel_floor='is over the kernel with its packed apps (at least), 0x80200000..'
expect_refusal "the slot of app 0, 0x80200000..0x80400000, $kernel_floor" plain \
    --base 0x80200000 --step 0 "${machine[@]}" --output "$out" "$hello"
expect_refusal "the slot of app 0, 0x88000000..0x88200000, is outside RAM, 0x80000000..0x88000000; app 0 is 'hello'" plain \
    --base 0x88000000 --step 0 "${machine[@]}" --output "$out" "$hello"
expect_refusal "the slot of app 1, 0x88000000..0x88200000, is outside RAM, 0x80000000..0x88000000; app 1 is 'world'" plain \
    --base 0x87e00000 --step 0x200000 "${machine[@]}" --output "$out" "$hello" "world=$work/world.bin"
expect_refusal "the slot of app 0, 0x80000000..0x80200000, is over firmware, 0x80000000..0x80200000" plain \
    --base 0x80000000 --step 0 "${machine[@]}" --output "$out" "$hello"
expect_refusal "step 0xffffffffffe00000 is larger than RAM, 0x80000000..0x88000000" plain \
    --base 0x80400000 --step 0xffffffffffe00000 "${machine[@]}" --output "$out" "$hello" "$hello"
# A full slot, or two halves, in the batch mode: the kernel that holds them
# reaches into the slot they are copied to. The kernel's floor is its base
# plus the table (6 quads), the images and the names ("h\0h\0").
expect_refusal "the slot of app 0, 0x80400000..0x80600000, $kernel_floor" plain \
    --base 0x80400000 --step 0 "${machine[@]}" --output "$out" "f=$work/full.bin"
head -c $((0x100000)) /dev/zero >"$work/half.bin"
expect_refusal "the slot of app 0, 0x80400000..0x80600000, ${kernel_floor}0x80400034; app 0 is 'h'" plain \
    --base 0x80400000 --step 0 "${machine[@]}" --output "$out" "h=$work/half.bin" "h=$work/half.bin"
# In place, every ELF file is loaded into the one slot given.
expect_refusal "the slot of app 0, 0x80200000..0x80400000, $kernel_floor" plain \
    --base 0 --step 0 "${machine[@]/0x80400000/0x80200000}" --output "$out" "$hello"
# The machine's own options.
expect_refusal "--ram '0x80000000' is not START..END" plain --ram 0x80000000 --base 0 --step 0 --output "$out"
expect_refusal "--ram '0x88000000..0x80000000' is empty" plain --ram 0x88000000..0x80000000 --base 0 --step 0 --output "$out"
expect_refusal "--ram '08' has a leading zero" plain --ram 08..9 --base 0 --step 0 --output "$out"
expect_refusal "--reserve '=0x0..0x1' is not NAME=START..END" plain --reserve =0x0..0x1 --base 0 --step 0 --output "$out"
expect_refusal "--reserve name 'my firmware' may only use" plain --reserve "my firmware=0x0..0x1" --base 0 --step 0 --output "$out"
expect_refusal "--kernel-base 'x' is not a number" plain --kernel-base x --base 0 --step 0 --output "$out"
expect_refusal "--kernel-base 0xfffffffffffffff0: the kernel and its 32 bytes of apps run past the end of memory" plain \
    --kernel-base 0xfffffffffffffff0 --base 0 --step 0 --output "$out"
expect_refusal "--symbol '1apps' is not a C identifier" plain --symbol 1apps --base 0 --step 0 --output "$out"
expect_refusal "--symbol 'my-apps' is not a C identifier" plain --symbol my-apps --base 0 --step 0 --output "$out"
expect_refusal "cannot read --apps-file $work/nope.list: No such file" plain --apps-file "$work/nope.list" --base 0 --step 0 --output "$out"
printf 'no_equals_sign\n' >"$work/bad.list"
expect_refusal "'no_equals_sign' is not NAME=PATH" usage --apps-file "$work/bad.list" --base 0 --step 0 --output "$out"

# Numbers.
expect_refusal "--base '12abc' is not a number" plain --base 12abc --step 0 --output "$out" "$hello"
expect_refusal "--step '0x' is not a number" plain --base 0 --step 0x --output "$out"
expect_refusal "--step '0x1g' is not a number" plain --base 0 --step 0x1g --output "$out"
expect_refusal "--base '-1' is not a number" plain --base -1 --step 0 --output "$out"
expect_refusal "--base ' 0' is not a number" plain --base ' 0' --step 0 --output "$out"
expect_refusal "--base '' is not a number" plain --base '' --step 0 --output "$out"
expect_refusal "--base '99999999999999999999' is too large" plain --base 99999999999999999999 --step 0 --output "$out"
expect_refusal "--step '0x10000000000000000' is too large" plain --base 0 --step 0x10000000000000000 --output "$out"
# One syntax for numbers everywhere (hex with 0x, or decimal without a
# leading zero): what the shell and ld read as octal is refused, not read
# as decimal, and so is 0X.
expect_refusal "--base '02151677952' has a leading zero" plain --base 02151677952 --step 0 --output "$out" "$hello"
expect_refusal "--step '00' has a leading zero" plain --base 0 --step 00 --output "$out"
expect_refusal "--step '0X200000' is not a number" plain --base 0x80400000 --step 0X200000 --output "$out" "$hello"

# Names.
expect_refusal "empty app name in '=$work/hello.bin'" plain "${slot[@]}" "=$work/hello.bin"
expect_refusal "empty path in 'hello='" plain "${slot[@]}" "hello="
expect_refusal "'$work/hello.bin' is not NAME=PATH" usage "${slot[@]}" "$work/hello.bin"
expect_refusal "app name 'he llo' may only use" plain "${slot[@]}" "he llo=$work/hello.bin"
expect_refusal "app name 'a/b' may only use" plain "${slot[@]}" "a/b=$work/hello.bin"
expect_refusal "app name 'café' may only use" plain "${slot[@]}" "café=$work/hello.bin"
expect_refusal "app name 'two?lines' may only use" plain "${slot[@]}" $'two\nlines='"$work/hello.bin"

# The shape of the command line.
expect_refusal "missing --output" usage --base 0 --step 0 "$hello"
expect_refusal "missing --base" usage --step 0 --output "$out" "$hello"
expect_refusal "missing --step" usage --base 0 --output "$out" "$hello"
expect_refusal "unknown option '--bogus'" usage "${slot[@]}" --bogus "$hello"
expect_refusal "unknown option '-x'" usage "${slot[@]}" -x
expect_refusal "unknown option '--base=0'" usage --base=0 --step 0 --output "$out"
expect_refusal "option --output needs a value" usage --base 0 --step 0 --output
expect_refusal "option --base given twice" usage --base 0 "${slot[@]}"
expect_refusal "cannot create $work/missing/apps.S.tmp" plain --base 0 --step 0 --output "$work/missing/apps.S"
[ -e "$work/missing" ] && fail "a refused run created $work/missing"

# An output that cannot replace what is there (a folder): the temporary file
# must go too.
mkdir -p "$work/taken/apps.S"
if "$packer" --base 0 --step 0 --output "$work/taken/apps.S" "$hello" 2>"$work/stderr"; then
    fail "pack_apps wrote over a folder"
elif [ "$(wc -l <"$work/stderr")" -ne 1 ] || ! grep -q "^pack_apps: cannot rename $work/taken/apps.S.tmp" "$work/stderr"; then
    fail "pack_apps --output FOLDER did not say 'cannot rename': $(cat "$work/stderr")"
elif [ "$(ls -A "$work/taken")" != apps.S ]; then
    fail "pack_apps --output FOLDER left files: $(ls -A "$work/taken")"
else
    echo "refused as it should: $(cat "$work/stderr")"
fi

# --broken that cannot be done.
expect_refusal "--broken 'bogus' is not one of" plain "${slot[@]}" --broken bogus "$hello"
expect_refusal "--broken order needs at least one non-empty image" plain "${slot[@]}" --broken order "e=$work/empty.bin"
expect_refusal "--broken size needs at least one image" plain "${slot[@]}" --broken size

# ---------------------------------------------------------------------------
# --broken KIND: the good table with exactly the intended change.
# ---------------------------------------------------------------------------
# broken_expected KIND: the good table's text, changed as KIND promises.
broken_expected() {
    case $1 in
    count) sed 's/^count 3$/count 1099511627776/' <<<"$good_table" ;;
    order) awk '/^addr\[0\]/ { first = $2; next }
                /^addr\[1\]/ { print "addr[0] " $2; print "addr[1] " first; next }
                { print }' <<<"$good_table" ;;
    size) awk '/^addr\[2\]/ { last_start = $2 }
               /^addr\[3\]/ { print "addr[3] " last_start + 2097153; next }
               { print }' <<<"$good_table" ;;
    kernel) sed 's/^base .*/base 0x80200000/' <<<"$good_table" ;;
    ram) sed 's/^base .*/base 0x10000000/' <<<"$good_table" ;;
    esac
}
for kind in count order size kernel ram; do
    broken=$work/broken-$kind.S
    if ! "$packer" --base 0x80400000 --step 0x200000 --output "$broken" --broken "$kind" "${good_apps[@]}"; then
        fail "--broken $kind: the packer failed"
        continue
    fi
    IFS= read -r -d '' text <"$broken"
    [[ $text == *"BROKEN ON PURPOSE (--broken $kind)"* ]] || fail "--broken $kind: no comment says so"
    actual=$(read_table "$broken" 4) || fail "--broken $kind: the table does not assemble or link"
    wanted=$(broken_expected "$kind")
    if [ "$wanted" = "$good_table" ]; then
        fail "--broken $kind: the test expects no change"
    elif [ "$actual" != "$wanted" ]; then
        fail "--broken $kind: got"$'\n'"$actual"$'\n'"wanted"$'\n'"$wanted"
    else
        echo "--broken $kind: $(diff <(echo "$good_table") <(echo "$actual") | grep '^>' | tr '\n' ' ')"
    fi
done

if [ "$failures" -ne 0 ]; then
    echo "$failures failures"
    exit 1
fi
echo "all packer checks passed"
