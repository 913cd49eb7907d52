/*
 * Calls into the firmware below the kernel (OpenSBI): console, timer,
 * shutdown. Each is an `ecall` from S-mode with the
 * extension in a7, the function in a6 and arguments in a0..a2.
 */
#include "sbi.h"

#define SBI_BASE_PROBE_EXTENSION        3
#define SBI_DEBUG_CONSOLE_WRITE         0
#define SBI_DEBUG_CONSOLE_READ          1
#define SBI_TIMER_SET_TIMER             0
#define SBI_SYSTEM_RESET                0
#define SBI_RESET_TYPE_SHUTDOWN         0
#define SBI_RESET_REASON_NONE           0
#define SBI_RESET_REASON_SYSTEM_FAILURE 1

struct lib_sbi_result lib_sbi_call(unsigned long extension,
                                   unsigned long function, unsigned long arg0,
                                   unsigned long arg1, unsigned long arg2) {
    register unsigned long a0 __asm__("a0") = arg0;
    register unsigned long a1 __asm__("a1") = arg1;
    register unsigned long a2 __asm__("a2") = arg2;
    register unsigned long a6 __asm__("a6") = function;
    register unsigned long a7 __asm__("a7") = extension;
    __asm__ volatile("ecall"
                     : "+r"(a0), "+r"(a1)
                     : "r"(a2), "r"(a6), "r"(a7)
                     : "memory");
    return (struct lib_sbi_result){.error = (long)a0, .value = (long)a1};
}

bool lib_sbi_probe_extension(unsigned long extension) {
    struct lib_sbi_result result = lib_sbi_call(
        LIB_SBI_EXT_BASE, SBI_BASE_PROBE_EXTENSION, extension, 0, 0);
    return result.error == LIB_SBI_SUCCESS && result.value != 0;
}

void lib_sbi_console_putchar(char c) {
    lib_sbi_call(LIB_SBI_EXT_LEGACY_CONSOLE_PUTCHAR, 0, (unsigned char)c, 0, 0);
}

int lib_sbi_console_getchar(void) {
    struct lib_sbi_result result =
        lib_sbi_call(LIB_SBI_EXT_LEGACY_CONSOLE_GETCHAR, 0, 0, 0, 0);
    /* The legacy calls answer in a0 alone: here the byte, or -1. */
    return (int)result.error;
}

/* The address is split in low and high halves for 32-bit harts; on RV64
   the high half is 0. */
struct lib_sbi_result lib_sbi_debug_console_write(const char *text,
                                                  size_t len) {
    return lib_sbi_call(LIB_SBI_EXT_DEBUG_CONSOLE, SBI_DEBUG_CONSOLE_WRITE, len,
                        (uintptr_t)text, 0);
}

struct lib_sbi_result lib_sbi_debug_console_read(char *buffer, size_t len) {
    return lib_sbi_call(LIB_SBI_EXT_DEBUG_CONSOLE, SBI_DEBUG_CONSOLE_READ, len,
                        (uintptr_t)buffer, 0);
}

void lib_sbi_set_timer(uint64_t when) {
    static int has_timer_extension = -1;
    if (has_timer_extension < 0)
        has_timer_extension = lib_sbi_probe_extension(LIB_SBI_EXT_TIMER);
    if (has_timer_extension)
        lib_sbi_call(LIB_SBI_EXT_TIMER, SBI_TIMER_SET_TIMER, when, 0, 0);
    else
        lib_sbi_call(LIB_SBI_EXT_LEGACY_SET_TIMER, 0, when, 0, 0);
}

void lib_sbi_shutdown(bool failure) {
    unsigned long reason =
        failure ? SBI_RESET_REASON_SYSTEM_FAILURE : SBI_RESET_REASON_NONE;
    /* No probe first: a firmware without System Reset answers
       SBI_ERR_NOT_SUPPORTED, as for any extension it does not know, and the
       legacy call follows. A probe is a whole SBI call, about 480
       instructions in OpenSBI 1.1: as much as the reset itself. */
    lib_sbi_call(LIB_SBI_EXT_SYSTEM_RESET, SBI_SYSTEM_RESET,
                 SBI_RESET_TYPE_SHUTDOWN, reason, 0);
    lib_sbi_call(LIB_SBI_EXT_LEGACY_SHUTDOWN, 0, 0, 0, 0);
    for (;;)
        __asm__ volatile("wfi");
}
