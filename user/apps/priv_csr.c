/* Writes stvec, a supervisor CSR, from U-mode: an illegal instruction, so
   the kernel must kill the app instead of letting it take over traps. */
#include "user.h"

int main(void) {
    printf("priv_csr: writing stvec in U-mode\n");
    __asm__ volatile("csrw stvec, zero");
    printf("priv_csr: still alive, which is wrong\n");
    return 0;
}
