/*
 * An app of the grader's own test lab (tests/kit/selftest): the line its
 * test reads comes among lines a student might add, one of them unfinished
 * until the next write.
 */
#include "user.h"

int main(void) {
    printf("selftest_chatty: debug: starting\n");
    printf("a line of no app\n");
    printf("selftest_chatty: debug: ");
    printf("still here\n");
    printf("selftest_chatty: the answer is 42\n");
    printf("selftest_chatty: debug: the answer was not 41\n");
    return 3;
}
