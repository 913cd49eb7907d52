/*
 * pack_apps: writes the assembly file that packs the user apps into the
 * kernel. The kernel's build assembles that file with the kernel, where
 * linker/apps.c reads the table `apps` it defines (struct app_meta in
 * linker/linker.h). Before it writes a byte, it runs the kernel's own check
 * of the table (linker/apps_check.c) on the layout asked for, so that a
 * layout the kernel would refuse at boot is refused here, before any kernel
 * is built.
 *
 * Build: cc -o pack_apps linker/host/pack_apps.c linker/apps_check.c
 * Usage: pack_apps --base ADDRESS --step BYTES --output FILE.S NAME=PATH...
 *        (`pack_apps --help` explains every option)
 */
#define _XOPEN_SOURCE 700 /* realpath() and stat() are POSIX, not C11 */

#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../linker.h"

/* The table is written as .quad lines, so struct app_meta must be exactly
   three 64-bit fields followed by the addresses, with nothing in between. */
_Static_assert(offsetof(struct app_meta, base) == 0, "base is .quad 0");
_Static_assert(offsetof(struct app_meta, step) == 8, "step is .quad 1");
_Static_assert(offsetof(struct app_meta, count) == 16, "count is .quad 2");
_Static_assert(offsetof(struct app_meta, first) == 24, "addr[0] is .quad 3");

#define USAGE_LINE                                                             \
    "usage: pack_apps --base ADDRESS --step BYTES --output FILE.S "            \
    "[OPTION...] NAME=PATH... (pack_apps --help explains)\n"

/* Names of apps and of reserved ranges: what the kernel's lines show. */
#define NAME_CHARACTERS                                                        \
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-"

/* The kinds of wrong table --broken writes, for the kernel's tests. */
enum broken {
    BROKEN_NONE,
    BROKEN_COUNT,  /* count is absurdly large */
    BROKEN_ORDER,  /* two addresses swapped: they no longer increase */
    BROKEN_SIZE,   /* the last image claims more than a slot */
    BROKEN_KERNEL, /* base on top of the kernel */
    BROKEN_RAM,    /* base outside RAM */
};

static const struct {
    const char *name;
    enum broken kind;
    const char *what;
} broken_kinds[] = {
    {"count", BROKEN_COUNT, "count is 1 << 40"},
    {"order", BROKEN_ORDER,
     "the first non-empty image's start and end are swapped"},
    {"size", BROKEN_SIZE,
     "the last image ends a slot and a byte after its "
     "start"},
    {"kernel", BROKEN_KERNEL, "base is 0x80200000, on top of the kernel"},
    {"ram", BROKEN_RAM, "base is 0x10000000, outside RAM"},
};
#define BROKEN_KIND_COUNT (sizeof(broken_kinds) / sizeof(broken_kinds[0]))

#define BROKEN_COUNT_VALUE  ((uint64_t)1 << 40)
#define BROKEN_KERNEL_VALUE ((uint64_t)0x80200000)
#define BROKEN_RAM_VALUE    ((uint64_t)0x10000000)

/* One NAME=PATH argument, checked. */
struct app {
    const char *name;
    const char *path;    /* as given, for messages */
    char *absolute_path; /* for .incbin, so any working directory works */
    uint64_t size;
};

/* One row of the address list: the label .Lapps_addr_<label>, plus extra
   bytes. Without --broken, row i is simply label i and extra 0. */
struct address_row {
    size_t label;
    uint64_t extra;
};

/* Everything the output needs, known before a single byte is written. */
struct table {
    uint64_t base, step, count;
    const char *symbol;       /* `apps`, or --symbol */
    const char *names_symbol; /* `app_names`, or SYMBOL_names */
    enum broken broken;
    uint64_t slot_size;
    struct app *apps;
    size_t app_count, app_room;
    struct address_row *rows; /* app_count + 1 of them */
};

/* What the machine is, as far as the options tell: the kernel's check
   runs on these limits. */
