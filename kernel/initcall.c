/*
 * Runs the init calls: kernel_main calls initcalls_run right after clearing
 * BSS, which walks the set forwards (traps, then paging), and
 * initcalls_exit before shutdown, which walks it backwards. Its KTEST
 * checks the order the linker gave the set.
 */
#include "initcall.h"

#include "ktest.h"
#include "lib/text.h"
#include "log.h"
#include "panic.h"

void initcalls_run(void) {
    /* traps, at least, is always there: an empty set means the compiler or
       the linker dropped every item (see linker/README.md), and the kernel
       would go on without its start-up steps. */
    if (LINKER_SET_COUNT(initcalls) == 0)
        panic("no init calls: the linker set lost them all");
    LINKER_SET_FOREACH(initcalls, call) {
        log_info("init %u %s", call->level, call->name);
        call->init();
    }
}

void initcalls_exit(void) {
    const struct initcall *const *calls = LINKER_SET_ITEMS(initcalls);
    for (size_t i = LINKER_SET_COUNT(initcalls); i-- > 0;) {
        if (calls[i]->exit == NULL)
            continue;
        log_info("exit %u %s", calls[i]->level, calls[i]->name);
        calls[i]->exit();
    }
}

KTEST(initcalls_sorted_by_level_then_name) {
    const struct initcall *previous = NULL;
    LINKER_SET_FOREACH(initcalls, call) {
        if (previous != NULL && (previous->level > call->level ||
                                 (previous->level == call->level &&
                                  lib_strcmp(previous->name, call->name) >= 0)))
            KTEST_FAIL("init %u %s comes before init %u %s", previous->level,
                       previous->name, call->level, call->name);
        previous = call;
    }
    KTEST_CHECK(previous != NULL);
}
