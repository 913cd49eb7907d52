/*
 * decode_addresses: names the code behind the kernel's kill and panic
 * lines, on the host, as Linux's scripts/decode_stacktrace.sh does for its
 * oopses. It copies the kernel's console output through as it comes (a
 * prompt without a newline shows at once) and, after each line that kills
 * an app or panics the kernel at a pc, adds the function and file:line of
 * that pc, and of a fault's address when it lies in the same program:
 *
 *   [kernel] app 0 mine: killed: store page fault at 0x0, pc 0x8040001c
 *       at main (/home/student/mine.c:7)
 *
 * The kernel's own output is not changed by a byte. Which ELF file holds
 * whose symbols comes from the list make writes beside the kernel,
 * $(BUILD)/symbol-files; addr2line (the build's, named there) does the
 * rest. `make qemu` and `make qemu-gdb` run QEMU through it.
 *
 * Usage: decode_addresses SYMBOL-FILES < TRANSCRIPT   (a saved run)
 *        decode_addresses SYMBOL-FILES -- COMMAND...  (runs COMMAND, such
 *               as QEMU, decodes its output, exits with its status)
 */
#define _XOPEN_SOURCE 700 /* fork, pipe, sigaction, getcwd are POSIX */

#include <elf.h>
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#define USAGE                                                                  \
    "usage: decode_addresses SYMBOL-FILES [-- COMMAND...]\n"                   \
    "  copies a transcript of the kernel (stdin, or what COMMAND prints) to "  \
    "stdout\n"                                                                 \
    "  and follows each kill or panic line with the code at its addresses.\n"  \
    "  SYMBOL-FILES is the list make writes beside the kernel "                \
    "(build/symbol-files).\n"

/* Longer lines are passed through but not decoded: no kernel line is. */
#define LINE_MAX_BYTES 1024
#define MAX_LOADS      8

/* What one ELF file tells: where its loaded segments lie, and its symbol
   table, for addresses addr2line cannot place (data). */
struct program {
    char *path; /* NULL: none (a raw image) */
    uint64_t load_start[MAX_LOADS], load_end[MAX_LOADS];
    size_t load_count;
    Elf64_Sym *symbols;
    size_t symbol_count;
    char *names; /* the symbol table's string table */
    size_t names_size;
};

struct app {
    unsigned long index;
    char *name;
    struct program program;
};

static const char *addr2line = "addr2line";
static struct program kernel;
static struct app *apps;
static size_t app_count;
static char working_directory[4096];

static void die(const char *format, ...) {
    va_list args;
    va_start(args, format);
    fputs("decode_addresses: ", stderr);
    vfprintf(stderr, format, args);
    fputc('\n', stderr);
    va_end(args);
    exit(2);
}

/* size bytes of the file from offset, NUL-terminated, or NULL. */
static void *read_at(FILE *file, uint64_t offset, uint64_t size) {
    char *bytes = size < ((uint64_t)1 << 32) ? malloc(size + 1) : NULL;
    if (bytes == NULL || fseeko(file, (off_t)offset, SEEK_SET) != 0 ||
        fread(bytes, 1, size, file) != size) {
        free(bytes);
        return NULL;
    }
    bytes[size] = '\0';
    return bytes;
}

/* Reads the loaded segments and the symbol table of a 64-bit ELF file.
   Anything else (the kernel refuses such apps itself) leaves the program
   without symbols, like a raw image. */
static void program_load(struct program *program, const char *path) {
    FILE *file = fopen(path, "rb");
    if (file == NULL)
        return;
    Elf64_Ehdr *header = read_at(file, 0, sizeof(Elf64_Ehdr));
    Elf64_Phdr *segments = NULL;
    Elf64_Shdr *sections = NULL;
    if (header == NULL || memcmp(header->e_ident, ELFMAG, SELFMAG) != 0 ||
        header->e_ident[EI_CLASS] != ELFCLASS64)
        goto done;
    segments = read_at(file, header->e_phoff,
                       (uint64_t)header->e_phnum * sizeof(Elf64_Phdr));
    sections = read_at(file, header->e_shoff,
                       (uint64_t)header->e_shnum * sizeof(Elf64_Shdr));
    if (segments == NULL || sections == NULL)
        goto done;

    for (size_t i = 0; i < header->e_phnum; i++) {
        if (segments[i].p_type != PT_LOAD || segments[i].p_memsz == 0 ||
            program->load_count == MAX_LOADS)
            continue;
        program->load_start[program->load_count] = segments[i].p_vaddr;
        program->load_end[program->load_count] =
            segments[i].p_vaddr + segments[i].p_memsz;
        program->load_count++;
    }
    for (size_t i = 0; i < header->e_shnum; i++) {
        if (sections[i].sh_type != SHT_SYMTAB ||
            sections[i].sh_link >= header->e_shnum)
            continue;
        const Elf64_Shdr *strings = &sections[sections[i].sh_link];
        program->symbols =
            read_at(file, sections[i].sh_offset, sections[i].sh_size);
        program->names = read_at(file, strings->sh_offset, strings->sh_size);
        if (program->symbols != NULL && program->names != NULL) {
            program->symbol_count = sections[i].sh_size / sizeof(Elf64_Sym);
            program->names_size = strings->sh_size;
        }
        break;
    }
    program->path = strdup(path);
done:
    free(sections);
    free(segments);
    free(header);
    fclose(file);
}

