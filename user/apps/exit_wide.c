/* Exits with 0x100000000 through the raw system call: a code that needs
   more than 32 bits. The kernel must report the whole 64-bit value, never
   0 for an app that did not exit with 0. (exit() takes an int; the system
   call takes a whole register.) */
#include "lib/syscall_numbers.h"
#include "user.h"

int main(void) {
    printf("exit_wide: exiting with 0x100000000 = 4294967296\n");
    syscall(SYS_EXIT, 0x100000000L, 0, 0);
    return 1;
}
