# Builds, runs, debugs and tests the batch kernel and its linker library.
# `make help` lists the targets and every variable you may set.

# ---------------------------------------------------------------------------
# Variables you may set (`make help` explains each). Wrong values stop make.
# ---------------------------------------------------------------------------
TOOLPREFIX ?=
LLVM       ?=
SBI        ?= opensbi
GDBPORT    ?= $(shell echo $$((26000 + $$(id -u) % 5000)))
BUILD      ?= build

ifneq ($(filter-out 1,$(LLVM)),)
  $(error LLVM=$(LLVM): set LLVM=1 for clang and ld.lld, or leave it unset for GCC)
endif
FIRMWARE_opensbi := /usr/lib/riscv64-linux-gnu/opensbi/generic/fw_jump.bin
FIRMWARE_default := default
FIRMWARE := $(FIRMWARE_$(SBI))
ifeq ($(FIRMWARE),)
  $(error SBI=$(SBI): choose SBI=opensbi (Debian's fw_jump.bin) or SBI=default (QEMU's own))
endif
ifeq ($(shell echo '$(GDBPORT)' | grep -Ex '[0-9]{2,5}'),)
  $(error GDBPORT=$(GDBPORT): a TCP port number is needed)
endif

# ---------------------------------------------------------------------------
# Tools. Goals that build or run something first install what is missing
# (tools/install-deps.sh prints nothing when all is there).
# ---------------------------------------------------------------------------
GOALS := $(or $(MAKECMDGOALS),all)
NEEDS := $(if $(filter-out help clean,$(GOALS)),toolchain) \
         $(if $(filter qemu qemu-gdb gdb test,$(GOALS)),qemu) \
         $(if $(filter gdb test,$(GOALS)),gdb expect) \
         $(if $(filter test,$(GOALS)),format) \
         $(if $(LLVM),llvm)
NEEDS := $(strip $(NEEDS))
ifneq ($(NEEDS),)
  ifneq ($(shell tools/install-deps.sh $(NEEDS) >&2 && echo ok),ok)
    $(error tools/install-deps.sh $(NEEDS) failed (see the line above))
  endif
endif

TOOLPREFIXES := riscv64-unknown-elf- riscv64-linux-gnu- riscv64-unknown-linux-gnu-
ifeq ($(TOOLPREFIX),)
  TOOLPREFIX := $(firstword $(foreach prefix,$(TOOLPREFIXES),\
                  $(if $(shell command -v $(prefix)gcc 2>/dev/null),$(prefix))))
endif
ifneq ($(filter toolchain,$(NEEDS)),)
  ifeq ($(LLVM),)
    ifeq ($(shell command -v $(TOOLPREFIX)gcc 2>/dev/null),)
      $(error no RISC-V GCC found (tried $(or $(TOOLPREFIX),$(TOOLPREFIXES))): install gcc-riscv64-unknown-elf or set TOOLPREFIX)
    endif
  endif
endif

ifeq ($(LLVM),1)
  CC      := clang --target=riscv64-unknown-elf
  LD      := ld.lld
  ARCH    := -march=rv64imac -mabi=lp64 -mcmodel=medany
else
  CC      := $(TOOLPREFIX)gcc
  LD      := $(TOOLPREFIX)ld
  ARCH    := -march=rv64imac_zicsr_zifencei -mabi=lp64 -mcmodel=medany
endif
AR      := $(if $(LLVM),llvm-ar,$(TOOLPREFIX)ar)
NM      := $(if $(LLVM),llvm-nm,$(TOOLPREFIX)nm)
HOSTCC  := cc
QEMU    := qemu-system-riscv64
GDB     := gdb-multiarch

# ---------------------------------------------------------------------------
# Flags
# ---------------------------------------------------------------------------
WARNINGS := -Wall -Wextra -Werror -fno-common
CFLAGS   := -std=c11 -O2 -g $(WARNINGS) $(ARCH) -ffreestanding -fno-pie \
            -fno-stack-protector -fno-asynchronous-unwind-tables \
            -ffunction-sections -fdata-sections -MMD -MP -Ilinker -Ilib
# .incbin in linker/script.S finds linker.ld through the assembler's path.
ASFLAGS  := $(ARCH) -g -MMD -MP -Wa,-Ilinker
LDFLAGS  := -nostdlib --gc-sections
HOSTCFLAGS := -std=c11 -O2 -g $(WARNINGS) -MMD -MP -Ilinker -Ilib

QEMU_FLAGS = -machine virt -m 128M -smp 1 -bios $(FIRMWARE) \
             -kernel $(BUILD)/kernel.elf -no-reboot

# ---------------------------------------------------------------------------
# What gets built
# ---------------------------------------------------------------------------
LINKER_SOURCES := linker/layout.c linker/apps.c linker/script.S
LIB_SOURCES    := lib/sbi.c lib/console.c lib/format.c lib/memory.c
KERNEL_SOURCES := kernel/main.c kernel/panic.c

objects = $(patsubst %,$(BUILD)/%.o,$(basename $(1)))

.PHONY: all
all: $(BUILD)/kernel.elf

# The consumer scenario of the linker library: a host program linked with the
# library's script bytes writes build/linker.ld, and the kernel links with it.
$(BUILD)/host/emit_linker_script: tools/emit_linker_script.c linker/script.S linker/linker.ld
	@mkdir -p $(@D)
	$(HOSTCC) $(HOSTCFLAGS) -Wa,-Ilinker tools/emit_linker_script.c linker/script.S -o $@

