/*
 * A linker set that only the KTESTs of linker/set.h use (ktest builds
 * only): letters, added by ktests_set.c and ktests_set_lonely.c.
 */
#ifndef KERNEL_KTESTS_SET_H
#define KERNEL_KTESTS_SET_H

#include "linker/set.h"

LINKER_SET_DECLARE(ktest_letters, const char);

#endif
