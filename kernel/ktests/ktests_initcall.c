/*
 * Init calls that only ktest builds have, to test kernel/initcall.c: two of
 * one level, registered in the reverse of their names' order, each leaving
 * a letter in `trail`. Their KTEST runs later (level 9); their exits run at
 * shutdown, in reverse, and the last one panics if they did not.
 */
#include "initcall.h"
#include "ktest.h"
#include "lib/text.h"
#include "panic.h"

static char trail[8];
static unsigned trail_len;

static void leave(char letter) {
    if (trail_len < sizeof(trail) - 1)
        trail[trail_len++] = letter;
}

static void init_a(void) {
    leave('a');
}

static void init_b(void) {
    leave('b');
}

static void exit_b(void) {
    leave('B');
}

/* Exits run in reverse order: b's before this one. */
static void exit_a(void) {
    if (lib_strcmp(trail, "abB") != 0)
        panic("init call exits ran out of order: \"%s\", wanted \"abB\"",
              trail);
}

INITCALL(4, ktest_order_b, init_b, exit_b);
INITCALL(4, ktest_order_a, init_a, exit_a);

KTEST(initcalls_ran_before_the_tests_in_order) {
    if (lib_strcmp(trail, "ab") != 0)
        KTEST_FAIL("init calls left \"%s\", wanted \"ab\"", trail);
}