#define MAX_RESERVED 16
struct machine {
    struct linker_apps_limits limits;
    bool has_kernel_base;
    uint64_t kernel_base;
    /* --reserve's ranges, then the kernel's */
    struct linker_range reserved[MAX_RESERVED + 1];
    size_t reserved_given;
};

static void print_help(void) {
    printf(
        USAGE_LINE
        "\n"
        "Writes FILE.S, assembly that packs the images PATH into the kernel, "
        "in order,\n"
        "with the table `apps` that linker/apps.c reads (struct app_meta in\n"
        "linker/linker.h) and the names, NUL-terminated, in `app_names`. It "
        "first\n"
        "checks the layout as the kernel will (linker_apps_check), and "
        "refuses one that\n"
        "the kernel would refuse, naming the app and the problem.\n"
        "\n"
        "The table:\n"
        "  --base ADDRESS   where app 0 is copied, a multiple of the slot "
        "size; 0 to use\n"
        "                   the images where they lie (in place)\n"
        "  --step BYTES     from one app's slot to the next: 0 (every app "
        "reuses one\n"
        "                   slot) or a multiple of the slot size\n"
        "  --slot BYTES     the slot size (default 0x%lx, APP_SLOT_SIZE): "
        "no image may be\n"
        "                   larger; compile linker/ with the same "
        "-DAPP_SLOT_SIZE\n"
        "  --symbol NAME    the table's symbol (default apps); the names "
        "are then\n"
        "                   NAME_names; compile linker/apps.c with\n"
        "                   -DLINKER_APPS_SYMBOL=NAME\n"
        "  --output FILE.S  the file to write; on any error it is left as "
        "it was\n"
        "  NAME=PATH        an app: NAME made of A-Z a-z 0-9 _ . -, PATH its "
        "image;\n"
        "                   any number, repeats allowed\n"
        "  --apps-file FILE more NAME=PATH, one a line (for lists too long "
        "for a\n"
        "                   command line)\n"
        "The machine (each left out is not checked):\n"
        "  --ram START..END           every slot must lie in RAM\n"
        "  --reserve NAME=START..END  no slot may meet this range (the "
        "firmware...);\n"
        "                             up to %d\n"
        "  --kernel-base ADDRESS      where the kernel starts: no slot may "
        "meet it. Its\n"
        "                             end is not known yet: it holds at "
        "least the\n"
        "                             packed apps, and the packer counts "
        "that much\n"
        "  --in-place-slot ADDRESS    with --base 0, the slot every app is "
        "loaded into\n"
        "Tests only:\n"
        "  --broken KIND    ONLY TO TEST THE KERNEL'S TABLE CHECKS: checks "
        "the table\n"
        "                   asked for, then writes it wrong (it still "
        "assembles).\n"
        "                   KIND is one of:\n",
        (unsigned long)APP_SLOT_SIZE, MAX_RESERVED);
    for (size_t i = 0; i < BROKEN_KIND_COUNT; i++)
        printf("                     %-7s %s\n", broken_kinds[i].name,
               broken_kinds[i].what);
    printf("ADDRESS, BYTES, START and END are hex with 0x, or decimal without "
           "a leading zero.\n");
}

/* Prints "pack_apps: MESSAGE" on one line of stderr. */
static void print_error(const char *format, va_list args) {
    fputs("pack_apps: ", stderr);
    vfprintf(stderr, format, args);
    fputc('\n', stderr);
}

/* Prints the message and exits. Nothing has been written yet when this is
   called, so there is nothing to clean up. */
__attribute__((noreturn, format(printf, 1, 2))) static void
fail(const char *format, ...) {
    va_list args;
    va_start(args, format);
    print_error(format, args);
    va_end(args);
    exit(1);
}

/* The same, for a command line of the wrong shape: adds the usage line. */
__attribute__((noreturn, format(printf, 1, 2))) static void
fail_usage(const char *format, ...) {
    va_list args;
    va_start(args, format);
    print_error(format, args);
    va_end(args);
    fputs(USAGE_LINE, stderr);
    exit(1);
}

/* A copy of text for an error message, with control characters replaced by
   '?', so that every message stays on one line. Never freed: the program
   exits right after printing it. */
