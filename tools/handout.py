"""make handout: writes a student tree from this reference tree, with the
solution of some labs taken out (labs/README.md, "`make handout`").

    HANDOUT_OUT=DIR python3 tools/handout.py [--worktree] [LAB...]
    python3 tools/handout.py --marked | --sets

A lab's solution is marked in the code by comment lines that the compilers
ignore: a begin line that names the lab and may carry the stub (one line of
code to put in the solution's place), more stub lines if needed, and an end
line. A file that belongs wholly to a lab (a regression test of it) says so
in a `lab: NAME` comment line. The exact forms are in labs/README.md.

The handout is the committed tree (HEAD), or with --worktree (what the
tests use) the files git would commit now; it is written to DIR as a git
repository of one commit, in which every region of the handout's labs is
replaced by its stub, every file of theirs is left out, and other labs'
regions stay as they are. Removing a lab removes the labs that require it
(labs/LAB/grade.py). Any marker that is malformed, unbalanced, nested or
names no lab stops it, with one line naming the file and line.
--marked prints the labs whose solutions are marked in the working tree;
--sets the labs of each handout that `make test` checks (one line each):
each marked lab with the labs that require it, then all marked labs.
"""

import os
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from grade import LABS, ROOT, load_lab  # noqa: E402

# A marker line: a comment opening, the keyword, the lab, the kind, maybe
# a stub after a colon, maybe a comment closing.
COMMENT_OPEN = r"(?:/\*|//|#)"
# A stub after `/*` ends before the closing `*/`; after `//` or `#` it runs
# to the end of the line, so that a stub may itself be a C comment.
MARKER = re.compile(r"^(?P<indent>[ \t]*)(?P<open>/\*|//|#)[ \t]*LAB[ \t]+(?P<lab>[a-z][a-z0-9_]*)"
                    r"[ \t]+(?P<kind>BEGIN|STUB|END)(?::[ \t]?(?P<stub>.*?))?[ \t]*(?:\*/)?[ \t]*$")
# Anything that starts like a marker must be one.
MARKER_LIKE = re.compile(r"^[ \t]*" + COMMENT_OPEN + r"[ \t]*LAB\b")
# A marker anywhere but at the start of its line.
MARKER_INSIDE = re.compile(r"\S.*" + COMMENT_OPEN + r"[ \t]*LAB[ \t]+[a-z][a-z0-9_]*[ \t]+(BEGIN|STUB|END)\b")
# The line that gives a whole file to a lab.
OWNER = re.compile(r"^[ \t]*" + COMMENT_OPEN + r"[ \t]*lab:[ \t]*(?P<lab>\S+)[ \t]*(?:\*/)?[ \t]*$")


SYMLINK = "symlink"


class MarkerError(Exception):
    """A problem with the markers, as `file:line: what`."""


def available_labs():
    return sorted(path.parent.name for path in LABS.glob("*/grade.py"))


def scanned(path):
    """Markers are looked for in every text file but the Markdown ones (the
    pages describe the labs; they hold no solution)."""
    return not path.endswith(".md")


@dataclass
class Region:
    """Lines begin..end (the marker lines, counted from 0) of a file are
    the solution of lab; stub replaces them in its handout."""

    lab: str
    begin: int
    end: int = -1
    stub: list = field(default_factory=list)
    stub_markers: int = 0  # its STUB lines, which follow the BEGIN line


