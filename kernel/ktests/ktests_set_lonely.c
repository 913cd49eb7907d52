/*
 * One item of the ktest_letters set, and nothing else: no other file refers
 * to anything here. ktests_set.c expects to find the 'b' all the
 * same; the compiler and the linker both drop it if the set forgets to keep
 * it. Linked after ktests_set.c, it comes before that file's 'c' all the
 * same: the order within an order digit is by name, not by link order.
 */
#include "ktests_set.h"

static const char letter_b = 'b';
LINKER_SET_ADD(ktest_letters, 3, letter_b);
