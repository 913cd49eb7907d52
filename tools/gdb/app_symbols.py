"""gdb always holds the symbols of the app the kernel runs, and only those.

Every app of the batch mode is linked at the same address, so gdb cannot
hold all their symbols at once: `break power.c:main` would resolve in
whichever app came first. Instead, a breakpoint on the kernel's entry into
an app (user_enter in kernel/trap_entry.S, whose comment states the
contract) reads which app is about to run and, if gdb does not hold its
symbols, swaps that app's symbol file in for the previous one. The
breakpoint never stops the kernel (stop() returns False): the kernel
neither waits nor changes for it, and the student sees nothing of it.

A breakpoint in an app that has not started yet stays pending and
resolves when the app's symbols come in; when they go out, gdb keeps it
and sets it again the next time that app runs.

Which ELF file holds which app's symbols comes from the list make writes
beside the kernel, symbol-files: "app INDEX NAME FILE" lines, FILE "-" for
an app packed as a raw image, which has no symbols.
"""

import os

import gdb


class App:
    def __init__(self, index, name, symbol_file):
        self.index = index
        self.name = name
        self.symbol_file = symbol_file  # None: a raw image


class AppSymbols:
    """The apps of the kernel gdb debugs, and whose symbols gdb holds."""

    def __init__(self):
        self.apps = None  # index -> App, read from symbol-files once
        self.current = None  # the App whose symbols gdb holds
        self.warned = False

    def list_path(self):
        kernel = gdb.current_progspace().filename or ""
        return os.path.join(os.path.dirname(kernel), "symbol-files")

    def read_list(self):
        if self.apps is None:
            self.apps = {}
            try:
                with open(self.list_path()) as lines:
                    for words in map(str.split, lines):
                        if len(words) == 4 and words[0] == "app":
                            symbol_file = None if words[3] == "-" else words[3]
                            self.apps[int(words[1])] = App(int(words[1]), words[2], symbol_file)
            except OSError:
                self.warn(f"no list of the apps' symbol files, {self.list_path()}: run make")
        return self.apps

    def warn(self, message):
        if not self.warned:
            gdb.write(f"[gdb] app symbols: {message}; gdb holds the kernel's alone\n")
            self.warned = True

    def follow(self, index, name):
        """Makes gdb hold app INDEX's symbols; NAME is the kernel's name for
        it, which the list must give too."""
        if self.current is not None and self.current.index == index:
            return
        app = self.read_list().get(index)
        if app is not None and app.name != name:
            self.warn(f"the kernel runs app {index} {name}, which {self.list_path()} "
                      f"calls {app.name}: that list is not this kernel's")
            app = None
        # gdb names a symbol file it holds by its real path (no symbolic
        # link in it), which remove-symbol-file must be given.
        if self.current is not None and self.current.symbol_file:
            gdb.execute(f"remove-symbol-file {os.path.realpath(self.current.symbol_file)}", to_string=True)
        self.current = app
        if app is not None and app.symbol_file:
            gdb.execute(f"add-symbol-file {os.path.realpath(app.symbol_file)}", to_string=True)

    def follow_context(self, context):
        """Follows the app of a struct user_context (kernel/trap.h), given
        as an expression."""
        app = gdb.parse_and_eval(f"((struct user_context *)({context}))->app")
        self.follow(int(app["index"]), app["name"].string())


APP_SYMBOLS = AppSymbols()


class AppEntryBreakpoint(gdb.Breakpoint):
    """At user_enter, a0 is the context of the app about to run."""

    def __init__(self):
        super().__init__("*user_enter", internal=True)

    def stop(self):
        try:
            APP_SYMBOLS.follow_context("$a0")
        except gdb.error as error:
            APP_SYMBOLS.warn(f"cannot read the app at user_enter ({error})")
        return False


def shown_path(path):
    """PATH relative to gdb's current folder (the tree, where make runs gdb)
    when it is inside it, as make names it (build/apps/15-power.elf); a
    path elsewhere stays absolute, not ../../ up to the root."""
    relative = os.path.relpath(path)
    return path if relative == os.pardir or relative.startswith(os.pardir + os.sep) else relative


class InfoApps(gdb.Command):
    """The apps packed into the kernel, and whose symbols gdb holds.

Usage: info apps
One line per app: its index, its name and the ELF file with its symbols
(relative to the current folder when it is inside it, else absolute).
"*" marks the app whose symbols gdb holds: the one the kernel runs, or ran
last. gdb swaps them each time the kernel enters another app."""

    def __init__(self):
        super().__init__("info apps", gdb.COMMAND_STATUS)

    def invoke(self, argument, from_tty):
        apps = APP_SYMBOLS.read_list()
        if not apps:
            gdb.write("No apps are packed into this kernel.\n")
            return
        gdb.write("  Index  Name              Symbols\n")
        for index, app in sorted(apps.items()):
            mark = "*" if app is APP_SYMBOLS.current else " "
            symbols = shown_path(app.symbol_file) if app.symbol_file else "none (a raw image)"
            gdb.write(f"{mark} {index:<6} {app.name:<17} {symbols}\n")


AppEntryBreakpoint()
InfoApps()
