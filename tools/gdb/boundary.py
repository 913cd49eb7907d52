"""Two commands that cross the user/kernel boundary, where gdb's own
stepping cannot follow the student:

  step-into-kernel  runs the app to its next trap and stops at the kernel's
                    first instruction of it, trap_entry, in S-mode;
  return-to-user    runs the kernel until the app's next instruction, in
                    U-mode, or until the app is over.

They stop on breakpoints at the kernel's own crossing points, whose
comments say so: trap_entry, where stvec sends every trap; the kernel's
sret instructions, the only way into U-mode (kernel/trap_entry.S), which
return-to-user then steps over with QEMU's single-step; the return from
app_run (kernel/app.c), which runs an app until it is over, or, in the
slots mode, until it gives the CPU up (then the next sret goes into the
next app); and shutdown and panic, after which no app runs. Both say
where they stopped and in which privilege mode.
"""

import re

import gdb

from app_symbols import APP_SYMBOLS

MODES = {0: "U-mode", 1: "S-mode", 3: "M-mode"}
SCAUSE_INTERRUPT = 1 << 63
ECALL = 0x00000073
KERNEL_ENDS = ("shutdown", "panic")


def register(name):
    return int(gdb.parse_and_eval(f"${name}")) & (2**64 - 1)


def mode():
    return MODES.get(register("priv"), "unknown mode")


def where(pc):
    """pc as "function (file:line)", from the symbols gdb holds."""
    function = None
    try:
        block = gdb.block_for_pc(pc)
        while block is not None and block.function is None:
            block = block.superblock
        if block is not None:
            function = block.function.print_name
    except RuntimeError:
        pass
    line = gdb.find_pc_line(pc)
    place = f"{line.symtab.filename}:{line.line}" if line.symtab is not None else None
    if function and place:
        return f"{function} ({place})"
    return function or place or "code gdb has no symbols for"


def cause_name(scause):
    """The kernel's own words for scause (trap_cause_name, kernel/trap.c)."""
    table = "interrupts" if scause & SCAUSE_INTERRUPT else "exceptions"
    try:
        name = gdb.parse_and_eval(f"trap_cause_name::{table}[{scause & ~SCAUSE_INTERRUPT}]")
        return name.string()
    except (gdb.error, gdb.MemoryError):
        return "a cause the kernel has no name for"


def running_app():
    app = APP_SYMBOLS.current
    return f"app {app.index} {app.name}" if app is not None else "the app"


class KernelCode:
    """The kernel's instructions, [__start, __rodata) (linker/linker.ld),
    disassembled once for each kernel file, as gdb's disassemble command
    shows them: it names the target of an auipc and jalr pair too."""

    LINE = re.compile(r"^(?:=>)?\s+0x([0-9a-f]+)(?: <[^>]*>)?:\s+(\S+)(.*)$")

    def __init__(self):
        self.kernel = None
        self.instructions = []  # (address, mnemonic, operands and comment)

    def read(self):
        kernel = gdb.current_progspace().filename
        if kernel != self.kernel:
            listing = gdb.execute("disassemble &__start, &__rodata", to_string=True)
            self.instructions = [(int(match[1], 16), match[2], match[3])
                                 for match in map(self.LINE.match, listing.splitlines())
                                 if match]
            self.kernel = kernel
        return self.instructions

    def srets(self):
        """Where the kernel enters U-mode."""
        return [address for address, mnemonic, _ in self.read() if mnemonic == "sret"]

    def returns_from(self, function):
        """The instructions right after each call of function."""
        instructions = self.read()
        return [instructions[i + 1][0] for i, (_, mnemonic, rest) in enumerate(instructions[:-1])
                if mnemonic in ("jal", "jalr") and rest.endswith(f"<{function}>")]


KERNEL_CODE = KernelCode()


def app_over():
    """At a return from app_run: whether its result (a0, an enum
    app_outcome) says the app has ended, rather than given the CPU up."""
    ended = []
    for outcome in ("APP_EXITED", "APP_KILLED"):
        try:
            ended.append(int(gdb.parse_and_eval(outcome)))
        except gdb.error:
            return True  # a kernel without these names: every return ends
    return register("a0") in ended


def follows_ecall(pc):
    """Whether the instruction before pc is an ecall (an app's first
    instruction has nothing before it: reading there faults)."""
    try:
        before = gdb.selected_inferior().read_memory(pc - 4, 4)
    except gdb.MemoryError:
        return False
    return int.from_bytes(before, "little") == ECALL


def continue_to(locations):
    """Continues until the kernel reaches one of locations (breakpoint
    specs), or anything else stops it (a breakpoint of the student's,
    Ctrl-C), which gdb reports as usual. Returns the location, or None."""
    breakpoints = {}
    for spec in locations:
        breakpoints[spec] = gdb.Breakpoint(spec, internal=True)
        # Ours say nothing when they stop: the command says why it stopped.
        breakpoints[spec].silent = True
    try:
        gdb.execute("continue")
        for spec, breakpoint in breakpoints.items():
            if breakpoint.hit_count > 0:
                return spec
        return None
    finally:
        for breakpoint in breakpoints.values():
            if breakpoint.is_valid():
                breakpoint.delete()


