/*
 * System call numbers shared by the kernel and user programs. They are the
 * Linux RISC-V numbers, so the ABI (number in a7, arguments in a0..a5,
 * result in a0) reads the same as on Linux.
 */
#ifndef LIB_SYSCALL_NUMBERS_H
#define LIB_SYSCALL_NUMBERS_H

#define SYS_WRITE       64
#define SYS_EXIT        93
#define SYS_SCHED_YIELD 124
#define SYS_GET_TIME    169
#define SYS_GETPID      172
#define SYS_TASK_INFO   410 /* the uCore/rCore tutorials' number, not Linux's */

#endif
