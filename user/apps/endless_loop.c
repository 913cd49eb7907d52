/* Spins forever without a system call: only the kernel's watchdog
   (APP_TIME_LIMIT_MS) can take the CPU back, by killing the app. */
#include "user.h"

int main(void) {
    printf("endless_loop: spinning forever\n");
    /* volatile: each increment is a store the compiler must keep, so the
       loop stays a real loop and is not dropped as one without effect. */
    volatile unsigned long turns = 0;
    /* Four increments a turn, not one: QEMU runs a longer stretch of code
       between two jumps faster, so that on its instruction clock (ICOUNT=1),
       where the time limit is a count of instructions, the limit comes in a
       third of the host's time it took with one. */
    for (;;) {
        turns++;
        turns++;
        turns++;
        turns++;
    }
}
