/*
 * The system calls of the batch kernel, with Linux RISC-V numbers and error
 * codes: write(fd, buf, len) for fd 1 and 2, exit(code), and getpid(), which
 * answers the app's index in the batch.
 */
#include "syscall.h"

#include "console.h"
#include "log.h"
#include "syscall_numbers.h"
#include "user_memory.h"

#define EBADF  9
#define EFAULT 14

static int64_t syscall_write(const struct app *app, uint64_t fd,
                             uint64_t address, uint64_t len) {
    if (fd != 1 && fd != 2)
        return -EBADF;
    const char *text = user_memory_readable(app, address, len);
    if (text == NULL)
        return -EFAULT;
    console_write(text, len);
    return (int64_t)len;
}

enum syscall_outcome syscall_handle(const struct app *app,
                                    struct user_context *context) {
    uint64_t *registers = context->registers;
    uint64_t number = registers[REGISTER_A7];
    uint64_t arg0 = registers[REGISTER_A0];
    uint64_t arg1 = registers[REGISTER_A1];
    uint64_t arg2 = registers[REGISTER_A2];

    switch (number) {
    case SYS_WRITE: {
        int64_t result = syscall_write(app, arg0, arg1, arg2);
        log_trace("app %lu syscall write(%lu, 0x%lx, %lu) = %ld", app->index,
                  arg0, arg1, arg2, result);
        registers[REGISTER_A0] = (uint64_t)result;
        return SYSCALL_CONTINUE;
    }
    case SYS_GETPID:
        registers[REGISTER_A0] = app->index;
        log_trace("app %lu syscall getpid() = %lu", app->index, app->index);
        return SYSCALL_CONTINUE;
    case SYS_EXIT:
        log_trace("app %lu syscall exit(%d)", app->index, (int)arg0);
        return SYSCALL_EXIT;
    default:
        return SYSCALL_UNKNOWN;
    }
}
