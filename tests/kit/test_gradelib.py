"""Host unit tests of tools/gradelib.py, the reading half of the grader:
transcripts written by hand, in the shapes a student's kernel can give
(tests/cases/kit_units.sh runs them)."""
import sys
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools"))
from gradelib import Boot, TestFailure, check_between, check_equal, result  # noqa: E402

# Two apps whose lines interleave (as with multiprogramming), a student's
# debug lines in the app and in the kernel, an unfinished line, the kernel's
# log lines.
INTERLEAVED = """\
OpenSBI v1.1
[kernel] .text   0x80200000..0x80202000
[kernel] app 0 beta: loaded at 0x80400000, 1000 bytes
[kernel] app 1 alpha: loaded at 0x80600000, 1000 bytes
beta: the answer is 42
[kernel] info: switching to app 1
alpha: debug: here
alpha: counted 0x10 and -3
beta: debug: beta: the answer is 41
[kernel] app 1 alpha: exited with code 0
my own debug line
[kernel] app 0 beta: killed: store page fault at 0x0, pc 0x80400010
[kernel] 2 apps: 1 exited, 1 killed
"""


class ReadingApps(unittest.TestCase):
    def test_each_app_has_its_own_lines_whatever_the_order(self):
        boot = Boot(INTERLEAVED)
        beta, alpha = boot.app("beta"), boot.app("alpha")
        self.assertEqual(beta.lines, ["the answer is 42", "debug: beta: the answer is 41"])
        self.assertEqual(alpha.lines, ["debug: here", "counted 0x10 and -3"])
        self.assertEqual(beta.value("the answer is {}"), 42)
        self.assertEqual(alpha.values("counted {} and {}"), (16, -3))
        self.assertEqual(beta.end, "killed: store page fault at 0x0, pc 0x80400010")
        alpha.check_exited(0)
        boot.check_survived()

    def test_the_lines_of_several_apps_in_their_order(self):
        self.assertEqual(Boot(INTERLEAVED).lines_of("alpha", "beta"), [
            ("beta", "the answer is 42"), ("alpha", "debug: here"), ("alpha", "counted 0x10 and -3"),
            ("beta", "debug: beta: the answer is 41")])

    def test_a_missing_line_says_what_was_expected_and_what_came(self):
        with self.assertRaises(TestFailure) as failure:
            Boot(INTERLEAVED).app("alpha").value("total {} ms")
        message = str(failure.exception)
        self.assertIn("expected a line 'alpha: total N ms'", message)
        self.assertIn("'debug: here' | 'counted 0x10 and -3'", message)
        self.assertIn("then exited with code 0", message)

    def test_a_wrong_end_is_named(self):
        with self.assertRaises(TestFailure) as failure:
            Boot(INTERLEAVED).app("beta").check_exited(0)
        self.assertIn("expected 'exited with code 0', got 'killed: store page fault", str(failure.exception))

    def test_an_app_stopped_by_the_time_limit(self):
        transcript = INTERLEAVED.split("[kernel] app 1 alpha: exited")[0]
        with self.assertRaises(TestFailure) as failure:
            Boot(transcript, stopped_after=7).app("alpha")
        self.assertEqual(str(failure.exception), "stopped after 7 s (the time limit): alpha never ended; "
                                                 "its last line: 'counted 0x10 and -3'")
        with self.assertRaises(TestFailure) as failure:
            Boot("", stopped_after=7).app("alpha")
        self.assertIn("alpha never started", str(failure.exception))

    def test_a_panic(self):
        transcript = INTERLEAVED.split("[kernel] app 1 alpha: exited")[0] + "[kernel] panic: kernel trap\n"
        boot = Boot(transcript, exit_status=1)
        with self.assertRaises(TestFailure) as failure:
            boot.app("alpha")
        self.assertIn("the kernel panicked before alpha ended: '[kernel] panic: kernel trap'", str(failure.exception))
        self.assertRaises(TestFailure, boot.check_survived)


class Checks(unittest.TestCase):
    def test_equal_names_only_what_differs(self):
        with self.assertRaises(TestFailure) as failure:
            check_equal("counts", {"write": 3, "exit": 0}, {"write": 4, "exit": 0})
        self.assertEqual(str(failure.exception), "counts: write 4 (expected 3)")
        check_equal("counts", {"write": 3}, {"write": 3})

    def test_results_are_named(self):
        with self.assertRaises(TestFailure) as failure:
            check_equal("get_time's result", 0, -38, show=result)
        self.assertEqual(str(failure.exception), "get_time's result: expected 0, got -38 (ENOSYS, not written yet)")
        self.assertEqual(result(-14), "-14 (EFAULT)")

    def test_between(self):
        check_between("time", 5, 5, 6)
        with self.assertRaises(TestFailure) as failure:
            check_between("time", 7, 5, 6, " ms")
        self.assertEqual(str(failure.exception), "time: expected 5..6 ms, got 7 ms")


if __name__ == "__main__":
    unittest.main()
