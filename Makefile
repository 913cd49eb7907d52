# Builds, runs, debugs and tests the batch kernel and its linker library.
# `make help` lists the targets and every variable you may set.

# No built-in rules (%.o from %.c and a hundred more): this Makefile has
# rules of its own for all it makes, and make would search the built-in ones
# for every file it looks at, this Makefile and each dependency file
# included too (a quarter of the time an up-to-date `make` takes).
MAKEFLAGS += --no-builtin-rules

# ---------------------------------------------------------------------------
# Variables you may set (`make help` explains each). Wrong values stop make.
# ---------------------------------------------------------------------------
GOALS := $(or $(MAKECMDGOALS),all)
TOOLPREFIX ?=
LLVM       ?=
SBI        ?= opensbi
# (Worked out only by the goals that use it: a shell is slow to start.)
GDBPORT    ?= $(shell echo $$((26000 + $$(id -u) % 5000)))
# The LLVM build has a folder of its own, so that switching back and forth
# rebuilds nothing and never mixes the two compilers' objects (`make test`
# builds with both, in folders of its own under build/, whatever LLVM says).
BUILD      ?= build$(if $(and $(LLVM),$(filter-out test bless,$(GOALS))),/llvm)
# Where the objects and the host programs go, in folders named after the
# compiler and flags they are made with (see "What gets built").
OBJECTS    ?= $(BUILD)
AVAILABLE_APPS := $(sort $(basename $(notdir $(wildcard user/apps/*.c))))
APPS       ?= $(AVAILABLE_APPS)
KERNEL_BASE ?= 0x80200000
# The apps' first slot is the 2 MiB after the kernel's (KERNEL_BASE below).
APP_BASE   ?= $(SLOT_AFTER_KERNEL)
APP_STEP   ?= 0
APP_TIME_LIMIT_MS ?= 1000
TIME_SLICE_MS ?= 10
LOG        ?= warn
SEED       ?= 1
COUNT      ?= 100
OPT        ?= -O2
ICOUNT     ?=
# The course kit (labs/README.md): a lab is a folder of labs/ with a grader.
AVAILABLE_LABS := $(sort $(patsubst labs/%/grade.py,%,$(wildcard labs/*/grade.py)))
LAB        ?= $(AVAILABLE_LABS)
LABS       ?=
OUT        ?=

# ---------------------------------------------------------------------------
# Checking the values. No value given to make is ever run by a shell: each
# one is checked here, with make's own functions, before any $(shell) or
# recipe sees it, and a wrong one stops make with one line that names it.
# Each test gives back the text it was given when it passes, and nothing
# when it does not.
#
# Addresses and sizes have one syntax everywhere (here, in the packer):
# hex with 0x (0x80400000) or decimal without a leading zero (2151677952),
# so that no tool can read 010 as octal where another reads ten.
# ---------------------------------------------------------------------------
empty :=
space := $(empty) $(empty)
comma := ,
# A line break, to write lines with $(file) or to make words lines.
define newline


endef
# The sets of characters that values are made of, one word per character.
DIGITS     := 0 1 2 3 4 5 6 7 8 9
HEX_DIGITS := $(DIGITS) a b c d e f A B C D E F
# The characters of an address or a size, in hex (0x...) or in decimal.
NUMBER_CHARACTERS := x $(HEX_DIGITS)
LETTERS    := a b c d e f g h i j k l m n o p q r s t u v w x y z \
              A B C D E F G H I J K L M N O P Q R S T U V W X Y Z
# The characters of a name: an app, a test case, a choice such as LOG's.
NAME_CHARACTERS := $(LETTERS) $(DIGITS) _ . -
# The characters of a path that make and the shell both take as they are:
# make splits words at spaces and reads $ % : ; = # * ? [ ] ( ) \ itself,
# and a shell reads quotes, ` ~ & | < > ! and more.
PATH_CHARACTERS := $(NAME_CHARACTERS) / + , @

# The tests take a value apart with one $(subst) per character of a set,
# which make runs in C. Each set's $(subst)s are written out once, here,
# nested, as a function of their own: without_DIGITS is
# $(subst 0,,$(subst 1,,...$(subst 9,,$(1))...)). (A $(call) per
# character, recursing over the set, cost a quarter of a millisecond a
# test, and `make test` starts hundreds of makes.)
# $(call define_substitutions,FUNCTION,CHARACTERS,REPLACEMENT) defines
# FUNCTION: $(call FUNCTION,TEXT) gives back TEXT with each of CHARACTERS
# replaced by REPLACEMENT, in which % stands for the character. Its text,
# made in one piece for one $(eval), is each character's "$(subst C,R,"
# (substitution_heads; the spaces that $(foreach) puts between them taken
# out), then $(1), then a ')' per character. A ',' is written $(comma) in
# FUNCTION, where it would end an argument; '(' and ')' are $(open) and
# $(close) here for the same reason.
open  := (
close := )
define_substitutions = $(eval $(1) = \
  $(call substitution_heads,$(subst $(comma),$$(comma),$(2)),$(3))$$(1)$(subst $(space),,$(foreach character,$(2),$(close))))
substitution_heads = $(subst $(comma) $$,$(comma)$$,\
  $(foreach character,$(1),$$$(open)subst $(character),$(subst %,$(character),$(2))$(comma)))
# $(call without_SET,TEXT), for each SET above: TEXT with every character
# of SET taken out.
$(foreach set,DIGITS HEX_DIGITS NUMBER_CHARACTERS NAME_CHARACTERS PATH_CHARACTERS,\
  $(call define_substitutions,without_$(set),$($(set)),))
# $(call made_of,TEXT,SET): TEXT, if it is not empty and has no character
# but those of SET, one of the sets above by name (a space or a tab is
# never one of them).
made_of = $(if $(1),$(if $(call without_$(2),$(1)),,$(1)))
# $(call is_name,TEXT) and $(call is_path,TEXT): TEXT, if it is one word of
# the characters above.
is_name = $(call made_of,$(1),NAME_CHARACTERS)
is_path = $(call made_of,$(1),PATH_CHARACTERS)
# $(call is_one_of,TEXT,CHOICES): TEXT, if it is one of the words CHOICES.
is_one_of = $(if $(call is_name,$(1)),$(filter $(1),$(2)))

# $(call is_decimal,TEXT): TEXT, if it is a decimal number without a
# leading zero (0 itself is one).
is_decimal = $(if $(call made_of,$(1),DIGITS),$(if $(filter 0%,$(1)),$(filter 0,$(1)),$(1)))
# $(call is_hex,TEXT): TEXT, if it is 0x and one or more hex digits.
is_hex = $(if $(filter 0x%,$(call made_of,$(1),NUMBER_CHARACTERS)),$(call made_of,$(patsubst 0x%,%,$(1)),HEX_DIGITS))
# $(call characters_of,NUMBER): the characters of NUMBER, one word each
# (0x1f gives 0 x 1 f), so that $(words) counts them.
$(call define_substitutions,characters_of,$(NUMBER_CHARACTERS),% )
# $(call decimal_at_most,TEXT,LIMIT): TEXT, if it is a decimal number no
# larger than LIMIT (itself one). With fewer digits it is smaller; with as
# many, $(sort), which orders text, puts the smaller first.
decimal_at_most = $(if $(call is_decimal,$(1)),$(call shorter_or_sorted_first,$(1),$(2),$(words $(call characters_of,$(1))),$(words $(call characters_of,$(2)))))
shorter_or_sorted_first = $(if $(filter $(3),$(4)),$(filter $(1),$(firstword $(sort $(1) $(2)))),$(if $(word $(3),$(call characters_of,$(2))),$(1)))
# $(call is_address,TEXT): TEXT, if it is an address or a size: 0x and at
# most 16 hex digits, or a decimal number below 2^64.
is_address = $(or $(if $(call is_hex,$(1)),$(if $(word 19,$(call characters_of,$(1))),,$(1))),$(call decimal_at_most,$(1),18446744073709551615))
# $(call is_zero,ADDRESS): ADDRESS, if it is 0 (0, 0x0, 0x000...).
is_zero = $(if $(subst 0,,$(patsubst 0x%,%,$(1))),,$(1))
# $(call positive_at_most,TEXT,LIMIT): TEXT, if it is a decimal number
# from 1 to LIMIT.
positive_at_most = $(filter-out 0,$(call decimal_at_most,$(1),$(2)))

# $(call check,VARIABLE,TEST,WHAT): stops make with "VARIABLE=value: WHAT"
# unless TEST gave something back.
check = $(if $(2),,$(error $(1)=$($(1)): $(3)))
# $(call check_if_set,VARIABLE,TEST,WHAT): the same, for a variable that
# may also be left empty.
check_if_set = $(if $($(1)),$(call check,$(1),$(2),$(3)))

# A '$' given on the command line or in the environment is expanded by make
# before anything sees it (a path a$b.c would quietly become a.c): the
# variables that hold paths refuse it.
$(foreach variable,APPS BUILD OBJECTS TOOLPREFIX OUT LAB LABS,\
  $(if $(filter command line environment,$(origin $(variable))),\
    $(if $(findstring $$,$(value $(variable))),\
      $(error $(variable)='$(value $(variable))': a '$$' here would be read by make; rename the file))))

$(call check_if_set,KTEST,$(call is_one_of,$(KTEST),1),`make ktest` sets KTEST=1 itself; leave it unset)
$(call check_if_set,BENCH,$(call is_one_of,$(BENCH),1),only `make bench` sets it$(comma) to 1; leave it unset)
$(call check_if_set,LLVM,$(call is_one_of,$(LLVM),1),set LLVM=1 for clang and ld.lld$(comma) or leave it unset for GCC)
$(call check,SBI,$(call is_one_of,$(SBI),opensbi default),choose SBI=opensbi (Debian's OpenSBI) or SBI=default (QEMU's own))
$(call check_if_set,TOOLPREFIX,$(call is_path,$(TOOLPREFIX)),a toolchain prefix such as riscv64-linux-gnu- is needed (letters$(comma) digits and _ . - / + $(comma) @))
$(call check,BUILD,$(call is_path,$(BUILD)),a folder is needed (letters$(comma) digits and _ . - / + $(comma) @))
$(call check,OBJECTS,$(call is_path,$(OBJECTS)),a folder is needed (letters$(comma) digits and _ . - / + $(comma) @))
$(if $(filter command line environment,$(origin GDBPORT)),\
  $(call check,GDBPORT,$(call positive_at_most,$(GDBPORT),65535),a TCP port number is needed$(comma) 1 to 65535))
$(call check,LOG,$(call is_one_of,$(LOG),error warn info debug trace),choose one of error warn info debug trace)
# KERNEL_BASE: where the kernel is linked and loaded, a 2 MiB boundary (the
# kernel maps RAM in megapages around it) in the first 64 MiB of RAM, above
# OpenSBI's 2 MiB, in hex or in decimal. Its text, never expanded, is looked
# up in the list of those boundaries, which is made from constants: what was
# given reaches no shell, not even as a $(...) that make would expand.
# MEGAPAGES: 0x80000000, 0x80200000, ... 0x84000000, and the same in decimal.
lowercase = $(subst A,a,$(subst B,b,$(subst C,c,$(subst D,d,$(subst E,e,$(subst F,f,$(subst X,x,$(1))))))))
MEGAPAGES := $(foreach high,0 1 2 3,$(foreach low,0 2 4 6 8 a c e,0x8$(high)$(low)00000)) 0x84000000
MEGAPAGES_DECIMAL = $(shell seq 2147483648 2097152 2214592512)
KERNEL_BASES := $(wordlist 2,32,$(MEGAPAGES))
# $(call lookup,KEY,KEYS,VALUES): the value paired with KEY, or nothing.
lookup = $(patsubst $(1)=%,%,$(filter $(1)=%,$(join $(2),$(addprefix =,$(3)))))
KERNEL_BASE_TEXT := $(value KERNEL_BASE)
ifeq ($(findstring $$,$(KERNEL_BASE_TEXT))$(findstring %,$(KERNEL_BASE_TEXT))$(filter-out 1,$(words $(KERNEL_BASE_TEXT))),)
  KERNEL_BASE_HEX := $(filter $(call lowercase,$(KERNEL_BASE_TEXT)) $(if $(call is_decimal,$(KERNEL_BASE_TEXT)),\
                       $(call lookup,$(KERNEL_BASE_TEXT),$(MEGAPAGES_DECIMAL),$(MEGAPAGES))),$(KERNEL_BASES))
endif
ifeq ($(KERNEL_BASE_HEX),)
  $(error KERNEL_BASE=$(KERNEL_BASE_TEXT): a multiple of 0x200000 from 0x80200000 to 0x83e00000 is needed, such as 0x80600000)
endif
SLOT_AFTER_KERNEL := $(call lookup,$(KERNEL_BASE_HEX),$(MEGAPAGES),$(wordlist 2,33,$(MEGAPAGES)))

$(call check,APP_BASE,$(call is_address,$(APP_BASE)),an address is needed$(comma) hex with 0x or decimal without a leading zero$(comma) such as 0x80400000$(comma) or 0 for in place)
$(call check,APP_STEP,$(call is_address,$(APP_STEP)),a number of bytes is needed$(comma) hex with 0x or decimal without a leading zero: 0 or a multiple of the slot size$(comma) 0x200000)
$(call check,APP_TIME_LIMIT_MS,$(call positive_at_most,$(APP_TIME_LIMIT_MS),9999999),a number of milliseconds is needed$(comma) 1 to 9999999)
$(call check,TIME_SLICE_MS,$(call positive_at_most,$(TIME_SLICE_MS),9999999),a number of milliseconds is needed$(comma) 1 to 9999999)
# Test-only: linker/host/pack_apps.c --broken KIND writes a wrong apps table, which
# the kernel must refuse (tests/cases/apps_table.exp).
BROKEN_APPS_TABLE ?=
$(call check_if_set,BROKEN_APPS_TABLE,$(call is_one_of,$(BROKEN_APPS_TABLE),count order size kernel ram),one of count order size kernel ram (for tests only))
$(call check,SEED,$(call positive_at_most,$(SEED),999999999999999999),a positive whole number of at most 18 digits is needed$(comma) such as 1)
$(call check,COUNT,$(call positive_at_most,$(COUNT),100000),a number of apps from 1 to 100000 is needed)
# CASES names files of tests/cases/, with or without their suffix.
CASE_FILES := $(notdir $(wildcard tests/cases/*.exp tests/cases/*.sh))
$(foreach case,$(CASES),$(if $(call is_one_of,$(case),$(CASE_FILES) $(basename $(CASE_FILES))),,\
  $(error CASES: no case '$(case)' in tests/cases/; there are: $(CASE_FILES))))
$(call check_if_set,ICOUNT,$(call is_one_of,$(ICOUNT),1),set ICOUNT=1 to count guest instructions (QEMU's -icount)$(comma) or leave it unset)
OPT_LEVELS := -O0 -O1 -O2 -O3 -Os -Og
$(call check,OPT,$(call is_one_of,$(OPT),$(OPT_LEVELS)),choose one of $(OPT_LEVELS) (-O2 is the default; -Og or -O0 to debug))
# Each word of LAB and LABS is a lab, a folder of labs/ with a grader;
# OUT is a folder.
$(foreach variable,LAB LABS,$(foreach lab,$($(variable)),$(if $(call is_one_of,$(lab),$(AVAILABLE_LABS)),,\
  $(error $(variable)=$($(variable)): no lab '$(lab)'; the labs: $(AVAILABLE_LABS)))))
$(call $(if $(filter handout,$(GOALS)),check,check_if_set),OUT,$(call is_path,$(OUT)),make handout needs OUT=folder$(comma) a folder that is empty or not there yet (letters$(comma) digits and _ . - / + $(comma) @))

# fw_jump always jumps to 0x80200000; fw_dynamic is told by QEMU where the
# kernel's lowest load address is, which linker.ld makes _start.
FIRMWARE_opensbi := /usr/lib/riscv64-linux-gnu/opensbi/generic/$(if $(filter 0x80200000,$(KERNEL_BASE_HEX)),fw_jump.bin,fw_dynamic.bin)
FIRMWARE_default := default
FIRMWARE := $(FIRMWARE_$(SBI))
LOG_LEVEL_error := 1
LOG_LEVEL_warn  := 2
LOG_LEVEL_info  := 3
LOG_LEVEL_debug := 4
LOG_LEVEL_trace := 5
LOG_LEVEL := $(LOG_LEVEL_$(LOG))

# ---------------------------------------------------------------------------
# Tools. Goals that build or run something first install what is missing
# (tools/install-deps.sh prints nothing when all is there).
# ---------------------------------------------------------------------------
# The compilers of this build: clang, a riscv64-linux-gnu- GCC if that is the
# TOOLPREFIX asked for, any RISC-V GCC otherwise. `make test` builds with
# GCC, with LLVM=1 and with riscv64-linux-gnu-, so it needs all three.
COMPILER_NEED := $(if $(LLVM),llvm,$(if $(filter riscv64-linux-gnu-,$(TOOLPREFIX)),linux-gnu,toolchain))
NEEDS := $(if $(filter-out help clean handout,$(GOALS)),host $(COMPILER_NEED)) \
         $(if $(filter qemu qemu-gdb gdb test bless ktest bench fuzz grade test-handouts,$(GOALS)),qemu) \
         $(if $(filter gdb gdb-attach test bless,$(GOALS)),gdb) \
         $(if $(filter grade handout test test-handouts,$(GOALS)),python) \
         $(if $(filter test bless test-handouts,$(GOALS)),expect format toolchain llvm linux-gnu)
NEEDS := $(sort $(NEEDS))
# make test has installed what every goal needs before its cases run: the
# makes they run find DEPENDENCIES_CHECKED in their environment, and the
# hundreds of them do not check again.
ifneq ($(NEEDS),)
  ifeq ($(DEPENDENCIES_CHECKED),)
    ifneq ($(shell tools/install-deps.sh $(NEEDS) >&2 && echo ok),ok)
      $(error tools/install-deps.sh $(NEEDS) failed (see the line above))
    endif
  endif
endif

# $(call on_path,PROGRAM): where PROGRAM is, in a folder of PATH (or as
# given, for a path); nothing if it is nowhere. (Make looks, not a shell.)
on_path = $(firstword $(wildcard $(if $(findstring /,$(1)),$(1),$(addsuffix /$(1),$(subst :, ,$(PATH))))))
TOOLPREFIXES := riscv64-unknown-elf- riscv64-linux-gnu- riscv64-unknown-linux-gnu-
ifeq ($(TOOLPREFIX),)
  TOOLPREFIX := $(firstword $(foreach prefix,$(TOOLPREFIXES),$(if $(call on_path,$(prefix)gcc),$(prefix))))
endif
# A goal that builds with GCC stops here, in one line, if there is none (an
# empty TOOLPREFIX would otherwise find the host's gcc).
ifneq ($(filter toolchain linux-gnu,$(filter $(COMPILER_NEED),$(NEEDS))),)
  ifeq ($(and $(TOOLPREFIX),$(call on_path,$(TOOLPREFIX)gcc)),)
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
# GNU objcopy reads ld.lld's output as well as ld's, and starts twenty
# times faster than llvm-objcopy, which loads all of LLVM (a raw image of
# every app of every build): an LLVM build takes it when it is on the PATH,
# as it takes GNU addr2line (below).
OBJCOPY := $(if $(and $(LLVM),$(GCC_BINUTILS),$(call on_path,$(GCC_BINUTILS)objcopy)),$(GCC_BINUTILS),$(BINUTILS))objcopy
# The packed apps table is data alone (.quad lines, .incbin's of the
# images): GNU as assembles it, in an LLVM build too when the GCC's
# binutils are there (the same bytes as clang's; as starts in 2 ms, clang
# in 25, and make test assembles dozens of tables), clang otherwise.
TABLE_AS := $(if $(and $(GCC_BINUTILS),$(call on_path,$(GCC_BINUTILS)as)),$(GCC_BINUTILS)as,$(CC) -x assembler -c)
OBJDUMP := $(BINUTILS)objdump
SIZE    := $(BINUTILS)size
HOSTCC  := cc
QEMU    := qemu-system-riscv64
GDB     := gdb-multiarch

# ---------------------------------------------------------------------------
# Flags
# ---------------------------------------------------------------------------
WARNINGS := -Wall -Wextra -Werror -fno-common
CFLAGS   := $(OPT) -g $(WARNINGS) $(ARCH) -ffreestanding -fno-pie \
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
# The in-place mode loads every app into the slot after the kernel's.
APP_ELF_SLOT := $(SLOT_AFTER_KERNEL)
KERNEL_DEFINES = -DLOG_LEVEL=$(LOG_LEVEL)
# The other make variables the kernel reads reach one file only,
# kernel/settings.c, compiled once for each set of values (SETTINGS_OBJECTS,
# below): other values compile it, not the kernel.
SETTINGS_DEFINES := -DKERNEL_BASE=$(KERNEL_BASE_HEX)UL -DAPP_ELF_SLOT=$(APP_ELF_SLOT)UL \
                    -DAPP_TIME_LIMIT_MS=$(APP_TIME_LIMIT_MS) -DTIME_SLICE_MS=$(TIME_SLICE_MS)
# The hostile apps aim at the kernel, wherever it is: the apps that name
# KERNEL_BASE (KERNEL_BASE_SOURCES, below) are compiled with it, the others
# and the user runtime without, once for every base.
USER_DEFINES := -DKERNEL_BASE=$(KERNEL_BASE_HEX)UL
# A host program is built from several sources at once, where -MMD would
# keep the dependencies of the last one only: they depend on every header
# of the libraries instead (HOST_HEADERS).
HOSTCFLAGS := -std=c11 -O2 -g $(WARNINGS) -I.
HOST_HEADERS := $(wildcard linker/*.h lib/*.h)
# The C files of the libraries (and the kernel's one) that host programs
# and unit tests link: each is compiled for the host once, in
# OBJECTS/host/objects, however many of them link it (the unit tests link
# linker/layout.c three times).
HOST_LIBRARY_SOURCES := linker/layout.c linker/apps.c linker/apps_check.c lib/format.c kernel/app_output.c
host_objects = $(patsubst %.c,$(OBJECTS)/host/objects/%.o,$(1))

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
LINKER_SOURCES := linker/layout.c linker/apps.c linker/apps_check.c linker/script.S
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
endif
USER_SOURCES   := user/syscall.c user/printf.c

# Where the objects go. An object depends only on its source, its compiler
# and its flags, so objects are kept in folders named after those, under
# OBJECTS (BUILD unless given): builds that differ only in their apps, their
# mode or their firmware, or that go back to an OPT used before, compile
# nothing again, and builds given one OBJECTS share what they compile alike
# (make test's dozens of builds do). The apps of this tree are linked there
# too, once per address; what is linked is otherwise this build's own, in
# BUILD: a copy of each app, the packed table, the kernel.
#   OBJECTS/host/                          the host programs, and objects/,
#                                          the C they share, compiled once
#   OBJECTS/COMPILER-OPT/library/          linker/ and lib/ (no defines)
#   OBJECTS/COMPILER-OPT/user/             the user runtime and the apps,
#                                          and linked/ADDRESS/, the apps linked
#   OBJECTS/COMPILER-OPT/user-DEFINES/     the same for the apps that name
#                                          KERNEL_BASE
#   OBJECTS/COMPILER-OPT/kernel-DEFINES/   kernel/, and settings-DEFINES/ in
#                                          it, kernel/settings.c
# where DEFINES are the -D flags of that part, NAME=VALUE written NAMEVALUE
# (kernel-LOG_LEVEL2-...), so that other values are another folder.
# $(call defines_folder,PART,DEFINES): PART, then each define.
defines_folder = $(subst $(space),-,$(strip $(1) $(subst =,,$(patsubst -D%,%,$(2)))))
COMPILER_OBJECTS := $(OBJECTS)/$(subst /,_,$(firstword $(CC)))$(OPT)
LIBRARY_OBJECTS  := $(COMPILER_OBJECTS)/library
USER_OBJECTS     := $(COMPILER_OBJECTS)/user
USER_BASE_OBJECTS := $(COMPILER_OBJECTS)/$(call defines_folder,user,$(USER_DEFINES))
KERNEL_OBJECTS   := $(COMPILER_OBJECTS)/$(call defines_folder,kernel,$(KERNEL_DEFINES))
SETTINGS_OBJECTS := $(KERNEL_OBJECTS)/$(call defines_folder,settings,$(SETTINGS_DEFINES))
# kernel/settings.c, which holds the other make variables' values, is
# compiled once for each set of them, in a folder of the kernel's named
# after them. Sources that take in a file of this build itself are compiled
# in BUILD: kernel/bench/bench_elf.S packs the bench build's ELF file.
BUILD_OWN_SOURCES := kernel/bench/bench_elf.S
# $(call objects,SOURCES): the object of each source, in its folder.
objects = $(foreach source,$(1),$(call object_folder,$(source))/$(basename $(source)).o)
object_folder = $(if $(filter $(BUILD_OWN_SOURCES),$(1)),$(BUILD),\
                  $(if $(filter kernel/settings.c,$(1)),$(SETTINGS_OBJECTS),\
                    $(if $(filter kernel/%,$(1)),$(KERNEL_OBJECTS),\
                      $(if $(filter linker/% lib/%,$(1)),$(LIBRARY_OBJECTS),$(call user_folder,$(1))))))
# $(call user_folder,SOURCE): the folder of the user runtime or of an app.
user_folder = $(if $(filter $(KERNEL_BASE_SOURCES),$(1)),$(USER_BASE_OBJECTS),$(USER_OBJECTS))

# $(call update_file,FILE,WORDS), in a recipe: FILE holds WORDS afterwards,
# rewritten only when they differ, so that what depends on FILE is remade
# only then. Make writes it itself: WORDS never pass through a shell. Its
# folder is made first if it is missing (a mkdir each time cost make test
# hundreds of processes).
update_file = $(if $(call same_words,$(file <$(1)),$(2)),,\
                $(if $(wildcard $(dir $(1))),,$(shell mkdir -p $(dir $(1))))$(file >$(1),$(2)))
# $(call same_words,A,B): non-empty if A and B are the same words. Each takes
# the other out of itself, and only equal texts both come out empty; spaces
# are made one first, and the newline that $(file <) of make 4.3 keeps at
# the end of some files goes with them.
same_words = $(if $(subst $(strip $(1)),,$(strip $(2)))$(subst $(strip $(2)),,$(strip $(1))),,same)

# $(call compile_command,SOURCE,OBJECT): how a source is compiled, for the
# rules below and compile_commands.json alike. Assembly takes ASFLAGS, C
# takes CFLAGS, the kernel's C its defines. The kernel and the libraries
# are ISO C11; the user runtime and the apps are GNU C11 (-std=gnu11), with
# -Iuser: students write `asm` in apps, a keyword ISO C does not have.
compile_command = $(strip $(CC) \
  $(if $(filter %.S,$(1)),$(ASFLAGS),$(CFLAGS) \
    $(if $(filter $(KERNEL_SOURCES),$(1)),$(KERNEL_DEFINES) -Ikernel) \
    $(if $(filter kernel/settings.c,$(1)),$(SETTINGS_DEFINES)) \
    $(if $(filter user/% $(APP_SOURCES),$(1)),$(if $(filter $(KERNEL_BASE_SOURCES) /%,$(1)),$(USER_DEFINES)) \
      -std=gnu11 -Iuser,-std=c11)) \
  -c $(1) -o $(2))

# Everything make qemu and make gdb run: the kernel, the list of symbol
# files, the kill lines' decoder.
.PHONY: all
all: $(BUILD)/kernel.elf $(BUILD)/symbol-files $(OBJECTS)/host/decode_addresses

# The consumer scenario of the linker library: a host program linked with the
# library's script bytes writes build/linker.ld, and the kernel links with it.
$(OBJECTS)/host/emit_linker_script: linker/host/emit_linker_script.c linker/script.S linker/linker.ld \
                                    $(HOST_HEADERS) | folders
	$(HOSTCC) $(HOSTCFLAGS) -Wa,-Ilinker $(filter %.c %.S,$^) -o $@

$(BUILD)/linker.ld: $(OBJECTS)/host/emit_linker_script
	$< $@

# The app packer, which writes the assembly that defines `apps`, with the
# library's table check compiled in: it refuses what the kernel would.
$(OBJECTS)/host/pack_apps: linker/host/pack_apps.c $(call host_objects,linker/apps_check.c) $(HOST_HEADERS) | folders
	$(HOSTCC) $(HOSTCFLAGS) $(filter %.c %.o,$^) -o $@

$(call host_objects,$(HOST_LIBRARY_SOURCES)): $(OBJECTS)/host/objects/%.o: %.c $(HOST_HEADERS) | folders
	$(HOSTCC) $(HOSTCFLAGS) -c $< -o $@

# The host programs of one C file each in tools/: the fuzzer's app generator
# (which takes the system call numbers from lib/), the kill lines' decoder,
# the copier of the apps' ELF files.
$(OBJECTS)/host/%: tools/%.c $(HOST_HEADERS) | folders
	$(HOSTCC) $(HOSTCFLAGS) $< -o $@

# .incbin is invisible to -MMD: say by hand that the bytes come from linker.ld.
$(LIBRARY_OBJECTS)/linker/script.o: linker/linker.ld

$(LIBRARY_OBJECTS)/liblinker.a: $(call objects,$(LINKER_SOURCES))
	rm -f $@
	$(AR) rcs $@ $^

$(LIBRARY_OBJECTS)/liblib.a: $(call objects,$(LIB_SOURCES))
	rm -f $@
	$(AR) rcs $@ $^

# The packed apps come first, so that the packer refuses a layout that
# cannot work before the kernel is compiled; they are linked after it.
# What this build links depends on $(BUILD)/flags too: another OPT, say,
# links it from other objects, which may be older than it.
KERNEL_LINKED := $(call objects,$(KERNEL_SOURCES)) $(BUILD)/apps.o \
                 $(LIBRARY_OBJECTS)/liblinker.a $(LIBRARY_OBJECTS)/liblib.a
$(BUILD)/kernel.elf: $(BUILD)/apps.o $(KERNEL_LINKED) $(BUILD)/linker.ld $(BUILD)/flags
	$(LD) $(KERNEL_LDFLAGS) -T $(BUILD)/linker.ld -o $@ $(KERNEL_LINKED)

# ---------------------------------------------------------------------------
# The user apps, packed into the kernel as the `apps` table
#
# APPS lists names from user/apps/ or paths to .c files; app i is linked
# for its slot, made a raw binary (or kept as ELF in the in-place mode), and
# linker/host/pack_apps.c writes the table that .incbin's them all. Ready images
# are packed as they are: ELF files in the in-place mode, raw .bin images
# (`make fuzz`'s random code) in the other two.
# ---------------------------------------------------------------------------
APP_IN_PLACE := $(if $(call is_zero,$(APP_BASE)),1)

# An APPS entry: a name in user/apps/, a path to a .c file (named after it),
# or a ready image, named after its file and packed as it is: an ELF file in
# the in-place mode, a raw .bin image in the others (it runs from its first
# byte wherever its slot is, so it must not depend on where it was linked).
# A source or image given as a path is named from here when it lies in this
# tree (./user/apps/hello.c is user/apps/hello.c), by its absolute path
# when it does not.
app_source = $(if $(filter %.c %.elf %.bin,$(1)),$(patsubst $(CURDIR)/%,%,$(abspath $(wildcard $(1)))),$(if $(filter $(1),$(AVAILABLE_APPS)),user/apps/$(1).c))
app_name = $(basename $(notdir $(1)))
# $(call app_problem,ENTRY): what is wrong with an entry of APPS, or nothing.
# A path may use only the characters a shell and make both take as they are
# (PATH_CHARACTERS), and a leading ~ (your home, which make expands): make
# splits APPS at spaces, so no path can hold one. The file it names must
# keep to the same characters once make has expanded it. An app's name, its
# file's name without the suffix, is what the packer and the kernel's lines
# allow: letters, digits and _ . -
PATH_RULE := may use only letters$(comma) digits and _ . - / + $(comma) @ (rename or link the file)
app_problem = $(strip \
  $(if $(call is_app_path,$(1)),,'$(1)': a path in APPS $(PATH_RULE)) \
  $(if $(call is_app_path,$(1)),$(if $(filter %.c %.elf %.bin,$(1)),\
    $(if $(wildcard $(1)),\
      $(if $(call is_path,$(call app_source,$(1))),,'$(1)' is '$(call app_source,$(1))'$(comma) and a path $(PATH_RULE))\
      $(if $(call app_name,$(1)),$(if $(call is_name,$(call app_name,$(1))),,'$(1)': an app is named after its file$(comma) and '$(call app_name,$(1))' is not a name: use only letters$(comma) digits and _ . -),'$(1)': an app is named after its file$(comma) and this one leaves no name),\
      no such file: $(1)),\
    $(if $(findstring /,$(1)),'$(1)' is neither an app of user/apps/ nor a .c$(comma) .elf or .bin file (APPS is split at spaces: a path cannot hold one),\
      $(if $(filter $(1),$(AVAILABLE_APPS)),,no app '$(1)'; available: $(AVAILABLE_APPS)$(comma) or a path to a .c file)))))
# The whole list is checked at once, which is quick for thousands of apps:
# the characters of every path and name, the names that are no app, and
# each file's entry (app_fast_problem: the entry, if it has a problem).
# Only a list that fails that is searched entry by entry for the first
# problem.
app_fast_problem = $(if $(filter %.c %.elf %.bin,$(1)),$(if $(and $(wildcard $(1)),$(call app_name,$(1))),,$(1)))\
                   $(if $(filter ~%,$(1)),$(if $(call is_path,$(call app_source,$(1))),,$(1)))
is_app_path = $(call is_path,$(patsubst ~%,%,$(1)))
APP_FIRST_PROBLEM := $(firstword $(if $(strip \
    $(call without_PATH_CHARACTERS,$(patsubst ~%,%,$(APPS))) $(call without_NAME_CHARACTERS,$(call app_name,$(APPS))) \
    $(filter-out $(AVAILABLE_APPS) %.c %.elf %.bin,$(APPS)) \
    $(foreach app,$(filter %.c %.elf %.bin ~%,$(APPS)),$(call app_fast_problem,$(app)))),\
  $(foreach app,$(APPS),$(if $(call app_problem,$(app)),$(app)))))
$(if $(APP_FIRST_PROBLEM),$(error APPS: $(call app_problem,$(APP_FIRST_PROBLEM))))
APP_NAMES   := $(call app_name,$(APPS))
APP_SOURCES := $(foreach app,$(APPS),$(call app_source,$(app)))
ifeq ($(APP_IN_PLACE),)
  $(foreach app,$(filter %.elf,$(APPS)),\
    $(error APPS: $(app): an ELF file can run only in the in-place mode (APP_BASE=0)))
else
  $(foreach app,$(filter %.bin,$(APPS)),\
    $(error APPS: $(app): a raw image cannot run in the in-place mode (APP_BASE=0), which loads ELF files))
endif

# 0 1 2 ...: one index per app, counted by make (no process to start).
# $(call numbers_below,N): 0 to N-1; numbers_growing adds the numbers of
# one more digit (each of the longest so far followed by 0 to 9) until
# there are N.
numbers_below = $(if $(filter-out 0,$(1)),$(call numbers_growing,0,1 2 3 4 5 6 7 8 9,$(1)))
numbers_growing = $(if $(word $(3),$(1)),$(wordlist 1,$(3),$(1)),\
  $(call numbers_growing,$(1) $(2),$(foreach number,$(2),$(addprefix $(number),$(DIGITS))),$(3)))
APP_INDEXES := $(strip $(call numbers_below,$(words $(APPS))))
# One word per app, INDEX:NAME:SOURCE (no name or path here holds a ':'),
# so that a loop over the apps needs no lookup in the lists.
APP_RECORDS := $(join $(APP_INDEXES),$(join $(addprefix :,$(APP_NAMES)),$(addprefix :,$(APP_SOURCES))))
# The apps of this tree in APPS whose C names KERNEL_BASE (make reads them):
# compiled with it, in USER_BASE_OBJECTS. An app from elsewhere, compiled
# for its build alone, always has it.
KERNEL_BASE_SOURCES := $(foreach source,$(filter-out /%,$(filter %.c,$(APP_SOURCES))),\
                         $(if $(findstring KERNEL_BASE,$(file <$(source))),$(source)))
# $(call record_index,RECORD), record_name, record_source: its fields.
record_index  = $(word 1,$(subst :, ,$(1)))
record_name   = $(word 2,$(subst :, ,$(1)))
record_source = $(word 3,$(subst :, ,$(1)))
# Where the files of app INDEX-NAME go: $(BUILD)/apps/INDEX-NAME.elf (and
# .bin, for an app from elsewhere).
record_stem = $(BUILD)/apps/$(subst $(space),-,$(wordlist 1,2,$(subst :, ,$(1))))
# Where an app of this tree is linked (see "An app of this tree is linked",
# below): in the slots mode, each slot's address is another.
APP_SLOTS := $(if $(or $(APP_IN_PLACE),$(call is_zero,$(APP_STEP))),,1)
app_link_key = $(if $(APP_SLOTS),$(APP_BASE)-step-$(APP_STEP)-slot-$(1),$(if $(APP_IN_PLACE),$(APP_ELF_SLOT),$(APP_BASE)))
record_linked = $(foreach source,$(call record_source,$(1)),\
                  $(call user_folder,$(source))/linked/$(call app_link_key,$(call record_index,$(1)))/$(basename $(source)))
# The image packed for an app: its raw binary, its ELF file in the in-place
# mode, or the image it was given as. The raw binary of an app of this tree
# is packed from where it was linked (record_linked): only its ELF
# file is copied into BUILD, for gdb and the decoder.
record_image = $(strip $(foreach source,$(call record_source,$(1)),$(if $(filter %.elf %.bin,$(source)),$(source),\
                 $(if $(APP_IN_PLACE),$(call record_stem,$(1)).elf,\
                   $(if $(filter /%,$(source)),$(call record_stem,$(1)),$(call record_linked,$(1))).bin))))
APP_IMAGES  := $(foreach record,$(APP_RECORDS),$(call record_image,$(record)))
# NAME=IMAGE for each app, as the packer and tools/bench.sh take them.
APP_NAMED_IMAGES := $(join $(addsuffix =,$(APP_NAMES)),$(APP_IMAGES))

USER_RUNTIME := $(USER_OBJECTS)/user/start.o $(USER_OBJECTS)/libuser.a $(LIBRARY_OBJECTS)/liblib.a

$(USER_OBJECTS)/libuser.a: $(call objects,$(USER_SOURCES))
	rm -f $@
	$(AR) rcs $@ $^

# The object an app's C source compiles to, wherever the app is in APPS: a
# source of this tree keeps its path in the user objects' folder
# (user/apps/hello.c gives $(USER_OBJECTS)/user/apps/hello.o), one from
# elsewhere its absolute path under $(BUILD)/apps/outside. Another source is
# then another object, with dependencies of its own: nothing left by a
# source moved or deleted since can stop a build.
app_object = $(if $(filter /%,$(1)),$(BUILD)/apps/outside$(basename $(1)).o,$(call user_folder,$(1))/$(basename $(1)).o)
# The apps built from C (a record ends with its source), those of this tree
# and those from elsewhere.
C_APP_RECORDS := $(filter %.c,$(APP_RECORDS))
TREE_APP_RECORDS := $(foreach record,$(C_APP_RECORDS),$(if $(findstring :/,$(record)),,$(record)))
OUTSIDE_APP_RECORDS := $(filter-out $(TREE_APP_RECORDS),$(C_APP_RECORDS))
APP_SOURCES_C := $(sort $(filter %.c,$(APP_SOURCES)))
APP_OBJECTS   := $(foreach source,$(APP_SOURCES_C),$(call app_object,$(source)))

$(BUILD)/apps/outside/%.o: /%.c $(BUILD)/flags | folders
	$(call compile_command,$<,$@)

# Where the apps are linked for: the mode, APP_BASE and APP_STEP, kept in a
# file rewritten only when they change, so that any change relinks every
# app (app INDEX is linked for APP_BASE + INDEX * APP_STEP, or for the one
# ELF slot of the in-place mode).
$(BUILD)/apps/layout: FORCE
	$(call update_file,$@,$(if $(APP_IN_PLACE),in place at $(APP_ELF_SLOT),$(APP_BASE) + INDEX * $(APP_STEP)))
# $(call app_address,INDEX): the address app INDEX is linked for, as ld
# reads it: in the slots mode, APP_BASE and APP_STEP once for each slot
# before INDEX's (0x80400000+0x200000+0x200000 for app 2), a sum, since
# a '*' would take a shell to run each link; APP_BASE alone when every
# app has that one slot.
app_address = $(if $(APP_IN_PLACE),$(APP_ELF_SLOT),$(APP_BASE)$(if $(APP_SLOTS),$(subst $(space),,\
                $(foreach slot,$(call numbers_below,$(1)),+$(APP_STEP)))))

# An app of this tree is linked for its address once, in the user objects'
# folder, and each build copies its ELF file (for gdb and the decoder) and
# packs its raw image from there: builds that differ in their other apps,
# their kernel or their firmware link nothing again.
#   $(USER_OBJECTS)/linked/ADDRESS/user/apps/NAME.elf, .bin
# (in USER_BASE_OBJECTS for an app compiled there)
# where ADDRESS is the slot's (APP_BASE, or the in-place slot) or, in the
# slots mode, APP_BASE-step-APP_STEP-slot-INDEX (0x80400000-step-0x200000-
# slot-1 is the slot at 0x80600000). It is written under another name,
# FILE.PID (this make's process id), and renamed, so that a make running
# beside this one never reads half of it. An app from elsewhere is linked in
# BUILD/apps, for this build alone. (app_link_key and record_linked, above,
# name the files.)
$(USER_OBJECTS)/link-flags: FORCE
	$(call update_file,$@,$(LD) $(LDFLAGS))
# $(call linked_rules,FOLDER,ADDRESS,INDEX): how an app of FOLDER is linked
# for ADDRESS.
define linked_rules
$(1)/linked/$(2)/%.elf: $(1)/%.o $(USER_RUNTIME) user/user.ld $(USER_OBJECTS)/link-flags | folders
	$$(LD) $$(LDFLAGS) -T user/user.ld --defsym=APP_ADDRESS=$(call app_address,$(3)) \
	    -o $$@.$$(MAKE_PID) $$(filter %.o %.a,$$^)
	mv -f $$@.$$(MAKE_PID) $$@

$(1)/linked/$(2)/%.bin: $(1)/linked/$(2)/%.elf
	$$(OBJCOPY) -O binary $$< $$@.$$(MAKE_PID)
	mv -f $$@.$$(MAKE_PID) $$@
endef
# This make's process id, which Linux's /proc/self/stat begins with, read by
# make itself: each line of those recipes runs without a shell (a shell,
# for its $$ and &&, cost a process more per file, hundreds in make test).
# Without /proc, the name is FILE.tmp.
MAKE_PID = $(or $(firstword $(file </proc/self/stat)),tmp)
$(foreach folder,$(USER_OBJECTS) $(USER_BASE_OBJECTS),\
  $(foreach index,$(if $(APP_SLOTS),$(APP_INDEXES),0),\
    $(eval $(call linked_rules,$(folder),$(call app_link_key,$(index)),$(index)))))
# What those pattern rules link is kept, not deleted as make's go-betweens.
.SECONDARY: $(APP_OBJECTS) $(USER_RUNTIME)
# Each app of this tree: BUILD's copy of its ELF file, from where it was
# linked. They are made together (a grouped target, &:), by one process
# for all (tools/copy_files.c, given each LINKED FILE pair), when any is
# out of date: a cp each cost make test hundreds of processes.
TREE_APP_ELF_FILES := $(foreach record,$(TREE_APP_RECORDS),$(call record_stem,$(record)).elf)
TREE_APP_LINKED    := $(foreach record,$(TREE_APP_RECORDS),$(call record_linked,$(record)))
ifneq ($(TREE_APP_RECORDS),)
$(TREE_APP_ELF_FILES) &: $(addsuffix .elf,$(TREE_APP_LINKED)) $(OBJECTS)/host/copy_files \
                         $(BUILD)/apps/layout $(BUILD)/flags | folders
	$(OBJECTS)/host/copy_files $(strip $(foreach record,$(TREE_APP_RECORDS),\
	    $(call record_linked,$(record)).elf $(call record_stem,$(record)).elf))
endif
# Each app from elsewhere, linked in BUILD.
define outside_app_rules
$(call record_stem,$(1)).elf: $(call app_object,$(call record_source,$(1))) $(USER_RUNTIME) user/user.ld \
                              $(BUILD)/apps/layout $(BUILD)/flags
	$$(LD) $$(LDFLAGS) -T user/user.ld --defsym=APP_ADDRESS=$(call app_address,$(call record_index,$(1))) \
	    -o $$@ $$(filter %.o %.a,$$^)
endef
$(foreach record,$(OUTSIDE_APP_RECORDS),$(eval $(call outside_app_rules,$(record))))

$(BUILD)/apps/%.bin: $(BUILD)/apps/%.elf
	$(OBJCOPY) -O binary $< $@

# The app list and modes are kept in a file, rewritten only when they change,
# so that changing APPS repacks the apps.
$(BUILD)/apps.config: FORCE
	$(call update_file,$@,$(APP_BASE) $(APP_STEP) $(APPS) $(APP_SOURCES) $(BROKEN_APPS_TABLE))

# The machine, as kernel/platform.h tells the kernel, so that the packer
# refuses a layout the kernel's own check would (linker_apps_check): make
# reads that header itself, each '#define NAME 0x...UL' as NAME=0x...
hash := \#
PLATFORM_HEADER := $(strip $(file <kernel/platform.h))
PLATFORM_FACTS := $(patsubst %UL,%,$(filter RAM_START=0x%UL RAM_END=0x%UL FIRMWARE_END=0x%UL,\
                    $(foreach fact,RAM_START RAM_END FIRMWARE_END,\
                      $(subst $(hash)define $(fact) ,$(fact)=,$(PLATFORM_HEADER)))))
platform_fact = $(patsubst $(1)=%,%,$(filter $(1)=%,$(PLATFORM_FACTS)))
RAM_START    := $(call platform_fact,RAM_START)
RAM_END      := $(call platform_fact,RAM_END)
FIRMWARE_END := $(call platform_fact,FIRMWARE_END)
$(foreach fact,RAM_START RAM_END FIRMWARE_END,$(if $(call is_hex,$($(fact))),,\
  $(error kernel/platform.h has no line '#define $(fact) 0x...UL')))
# The kernel starts at KERNEL_BASE (KERNEL_LDFLAGS link it there).
PACK_MACHINE := --ram $(RAM_START)..$(RAM_END) --reserve firmware=$(RAM_START)..$(FIRMWARE_END) \
                --kernel-base $(KERNEL_BASE_HEX) --in-place-slot $(APP_ELF_SLOT)

# The apps go to the packer in a file, one NAME=IMAGE a line, which no
# command line can run out of room for.
# The apps' ELF files in BUILD are made with them.
APP_ELF_FILES := $(foreach record,$(C_APP_RECORDS),$(call record_stem,$(record)).elf)
$(BUILD)/apps.S: $(OBJECTS)/host/pack_apps $(APP_IMAGES) $(APP_ELF_FILES) $(BUILD)/apps.config
	$(file >$@.apps,$(subst $(space),$(newline),$(strip $(APP_NAMED_IMAGES))))
	$(OBJECTS)/host/pack_apps --base $(APP_BASE) --step $(APP_STEP) $(PACK_MACHINE) \
	    $(if $(BROKEN_APPS_TABLE),--broken $(BROKEN_APPS_TABLE)) --apps-file $@.apps --output $@

# The packer writes no line for the C preprocessor (its comments are C
# comments, which both assemblers read themselves): the table is assembled
# as it is, by TABLE_AS (above), without the preprocessor's process.
$(BUILD)/apps.o: $(BUILD)/apps.S $(BUILD)/flags
	$(TABLE_AS) $(filter-out -mcmodel=%,$(ARCH)) -g -o $@ $<

# The ELF files with the symbols of the kernel and of each app, for gdb
# (tools/gdb/app_symbols.py) and the kill lines' decoder
# (tools/decode_addresses.c), written with the kernel so that both always
# describe the kernel built. An app packed as a raw image has none: "-".
# GNU addr2line reads clang's DWARF as well as GCC's, and starts twenty times
# faster than llvm-addr2line: an LLVM build takes it when it is on the PATH.
GNU_ADDR2LINE = $(if $(GCC_BINUTILS),$(call on_path,$(GCC_BINUTILS)addr2line))
ADDR2LINE = $(if $(GNU_ADDR2LINE),$(GCC_BINUTILS)addr2line,$(BINUTILS)addr2line)
record_symbol_file = $(strip $(if $(filter %.bin,$(call record_source,$(1))),-,\
  $(abspath $(if $(filter %.elf,$(call record_source,$(1))),$(call record_source,$(1)),$(call record_stem,$(1)).elf))))

$(BUILD)/symbol-files: $(BUILD)/apps.config $(BUILD)/flags
	$(file >$@,# The symbol files of $(BUILD)/kernel.elf and its apps, written by make)
	$(file >>$@,# for tools/gdb/ and tools/decode_addresses.c. Apps: index, name, ELF file or -.)
	$(file >>$@,kernel $(abspath $(BUILD)/kernel.elf))
	$(file >>$@,addr2line $(ADDR2LINE))
	$(foreach record,$(APP_RECORDS),$(file >>$@,app $(call record_index,$(record)) $(call record_name,$(record)) $(call record_symbol_file,$(record))))

# Each folder of objects, and BUILD, keeps the flags it was made with in a
# file rewritten only when they change: a change of the flags that its name
# does not show (an edit of this Makefile, another compiler under the same
# name) still remakes what depends on them. BUILD's take in every folder's,
# so that another OPT, say, relinks what this build links.
$(LIBRARY_OBJECTS)/flags: FORCE
	$(call update_file,$@,$(CC) $(CFLAGS) $(ASFLAGS))
$(USER_OBJECTS)/flags: FORCE
	$(call update_file,$@,$(CC) $(CFLAGS) $(ASFLAGS))
$(USER_BASE_OBJECTS)/flags: FORCE
	$(call update_file,$@,$(CC) $(CFLAGS) $(ASFLAGS) $(USER_DEFINES))
$(KERNEL_OBJECTS)/flags: FORCE
	$(call update_file,$@,$(CC) $(CFLAGS) $(ASFLAGS) $(KERNEL_DEFINES))
$(SETTINGS_OBJECTS)/flags: FORCE
	$(call update_file,$@,$(CC) $(CFLAGS) $(ASFLAGS) $(KERNEL_DEFINES) $(SETTINGS_DEFINES))
$(BUILD)/flags: FORCE
	$(call update_file,$@,$(CC) $(CFLAGS) $(ASFLAGS) $(KERNEL_DEFINES) $(SETTINGS_DEFINES) $(USER_DEFINES) \
	  $(TABLE_AS) $(LD) $(LDFLAGS) $(KERNEL_LDFLAGS) $(OBJECTS))

# The folders of everything this make may write, made before any of it
# (order-only, so that no target is remade for its folder) in one mkdir,
# and only when one is missing: a mkdir per file cost a process each, and
# make test's builds make thousands of files.
BUILD_FOLDERS = $(sort $(patsubst %/,%,$(dir \
  $(call objects,$(KERNEL_SOURCES) $(LINKER_SOURCES) $(LIB_SOURCES) user/start.c $(USER_SOURCES) \
    $(if $(BENCH),user/bench/elf_payload.S)) $(APP_OBJECTS) \
  $(APP_ELF_FILES) $(TREE_APP_LINKED) \
  $(OBJECTS)/host/programs $(call host_objects,$(HOST_LIBRARY_SOURCES)) \
  $(if $(filter host-tests,$(GOALS)),$(HOST_TESTS)))))
MISSING_FOLDERS = $(strip $(foreach folder,$(BUILD_FOLDERS),$(if $(wildcard $(folder)/),,$(folder))))
# (A recipe for FOLDERS, which are looked up once.)
make_folders = $(if $(1),@mkdir -p $(1))
.PHONY: folders
folders:
	$(call make_folders,$(MISSING_FOLDERS))

# $(call compile_rules,FOLDER): FOLDER/x.o from x.c or x.S, remade when
# FOLDER's flags change.
define compile_rules
$(1)/%.o: %.c $(1)/flags | folders
	$$(call compile_command,$$<,$$@)

$(1)/%.o: %.S $(1)/flags | folders
	$$(call compile_command,$$<,$$@)
endef
$(foreach folder,$(LIBRARY_OBJECTS) $(USER_OBJECTS) $(USER_BASE_OBJECTS) $(KERNEL_OBJECTS) $(SETTINGS_OBJECTS) $(BUILD),\
  $(eval $(call compile_rules,$(folder))))

# ---------------------------------------------------------------------------
# Running and debugging
#
# QEMU's console goes through tools/decode_addresses.c, which passes it on
# as it comes and follows each kill or panic line with the function and
# file:line of its pc, from the symbol files make lists beside the kernel.
# ---------------------------------------------------------------------------
RUN_NEEDS := $(BUILD)/kernel.elf $(BUILD)/symbol-files $(OBJECTS)/host/decode_addresses
DECODED   := $(OBJECTS)/host/decode_addresses $(BUILD)/symbol-files --

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
GDB_SESSION = build/gdb-sessions/$(GDBPORT)
RUN_VARIABLES := BUILD LLVM TOOLPREFIX SBI KERNEL_BASE APPS APP_BASE APP_STEP APP_TIME_LIMIT_MS \
                 TIME_SLICE_MS LOG OPT ICOUNT BROKEN_APPS_TABLE
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
# -icount shift=0 (tools/bench.sh; docs/maintainers/bench.md). The bench kernel is
# a build of its own in $(BUILD)/bench: BENCH=1 adds kernel/bench/, and its
# app 0 is user/bench/bench.c. The sizes reported are those of this build's
# kernel and apps.
# ---------------------------------------------------------------------------
BENCH_BUILD := $(BUILD)/bench
# The bench kernel's apps and mode.
# LAB yield BEGIN: BENCH_APPS := APPS=user/bench/bench.c APP_STEP=0
# The slots mode, where the bench app times sched_yield switching to
# user/bench/yield_partner.c and back.
BENCH_APPS := APPS="user/bench/bench.c user/bench/yield_partner.c" APP_STEP=0x200000
# LAB yield END

.PHONY: bench
bench: $(BUILD)/kernel.elf $(APP_IMAGES)
	@$(MAKE) --no-print-directory BUILD=$(BENCH_BUILD) OBJECTS=$(OBJECTS) BENCH=1 LOG=warn \
	    $(BENCH_APPS) APP_BASE=$(SLOT_AFTER_KERNEL) $(BENCH_BUILD)/kernel.elf
	QEMU="$(QEMU) $(QEMU_MACHINE)" OBJCOPY=$(OBJCOPY) OBJDUMP=$(OBJDUMP) SIZE=$(SIZE) \
	    tools/bench.sh $(BENCH_BUILD)/kernel.elf $(BENCH_BUILD)/apps/0-bench.elf \
	    $(BENCH_BUILD)/bench_elf_payload.elf $(BUILD)/kernel.elf $(BUILD)/bench.json \
	    $(APP_NAMED_IMAGES)

# The bench build's ELF file for elf_load: user/bench/elf_payload.S linked
# like an app for the in-place mode's slot, and packed by bench_elf.S, which
# finds it on the assembler's include path.
$(BUILD)/bench_elf_payload.elf: $(call objects,user/bench/elf_payload.S) user/user.ld $(BUILD)/flags
	$(LD) $(LDFLAGS) -T user/user.ld --defsym=APP_ADDRESS=$(APP_ELF_SLOT) -o $@ $<
$(BUILD)/kernel/bench/bench_elf.o: $(BUILD)/bench_elf_payload.elf
$(BUILD)/kernel/bench/bench_elf.o: private ASFLAGS += -Wa,-I$(BUILD)

# ---------------------------------------------------------------------------
# Fuzzing: COUNT apps of random instructions, from SEED (tools/fuzz_apps.c),
# packed as raw images into as few kernels as fit, each built and booted in
# a folder of its own under $(BUILD)/fuzz; every boot must reach its
# summary line with no panic (tools/fuzz.sh; docs/maintainers/fuzzing.md). The boots
# take this build's toolchain and firmware, their own apps, and the batch
# mode, or the slots mode with APP_STEP.
# ---------------------------------------------------------------------------
# The toolchain, firmware and mode (APP_STEP) variables given to this make;
# a boot's make finds the same defaults by itself, and its failure report
# repeats these.
FUZZ_VARIABLES := $(foreach variable,LLVM TOOLPREFIX SBI APP_STEP,\
  $(if $(filter command line environment,$(origin $(variable))),$(variable)=$($(variable))))

.PHONY: fuzz
fuzz: $(OBJECTS)/host/fuzz_apps
	QEMU="$(QEMU) $(QEMU_MACHINE)" FUZZ_APPS=$< tools/fuzz.sh $(SEED) $(COUNT) $(BUILD)/fuzz \
	    OBJECTS=$(OBJECTS) $(FUZZ_VARIABLES)

# ---------------------------------------------------------------------------
# Tests
# ---------------------------------------------------------------------------
.PHONY: test
# tests/run-tests.sh builds what each case needs, with GCC and with LLVM=1;
# CASES=name... runs a few. The cases' binary tools come from these prefixes.
# Its last line is "N passed, M failed". make would print its own line
# about the failed recipe below that one, so when tests fail the recipe
# ends make with SIGPIPE, the one signal that shells do not report: make
# exits silently, with status 141.
test:
	@GCC_BINUTILS=$(GCC_BINUTILS) LLVM_BINUTILS=$(LLVM_BINUTILS) DEPENDENCIES_CHECKED=1 OBJECTS=$(OBJECTS) \
	    tests/run-tests.sh $(BUILD) $(CASES) || kill -PIPE $$PPID

# make bless: after a change of what the kernel prints, made on purpose,
# rewrites the expected transcripts in tests/expected/ from a run of the
# cases that compare with them (or of CASES), and shows the diff of each
# file it rewrote, to read before committing it. make test never rewrites
# them. Its last line is make test's, and so is its exit.
TRANSCRIPT_CASES = $(notdir $(shell grep -l -e expect_same_as -e check_apps_transcript tests/cases/*.exp))
.PHONY: bless
bless:
	@GCC_BINUTILS=$(GCC_BINUTILS) LLVM_BINUTILS=$(LLVM_BINUTILS) DEPENDENCIES_CHECKED=1 OBJECTS=$(OBJECTS) \
	    tests/run-tests.sh --bless $(BUILD) $(or $(CASES),$(TRANSCRIPT_CASES)) || kill -PIPE $$PPID

# The kernel with its KTESTs, in a folder of its own, with no apps: it runs
# them at boot and prints TAP, then boots on and shuts down; a failed KTEST
# makes QEMU, and so make, exit non-zero.
.PHONY: ktest
ktest:
	@$(MAKE) --no-print-directory BUILD=$(BUILD)/ktest OBJECTS=$(OBJECTS) KTEST=1 APPS= qemu

HOST_TESTS := $(patsubst tests/host/%.c,$(OBJECTS)/host/tests/%,$(wildcard tests/host/*.c))

.PHONY: host-tests
host-tests: $(HOST_TESTS)

# Host unit tests link the library's C files, compiled for the host
# (host_objects, above), with the test.
$(OBJECTS)/host/tests/test_layout: $(call host_objects,linker/layout.c)
$(OBJECTS)/host/tests/test_format: $(call host_objects,lib/format.c)
$(OBJECTS)/host/tests/test_apps: $(call host_objects,linker/apps.c linker/layout.c)
$(OBJECTS)/host/tests/test_apps_check: $(call host_objects,linker/apps_check.c)
$(OBJECTS)/host/tests/test_copy: $(call host_objects,linker/apps.c linker/layout.c)
$(OBJECTS)/host/tests/test_app_output: $(call host_objects,kernel/app_output.c) kernel/app_output.h
$(call host_objects,kernel/app_output.c): kernel/app_output.h
# The tests' own files at -Og (what they test, the libraries' objects, is
# compiled at -O2, as the host programs have it): half the CPU of -O2 for
# the same warnings, and code that gdb steps through as written.
HOST_TEST_CFLAGS := $(filter-out -O2,$(HOSTCFLAGS)) -Og -Itests/host
$(OBJECTS)/host/tests/%: tests/host/%.c tests/host/check.h $(HOST_HEADERS) | folders
	$(HOSTCC) $(HOST_TEST_CFLAGS) -o $@ $(filter %.c %.o,$^)

# ---------------------------------------------------------------------------
# The course kit (labs/README.md). `make grade` builds a kernel with each
# lab's apps (labs/LAB/apps/) in $(BUILD), boots it under -icount and
# runs the lab's tests (labs/LAB/grade.py, tools/grade.py); `make handout`
# writes a student tree without the labs' solutions (tools/handout.py).
# Both take their values through the environment, never through a shell.
# ---------------------------------------------------------------------------
# The toolchain, firmware and log level given to this make reach the
# grader's builds; the mode and apps are each lab's.
GRADE_VARIABLES := $(foreach variable,LLVM TOOLPREFIX SBI LOG,\
  $(if $(filter command line environment,$(origin $(variable))),$(variable)=$($(variable))))

.PHONY: grade handout test-handouts
# QEMU always counts guest instructions for the grader (ICOUNT=1), so that
# tests can hold times against instruction counts. Below full marks make
# stops without its own error line, so that `Score: X/Y` stays the last.
grade: ICOUNT := 1
grade: export GRADE_QEMU = $(QEMU) $(QEMU_MACHINE) $(QEMU_ICOUNT)
grade: export GRADE_MAKE = $(MAKE)
grade: export GRADE_VARIABLES := $(GRADE_VARIABLES)
grade:
	@python3 tools/grade.py $(BUILD) $(LAB) || kill -PIPE $$PPID

handout: export HANDOUT_OUT = $(OUT)
handout:
	@python3 tools/handout.py $(LABS)

# Each lab's handout alone, and all together, each through its whole
# `make test` (tools/check_handouts.sh; `make test` runs the light form).
test-handouts:
	tools/check_handouts.sh full

# ---------------------------------------------------------------------------
# compile_commands.json, for editors (clangd and others): every source of
# this build with the command the rules above compile it with, the apps of
# APPS included, and the host programs with HOSTCC. Written anew each time.
# ---------------------------------------------------------------------------
json_string = "$(subst ",\",$(subst \,\\,$(1)))"
# $(call compile_entry,SOURCE,COMMAND): the source's entry, on one line.
compile_entry = {"directory": $(call json_string,$(CURDIR)), "file": $(call json_string,$(1)), \
  "arguments": [$(subst $(space),$(comma)$(space),$(foreach word,$(2),$(call json_string,$(word))))]}
COMPILE_ENTRIES = \
  $(foreach source,$(KERNEL_SOURCES) $(LINKER_SOURCES) $(LIB_SOURCES) user/start.c $(USER_SOURCES),\
    $(call compile_entry,$(source),$(call compile_command,$(source),$(call objects,$(source))))) \
  $(foreach source,$(APP_SOURCES_C),\
    $(call compile_entry,$(source),$(call compile_command,$(source),$(call app_object,$(source))))) \
  $(foreach source,$(wildcard tools/*.c linker/host/*.c),$(call compile_entry,$(source),$(HOSTCC) $(HOSTCFLAGS) -c $(source))) \
  $(foreach source,$(wildcard tests/host/*.c),\
    $(call compile_entry,$(source),$(HOSTCC) $(HOST_TEST_CFLAGS) -c $(source)))

# Entries are one line each, separated by commas (no `} {` occurs inside one).
compile_commands.json: FORCE
	$(file >$@,[$(newline)$(subst }$(space){,}$(comma)$(newline){,$(strip $(COMPILE_ENTRIES)))$(newline)])
	@echo 'wrote $@ for $(CC)'

# `make print-VAR` prints a variable as this Makefile sets it (the tests ask
# it for each toolchain's compiler).
print-%: FORCE
	@:$(info $($*))

# ---------------------------------------------------------------------------
.PHONY: clean help FORCE
clean:
	rm -rf build

# (One $(info) prints it all: an echo per line started a shell each.)
help:
	@:$(info $(HELP))

define HELP
Targets:
  make              build $(BUILD)/kernel.elf
  make qemu         build and run the kernel in QEMU (leave with Ctrl-A X); kill lines
                    are followed by the code at their pc (build/host/decode_addresses)
  make gdb          run QEMU halted and gdb-multiarch attached, stopped at _start
                    (docs/guide/09-debugging.md; step-into-kernel, return-to-user)
  make qemu-gdb     the same in two terminals: QEMU waiting here ...
  make gdb-attach   ... and gdb in another terminal, with the variables of make qemu-gdb
  make test         build everything and run every test, with GCC and with LLVM=1
  make bless        rewrite the expected transcripts (tests/expected/) from a run of the
                    cases that compare with them (or CASES), and show the diff
  make ktest        build the kernel with its KTESTs into $(BUILD)/ktest, run them (TAP)
  make bench        exact instruction counts of the hot paths (table, $(BUILD)/bench.json)
  make fuzz         run COUNT apps of random instructions from SEED (batch mode, or slots with APP_STEP); fails on a panic or hang
  make grade        grade the labs (labs/README.md): one line per test, Score: X/Y, $(BUILD)/grade.json
  make handout      write a student tree without the labs' solutions into OUT (a git repository)
  make test-handouts  every lab's handout through its own make test (for maintainers)
  make compile_commands.json   the compile commands of this build, for editors
  make clean        remove build/
Variables (make VAR=value target). Addresses and sizes are hex with 0x (0x80400000)
or decimal without a leading zero (2151677952); a wrong value stops make.
  SBI=opensbi|default  firmware: Debian OpenSBI fw_jump.bin (default) or QEMU's own
  LLVM=1               build with clang and ld.lld instead of GCC
  TOOLPREFIX=prefix-   GCC toolchain prefix (found among: $(TOOLPREFIXES))
  GDBPORT=n            TCP port between QEMU and gdb (yours: $(GDBPORT))
  APPS="a b ..."       the apps to run, in order: names from user/apps/ ($(AVAILABLE_APPS)),
                       paths to .c files (~/mine.c), ELF files in the in-place mode,
                       or raw .bin images in the others (run from their first byte);
                       a path may use only letters, digits and _ . - / + , @ (and a leading ~)
  KERNEL_BASE=0x80200000  where the kernel is linked and loaded: a multiple of 0x200000
                       up to 0x83e00000; any but 0x80200000 boots through OpenSBI's fw_dynamic.bin
  APP_BASE=$(SLOT_AFTER_KERNEL)  where app 0 is copied (default: the 2 MiB after KERNEL_BASE);
                       APP_BASE=0: the packed ELF files, loaded from where they lie into that slot
  APP_STEP=0           distance between app slots: 0 reuses one slot, 0x200000 gives each its own
                       (the slots mode: all apps loaded first, then run together, round-robin;
                       the packer refuses a layout the kernel cannot run: docs/guide/04-apps.md)
  APP_TIME_LIMIT_MS=1000  each app's time, in ms of guest time it runs, before the kernel kills it
  TIME_SLICE_MS=10     in the slots mode, the longest an app runs while another is ready to run
  LOG=warn             kernel diagnostics: error, warn, info, debug or trace (traps, syscalls)
  OPT=-O2              optimization of kernel and apps: $(OPT_LEVELS); -Og or -O0 to debug
  ICOUNT=1             QEMU counts guest instructions (-icount): exact rdinstret and rdtime
  BUILD=dir            where the build goes (default: build, and build/llvm with LLVM=1)
  OBJECTS=dir          where the objects and host programs go (default: BUILD), in a folder
                       per compiler and flags: builds given one OBJECTS compile nothing twice
  SEED=1               with make fuzz: the seed of the random apps (the same apps everywhere)
  COUNT=100            with make fuzz: how many random apps to run, from 1 to 100000
  CASES="name ..."     with make test or make bless: only these cases of tests/cases/ (suffix optional)
  LAB="time ..."       with make grade: the labs to grade (default: all: $(AVAILABLE_LABS))
  LABS="time ..."      with make handout: the labs to take out (default: all; and every lab needing one)
  OUT=dir              with make handout: where to write the handout (empty or not there yet)
  BROKEN_APPS_TABLE=kind  for tests only: pack a wrong apps table (count order size kernel ram)
endef

# The dependencies the compiler found (-MMD), of this build's objects only:
# a file that an earlier build left (of a source since deleted or moved)
# is never read, so it can never stop this build.
# Not a search of all $(BUILD) either: the folders of other builds nest in
# build/, and reading their thousands of files made every make a second
# slower. Nor are they read by a make that builds nothing (`make print-VAR`,
# `make help`, `make clean`: the tests run hundreds), since they hold rules
# only.
ifneq ($(filter-out print-% help clean,$(GOALS)),)
  DEPENDENCY_FILES := $(patsubst %.o,%.d,$(call objects,$(KERNEL_SOURCES) $(LINKER_SOURCES) \
                        $(LIB_SOURCES) user/start.c $(USER_SOURCES) user/bench/elf_payload.S) \
                        $(APP_OBJECTS))
  # They are never made, only read: saying so spares make a search of its
  # rules for a way to make each (which doubled the time make takes to
  # start).
  $(DEPENDENCY_FILES): ;
  -include $(DEPENDENCY_FILES)
endif
