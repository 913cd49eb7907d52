/* Stores to the first word of the kernel's code, _start at KERNEL_BASE (the
   build passes it, -DKERNEL_BASE): the kernel is mapped supervisor-only, so
   the store must end in a page fault that kills the app and leaves the
   kernel's text as it was. */
#include <stdint.h>

#include "user.h"

int main(void) {
    printf("store_text: storing to kernel text at 0x%lx\n", KERNEL_BASE);
    *(volatile uint32_t *)KERNEL_BASE = 0;
    printf("store_text: still alive, which is wrong\n");
    return 1;
}
