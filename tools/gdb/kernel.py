"""gdb's side of this kernel, loaded by `make gdb` and `make gdb-attach`
once the kernel's symbols are in (docs/guide/09-debugging.md is the guide):

  - app_symbols.py: gdb always holds the running app's symbols (info apps);
  - boundary.py: step-into-kernel and return-to-user;
  - here: the settings a bare-metal RISC-V target needs, quit that ends
    QEMU too, and the banner.

By hand: gdb-multiarch build/kernel.elf -x tools/gdb/kernel.py, then
target remote localhost:PORT.
"""

import os
import sys

import gdb

# No __pycache__ in the repository: bytecode is kept only where
# PYTHONPYCACHEPREFIX puts it (make test does, under build/).
sys.dont_write_bytecode = not sys.pycache_prefix
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

# gdb-multiarch assumes GNU/Linux, and for RISC-V that means stepping in
# software, with a breakpoint on the next instruction: stepi would run a
# whole system call over an ecall, and run away over an sret. With no OS
# ABI, gdb asks QEMU to single-step, which follows the hardware into the
# trap and back.
gdb.execute("set osabi none")
# A breakpoint in an app that has not started yet waits for its symbols.
gdb.execute("set breakpoint pending on")
# The symbol swaps must never stop at a --Type <RET>-- prompt.
gdb.execute("set pagination off")

# Their commands and breakpoints come with them (they need the path above).
import app_symbols  # noqa: E402,F401
import boundary  # noqa: E402,F401

# make gdb runs QEMU in this terminal (tools/run-gdb.sh says so).
ONE_TERMINAL = os.environ.get("KERNEL_GDB_TERMINAL") == "shared"


def end_qemu():
    """quit ends QEMU too, without the question "Quit anyway?": QEMU quits
    at once (monitor quit), and gdb, left with no target, asks nothing."""
    for command in ("monitor quit", "disconnect"):
        try:
            gdb.execute(command, to_string=True)
        except gdb.error:
            pass  # QEMU was gone already, or went during the first


def mute_qemu():
    """In make gdb, QEMU's console is this terminal: after a detach the
    kernel runs on, and must not print over the student's shell."""
    try:
        gdb.execute("monitor chardev-change serial0 null", to_string=True)
        gdb.write("[gdb] detached: the kernel runs on in QEMU, which no longer prints "
                  "here and ends when gdb does\n")
    except gdb.error:
        pass


def define_hook(name, function, documentation):
    """A hook of gdb's (hook-quit runs before quit) that calls function."""
    gdb.execute(f"define {name}\npython {function.__name__}()\nend")
    gdb.execute(f"document {name}\n{documentation} (tools/gdb/kernel.py).\nend")


define_hook("hook-quit", end_qemu, "Makes quit end QEMU too, without a question")
if ONE_TERMINAL:
    define_hook("hook-detach", mute_qemu, "Makes detach mute the kernel in this terminal")


def banner():
    """What make gdb prints before the first prompt."""
    gdb.write(
        "\n"
        "The kernel is stopped at _start. Besides gdb's own commands:\n"
        "  step-into-kernel   run the app to its next trap; stop at trap_entry (S-mode)\n"
        "  return-to-user     run the kernel to the app's next instruction (U-mode)\n"
        "  info apps          the apps; gdb holds the symbols of the one running\n"
        "  quit               end gdb and QEMU\n"
        "break power.c:main waits for power to start. More: help user-defined,\n"
        "docs/guide/09-debugging.md.\n")
