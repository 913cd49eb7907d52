# tools/install-deps.sh on a machine that lacks the tools, seen through a
# PATH that hides them and an apt-get that only records what it is asked:
# it asks for exactly the missing Debian packages; without root or sudo it
# prints the command to run and fails; on a full machine it says nothing.
. "$(dirname "$0")/../lib.sh"

bare=$(mktemp -d)
trap 'rm -rf "$bare"' EXIT
# A PATH with the shell's basic tools and nothing of this project's.
for tool in bash sed id seq cat env; do ln -s "$(command -v $tool)" "$bare/$tool"; done
cat >"$bare/apt-get" <<'STUB'
#!/bin/bash
echo "$*" >>"$APT_LOG"
STUB
chmod +x "$bare/apt-get"
export APT_LOG=$bare/apt.log

PATH=$bare tools/install-deps.sh toolchain gdb expect >/dev/null 2>&1
grep -qx 'install -y -qq gcc-riscv64-unknown-elf binutils-riscv64-unknown-elf gdb-multiarch expect' "$APT_LOG" ||
    fail "asked apt-get for: $(cat "$APT_LOG")"
rm -f "$APT_LOG"
PATH=$bare tools/install-deps.sh host llvm linux-gnu >/dev/null 2>&1
grep -qx 'install -y -qq gcc libc6-dev clang lld llvm gcc-riscv64-linux-gnu binutils-riscv64-linux-gnu' "$APT_LOG" ||
    fail "host llvm linux-gnu: asked apt-get for: $(cat "$APT_LOG")"
# Each llvm- tool the build and the tests use is looked for.
for tool in llvm-ar llvm-objcopy llvm-nm llvm-readelf llvm-addr2line; do
    mkdir -p "$bare/llvm"
    for present in clang ld.lld llvm-ar llvm-objcopy llvm-nm llvm-readelf llvm-addr2line; do
        [ "$present" = "$tool" ] || ln -sf "$(type -P true)" "$bare/llvm/$present"
    done
    rm -f "$APT_LOG" "$bare/llvm/$tool"
    PATH=$bare/llvm:$bare tools/install-deps.sh llvm >/dev/null 2>&1
    grep -qx 'install -y -qq llvm' "$APT_LOG" || fail "without $tool: asked apt-get for: $(cat "$APT_LOG" 2>/dev/null)"
done

# A user who is not root, on a machine without sudo: the stub id goes in a
# folder of its own, ahead in PATH (writing over the link would write
# through it into the real /usr/bin/id).
mkdir "$bare/not-root"
cat >"$bare/not-root/id" <<'STUB'
#!/bin/bash
echo 1000
STUB
chmod +x "$bare/not-root/id"
rm -f "$APT_LOG"
output=$(PATH=$bare/not-root:$bare tools/install-deps.sh expect 2>&1)
status=$?
[ "$status" -ne 0 ] || fail "without root or sudo it succeeded"
grep -q 'as root, run: apt-get update && apt-get install -y expect' <<<"$output" || fail "it did not print the command: $output"
[ ! -e "$APT_LOG" ] || fail "without root it still ran apt-get"

output=$(tools/install-deps.sh host toolchain linux-gnu llvm qemu gdb expect format 2>&1) ||
    fail "on this machine it failed: $output"
[ -z "$output" ] || fail "on a machine that has everything it said: $output"
output=$(tools/install-deps.sh nonsense 2>&1) && fail "an unknown need was accepted"
grep -q "unknown need 'nonsense'" <<<"$output" || fail "unknown need: $output"
exit "$failures"
