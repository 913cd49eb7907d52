/*
 * The first code of every app. The kernel enters _start in U-mode with sp at
 * the top of the app's slot and every other register zero; user.ld puts it
 * at the slot's first byte. It runs main and exits with its result.
 */
#include "user.h"

int main(void);

__attribute__((section(".text.entry"), noreturn)) void _start(void) {
    exit(main());
}
