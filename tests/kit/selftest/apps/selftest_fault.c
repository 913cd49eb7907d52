/*
 * An app of the grader's own test lab (tests/kit/selftest): it stores to
 * the kernel's first instruction and is killed for it.
 */
#include "user.h"

int main(void) {
    printf("selftest_fault: storing to 0x80200000\n");
    *(volatile int *)0x80200000 = 1;
    return 0;
}
