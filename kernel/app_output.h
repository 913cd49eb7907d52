/*
 * What an app writes (write(), syscall.c) goes to the console through this
 * filter, so that it can neither drive the terminal nor pass for one of the
 * kernel's own lines (log.c): docs/guide/06-isolation.md, "The console".
 */
#ifndef KERNEL_APP_OUTPUT_H
#define KERNEL_APP_OUTPUT_H

#include <stdbool.h>
#include <stddef.h>

/* What the filter holds back of one app's output, until its next write
   decides: each app has its own (struct app), so that what one app began
   is never finished by another's bytes. Zeroed: nothing held. */
struct app_output {
    size_t tag_held; /* how many bytes of "[kernel]" began its line */
    bool lead_held;  /* a 0xc2, which may begin a C1 control, ended
                        the last write */
};

/* Writes the app's bytes to the console: text as it is, control bytes
   shown as \xNN, a line that begins with "[kernel]" marked. The few bytes
   that only the app's next write can decide about are held back in
   *output. */
void app_output_write(struct app_output *output, const char *bytes, size_t len);

/* Writes out what *output holds back, as it is: the app has ended, and the
   kernel's line that says so comes next, on a line of its own. */
void app_output_flush(struct app_output *output);

#endif
