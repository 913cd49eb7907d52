/* Runs sret, a supervisor instruction, in U-mode: an illegal instruction,
   so the kernel must kill the app. */
#include "user.h"

int main(void) {
    printf("priv_inst: running sret in U-mode\n");
    __asm__ volatile("sret");
    printf("priv_inst: still alive, which is wrong\n");
    return 0;
}
