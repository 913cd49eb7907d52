/*
 * A grader app of the taskinfo lab: labs/taskinfo/grade.py reads its lines.
 * It hands task_info pointers that are not wholly its own
 * (labs/bad_pointers.h); each must come back -14 (EFAULT) with nothing
 * written, and the app must go on to exit 0.
 */
#include "labs/bad_pointers.h"

static long call_task_info(uint64_t address) {
    return task_info((struct task_info *)address);
}

int main(void) {
    /* [address, address + 2008) wraps past 2^64. */
    return try_bad_pointers("taskinfo_pointers", call_task_info,
                            UINT64_MAX - 1000);
}
