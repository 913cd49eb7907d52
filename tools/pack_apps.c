/*
 * pack_apps: writes the assembly file that packs the user apps into the
 * kernel. The build assembles that file with the kernel, where linker/apps.c
 * reads the table `apps` it defines (struct app_meta in linker/linker.h).
 *
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

#include "linker/linker.h"

/* The table is written as .quad lines, so struct app_meta must be exactly
   three 64-bit fields followed by the addresses, with nothing in between. */
_Static_assert(offsetof(struct app_meta, base) == 0, "base is .quad 0");
_Static_assert(offsetof(struct app_meta, step) == 8, "step is .quad 1");
_Static_assert(offsetof(struct app_meta, count) == 16, "count is .quad 2");
_Static_assert(offsetof(struct app_meta, first) == 24, "addr[0] is .quad 3");

/* An image must fit in the slot it is copied to. */
#define SLOT_SIZE ((uint64_t)APP_SLOT_SIZE)
/* The kernel's slots start on 2 MiB boundaries, so base must be one. */
#define BASE_ALIGNMENT ((uint64_t)0x200000)

#define USAGE_LINE                                                             \
    "usage: pack_apps --base ADDRESS --step BYTES --output FILE.S "            \
    "[--broken KIND] NAME=PATH... (pack_apps --help explains)\n"

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
    {"size", BROKEN_SIZE, "the last image ends 0x200001 bytes after its start"},
    {"kernel", BROKEN_KERNEL, "base is 0x80200000, on top of the kernel"},
    {"ram", BROKEN_RAM, "base is 0x10000000, outside RAM"},
};
#define BROKEN_KIND_COUNT (sizeof(broken_kinds) / sizeof(broken_kinds[0]))

#define BROKEN_COUNT_VALUE  ((uint64_t)1 << 40)
#define BROKEN_SIZE_EXTRA   (SLOT_SIZE + 1)
#define BROKEN_KERNEL_VALUE ((uint64_t)0x80200000)
#define BROKEN_RAM_VALUE    ((uint64_t)0x10000000)

/* One NAME=PATH argument, checked. */
struct app {
    const char *name;
    const char *path;    /* as given, for messages */
    char *absolute_path; /* for .incbin, so any working directory works */
    unsigned long long size;
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
    enum broken broken;
    struct app *apps;
    size_t app_count;
    struct address_row *rows; /* app_count + 1 of them */
};

