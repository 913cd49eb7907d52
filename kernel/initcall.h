/*
 * Init calls: each start-up step registers itself, from its own file, with
 * a level; kernel_main runs them all in level order and, at shutdown, their
 * exits in reverse. Built on a linker set (linker/set.h), as Linux builds
 * its initcalls and module init/exit on linker sections.
 */
#ifndef KERNEL_INITCALL_H
#define KERNEL_INITCALL_H

#include <stddef.h>

#include "linker/set.h"

/*
 * Levels, one digit (see LINKER_SET_ADD), in the order they run; calls of
 * one level run in the order of their names:
 *   1  traps: from here on a trap in the kernel panics with its cause
 *   2  paging: from here on the kernel runs on its page table (paging.c)
 *   4  the init calls that test this mechanism (ktest builds only)
 *   9  the in-kernel tests (ktest builds only), after everything else
 */
struct initcall {
    unsigned level;
    const char *name;
    void (*init)(void);
    void (*exit)(void); /* NULL: nothing to undo at shutdown */
};

LINKER_SET_DECLARE(initcalls, const struct initcall);

/* Registers init (and exit, or NULL) under `name`, a C identifier. */
#define INITCALL(level, name, init, exit)                                      \
    static const struct initcall initcall_##name = {level, #name, init, exit}; \
    LINKER_SET_ADD(initcalls, level, initcall_##name)

/* Runs every init, in order; at LOG=info says "init <level> <name>" first. */
void initcalls_run(void);

/* Runs every exit in the reverse order, saying "exit <level> <name>". */
void initcalls_exit(void);

#endif
