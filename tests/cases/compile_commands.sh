# `make compile_commands.json` lists every source the build compiles: the
# kernel, linker/, lib/, the user runtime, the apps and the host programs,
# each once, the target ones with the very command make compiles them with
# and the host ones with a command that compiles them; for GCC and for
# LLVM=1. (The host ones are compiled with GCC's list only: LLVM=1 changes
# the target's compiler, not the host's, so its list must give the very
# same commands for them.) It runs in a scratch folder of links to the repository's, so that
# the repository's own compile_commands.json stays as it is.
. "$(dirname "$0")/../lib.sh"

copy=$(realpath -m "$TEST_BUILD/compile_commands")
rm -rf "$copy"
mkdir -p "$copy"
for entry in *; do
    [ "$entry" = build ] || [ "$entry" = compile_commands.json ] || ln -s "$PWD/$entry" "$copy/$entry"
done
cd "$copy" || exit 1
# The host commands it runs write where the list says: in the copy's own
# build folder, never in the objects of this run's (OBJECTS, which may be a
# path outside it).
unset OBJECTS
# The sources of the normal build: the KTEST and bench files belong to the
# builds of `make ktest` and `make bench` only.
wanted=$(ls kernel/*.[cS] linker/*.[cS] linker/host/*.c lib/*.c user/*.c user/apps/*.c tools/*.c tests/host/*.c |
    grep -Ev '^kernel/(ktest|bench)' | sort)

declare -A host_command=()
for llvm in "" 1; do
    rm -f compile_commands.json
    make -s --no-print-directory LLVM=$llvm compile_commands.json >/dev/null ||
        { fail "LLVM=$llvm: make compile_commands.json failed"; continue; }
    # The commands make runs, each a key (looked up by bash: a grep per
    # entry would be a hundred processes).
    declare -A made=()
    while IFS= read -r line; do
        [ -n "$line" ] && made[$line]=1
    done < <(make -s --no-print-directory -n -B LLVM=$llvm all)
    [ "$(head -n 1 compile_commands.json)" = "[" ] && [ "$(tail -n 1 compile_commands.json)" = "]" ] ||
        fail "LLVM=$llvm: compile_commands.json is not one JSON array"
    files=()
    last=$(($(wc -l <compile_commands.json) - 2))
    while IFS= read -r line; do
        [[ $line =~ ^\{\"directory\":\ \"([^\"]*)\",\ \"file\":\ \"([^\"]*)\",\ \"arguments\":\ \[(\"[^\"]*\"(,\ \"[^\"]*\")*)\]\}(,?)$ ]] ||
            { fail "LLVM=$llvm: not an entry: $line"; continue; }
        directory=${BASH_REMATCH[1]} file=${BASH_REMATCH[2]}
        # A comma after every entry but the last.
        comma=
        [ $((${#files[@]} + 1)) -lt "$last" ] && comma=,
        [ "${BASH_REMATCH[5]}" = "$comma" ] || fail "LLVM=$llvm: $file: a comma missing or too many"
        quoted=${BASH_REMATCH[3]:1:-1}
        read -r -a arguments <<<"${quoted//\", \"/ }"
        files+=("$file")
        [ "$directory" = "$copy" ] || fail "LLVM=$llvm: $file: directory $directory, not $copy"
        case $file in
        tools/* | linker/host/* | tests/host/*)
            # The host compiler is the same with LLVM=1: its commands must
            # be GCC's, which were compiled (to the end of the compiler's
            # checks: -fsyntax-only leaves out the optimizer, which takes
            # most of the time, and writes no object).
            if [ -z "$llvm" ]; then
                host_command[$file]="${arguments[*]}"
                "${arguments[@]}" -fsyntax-only >/dev/null 2>&1 ||
                    fail "LLVM=$llvm: $file: '${arguments[*]}' does not compile it"
            elif [ "${arguments[*]}" != "${host_command[$file]:-}" ]; then
                fail "LLVM=$llvm: $file: '${arguments[*]}', not the command without LLVM=1, '${host_command[$file]:-}'"
            fi ;;
        *)
            [ -n "${made[${arguments[*]}]:-}" ] ||
                fail "LLVM=$llvm: $file: make does not compile it with '${arguments[*]}'" ;;
        esac
    done < <(sed '1d;$d' compile_commands.json)
    listed=$(printf '%s\n' "${files[@]}" | sort -u)
    [ "$listed" = "$wanted" ] ||
        fail "LLVM=$llvm: the sources listed differ from the sources:"$'\n'"$(diff <(echo "$wanted") <(echo "$listed"))"
    echo "LLVM=$llvm: ${#files[@]} entries, $(grep -o '"arguments": \["[^"]*' compile_commands.json | sort -u | cut -d'"' -f4 | tr '\n' ' ')"
done
exit "$failures"
