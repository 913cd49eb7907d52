/*
 * What the system calls and the apps agree on besides the numbers (those are
 * in lib/syscall_numbers.h): the error codes and the structures a call
 * writes into an app's memory, with the layouts of the uCore/rCore
 * chapter 3 ABI. kernel/syscall.c fills them; apps get them through
 * user/user.h, which includes this file (as xv6's apps include
 * kernel/stat.h).
 */
#ifndef KERNEL_SYSCALL_ABI_H
#define KERNEL_SYSCALL_ABI_H

#include <stddef.h>
#include <stdint.h>

/* Error codes, Linux's: a call returns the negated code. */
#define EBADF  9  /* write: not fd 1 or 2 */
#define EFAULT 14 /* a pointer argument is not wholly the app's */
#define ENOSYS 38 /* a call of the ABI that the kernel does not serve yet */

/* get_time (169): the time since the machine started. */
struct timeval {
    uint64_t sec;
    uint64_t usec; /* 0 to 999999 */
};

/* task_info (410): how the calling app is doing. */
enum task_status {
    TASK_UNINIT = 0,
    TASK_READY = 1,
    TASK_RUNNING = 2, /* what the caller always sees */
    TASK_EXITED = 3,
};

/* syscall_times[n] counts calls of number n, for n below this. */
#define TASK_INFO_SYSCALLS 500

struct task_info {
    int status; /* an enum task_status */
    unsigned int syscall_times[TASK_INFO_SYSCALLS];
    int time; /* milliseconds since the app first ran */
};

_Static_assert(sizeof(struct timeval) == 16, "struct timeval is 16 bytes");
_Static_assert(offsetof(struct task_info, syscall_times) == 4 &&
                   offsetof(struct task_info, time) == 2004 &&
                   sizeof(struct task_info) == 2008,
               "struct task_info is the ABI's: 4 + 500 * 4 + 4 bytes");

#endif
