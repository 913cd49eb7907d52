/*
 * The system calls, served right in the trap path: trap_entry.S calls
 * syscall_handle on the kernel stack for every ecall of an app, and the app
 * goes on after it unless the call ends it. The numbers and error codes are
 * Linux's for RISC-V (lib/syscall_numbers.h); docs/guide/05-traps.md lists
 * the calls.
 */
#include "syscall.h"

#include "app.h"
#include "app_output.h"
#include "lib/syscall_numbers.h"
#include "log.h"
#include "user_memory.h"
#include "watchdog.h"

#define EBADF  9
#define EFAULT 14

/* write copies the app's bytes through a buffer on the kernel stack, this
   many at a time: the console never reads the app's memory itself. */
#define WRITE_CHUNK 128

/* write(fd, buf, len): the result goes to a0: len, or fewer bytes if the
   app's time ran out on the way. The whole buffer is checked before a byte
   is written, so a bad one writes nothing; the bytes go to the console
   through the app's output filter (app_output.c). A function of its own
   (noinline), with its 128-byte buffer, so that syscall_handle, which
   every call goes through, needs no stack frame for the calls that need no
   buffer. Called, not tail-called, so that gdb's finish returns from it
   into syscall_handle. */
__attribute__((noinline)) static void syscall_write(const struct app *app,
                                                    uint64_t *registers) {
    uint64_t fd = registers[REGISTER_A0];
    uint64_t address = registers[REGISTER_A1];
    uint64_t len = registers[REGISTER_A2];
    int64_t result;
    if (fd != 1 && fd != 2) {
        result = -EBADF;
    } else if (!user_memory_contains(app, address, len)) {
        result = -EFAULT;
    } else {
        /* The kernel runs with interrupts off, so the watchdog's timer
           cannot stop a long write: its deadline is checked between chunks.
           Once it has passed, the write stops short; the timer interrupt,
           pending by then, ends the app as soon as it is back in U-mode. */
        char chunk[WRITE_CHUNK];
        uint64_t done = 0;
        while (done < len && !watchdog_expired()) {
            size_t size = len - done < WRITE_CHUNK ? len - done : WRITE_CHUNK;
            user_memory_read(app, chunk, address + done, size);
            app_output_write(chunk, size);
            done += size;
        }
        result = (int64_t)done;
    }
    log_trace("app %lu syscall write(%lu, 0x%lx, %lu) = %ld", app->index, fd,
              address, len, result);
    registers[REGISTER_A0] = (uint64_t)result;
}

bool syscall_handle(struct user_context *context) {
    const struct app *app = context->app;
    uint64_t *registers = context->registers;
    log_trap(app->index, context->pc);
    /* Resume after the ecall, not on it. */
    context->pc += 4;

    switch (registers[REGISTER_A7]) {
    case SYS_GETPID:
        registers[REGISTER_A0] = app->index;
        log_trace("app %lu syscall getpid() = %lu", app->index, app->index);
        return true;
    case SYS_WRITE:
        syscall_write(app, registers);
        return true;
    case SYS_EXIT:
        log_trace("app %lu syscall exit(%ld)", app->index,
                  (int64_t)registers[REGISTER_A0]);
        return false;
    default:
        return false;
    }
}
