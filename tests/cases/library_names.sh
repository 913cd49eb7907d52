# Nothing of linker/ and lib/ can meet a name of the kernel they are dropped
# into (linker/README.md and lib/README.md say the rule): every global
# symbol their objects define and every name their headers declare carries
# the folder's prefix, or is one of the names linker/README.md gives (the
# SPEC's API, the script's symbols, the four compiler helpers of
# lib/compiler_helpers.c, lib's SYS_ numbers); no object needs a symbol from
# outside the library but the script's and the packed apps' (`apps`,
# `app_names`), so that none needs memcpy and friends. Run on this run's toolchain's objects (GCC's, clang's).
# toolchains: gcc llvm
. "$(dirname "$0")/../lib.sh"

# The names that need no prefix: the script's symbols and the packed apps'.
packed_apps='apps app_names'
script_symbols='__start __rodata __data __sbss __ebss __boot __end'
linker_names='^(linker_|LINKER_|kernel_layout|kernel_region|KERNEL_REGION_|app_meta|app_iter|APP_SLOT_SIZE$)'
lib_names='^(lib_|LIB_)'
compiler_helpers='^(memcpy|memmove|memset|memcmp)$'

# 1. The objects: what each defines, and what each needs.
# (The build keeps them in a folder of its own, which make names.)
folder=$(eval "make -s --no-print-directory BUILD=$TEST_BUILD $TEST_CONFIG print-LIBRARY_OBJECTS")
objects=("$folder"/linker/*.o "$folder"/lib/*.o)
[ ${#objects[@]} -ge 7 ] || fail "too few library objects in '$folder': ${objects[*]}"
# (One nm for all the objects, its lines read and its names matched by
# bash itself: there are hundreds. With -g it lists what each object
# defines and, as U, w or v, what it needs from elsewhere.)
declare -A defined=() listed=() defines=() needs=()
while read -r first second third; do
    if [ -z "$second" ]; then # "" or "FILE:", before its symbols
        [[ $first == *: ]] && name=${first%:} && name=${name#"$folder"/} && listed[$name]=1
    elif [ -z "$third" ]; then # "U NAME": needed, not defined here
        needs[$name]+=" $second"
    else
        [ "$name" = lib/compiler_helpers.o ] || defined[$third]=1
        defines[$name]+=" $third"
    fi
done < <("${TEST_BINUTILS}nm" -g "${objects[@]}")
[ ${#listed[@]} -eq ${#objects[@]} ] || fail "nm listed ${#listed[@]} of the ${#objects[@]} objects: ${!listed[*]}"
for object in "${objects[@]}"; do
    name=${object#"$folder"/}
    case $name in
    linker/*) allowed=$linker_names ;;
    lib/compiler_helpers.o) allowed=$compiler_helpers ;;
    *) allowed=$lib_names ;;
    esac
    for symbol in ${defines[$name]:-}; do
        [[ $symbol =~ $allowed ]] || fail "$name defines $symbol, which lacks its folder's prefix"
    done
    for symbol in ${needs[$name]:-}; do
        case "$name: $script_symbols $packed_apps " in
        linker/*" $symbol "*) ;;
        *) [ -n "${defined[$symbol]:-}" ] || fail "$name needs $symbol, which the library does not define" ;;
        esac
    done
done

# 2. The script defines only names of its own.
for symbol in $(sed -n 's/^ *\(PROVIDE(\)\{0,1\}\([A-Za-z_][A-Za-z0-9_]*\) *=.*/\2/p' linker/linker.ld linker/sets.ld); do
    case " $script_symbols LINKER_BASE " in
    *" $symbol "*) ;;
    *) [[ $symbol =~ $linker_names ]] || fail "linker.ld defines $symbol, which lacks the prefix" ;;
    esac
done

# 3. The headers: macros, tags, typedefs, enum constants and what they
#    declare at file scope, read from their text without comments (by the
#    host's gcc: the same in both runs, so in the GCC run alone).
if [[ " $TEST_CONFIG " == *" LLVM=1 "* ]]; then
    echo "the headers: checked in the GCC run (their names do not depend on the toolchain)"
    exit "$failures"
fi
header_names() {
    gcc -fpreprocessed -dD -E -P "$1" | awk '
        /^#define/ { sub(/\(.*/, "", $2); print $2; next }
        /^#/ { next }
        { for (rest = $0; match(rest, /(struct|enum|union) +[A-Za-z_][A-Za-z0-9_]*/);
               rest = substr(rest, RSTART + RLENGTH)) {
              tag = substr(rest, RSTART, RLENGTH); sub(/^[a-z]+ +/, "", tag); print tag } }
        /^typedef/ {
            if (match($0, /\(\*[A-Za-z_][A-Za-z0-9_]*\)/)) { print substr($0, RSTART + 2, RLENGTH - 3); next }
            line = $0; sub(/ *;.*$/, "", line); n = split(line, word, /[^A-Za-z0-9_]+/); print word[n]; next }
        /^enum.*\{/ { in_enum = 1; next }
        in_enum && /^}/ { in_enum = 0; next }
        in_enum { name = $1; sub(/[,=].*/, "", name); print name; next }
        /^[A-Za-z_]/ && match($0, /[A-Za-z_][A-Za-z0-9_]* *[\(\[]/) {
            name = substr($0, RSTART, RLENGTH); sub(/ *[\(\[]$/, "", name)
            if (name != "__attribute__" && name != "_Static_assert") print name; next }
        /^[A-Za-z_].*; *$/ { line = $0; sub(/ *;.*$/, "", line); n = split(line, word, /[^A-Za-z0-9_]+/); print word[n] }
    ' | sort -u
}
for header in linker/*.h lib/*.h; do
    case $header in
    linker/*) allowed=$linker_names ;;
    lib/compiler_helpers.h) allowed="$lib_names|$compiler_helpers" ;;
    lib/syscall_numbers.h) allowed="$lib_names|^SYS_" ;;
    *) allowed=$lib_names ;;
    esac
    names=$(header_names "$header")
    [ -n "$names" ] || fail "no names read from $header"
    count=0
    for name in $names; do
        [[ $name =~ $allowed ]] || fail "$header declares $name, which lacks its folder's prefix"
        count=$((count + 1))
    done
    echo "$header: $count names, all prefixed or named in the README"
done
exit "$failures"
