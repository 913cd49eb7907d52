#!/usr/bin/env bash
# The test driver behind `make test`. Every file in tests/cases/ is one test:
# an expect script (*.exp) for anything that runs in QEMU or gdb, or a shell
# script (*.sh) for checks on the build. Host unit tests (tests/host/*.c) are
# built by make and run here too.
#
# An expect case boots a kernel, so it runs twice: once built with GCC, once
# with LLVM=1 (reported as "name.exp [llvm]"). A shell case runs once, with
# GCC. A line such as
#     # toolchains: gcc
# gives a case its own list (gcc, llvm or both).
#
# A case may ask for its own kernel build with a line such as
#     # config: APPS="hello power" LOG=trace
# and for one more run, with GCC and more variables, with a line such as
#     # also with: OPT=-Og
# (reported as "name.exp [OPT=-Og]"). Each distinct config (LLVM=1 or the
# more variables added) is built once, in a folder of its own; all builds
# share one folder of objects (make's OBJECTS, BUILD), so that a file is
# compiled once for each compiler and set of flags, and a config that
# differs only in its apps or its mode is just linked. The default
# configuration (no variables, GCC) is built first: if it fails, every
# build would, so its errors are shown once and no case runs. Then its
# expect runs start, nproc at a time, while the same with LLVM=1 is built,
# then the LLVM runs, while the other configs are built one after another
# (no two builds ever compile into one folder at once), each config's runs
# queued as it is built; then the runs that build with flags of their own,
# which a config may share (the shell cases, and a case with a line
# "# after: the builds"). A run gets TEST_BUILD
# (its build folder), TEST_CONFIG (the make variables), OBJECTS,
# TEST_BASE_OBJECTS (a copy of the two first builds' objects, for a case
# that builds a copy of the tree), TEST_BINUTILS (its toolchain's binutils'
# prefix: riscv64-unknown-elf- or llvm-) and READELF (that toolchain's) in
# its environment, and passes by exiting 0. What each build and run took
# (wall, user and system seconds) is in BUILD/test-logs/times
# (docs/maintainers/testing.md).
#
# Usage: tests/run-tests.sh [--bless] [BUILD [CASE...]]   (CASE: a file of
# tests/cases, with or without its suffix)
# --bless (`make bless`, never `make test`): the cases rewrite the expected
# transcripts they compare with (expect_same_as in tests/lib.tcl) instead
# of failing on them, one run at a time.
# GCC_BINUTILS and LLVM_BINUTILS, the prefixes of each toolchain's nm and
# readelf, come from the environment (`make test` sets them).
# The last line printed is "N passed, M failed".
set -uo pipefail

# A TEST_BLESS from anywhere else must not turn a test run into a bless.
unset TEST_BLESS
bless=
if [ "${1:-}" = --bless ]; then
    bless=1
    shift
