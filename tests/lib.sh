# tests/lib.sh: what a shell case of tests/cases/ sources first (as an
# expect case sources tests/lib.tcl): unset variables are errors, and `fail
# WHY` prints a FAIL line and counts it; the case ends with
# `exit "$failures"`, so that make test sees it fail.
set -u
failures=0
fail() {
    echo "FAIL: $*"
    failures=$((failures + 1))
}

# scratch_folder NAME MIB: makes a new folder, NAME.XXXXXX, for the files
# a case writes and removes itself, and prints its path: in TMPDIR if that
# is set, else in /dev/shm when that is a RAM filesystem that may run
# programs and has MIB mebibytes free, else in /tmp. (On this project's
# 2-core machine, creating a file on the disk costs the kernel about a
# millisecond, in RAM a tenth of that: a copy of the tree, or thousands of
# small files, add up.)
scratch_folder() {
    local folder type options blocks block_bytes
    if [ -z "${TMPDIR:-}" ]; then
        while read -r _ folder type options _; do
            [ "$folder" = /dev/shm ] && [ "$type" = tmpfs ] && [[ ,$options, != *,noexec,* ]] &&
                read -r blocks block_bytes < <(stat -f -c '%a %S' /dev/shm) &&
                [ $((blocks * block_bytes / 1048576)) -ge "$2" ] && [ -w /dev/shm ] &&
                mktemp -d "/dev/shm/$1.XXXXXX" && return
        done </proc/mounts 2>/dev/null
    fi
    mktemp -d "${TMPDIR:-/tmp}/$1.XXXXXX"
}
