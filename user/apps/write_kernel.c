/* Asks write() to print kernel memory (its text, at KERNEL_BASE, which the
   build passes) and to write to an fd that does not exist: the kernel must
   refuse both (-14 EFAULT, -9 EBADF) and let the app go on, and a good
   write must still work. */
#include <stdint.h>

#include "user.h"

int main(void) {
    printf("write_kernel: writing 16 bytes of kernel text, then to fd 7\n");
    long from_kernel = write(1, (const void *)KERNEL_BASE, 16);
    printf("write_kernel: write(1, 0x%lx, 16) = %ld\n", KERNEL_BASE,
           from_kernel);
    long to_fd_7 = write(7, "abc", 3);
    printf("write_kernel: write(7, buf, 3) = %ld\n", to_fd_7);

    static const char good[] = "write_kernel: a good write works\n";
    long written = write(1, good, sizeof(good) - 1);
    if (from_kernel != -14 || to_fd_7 != -9 ||
        written != (long)sizeof(good) - 1) {
        printf(
            "write_kernel: a result is not the one wanted, which is wrong\n");
        return 1;
    }
    return 0;
}
