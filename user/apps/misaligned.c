/* A misaligned load, which QEMU carries out (the value is printed), then an
   atomic add on an odd address, which QEMU's virt machine does not carry
   out: an address-misaligned exception (store/AMO by the spec; QEMU 7.2
   with one hart says load) that the kernel must answer by killing the app. */
#include <stdint.h>

#include "user.h"

/* Little-endian bytes 0x44 0x33 0x22 0x11 0x88 0x77 0x66 0x55: the four
   bytes from misaligned_words + 1 read 0x88112233. Aligned to 8, so that
   +1 is odd. */
_Alignas(8) static volatile uint32_t misaligned_words[2] = {0x11223344,
                                                            0x55667788};

int main(void) {
    uintptr_t odd = (uintptr_t)misaligned_words + 1;
    printf("misaligned: loading a word from an odd address\n");
    uint32_t value = *(volatile uint32_t *)odd;
    printf("misaligned: read 0x%x; now amoadd.w on the odd address\n", value);
    uint32_t old;
    /* old = *odd; *odd += 1, atomically; C has no way to say it. */
    __asm__ volatile("amoadd.w %0, %2, (%1)"
                     : "=r"(old)
                     : "r"(odd), "r"(1)
                     : "memory");
    printf("misaligned: amoadd.w read 0x%x, which is wrong\n", old);
    return 1;
}
