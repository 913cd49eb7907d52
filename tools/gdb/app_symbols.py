"""gdb always holds the symbols of the app the kernel runs, and only those.

Every app of the batch mode is linked at the same address, so gdb cannot
hold all of their symbols at once: `break power.c:main` would resolve in
whichever app came first. Instead, a breakpoint on the kernel's entry into
an app (user_enter in kernel/trap_entry.S, whose comment states the
contract) reads which app is about to run and, if it is not the one whose
symbols gdb holds, swaps that app's symbol file in for the previous one.
The breakpoint never stops the kernel (stop() returns False): it costs the
kernel nothing, and the student sees nothing of it.

A breakpoint on an app that has not started yet stays pending and
resolves when the app's symbols come in; when they go out, gdb keeps it
and sets it again the next time that app runs.

Which ELF file holds which app's symbols comes from the symbol-files list
make writes beside the kernel ($(BUILD)/symbol-files): index, name, ELF
file, or "-" for a raw image, which has no symbols.
"""

import os

import gdb

# The kernel's entry into an app: its first instruction, with a0 the app's
# struct user_context, context->app the app (kernel/trap.h).
APP_ENTRY = "*user_enter"
ENTERING_APP = "((struct user_context *)$a0)->app"


class App:
    def __init__(self, index, name, symbol_file):
        self.index = index
        self.name = name
        self.symbol_file = symbol_file  # None: a raw image


class AppSymbols:
    """The apps of the kernel gdb debugs, and whose symbols gdb holds."""

    def __init__(self):
        self.apps = None  # index -> App, read from symbol-files when needed
        self.current = None  # the App whose symbols gdb holds
        self.warned = False

    def list_path(self):
        kernel = gdb.current_progspace().filename
        return os.path.join(os.path.dirname(kernel), "symbol-files") if kernel else None

    def read_list(self):
        """Reads symbol-files once: "app INDEX NAME FILE" lines."""
        if self.apps is not None:
            return self.apps
        self.apps = {}
        path = self.list_path()
        try:
            with open(path) as lines:
                for line in lines:
                    words = line.split()
                    if len(words) == 4 and words[0] == "app":
                        index, name, symbol_file = int(words[1]), words[2], words[3]
                        self.apps[index] = App(index, name, None if symbol_file == "-" else symbol_file)
        except (OSError, TypeError):
            self.warn(f"no list of the apps' symbol files ({path}): run make to write it")
        return self.apps

    def warn(self, message):
        if not self.warned:
            gdb.write(f"[gdb] app symbols: {message}; gdb keeps the kernel's symbols only\n")
            self.warned = True

    def follow(self, index, name):
        """Makes gdb hold app INDEX's symbols (NAME: the kernel's name for it)."""
        if self.current is not None and self.current.index == index:
            return
        app = self.read_list().get(index)
        if app is not None and app.name != name:
            self.warn(f"the kernel runs app {index} {name}, but {self.list_path()} says {app.name}: "
                      "it is not the list of this kernel's build")
            app = None
        if self.current is not None and self.current.symbol_file:
            gdb.execute(f"remove-symbol-file {self.current.symbol_file}", to_string=True)
        self.current = app
        if app is not None and app.symbol_file:
            gdb.execute(f"add-symbol-file {app.symbol_file}", to_string=True)

    def follow_context(self, context):
        """Follows the app of a struct user_context, given as an expression."""
        app = gdb.parse_and_eval(f"({context})->app")
        self.follow(int(app["index"]), app["name"].string())


APP_SYMBOLS = AppSymbols()


class AppEntryBreakpoint(gdb.Breakpoint):
    """At user_enter: swaps the symbols if another app is about to run."""

    def __init__(self):
        super().__init__(APP_ENTRY, type=gdb.BP_BREAKPOINT, internal=True)

    def stop(self):
        try:
            APP_SYMBOLS.follow_context("(struct user_context *)$a0")
        except gdb.error as error:
            APP_SYMBOLS.warn(f"cannot read the app at user_enter: {error}")
        return False


def on_stop(event):
    """Stopped in U-mode (Ctrl-C, or gdb attached in the middle of an app):
    sscratch holds the running app's context (kernel/trap_entry.S)."""
    try:
        if int(gdb.parse_and_eval("$priv")) == 0:
            context = int(gdb.parse_and_eval("$sscratch"))
            if context != 0:
                APP_SYMBOLS.follow_context(f"(struct user_context *){context}")
    except gdb.error:
        pass


class InfoApps(gdb.Command):
    """The apps packed into the kernel, and whose symbols gdb holds.

Usage: info apps
One line per app: its index, its name and the ELF file with its symbols;
"*" marks the app whose symbols gdb holds, the one the kernel runs or ran
last. gdb swaps them each time the kernel enters another app."""

    def __init__(self):
        super().__init__("info apps", gdb.COMMAND_STATUS)

    def invoke(self, argument, from_tty):
        apps = APP_SYMBOLS.read_list()
        if not apps:
            gdb.write("No apps are packed into this kernel.\n")
            return
        gdb.write("  Index  Name              Symbols\n")
        for index in sorted(apps):
            app = apps[index]
            mark = "*" if app is APP_SYMBOLS.current else " "
            symbols = os.path.relpath(app.symbol_file) if app.symbol_file else "none (a raw image)"
            gdb.write(f"{mark} {index:<6} {app.name:<17} {symbols}\n")


AppEntryBreakpoint()
gdb.events.stop.connect(on_stop)
InfoApps()