fi
build=${1:-build}
shift || true
requested=("$@")
: "${GCC_BINUTILS?is not set: run the tests with make test}" "${LLVM_BINUTILS?is not set: run the tests with make test}"
cd "$(dirname "$0")/.."
logs=$build/test-logs
rm -rf "$logs"
mkdir -p "$logs"
# Every make of the runs, and their cases' own, takes its objects from
# OBJECTS (make test's, BUILD unless given).
objects=${OBJECTS:-$build}
# timed WHAT COMMAND...: runs the command, and adds to $logs/times what it
# took: wall, user and system seconds, when it started (seconds since the
# runner did), then WHAT.
export TEST_STARTED=${EPOCHREALTIME/./}
timed() {
    local since=$((${EPOCHREALTIME/./} - TEST_STARTED))
    local TIMEFORMAT="%R %U %S $((since / 1000000)).$((since / 100000 % 10)) $1"
    shift
    { time "$@" 2>&3 3>&-; } 3>&2 2>>"$logs/times"
}
[ -n "$bless" ] && export TEST_BLESS=$logs/blessed
# A run gets the make variables of its config and nothing else: none of the
# ones given to the make that runs this script (make test LLVM=1 ...). make
# exports those to the environment too, and lists them in MAKEFLAGS after
# " -- " (a space in a value escaped with a backslash: the words after it
# in such a value hold no "=" and are skipped).
if [[ ${MAKEFLAGS:-} == *" -- "* ]]; then
    for assignment in ${MAKEFLAGS#* -- }; do
        [[ $assignment == *=* ]] && unset "${assignment%%=*}"
    done
fi
unset MAKEFLAGS MFLAGS LLVM
export OBJECTS=$objects
# The runs call python3 (the course kit, the documentation's tests) about
# thirty times. Where python3 is a launcher that looks for the interpreter
# on every call (pyenv's shim, a shell script of a dozen processes, 70 ms a
# call), the interpreter it names now comes first on the runs' PATH, and
# with -S: the kit's tools use the standard library alone, and the
# packages installed beside it (site-packages, its .pth files) cost 30 ms
# a start (a tool that imported one would fail here).
if interpreter=$(python3 -c 'import sys; print(sys.executable)' 2>/dev/null) && [ -x "$interpreter" ]; then
    # (rm first: an earlier runner left a link to the interpreter there,
    # which a write would go through.)
    mkdir -p "$build/test/bin" && rm -f "$build/test/bin/python3" &&
        printf '#!/bin/sh\nexec '\''%s'\'' -S "$@"\n' "${interpreter//\'/\'\\\'\'}" >"$build/test/bin/python3" &&
        chmod +x "$build/test/bin/python3" && PATH=$(realpath "$build/test/bin"):$PATH
fi
# Python compiles each module it imports (gdb's own, tools/gdb/'s, the
# kit's gradelib) at every start unless it may keep the bytecode: here it
# keeps it under build/test/pycache, never beside the sources, even where
# the environment says not to write any (PYTHONDONTWRITEBYTECODE=1, set
# on this machine). A gdb start then costs 15 ms of CPU less, and make
# test starts gdb twenty-four times.
mkdir -p "$build/test/pycache" && PYTHONPYCACHEPREFIX=$(realpath "$build/test/pycache") &&
    export PYTHONPYCACHEPREFIX && unset PYTHONDONTWRITEBYTECODE
processors=$(nproc)
export processors

# A case is named by its file in tests/cases/, with or without the suffix
# (memory_map.exp or memory_map; both files if both exist).
all_cases=(tests/cases/*.exp tests/cases/*.sh)
if [ ${#requested[@]} -gt 0 ]; then
    cases=()
    for name in "${requested[@]}"; do
        matches=()
        for file in "${all_cases[@]}"; do
            case ${file#tests/cases/} in "$name" | "$name".exp | "$name".sh) matches+=("$file") ;; esac
        done
        if [ ${#matches[@]} -eq 0 ]; then
            echo "no case '$name' in tests/cases/; there are: $(printf '%s\n' "${all_cases[@]##*/}" | paste -sd ' ')"
            exit 2
        fi
        cases+=("${matches[@]}")
    done
else
    cases=("${all_cases[@]}")
fi

# These functions give their answer in a variable, named in each one's
# comment, not on their output: a $(...) costs a process, and the runner
# and its runs call them hundreds of times.

# line_of CASE KEY: sets line to the text of the case's first line
# "# KEY: text", read by bash itself; fails if there is none.
line_of() {
    local text
    line=
    while IFS= read -r text; do
        if [[ $text == "# $2: "* ]]; then
            line=${text#"# $2: "}
            return 0
        fi
    done <"$1"
    return 1
}

# toolchains_of CASE: sets toolchains to the runs of a case: its toolchains
# (gcc, llvm), and "also" for the run with the variables of its "also
# with" line.
toolchains_of() {
    local line
    line_of "$1" toolchains
    toolchains=$line
    case "$toolchains:$1" in
    :*.exp) toolchains="gcc llvm" ;;
    :*) toolchains=gcc ;;
    esac
    if line_of "$1" "also with"; then
        toolchains="$toolchains also"
    fi
}

