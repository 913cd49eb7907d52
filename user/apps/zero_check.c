/*
 * Depends on the kernel's promise that an app starts with its bss and its
 * stack all zero: checks a 64 KiB bss array and 32 KiB of stack below sp.
 * Run it after another app in the same slot to see the slot was cleared.
 */
#include <stdint.h>

#include "user.h"

#define BSS_BYTES   (64 * 1024)
#define STACK_BYTES (32 * 1024)

static uint8_t bss[BSS_BYTES];

int main(void) {
    for (size_t i = 0; i < BSS_BYTES; i++) {
        if (((volatile uint8_t *)bss)[i] != 0) {
            printf("zero_check: bss byte %zu is not zero\n", i);
            return 1;
        }
    }
    /* Below sp is stack this app has not used yet. */
    uintptr_t sp;
    __asm__ volatile("mv %0, sp" : "=r"(sp));
    volatile uint8_t *unused_stack = (volatile uint8_t *)(sp - STACK_BYTES);
    for (size_t i = 0; i < STACK_BYTES; i++) {
        if (unused_stack[i] != 0) {
            printf("zero_check: stack byte at %p is not zero\n",
                   (void *)&unused_stack[i]);
            return 1;
        }
    }
    /* Leave bss and stack dirty for whoever runs in this slot next. */
    for (size_t i = 0; i < BSS_BYTES; i++)
        ((volatile uint8_t *)bss)[i] = 0xa5;
    for (size_t i = 0; i < STACK_BYTES; i++)
        unused_stack[i] = 0xa5;
    printf("zero_check: bss and stack are zero\n");
    return 0;
}
