#!/usr/bin/env bash
# `make gdb` in one terminal: starts QEMU halted with a gdb stub in the
# background, waits until the stub listens, runs gdb in front, and stops
# QEMU when gdb quits. The kernel's console output appears in this
# terminal, mixed with gdb's, straight from QEMU, so that the two interleave
# in the order things happen (the kill lines' decoder that `make qemu` runs
# would hold it back while it looks up addresses). After a detach,
# tools/gdb/kernel.py mutes it: KERNEL_GDB_TERMINAL=shared tells it that
# the terminal is shared.
#
# Usage: tools/run-gdb.sh PORT QEMU-COMMAND... -- GDB-COMMAND...
set -euo pipefail

port=$1
shift
qemu=()
while [ $# -gt 0 ] && [ "$1" != -- ]; do
    qemu+=("$1")
    shift
done
shift # the --

# gdb owns the keyboard, so QEMU reads nothing from it and writes the
# serial console straight to this terminal.
"${qemu[@]}" -display none -monitor none -serial file:/dev/stdout \
    -S -gdb "tcp:localhost:$port" </dev/null &
qemu_pid=$!
trap 'kill $qemu_pid 2>/dev/null || true' EXIT

for _ in $(seq 100); do
    if ! kill -0 "$qemu_pid" 2>/dev/null; then
        echo "run-gdb.sh: QEMU stopped before gdb could attach (is port $port in use?)" >&2
        exit 1
    fi
    (exec 3<>"/dev/tcp/localhost/$port") 2>/dev/null && break
    sleep 0.1
done

KERNEL_GDB_TERMINAL=shared "$@"
