# The headers of linker/ and lib/ travel: each compiles on its own (a file
# that includes just it) as C11 with -pedantic -Wall -Wextra -Werror, with
# the build's GCC and with its clang, given no include path but the header's
# own folder; so do uses of LINKER_BOOT0 and LINKER_BOOT_HARTS. No quoted #include in those
# folders names a file outside its own folder (kernel/, user/, or linker/
# from lib/), but linker/host/'s, which name linker/'s own.
. "$(dirname "$0")/../lib.sh"

# The quoted includes of FILE, one a line (read by bash: no sed per file).
quoted_includes() { # quoted_includes FILE
    local line
    while IFS= read -r line || [ -n "$line" ]; do
        [[ $line =~ ^#include\ \"(.*)\"$ ]] && printf '%s\n' "${BASH_REMATCH[1]}"
    done <"$1"
}
for file in linker/*.[chS] lib/*.[chS]; do
    for header in $(quoted_includes "$file"); do
        if [[ $header == */* ]] || [ ! -f "${file%/*}/$header" ]; then
            fail "$file includes \"$header\", not a file of ${file%/*}/"
        fi
    done
done
# The library's host programs include the library as ../linker.h, from
# wherever the folder was copied.
for file in linker/host/*.c; do
    for header in $(quoted_includes "$file"); do
        if [[ $header != ../* ]] || [[ ${header#../} == */* ]] || [ ! -f "linker/${header#../}" ]; then
            fail "$file includes \"$header\", not a file of linker/"
        fi
    done
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# ISO C wants a declaration in every file, and syscall_numbers.h has none.
for header in linker/*.h lib/*.h; do
    printf '#include "%s"\ntypedef int not_empty;\n' "${header#*/}" >"$work/${header//\//_}.c"
done
printf '#include "linker.h"\nvoid entry(void);\nLINKER_BOOT0(entry, 4096);\n' >"$work/linker_linker_boot0.c"
# The hart count and stack size go to the assembler too: as macros here.
printf '#include "linker.h"\n#define HARTS 4\n#define STACK (2 * 4096)\nvoid entry(void);\nLINKER_BOOT_HARTS(entry, STACK, HARTS);\n' \
    >"$work/linker_linker_boot_harts.c"

for llvm in "" 1; do
    { read -r compiler && read -r arch; } < <(make -s --no-print-directory LLVM=$llvm print-CC print-ARCH)
    if [ -z "${compiler:-}" ] || [ -z "${arch:-}" ]; then
        fail "make cannot name the compiler for LLVM=$llvm"
        continue
    fi
    checked=0
    for source in "$work"/*.c; do
        folder=${source##*/}
        folder=${folder%%_*}
        $compiler $arch -std=c11 -pedantic -Wall -Wextra -Werror -ffreestanding \
            -I"$folder" -c "$source" -o "$work/out.o" || {
            read -r line <"$source"
            fail "$compiler: $line does not compile on its own"
        }
        checked=$((checked + 1))
    done
    echo "$compiler: $checked files checked"
    compiler='' arch=''
done
exit "$failures"
