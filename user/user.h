/*
 * What a user app may call: the system calls of this kernel and printf.
 * Apps include only this file; user/start.c calls their main and passes its
 * result to exit.
 */
#ifndef USER_USER_H
#define USER_USER_H

#include <stddef.h>

/* struct timeval, struct task_info and the error codes. */
#include "kernel/syscall_abi.h"

/* Writes len bytes to fd 1 (stdout) or 2 (stderr). Returns len, or -9
   (EBADF) for another fd, -14 (EFAULT) if buf is not all inside the app. */
long write(int fd, const void *buf, size_t len);

/* The app's index in the batch: 0 for the first app, 1 for the next... */
long getpid(void);

/* Gives the CPU to the next app that is ready, in the slots mode; returns
   0 when this app runs again, at once if no other app is ready (the batch
   and in-place modes run one app at a time). (Lab yield.) */
long sched_yield(void);

/* The time since the machine started, in *tv; tz is ignored. Returns 0, or
   -14 (EFAULT) if tv is not all inside the app. (Lab time.) */
long get_time(struct timeval *tv, int tz);

/* Milliseconds since the machine started (from get_time), or get_time's
   negative error. */
long get_time_ms(void);

/* The calling app's status, system call counts and running time, in *info.
   Returns 0, or -14 (EFAULT) if info is not all inside the app. (Lab
   taskinfo.) */
long task_info(struct task_info *info);

/* Ends the app with the given exit code. */
__attribute__((noreturn)) void exit(int code);

/* Any system call: the number goes in a7, the arguments in a0..a2. */
long syscall(long number, long arg0, long arg1, long arg2);

/* printf on fd 1, formatted by lib/format.c: %c %s %d %u %x %p %%, l ll z,
   width, '0' and '-'. */
int printf(const char *format, ...) __attribute__((format(printf, 1, 2)));

#endif
