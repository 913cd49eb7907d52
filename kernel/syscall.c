/*
 * The system calls, served right in the trap path: trap_entry.S calls
 * syscall_handle on the kernel stack for every ecall of an app, and the app
 * goes on after it unless the call ends it. The numbers are in
 * lib/syscall_numbers.h, the error codes and the structures a call writes
 * in syscall_abi.h; docs/guide/05-traps.md lists the calls.
 */
#include "syscall.h"

#include "app.h"
#include "app_output.h"
#include "clock.h"
#include "lib/compiler_helpers.h"
#include "lib/syscall_numbers.h"
#include "log.h"
#include "syscall_abi.h"
#include "user_memory.h"
#include "watchdog.h"

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

/* get_time(tv, tz): the time since the machine started, into the app's
   struct timeval at tv; tz is ignored. 0, or -EFAULT if tv is not wholly
   the app's (then nothing is written). Out of line, as syscall_write. */
__attribute__((noinline)) static void syscall_get_time(const struct app *app,
                                                       uint64_t *registers) {
    uint64_t tv = registers[REGISTER_A0];
    /* LAB time BEGIN: int64_t result = -ENOSYS; */
    uint64_t ticks = clock_ticks();
    uint64_t ticks_per_second = TIMER_TICKS_PER_MS * 1000;
    struct timeval now = {
        .sec = ticks / ticks_per_second,
        .usec = ticks % ticks_per_second * 1000 / TIMER_TICKS_PER_MS,
    };
    int64_t result = user_memory_write(app, tv, &now, sizeof now) ? 0 : -EFAULT;
    /* LAB time END */
    log_trace("app %lu syscall get_time(0x%lx) = %ld", app->index, tv, result);
    registers[REGISTER_A0] = (uint64_t)result;
}

/* task_info(ti): the calling app's status (running), its system calls so
   far by number, this one included, and the milliseconds since it first
   ran, into the app's struct task_info at ti. 0, or -EFAULT if ti is not
   wholly the app's (then nothing is written). Out of line, as
   syscall_write. */
__attribute__((noinline)) static void syscall_task_info(const struct app *app,
                                                        uint64_t *registers) {
    uint64_t ti = registers[REGISTER_A0];
    /* LAB taskinfo BEGIN: int64_t result = -ENOSYS; */
    struct task_info info = {
        .status = TASK_RUNNING,
        .time = (int)((clock_ticks() - app->first_ran) / TIMER_TICKS_PER_MS),
    };
    memcpy(info.syscall_times, app->syscall_times, sizeof info.syscall_times);
    int64_t result =
        user_memory_write(app, ti, &info, sizeof info) ? 0 : -EFAULT;
    /* LAB taskinfo END */
    log_trace("app %lu syscall task_info(0x%lx) = %ld", app->index, ti, result);
    registers[REGISTER_A0] = (uint64_t)result;
}

bool syscall_handle(struct user_context *context) {
    struct app *app = context->app;
    uint64_t *registers = context->registers;
    log_trap(app->index, context->pc);
    /* Resume after the ecall, not on it. */
    context->pc += 4;
    /* LAB taskinfo BEGIN */
    if (registers[REGISTER_A7] < TASK_INFO_SYSCALLS)
        app->syscall_times[registers[REGISTER_A7]]++;
    /* LAB taskinfo END */

    switch (registers[REGISTER_A7]) {
    case SYS_GETPID:
        registers[REGISTER_A0] = app->index;
        log_trace("app %lu syscall getpid() = %lu", app->index, app->index);
        return true;
    case SYS_WRITE:
        syscall_write(app, registers);
        return true;
    case SYS_GET_TIME:
        syscall_get_time(app, registers);
        return true;
    case SYS_TASK_INFO:
        syscall_task_info(app, registers);
        return true;
    case SYS_EXIT:
        log_trace("app %lu syscall exit(%ld)", app->index,
                  (int64_t)registers[REGISTER_A0]);
        return false;
    default:
        return false;
    }
}
