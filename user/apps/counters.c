/* Reads the counters U-mode may read, time and instret, then cycle, which it
   may not: the kernel's scounteren allows time and instret only, so rdcycle
   is an illegal instruction and the app is killed
   (docs/guide/06-isolation.md, "How each rule is kept"). */
#include <stdint.h>

#include "user.h"

static uint64_t read_time(void) {
    uint64_t value;
    __asm__ volatile("rdtime %0" : "=r"(value));
    return value;
}

static uint64_t read_instret(void) {
    uint64_t value;
    __asm__ volatile("rdinstret %0" : "=r"(value));
    return value;
}

int main(void) {
    printf("counters: reading time and instret\n");
    uint64_t time = read_time();
    uint64_t instret = read_instret();
    printf("counters: time and instret read; now cycle\n");
    if (read_time() < time || read_instret() <= instret) {
        printf("counters: time went back or instret stood still, which is "
               "wrong\n");
        return 1;
    }
    register uint64_t cycle __asm__("a0");
    __asm__ volatile("rdcycle %0" : "=r"(cycle)); /* c0002573 */
    printf("counters: cycle is %lu, which is wrong\n", cycle);
    return 1;
}