def parse(path, text, labs):
    """The file's owner lab (or None), its regions and its lines."""
    owner, regions, region = None, [], None
    lines = text.splitlines(keepends=True)
    for index, line in enumerate(lines):
        if "LAB" not in line and "lab:" not in line:
            continue  # no pattern below can match it: most lines go here
        where = f"{path}:{index + 1}"
        owned = OWNER.match(line)
        if owned:
            if owned["lab"] not in labs:
                raise MarkerError(f"{where}: 'lab: {owned['lab']}' names no lab (the labs: {' '.join(labs)})")
            if owner is not None:
                raise MarkerError(f"{where}: a second 'lab:' line; a file belongs to one lab")
            owner = owned["lab"]
            continue
        if not MARKER_LIKE.match(line):
            if MARKER_INSIDE.search(line):
                raise MarkerError(f"{where}: a lab marker must stand alone on its line")
            continue
        marker = MARKER.match(line)
        if marker is None:
            raise MarkerError(f"{where}: malformed lab marker: {line.strip()}")
        lab, kind, stub = marker["lab"], marker["kind"], marker["stub"]
        if stub is not None and marker["open"] != "/*":
            stub = line[marker.start("stub"):].rstrip()
        if lab not in labs:
            raise MarkerError(f"{where}: LAB {lab} names no lab (the labs: {' '.join(labs)})")
        if kind == "BEGIN":
            if region is not None:
                raise MarkerError(f"{where}: LAB {lab} BEGIN inside the region of LAB {region.lab} "
                                  f"from line {region.begin + 1}; regions do not nest")
            if stub is not None and not stub.strip():
                raise MarkerError(f"{where}: nothing after 'LAB {lab} BEGIN:'; leave out the ':' for no stub")
            region = Region(lab, index, stub=[marker["indent"] + stub] if stub else [])
        elif kind == "STUB":
            if region is None or region.lab != lab or index != region.begin + 1 + region.stub_markers:
                raise MarkerError(f"{where}: LAB {lab} STUB must follow its BEGIN line (or another STUB)")
            if stub is None:
                raise MarkerError(f"{where}: LAB {lab} STUB needs a ':' before its line")
            region.stub.append(marker["indent"] + stub if stub else "")
            region.stub_markers += 1
        else:
            if stub is not None:
                raise MarkerError(f"{where}: LAB {lab} END takes no stub")
            if region is None:
                raise MarkerError(f"{where}: LAB {lab} END without a BEGIN")
            if region.lab != lab:
                raise MarkerError(f"{where}: LAB {lab} END closes LAB {region.lab} BEGIN of line {region.begin + 1}")
            region.end = index
            regions.append(region)
            region = None
    if region is not None:
        raise MarkerError(f"{path}:{region.begin + 1}: LAB {region.lab} BEGIN without an END")
    return owner, regions, lines


def strip(text, regions, lines, removed):
    """The text with the regions of the removed labs replaced by their stubs.
    A region that goes without a stub, between two blank lines or at the end
    of the file after one, takes one blank line with it (clang-format wants
    no more)."""
    newline = "\r\n" if text.endswith("\r\n") else "\n"
    kept, position = [], 0
    for region in regions:
        if region.lab in removed:
            kept += lines[position:region.begin] + [line + newline for line in region.stub]
            position = region.end + 1
            if not region.stub and kept and not kept[-1].strip():
                if position == len(lines):
                    kept.pop()
                elif not lines[position].strip():
                    position += 1
    return "".join(kept + lines[position:])


def git(*arguments, cwd=ROOT, **options):
    return subprocess.run(["git", *arguments], cwd=cwd, check=True, stdout=subprocess.PIPE, **options).stdout


def source_files(worktree):
    """{path: (bytes, mode)} of the committed tree, or of what git would
    commit from the working tree now (tracked and new files, not ignored).
    The mode is 0o644, 0o755, or SYMLINK (the bytes are the link's target)."""
    files = {}
    if worktree:
        listed = git("ls-files", "-z", "--cached", "--others", "--exclude-standard")
        for path in sorted(set(listed.decode().split("\0")) - {""}):
            full = ROOT / path
            if full.is_symlink():
                files[path] = (os.readlink(full).encode(), SYMLINK)
            elif full.is_file():
                files[path] = (full.read_bytes(), 0o755 if os.access(full, os.X_OK) else 0o644)
        return files
    listing = git("ls-tree", "-r", "-z", "HEAD").decode()
    entries = [entry.split("\t", 1) for entry in listing.split("\0") if entry]
    blobs = [(info.split()[0], info.split()[2], path) for info, path in entries if info.split()[1] == "blob"]
    contents = git("cat-file", "--batch", input="".join(f"{blob}\n" for _, blob, _ in blobs).encode())
    position = 0
    for mode, _, path in blobs:
        header_end = contents.index(b"\n", position)
        size = int(contents[position:header_end].split()[2])
        modes = {"100755": 0o755, "120000": SYMLINK}
        files[path] = (contents[header_end + 1:header_end + 1 + size], modes.get(mode, 0o644))
        position = header_end + 1 + size + 1
    return files


def scan(files, labs):
    """Parses every text file; returns {path: (owner, regions, lines, text)}."""
    parsed = {}
    for path, (data, mode) in files.items():
        if mode == SYMLINK or not scanned(path):
            continue
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            continue
        parsed[path] = (*parse(path, text, labs), text)
    return parsed


