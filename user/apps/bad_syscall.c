/* Makes a system call with a number the kernel does not have: the kernel
   must kill the app with a message naming the number. */
#include "user.h"

#define NO_SUCH_SYSCALL 1234

int main(void) {
    printf("bad_syscall: calling system call %d\n", NO_SUCH_SYSCALL);
    syscall(NO_SUCH_SYSCALL, 0, 0, 0);
    printf("bad_syscall: still alive, which is wrong\n");
    return 0;
}