# config_of CASE TOOLCHAIN: sets config to the make variables of a run: the
# case's config, plus LLVM=1 for llvm, or the "also with" variables.
config_of() {
    local line more=
    line_of "$1" config
    config=$line
    case "$2" in
    llvm) more=LLVM=1 ;;
    also) line_of "$1" "also with" && more=$line ;;
    esac
    config="$config${config:+${more:+ }}$more"
}

# Whether a case waits for every build before it runs: a shell case, or one
# with a line "# after: the builds". Such a case builds with flags of its
# own, which a config may share: it runs once the configs are built, so that
# no two makes ever compile one object at once.
after_builds() {
    local line
    case "$1" in
    *.sh) return 0 ;;
    esac
    line_of "$1" after && [ "$line" = "the builds" ]
}

# build_dir_of CONFIG: sets dir to the config's build folder: the same
# config, the same folder (worked out once for each config).
declare -A dir_of_config=()
build_dir_of() {
    local sum
    if [ -z "$1" ]; then
        dir=$build
        return
    fi
    if [ -z "${dir_of_config[$1]:-}" ]; then
        sum=$(printf '%s' "$1" | md5sum)
        dir_of_config[$1]=$build/test/${sum:0:12}
    fi
    dir=${dir_of_config[$1]}
}

# failed_marker_of DIR: sets marker to the file that a failed build of DIR
# leaves; its runs then fail at once.
failed_marker_of() { marker=$logs/build-${1##*/}.failed; }

# The runs: one line "CASE TOOLCHAIN" each.
runs=()
for case in "${cases[@]}"; do
    toolchains_of "$case"
    for toolchain in $toolchains; do
        runs+=("$case $toolchain")
    done
done

# The diagnostics of a failed build, shown once: every error line (of the
# compiler, the linker, make itself or the packer) with the line before it
# when that says where (GCC's "In function ...") and the lines after it
# that belong to it (the source line and caret, the notes), each distinct
# error once however many files it broke; the log's last lines if there is
# no such line. At most 60 lines.
show_errors() {
    awk '
        function is_error(line) {
            return line ~ /(^|[: ])error:|undefined reference|multiple definition|cannot find|will not fit|^pack_apps: / ||
                (line ~ /\*\*\* / && line !~ /\*\*\* (\[|Waiting)/)
        }
        function ends_block(line) {
            return (line ~ /^[^ ]+:[0-9]+:[0-9]+: / && line !~ /: note: /) || line ~ /^In file included from / ||
                line ~ /: (In|At) [a-z]/ || line ~ /^(make|cc1|collect2)/ || line ~ /^[0-9]+ errors? generated/
        }
        showing && ends_block($0) { showing = 0 }
        is_error($0) {
            showing = !seen[$0]++
            if (showing && previous ~ /: (In function|In member function|At top level)|^In file included from /)
                print previous
            if (showing) print
            previous = $0
            found = 1
            next
        }
        showing { print }
        { previous = $0 }
        END { if (!found) exit 1 }
    ' "$1" >"$1.errors" || tail -n 10 "$1" >"$1.errors"
    if [ "$(wc -l <"$1.errors")" -gt 60 ]; then
        head -n 60 "$1.errors"
        echo "... ($(($(wc -l <"$1.errors") - 60)) more lines in $1)"
    else
        cat "$1.errors"
    fi
}

# build_config CONFIG: builds a config in its folder, quietly (the log holds
# what make said, and the folders of objects the config uses, which the
# same make prints for copy_base_objects, below: a make of their own cost
# each config a parse of the Makefile); a failure leaves the marker that
# fails its runs.
build_config() {
    local config=$1 dir log marker
    build_dir_of "$config"
    log=$logs/build-${dir##*/}.log
    timed "build ${config:-(default)}" eval "make -s --no-print-directory -j$processors BUILD=$dir $config all \
        print-LIBRARY_OBJECTS print-USER_OBJECTS print-USER_BASE_OBJECTS print-KERNEL_OBJECTS \
        print-SETTINGS_OBJECTS" \
        >"$log" 2>&1 && return 0
    failed_marker_of "$dir"
    touch "$marker"
    return 1
}

# 1. Build the default configuration first: when it fails, so would every
#    other, so the errors are shown once and nothing runs.
if ! build_config ""; then
    echo "The default build failed (log: $logs/build-$(basename "$build").log):"
    show_errors "$logs/build-$(basename "$build").log"
    echo "No test ran: the kernel does not build with the default configuration."
    echo "0 passed, 1 failed"
    exit 1
fi

# run_case CASE TOOLCHAIN DIR: one run, on the build in DIR; its output
# goes to a log, its verdict to a file.
run_case() {
    local case=$1 toolchain=$2 dir=$3 name file config line marker binutils status
    name=${case##*/}
    file=$name
    config_of "$case" "$toolchain"
    binutils=$GCC_BINUTILS
    case "$toolchain" in
    llvm)
        name="$name [llvm]"
        file=$file.llvm
        binutils=$LLVM_BINUTILS
        ;;
    also)
        line_of "$case" "also with"
        name="$name [$line]"
        file=$file.also
        ;;
    esac
    failed_marker_of "$dir"
    if [ -e "$marker" ]; then
        echo "the build of config '$config' failed (above)" >"$logs/$file.log"
        status=1
    else
        export TEST_BUILD=$dir TEST_CONFIG=$config TEST_BINUTILS=$binutils READELF=${binutils}readelf
        case "$case" in
        *.exp) timed "run $name" timeout 300 expect -f "$case" >"$logs/$file.log" 2>&1 ;;
        *.sh) timed "run $name" timeout 300 bash "$case" >"$logs/$file.log" 2>&1 ;;
        *) timed "run $name" timeout 300 "$case" >"$logs/$file.log" 2>&1 ;;
        esac
        status=$?
    fi
    if [ "$status" -eq 0 ]; then
        echo "PASS $name"
        : >"$logs/$file.pass"
    else
        echo "FAIL $name (exit $status, log: $logs/$file.log)"
        sed 's/^/    /' "$logs/$file.log" | tail -n 20
        : >"$logs/$file.fail"
    fi
}
export -f run_case line_of config_of failed_marker_of timed
export build logs GCC_BINUTILS LLVM_BINUTILS

