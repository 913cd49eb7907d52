"""The course kit's grading library: what a lab's grader (labs/LAB/grade.py)
is written with, and how one boot of a lab's apps is read (labs/README.md).

A lab declares its tests with Lab.test; tools/grade.py builds a kernel with
the lab's apps (labs/LAB/apps/*.c), boots it once in QEMU under
-icount shift=0 and hands every test the Boot. Tests read only what they
need, with tolerant patterns: the lines an app prints after its own name
("time_clock: get_time returned 0") and the kernel's contract line that
ends it ("exited with code 0", "killed: <cause>"). Anything else in the
transcript (a student's debug line, other apps, another order) is ignored.
"""

import re
from dataclasses import dataclass, field
from typing import Callable


class TestFailure(Exception):
    """A check that did not hold; the message says what was expected and
    what came instead."""


@dataclass
class Test:
    name: str
    points: int
    check: Callable[["Boot"], None]
    time_limit: int  # seconds of the host's time, towards the boot's limit


@dataclass
class Lab:
    """One lab: its name (its folder in labs/), the labs it builds on (their
    solutions are in place when this one is done or graded), and its tests.

    make_variables are given to the build of the lab's kernel (the mode, for
    example); solution_files are files that only the solution's tests use
    and that cannot hold a `lab:` line (an expected transcript): the
    handout leaves them out with the lab."""

    name: str
    requires: tuple = ()
    make_variables: tuple = ()
    solution_files: tuple = ()
    tests: list = field(default_factory=list)

    def test(self, name, points, time_limit=5):
        """Decorator: the function is a test worth `points`, handed the Boot."""

        def register(check):
            self.tests.append(Test(name, points, check, time_limit))
            return check

        return register

    @property
    def points(self):
        return sum(test.points for test in self.tests)


# The kernel's contract lines (README.md, "What `make qemu` prints").
LOADED = re.compile(r"^\[kernel\] app (\d+) (\S+): loaded at ")
ENDED = re.compile(r"^\[kernel\] app (\d+) (\S+): (exited with code -?\d+|killed: .*|refused: .*)$")
PANIC = re.compile(r"^\[kernel\] panic: .*$")
SUMMARY = re.compile(r"^\[kernel\] \d+ apps: .*$")

# A number in an app's line: decimal, maybe negative, or hex.
NUMBER = r"(0x[0-9a-fA-F]+|-?[0-9]+)"


def shorten(text, limit=160):
    return text if len(text) <= limit else text[: limit - 3] + "..."


class App:
    """What one app printed (its lines that start with its name, the name
    taken off) and the kernel's line that ended it."""

    def __init__(self, name, lines, end):
        self.name = name
        self.lines = lines
        self.end = end

    def said(self):
        """Its lines and its end, short, for a failure message."""
        if self.lines:
            printed = "it printed " + " | ".join(f"'{line}'" for line in self.lines[:6])
            if len(self.lines) > 6:
                printed += f" | ... ({len(self.lines)} lines)"
        else:
            printed = "it printed no line of its own"
        return shorten(printed, 300) + f", then {self.end}"

    def values(self, template):
        """The numbers in the first line of the app that reads like template,
        where each {} stands for a number: values("got {} of {}") -> (3, 4)."""
        literal_parts = [re.escape(part) for part in template.split("{}")]
        pattern = re.compile(NUMBER.join(literal_parts))
        for line in self.lines:
            match = pattern.search(line)
            if match:
                return tuple(int(group, 0) for group in match.groups())
        wanted = template.replace("{}", "N")
        raise TestFailure(f"expected a line '{self.name}: {wanted}'; {self.said()}")

    def value(self, template):
        """The one number of the first line that reads like template."""
        (number,) = self.values(template)
        return number

    def has_line(self, text):
        """True if one of the app's lines contains text."""
        return any(text in line for line in self.lines)

    def check_exited(self, code=0):
        """The app ended with exit(code), not killed."""
        if self.end != f"exited with code {code}":
            raise TestFailure(f"{self.name}: expected 'exited with code {code}', got '{self.end}'")


