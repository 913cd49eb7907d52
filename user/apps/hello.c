/* The smallest app: one line through the write system call. */
#include "user.h"

int main(void) {
    printf("Hello, world!\n");
    return 0;
}
