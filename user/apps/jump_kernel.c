/* Calls the kernel's first instruction, _start at KERNEL_BASE (the build
   passes it, -DKERNEL_BASE), from U-mode: kernel code is not executable
   from U-mode, so the fetch must end in an instruction page fault at that
   very address. */
#include "user.h"

int main(void) {
    printf("jump_kernel: calling kernel code at 0x%lx\n", KERNEL_BASE);
    /* volatile: the compiler must make the call, not reason about it. */
    void (*volatile kernel_entry)(void) = (void (*)(void))KERNEL_BASE;
    kernel_entry();
    printf("jump_kernel: still alive, which is wrong\n");
    return 1;
}
