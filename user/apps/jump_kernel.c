/* Calls the kernel's first instruction (0x80200000, _start) from U-mode:
   kernel code is not executable from U-mode, so the fetch must end in an
   instruction page fault at that very address. */
#include "user.h"

#define KERNEL_TEXT 0x80200000UL

int main(void) {
    printf("jump_kernel: calling kernel code at 0x%lx\n", KERNEL_TEXT);
    /* volatile: the compiler must make the call, not reason about it. */
    void (*volatile kernel_entry)(void) = (void (*)(void))KERNEL_TEXT;
    kernel_entry();
    printf("jump_kernel: still alive, which is wrong\n");
    return 1;
}
