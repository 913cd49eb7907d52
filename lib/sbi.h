/*
 * Calls into the Supervisor Binary Interface: the firmware (OpenSBI here)
 * that runs in M-mode below the kernel. Console output and input, timer,
 * shutdown.
 * Freestanding; any S-mode RISC-V kernel can use it.
 */
#ifndef LIB_SBI_H
#define LIB_SBI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Extension IDs (EIDs), from the SBI specification. */
#define LIB_SBI_EXT_LEGACY_SET_TIMER       0x00
#define LIB_SBI_EXT_LEGACY_CONSOLE_PUTCHAR 0x01
#define LIB_SBI_EXT_LEGACY_CONSOLE_GETCHAR 0x02
#define LIB_SBI_EXT_LEGACY_SHUTDOWN        0x08
#define LIB_SBI_EXT_BASE                   0x10
#define LIB_SBI_EXT_TIMER                  0x54494D45 /* "TIME" */
#define LIB_SBI_EXT_SYSTEM_RESET           0x53525354 /* "SRST" */
#define LIB_SBI_EXT_DEBUG_CONSOLE          0x4442434E /* "DBCN" */

#define LIB_SBI_SUCCESS 0

/* What every SBI call returns in a0 and a1. */
struct lib_sbi_result {
    long error; /* LIB_SBI_SUCCESS or a negative SBI error code */
    long value;
};

struct lib_sbi_result lib_sbi_call(unsigned long extension,
                                   unsigned long function, unsigned long arg0,
                                   unsigned long arg1, unsigned long arg2);

/* True if the firmware implements the extension (Base extension, probe). */
bool lib_sbi_probe_extension(unsigned long extension);

/* Legacy console putchar: one character per call, slow but everywhere
   OpenSBI 1.x runs. */
void lib_sbi_console_putchar(char c);

/* Legacy console getchar: the next byte typed, or -1 if none is waiting. */
int lib_sbi_console_getchar(void);

/* Debug Console write (SBI 2.0): up to len bytes from a physical address in
   one call. Returns the SBI error, and in value how many bytes went out. */
struct lib_sbi_result lib_sbi_debug_console_write(const char *text, size_t len);

/* Debug Console read (SBI 2.0): up to len bytes into a physical address, in
   one call that does not wait. Returns the SBI error, and in value how many
   bytes came (0 if none is waiting). */
struct lib_sbi_result lib_sbi_debug_console_read(char *buffer, size_t len);

/* Programs the next timer interrupt at an absolute `time` value. */
void lib_sbi_set_timer(uint64_t when);

/* Powers the machine off: System Reset extension if the firmware has it,
   legacy shutdown otherwise. `failure` reports a system failure as the
   reason, which firmware may or may not pass on. */
_Noreturn void lib_sbi_shutdown(bool failure);

#endif
