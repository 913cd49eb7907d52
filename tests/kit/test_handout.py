"""Host unit tests of tools/handout.py's reading of markers and of the text
it leaves in a handout, on files written here (tests/cases/kit_units.sh runs
them; tests/cases/handout_tool.sh runs the tool whole). The markers are
built from pieces, so that this file holds none."""
import sys
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools"))
from handout import MarkerError, parse, strip  # noqa: E402

LABS = ["alpha", "beta"]
LAB = "LAB"


def handout(text, removed):
    owner, regions, lines = parse("f.c", text, LABS)
    return owner, strip(text, regions, lines, removed)


class Stubs(unittest.TestCase):
    def test_a_region_becomes_its_stub_with_the_marker_indentation(self):
        text = f"int f(void) {{\n    /* {LAB} alpha BEGIN: return 0; */\n    return 42;\n    /* {LAB} alpha END */\n}}\n"
        self.assertEqual(handout(text, {"alpha"}), (None, "int f(void) {\n    return 0;\n}\n"))
        self.assertEqual(handout(text, {"beta"}), (None, text))

    def test_stub_lines_follow_the_begin_line(self):
        text = f"# {LAB} alpha BEGIN: A := 1\n# {LAB} alpha STUB:\n# {LAB} alpha STUB: B := 2\nA := 3\n# {LAB} alpha END\n"
        self.assertEqual(handout(text, {"alpha"})[1], "A := 1\n\nB := 2\n")

    def test_a_stub_after_a_line_comment_may_be_a_comment(self):
        text = f"// {LAB} alpha BEGIN: /* none yet */\n/* the answer */\n// {LAB} alpha END\n"
        self.assertEqual(handout(text, {"alpha"})[1], "/* none yet */\n")
        text = f"/* {LAB} alpha BEGIN: int x; */\nint y;\n/* {LAB} alpha END */\n"
        self.assertEqual(handout(text, {"alpha"})[1], "int x;\n")

    def test_a_region_without_stub_takes_one_blank_line_with_it(self):
        middle = f"int a;\n\n/* {LAB} beta BEGIN */\nint b;\n/* {LAB} beta END */\n\nint c;\n"
        self.assertEqual(handout(middle, {"beta"})[1], "int a;\n\nint c;\n")
        end = f"int a;\n\n// {LAB} beta BEGIN\nint b;\n// {LAB} beta END\n"
        self.assertEqual(handout(end, {"beta"})[1], "int a;\n")

    def test_a_file_given_to_a_lab(self):
        self.assertEqual(handout("# lab: beta\n# config: X=1\n", set())[0], "beta")


# Each kind of bad marker: the file's text, and the one line that refuses it.
BAD_MARKERS = [
    (f"/* {LAB} alpha BEGIN */\nint x;\n", "f.c:1: LAB alpha BEGIN without an END"),
    (f"/* {LAB} alpha END */\n", "f.c:1: LAB alpha END without a BEGIN"),
    (f"/* {LAB} alpha BEGIN */\n/* {LAB} beta BEGIN */\n",
     "f.c:2: LAB beta BEGIN inside the region of LAB alpha from line 1; regions do not nest"),
    (f"/* {LAB} alpha BEGIN */\n/* {LAB} beta END */\n", "f.c:2: LAB beta END closes LAB alpha BEGIN of line 1"),
    (f"/* {LAB} gamma BEGIN */\n", "f.c:1: LAB gamma names no lab (the labs: alpha beta)"),
    (f"/* {LAB} alpha START */\n", f"f.c:1: malformed lab marker: /* {LAB} alpha START */"),
    (f"int x; /* {LAB} alpha BEGIN */\n", "f.c:1: a lab marker must stand alone on its line"),
    (f"/* {LAB} alpha BEGIN */\nint x;\n/* {LAB} alpha STUB: int y; */\n/* {LAB} alpha END */\n",
     "f.c:3: LAB alpha STUB must follow its BEGIN line (or another STUB)"),
    (f"/* {LAB} alpha BEGIN: */\n/* {LAB} alpha END */\n",
     "f.c:1: nothing after 'LAB alpha BEGIN:'; leave out the ':' for no stub"),
    (f"/* {LAB} alpha BEGIN */\n/* {LAB} alpha END: x */\n", "f.c:2: LAB alpha END takes no stub"),
    ("/* lab: gamma */\n", "f.c:1: 'lab: gamma' names no lab (the labs: alpha beta)"),
    ("# lab: alpha\n# lab: beta\n", "f.c:2: a second 'lab:' line; a file belongs to one lab"),
]


class Refusals(unittest.TestCase):
    def test_each_kind_of_bad_marker(self):
        for text, wanted in BAD_MARKERS:
            with self.subTest(wanted=wanted), self.assertRaises(MarkerError) as refusal:
                parse("f.c", text, LABS)
            self.assertEqual(str(refusal.exception), wanted)


if __name__ == "__main__":
    unittest.main()