def show_frame():
    """Where the kernel stopped, as gdb shows a stop: function, file:line
    and the source line."""
    gdb.write(re.sub(r"^#0\s+", "", gdb.execute("frame", to_string=True)))


class BoundaryCommand(gdb.Command):
    """What the two commands share: their class in help (user-defined), and
    the way they speak."""

    def __init__(self):
        super().__init__(self.NAME, gdb.COMMAND_USER)

    def say(self, message):
        gdb.write(f"{self.NAME}: {message}\n")

    def say_stopped_before(self, stopped_at, goal):
        """The kernel stopped before goal: at shutdown or panic (one of
        ours, silent), or for a reason gdb has reported already."""
        if stopped_at is not None:
            show_frame()
            self.say(f"the kernel reached {stopped_at}, in {mode()}, before {goal}: "
                     "no app runs any more")
        else:
            self.say(f"stopped before {goal}, in {mode()}")


class StepIntoKernel(BoundaryCommand):
    """Run the app to its next trap; stop at the kernel's first instruction.

Usage: step-into-kernel
From anywhere in an app: lets it run until it traps into the kernel (the
ecall of a system call, a faulting load or store, a timer interrupt,
anything) and stops at trap_entry (kernel/trap_entry.S), in S-mode, before
the kernel has changed a register. Then says why: scause, sepc (where the
app was) and stval (the faulting address, if any).
From the kernel, it runs on to the next trap of an app.
The way back: return-to-user."""

    NAME = "step-into-kernel"

    def invoke(self, argument, from_tty):
        try:
            stopped_at = continue_to(("*trap_entry",) + KERNEL_ENDS)
            if stopped_at != "*trap_entry":
                self.say_stopped_before(stopped_at, "the app trapped")
                return
            show_frame()
            scause, sepc, stval = register("scause"), register("sepc"), register("stval")
            kind = "interrupt" if scause & SCAUSE_INTERRUPT else "exception"
            self.say(f"{running_app()} trapped; the kernel starts at trap_entry, in {mode()}")
            gdb.write(f"  scause {scause & ~SCAUSE_INTERRUPT} ({kind}: {cause_name(scause)})\n"
                      f"  sepc   0x{sepc:x} in {where(sepc)}\n"
                      f"  stval  0x{stval:x}\n")
        except gdb.error as error:
            self.say(f"stopped: {error}")


class ReturnToUser(BoundaryCommand):
    """Run the kernel until the app's next instruction, in U-mode.

Usage: return-to-user
From anywhere in the kernel: lets it run until it returns to an app (the
sret at the end of kernel/trap_entry.S), steps over that sret and stops at
the first instruction the app executes, in U-mode: after the ecall of a
system call, with its result in a0, or where a timer interrupt stopped
it. If the app does not run again (it exited or was killed), it stops
where app_run returns, once the kernel has said how the app ended. If it
gave the CPU up (the slots mode: sched_yield, the end of its time slice),
it stops in the next app the kernel runs.
The way in: step-into-kernel."""

    NAME = "return-to-user"

    def invoke(self, argument, from_tty):
        try:
            if register("priv") == 0:
                self.say(f"already in U-mode, in {running_app()}: "
                         "step-into-kernel goes the other way")
                return
            app = running_app()
            srets = [f"*0x{address:x}" for address in KERNEL_CODE.srets()]
            app_returns = [f"*0x{address:x}" for address in KERNEL_CODE.returns_from("app_run")]
            stopped_at = continue_to(srets + app_returns + list(KERNEL_ENDS))
            gave_up = False
            while stopped_at in app_returns and not app_over():
                gave_up = True
                stopped_at = continue_to(srets + app_returns + list(KERNEL_ENDS))
            if stopped_at in app_returns:
                show_frame()
                self.say(f"{app} is over and will not run again (the line above says "
                         f"how it ended); the kernel goes on, in {mode()}")
                return
            if stopped_at not in srets:
                self.say_stopped_before(stopped_at, "the kernel returned to an app")
                return
            # QEMU's own single-step (osabi none: kernel.py) follows sret to U-mode.
            gdb.execute("stepi")
            pc = register("pc")
            now = running_app()
            if gave_up:
                message = f"{app} gave the CPU up; in {now}"
            else:
                message = f"{'back in' if now == app else 'in'} {now}"
            message += f", in {mode()}, at 0x{pc:x}"
            if follows_ecall(pc):
                a0 = register("a0")
                result = a0 - 2**64 if a0 >= 2**63 else a0
                message += f", after its ecall: a0 = {result}, the system call's result"
            self.say(message)
        except (gdb.error, gdb.MemoryError) as error:
            self.say(f"stopped: {error}")


StepIntoKernel()
ReturnToUser()
