# A kernel with a linker script of its own (at 0x40200000, as on a board
# whose firmware jumps there) and a linker set, from an unedited copy of
# linker/: with `INCLUDE linker/sets.ld` it links and the set holds its two
# items; without it, GNU ld and ld.lld both refuse to link, naming the
# fragment, where the set would otherwise be silently empty. The GCC kernel
# is a hard-float one (rv64gc, lp64d), as most Linux-style kernels are, and
# compiles linker/layout.c with its own flags. And the line of sets.ld is
# linker.ld's own, word for word.
. "$(dirname "$0")/../lib.sh"
# Absolute: the links run in it.
work=$(realpath -m "$TEST_BUILD/linker_own_script")
rm -rf "$work"
mkdir -p "$work"
cp -r linker "$work/linker"
diff -r linker "$work/linker" || fail "the copy of linker/ differs"

# sets.ld: a comment, then its one line.
line=$(tail -n 1 linker/sets.ld)
grep -q 'KEEP(' <<<"$line" || fail "the last line of linker/sets.ld is not its KEEP line: $line"
grep -qxF "        $line" linker/linker.ld || fail "linker.ld does not have the line of sets.ld: $line"

cat >"$work/own.c" <<'C'
#include "linker/linker.h"
#include "linker/set.h"

LINKER_BOOT0(own_main, 4096);

struct note {
    int value;
};
LINKER_SET_DECLARE(notes, const struct note);
static const struct note first = {1}, second = {2};
LINKER_SET_ADD(notes, 1, first);
LINKER_SET_ADD(notes, 2, second);

int own_total;

void own_main(void) {
    struct kernel_layout layout = kernel_layout_locate();
    kernel_layout_zero_bss(&layout);
    LINKER_SET_FOREACH(notes, note)
        own_total += note->value;
    for (;;)
        continue;
}
C

# own_script WITH_SETS: a script of a kernel's own, with or without the
# fragment.
own_script() {
    cat <<LD
ENTRY(_start)
SECTIONS
{
    . = 0x40200000;
    .text : { __start = .; KEEP(*(.text.entry)) *(.text .text.*) }
    .rodata : {
        __rodata = .;
        *(.rodata .rodata.*)
        $([ "$1" = yes ] && echo "INCLUDE linker/sets.ld")
    }
    .data : { __data = .; *(.data .data.* .sdata .sdata.*) }
    .bss : { __sbss = .; *(.bss .bss.* .sbss .sbss.*) __ebss = .; }
    .boot (NOLOAD) : { __boot = .; KEEP(*(.boot.stack)) __end = .; }
}
LD
}
own_script yes >"$work/with_sets.ld"
own_script no >"$work/without_sets.ld"

gcc=
for prefix in riscv64-unknown-elf- riscv64-linux-gnu- riscv64-unknown-linux-gnu-; do
    command -v "${prefix}gcc" >/dev/null && gcc=$prefix && break
done
# Each line: compiler and flags | linker | nm.
while IFS='|' read -r compiler linker nm; do
    objects=()
    for source in own.c linker/layout.c; do
        objects+=("$work/$(basename "$source" .c)-${linker%% *}.o")
        # shellcheck disable=SC2086
        $compiler -std=c11 -O2 -Wall -Wextra -Werror -ffreestanding -fno-pie -mcmodel=medany \
            -I"$work" -c "$work/$source" -o "${objects[-1]}" || fail "$compiler did not compile $source"
    done
    # The script INCLUDEs linker/sets.ld from the folder the link runs in.
    if output=$(cd "$work" && $linker --gc-sections -T with_sets.ld -o own.elf "${objects[@]}" 2>&1); then
        symbols=$($nm "$work/own.elf")
        start=$(awk '$3 == "linker_set_notes_start" { print $1 }' <<<"$symbols")
        stop=$(awk '$3 == "linker_set_notes_stop" { print $1 }' <<<"$symbols")
        if [ -z "$start" ] || [ $((0x$stop - 0x$start)) -ne 16 ]; then
            fail "$linker: the set is not its two items: start 0x$start, stop 0x$stop"
        else
            echo "$linker: with linker/sets.ld, the set holds 2 items at 0x$start"
        fi
    else
        fail "$linker: did not link with linker/sets.ld: $output"
    fi
    if output=$(cd "$work" && $linker --gc-sections -T without_sets.ld -o lost.elf "${objects[@]}" 2>&1); then
        fail "$linker: linked a set that its script does not gather"
    elif ! grep -q "linker_sets_ld_included" <<<"$output"; then
        fail "$linker: its error does not name linker/sets.ld: $output"
    else
        echo "$linker: without linker/sets.ld: $(grep -m1 linker_sets_ld_included <<<"$output")"
    fi
done <<LIST
${gcc}gcc -march=rv64gc -mabi=lp64d|${gcc}ld|${gcc}nm
clang --target=riscv64-unknown-elf -march=rv64imac -mabi=lp64 -mno-relax|ld.lld|llvm-nm
LIST
exit "$failures"
