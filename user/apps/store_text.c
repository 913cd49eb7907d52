/* Stores to the first word of the kernel's code (0x80200000, _start): the
   kernel is mapped supervisor-only, so the store must end in a page fault
   that kills the app and leaves the kernel's text as it was. */
#include <stdint.h>

#include "user.h"

#define KERNEL_TEXT 0x80200000UL

int main(void) {
    printf("store_text: storing to kernel text at 0x%lx\n", KERNEL_TEXT);
    *(volatile uint32_t *)KERNEL_TEXT = 0;
    printf("store_text: still alive, which is wrong\n");
    return 1;
}