class Boot:
    """One run of a lab's kernel: its transcript, split by app.

    stopped_after is the time limit in seconds if the grader had to stop
    QEMU, else None."""

    def __init__(self, transcript, stopped_after=None, exit_status=0):
        self.transcript = transcript
        self.stopped_after = stopped_after
        self.exit_status = exit_status
        self.lines = transcript.replace("\r", "").split("\n")
        self.panic = next((line for line in self.lines if PANIC.match(line)), None)
        self.summary = next((line for line in self.lines if SUMMARY.match(line)), None)

    def app(self, name):
        """The app called name, once it has ended; a TestFailure saying why
        if it never started or never ended."""
        started = any(LOADED.match(line) and LOADED.match(line).group(2) == name for line in self.lines)
        prefix = name + ": "
        lines = [line[len(prefix):] for line in self.lines if line.startswith(prefix)]
        for line in self.lines:
            match = ENDED.match(line)
            if match and match.group(2) == name:
                return App(name, lines, match.group(3))
        if self.stopped_after is not None:
            why = f"stopped after {self.stopped_after} s (the time limit): {name} "
            why += "never ended" if started else "never started"
        elif self.panic:
            why = f"the kernel panicked before {name} ended: '{self.panic}'"
        elif not started:
            why = f"{name} never started (no '[kernel] app N {name}: loaded at' line)"
        else:
            why = f"{name} never ended (QEMU exited with status {self.exit_status})"
        if lines:
            why += f"; its last line: '{shorten(lines[-1])}'"
        raise TestFailure(why)

    def lines_of(self, *names):
        """The lines of the apps named, in the order they came, as (name,
        line) pairs with the line's name taken off: for tests of the order
        in which apps run."""
        pairs = []
        for line in self.lines:
            name, _, text = line.partition(": ")
            if name in names:
                pairs.append((name, text))
        return pairs

    def check_survived(self):
        """The kernel went on to its summary line, without a panic."""
        if self.panic:
            raise TestFailure(f"expected no panic, got '{self.panic}'")
        if self.summary is None:
            raise TestFailure("expected the summary line '[kernel] N apps: ...', got none")


# What the error numbers a system call returns mean (kernel/syscall_abi.h).
ERRORS = {-9: "EBADF", -14: "EFAULT", -38: "ENOSYS, not written yet"}


def result(number):
    """A system call's result in words: -38 (ENOSYS, not written yet)."""
    return f"{number} ({ERRORS[number]})" if number in ERRORS else str(number)


def check_equal(what, expected, got, show=str):
    """show turns a value into words: hex for an address or a pattern,
    result for a system call's result. Dictionaries are compared key by key,
    and only the keys that differ are named."""
    if isinstance(expected, dict) and isinstance(got, dict):
        wrong = [f"{key} {show(got.get(key))} (expected {show(value)})"
                 for key, value in expected.items() if got.get(key) != value]
        if wrong:
            raise TestFailure(f"{what}: " + ", ".join(wrong))
    elif got != expected:
        raise TestFailure(f"{what}: expected {show(expected)}, got {show(got)}")


def check_between(what, got, low, high, unit=""):
    if not low <= got <= high:
        raise TestFailure(f"{what}: expected {low}..{high}{unit}, got {got}{unit}")


# The pointers of labs/bad_pointers.h, as its lines name them.
BAD_POINTERS = ("NULL", "kernel text 0x80200000", "just past the slot",
                "wrapping past 2^64", "across the slot's end")


def check_bad_pointers(boot, app_name, call):
    """The lines of an app of labs/bad_pointers.h: the call refused every
    bad pointer with -14, wrote nothing in the slot's last word, and the
    app went on to exit 0 and the kernel to its summary line."""
    app = boot.app(app_name)
    for pointer in BAD_POINTERS:
        check_equal(f"{call} with {pointer}", -14, app.value(pointer + ": {}"), show=result)
    check_equal(f"the slot's last word, which {call} across the end must not write",
                0x5A5A5A5A5A5A5A5A, app.value("the slot's last word after it: {}"), show=hex)
    app.check_exited(0)
    boot.check_survived()
