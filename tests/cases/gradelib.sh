# Host unit tests of the grader's reading half, tools/gradelib.py, on
# transcripts written by hand (tests/grader/test_gradelib.py).
exec python3 tests/grader/test_gradelib.py
