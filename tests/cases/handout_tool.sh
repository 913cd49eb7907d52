# tools/handout.py whole, on a small repository of its own, made here: two
# labs, beta requiring alpha, with markers in C, the Makefile and Tcl, a
# stub of two lines, a file that belongs to a lab by its `lab:` line and a
# solution file named by a lab. It checks what a handout holds, that HEAD
# (not the working tree) is what it copies, and the one-line refusals of a
# bad lab, a bad OUT and a bad marker, and the Makefile's of LAB, LABS and
# OUT.
. "$(dirname "$0")/../lib.sh"

work=$(scratch_folder handout_tool 16)
trap 'rm -rf "$work"' EXIT
repo=$work/repo
mkdir -p "$repo/tools" "$repo/labs/alpha" "$repo/labs/beta" "$repo/tests"
cp tools/handout.py tools/grade.py tools/gradelib.py "$repo/tools/"
printf 'from gradelib import Lab\nlab = Lab("alpha", solution_files=("tests/alpha.txt",))\n' >"$repo/labs/alpha/grade.py"
printf 'from gradelib import Lab\nlab = Lab("beta", requires=("alpha",))\n' >"$repo/labs/beta/grade.py"
# The markers and the `lab:` line are written through $L and $OWNED_BY,
# so that this file holds none.
L=LAB
OWNED_BY="# lab:"
cat >"$repo/main.c" <<C
int answer(void) {
    /* $L alpha BEGIN: return 0; */
    return 42;
    /* $L alpha END */
}

/* $L beta BEGIN */
int extra(void) {
    return 7;
}
/* $L beta END */
C
cat >"$repo/Makefile" <<MAKE
# $L alpha BEGIN: WHO := nobody
# $L alpha STUB: WHAT := nothing
WHO := alpha
# $L alpha END
MAKE
cat >"$repo/tests/alpha.sh" <<SH
$OWNED_BY alpha
echo "a test of alpha only"
SH
cat >"$repo/tests/check.exp" <<TCL
# $L beta BEGIN: set wanted plain
set wanted extra
# $L beta END
TCL
echo "what only alpha's solution prints" >"$repo/tests/alpha.txt"
git -C "$repo" init -q && git -C "$repo" add -A &&
    git -C "$repo" -c user.name=t -c user.email=t@t commit -q -m reference

handout() { # handout OUT LAB...: tools/handout.py's output and status
    local out=$1
    shift
    (cd "$repo" && HANDOUT_OUT=$out python3 tools/handout.py "$@" 2>&1)
}

# An uncommitted change is not in the handout, and a line says so.
echo "int uncommitted;" >>"$repo/main.c"
output=$(handout "$work/both" alpha)
[ $? -eq 0 ] || fail "handout of alpha failed: $output"
grep -q "^make handout: made from HEAD ([0-9a-f]*); your 1 uncommitted changes are not in it$" <<<"$output" ||
    fail "no note on the uncommitted change: $output"
grep -q "^make handout: wrote $work/both, one commit: the labs alpha beta to do (beta requires alpha)$" <<<"$output" ||
    fail "the summary line: $output"
git -C "$repo" checkout -q main.c
printf 'int answer(void) {\n    return 0;\n}\n' | cmp -s - "$work/both/main.c" || fail "main.c of alpha+beta's handout:"$'\n'"$(cat "$work/both/main.c")"
[ "$(cat "$work/both/Makefile")" = "WHO := nobody
WHAT := nothing" ] || fail "the Makefile's two-line stub:"$'\n'"$(cat "$work/both/Makefile")"
[ "$(cat "$work/both/tests/check.exp")" = "set wanted plain" ] || fail "the Tcl stub: $(cat "$work/both/tests/check.exp")"
[ ! -e "$work/both/tests/alpha.sh" ] || fail "alpha's own test is in its handout"
[ ! -e "$work/both/tests/alpha.txt" ] || fail "alpha's solution file is in its handout"
[ "$(git -C "$work/both" rev-list --count HEAD)" = 1 ] && [ -z "$(git -C "$work/both" status --porcelain)" ] ||
    fail "the handout is not one clean commit"
[ -x "$work/both/tools/handout.py" ] || [ ! -x "$repo/tools/handout.py" ] || fail "modes are lost"

# beta alone: alpha stays solved, markers and all.
output=$(handout "$work/beta" beta) || fail "handout of beta failed: $output"
grep -q "^    /\* $L alpha BEGIN: return 0; \*/$" "$work/beta/main.c" && ! grep -q "extra" "$work/beta/main.c" &&
    [ -e "$work/beta/tests/alpha.sh" ] || fail "main.c of beta's handout:"$'\n'"$(cat "$work/beta/main.c")"

# The handout of a handout: nothing is marked there any more.
output=$(cd "$work/both" && HANDOUT_OUT=$work/again python3 tools/handout.py alpha 2>&1) &&
    fail "a handout of a handout was made"
[ "$output" = "make handout: lab alpha has no marked solution here (a handout already?)" ] ||
    fail "a handout of a handout: $output"

# Refusals, one line each, and nothing written.
refuses() { # refuses WANTED LAB...: the handout of LAB... into a new folder fails with WANTED
    local wanted=$1 output
    shift
    rm -rf "$work/refused"
    if output=$(handout "$work/refused" "$@"); then
        fail "no refusal, wanted: $wanted"
    elif [ "$output" != "$wanted" ]; then
        fail "wanted '$wanted', got '$output'"
    elif [ -e "$work/refused" ]; then
        fail "'$wanted' left $work/refused"
    fi
}
refuses "make handout: no lab 'gamma' (the labs: alpha beta)" gamma
mkdir "$work/refused" && touch "$work/refused/x"
output=$(handout "$work/refused" alpha) && fail "a non-empty OUT was written"
[ "$output" = "make handout: OUT=$work/refused exists and is not an empty folder" ] || fail "non-empty OUT: $output"
output=$(handout "$repo/tools/inside" alpha) && fail "a handout was written inside the tree"
[ "$output" = "make handout: OUT=$repo/tools/inside is inside this tree; write it elsewhere (its own builds would mix with this tree's)" ] &&
    [ ! -e "$repo/tools/inside" ] || fail "OUT inside the tree: $output"

# A bad marker, committed, stops it with the file and line (every kind of
# bad marker: tests/kit/test_handout.py).
printf '%s\n' "/* $L alpha BEGIN */" "int x;" >"$repo/bad.c"
git -C "$repo" add bad.c && git -C "$repo" -c user.name=t -c user.email=t@t commit -q -m bad
refuses "make handout: bad.c:1: LAB alpha BEGIN without an END" alpha

# The Makefile's own refusals, before anything runs.
labs=$(cd labs && echo */grade.py | sed 's|/grade.py||g')
for goal in "grade LAB=nope" "handout LABS=nope OUT=$work/x" "handout" "handout OUT='$work/a $work/b'"; do
    output=$(eval "make -s --no-print-directory $goal" 2>&1) && fail "make $goal ran"
    case "$goal" in
    handout\ LABS=*|grade*) wanted="no lab 'nope'; the labs: $labs" ;;
    *) wanted="make handout needs OUT=folder, a folder that is empty or not there yet" ;;
    esac
    [ "$(wc -l <<<"$output")" = 1 ] && [[ $output == *"$wanted"* ]] || fail "make $goal: $output"
done
exit "$failures"