static char *printable(const char *text) {
    char *copy = strdup(text);
    if (copy == NULL)
        fail("out of memory");
    for (char *c = copy; *c != '\0'; c++) {
        if ((unsigned char)*c < 0x20 || *c == 0x7f)
            *c = '?';
    }
    return copy;
}

/* Reads an address or a size in the one syntax of the whole build: hex with
   0x, or decimal without a leading zero (0 itself is one), so that 010 is
   never octal here and ten elsewhere. Anything else (a sign, spaces, a
   suffix, 0X, too many digits) is refused. */
static uint64_t parse_number(const char *option, const char *text) {
    bool hex = strncmp(text, "0x", 2) == 0;
    const char *digits = hex ? text + 2 : text;
    const char *allowed = hex ? "0123456789abcdefABCDEF" : "0123456789";
    if (digits[0] == '\0' || digits[strspn(digits, allowed)] != '\0')
        fail("%s '%s' is not a number (write it in hex with 0x, or in "
             "decimal)",
             option, printable(text));
    if (!hex && digits[0] == '0' && digits[1] != '\0')
        fail("%s '%s' has a leading zero (write it in hex with 0x, or in "
             "decimal without one)",
             option, printable(text));
    errno = 0;
    unsigned long long value = strtoull(digits, NULL, hex ? 16 : 10);
    if (errno == ERANGE)
        fail("%s '%s' is too large for 64 bits", option, printable(text));
    return value;
}

/* Reads START..END into range, which must not be empty. */
static void parse_range(const char *option, const char *text,
                        struct linker_range *range) {
    const char *dots = strstr(text, "..");
    if (dots == NULL)
        fail("%s '%s' is not START..END", option, printable(text));
    char *start = strndup(text, (size_t)(dots - text));
    if (start == NULL)
        fail("out of memory");
    range->start = parse_number(option, start);
    range->end = parse_number(option, dots + 2);
    free(start);
    if (range->end <= range->start)
        fail("%s '%s' is empty: END must be above START", option,
             printable(text));
}

static enum broken parse_broken(const char *text) {
    for (size_t i = 0; i < BROKEN_KIND_COUNT; i++) {
        if (strcmp(text, broken_kinds[i].name) == 0)
            return broken_kinds[i].kind;
    }
    fail("--broken '%s' is not one of count, order, size, kernel, ram",
         printable(text));
}

/* A symbol name the assembler and C both take: a C identifier. */
static void check_symbol(const char *symbol) {
    const char *first = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_";
    if (symbol[0] == '\0' || strchr(first, symbol[0]) == NULL ||
        symbol[strspn(symbol, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrst"
                              "uvwxyz0123456789_")] != '\0' ||
        strlen(symbol) > 200)
        fail("--symbol '%s' is not a C identifier", printable(symbol));
}

/* Splits NAME=PATH at the first '=' (a path may contain more) and checks
   the name, which the kernel prints and tests match on. */
static void parse_app(char *argument, struct app *app) {
    char *equals = strchr(argument, '=');
    if (equals == NULL)
        fail_usage("'%s' is not NAME=PATH", printable(argument));
    if (equals == argument)
        fail("empty app name in '%s'", printable(argument));
    if (equals[1] == '\0')
        fail("empty path in '%s'", printable(argument));
    *equals = '\0';
    app->name = argument;
    app->path = equals + 1;
    if (app->name[strspn(app->name, NAME_CHARACTERS)] != '\0')
        fail("app name '%s' may only use the characters A-Z a-z 0-9 _ . -",
             printable(app->name));
}

/* Makes room for one more app and parses it. */
static void add_app(struct table *table, char *argument) {
    if (table->app_count == table->app_room) {
        table->app_room = table->app_room * 2 + 16;
        table->apps =
            realloc(table->apps, table->app_room * sizeof(*table->apps));
        if (table->apps == NULL)
            fail("out of memory");
    }
    struct app *app = &table->apps[table->app_count++];
    *app = (struct app){0};
    parse_app(argument, app);
}

