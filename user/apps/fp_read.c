/* Reads the floating-point state another app may have left behind (fp_leave
   runs just before it by default): f0 and fflags. Nothing of an app may
   reach the next one; with the FP unit off for apps (sstatus.FS = Off), the
   first FP instruction is an illegal instruction and the app is killed.
   The instructions are words: apps are built for rv64imac. */
#include <stdint.h>

#include "user.h"

int main(void) {
    printf("fp_read: reading f0 and fflags\n");
    register uint64_t f0 __asm__("a0");
    register uint64_t fflags __asm__("a1");
    __asm__ volatile(".word 0xe2000553\n" /* fmv.x.d a0, f0 */
                     ".word 0x001025f3"   /* frflags a1 */
                     : "=r"(f0), "=r"(fflags));
    printf("fp_read: f0 holds 0x%lx and fflags 0x%lx, which is wrong\n", f0,
           fflags);
    return 1;
}
