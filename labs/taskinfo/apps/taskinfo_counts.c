/*
 * A grader app of the taskinfo lab: labs/taskinfo/grade.py reads its lines.
 * It makes a known sequence of system calls, with a loop of a known length
 * in between, takes two snapshots with task_info, and only then prints what
 * they hold (printing is itself a system call).
 */
#include <stdint.h>

#include "labs/busy_loop.h"
#include "lib/syscall_numbers.h"
#include "user.h"

/* 30 ms of guest time under -icount shift=0. */
#define LOOP_INSTRUCTIONS 30000000UL
/* What the app puts where the kernel has no business writing. */
#define PATTERN 0xa5a5a5a5U

/* A snapshot, and the words right after it, which must stay PATTERN. */
struct snapshot {
    struct task_info info;
    uint32_t after[4];
    long result;
};

static struct snapshot first, second;

static void take(struct snapshot *snapshot) {
    uint32_t *words = (uint32_t *)snapshot;
    for (size_t i = 0; i < sizeof(struct task_info) / 4 + 4; i++)
        words[i] = PATTERN;
    snapshot->result = task_info(&snapshot->info);
}

static void say(const char *line) {
    size_t len = 0;
    while (line[len] != '\0')
        len++;
    write(1, line, len);
}

static void report(const char *which, const struct snapshot *snapshot) {
    const struct task_info *info = &snapshot->info;
    unsigned int others = 0;
    for (int number = 0; number < TASK_INFO_SYSCALLS; number++) {
        if (number != SYS_WRITE && number != SYS_EXIT &&
            number != SYS_GET_TIME && number != SYS_GETPID &&
            number != SYS_TASK_INFO)
            others += info->syscall_times[number];
    }
    int written = 0;
    for (int i = 0; i < 4; i++)
        written += snapshot->after[i] != PATTERN;
    printf("taskinfo_counts: %s: task_info returned %ld, status %d\n", which,
           snapshot->result, info->status);
    printf("taskinfo_counts: %s: write %u, exit %u, get_time %u, getpid %u, "
           "task_info %u, all others %u\n",
           which, info->syscall_times[SYS_WRITE], info->syscall_times[SYS_EXIT],
           info->syscall_times[SYS_GET_TIME], info->syscall_times[SYS_GETPID],
           info->syscall_times[SYS_TASK_INFO], others);
    printf("taskinfo_counts: %s: time %d ms, %d of the 4 words after the "
           "struct written\n",
           which, info->time, written);
}

int main(void) {
    /* The known sequence: 3 write, 2 getpid, 2 get_time, then task_info. */
    say("taskinfo_counts: write 1 of 3\n");
    say("taskinfo_counts: write 2 of 3\n");
    say("taskinfo_counts: write 3 of 3\n");
    getpid();
    getpid();
    long start = get_time_ms();
    busy_loop(LOOP_INSTRUCTIONS);
    long before = get_time_ms();
    take(&first);
    /* 4 more getpid, then task_info again. */
    for (int i = 0; i < 4; i++)
        getpid();
    take(&second);

    report("first", &first);
    report("second", &second);
    printf("taskinfo_counts: get_time_ms from main to the first task_info: "
           "%ld ms\n",
           before - start);
    return 0;
}