static void print_help(void) {
    printf(USAGE_LINE
           "\n"
           "Writes FILE.S, assembly that packs the images PATH into the "
           "kernel, in order,\n"
           "with the table `apps` that linker/apps.c reads (struct app_meta "
           "in\n"
           "linker/linker.h) and the names, NUL-terminated, in `app_names`.\n"
           "\n"
           "  --base ADDRESS   where app 0 is copied: a multiple of 0x200000, "
           "or 0 to use\n"
           "                   the images where they lie (in place)\n"
           "  --step BYTES     from one app's slot to the next: 0 (every app "
           "reuses one\n"
           "                   slot) or at least 0x200000\n"
           "  --output FILE.S  the file to write; on any error it is left as "
           "it was\n"
           "  NAME=PATH        an app: NAME made of A-Z a-z 0-9 _ . -, PATH an "
           "image of at\n"
           "                   most 0x200000 bytes; any number, repeats "
           "allowed\n"
           "  --broken KIND    ONLY TO TEST THE KERNEL'S TABLE CHECKS: writes "
           "a wrong table\n"
           "                   (that still assembles). KIND is one of:\n");
    for (size_t i = 0; i < BROKEN_KIND_COUNT; i++)
        printf("                     %-7s %s\n", broken_kinds[i].name,
               broken_kinds[i].what);
    printf("ADDRESS and BYTES are hex with 0x, or decimal without a leading "
           "zero.\n");
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

static enum broken parse_broken(const char *text) {
    for (size_t i = 0; i < BROKEN_KIND_COUNT; i++) {
        if (strcmp(text, broken_kinds[i].name) == 0)
            return broken_kinds[i].kind;
    }
    fail("--broken '%s' is not one of count, order, size, kernel, ram",
         printable(text));
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
    const char *allowed = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                          "0123456789_.-";
    if (app->name[strspn(app->name, allowed)] != '\0')
        fail("app name '%s' may only use the characters A-Z a-z 0-9 _ . -",
             printable(app->name));
}

/* Makes sure the image can be read and fits in a slot, and finds the
   absolute path the assembler will read it from. */
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
    app->size = (unsigned long long)status.st_size;
    if (app->size > SLOT_SIZE)
        fail("image '%s' (%s) is %llu bytes, more than the 0x%llx bytes of a "
             "slot",
             name, path, app->size, (unsigned long long)SLOT_SIZE);
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
        table->rows[count] = (struct address_row){.label = count - 1,
                                                  .extra = BROKEN_SIZE_EXTRA};
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
    fprintf(out,
            "/*\n"
            " * Generated by tools/pack_apps.c: do not edit, run it again.\n"
            " * The apps table `apps` (struct app_meta in linker/linker.h) "
            "that\n"
            " * linker/apps.c reads: base, step, count, then count + 1 "
            "addresses,\n"
            " * where each image starts and where the last one ends; image i "
            "is\n"
            " * [addr[i], addr[i + 1]). Then the images, back to back, and "
            "the\n"
            " * names in `app_names`, one NUL-terminated string per app.\n");
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
    fprintf(out, "    .globl apps\n");
    fprintf(out, "    .type apps, @object\n");
    fprintf(out, "apps:\n");
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
    fprintf(out, "    .size apps, . - apps\n\n");

    /* No padding between images: image i is exactly [addr[i], addr[i+1]). */
    for (size_t i = 0; i < count; i++) {
        const struct app *app = &table->apps[i];
        fprintf(out, ".Lapps_addr_%zu: /* app %zu, %s: %llu bytes */\n", i, i,
                app->name, app->size);
        fprintf(out, "    .incbin ");
        write_string(out, app->absolute_path);
        fprintf(out, "\n");
    }
    fprintf(out, ".Lapps_addr_%zu: /* end of the last app */\n\n", count);

    fprintf(out, "    .globl app_names\n");
    fprintf(out, "    .type app_names, @object\n");
    fprintf(out, "app_names:\n");
    for (size_t i = 0; i < count; i++) {
        fprintf(out, "    .string ");
        write_string(out, table->apps[i].name);
        fprintf(out, "\n");
    }
    fprintf(out, "    .size app_names, . - app_names\n");
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

/* Where an option's value goes, or NULL for an unknown option. */
struct option_values {
    const char *base, *step, *output, *broken;
};

static const char **option_slot(struct option_values *values,
                                const char *option) {
    if (strcmp(option, "--base") == 0)
        return &values->base;
    if (strcmp(option, "--step") == 0)
        return &values->step;
    if (strcmp(option, "--output") == 0)
        return &values->output;
    if (strcmp(option, "--broken") == 0)
        return &values->broken;
    return NULL;
}

int main(int argc, char **argv) {
    struct option_values values = {0};
    struct table table = {0};
    /* At most argc - 1 apps; one more so that calloc never gets 0. */
    table.apps = calloc((size_t)argc + 1, sizeof(*table.apps));
    if (table.apps == NULL)
        fail("out of memory");

    /* 1. Sort the arguments into options and apps. */
    bool options_done = false;
    for (int i = 1; i < argc; i++) {
        char *argument = argv[i];
        if (options_done || argument[0] != '-') {
            parse_app(argument, &table.apps[table.app_count++]);
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
        if (slot == NULL)
            fail_usage("unknown option '%s'", printable(argument));
        if (i + 1 == argc)
            fail_usage("option %s needs a value", argument);
        if (*slot != NULL)
            fail_usage("option %s given twice", argument);
        *slot = argv[++i];
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
    if (table.base % BASE_ALIGNMENT != 0)
        fail("--base 0x%llx is not a multiple of 0x%llx (2 MiB); 0 means "
             "in place",
             (unsigned long long)table.base,
             (unsigned long long)BASE_ALIGNMENT);
    if (table.step != 0 && table.step < SLOT_SIZE)
        fail("--step 0x%llx is neither 0 (one slot for all apps) nor at "
             "least 0x%llx (a slot)",
             (unsigned long long)table.step, (unsigned long long)SLOT_SIZE);
    if (values.broken != NULL)
        table.broken = parse_broken(values.broken);
    for (size_t i = 0; i < table.app_count; i++)
        check_image(&table.apps[i]);

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
