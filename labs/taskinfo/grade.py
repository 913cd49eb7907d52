"""The grader of the taskinfo lab (labs/taskinfo/README.md), run by
`make grade`.

Its apps, labs/taskinfo/apps/*.c, run in one boot under -icount shift=0.
taskinfo_counts makes a known sequence of system calls (3 write, 2 getpid,
2 get_time, task_info; then 4 getpid, task_info) and prints both snapshots
afterwards; the counts must be exact. Its `time` is held against get_time,
so the lab needs the time lab done.
"""
from gradelib import Lab, check_bad_pointers, check_between, check_equal, result

lab = Lab("taskinfo", requires=("time",))

COUNTS = "write {}, exit {}, get_time {}, getpid {}, task_info {}, all others {}"


def snapshot(app, which):
    """The status, counts and time of the app's first or second snapshot;
    a TestFailure if task_info did not return 0 for it."""
    returned, status = app.values(f"{which}: task_info returned {{}}, status {{}}")
    check_equal(f"the {which} task_info's result", 0, returned, show=result)
    names = ("write", "exit", "get_time", "getpid", "task_info", "all others")
    counts = dict(zip(names, app.values(f"{which}: {COUNTS}")))
    time, written = app.values(f"{which}: time {{}} ms, {{}} of the 4 words after the struct written")
    return status, counts, time, written


@lab.test("task_info returns 0, status Running, exactly 2008 bytes", points=10)
def status(boot):
    app = boot.app("taskinfo_counts")
    for which in ("first", "second"):
        status, _, _, written = snapshot(app, which)
        check_equal(f"the {which} status (2 is Running)", 2, status)
        check_equal(f"words written past the {which} struct, which is 2008 bytes", 0, written)


@lab.test("syscall_times counts every call so far, this one included", points=20)
def first_counts(boot):
    _, counts, _, _ = snapshot(boot.app("taskinfo_counts"), "first")
    wanted = {"write": 3, "exit": 0, "get_time": 2, "getpid": 2, "task_info": 1, "all others": 0}
    check_equal("the first snapshot's counts", wanted, counts)


@lab.test("the counts go on across calls", points=10)
def second_counts(boot):
    _, counts, _, _ = snapshot(boot.app("taskinfo_counts"), "second")
    wanted = {"write": 3, "exit": 0, "get_time": 2, "getpid": 6, "task_info": 2, "all others": 0}
    check_equal("the second snapshot's counts", wanted, counts)


@lab.test("time is the milliseconds since the app first ran", points=10)
def running_time(boot):
    app = boot.app("taskinfo_counts")
    _, _, time, _ = snapshot(app, "first")
    by_get_time = app.value("get_time_ms from main to the first task_info: {} ms")
    check_between("get_time_ms around the busy loop (the time lab)", by_get_time, 25, 35, " ms")
    check_between("the first snapshot's time", time, by_get_time - 2, by_get_time + 2, " ms")


@lab.test("pointers not wholly the app's return -14 and write nothing; the kernel survives", points=10)
def bad_pointers(boot):
    check_bad_pointers(boot, "taskinfo_pointers", "task_info")