$(BUILD)/linker.ld: $(BUILD)/host/emit_linker_script
	$< $@

# The app packer: writes the assembly that defines `apps` (see tools/pack_apps.c).
$(BUILD)/host/pack_apps: tools/pack_apps.c
	@mkdir -p $(@D)
	$(HOSTCC) $(HOSTCFLAGS) $< -o $@

$(BUILD)/liblinker.a: $(call objects,$(LINKER_SOURCES))
	rm -f $@ && $(AR) rcs $@ $^

$(BUILD)/liblib.a: $(call objects,$(LIB_SOURCES))
	rm -f $@ && $(AR) rcs $@ $^

$(BUILD)/kernel.elf: $(call objects,$(KERNEL_SOURCES)) $(BUILD)/liblinker.a $(BUILD)/liblib.a $(BUILD)/linker.ld
	$(LD) $(LDFLAGS) -T $(BUILD)/linker.ld -o $@ $(filter %.o %.a,$^)

# Any change of compiler or flags rebuilds everything: the flags are kept in
# a file that is rewritten only when they change.
$(BUILD)/flags: FORCE
	@mkdir -p $(@D)
	@echo '$(CC) $(CFLAGS) $(ASFLAGS) $(LDFLAGS)' | cmp -s - $@ || \
	  echo '$(CC) $(CFLAGS) $(ASFLAGS) $(LDFLAGS)' > $@

$(BUILD)/%.o: %.c $(BUILD)/flags
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -c $< -o $@

$(BUILD)/%.o: %.S $(BUILD)/flags
	@mkdir -p $(@D)
	$(CC) $(ASFLAGS) -c $< -o $@

# ---------------------------------------------------------------------------
# Running and debugging
# ---------------------------------------------------------------------------
.PHONY: qemu qemu-gdb gdb
qemu: $(BUILD)/kernel.elf
	$(QEMU) $(QEMU_FLAGS) -nographic

# Two terminals: `make qemu-gdb` here, `make gdb-attach` there.
qemu-gdb: $(BUILD)/kernel.elf
	@echo "QEMU is halted and waits for gdb on port $(GDBPORT): run 'make gdb-attach' in another terminal"
	$(QEMU) $(QEMU_FLAGS) -nographic -S -gdb tcp:localhost:$(GDBPORT)

GDB_FLAGS = -q -ex 'set architecture riscv:rv64' -ex 'file $(BUILD)/kernel.elf' \
            -ex 'target remote localhost:$(GDBPORT)' \
            -ex 'tbreak *_start' -ex 'continue'

.PHONY: gdb-attach
gdb-attach:
	$(GDB) $(GDB_FLAGS)

# One terminal: QEMU in the background (its console output shows here too),
# gdb in front, stopped at _start. Quitting gdb stops QEMU.
gdb: $(BUILD)/kernel.elf
	tools/run-gdb.sh $(GDBPORT) $(QEMU) $(QEMU_FLAGS) -- $(GDB) $(GDB_FLAGS)

# ---------------------------------------------------------------------------
# Tests
# ---------------------------------------------------------------------------
.PHONY: test
# tests/run-tests.sh builds what each case needs; CASES=name... runs a few.
test:
	NM=$(NM) GDB=$(GDB) tests/run-tests.sh $(BUILD) $(CASES)

HOST_TESTS := $(patsubst tests/host/%.c,$(BUILD)/host/tests/%,$(wildcard tests/host/*.c))

.PHONY: host-tests
host-tests: $(HOST_TESTS)

# Host unit tests compile the library's C files for the host, with the test.
$(BUILD)/host/tests/test_layout: linker/layout.c
$(BUILD)/host/tests/test_format: lib/format.c
$(BUILD)/host/tests/test_apps: linker/apps.c linker/layout.c
$(BUILD)/host/tests/%: tests/host/%.c tests/host/check.h
	@mkdir -p $(@D)
	$(HOSTCC) $(HOSTCFLAGS) -Itests/host -o $@ $(filter %.c,$^)

# ---------------------------------------------------------------------------
.PHONY: clean help FORCE
clean:
	rm -rf build

help:
	@echo 'Targets:'
	@echo '  make              build $(BUILD)/kernel.elf'
	@echo '  make qemu         build and run the kernel in QEMU (leave with Ctrl-A X)'
	@echo '  make gdb          run QEMU halted and gdb-multiarch attached, stopped at _start'
	@echo '  make qemu-gdb     the same in two terminals: QEMU waiting here ...'
	@echo '  make gdb-attach   ... and gdb in another terminal'
	@echo '  make test         build everything and run every test'
	@echo '  make clean        remove build/'
	@echo 'Variables (make VAR=value target):'
	@echo '  SBI=opensbi|default  firmware: Debian OpenSBI fw_jump.bin (default) or QEMU'"'"'s own'
	@echo '  LLVM=1               build with clang and ld.lld instead of GCC'
	@echo '  TOOLPREFIX=prefix-   GCC toolchain prefix (found among: $(TOOLPREFIXES))'
	@echo '  GDBPORT=n            TCP port between QEMU and gdb (yours: $(GDBPORT))'
	@echo '  BUILD=dir            where the build goes (default: build)'

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