static bool program_contains(const struct program *program, uint64_t address) {
    for (size_t i = 0; i < program->load_count; i++)
        if (address >= program->load_start[i] && address < program->load_end[i])
            return true;
    return false;
}

/* The data or function symbol whose extent holds address, or NULL. */
static const Elf64_Sym *symbol_at(const struct program *program,
                                  uint64_t address) {
    for (size_t i = 0; i < program->symbol_count; i++) {
        const Elf64_Sym *symbol = &program->symbols[i];
        int type = ELF64_ST_TYPE(symbol->st_info);
        if ((type == STT_OBJECT || type == STT_FUNC) &&
            symbol->st_name < program->names_size &&
            address >= symbol->st_value &&
            address - symbol->st_value < symbol->st_size)
            return symbol;
    }
    return NULL;
}

/* The list make writes: "kernel PATH", "addr2line PROGRAM", and one
   "app INDEX NAME PATH" per app, PATH "-" for a raw image. */
static void read_symbol_files(const char *list_path) {
    FILE *list = fopen(list_path, "r");
    if (list == NULL)
        die("%s: %s (make writes it with the kernel)", list_path,
            strerror(errno));
    char line[4096], word[4096], name[256];
    unsigned long index;
    for (unsigned number = 1; fgets(line, sizeof line, list) != NULL;
         number++) {
        line[strcspn(line, "\n")] = '\0';
        if (line[0] == '#' || line[0] == '\0')
            continue;
        if (sscanf(line, "kernel %4095s", word) == 1) {
            program_load(&kernel, word);
            if (kernel.path == NULL)
                die("%s: cannot read it as a 64-bit ELF file (run make?)",
                    word);
        } else if (sscanf(line, "addr2line %4095s", word) == 1) {
            addr2line = strdup(word);
        } else if (sscanf(line, "app %lu %255s %4095s", &index, name, word) ==
                   3) {
            apps = realloc(apps, (app_count + 1) * sizeof *apps);
            if (apps == NULL)
                die("out of memory");
            struct app *app = &apps[app_count++];
            *app = (struct app){.index = index, .name = strdup(name)};
            if (strcmp(word, "-") != 0)
                program_load(&app->program, word);
        } else {
            die("%s:%u: not a line of a symbol-files list: %s", list_path,
                number, line);
        }
    }
    fclose(list);
    if (kernel.path == NULL)
        die("%s: no kernel line", list_path);
}

/* Writes it all to stdout. QEMU makes its stdin non-blocking, and when
   both are the same terminal, so is our stdout: wait until it takes more. */
static void write_all(const char *bytes, size_t size) {
    while (size > 0) {
        ssize_t written = write(STDOUT_FILENO, bytes, size);
        if (written < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            struct pollfd output = {.fd = STDOUT_FILENO, .events = POLLOUT};
            poll(&output, 1, -1);
            continue;
        }
        if (written < 0 && errno == EINTR)
            continue;
        if (written <= 0)
            exit(1); /* nobody reads us any more */
        bytes += written;
        size -= (size_t)written;
    }
}

static void say(const char *format, ...) {
    char text[LINE_MAX_BYTES + 256];
    va_list args;
    va_start(args, format);
    int size = vsnprintf(text, sizeof text, format, args);
    va_end(args);
    if (size > 0)
        write_all(text,
                  (size_t)size < sizeof text ? (size_t)size : sizeof text - 1);
}

/* Runs addr2line on one address; its output (function, file:line pairs,
   the innermost inlined function first) goes to output. */
