/* Spins forever without a system call: only the kernel's watchdog
   (APP_TIME_LIMIT_MS) can take the CPU back, by killing the app. */
#include "user.h"

int main(void) {
    printf("endless_loop: spinning forever\n");
    /* volatile: each increment is a store the compiler must keep, so the
       loop stays a real loop and is not dropped as one without effect. */
    volatile unsigned long turns = 0;
    /* Four increments a turn, not one: QEMU runs a longer stretch of code
       between two jumps faster, and a default `make qemu` waits for this
       app's whole time limit, a third as long as with one. */
    for (;;) {
        turns++;
        turns++;
        turns++;
        turns++;
    }
}
