"""make grade: builds a kernel with each lab's apps, boots it once in QEMU
(the Makefile's command, with -icount shift=0), runs the lab's tests
(labs/LAB/grade.py) on what it printed, and says so one line per test,
then `Score: X/Y`. Writes the results in the shape of Gradescope's
results.json too. Exits 0 only at full marks. labs/README.md tells the
whole story.

Usage (the Makefile passes what it validated):
    GRADE_QEMU="qemu-system-riscv64 -machine virt ..." GRADE_MAKE=make \\
    GRADE_VARIABLES="LLVM=1" python3 tools/grade.py BUILD LAB...
builds in BUILD, keeps each lab's kernel and transcript in BUILD/grade/
(LAB.elf, LAB.out) and writes BUILD/grade.json.
"""

import importlib.util
import json
import os
import shlex
import subprocess
import sys
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from gradelib import Boot, TestFailure, shorten  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
LABS = ROOT / "labs"


def load_lab(name, labs_folder=LABS):
    """The Lab that labs_folder/name/grade.py declares (as `lab`)."""
    path = labs_folder / name / "grade.py"
    spec = importlib.util.spec_from_file_location(f"lab_{name}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    if getattr(module, "lab", None) is None or module.lab.name != name:
        raise SystemExit(f"grade: {path} declares no Lab named '{name}' as `lab`")
    return module.lab


def lab_apps(name, labs_folder=LABS):
    """The lab's apps, labs_folder/name/apps/*.c, in name order."""
    paths = sorted((labs_folder / name / "apps").glob("*.c"))
    return [str(path.relative_to(ROOT)) if ROOT in path.parents else str(path) for path in paths]


def make_environment():
    """The environment of the builds: make's own variables of `make grade`
    (MAKEFLAGS carries the command line's) are left out, so that only the
    lab's mode and GRADE_VARIABLES reach the lab's kernel."""
    environment = dict(os.environ)
    flags = environment.pop("MAKEFLAGS", "")
    for name in ("MFLAGS", "MAKELEVEL", "MAKEOVERRIDES"):
        environment.pop(name, None)
    if " -- " in flags:
        for assignment in flags.split(" -- ", 1)[1].split():
            environment.pop(assignment.split("=", 1)[0], None)
    return environment


def build(lab, build_folder, labs_folder):
    """Builds the lab's kernel in build_folder, the student's own (only the
    apps and the link change, unless the lab's make variables change the
    kernel's flags), and keeps it as grade/LAB.elf there; returns its path,
    or (None, make's output)."""
    command = [os.environ.get("GRADE_MAKE", "make"), "-s", "--no-print-directory",
               f"-j{os.cpu_count() or 1}", f"BUILD={build_folder}",
               "APPS=" + " ".join(lab_apps(lab.name, labs_folder)),
               *shlex.split(os.environ.get("GRADE_VARIABLES", "")), *lab.make_variables, "all"]
    result = subprocess.run(command, cwd=ROOT, env=make_environment(),
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if result.returncode != 0:
        return None, result.stdout
    kernel = build_folder / "grade" / f"{lab.name}.elf"
    kernel.write_bytes((build_folder / "kernel.elf").read_bytes())
    return kernel, ""


def boot(kernel, time_limit, transcript_path):
    """Runs the kernel in QEMU until it shuts down or time_limit seconds
    pass; returns the Boot and keeps the transcript in transcript_path."""
    command = shlex.split(os.environ["GRADE_QEMU"]) + ["-kernel", str(kernel), "-nographic"]
    try:
        result = subprocess.run(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, timeout=time_limit)
        output, stopped_after, status = result.stdout, None, result.returncode
    except subprocess.TimeoutExpired as stopped:
        output, stopped_after, status = stopped.output or b"", time_limit, None
    transcript = output.decode("utf-8", errors="replace")
    transcript_path.write_text(transcript)
    return Boot(transcript, stopped_after, status)


def run_tests(lab, run):
    """Runs the lab's tests on its boot; returns (test, score, why) each,
    why None for a test that passed."""
    results = []
    for test in lab.tests:
        try:
            test.check(run)
            results.append((test, test.points, None))
        except TestFailure as failure:
            results.append((test, 0, str(failure)))
        except Exception:  # a bug in the lab's grader: say so, score 0, go on
            traceback.print_exc()
            why = traceback.format_exc().splitlines()[-1]
            results.append((test, 0, f"the grader failed (labs/{lab.name}/grade.py): {why}"))
    return results


def grade(labs, build_folder, labs_folder):
    """Builds every lab's kernel, one after another (labs of one mode share
    a build folder), boots them side by side, and yields each lab's results
    in order."""
    # Imported here, not above: tools/handout.py imports this module for
    # load_lab alone, and concurrent.futures (with the logging it imports)
    # is a sixth of a handout's start-up.
    import concurrent.futures

    kernels = {lab.name: build(lab, build_folder, labs_folder) for lab in labs}
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        boots = {}
        for lab in labs:
            kernel, _ = kernels[lab.name]
            if kernel is not None:
                time_limit = sum(test.time_limit for test in lab.tests)
                boots[lab.name] = pool.submit(boot, kernel, time_limit, kernel.with_suffix(".out"))
        for lab in labs:
            kernel, errors = kernels[lab.name]
            if kernel is None:
                print(errors, file=sys.stderr)
                lines = [line for line in errors.splitlines() if line.strip()] or ["(make said nothing)"]
                first_error = next((line for line in lines if "error" in line or "***" in line), lines[0])
                why = "the kernel did not build: " + shorten(first_error.strip())
                yield lab, [(test, 0, why) for test in lab.tests]
            else:
                yield lab, run_tests(lab, boots[lab.name].result())


def in_order(labs):
    """The labs, each after those it requires, else in name order."""
    ordered, left = [], sorted(labs, key=lambda lab: lab.name)
    while left:
        ready = next((lab for lab in left if not set(lab.requires) & {other.name for other in left}), left[0])
        ordered.append(ready)
        left.remove(ready)
    return ordered


def main(arguments):
    build_folder, names = Path(arguments[0]), arguments[1:]
    labs_folder = Path(os.environ.get("GRADE_LABS", LABS)).resolve()
    (build_folder / "grade").mkdir(parents=True, exist_ok=True)
    tests = []
    for lab, results in grade(in_order([load_lab(name, labs_folder) for name in names]),
                              build_folder, labs_folder):
        for test, score, why in results:
            verdict = "OK" if why is None else f"FAIL ({why})"
            print(f"{lab.name}: {test.name}: {verdict} {score}/{test.points}", flush=True)
            tests.append({"name": f"{lab.name}: {test.name}", "score": score,
                          "max_score": test.points, "output": "OK" if why is None else why})
    score = sum(test["score"] for test in tests)
    total = sum(test["max_score"] for test in tests)
    results = {"score": score, "max_score": total, "tests": tests}
    (build_folder / "grade.json").write_text(json.dumps(results, indent=2) + "\n")
    print(f"Score: {score}/{total}")
    return 0 if score == total else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
