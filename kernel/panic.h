/*
 * Stopping the machine: the normal shutdown at the end of the batch, and
 * panic, for a state the kernel cannot go on from.
 */
#ifndef KERNEL_PANIC_H
#define KERNEL_PANIC_H

/* Prints "[kernel] panic: <message>" and stops QEMU with a non-zero status. */
__attribute__((noreturn, format(printf, 1, 2))) void panic(const char *format,
                                                           ...);

/* Powers off through SBI; QEMU exits with status 0. */
__attribute__((noreturn)) void shutdown(void);

#endif
