/*
 * The facts of the machine this kernel runs on: QEMU's virt board, as the
 * Makefile starts it (-machine virt -m 128M). Paging, the apps table checks,
 * the watchdog and panic take their addresses and rates from here.
 */
#ifndef KERNEL_PLATFORM_H
#define KERNEL_PLATFORM_H

/* RAM: 128 MiB from 0x80000000. OpenSBI keeps the first 2 MiB for itself
   (its PMP denies them to S-mode); the kernel starts at KERNEL_BASE, a make
   variable (settings.h), 0x80200000 unless make is told. */
#define RAM_START    0x80000000UL
#define RAM_END      0x88000000UL
#define FIRMWARE_END 0x80200000UL

/* The sifive_test device: a 32-bit store of (status << 16) | 0x3333 makes
   QEMU exit with that status. */
#define QEMU_TEST_DEVICE 0x100000UL

/* The rate of the `time` counter (the device tree's timebase-frequency). */
#define TIMER_TICKS_PER_MS 10000UL

#endif