static bool run_addr2line(const char *elf, uint64_t address, char *output,
                          size_t size) {
    char address_text[32];
    snprintf(address_text, sizeof address_text, "0x%llx",
             (unsigned long long)address);
    int pipe_ends[2];
    if (pipe(pipe_ends) != 0)
        return false;
    pid_t child = fork();
    if (child < 0) {
        close(pipe_ends[0]);
        close(pipe_ends[1]);
        return false;
    }
    if (child == 0) {
        dup2(pipe_ends[1], STDOUT_FILENO);
        close(pipe_ends[0]);
        close(pipe_ends[1]);
        execlp(addr2line, addr2line, "-f", "-i", "-e", elf, address_text,
               (char *)NULL);
        fprintf(stderr, "decode_addresses: cannot run %s: %s\n", addr2line,
                strerror(errno));
        _exit(127);
    }
    close(pipe_ends[1]);
    /* Read all it says (what does not fit is dropped), or it would block. */
    size_t used = 0;
    char rest[512];
    for (;;) {
        bool room = used + 1 < size;
        ssize_t got = room ? read(pipe_ends[0], output + used, size - used - 1)
                           : read(pipe_ends[0], rest, sizeof rest);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            break;
        if (room)
            used += (size_t)got;
    }
    output[used] = '\0';
    close(pipe_ends[0]);
    int status;
    while (waitpid(child, &status, 0) < 0)
        if (errno != EINTR)
            return false;
    return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

/* A source file's path as the student knows it: relative to the folder
   decode_addresses runs in (the repository, for make), and without
   addr2line's "(discriminator N)". */
static const char *source_path(char *location) {
    char *discriminator = strstr(location, " (discriminator");
    if (discriminator != NULL)
        *discriminator = '\0';
    size_t prefix = strlen(working_directory);
    if (prefix > 0 && strncmp(location, working_directory, prefix) == 0 &&
        location[prefix] == '/')
        return location + prefix + 1;
    return location;
}

/* Prints where address is in program: "at f (file:line)", then one
   "inlined into g (file:line)" per inlined call. Returns false if
   addr2line does not know the address. */
static bool say_code(const struct program *program, uint64_t address,
                     const char *prefix) {
    char output[4096];
    if (!run_addr2line(program->path, address, output, sizeof output))
        return false;
    bool known = false;
    char *function = strtok(output, "\n");
    char *location = strtok(NULL, "\n");
    for (bool first = true; function != NULL && location != NULL;
         first = false) {
        if (strcmp(function, "??") != 0) {
            const char *path = source_path(location);
            if (strncmp(path, "??", 2) == 0)
                say("    %s%s %s\n", prefix, first ? "at" : "inlined into",
                    function);
            else
                say("    %s%s %s (%s)\n", prefix, first ? "at" : "inlined into",
                    function, path);
            known = true;
        }
        function = strtok(NULL, "\n");
        location = strtok(NULL, "\n");
    }
    return known;
}

/* Names the code at a pc, and what a fault's address is, if they lie in
   the program. */
static void decode(const struct program *program, uint64_t pc, bool has_address,
                   uint64_t address) {
    if (program->path == NULL)
        return;
    if (program_contains(program, pc))
        say_code(program, pc, "");
    if (!has_address || address == pc || !program_contains(program, address))
        return;
    char prefix[64];
    snprintf(prefix, sizeof prefix,
             "address 0x%llx: ", (unsigned long long)address);
    if (say_code(program, address, prefix))
        return;
    const Elf64_Sym *symbol = symbol_at(program, address);
    if (symbol != NULL)
        say("    %s%s+0x%llx\n", prefix, program->names + symbol->st_name,
            (unsigned long long)(address - symbol->st_value));
}

/* The number written after the last occurrence of marker ("pc 0x"). */
static bool hex_after(const char *text, const char *end, const char *marker,
                      uint64_t *value) {
    const char *found = NULL;
    for (const char *at = strstr(text, marker); at != NULL && at < end;
         at = strstr(at + 1, marker))
        found = at;
    if (found == NULL)
        return false;
    char *number_end;
    *value = strtoull(found + strlen(marker), &number_end, 16);
    return number_end != found + strlen(marker);
}

/* One whole line of the kernel's output (the output contract, SPEC.md):
     [kernel] app INDEX NAME: killed: CAUSE[ at 0xADDRESS...], pc 0xPC
     [kernel] panic: ... stval 0xADDRESS, pc 0xPC */
static void decode_line(const char *line) {
    const char *end = line + strlen(line);
    uint64_t pc, address;
    const char *app_prefix = "[kernel] app ",
               *panic_prefix = "[kernel] panic: ";
    if (strncmp(line, app_prefix, strlen(app_prefix)) == 0) {
        const char *killed = strstr(line, ": killed: ");
        char *name_start;
        unsigned long index =
            strtoul(line + strlen(app_prefix), &name_start, 10);
        if (killed == NULL || *name_start != ' ' ||
            !hex_after(killed, end, ", pc 0x", &pc))
            return;
        name_start++;
        for (size_t i = 0; i < app_count; i++) {
            size_t name_length = strlen(apps[i].name);
            if (apps[i].index == index &&
                (size_t)(killed - name_start) == name_length &&
                strncmp(name_start, apps[i].name, name_length) == 0) {
                bool has_address = hex_after(killed, strstr(killed, ", pc 0x"),
                                             " at 0x", &address);
                decode(&apps[i].program, pc, has_address, address);
            }
        }
    } else if (strncmp(line, panic_prefix, strlen(panic_prefix)) == 0 &&
               hex_after(line, end, "pc 0x", &pc)) {
        bool has_address = hex_after(line, end, "stval 0x", &address);
        decode(&kernel, pc, has_address, address);
    }
}

/* Copies everything from input to stdout at once, and decodes each line
   once it is whole. */
static void filter(int input) {
    char buffer[4096], line[LINE_MAX_BYTES + 1];
    size_t line_length = 0;
    bool line_too_long = false;
    for (;;) {
        ssize_t got = read(input, buffer, sizeof buffer);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            return;
        size_t start = 0;
        for (size_t i = 0; i < (size_t)got; i++) {
            if (buffer[i] != '\n') {
                if (line_length < LINE_MAX_BYTES)
                    line[line_length++] = buffer[i];
                else
                    line_too_long = true;
                continue;
            }
            write_all(buffer + start, i + 1 - start);
            start = i + 1;
            while (line_length > 0 && line[line_length - 1] == '\r')
                line_length--;
            line[line_length] = '\0';
            if (!line_too_long)
                decode_line(line);
            line_length = 0;
            line_too_long = false;
        }
        write_all(buffer + start, (size_t)got - start);
    }
}

static pid_t command_pid;

/* A signal to us (make interrupted, a test's timeout) is for the command. */
static void forward_signal(int signal_number) {
    kill(command_pid, signal_number);
}

/* Runs the command with its stdout into a pipe we filter; returns its exit
   status, or 128 + the signal that ended it, as a shell would. */
static int run_command(char **command) {
    int pipe_ends[2];
    if (pipe(pipe_ends) != 0)
        die("pipe: %s", strerror(errno));
    command_pid = fork();
    if (command_pid < 0)
        die("fork: %s", strerror(errno));
    if (command_pid == 0) {
        dup2(pipe_ends[1], STDOUT_FILENO);
        close(pipe_ends[0]);
        close(pipe_ends[1]);
        execvp(command[0], command);
        fprintf(stderr, "decode_addresses: cannot run %s: %s\n", command[0],
                strerror(errno));
        _exit(127);
    }
    close(pipe_ends[1]);
    struct sigaction forward = {.sa_handler = forward_signal};
    sigemptyset(&forward.sa_mask);
    sigaction(SIGINT, &forward, NULL);
    sigaction(SIGTERM, &forward, NULL);
    sigaction(SIGHUP, &forward, NULL);

    filter(pipe_ends[0]);
    int status;
    while (waitpid(command_pid, &status, 0) < 0)
        if (errno != EINTR)
            die("waitpid: %s", strerror(errno));
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

int main(int argc, char **argv) {
    if (argc < 2 || strcmp(argv[1], "--help") == 0 ||
        (argc > 2 && (strcmp(argv[2], "--") != 0 || argc == 3))) {
        fputs(USAGE,
              argc < 2 || strcmp(argv[1], "--help") != 0 ? stderr : stdout);
        return argc >= 2 && strcmp(argv[1], "--help") == 0 ? 0 : 2;
    }
    read_symbol_files(argv[1]);
    if (getcwd(working_directory, sizeof working_directory) == NULL)
        working_directory[0] = '\0';
    if (argc == 2) {
        filter(STDIN_FILENO);
        return 0;
    }
    return run_command(argv + 3);
}
