# tools/decode_addresses.c over transcripts, with the default build's
# kernel, apps and symbol-files list, and the real addr2line:
#  - a kernel panic's pc is named in the kernel (function, file:line), and
#    its stval too when it lies in the kernel;
#  - an app's kill line is named in that app's ELF file, and only when the
#    index and the name are those of the list;
#  - every byte of the input comes out unchanged, a last line without a
#    newline too, and all of it to a slow reader through a non-blocking
#    output (QEMU makes the terminal it shares with it so);
#  - with a command, it decodes what the command prints and exits with
#    the command's status;
#  - a missing list is one line and exit 2.
# (The live runs are in debugging_own_app.exp: make qemu, a prompt with no
# newline, Ctrl-A X.)
. "$(dirname "$0")/../lib.sh"

build=$TEST_BUILD
decoder=$OBJECTS/host/decode_addresses
list=$build/symbol-files
# (readelf's symbol table, not nm's, which starts slowly:
# docs/maintainers/testing.md, "Where the time goes".)
address_of() { # address_of ELF SYMBOL
    "$READELF" -sW "$1" | awk -v symbol="$2" '$8 == symbol { print $2 }'
}
store_fault=$(awk '$1 == "app" && $3 == "store_fault" { print $2 " " $4 }' "$list")
read -r index elf <<<"$store_fault"
[ -n "$index" ] || fail "no store_fault in $list"
main=$(address_of "$elf" main)
zero_range=$(address_of "$build/kernel.elf" linker_zero_range)
line_of() { # line_of FILE TEXT: the number of the first line holding TEXT
    grep -nF -- "$2" "$1" | head -n 1 | cut -d: -f1
}

input=$(printf '%s\n' \
    "[kernel] app $index store_fault: loaded at 0x80400000, 1424 bytes" \
    "[kernel] app $index store_fault: killed: store page fault at 0x0, pc 0x$main" \
    "[kernel] app $index hello: killed: store page fault at 0x0, pc 0x$main" \
    "[kernel] panic: kernel trap: store page fault (scause 0xf), stval 0x80200000, pc 0x$zero_range"
    printf 'name? ')
output=$(printf '%s' "$input" | "$decoder" "$list"; echo .)
output=${output%.}
# A function's first instruction is on its first line, or on the first of
# its body (there is no prologue), whichever the compiler says: the lines
# it may name are put back as the first.
main_line=$(line_of user/apps/store_fault.c 'int main(void)')
zero_range_line=$(line_of linker/layout.c 'void linker_zero_range(')
normalized=$(sed -e "s|(user/apps/store_fault.c:$((main_line + 1)))|(user/apps/store_fault.c:$main_line)|" \
                 -e "s|(linker/layout.c:$((zero_range_line + 1)))|(linker/layout.c:$zero_range_line)|" <<<"$output")
wanted=$(printf '%s\n' \
    "[kernel] app $index store_fault: loaded at 0x80400000, 1424 bytes" \
    "[kernel] app $index store_fault: killed: store page fault at 0x0, pc 0x$main" \
    "    at main (user/apps/store_fault.c:$main_line)" \
    "[kernel] app $index hello: killed: store page fault at 0x0, pc 0x$main" \
    "[kernel] panic: kernel trap: store page fault (scause 0xf), stval 0x80200000, pc 0x$zero_range" \
    "    at linker_zero_range (linker/layout.c:$zero_range_line)" \
    "    address 0x80200000: at _start"
    printf 'name? ')
# 0x80200000 is both _start and the linker script's __start.
[ "$(sed 's/at __start$/at _start/' <<<"$normalized")" = "$wanted" ] ||
    fail "decoded:"$'\n'"$output"$'\n'"wanted:"$'\n'"$wanted"
[ "${output: -7}" = $'\nname? ' ] || fail "the last line, with no newline, did not come out as it went in"

# A slow reader (dd, a byte at a time) on an output that QEMU has made
# non-blocking: perl sets O_NONBLOCK, as QEMU does on the terminal. The
# decoder writes far faster than dd reads, so the pipe fills and its
# writes fail with EAGAIN until dd catches up: perl shrinks the pipe to
# its least, a page (4 KiB, from 64), so that four pipefuls of input are
# enough for that to happen many times (each byte costs dd a read).
big=$(mktemp)
yes '[kernel] a line of output for a slow reader' | head -c 16384 >"$big"
perl -MFcntl=:DEFAULT,F_SETPIPE_SZ -e 'fcntl(STDOUT, F_SETPIPE_SZ, 4096) or die "F_SETPIPE_SZ: $!";
    fcntl(STDOUT, F_SETFL, fcntl(STDOUT, F_GETFL, 0) | O_NONBLOCK) or die; exec @ARGV' \
    "$decoder" "$list" <"$big" | dd bs=1 status=none | cmp - "$big" ||
    fail "a slow reader on a non-blocking output did not get all 16384 bytes"
rm -f "$big"

# Through a command: the same decoding, and the command's exit status.
output=$("$decoder" "$list" -- sh -c "echo '[kernel] app $index store_fault: killed: store page fault at 0x0, pc 0x$main'; exit 3")
status=$?
[ "$status" -eq 3 ] || fail "the command exited with 3, decode_addresses with $status"
grep -qx "    at main (user/apps/store_fault.c:$main_line)" <<<"$output" || fail "through a command:"$'\n'"$output"

output=$("$decoder" /nonexistent/symbol-files </dev/null 2>&1)
status=$?
[ "$status" -eq 2 ] && [ "$(wc -l <<<"$output")" -eq 1 ] && grep -q '/nonexistent/symbol-files' <<<"$output" ||
    fail "a missing list (exit $status): $output"

[ "$failures" -eq 0 ]
