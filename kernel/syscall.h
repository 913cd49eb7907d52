/*
 * System calls: the app's ecall lands here through app.c with the number in
 * a7 and arguments in a0..a5; the result goes back in a0.
 */
#ifndef KERNEL_SYSCALL_H
#define KERNEL_SYSCALL_H

#include "app.h"
#include "trap.h"

enum syscall_outcome {
    SYSCALL_CONTINUE, /* the result is in a0; the app goes on */
    SYSCALL_EXIT,     /* the app asked to end; the code is in a0 */
    SYSCALL_UNKNOWN,  /* no such system call: kill the app */
};

enum syscall_outcome syscall_handle(const struct app *app,
                                    struct user_context *context);

#endif
