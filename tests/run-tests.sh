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
# more variables added) is built once, one after another (so that no two
# builds race), in a folder of its own; then all runs go in parallel. A run
# gets TEST_BUILD (its build folder), TEST_CONFIG (the make variables), and
# NM and READELF (its toolchain's) in its environment, and passes by
# exiting 0.
#
# Usage: tests/run-tests.sh [BUILD [CASE...]]   (CASE: a file name in tests/cases)
# GCC_BINUTILS and LLVM_BINUTILS, the prefixes of each toolchain's nm and
# readelf, come from the environment (`make test` sets them).
# The last line printed is "N passed, M failed".
set -uo pipefail

build=${1:-build}
shift || true
: "${GCC_BINUTILS?is not set: run the tests with make test}" "${LLVM_BINUTILS?is not set: run the tests with make test}"
cd "$(dirname "$0")/.."
logs=$build/test-logs
rm -rf "$logs"
mkdir -p "$logs"
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

if [ $# -gt 0 ]; then
    cases=()
    for name in "$@"; do cases+=("tests/cases/$name"); done
else
    cases=(tests/cases/*.exp tests/cases/*.sh)
fi

# The runs of a case: its toolchains (gcc, llvm), and "also" for the run
# with the variables of its "also with" line.
toolchains_of() {
    local listed
    listed=$(sed -n 's/^# toolchains: //p' "$1" | head -n 1)
    case "$listed:$1" in
    :*.exp) listed="gcc llvm" ;;
    :*) listed=gcc ;;
    esac
    grep -q '^# also with: ' "$1" && listed="$listed also"
    echo "$listed"
}

# The make variables of a run: the case's config, plus LLVM=1 for llvm, or
# the "also with" variables.
config_of() { # config_of CASE TOOLCHAIN
    local config more=
    config=$(sed -n 's/^# config: //p' "$1" | head -n 1)
    case "$2" in
    llvm) more=LLVM=1 ;;
    also) more=$(sed -n 's/^# also with: //p' "$1" | head -n 1) ;;
    esac
    echo "$config${config:+${more:+ }}$more"
}

# A config names its build folder: the same config, the same folder.
build_dir_of() {
    local config=$1
    if [ -z "$config" ]; then
        echo "$build"
    else
        echo "$build/test/$(printf '%s' "$config" | md5sum | cut -c1-12)"
    fi
}

# A build that failed leaves this marker; its runs then fail at once.
failed_marker_of() { echo "$logs/build-$(basename "$1").failed"; }

# The runs: one line "CASE TOOLCHAIN" each.
runs=()
for case in "${cases[@]}"; do
    for toolchain in $(toolchains_of "$case"); do
        runs+=("$case $toolchain")
    done
done

# 1. Build every config the runs ask for, and the host unit tests.
declare -A built=()
for run in "${runs[@]}"; do
    read -r case toolchain <<<"$run"
    config=$(config_of "$case" "$toolchain")
    dir=$(build_dir_of "$config")
    [ -n "${built[$dir]:-}" ] && continue
    built[$dir]=1
    if ! eval "make --no-print-directory -j$(nproc) BUILD=$dir $config all" >"$logs/build-$(basename "$dir").log" 2>&1; then
        touch "$(failed_marker_of "$dir")"
        echo "build failed for config '$config' (log: $logs/build-$(basename "$dir").log)"
        tail -n 5 "$logs/build-$(basename "$dir").log"
    fi
done
if [ $# -eq 0 ]; then
    if make --no-print-directory -j"$(nproc)" BUILD="$build" host-tests >"$logs/build-host-tests.log" 2>&1; then
        for binary in "$build"/host/tests/*; do
            [ -x "$binary" ] && runs+=("$binary gcc")
        done
    else
        echo "FAIL host unit tests: build failed (log: $logs/build-host-tests.log)"
        tail -n 5 "$logs/build-host-tests.log"
        touch "$logs/host-tests-build.fail"
    fi
fi

# 2. Do one run; its output goes to a log, its verdict to a file.
run_case() {
    local case=$1 toolchain=$2 name file config dir binutils status
    name=$(basename "$case")
    file=$name
    config=$(config_of "$case" "$toolchain")
    binutils=$GCC_BINUTILS
    case "$toolchain" in
    llvm)
        name="$name [llvm]"
        file=$file.llvm
        binutils=$LLVM_BINUTILS
        ;;
    also)
        name="$name [$(sed -n 's/^# also with: //p' "$case" | head -n 1)]"
        file=$file.also
        ;;
    esac
    dir=$(build_dir_of "$config")
    if [ -e "$(failed_marker_of "$dir")" ]; then
        echo "build failed" >"$logs/$file.log"
        status=1
    else
        export TEST_BUILD=$dir TEST_CONFIG=$config NM=${binutils}nm READELF=${binutils}readelf
        case "$case" in
        *.exp) timeout 300 expect -f "$case" >"$logs/$file.log" 2>&1 ;;
        *.sh) timeout 300 bash "$case" >"$logs/$file.log" 2>&1 ;;
        *) timeout 300 "$case" >"$logs/$file.log" 2>&1 ;;
        esac
        status=$?
    fi
    if [ "$status" -eq 0 ]; then
        echo "PASS $name"
        touch "$logs/$file.pass"
    else
        echo "FAIL $name (exit $status, log: $logs/$file.log)"
        sed 's/^/    /' "$logs/$file.log" | tail -n 20
        touch "$logs/$file.fail"
    fi
}
export -f run_case config_of build_dir_of failed_marker_of
export build logs GCC_BINUTILS LLVM_BINUTILS

printf '%s\n' "${runs[@]}" | xargs -P "$(nproc)" -L 1 bash -c 'run_case "$@"' _

passed=$(find "$logs" -name '*.pass' | wc -l)
failed=$(find "$logs" -name '*.fail' | wc -l)
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
