/* Leaves a value in the floating-point state for the app after it (fp_read)
   to find: f0 = 42.0 and every flag of fflags. The kernel keeps the FP
   unit off for apps (sstatus.FS = Off), so the first FP instruction is an
   illegal instruction and the app is killed. Apps are built for rv64imac,
   whose assembler knows no FP instruction: they are written as words. */
#include <stdint.h>

#include "user.h"

int main(void) {
    printf("fp_leave: setting f0 to 42.0 and fflags to 0x1f\n");
    register uint64_t forty_two __asm__("a0") = 0x4045000000000000; /* 42.0 */
    __asm__ volatile(".word 0xf2050053\n" /* fmv.d.x f0, a0 */
                     ".word 0x001fd073"   /* csrwi fflags, 0x1f */
                     :
                     : "r"(forty_two));
    printf("fp_leave: f0 and fflags set, which is wrong\n");
    return 1;
}