/* --apps-file: one NAME=PATH a line; a path holds no newline then. */
static void read_apps_file(struct table *table, const char *path) {
    FILE *file = fopen(path, "r");
    if (file == NULL)
        fail("cannot read --apps-file %s: %s", printable(path),
             strerror(errno));
    char *line = NULL;
    size_t room = 0;
    ssize_t length;
    while ((length = getline(&line, &room, file)) != -1) {
        if (length > 0 && line[length - 1] == '\n')
            line[--length] = '\0';
        if (length == 0)
            continue;
        char *copy = strdup(line);
        if (copy == NULL)
            fail("out of memory");
        add_app(table, copy);
    }
    bool failed = ferror(file);
    free(line);
    fclose(file);
    if (failed)
        fail("cannot read --apps-file %s", printable(path));
}

/* Makes sure the image can be read, and finds its size and the absolute
   path the assembler will read it from. */
static void check_image(struct app *app) {
    const char *name = app->name, *path = printable(app->path);
    app->absolute_path = realpath(app->path, NULL);
    if (app->absolute_path == NULL)
        fail("cannot read image '%s' (%s): %s", name, path, strerror(errno));
    struct stat status;
    if (stat(app->absolute_path, &status) != 0)
        fail("cannot read image '%s' (%s): %s", name, path, strerror(errno));
    if (!S_ISREG(status.st_mode))
        fail("cannot read image '%s' (%s): not a regular file", name, path);
    FILE *file = fopen(app->absolute_path, "rb");
    if (file == NULL)
        fail("cannot read image '%s' (%s): %s", name, path, strerror(errno));
    fclose(file);
    app->size = (uint64_t)status.st_size;
}

/* The bytes the packed apps add to the kernel: the table, the images and
   the names. The kernel is at least that large. */
static uint64_t packed_bytes(const struct table *table) {
    uint64_t bytes = sizeof(uint64_t) * (4 + (uint64_t)table->app_count);
    for (size_t i = 0; i < table->app_count; i++) {
        const struct app *app = &table->apps[i];
        if (app->size > ((uint64_t)1 << 40))
            fail("image '%s' (%s) is %llu bytes: no kernel holds that much",
                 app->name, printable(app->path),
                 (unsigned long long)app->size);
        bytes += app->size + strlen(app->name) + 1;
    }
    return bytes;
}

/*
 * Runs the kernel's check on the table this run will write. The table is
 * built in memory as the kernel will see it, addresses and all, except
 * that its images lie in no real memory: only their addresses are read.
 * The kernel's end is not known before the kernel is built, so the range
 * reserved for it is its base plus what the packed apps add, a floor: a
 * layout refused here is refused at boot too; one that passes may still
 * be refused at boot, by the kernel's own check, if its code is large.
 */
static void check_layout(const struct table *table, struct machine *machine) {
    size_t count = table->app_count;
    uint64_t *memory = calloc(4 + count, sizeof(uint64_t));
    if (memory == NULL)
        fail("out of memory");
    struct app_meta *meta = (struct app_meta *)memory;
    meta->base = table->base;
    meta->step = table->step;
    meta->count = count;
    uint64_t *addresses = &meta->first;
    uint64_t at = (uintptr_t)(memory + 4 + count);
    addresses[0] = at;
    for (size_t i = 0; i < count; i++) {
        at += table->apps[i].size;
        addresses[i + 1] = at;
    }

    struct linker_apps_limits *limits = &machine->limits;
    limits->slot_size = table->slot_size;
    limits->images =
        (struct linker_range){"the packed apps", (uintptr_t)memory, at};
    limits->reserved = machine->reserved;
    limits->reserved_count = machine->reserved_given;
    if (machine->has_kernel_base) {
        uint64_t base = machine->kernel_base, bytes = packed_bytes(table);
        if (bytes > UINT64_MAX - base)
            fail("--kernel-base 0x%llx: the kernel and its %llu bytes of "
                 "apps run past the end of memory",
                 (unsigned long long)base, (unsigned long long)bytes);
        machine->reserved[limits->reserved_count++] = (struct linker_range){
            "the kernel with its packed apps (at least)", base, base + bytes};
    }

    struct linker_apps_problem problem;
    if (!linker_apps_check(meta, limits, &problem)) {
        if (problem.app == LINKER_APPS_WHOLE_TABLE)
            fail("%s", problem.message);
        const struct app *app = &table->apps[problem.app];
        fail("%s; app %llu is '%s', %s", problem.message,
             (unsigned long long)problem.app, app->name, printable(app->path));
    }
    free(memory);
}

