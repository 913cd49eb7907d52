/*
 * Stores to the kernel's .data (__data): the kernel is mapped supervisor-
 * only, so the store must end in a page fault at exactly that address.
 */
#include <stdint.h>

#include "user.h"

/* __data moves with the app images packed into the kernel's .rodata and
   with the compiler; this default is the address of a default `make`
   (tests/cases/default_apps.exp checks it). tests/cases/hostile_apps.exp
   rebuilds this app with the address of the kernel it runs in. */
#ifndef KERNEL_DATA_ADDRESS
#define KERNEL_DATA_ADDRESS 0x8020f000UL
#endif

/* A variable, not a constant in the code: the app's image has the same
   size whatever the address, so the kernel's layout, and with it __data,
   does not move when the test rebuilds the app with another address. */
static volatile uint64_t kernel_data = KERNEL_DATA_ADDRESS;

int main(void) {
    printf("store_data: storing to the kernel's .data\n");
    *(volatile uint64_t *)(uintptr_t)kernel_data = 0;
    printf("store_data: still alive, which is wrong\n");
    return 1;
}
