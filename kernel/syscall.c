/*
 * The system calls, served right in the trap path: trap_entry.S calls
 * syscall_handle on the kernel stack for every ecall of an app, which finds
 * the call's function by its number in the table at the end (xv6's way),
 * and the app goes on after it unless the call ends it or gives the CPU
 * up. The numbers are in lib/syscall_numbers.h, the error codes and the
 * structures a call writes in syscall_abi.h; docs/guide/05-traps.md lists
 * the calls.
 */
#include "syscall.h"

#include "app.h"
#include "app_output.h"
#include "clock.h"
#include "lib/compiler_helpers.h"
#include "lib/syscall_numbers.h"
#include "log.h"
/* LAB yield BEGIN */
#include "sched.h"
/* LAB yield END */
#include "syscall_abi.h"
#include "user_memory.h"
#include "watchdog.h"

/* write copies the app's bytes through a buffer on the kernel stack, this
   many at a time: the console never reads the app's memory itself. */
#define WRITE_CHUNK 128

/* write(fd, buf, len): the result goes to a0: len, or fewer bytes if the
   app's time ran out on the way. The whole buffer is checked before a byte
   is written, so a bad one writes nothing; the bytes go to the console
   through the app's output filter (app_output.c). No other app runs
   during a write: the kernel runs with interrupts off, so its bytes are
   never mixed with another app's. */
static bool syscall_write(uint64_t *registers, struct app *app) {
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
            app_output_write(&app->output, chunk, size);
            done += size;
        }
        result = (int64_t)done;
    }
    log_trace("app %lu syscall write(%lu, 0x%lx, %lu) = %ld", app->index, fd,
              address, len, result);
    registers[REGISTER_A0] = (uint64_t)result;
    return true;
}

/* get_time(tv, tz): the time since the machine started, into the app's
   struct timeval at tv; tz is ignored. 0, or -EFAULT if tv is not wholly
   the app's (then nothing is written). */
static bool syscall_get_time(uint64_t *registers, struct app *app) {
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
    return true;
}

/* task_info(ti): the calling app's status (running), its system calls so
   far by number, this one included, and the milliseconds since it first
   ran, into the app's struct task_info at ti. 0, or -EFAULT if ti is not
   wholly the app's (then nothing is written). */
static bool syscall_task_info(uint64_t *registers, struct app *app) {
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
    return true;
}

/* getpid(): the app's index in the batch. The null system call of make
   bench: the least a call can do. */
static bool syscall_getpid(uint64_t *registers, struct app *app) {
    registers[REGISTER_A0] = app->index;
    log_trace("app %lu syscall getpid() = %lu", app->index, app->index);
    return true;
}

/* sched_yield(): 0. Gives the CPU to the next ready app, if there is one
   (the slots mode): the call then goes back to app_run and the scheduler,
   the app's a0 set, and the app goes on from here when its turn comes. */
static bool syscall_sched_yield(uint64_t *registers, struct app *app) {
    registers[REGISTER_A0] = 0;
    log_trace("app %lu syscall sched_yield() = 0", app->index);
    /* LAB yield BEGIN: return true; */
    return !sched_others_ready();
    /* LAB yield END */
}

/* exit(code): ends the app; app_run reports the code, from a0. */
static bool syscall_exit(uint64_t *registers, struct app *app) {
    log_trace("app %lu syscall exit(%ld)", app->index,
              (int64_t)registers[REGISTER_A0]);
    return false;
}

/* The system calls by number (lib/syscall_numbers.h), as xv6 has them: a
   new call is one line here and one function above. Each takes the app's
   registers (its arguments, and a0 for its result) and the app, and says
   whether the app goes on at once: false goes back to app_run, which tells
   from a7 why (exit, or sched_yield giving the CPU up). */
typedef bool syscall_handler(uint64_t *registers, struct app *app);
static syscall_handler *const syscalls[] = {
    [SYS_WRITE] = syscall_write,
    [SYS_EXIT] = syscall_exit,
    [SYS_SCHED_YIELD] = syscall_sched_yield,
    [SYS_GET_TIME] = syscall_get_time,
    [SYS_GETPID] = syscall_getpid,
    [SYS_TASK_INFO] = syscall_task_info,
};
#define SYSCALL_COUNT (sizeof(syscalls) / sizeof(syscalls[0]))
_Static_assert(SYSCALL_COUNT <= TASK_INFO_SYSCALLS,
               "task_info counts every system call the kernel has");

bool syscall_handle(struct user_context *context) {
    struct app *app = context->app;
    uint64_t *registers = context->registers;
    uint64_t number = registers[REGISTER_A7];
    /* context->pc is past the ecall already (trap_entry.S). */
    log_trap(app->index, context->pc - 4);
    if (number >= SYSCALL_COUNT || syscalls[number] == NULL)
        return false; /* no such call: app_run kills the app */
    /* LAB taskinfo BEGIN */
    app->syscall_times[number]++;
    /* LAB taskinfo END */
    return syscalls[number](registers, app);
}
