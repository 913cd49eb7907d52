#!/usr/bin/env bash
# The test driver behind `make test`. Every file in tests/cases/ is one test:
# an expect script (*.exp) for anything that runs in QEMU or gdb, or a shell
# script (*.sh) for checks on the build. Host unit tests (tests/host/*.c) are
# built by make and run here too.
#
# A case may ask for its own kernel build with a line such as
#     # config: APPS="hello power" LOG=trace
# Each distinct config is built once, one after another (so that no two
# builds race), in a folder of its own; then all cases run in parallel.
# A case gets TEST_BUILD (its build folder) and TEST_CONFIG (the make
# variables) in its environment, and passes by exiting 0.
#
# Usage: tests/run-tests.sh [BUILD [CASE...]]   (CASE: a file name in tests/cases)
# The last line printed is "N passed, M failed".
set -uo pipefail

build=${1:-build}
shift || true
cd "$(dirname "$0")/.."
logs=$build/test-logs
rm -rf "$logs"
mkdir -p "$logs"

if [ $# -gt 0 ]; then
    cases=()
    for name in "$@"; do cases+=("tests/cases/$name"); done
else
    cases=(tests/cases/*.exp tests/cases/*.sh)
fi

config_of() { sed -n 's/^# config: //p' "$1" | head -n 1; }

# A config names its build folder: the same config, the same folder.
build_dir_of() {
    local config=$1
    if [ -z "$config" ]; then
        echo "$build"
    else
        echo "$build/test/$(printf '%s' "$config" | md5sum | cut -c1-12)"
    fi
}

# A build that failed leaves this marker; its cases then fail at once.
failed_marker_of() { echo "$logs/build-$(basename "$1").failed"; }

# 1. Build every config the cases ask for, and the host unit tests.
declare -A built=()
for case in "${cases[@]}"; do
    config=$(config_of "$case")
    dir=$(build_dir_of "$config")
    [ -n "${built[$dir]:-}" ] && continue
    built[$dir]=1
    if ! eval "make --no-print-directory -j$(nproc) BUILD=$dir $config all" >"$logs/build-$(basename "$dir").log" 2>&1; then
        touch "$(failed_marker_of "$dir")"
        echo "build failed for config '$config' (log: $logs/build-$(basename "$dir").log)"
        tail -n 5 "$logs/build-$(basename "$dir").log"
    fi
done
host_tests=()
if [ $# -eq 0 ]; then
    if make --no-print-directory -j"$(nproc)" BUILD="$build" host-tests >"$logs/build-host-tests.log" 2>&1; then
        for binary in "$build"/host/tests/*; do
            [ -x "$binary" ] && host_tests+=("$binary")
        done
    else
        echo "FAIL host unit tests: build failed (log: $logs/build-host-tests.log)"
        tail -n 5 "$logs/build-host-tests.log"
        touch "$logs/host-tests-build.fail"
    fi
fi

# 2. Run one case; its output goes to a log, its verdict to a file.
run_case() {
    local case=$1 name config dir status
    name=$(basename "$case")
    config=$(config_of "$case")
    dir=$(build_dir_of "$config")
    if [ -e "$(failed_marker_of "$dir")" ]; then
        echo "build failed" >"$logs/$name.log"
        status=1
    else
        case "$case" in
        *.exp) TEST_BUILD=$dir TEST_CONFIG=$config timeout 300 expect -f "$case" >"$logs/$name.log" 2>&1 ;;
        *.sh) TEST_BUILD=$dir TEST_CONFIG=$config timeout 300 bash "$case" >"$logs/$name.log" 2>&1 ;;
        *) timeout 300 "$case" >"$logs/$name.log" 2>&1 ;;
        esac
        status=$?
    fi
    if [ "$status" -eq 0 ]; then
        echo "PASS $name"
        touch "$logs/$name.pass"
    else
        echo "FAIL $name (exit $status, log: $logs/$name.log)"
        sed 's/^/    /' "$logs/$name.log" | tail -n 20
        touch "$logs/$name.fail"
    fi
}
export -f run_case config_of build_dir_of failed_marker_of
export build logs

printf '%s\n' "${cases[@]}" "${host_tests[@]}" |
    xargs -P "$(nproc)" -I{} bash -c 'run_case "$1"' _ {}

passed=$(find "$logs" -name '*.pass' | wc -l)
failed=$(find "$logs" -name '*.fail' | wc -l)
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
