/*
 * What a user app may call: the system calls of this kernel and printf.
 * Apps include only this file; user/start.c calls their main and passes its
 * result to exit.
 */
#ifndef USER_USER_H
#define USER_USER_H

#include <stddef.h>

/* Writes len bytes to fd 1 (stdout) or 2 (stderr). Returns len, or -9
   (EBADF) for another fd, -14 (EFAULT) if buf is not all inside the app. */
long write(int fd, const void *buf, size_t len);

/* The app's index in the batch: 0 for the first app, 1 for the next... */
long getpid(void);

/* Ends the app with the given exit code. */
__attribute__((noreturn)) void exit(int code);

/* Any system call: the number goes in a7, the arguments in a0..a2. */
long syscall(long number, long arg0, long arg1, long arg2);

/* printf on fd 1, formatted by lib/format.c: %c %s %d %u %x %p %%, l ll z,
   width, '0' and '-'. */
int printf(const char *format, ...) __attribute__((format(printf, 1, 2)));

#endif
