/*
 * The system call stubs: ecall with the number in a7 and arguments in
 * a0..a2, result in a0 (the Linux RISC-V convention; numbers in
 * lib/syscall_numbers.h).
 */
#include "lib/syscall_numbers.h"
#include "user.h"

long syscall(long number, long arg0, long arg1, long arg2) {
    register long a0 __asm__("a0") = arg0;
    register long a1 __asm__("a1") = arg1;
    register long a2 __asm__("a2") = arg2;
    register long a7 __asm__("a7") = number;
    __asm__ volatile("ecall" : "+r"(a0) : "r"(a1), "r"(a2), "r"(a7) : "memory");
    return a0;
}

long write(int fd, const void *buf, size_t len) {
    return syscall(SYS_WRITE, fd, (long)buf, (long)len);
}

long getpid(void) {
    return syscall(SYS_GETPID, 0, 0, 0);
}

long sched_yield(void) {
    return syscall(SYS_SCHED_YIELD, 0, 0, 0);
}

long get_time(struct timeval *tv, int tz) {
    return syscall(SYS_GET_TIME, (long)tv, tz, 0);
}

long get_time_ms(void) {
    struct timeval now;
    long result = get_time(&now, 0);
    if (result < 0)
        return result;
    return (long)(now.sec * 1000 + now.usec / 1000);
}

long task_info(struct task_info *info) {
    return syscall(SYS_TASK_INFO, (long)info, 0, 0);
}

void exit(int code) {
    syscall(SYS_EXIT, code, 0, 0);
    /* The kernel never returns from exit; if it did, stop here. */
    for (;;)
        ;
}
