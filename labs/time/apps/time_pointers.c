/*
 * A grader app of the time lab: labs/time/grade.py reads its lines. It hands
 * get_time pointers that are not wholly its own (labs/bad_pointers.h); each
 * must come back -14 (EFAULT) with nothing written, and the app must go on
 * to exit 0.
 */
#include "labs/bad_pointers.h"

static long call_get_time(uint64_t address) {
    return get_time((struct timeval *)address, 0);
}

int main(void) {
    /* [address, address + 16) wraps past 2^64 and ends at 8. */
    return try_bad_pointers("time_pointers", call_get_time, UINT64_MAX - 7);
}