def marked_labs(parsed):
    return sorted({region.lab for _, regions, _, _ in parsed.values() for region in regions})


def with_dependents(names, labs):
    """The labs named and, again and again, every lab that requires one."""
    removed = set(names)
    while True:
        more = {name for name, lab in labs.items() if removed & set(lab.requires)} - removed
        if not more:
            return removed
        removed |= more


def write_handout(out, files, parsed, removed, labs, source):
    out.mkdir(parents=True, exist_ok=True)
    solution_files = {path for name in removed for path in labs[name].solution_files}
    for path, (data, mode) in files.items():
        if path in solution_files:
            continue
        if path in parsed:
            owner, regions, lines, text = parsed[path]
            if owner in removed:
                continue
            data = strip(text, regions, lines, removed).encode("utf-8")
        target = out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if mode == SYMLINK:
            target.symlink_to(data.decode())
        else:
            target.write_bytes(data)
            target.chmod(mode)
    # One commit, by whoever makes the handout (or a name of its own).
    identity = []
    for key, fallback in (("user.name", "make handout"), ("user.email", "handout@localhost")):
        configured = subprocess.run(["git", "config", key], cwd=ROOT, stdout=subprocess.PIPE, text=True)
        identity += ["-c", f"{key}={configured.stdout.strip() or fallback}"]
    git("init", "-q", "--initial-branch=main", cwd=out)
    git("add", "-A", cwd=out)
    message = f"Handout of the labs {' '.join(sorted(removed))}, from {source}"
    git(*identity, "commit", "-q", "-m", message, cwd=out)


def main(arguments):
    names = available_labs()
    labs = {name: load_lab(name) for name in names}
    worktree = any(option in arguments for option in ("--worktree", "--marked", "--sets"))
    try:
        git("rev-parse", "--git-dir", stderr=subprocess.DEVNULL)
    except (subprocess.CalledProcessError, FileNotFoundError):
        raise SystemExit("make handout: this tree is not a git repository; the handout copies its committed files")
    files = source_files(worktree)
    try:
        parsed = scan(files, names)
    except MarkerError as error:
        raise SystemExit(f"make handout: {error}")
    if "--marked" in arguments:
        print(" ".join(marked_labs(parsed)))
        return 0
    if "--sets" in arguments:
        marked = marked_labs(parsed)
        sets = [sorted(with_dependents([name], labs) & set(marked)) for name in marked] + [marked]
        for labs_of_one in sorted({tuple(one) for one in sets if one}, key=len):
            print(" ".join(labs_of_one))
        return 0

    out = Path(os.environ.get("HANDOUT_OUT", ""))
    wanted = [argument for argument in arguments if not argument.startswith("--")]
    unknown = [name for name in wanted if name not in labs]
    if unknown:
        raise SystemExit(f"make handout: no lab '{unknown[0]}' (the labs: {' '.join(names)})")
    if not str(out) or str(out) == ".":
        raise SystemExit("make handout: say where, with OUT=folder")
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise SystemExit(f"make handout: OUT={out} exists and is not an empty folder")
    if out.resolve() == ROOT or ROOT in out.resolve().parents:
        raise SystemExit(f"make handout: OUT={out} is inside this tree; write it elsewhere "
                         "(its own builds would mix with this tree's)")
    marked = marked_labs(parsed)
    unmarked = [name for name in wanted if name not in marked]
    if unmarked:
        raise SystemExit(f"make handout: lab {unmarked[0]} has no marked solution here (a handout already?)")
    if not wanted and not marked:
        raise SystemExit("make handout: no lab has a marked solution here (a handout already?)")
    removed = with_dependents(wanted or marked, labs)
    if worktree:
        source = "the working tree of " + git("rev-parse", "--short", "HEAD").decode().strip()
    else:
        source = git("rev-parse", "--short", "HEAD").decode().strip()
        changed = git("status", "--porcelain", "--untracked-files=no").decode().splitlines()
        if changed:
            print(f"make handout: made from HEAD ({source}); your {len(changed)} uncommitted "
                  "changes are not in it", file=sys.stderr)
    write_handout(out, files, parsed, removed, labs, source)
    added = [f"{name} requires {' '.join(sorted(set(labs[name].requires) & removed))}"
             for name in sorted(removed - set(wanted or marked))]
    note = f" ({'; '.join(added)})" if added else ""
    print(f"make handout: wrote {out}, one commit: the labs {' '.join(sorted(removed))} to do{note}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