# The config of each run, and the other configs, each once, in the order
# of the runs (the default one is built).
run_configs=()
run_after_builds=()
configs=()
declare -A wanted=()
for run in "${runs[@]}"; do
    read -r case toolchain <<<"$run"
    config_of "$case" "$toolchain"
    run_configs+=("$config")
    if after_builds "$case"; then run_after_builds+=(after); else run_after_builds+=(""); fi
    [ -z "$config" ] || [ -n "${wanted[$config]:-}" ] || configs+=("$config")
    [ -z "$config" ] || wanted[$config]=1
done

# build_other_config CONFIG: builds a config of its own; if that fails,
# names it with its errors, or with the config it failed like, and returns
# 1.
declare -A errors_of=()
build_other_config() {
    local config=$1 dir log errors
    wanted[$config]=
    build_config "$config" && return 0
    build_dir_of "$config"
    log=$logs/build-${dir##*/}.log
    errors=$(show_errors "$log")
    if [ -n "${errors_of[$errors]:-}" ]; then
        echo "The build of config '$config' failed (log: $log), as config '${errors_of[$errors]}' did."
    else
        errors_of[$errors]=$config
        echo "The build of config '$config' failed (log: $log):"
        echo "$errors"
    fi
    return 1
}

# 2. The objects of the default build are copied, for the cases that build
#    a copy of this tree (ktest.exp, test_runner.sh, the handouts) to start
#    from: they stay as they are, where the folders of objects get new
#    files while the cases run. Only the folders the build uses: host/,
#    and the libraries', the user's and the kernel's, as OBJECTS holds
#    them, with kernel/settings.c's for the config's values (a folder
#    inside the kernel's); those of each other config join them as soon
#    as it is built, before any run that might compile into them starts
#    (the cases that build a copy of the tree and compile with a config's
#    flags, such as the handouts' builds, wait for the builds).
TEST_BASE_OBJECTS=$(realpath -m "$build/test/base-objects")
export TEST_BASE_OBJECTS
rm -rf "$TEST_BASE_OBJECTS"
mkdir -p "$TEST_BASE_OBJECTS"
copy_base_objects() { # copy_base_objects CONFIG: that config's folders
    local folders=() folder dir
    # Its build's log names them, each on a line of its own.
    build_dir_of "$1"
    while IFS= read -r folder; do
        [[ $folder == "$OBJECTS"/* && $folder != *[[:space:]]* ]] || continue
        folder=${folder#"$OBJECTS"/}
        [ -e "$TEST_BASE_OBJECTS/$folder" ] || folders+=("$folder")
    done <"$logs/build-${dir##*/}.log"
    [ ${#folders[@]} -eq 0 ] ||
        (cd "$OBJECTS" && cp -a --parents "${folders[@]}" "$TEST_BASE_OBJECTS/" 2>/dev/null)
}
(cd "$OBJECTS" && cp -a --parents host "$TEST_BASE_OBJECTS/" 2>/dev/null)
copy_base_objects ""

# 3. The runs go through a queue that nproc workers empty: first the GCC
#    runs of the default build, while the same with LLVM=1 is built (no
#    GCC run compiles with clang), then its runs, while the other configs
#    are built one after another, each config's runs queued as soon as it
#    is built, so that no processor waits for the builds; once they all
#    are, the runs that wait for the builds (after_builds: the shell cases
#    and docs_try_it.exp). (A line written to a pipe at once is read
#    whole.)
mkfifo "$logs/queue"
xargs -P "$([ -n "$bless" ] && echo 1 || echo "$processors")" -L 1 bash -c 'run_case "$@"' _ <"$logs/queue" &
workers=$!
exec 3>"$logs/queue"
# queue_runs CONFIG [WHICH]: the runs of that config to the queue, a line
# "CASE TOOLCHAIN DIR" each (DIR: the config's build folder); with WHICH
# "now" those that need not wait for the builds, "after" the others.
queue_runs() {
    local i dir
    for i in "${!runs[@]}"; do
        [ "${run_configs[$i]}" = "$1" ] || continue
        case "${2:-}:${run_after_builds[$i]}" in
        now:after | after:) continue ;;
        esac
        build_dir_of "${run_configs[$i]}"
        echo "${runs[$i]} $dir" >&3
    done
}
queue_runs "" now
#    The LLVM build of the default configuration, whose objects every other
#    LLVM config shares.
if [ -n "${wanted[LLVM=1]:-}" ]; then
    build_other_config LLVM=1 && copy_base_objects LLVM=1
fi
queue_runs LLVM=1 now

#    The other configs, one after another, each with its runs; then the
#    shell cases.
for config in "${configs[@]}"; do
    [ -n "${wanted[$config]}" ] || continue
    build_other_config "$config" && copy_base_objects "$config"
    queue_runs "$config"
done
queue_runs "" after
queue_runs LLVM=1 after
#    And the host unit tests, when every case runs.
if [ "${#requested[@]}" -eq 0 ]; then
    if timed "build host-tests" make -s --no-print-directory -j"$processors" BUILD="$build" host-tests \
        >"$logs/build-host-tests.log" 2>&1; then
        for binary in "$OBJECTS"/host/tests/*; do
            [ -x "$binary" ] && echo "$binary gcc $build" >&3
        done
    else
        echo "FAIL host unit tests: the build failed (log: $logs/build-host-tests.log):"
        show_errors "$logs/build-host-tests.log"
        touch "$logs/host-tests-build.fail"
    fi
fi
exec 3>&-
wait "$workers"

# A bless shows what it rewrote.
if [ -n "$bless" ]; then
    for before in "$logs"/blessed/*.before; do
        [ -e "$before" ] || continue
        name=$(basename "$before" .before)
        echo "rewrote tests/expected/$name:"
        diff -u --label "tests/expected/$name (before)" --label "tests/expected/$name" \
            "$before" "tests/expected/$name"
    done
fi

passed=$(find "$logs" -name '*.pass' | wc -l)
failed=$(find "$logs" -name '*.fail' | wc -l)
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
