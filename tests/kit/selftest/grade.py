"""A lab for testing the grader itself (tests/cases/grade.sh), not a lab of
the course: its apps print their lines among others and end in known
ways, and its tests read them as a lab's tests do."""
from gradelib import Lab, TestFailure, check_equal

lab = Lab("selftest")


@lab.test("a line among the app's others", points=1, time_limit=2)
def line_among_others(boot):
    chatty = boot.app("selftest_chatty")
    check_equal("the answer", 42, chatty.value("the answer is {}"))
    chatty.check_exited(3)


@lab.test("an app killed by the kernel", points=1, time_limit=2)
def killed(boot):
    end = boot.app("selftest_fault").end
    if not end.startswith("killed: store page fault at 0x8"):
        raise TestFailure(f"expected 'killed: store page fault at 0x8...', got '{end}'")
