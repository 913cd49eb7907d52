/* Returns 42 from main: the kernel reports it as the app's exit code. */
#include "user.h"

int main(void) {
    printf("exit_code: returning 42\n");
    return 42;
}
