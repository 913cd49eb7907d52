/* Runs ebreak: with no debugger for U-mode, a breakpoint exception that the
   kernel must answer by killing the app. */
#include "user.h"

int main(void) {
    printf("breakpoint: running ebreak\n");
    __asm__ volatile("ebreak");
    printf("breakpoint: still alive, which is wrong\n");
    return 0;
}
