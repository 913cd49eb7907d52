/*
 * Computes 3^i mod 10007 for i up to 100000 and prints a line every 10000
 * steps: enough work to show the kernel lets an app run for a while.
 */
#include "user.h"

#define MODULUS      10007
#define STEPS        100000
#define REPORT_EVERY 10000

int main(void) {
    unsigned long power = 1;
    for (int i = 1; i <= STEPS; i++) {
        power = power * 3 % MODULUS;
        if (i % REPORT_EVERY == 0)
            printf("3^%d mod %d = %lu\n", i, MODULUS, power);
    }
    printf("Test power OK!\n");
    return 0;
}
