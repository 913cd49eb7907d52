# linker/set.h on its own (only -Ilinker, freestanding), with GCC and
# clang: a good use compiles without a warning; an order that is not one
# digit and an item of the wrong type are compile errors that say so.
set -u
failures=0
work=$TEST_BUILD/linker_set_misuse
rm -rf "$work"
mkdir -p "$work"

# write NAME ORDER ITEM_TYPE: a file that adds an ITEM_TYPE to a set of int.
write() {
    cat >"$work/$1.c" <<C
#include "set.h"
LINKER_SET_DECLARE(numbers, const int);
static const $3 one = 1;
LINKER_SET_ADD(numbers, $2, one);
int sum(void) {
    int total = 0;
    LINKER_SET_FOREACH(numbers, number)
        total += *number;
    return total + (int)LINKER_SET_COUNT(numbers);
}
C
}
write good 9 int
write order 10 int
write type 1 char

gcc=
for prefix in riscv64-unknown-elf- riscv64-linux-gnu- riscv64-unknown-linux-gnu-; do
    command -v "${prefix}gcc" >/dev/null && gcc=${prefix}gcc && break
done
compilers=("$gcc -march=rv64imac -mabi=lp64"
           "clang --target=riscv64-unknown-elf -march=rv64imac")
for compiler in "${compilers[@]}"; do
    # compile NAME: the compiler's messages; its status is the function's.
    compile() {
        $compiler -std=c11 -Wall -Wextra -Werror -ffreestanding -mcmodel=medany \
            -Ilinker -c "$work/$1.c" -o "$work/$1.o" 2>&1
    }
    name=${compiler%% *}
    if ! output=$(compile good) || [ -n "$output" ]; then
        echo "FAIL: $name: a good use did not compile cleanly: $output"
        failures=$((failures + 1))
    fi
    for bad in "order:the order must be one digit, 0 to 9" "type:incompatible pointer type"; do
        if output=$(compile "${bad%%:*}") || ! grep -q "${bad#*:}" <<<"$output"; then
            echo "FAIL: $name: ${bad%%:*}: no error '${bad#*:}': $output"
            failures=$((failures + 1))
        else
            echo "$name refuses the bad ${bad%%:*}: $(grep -m1 error <<<"$output")"
        fi
    done
done
exit "$failures"
