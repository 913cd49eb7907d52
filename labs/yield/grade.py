"""The grader of the yield lab (labs/yield/README.md), run by `make grade`.

Its apps, labs/yield/apps/*.c, run together in one boot of the slots mode
(APP_STEP=0x200000), with a time limit of 20 ms each and time slices of
2 ms, under -icount shift=0 (a short boot, in which a slice is a tenth of
the limit: the spinner is taken off the CPU ten times before its end). In
index order (their names' order): yield_intruder reads the next app's slot
after one yield; yield_sleeper gives the CPU up after each 16 us of its
own until 30 ms have passed, and notes the longest it waited for the CPU
meanwhile; yield_spinner never
gives it up; yield_turn_a, _b and _c print five lines each, yielding after
each. Each test reads the lines of the apps it is about (tools/gradelib.py):
other lines, and lines in between, change nothing.
"""
import re

from gradelib import ENDED, Lab, TestFailure, check_between, check_equal, result

TIME_LIMIT_MS = 20
TIME_SLICE_MS = 2
SLEEP_MS = 30  # labs/yield/apps/yield_sleeper.c's, more than TIME_LIMIT_MS
lab = Lab("yield", requires=("time", "taskinfo"),
          make_variables=("APP_STEP=0x200000", f"APP_TIME_LIMIT_MS={TIME_LIMIT_MS}",
                          f"TIME_SLICE_MS={TIME_SLICE_MS}"),
          # The transcripts of the slots mode's regression tests, which only
          # the solution prints (tests/cases/slots_mode.exp, multiprogramming.exp).
          solution_files=("tests/expected/slots.txt", "tests/expected/multiprogramming.txt"))

TURN_APPS = ("yield_turn_a", "yield_turn_b", "yield_turn_c")
TURNS = 5
LOADED_AT = re.compile(r"^\[kernel\] app (\d+) (\S+): loaded at 0x([0-9a-f]+),")


def first_line(boot, prefix):
    """Where the first line that begins with prefix is in the transcript."""
    for number, line in enumerate(boot.lines):
        if line.startswith(prefix):
            return number
    raise TestFailure(f"expected a line '{prefix}...', got none")


def end_line(boot, name):
    """Where the kernel's line that ended the app is in the transcript."""
    boot.app(name)  # says why, if the app never ended
    return next(number for number, line in enumerate(boot.lines)
                if ENDED.match(line) and ENDED.match(line)[2] == name)


def check_killed(app, cause):
    if not app.end.startswith(f"killed: {cause}"):
        raise TestFailure(f"{app.name}: expected 'killed: {cause}...', got '{app.end}'")


@lab.test("three apps that yield take turns, round-robin", points=25)
def round_robin(boot):
    for name in TURN_APPS:
        boot.app(name).check_exited(0)
    turns = [(name, text) for name, text in boot.lines_of(*TURN_APPS) if text.startswith("turn ")]
    wanted = [(name, f"turn {turn} of {TURNS}") for turn in range(1, TURNS + 1) for name in TURN_APPS]
    if turns != wanted:
        came = ", ".join(f"{name[-1]}{text.split()[1]}" for name, text in turns[:15])
        raise TestFailure("expected the turns a1, b1, c1, a2, b2, c2, ... c5 "
                          f"(app, turn), got {came or 'none'}")
    for name in TURN_APPS:
        failed = boot.app(name).value("{} of 5 sched_yield calls did not return 0")
        check_equal(f"{name}'s sched_yield calls that did not return 0", 0, failed)


@lab.test("an app that never yields does not stop the others, and its own time limit ends it", points=20)
def preemption(boot):
    check_killed(boot.app("yield_spinner"), f"time limit exceeded ({TIME_LIMIT_MS} ms),")
    killed = end_line(boot, "yield_spinner")
    for name in TURN_APPS:
        boot.app(name).check_exited(0)
        if end_line(boot, name) > killed:
            raise TestFailure(f"expected {name} to end while yield_spinner spun, before its kill line; "
                              "it ended after: did the timer take the CPU back at the end of each slice?")
    # The turns started while the spinner spun: its line comes before the
    # second round of turns.
    if first_line(boot, "yield_spinner: spinning") > first_line(boot, "yield_turn_a: turn 2 "):
        raise TestFailure("expected yield_spinner to start before the second round of turns")


@lab.test("an app that sleeps by yielding wakes on time", points=20)
def sleep(boot):
    sleeper = boot.app("yield_sleeper")
    sleeper.check_exited(0)
    slept, _ = sleeper.values("woke after {} ms, having yielded {} times")
    check_between(f"the time yield_sleeper slept for {SLEEP_MS}", slept, SLEEP_MS, SLEEP_MS + TIME_SLICE_MS + 2,
                  " ms")
    # While yield_spinner spins, the end of its slice gives the CPU back.
    waited = sleeper.value("waited {} ms at most for the CPU")
    check_between("the longest yield_sleeper waited for the CPU", waited, 0, TIME_SLICE_MS + 2, " ms")
    returned, status, time = sleeper.values("task_info returned {}, status {}, time {} ms")
    check_equal("task_info's result", 0, returned, show=result)
    check_equal("task_info's status (2 is Running)", 2, status)
    check_between("task_info's time since yield_sleeper first ran", time, slept - 2, slept + 2, " ms")


@lab.test("an app's time limit counts its own running time only", points=10)
def own_time(boot):
    sleeper = boot.app("yield_sleeper")
    slept, _ = sleeper.values("woke after {} ms, having yielded {} times")
    if slept <= TIME_LIMIT_MS:
        raise TestFailure(f"yield_sleeper slept {slept} ms, no more than its time limit, "
                          f"{TIME_LIMIT_MS} ms: it proves nothing")
    sleeper.check_exited(0)


@lab.test("an app that reads another's slot is killed; that app goes on", points=15)
def isolation(boot):
    intruder = boot.app("yield_intruder")
    loaded = {match[2]: (int(match[1]), int(match[3], 16))
              for match in map(LOADED_AT.match, boot.lines) if match}
    if "yield_intruder" not in loaded:
        raise TestFailure("expected a line '[kernel] app N yield_intruder: loaded at 0x...'")
    index, slot = loaded["yield_intruder"]
    victim = next((name for name, (other, _) in loaded.items() if other == index + 1), None)
    if victim is None:
        raise TestFailure(f"expected an app {index + 1}, the one after yield_intruder")
    read_at = slot + 0x200000
    check_killed(intruder, f"load page fault at 0x{read_at:x},")
    if first_line(boot, f"{victim}: ") > end_line(boot, "yield_intruder"):
        raise TestFailure(f"expected {victim}, whose slot yield_intruder read, to have started "
                          "before yield_intruder's kill line: were all apps loaded and started first?")
    boot.app(victim).check_exited(0)


@lab.test("exit codes and the summary line", points=10)
def summary(boot):
    for name in TURN_APPS + ("yield_sleeper",):
        boot.app(name).check_exited(0)
    for name in ("yield_intruder", "yield_spinner"):
        check_killed(boot.app(name), "")
    boot.check_survived()
    check_equal("the summary line", "[kernel] 6 apps: 4 exited, 2 killed", boot.summary)
