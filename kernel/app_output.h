/*
 * What an app writes (write(), syscall.c) goes to the console through this
 * filter, so that it can neither drive the terminal nor pass for one of the
 * kernel's own lines (log.c): docs/guide/06-isolation.md, "The console".
 */
#ifndef KERNEL_APP_OUTPUT_H
#define KERNEL_APP_OUTPUT_H

#include <stddef.h>

/* Writes the app's bytes to the console: text as it is, control bytes
   shown as \xNN, a line that begins with "[kernel]" marked. The few bytes
   that only the next write can decide about are held back. */
void app_output_write(const char *bytes, size_t len);

/* Writes out what app_output_write held back, as it is: the kernel calls
   it before each of its own lines, and so at the end of every app. */
void app_output_flush(void);

#endif
