/* Calls address 0, where nothing is mapped: the kernel must kill it with an
   instruction page fault at 0. */
#include "user.h"

int main(void) {
    printf("jump_fault: jumping to address 0\n");
    void (*volatile nowhere)(void) = 0;
    nowhere();
    printf("jump_fault: still alive, which is wrong\n");
    return 0;
}