/* Fills in the address rows, breaking them on purpose for --broken. */
static void plan_addresses(struct table *table) {
    size_t count = table->app_count;
    table->rows = calloc(count + 1, sizeof(*table->rows));
    if (table->rows == NULL)
        fail("out of memory");
    for (size_t i = 0; i <= count; i++)
        table->rows[i] = (struct address_row){.label = i, .extra = 0};

    if (table->broken == BROKEN_ORDER) {
        /* Swapping the two ends of an empty image would change nothing. */
        size_t i = 0;
        while (i < count && table->apps[i].size == 0)
            i++;
        if (i == count)
            fail("--broken order needs at least one non-empty image");
        table->rows[i].label = i + 1;
        table->rows[i + 1].label = i;
    } else if (table->broken == BROKEN_SIZE) {
        if (count == 0)
            fail("--broken size needs at least one image");
        table->rows[count] = (struct address_row){
            .label = count - 1, .extra = table->slot_size + 1};
    }
}

/* Writes text as an assembler string that reads back byte for byte: '"' and
   '\' escaped, and as a three-digit octal escape every byte that is not
   printable ASCII, and '?' (the C preprocessor that runs over a .S file
   could take "??" for the start of a trigraph). */
static void write_string(FILE *out, const char *text) {
    fputc('"', out);
    for (const unsigned char *c = (const unsigned char *)text; *c != '\0';
         c++) {
        if (*c == '"' || *c == '\\')
            fprintf(out, "\\%c", *c);
        else if (*c < 0x20 || *c > 0x7e || *c == '?')
            fprintf(out, "\\%03o", *c);
        else
            fputc(*c, out);
    }
    fputc('"', out);
}

/* Comments are C comments: the file is a .S, so the C preprocessor runs
   first, and a '#' at the start of a line would be a directive to it. */
static void write_assembly(FILE *out, const struct table *table) {
    size_t count = table->app_count;
    const char *symbol = table->symbol, *names = table->names_symbol;
    fprintf(out,
            "/*\n"
            " * Generated by linker/host/pack_apps.c: do not edit, run it "
            "again.\n"
            " * The apps table `%s` (struct app_meta in linker/linker.h) that\n"
            " * linker/apps.c reads: base, step, count, then count + 1 "
            "addresses,\n"
            " * where each image starts and where the last one ends; image i "
            "is\n"
            " * [addr[i], addr[i + 1]). Then the images, back to back, and "
            "the\n"
            " * names in `%s`, one NUL-terminated string per app.\n",
            symbol, names);
    for (size_t i = 0; i < BROKEN_KIND_COUNT; i++) {
        if (broken_kinds[i].kind == table->broken)
            fprintf(out,
                    " *\n"
                    " * BROKEN ON PURPOSE (--broken %s), to test the "
                    "kernel's checks:\n"
                    " * %s.\n",
                    broken_kinds[i].name, broken_kinds[i].what);
    }
    fprintf(out, " */\n\n");

    fprintf(out, "    .section .rodata.apps, \"a\", @progbits\n");
    fprintf(out, "    .balign 8\n");
    fprintf(out, "    .globl %s\n", symbol);
    fprintf(out, "    .type %s, @object\n", symbol);
    fprintf(out, "%s:\n", symbol);
    fprintf(out, "    .quad 0x%llx /* base */\n",
            (unsigned long long)table->base);
    fprintf(out, "    .quad 0x%llx /* step */\n",
            (unsigned long long)table->step);
    fprintf(out, "    .quad %llu /* count */\n",
            (unsigned long long)table->count);
    for (size_t i = 0; i <= count; i++) {
        const struct address_row *row = &table->rows[i];
        fprintf(out, "    .quad .Lapps_addr_%zu", row->label);
        if (row->extra != 0)
            fprintf(out, " + 0x%llx", (unsigned long long)row->extra);
        if (i < count)
            fprintf(out, " /* addr[%zu]: start of app %zu, %s */\n", i, i,
                    table->apps[i].name);
        else
            fprintf(out, " /* addr[%zu]: end of the last app */\n", i);
    }
    fprintf(out, "    .size %s, . - %s\n\n", symbol, symbol);

    /* No padding between images: image i is exactly [addr[i], addr[i+1]). */
    for (size_t i = 0; i < count; i++) {
        const struct app *app = &table->apps[i];
        fprintf(out, ".Lapps_addr_%zu: /* app %zu, %s: %llu bytes */\n", i, i,
                app->name, (unsigned long long)app->size);
        fprintf(out, "    .incbin ");
        write_string(out, app->absolute_path);
        fprintf(out, "\n");
    }
    fprintf(out, ".Lapps_addr_%zu: /* end of the last app */\n\n", count);

    fprintf(out, "    .globl %s\n", names);
    fprintf(out, "    .type %s, @object\n", names);
    fprintf(out, "%s:\n", names);
    for (size_t i = 0; i < count; i++) {
        fprintf(out, "    .string ");
        write_string(out, table->apps[i].name);
        fprintf(out, "\n");
    }
    fprintf(out, "    .size %s, . - %s\n", names, names);
}

