/* lab: yield */
/*
 * sched.h: round-robin among the apps of the slots mode, in index order.
 * Each app has a status (enum task_status, the one task_info reports):
 * ready, running, or exited, killed apps included. sched_run gives the CPU
 * to the next ready app after the one that ran last; app_run runs it until
 * it gives the CPU up (sched_yield, the end of its time slice) or ends.
 * There is no switch between kernel stacks: the kernel has one, and every
 * app leaves and enters U-mode through app_run and user_enter, on it.
 */
#include "sched.h"

#include "ktest.h"

size_t sched_apps_alive;

/* The app to run after apps[last]: the first ready one after it in index
   order, wrapping around, apps[last] itself last of all; count if none is
   ready. */
static size_t next_ready(const struct app *apps, size_t count, size_t last) {
    for (size_t step = 1; step <= count; step++) {
        size_t next = (last + step) % count;
        if (apps[next].status == TASK_READY)
            return next;
    }
    return count;
}

/* The app has given the CPU up (APP_READY) or ended. */
static void after_run(struct app *app, enum app_outcome outcome,
                      struct app_summary *summary) {
    if (outcome == APP_READY) {
        app->status = TASK_READY;
        return;
    }
    app->status = TASK_EXITED;
    sched_apps_alive--;
    app_summary_count(summary, outcome);
}

void sched_run(struct app *apps, size_t count, struct app_summary *summary) {
    for (size_t i = 0; i < count; i++)
        apps[i].status = TASK_READY;
    sched_apps_alive = count;
    /* Starting "after" the last app, app 0 runs first. */
    size_t running = count - 1;
    while ((running = next_ready(apps, count, running)) < count) {
        struct app *app = &apps[running];
        app->status = TASK_RUNNING;
        after_run(app, app_run(app), summary);
    }
}

KTEST(sched_round_robin_in_index_order) {
    static struct app apps[4];
    for (size_t i = 0; i < 4; i++)
        apps[i].status = TASK_READY;
    KTEST_CHECK_EQUAL(next_ready(apps, 4, 3), 0);
    KTEST_CHECK_EQUAL(next_ready(apps, 4, 0), 1);
    KTEST_CHECK_EQUAL(next_ready(apps, 4, 2), 3);
    /* The running app is not ready: the next one after it is. */
    apps[1].status = TASK_RUNNING;
    KTEST_CHECK_EQUAL(next_ready(apps, 4, 0), 2);
}

KTEST(sched_an_ended_app_never_runs_again) {
    static struct app apps[3];
    struct app_summary summary = {0};
    for (size_t i = 0; i < 3; i++)
        apps[i].status = TASK_READY;
    sched_apps_alive = 3;
    after_run(&apps[1], APP_KILLED, &summary);
    after_run(&apps[2], APP_EXITED, &summary);
    KTEST_CHECK_EQUAL(apps[1].status, TASK_EXITED);
    KTEST_CHECK_EQUAL(apps[2].status, TASK_EXITED);
    KTEST_CHECK_EQUAL(summary.killed, 1);
    KTEST_CHECK_EQUAL(summary.exited, 1);
    /* App 0 alone is left: it runs again, whichever app ran last. */
    for (size_t last = 0; last < 3; last++)
        KTEST_CHECK_EQUAL(next_ready(apps, 3, last), 0);
    KTEST_CHECK(!sched_others_ready());
    after_run(&apps[0], APP_EXITED, &summary);
    KTEST_CHECK_EQUAL(next_ready(apps, 3, 0), 3);
    KTEST_CHECK_EQUAL(sched_apps_alive, 0);
}

KTEST(sched_an_app_that_gave_the_cpu_up_is_ready_again) {
    static struct app apps[2];
    struct app_summary summary = {0};
    apps[0].status = TASK_RUNNING;
    apps[1].status = TASK_READY;
    sched_apps_alive = 2;
    KTEST_CHECK(sched_others_ready());
    after_run(&apps[0], APP_READY, &summary);
    KTEST_CHECK_EQUAL(apps[0].status, TASK_READY);
    KTEST_CHECK_EQUAL(sched_apps_alive, 2);
    KTEST_CHECK_EQUAL(summary.exited + summary.killed, 0);
    /* The other app comes first, then this one again. */
    KTEST_CHECK_EQUAL(next_ready(apps, 2, 0), 1);
    apps[1].status = TASK_RUNNING;
    KTEST_CHECK_EQUAL(next_ready(apps, 2, 1), 0);
    sched_apps_alive = 0;
}
