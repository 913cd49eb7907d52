#!/usr/bin/env bash
# Installs the Debian packages this project needs, and only the missing ones.
# The Makefile runs it before any target that needs a tool, so that on a
# fresh Debian or Ubuntu machine `make qemu` and `make test` just work.
#
# Usage: tools/install-deps.sh NEED...
#   host       a C compiler for the host programs (packer, script emitter, tests)
#   toolchain  a RISC-V GCC and binutils: any of the three prefixes the
#              Makefile knows, else riscv64-unknown-elf- is installed
#   linux-gnu  the riscv64-linux-gnu- GCC and binutils (the tests build with it too)
#   llvm       clang, ld.lld and the llvm- tools of the LLVM=1 build and its tests
#   qemu       QEMU (7.2 or newer) and OpenSBI
#   gdb        gdb-multiarch        expect  the expect test driver
#   format     clang-format
#   python     python3, for make grade and make handout (the course kit, labs/)
# Prints nothing when everything is there already.
set -euo pipefail

missing=()
need_package() { missing+=("$@"); }
have_commands() { # have_commands COMMAND...: true if every one is there
    local command
    for command in "$@"; do
        command -v "$command" >/dev/null || return 1
    done
}

have_riscv_gcc() {
    local prefix
    for prefix in riscv64-unknown-elf- riscv64-linux-gnu- riscv64-unknown-linux-gnu-; do
        have_commands "${prefix}gcc" "${prefix}ld" && return 0
    done
    return 1
}

for need in "$@"; do
    case "$need" in
    toolchain)
        have_riscv_gcc || need_package gcc-riscv64-unknown-elf binutils-riscv64-unknown-elf ;;
    host)
        command -v cc >/dev/null || need_package gcc libc6-dev ;;
    linux-gnu)
        have_commands riscv64-linux-gnu-gcc riscv64-linux-gnu-ld ||
            need_package gcc-riscv64-linux-gnu binutils-riscv64-linux-gnu ;;
    qemu)
        command -v qemu-system-riscv64 >/dev/null || need_package qemu-system-misc
        [ -f /usr/lib/riscv64-linux-gnu/opensbi/generic/fw_jump.bin ] || need_package opensbi ;;
    gdb)
        command -v gdb-multiarch >/dev/null || need_package gdb-multiarch ;;
    expect)
        command -v expect >/dev/null || need_package expect ;;
    llvm)
        command -v clang >/dev/null || need_package clang
        command -v ld.lld >/dev/null || need_package lld
        have_commands llvm-ar llvm-objcopy llvm-nm llvm-readelf llvm-addr2line || need_package llvm ;;
    format)
        command -v clang-format >/dev/null || need_package clang-format ;;
    python)
        command -v python3 >/dev/null || need_package python3 ;;
    *)
        echo "install-deps.sh: unknown need '$need' (host, toolchain, linux-gnu, llvm, qemu, gdb, expect, format, python)" >&2
        exit 2 ;;
    esac
done

if [ ${#missing[@]} -gt 0 ]; then
    if ! command -v apt-get >/dev/null; then
        echo "install-deps.sh: missing ${missing[*]}, and this is not a Debian or Ubuntu system: install them by hand" >&2
        exit 1
    fi
    if [ "$(id -u)" -eq 0 ]; then
        as_root=()
    elif command -v sudo >/dev/null; then
        as_root=(sudo)
    else
        echo "install-deps.sh: missing ${missing[*]}; as root, run: apt-get update && apt-get install -y ${missing[*]}" >&2
        exit 1
    fi
    echo "install-deps.sh: installing ${missing[*]}" >&2
    "${as_root[@]}" apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq "${missing[@]}" >&2
fi

# 7.2 is the oldest QEMU this project is tested with; older ones are refused
# here in one line rather than failing somewhere later.
for need in "$@"; do
    if [ "$need" = qemu ]; then
        version=$(qemu-system-riscv64 --version | sed -n 's/^QEMU emulator version \([0-9]*\)\.\([0-9]*\).*/\1 \2/p')
        read -r major minor <<<"${version:-0 0}"
        if [ "$major" -lt 7 ] || { [ "$major" -eq 7 ] && [ "$minor" -lt 2 ]; }; then
            echo "install-deps.sh: QEMU ${major}.${minor} is too old: this project needs qemu-system-riscv64 7.2 or newer" >&2
            exit 1
        fi
    fi
done