/* Writes OUTPUT.tmp and renames it to OUTPUT only once it is complete, so
   that a failure never leaves a partial OUTPUT or truncates an old one. */
static void write_output(const char *output, const struct table *table) {
    char *temporary = malloc(strlen(output) + sizeof(".tmp"));
    if (temporary == NULL)
        fail("out of memory");
    sprintf(temporary, "%s.tmp", output);

    FILE *out = fopen(temporary, "w");
    if (out == NULL)
        fail("cannot create %s: %s", printable(temporary), strerror(errno));
    write_assembly(out, table);
    bool written = !ferror(out);
    if (fclose(out) != 0)
        written = false;
    if (!written) {
        remove(temporary);
        fail("cannot write %s", printable(temporary));
    }
    if (rename(temporary, output) != 0) {
        int error = errno;
        remove(temporary);
        fail("cannot rename %s to %s: %s", printable(temporary),
             printable(output), strerror(error));
    }
    free(temporary);
}

/* The options that take one value, given at most once. */
struct option_values {
    const char *base, *step, *output, *broken, *slot, *symbol, *ram,
        *kernel_base, *in_place_slot;
};

/* Where a single-valued option's value goes, or NULL if it is not one. */
static const char **option_slot(struct option_values *values,
                                const char *option) {
    static const struct {
        const char *name;
        size_t offset;
    } options[] = {
        {"--base", offsetof(struct option_values, base)},
        {"--step", offsetof(struct option_values, step)},
        {"--output", offsetof(struct option_values, output)},
        {"--broken", offsetof(struct option_values, broken)},
        {"--slot", offsetof(struct option_values, slot)},
        {"--symbol", offsetof(struct option_values, symbol)},
        {"--ram", offsetof(struct option_values, ram)},
        {"--kernel-base", offsetof(struct option_values, kernel_base)},
        {"--in-place-slot", offsetof(struct option_values, in_place_slot)},
    };
    for (size_t i = 0; i < sizeof(options) / sizeof(options[0]); i++) {
        if (strcmp(option, options[i].name) == 0)
            return (const char **)((char *)values + options[i].offset);
    }
    return NULL;
}

