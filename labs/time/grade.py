"""The grader of the time lab (labs/time/README.md), run by `make grade`.

Its apps, labs/time/apps/*.c, run in one boot under -icount shift=0, where
the clock advances exactly one nanosecond per instruction: what get_time
says can be held against what instret counted. Each test reads the lines
of one app (tools/gradelib.py).
"""
from gradelib import Lab, check_bad_pointers, check_between, check_equal, result

lab = Lab("time")

# get_time may keep whole microseconds or round to a millisecond, no worse.
SLACK_US = 1000


@lab.test("get_time returns 0 and the time since boot", points=10)
def since_boot(boot):
    clock = boot.app("time_clock")
    check_equal("get_time's result", 0, clock.value("get_time returned {}"), show=result)
    time_us, before, after = clock.values("since boot: {} us by get_time, instret {}..{}")
    check_between("the time since boot (instret at the call, in us)", time_us,
                  before // 1000 - SLACK_US, after // 1000 + SLACK_US, " us")
    check_between("the usec field", clock.value("usec field {}"), 0, 999999)


@lab.test("the time advances across a busy loop as the instructions do", points=10)
def busy_loop(boot):
    clock = boot.app("time_clock")
    instructions, elapsed = clock.values("a loop of {} instructions: {} us by get_time")
    loop_us = instructions // 1000
    check_between(f"get_time across {instructions} instructions", elapsed,
                  loop_us - SLACK_US, loop_us + SLACK_US + loop_us // 100, " us")


@lab.test("time never goes back; get_time_ms agrees with get_time", points=5)
def monotonic(boot):
    clock = boot.app("time_clock")
    pairs, failed, backwards, advanced = clock.values(
        "{} pairs of calls: {} did not return 0, {} went back in time; {} us from the first to the last")
    check_equal(f"calls (one, then {pairs} pairs) that did not return 0", 0, failed)
    check_equal(f"pairs of {pairs} that went back in time", 0, backwards)
    check_between(f"the time across {pairs} pairs of calls", advanced, 1, 1000000, " us")
    milliseconds, microseconds = clock.values("get_time_ms {}, then get_time {} us")
    check_between("get_time_ms", milliseconds, microseconds // 1000 - 1, microseconds // 1000, " ms")


@lab.test("pointers not wholly the app's return -14 and write nothing; the kernel survives", points=15)
def bad_pointers(boot):
    check_bad_pointers(boot, "time_pointers", "get_time")
