/*
 * The batch system: kernel_main calls batch_run once boot is done, and it
 * runs every packed app, one after another, then prints the summary line.
 */
#ifndef KERNEL_BATCH_H
#define KERNEL_BATCH_H

/* Loads and runs each app of the `apps` table in order; prints the output
   contract's lines for each and the summary line at the end. */
void batch_run(void);

#endif
