# Host unit tests of the course kit's Python: the reading half of the
# grader, tools/gradelib.py, on transcripts written by hand, and the marker
# reader of tools/handout.py on files written by hand (tests/kit/).
set -e
python3 tests/kit/test_gradelib.py
python3 tests/kit/test_handout.py