/* --reserve NAME=START..END, once per range. */
static void add_reserved(struct machine *machine, char *argument) {
    char *equals = strchr(argument, '=');
    if (equals == NULL || equals == argument)
        fail("--reserve '%s' is not NAME=START..END", printable(argument));
    *equals = '\0';
    if (argument[strspn(argument, NAME_CHARACTERS)] != '\0')
        fail("--reserve name '%s' may only use the characters A-Z a-z 0-9 "
             "_ . -",
             printable(argument));
    if (machine->reserved_given == MAX_RESERVED)
        fail("--reserve given more than %d times", MAX_RESERVED);
    struct linker_range *range = &machine->reserved[machine->reserved_given++];
    range->name = argument;
    parse_range("--reserve", equals + 1, range);
}

int main(int argc, char **argv) {
    struct option_values values = {0};
    struct table table = {0};
    struct machine machine = {0};

    /* 1. Sort the arguments into options and apps. */
    bool options_done = false;
    for (int i = 1; i < argc; i++) {
        char *argument = argv[i];
        if (options_done || argument[0] != '-') {
            add_app(&table, argument);
            continue;
        }
        if (strcmp(argument, "--") == 0) {
            options_done = true; /* an app name may start with '-' */
            continue;
        }
        if (strcmp(argument, "--help") == 0 || strcmp(argument, "-h") == 0) {
            print_help();
            return 0;
        }
        const char **slot = option_slot(&values, argument);
        bool repeatable = strcmp(argument, "--reserve") == 0 ||
                          strcmp(argument, "--apps-file") == 0;
        if (slot == NULL && !repeatable)
            fail_usage("unknown option '%s'", printable(argument));
        if (i + 1 == argc)
            fail_usage("option %s needs a value", argument);
        char *value = argv[++i];
        if (strcmp(argument, "--reserve") == 0)
            add_reserved(&machine, value);
        else if (strcmp(argument, "--apps-file") == 0)
            read_apps_file(&table, value);
        else if (*slot != NULL)
            fail_usage("option %s given twice", argument);
        else
            *slot = value;
    }
    if (values.base == NULL)
        fail_usage("missing --base ADDRESS");
    if (values.step == NULL)
        fail_usage("missing --step BYTES");
    if (values.output == NULL)
        fail_usage("missing --output FILE.S");

    /* 2. Check every value, before anything is written. */
    table.base = parse_number("--base", values.base);
    table.step = parse_number("--step", values.step);
    table.slot_size = APP_SLOT_SIZE;
    if (values.slot != NULL) {
        table.slot_size = parse_number("--slot", values.slot);
        if (table.slot_size == 0)
            fail("--slot 0: a slot holds at least one byte");
    }
    table.symbol = values.symbol != NULL ? values.symbol : "apps";
    check_symbol(table.symbol);
    if (strcmp(table.symbol, "apps") == 0) {
        table.names_symbol = "app_names";
    } else {
        char *names = malloc(strlen(table.symbol) + sizeof("_names"));
        if (names == NULL)
            fail("out of memory");
        sprintf(names, "%s_names", table.symbol);
        table.names_symbol = names;
    }
    if (values.ram != NULL) {
        machine.limits.ram.name = "RAM";
        parse_range("--ram", values.ram, &machine.limits.ram);
    }
    if (values.kernel_base != NULL) {
        machine.has_kernel_base = true;
        machine.kernel_base = parse_number("--kernel-base", values.kernel_base);
    }
    if (values.in_place_slot != NULL)
        machine.limits.in_place_slot =
            parse_number("--in-place-slot", values.in_place_slot);
    if (values.broken != NULL)
        table.broken = parse_broken(values.broken);
    for (size_t i = 0; i < table.app_count; i++)
        check_image(&table.apps[i]);
    check_layout(&table, &machine);

    /* 3. Decide the table's values, broken on purpose if asked to. */
    table.count = table.app_count;
    if (table.broken == BROKEN_COUNT)
        table.count = BROKEN_COUNT_VALUE;
    else if (table.broken == BROKEN_KERNEL)
        table.base = BROKEN_KERNEL_VALUE;
    else if (table.broken == BROKEN_RAM)
        table.base = BROKEN_RAM_VALUE;
    plan_addresses(&table);

    /* 4. Write it. */
    write_output(values.output, &table);
    return 0;
}
