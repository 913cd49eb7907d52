# Builds, runs, debugs and tests the batch kernel and its linker library.
# `make help` lists the targets and every variable you may set.

# ---------------------------------------------------------------------------
# Variables you may set (`make help` explains each). Wrong values stop make.
# ---------------------------------------------------------------------------
TOOLPREFIX ?=
LLVM       ?=
SBI        ?= opensbi
GDBPORT    ?= $(shell echo $$((26000 + $$(id -u) % 5000)))
# The LLVM build has a folder of its own, so that switching back and forth
# rebuilds nothing and never mixes the two compilers' objects (`make test`
# builds with both, in folders of its own under build/, whatever LLVM says).
BUILD      ?= build$(if $(and $(LLVM),$(filter-out test,$(GOALS))),/llvm)
AVAILABLE_APPS := $(sort $(basename $(notdir $(wildcard user/apps/*.c))))
APPS       ?= $(AVAILABLE_APPS)
KERNEL_BASE ?= 0x80200000
# The apps' first slot is the 2 MiB after the kernel's (KERNEL_BASE below).
APP_BASE   ?= $(SLOT_AFTER_KERNEL)
APP_STEP   ?= 0
APP_TIME_LIMIT_MS ?= 1000
LOG        ?= warn
SEED       ?= 1
COUNT      ?= 100
OPT        ?= -O2
ICOUNT     ?=

ifneq ($(filter-out 1,$(KTEST)),)
  $(error KTEST=$(KTEST): `make ktest` sets KTEST=1 itself; leave it unset)
endif
ifneq ($(filter-out 1,$(LLVM)),)
  $(error LLVM=$(LLVM): set LLVM=1 for clang and ld.lld, or leave it unset for GCC)
endif
ifneq ($(filter-out 1,$(ICOUNT)),)
  $(error ICOUNT=$(ICOUNT): set ICOUNT=1 to count guest instructions (QEMU's -icount), or leave it unset)
endif
OPT_LEVELS := -O0 -O1 -O2 -O3 -Os -Og
ifneq ($(words $(OPT)) $(filter $(OPT_LEVELS),$(OPT)),1 $(strip $(OPT)))
  $(error OPT=$(OPT): choose one of $(OPT_LEVELS) (-O2 is the default; -Og or -O0 to debug))
endif

# KERNEL_BASE: where the kernel is linked and loaded, a 2 MiB boundary (the
# kernel maps RAM in megapages around it) in the first 64 MiB of RAM, above
# OpenSBI's 2 MiB, in hex or in decimal. Its text, never expanded, is looked
# up in the list of those boundaries, which is made from constants: what was
# given reaches no shell, not even as a $(...) that make would expand.
# MEGAPAGES: 0x80000000, 0x80200000, ... 0x84000000, and the same in decimal.
lowercase = $(subst A,a,$(subst B,b,$(subst C,c,$(subst D,d,$(subst E,e,$(subst F,f,$(subst X,x,$(1))))))))
MEGAPAGES := $(foreach high,0 1 2 3,$(foreach low,0 2 4 6 8 a c e,0x8$(high)$(low)00000)) 0x84000000
MEGAPAGES_DECIMAL := $(shell seq 2147483648 2097152 2214592512)
KERNEL_BASES := $(wordlist 2,32,$(MEGAPAGES))
# $(call lookup,KEY,KEYS,VALUES): the value paired with KEY, or nothing.
lookup = $(patsubst $(1)=%,%,$(filter $(1)=%,$(join $(2),$(addprefix =,$(3)))))
KERNEL_BASE_TEXT := $(value KERNEL_BASE)
ifeq ($(findstring $$,$(KERNEL_BASE_TEXT))$(findstring %,$(KERNEL_BASE_TEXT))$(filter-out 1,$(words $(KERNEL_BASE_TEXT))),)
  KERNEL_BASE_HEX := $(filter $(call lowercase,$(KERNEL_BASE_TEXT)) \
                       $(call lookup,$(KERNEL_BASE_TEXT),$(MEGAPAGES_DECIMAL),$(MEGAPAGES)),$(KERNEL_BASES))
endif
ifeq ($(KERNEL_BASE_HEX),)
  $(error KERNEL_BASE=$(KERNEL_BASE_TEXT): a multiple of 0x200000 from 0x80200000 to 0x83e00000 is needed, such as 0x80600000)
endif
SLOT_AFTER_KERNEL := $(call lookup,$(KERNEL_BASE_HEX),$(MEGAPAGES),$(wordlist 2,33,$(MEGAPAGES)))

# fw_jump always jumps to 0x80200000; fw_dynamic is told by QEMU where the
# kernel's lowest load address is, which linker.ld makes _start.
FIRMWARE_opensbi := /usr/lib/riscv64-linux-gnu/opensbi/generic/$(if $(filter 0x80200000,$(KERNEL_BASE_HEX)),fw_jump.bin,fw_dynamic.bin)
FIRMWARE_default := default
FIRMWARE := $(FIRMWARE_$(SBI))
ifeq ($(FIRMWARE),)
  $(error SBI=$(SBI): choose SBI=opensbi (Debian's OpenSBI) or SBI=default (QEMU's own))
endif
ifeq ($(shell echo '$(GDBPORT)' | grep -Ex '[0-9]{2,5}'),)
  $(error GDBPORT=$(GDBPORT): a TCP port number is needed)
endif
LOG_LEVEL_error := 1
LOG_LEVEL_warn  := 2
LOG_LEVEL_info  := 3
LOG_LEVEL_debug := 4
LOG_LEVEL_trace := 5
LOG_LEVEL := $(LOG_LEVEL_$(LOG))
ifeq ($(LOG_LEVEL),)
  $(error LOG=$(LOG): choose one of error warn info debug trace)
endif
is_number = $(shell echo '$(1)' | grep -Eix '0x[0-9a-f]+|[0-9]+')
ifeq ($(call is_number,$(APP_BASE)),)
  $(error APP_BASE=$(APP_BASE): an address is needed, such as 0x80400000, or 0 for in place)
endif
ifeq ($(call is_number,$(APP_STEP)),)
  $(error APP_STEP=$(APP_STEP): a number of bytes is needed, 0 or a multiple of 0x200000)
endif
# Each slot is one 2 MiB megapage of the page table (kernel/paging.c).
ifneq ($(shell echo $$(($(APP_BASE) % 0x200000 + $(APP_STEP) % 0x200000))),0)
  $(error APP_BASE=$(APP_BASE) APP_STEP=$(APP_STEP): both must be multiples of 0x200000, the slot size)
endif
ifeq ($(shell echo '$(APP_TIME_LIMIT_MS)' | grep -Ex '[1-9][0-9]{0,6}'),)
  $(error APP_TIME_LIMIT_MS=$(APP_TIME_LIMIT_MS): a number of milliseconds is needed, 1 to 9999999)
endif
# Test-only: tools/pack_apps.c --broken KIND writes a wrong apps table, which
# the kernel must refuse (tests/cases/apps_table.exp).
BROKEN_APPS_TABLE ?=
ifneq ($(filter-out count order size kernel ram,$(BROKEN_APPS_TABLE)),)
  $(error BROKEN_APPS_TABLE=$(BROKEN_APPS_TABLE): one of count order size kernel ram (for tests only))
endif
ifeq ($(shell echo '$(SEED)' | grep -Ex '[1-9][0-9]{0,17}'),)
  $(error SEED=$(SEED): a positive whole number of at most 18 digits is needed, such as 1)
endif
ifeq ($(shell echo '$(COUNT)' | grep -Ex '[1-9][0-9]{0,4}|100000'),)
  $(error COUNT=$(COUNT): a number of apps from 1 to 100000 is needed)
endif

# ---------------------------------------------------------------------------
# Tools. Goals that build or run something first install what is missing
# (tools/install-deps.sh prints nothing when all is there).
# ---------------------------------------------------------------------------
GOALS := $(or $(MAKECMDGOALS),all)
# The compilers of this build: clang, a riscv64-linux-gnu- GCC if that is the
# TOOLPREFIX asked for, any RISC-V GCC otherwise. `make test` builds with
# GCC, with LLVM=1 and with riscv64-linux-gnu-, so it needs all three.
COMPILER_NEED := $(if $(LLVM),llvm,$(if $(filter riscv64-linux-gnu-,$(TOOLPREFIX)),linux-gnu,toolchain))
NEEDS := $(if $(filter-out help clean,$(GOALS)),host $(COMPILER_NEED)) \
         $(if $(filter qemu qemu-gdb gdb test ktest bench fuzz,$(GOALS)),qemu) \
         $(if $(filter gdb gdb-attach test,$(GOALS)),gdb) \
         $(if $(filter test,$(GOALS)),expect format toolchain llvm linux-gnu)
NEEDS := $(sort $(NEEDS))
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
# A goal that builds with GCC stops here, in one line, if there is none (an
# empty TOOLPREFIX would otherwise find the host's gcc).
ifneq ($(filter toolchain linux-gnu,$(filter $(COMPILER_NEED),$(NEEDS))),)
  ifeq ($(and $(TOOLPREFIX),$(shell command -v $(TOOLPREFIX)gcc 2>/dev/null)),)
    $(error no RISC-V GCC found (tried $(or $(TOOLPREFIX),$(TOOLPREFIXES))): install gcc-riscv64-unknown-elf or set TOOLPREFIX)
  endif
endif

# The binary tools (ar, objcopy, nm, readelf) are named by a prefix: GNU
# binutils' is the GCC's TOOLPREFIX, LLVM's is llvm-.
GCC_BINUTILS  := $(TOOLPREFIX)
LLVM_BINUTILS := llvm-
ifeq ($(LLVM),1)
  CC       := clang --target=riscv64-unknown-elf
  LD       := ld.lld
  BINUTILS := $(LLVM_BINUTILS)
  # clang 14 knows no zicsr or zifencei in -march: its rv64imac has them.
  # ld.lld 14 implements no RISC-V linker relaxation and rejects the
  # R_RISCV_ALIGN that a .balign in code produces unless nothing relaxes.
  ARCH     := -march=rv64imac -mabi=lp64 -mcmodel=medany -mno-relax
else
  CC       := $(TOOLPREFIX)gcc
  LD       := $(TOOLPREFIX)ld
  BINUTILS := $(GCC_BINUTILS)
  ARCH     := -march=rv64imac_zicsr_zifencei -mabi=lp64 -mcmodel=medany
endif
AR      := $(BINUTILS)ar
OBJCOPY := $(BINUTILS)objcopy
NM      := $(BINUTILS)nm
OBJDUMP := $(BINUTILS)objdump
SIZE    := $(BINUTILS)size
HOSTCC  := cc
QEMU    := qemu-system-riscv64
GDB     := gdb-multiarch

# ---------------------------------------------------------------------------
# Flags
# ---------------------------------------------------------------------------
WARNINGS := -Wall -Wextra -Werror -fno-common
CFLAGS   := -std=c11 $(OPT) -g $(WARNINGS) $(ARCH) -ffreestanding -fno-pie \
            -fno-stack-protector -fno-asynchronous-unwind-tables \
            -ffunction-sections -fdata-sections -MMD -MP -I.
# linker/ and lib/ are included with their folder ("lib/sbi.h"), so that no
# header name of theirs can meet a kernel's own; the kernel's files include
# one another by name (-Ikernel, for its subfolders).
# .incbin in linker/script.S finds linker.ld through the assembler's path.
# -fno-pie: a riscv64-linux-gnu- GCC makes PIC by default, and its assembler
# would then turn `la` into a load from a GOT.
ASFLAGS  := $(ARCH) -g -MMD -MP -I. -Ikernel -Wa,-Ilinker -fno-pie
# -X drops the assembler's temporary .L symbols, which ld.lld keeps and gdb
# would then name code after.
LDFLAGS  := -nostdlib --gc-sections -X
# The kernel's linker.ld names every section the compilers emit, so any
# other (a .got, a section of a new file's own) stops the link rather than
# landing where the linker guesses.
KERNEL_LDFLAGS := $(LDFLAGS) --orphan-handling=error --defsym=LINKER_BASE=$(KERNEL_BASE_HEX)
KERNEL_DEFINES = -DLOG_LEVEL=$(LOG_LEVEL) -DAPP_ELF_SLOT=$(APP_ELF_SLOT)UL \
                 -DKERNEL_BASE=$(KERNEL_BASE_HEX)UL \
                 -DAPP_TIME_LIMIT_MS=$(APP_TIME_LIMIT_MS)
# The hostile apps aim at the kernel, wherever it is.
USER_DEFINES := -DKERNEL_BASE=$(KERNEL_BASE_HEX)UL
HOSTCFLAGS := -std=c11 -O2 -g $(WARNINGS) -MMD -MP -I.

QEMU_MACHINE = -machine virt -m 128M -smp 1 -bios $(FIRMWARE) -no-reboot
QEMU_FLAGS   = $(QEMU_MACHINE) -kernel $(BUILD)/kernel.elf
# ICOUNT=1: QEMU's clock counts guest instructions, one a nanosecond, so
# that rdinstret and rdtime read exact counts, the same on every run.
# sleep=off: were the guest ever to wait for an interrupt (wfi), the clock
# would jump to the next timer event instead of following the host's while
# it waits, so that guest time stays a count of instructions (the kernel
# never waits today; a scheduler's idle loop would). Not under gdb: QEMU
# 7.2 with sleep=off never runs the guest again once gdb has stopped it.
QEMU_ICOUNT     = $(if $(ICOUNT),-icount shift=0$(comma)sleep=off)
QEMU_ICOUNT_GDB = $(if $(ICOUNT),-icount shift=0)

# ---------------------------------------------------------------------------
# What gets built
# ---------------------------------------------------------------------------
LINKER_SOURCES := linker/layout.c linker/apps.c linker/script.S
LIB_SOURCES    := $(sort $(wildcard lib/*.c))
# Every C and assembly file of kernel/ is built: a new file needs no line here.
KERNEL_SOURCES := $(sort $(wildcard kernel/*.c kernel/*.S))
# `make ktest` builds with KTEST=1: the test runner and the files that hold
# only tests (kernel/ktests/) join, and -DKTEST_ENABLED turns on the KTESTs
# beside the code.
ifeq ($(KTEST),1)
  KERNEL_SOURCES += $(sort $(wildcard kernel/ktests/*.c))
  KERNEL_DEFINES += -DKTEST_ENABLED
endif
# The bench build (`make bench` sets BENCH=1 and BUILD=$(BUILD)/bench): the
# kernel counts its paths with instret and prints them (kernel/bench/).
ifeq ($(BENCH),1)
  KERNEL_SOURCES += $(sort $(wildcard kernel/bench/*.c kernel/bench/*.S))
  KERNEL_DEFINES += -DBENCH
  # kernel/bench/bench_elf.S packs the ELF file that elf_load is counted on.
  ASFLAGS        += -Wa,-I$(BUILD)
else ifneq ($(BENCH),)
  $(error BENCH=$(BENCH): only `make bench` sets it, to 1; leave it unset)
endif
USER_SOURCES   := user/syscall.c user/printf.c

objects = $(patsubst %,$(BUILD)/%.o,$(basename $(1)))

# $(call compile_command,SOURCE,OBJECT): how a source is compiled, for the
# rules below and compile_commands.json alike. Assembly takes ASFLAGS, C
# takes CFLAGS, the kernel's C its defines, the user runtime and apps -Iuser.
compile_command = $(strip $(CC) \
  $(if $(filter %.S,$(1)),$(ASFLAGS),$(CFLAGS) \
    $(if $(filter $(KERNEL_SOURCES),$(1)),$(KERNEL_DEFINES) -Ikernel) \
    $(if $(filter user/% $(APP_SOURCES),$(1)),$(USER_DEFINES) -Iuser)) \
  -c $(1) -o $(2))

# Everything make qemu and make gdb run: the kernel, the list of symbol
# files, the kill lines' decoder.
.PHONY: all
all: $(BUILD)/kernel.elf $(BUILD)/symbol-files $(BUILD)/host/decode_addresses

# The consumer scenario of the linker library: a host program linked with the
# library's script bytes writes build/linker.ld, and the kernel links with it.
$(BUILD)/host/emit_linker_script: tools/emit_linker_script.c linker/script.S linker/linker.ld
	@mkdir -p $(@D)
	$(HOSTCC) $(HOSTCFLAGS) -Wa,-Ilinker tools/emit_linker_script.c linker/script.S -o $@

$(BUILD)/linker.ld: $(BUILD)/host/emit_linker_script
	$< $@

# The host programs of one C file each: the app packer, which writes the
# assembly that defines `apps` (tools/pack_apps.c), and the fuzzer's app
# generator (tools/fuzz_apps.c).
$(BUILD)/host/%: tools/%.c
	@mkdir -p $(@D)
	$(HOSTCC) $(HOSTCFLAGS) $< -o $@

# .incbin is invisible to -MMD: say by hand that the bytes come from linker.ld.
$(BUILD)/linker/script.o: linker/linker.ld

$(BUILD)/liblinker.a: $(call objects,$(LINKER_SOURCES))
	rm -f $@ && $(AR) rcs $@ $^

$(BUILD)/liblib.a: $(call objects,$(LIB_SOURCES))
	rm -f $@ && $(AR) rcs $@ $^

$(BUILD)/kernel.elf: $(call objects,$(KERNEL_SOURCES)) $(BUILD)/apps.o \
                     $(BUILD)/liblinker.a $(BUILD)/liblib.a $(BUILD)/linker.ld
	$(LD) $(KERNEL_LDFLAGS) -T $(BUILD)/linker.ld -o $@ $(filter %.o %.a,$^)

# ---------------------------------------------------------------------------
# The user apps, packed into the kernel as the `apps` table
#
# APPS lists names from user/apps/ or paths to .c files; app i is linked
# for its slot, made a raw binary (or kept as ELF in the in-place mode), and
# tools/pack_apps.c writes the table that .incbin's them all. Ready images
# are packed as they are: ELF files in the in-place mode, raw .bin images
# (`make fuzz`'s random code) in the other two.
# ---------------------------------------------------------------------------
APP_ELF_SLOT := $(SLOT_AFTER_KERNEL)
APP_IN_PLACE := $(if $(shell echo '$(APP_BASE)' | grep -Eix '(0x)?0+'),1)

# An APPS entry: a name in user/apps/, a path to a .c file (named after it),
# or a ready image, named after its file and packed as it is: an ELF file in
# the in-place mode, a raw .bin image in the others (it runs from its first
# byte wherever its slot is, so it must not depend on where it was linked).
app_source = $(if $(filter %.c %.elf %.bin,$(1)),$(wildcard $(1)),$(if $(filter $(1),$(AVAILABLE_APPS)),user/apps/$(1).c))
APP_NAMES   := $(foreach app,$(APPS),$(basename $(notdir $(app))))
APP_SOURCES := $(foreach app,$(APPS),$(call app_source,$(app)))
$(foreach app,$(APPS),$(if $(call app_source,$(app)),,\
  $(if $(filter %.c %.elf %.bin,$(app)),$(error APPS: no such file: $(app)),\
    $(error APPS: no app '$(app)'; available: $(AVAILABLE_APPS), or a path to a .c file))))
ifeq ($(APP_IN_PLACE),)
  $(foreach app,$(filter %.elf,$(APPS)),\
    $(error APPS: $(app): an ELF file can run only in the in-place mode (APP_BASE=0)))
else
  $(foreach app,$(filter %.bin,$(APPS)),\
    $(error APPS: $(app): a raw image cannot run in the in-place mode (APP_BASE=0), which loads ELF files))
endif

# $(call app_field,INDEX,LIST): the entry of LIST for app INDEX (from 0).
app_field = $(word $(words x $(wordlist 1,$(1),$(2))),$(2))
APP_INDEXES := $(shell seq 0 $$(($(words $(APPS)) - 1)))
# The image packed for app INDEX: its raw binary, its ELF file in the
# in-place mode, or the image it was given as.
app_image = $(strip $(if $(filter %.elf %.bin,$(call app_field,$(1),$(APP_SOURCES))),\
              $(call app_field,$(1),$(APP_SOURCES)),\
              $(BUILD)/apps/$(1)-$(call app_field,$(1),$(APP_NAMES)).$(if $(APP_IN_PLACE),elf,bin)))
APP_IMAGES  := $(foreach index,$(APP_INDEXES),$(call app_image,$(index)))
# NAME=IMAGE for each app, as tools/pack_apps.c and tools/bench.sh take them.
APP_NAMED_IMAGES := $(foreach index,$(APP_INDEXES),$(call app_field,$(index),$(APP_NAMES))=$(call app_image,$(index)))

USER_RUNTIME := $(BUILD)/user/start.o $(BUILD)/libuser.a $(BUILD)/liblib.a

$(BUILD)/libuser.a: $(call objects,$(USER_SOURCES))
	rm -f $@ && $(AR) rcs $@ $^

# App INDEX is compiled from its source and linked for its slot: APP_BASE +
# INDEX * APP_STEP, or the one ELF slot of the in-place mode.
app_address = $(if $(APP_IN_PLACE),$(APP_ELF_SLOT),$(APP_BASE)+$(1)*$(APP_STEP))
app_object = $(BUILD)/apps/$(1)-$(call app_field,$(1),$(APP_NAMES)).o
define app_rules
$(call app_object,$(1)): $(2) $(BUILD)/flags
	@mkdir -p $$(@D)
	$$(call compile_command,$$<,$$@)
$(basename $(call app_object,$(1))).elf: $(call app_object,$(1)) $(USER_RUNTIME) user/user.ld
	$$(LD) $$(LDFLAGS) -T user/user.ld --defsym=APP_ADDRESS=$(call app_address,$(1)) \
	    -o $$@ $$(filter %.o %.a,$$^)
endef
# The apps compiled from C: the indexes of those given as .c files.
C_APP_INDEXES := $(foreach index,$(APP_INDEXES),\
                   $(if $(filter %.c,$(call app_field,$(index),$(APP_SOURCES))),$(index)))
$(foreach index,$(C_APP_INDEXES),\
    $(eval $(call app_rules,$(index),$(call app_field,$(index),$(APP_SOURCES)))))

$(BUILD)/apps/%.bin: $(BUILD)/apps/%.elf
	$(OBJCOPY) -O binary $< $@

# The app list and modes are kept in a file, rewritten only when they change,
# so that changing APPS repacks the apps.
$(BUILD)/apps.config: FORCE
	@mkdir -p $(@D)
	@echo '$(APP_BASE) $(APP_STEP) $(APPS) $(APP_SOURCES) $(BROKEN_APPS_TABLE)' | cmp -s - $@ || \
	  echo '$(APP_BASE) $(APP_STEP) $(APPS) $(APP_SOURCES) $(BROKEN_APPS_TABLE)' > $@

$(BUILD)/apps.S: $(BUILD)/host/pack_apps $(APP_IMAGES) $(BUILD)/apps.config
	$(BUILD)/host/pack_apps --base $(APP_BASE) --step $(APP_STEP) --output $@ \
	    $(if $(BROKEN_APPS_TABLE),--broken $(BROKEN_APPS_TABLE)) $(APP_NAMED_IMAGES)

$(BUILD)/apps.o: $(BUILD)/apps.S
	$(call compile_command,$<,$@)

# The ELF files with the symbols of the kernel and of each app, for gdb
# (tools/gdb/app_symbols.py) and the kill lines' decoder
# (tools/decode_addresses.c), written with the kernel so that both always
# describe the kernel built. An app packed as a raw image has none: "-".
# GNU addr2line reads clang's DWARF as well as GCC's, and starts twenty times
# faster than llvm-addr2line: an LLVM build takes it when it is on the PATH.
GNU_ADDR2LINE = $(if $(GCC_BINUTILS),$(firstword $(wildcard $(addsuffix /$(GCC_BINUTILS)addr2line,$(subst :, ,$(PATH))))))
ADDR2LINE = $(if $(GNU_ADDR2LINE),$(GCC_BINUTILS)addr2line,$(BINUTILS)addr2line)
app_symbol_file = $(if $(filter %.bin,$(call app_field,$(1),$(APP_SOURCES))),-,$(abspath $(patsubst %.bin,%.elf,$(call app_image,$(1)))))

$(BUILD)/symbol-files: $(BUILD)/apps.config $(BUILD)/flags
	$(file >$@,# The symbol files of $(BUILD)/kernel.elf and its apps, written by make)
	$(file >>$@,# for tools/gdb/ and tools/decode_addresses.c. Apps: index, name, ELF file or -.)
	$(file >>$@,kernel $(abspath $(BUILD)/kernel.elf))
	$(file >>$@,addr2line $(ADDR2LINE))
	$(foreach index,$(APP_INDEXES),$(file >>$@,app $(index) $(call app_field,$(index),$(APP_NAMES)) $(call app_symbol_file,$(index))))

# Any change of compiler or flags rebuilds everything: the flags are kept in
# a file that is rewritten only when they change.
$(BUILD)/flags: FORCE
	@mkdir -p $(@D)
	@echo '$(CC) $(CFLAGS) $(ASFLAGS) $(KERNEL_LDFLAGS) $(KERNEL_DEFINES)' | cmp -s - $@ || \
	  echo '$(CC) $(CFLAGS) $(ASFLAGS) $(KERNEL_LDFLAGS) $(KERNEL_DEFINES)' > $@

$(BUILD)/%.o: %.c $(BUILD)/flags
	@mkdir -p $(@D)
	$(call compile_command,$<,$@)

$(BUILD)/%.o: %.S $(BUILD)/flags
	@mkdir -p $(@D)
	$(call compile_command,$<,$@)

# ---------------------------------------------------------------------------
# Running and debugging
#
# QEMU's console goes through tools/decode_addresses.c, which passes it on
# as it comes and follows each kill or panic line with the function and
# file:line of its pc, from the symbol files make lists beside the kernel.
# ---------------------------------------------------------------------------
RUN_NEEDS := $(BUILD)/kernel.elf $(BUILD)/symbol-files $(BUILD)/host/decode_addresses
DECODED   := $(BUILD)/host/decode_addresses $(BUILD)/symbol-files --

.PHONY: qemu qemu-gdb gdb gdb-attach
qemu: $(RUN_NEEDS)
	$(DECODED) $(QEMU) $(QEMU_FLAGS) $(QEMU_ICOUNT) -nographic

# gdb, set up for this kernel by tools/gdb/kernel.py (the running app's
# symbols, step-into-kernel, return-to-user, quit that ends QEMU too),
# attached to QEMU's stub and stopped at the kernel's _start.
# $(call gdb_command,KERNEL-ELF)
gdb_command = $(GDB) -q -ex 'set architecture riscv:rv64' -ex 'file $(1)' -x tools/gdb/kernel.py \
              -ex 'target remote localhost:$(GDBPORT)' -ex 'tbreak *_start' -ex continue \
              -ex 'python banner()'

# One terminal: QEMU in the background (its console output shows here too,
# undecoded: tools/run-gdb.sh says why), gdb in front. Quitting gdb ends QEMU.
gdb: $(BUILD)/kernel.elf $(BUILD)/symbol-files
	tools/run-gdb.sh $(GDBPORT) $(QEMU) $(QEMU_FLAGS) $(QEMU_ICOUNT_GDB) -- $(call gdb_command,$(BUILD)/kernel.elf)

# Two terminals: `make qemu-gdb` in one, `make gdb-attach` in the other.
# While QEMU runs, qemu-gdb keeps a note, by port, of the kernel and of the
# variables that decide what runs; gdb-attach takes them from it, so that
# they are given once. Given to gdb-attach too, they must be the same.
GDB_SESSION := build/gdb-sessions/$(GDBPORT)
RUN_VARIABLES := BUILD LLVM TOOLPREFIX SBI KERNEL_BASE APPS APP_BASE APP_STEP APP_TIME_LIMIT_MS \
                 LOG OPT ICOUNT BROKEN_APPS_TABLE
# $(call session_word,VARIABLE): VARIABLE=value, one word (commas for spaces).
session_word = $(1)=$(subst $(space),$(comma),$(strip $($(1))))

build/gdb-sessions:
	mkdir -p $@

GDB_SESSION_TEXT = kernel=$(abspath $(BUILD)/kernel.elf) \
                   $(foreach variable,$(RUN_VARIABLES),$(call session_word,$(variable)))

qemu-gdb: $(RUN_NEEDS) | build/gdb-sessions
	$(file >$(GDB_SESSION),$(GDB_SESSION_TEXT))
	@echo "QEMU is halted and waits for gdb on port $(GDBPORT): run 'make gdb-attach' in another terminal"
	@trap 'rm -f $(GDB_SESSION)' EXIT; trap 'exit 129' HUP; trap 'exit 143' TERM; \
	  $(DECODED) $(QEMU) $(QEMU_FLAGS) $(QEMU_ICOUNT_GDB) -nographic -S -gdb tcp:localhost:$(GDBPORT)

GDB_SESSION_WORDS = $(if $(wildcard $(GDB_SESSION)),$(file <$(GDB_SESSION)))
session_value = $(subst $(comma),$(space),$(patsubst $(1)=%,%,$(filter $(1)=%,$(GDB_SESSION_WORDS))))
# The variables given to gdb-attach whose values differ from qemu-gdb's.
GDB_SESSION_DIFFERENCES = $(strip $(foreach variable,$(RUN_VARIABLES),\
  $(if $(filter command line environment,$(origin $(variable))),\
    $(if $(filter-out $(call session_word,$(variable)),$(filter $(variable)=%,$(GDB_SESSION_WORDS))),$(variable)))))

GDB_SESSION_MISSING = make gdb-attach: no make qemu-gdb runs on port $(GDBPORT) (GDBPORT); \
                      start one in another terminal first
GDB_SESSION_MISMATCH = make gdb-attach: make qemu-gdb on port $(GDBPORT) runs $(strip \
  $(foreach variable,$(GDB_SESSION_DIFFERENCES),\
    $(variable)=$(call session_value,$(variable)) (not $(variable)=$(strip $($(variable)))))); \
  give make gdb-attach the same variables, or none

gdb-attach:
	$(if $(wildcard $(GDB_SESSION)),,$(error $(GDB_SESSION_MISSING)))
	$(if $(GDB_SESSION_DIFFERENCES),$(error $(GDB_SESSION_MISMATCH)))
	$(call gdb_command,$(call session_value,kernel))

# ---------------------------------------------------------------------------
# Benchmark: exact instruction counts of the paths that matter, under QEMU's
# -icount shift=0 (tools/bench.sh; README, "Benchmark"). The bench kernel is
# a build of its own in $(BUILD)/bench: BENCH=1 adds kernel/bench/, and its
# one app is user/bench/bench.c, in the batch mode. The sizes reported are
# those of this build's kernel and apps.
# ---------------------------------------------------------------------------
BENCH_BUILD := $(BUILD)/bench

.PHONY: bench
bench: $(BUILD)/kernel.elf $(APP_IMAGES)
	@$(MAKE) --no-print-directory BUILD=$(BENCH_BUILD) BENCH=1 LOG=warn \
	    APPS=user/bench/bench.c APP_BASE=$(SLOT_AFTER_KERNEL) APP_STEP=0 $(BENCH_BUILD)/kernel.elf
	QEMU="$(QEMU) $(QEMU_MACHINE)" NM=$(NM) OBJCOPY=$(OBJCOPY) OBJDUMP=$(OBJDUMP) SIZE=$(SIZE) \
	    tools/bench.sh $(BENCH_BUILD)/kernel.elf $(BENCH_BUILD)/apps/0-bench.elf \
	    $(BENCH_BUILD)/bench_elf_payload.elf $(BUILD)/kernel.elf $(BUILD)/bench.json \
	    $(APP_NAMED_IMAGES)

# The bench build's ELF file for elf_load: user/bench/elf_payload.S linked
# like an app for the in-place mode's slot, and packed by bench_elf.S.
$(BUILD)/bench_elf_payload.elf: $(BUILD)/user/bench/elf_payload.o user/user.ld
	$(LD) $(LDFLAGS) -T user/user.ld --defsym=APP_ADDRESS=$(APP_ELF_SLOT) -o $@ $<
$(BUILD)/kernel/bench/bench_elf.o: $(BUILD)/bench_elf_payload.elf

# ---------------------------------------------------------------------------
# Fuzzing: COUNT apps of random instructions, from SEED (tools/fuzz_apps.c),
# packed as raw images into as few kernels as fit, each built and booted in
# a folder of its own under $(BUILD)/fuzz; every boot must reach its
# summary line with no panic (tools/fuzz.sh; README, "Fuzzing"). The boots
# take this build's toolchain and firmware, their own apps, and the batch
# mode, or the slots mode with APP_STEP.
# ---------------------------------------------------------------------------
# The toolchain, firmware and mode (APP_STEP) variables given to this make;
# a boot's make finds the same defaults by itself, and its failure report
# repeats these.
FUZZ_VARIABLES := $(foreach variable,LLVM TOOLPREFIX SBI APP_STEP,\
  $(if $(filter command line environment,$(origin $(variable))),$(variable)=$($(variable))))

.PHONY: fuzz
fuzz: $(BUILD)/host/fuzz_apps
	QEMU="$(QEMU) $(QEMU_MACHINE)" FUZZ_APPS=$< tools/fuzz.sh $(SEED) $(COUNT) $(BUILD)/fuzz \
	    $(FUZZ_VARIABLES)

# ---------------------------------------------------------------------------
# Tests
# ---------------------------------------------------------------------------
.PHONY: test
# tests/run-tests.sh builds what each case needs, with GCC and with LLVM=1;
# CASES=name... runs a few. The cases' binary tools come from these prefixes.
test:
	GCC_BINUTILS=$(GCC_BINUTILS) LLVM_BINUTILS=$(LLVM_BINUTILS) \
	    tests/run-tests.sh $(BUILD) $(CASES)

# The kernel with its KTESTs, in a folder of its own, with no apps: it runs
# them at boot and prints TAP, then boots on and shuts down; a failed KTEST
# makes QEMU, and so make, exit non-zero.
.PHONY: ktest
ktest:
	@$(MAKE) --no-print-directory BUILD=$(BUILD)/ktest KTEST=1 APPS= qemu

HOST_TESTS := $(patsubst tests/host/%.c,$(BUILD)/host/tests/%,$(wildcard tests/host/*.c))

.PHONY: host-tests
host-tests: $(HOST_TESTS)

# Host unit tests compile the library's C files for the host, with the test.
$(BUILD)/host/tests/test_layout: linker/layout.c
$(BUILD)/host/tests/test_format: lib/format.c
$(BUILD)/host/tests/test_apps: linker/apps.c linker/layout.c
$(BUILD)/host/tests/test_copy: linker/apps.c linker/layout.c
$(BUILD)/host/tests/test_app_output: kernel/app_output.c
HOST_TEST_CFLAGS := $(HOSTCFLAGS) -Itests/host
$(BUILD)/host/tests/%: tests/host/%.c tests/host/check.h
	@mkdir -p $(@D)
	$(HOSTCC) $(HOST_TEST_CFLAGS) -o $@ $(filter %.c,$^)

# ---------------------------------------------------------------------------
# compile_commands.json, for editors (clangd and others): every source of
# this build with the command the rules above compile it with, the apps of
# APPS included, and the host programs with HOSTCC. Written anew each time.
# ---------------------------------------------------------------------------
empty :=
space := $(empty) $(empty)
comma := ,
define newline


endef
json_string = "$(subst ",\",$(subst \,\\,$(1)))"
# $(call compile_entry,SOURCE,COMMAND): the source's entry, on one line.
compile_entry = {"directory": $(call json_string,$(CURDIR)), "file": $(call json_string,$(1)), \
  "arguments": [$(subst $(space),$(comma)$(space),$(foreach word,$(2),$(call json_string,$(word))))]}
COMPILE_ENTRIES = \
  $(foreach source,$(KERNEL_SOURCES) $(LINKER_SOURCES) $(LIB_SOURCES) user/start.c $(USER_SOURCES),\
    $(call compile_entry,$(source),$(call compile_command,$(source),$(call objects,$(source))))) \
  $(foreach index,$(C_APP_INDEXES),$(call compile_entry,$(call app_field,$(index),$(APP_SOURCES)),\
    $(call compile_command,$(call app_field,$(index),$(APP_SOURCES)),$(call app_object,$(index))))) \
  $(foreach source,$(wildcard tools/*.c),$(call compile_entry,$(source),$(HOSTCC) $(HOSTCFLAGS) -c $(source))) \
  $(foreach source,$(wildcard tests/host/*.c),\
    $(call compile_entry,$(source),$(HOSTCC) $(HOST_TEST_CFLAGS) -c $(source)))

# Entries are one line each, separated by commas (no `} {` occurs inside one).
compile_commands.json: FORCE
	$(file >$@,[$(newline)$(subst }$(space){,}$(comma)$(newline){,$(strip $(COMPILE_ENTRIES)))$(newline)])
	@echo 'wrote $@ for $(CC)'

# `make print-VAR` prints a variable as this Makefile sets it (the tests ask
# it for each toolchain's compiler).
print-%: FORCE
	@echo '$($*)'

# ---------------------------------------------------------------------------
.PHONY: clean help FORCE
clean:
	rm -rf build

help:
	@echo 'Targets:'
	@echo '  make              build $(BUILD)/kernel.elf'
	@echo '  make qemu         build and run the kernel in QEMU (leave with Ctrl-A X); kill lines'
	@echo '                    are followed by the code at their pc (build/host/decode_addresses)'
	@echo '  make gdb          run QEMU halted and gdb-multiarch attached, stopped at _start'
	@echo '                    (docs/guide/debugging.md; step-into-kernel, return-to-user)'
	@echo '  make qemu-gdb     the same in two terminals: QEMU waiting here ...'
	@echo '  make gdb-attach   ... and gdb in another terminal, with the variables of make qemu-gdb'
	@echo '  make test         build everything and run every test, with GCC and with LLVM=1'
	@echo '  make ktest        build the kernel with its KTESTs into $(BUILD)/ktest, run them (TAP)'
	@echo '  make bench        exact instruction counts of the hot paths (table, $(BUILD)/bench.json)'
	@echo '  make fuzz         run COUNT apps of random instructions from SEED (batch mode, or slots with APP_STEP); fails on a panic or hang'
	@echo '  make compile_commands.json   the compile commands of this build, for editors'
	@echo '  make clean        remove build/'
	@echo 'Variables (make VAR=value target):'
	@echo '  SBI=opensbi|default  firmware: Debian OpenSBI fw_jump.bin (default) or QEMU'"'"'s own'
	@echo '  LLVM=1               build with clang and ld.lld instead of GCC'
	@echo '  TOOLPREFIX=prefix-   GCC toolchain prefix (found among: $(TOOLPREFIXES))'
	@echo '  GDBPORT=n            TCP port between QEMU and gdb (yours: $(GDBPORT))'
	@echo '  APPS="a b ..."       the apps to run, in order: names from user/apps/ ($(AVAILABLE_APPS)),'
	@echo '                       paths to .c files (~/mine.c), ELF files in the in-place mode,'
	@echo '                       or raw .bin images in the others (run from their first byte)'
	@echo '  KERNEL_BASE=0x80200000  where the kernel is linked and loaded: a multiple of 0x200000'
	@echo '                       up to 0x83e00000; any but 0x80200000 boots through OpenSBI'"'"'s fw_dynamic.bin'
	@echo '  APP_BASE=$(SLOT_AFTER_KERNEL)  where app 0 is copied (default: the 2 MiB after KERNEL_BASE);'
	@echo '                       APP_BASE=0: the packed ELF files, loaded from where they lie into that slot'
	@echo '  APP_STEP=0           distance between app slots: 0 reuses one slot, 0x200000 gives each its own'
	@echo '  APP_TIME_LIMIT_MS=1000  each app'"'"'s time, in ms of guest time, before the kernel kills it'
	@echo '  LOG=warn             kernel diagnostics: error, warn, info, debug or trace (traps, syscalls)'
	@echo '  OPT=-O2              optimization of kernel and apps: $(OPT_LEVELS); -Og or -O0 to debug'
	@echo '  ICOUNT=1             QEMU counts guest instructions (-icount): exact rdinstret and rdtime'
	@echo '  BUILD=dir            where the build goes (default: build, and build/llvm with LLVM=1)'
	@echo '  SEED=1               with make fuzz: the seed of the random apps (the same apps everywhere)'
	@echo '  COUNT=100            with make fuzz: how many random apps to run, from 1 to 100000'
	@echo '  CASES="name ..."     with make test: run only these files of tests/cases/'
	@echo '  BROKEN_APPS_TABLE=kind  for tests only: pack a wrong apps table (count order size kernel ram)'

# The dependencies the compiler wrote (-MMD) for this build's objects, which
# mirror the source folders. Not a search of all $(BUILD): the folders of
# other builds nest in build/, and reading their thousands of files made
# every make a second slower.
DEPENDENCY_FOLDERS := . apps host host/tests \
  $(filter-out build build/%,$(patsubst %/,%,$(sort $(dir $(wildcard */*.[cS] */*/*.[cS])))))
-include $(wildcard $(addsuffix /*.d,$(addprefix $(BUILD)/,$(DEPENDENCY_FOLDERS))))
