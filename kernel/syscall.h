/*
 * System calls: the app's ecall with the number in a7 and arguments in
 * a0..a5; the result goes back in a0. trap_entry.S hands every ecall of an
 * app to syscall_handle, on the trap path's fast path.
 */
#ifndef KERNEL_SYSCALL_H
#define KERNEL_SYSCALL_H

#include <stdbool.h>

#include "trap.h"

/* Serves the system call the app made, reading its arguments from and
   writing its result to *context. trap_entry.S calls it on the kernel
   stack, with all of the app's registers saved in *context and
   context->pc past the ecall already. Returns true if the app goes on at
   once, false to go back to app_run, which tells why from a7: exit, a
   number the kernel does not have, or sched_yield giving the CPU up. */
bool syscall_handle(struct user_context *context);

#endif
