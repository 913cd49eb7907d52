/*
 * The batch system: every packed app, one after another, then a summary.
 */
#ifndef KERNEL_BATCH_H
#define KERNEL_BATCH_H

/* Loads and runs each app of the `apps` table in order; prints the output
   contract's lines for each and the summary line at the end. */
void batch_run(void);

#endif
