# Procedures shared by the expect cases in tests/cases. A case runs with
# TEST_BUILD (its build folder) and TEST_CONFIG (its make variables) set by
# tests/run-tests.sh, and fails by calling `fail`, which exits 1.

log_user 0
set timeout 60
# No colours from gdb or anything else: the cases match plain text.
set env(TERM) dumb
# Procedures that spawn or expect use the global spawn_id, so that a program
# spawned in one is the one the next reads from.

# Whatever a case spawns ends with the case, even one that fails half-way:
# a make qemu-gdb would otherwise wait for gdb for ever. spawn makes each
# program the leader of a process group of its own (with QEMU, gdb and all
# they start): at exit, each group that still has a running process gets
# SIGTERM, then, if that has not ended it within a second (a QEMU that
# hangs), SIGKILL; the log says so. A group whose programs have all ended,
# as in a case that waited for them, is left alone at once. Then the
# case's scratch folders (scratch_folder, below) are removed.
# (-nottyinit: the new terminal keeps the kernel's settings, which are
# what `stty sane` would set, without the sh and stty that expect would
# start for it at every spawn.)
set spawned_groups {}
proc spawn {args} {
    set result [uplevel 1 [list exp_spawn -nottyinit {*}$args]]
    lappend ::spawned_groups [exp_pid -i [uplevel 1 {set spawn_id}]]
    return $result
}
# The process groups in which a process runs (one that has ended but is
# not yet reaped, a zombie, does not), as a dict: read from /proc/PID/stat,
# whose fields after the command's name (in parentheses) begin with the
# state and the parent and group ids. Read here, not by ps, which would be
# a process more for each case; and once for all the groups of a case,
# each reading of every process's file taking a few milliseconds.
proc running_groups {} {
    set groups [dict create]
    foreach path [glob -nocomplain -directory /proc {[0-9]*}] {
        if {[catch {open $path/stat} file]} { continue }
        set status [read $file]
        close $file
        lassign [string range $status [string last ")" $status]+2 end] state parent process_group
        if {$state ne "Z"} { dict set groups $process_group 1 }
    }
    return $groups
}
proc group_running {group} {
    return [dict exists [running_groups] $group]
}
set scratch_folders {}
exit -onexit {
    set running [running_groups]
    foreach group $::spawned_groups {
        if {![dict exists $running $group]} { continue }
        catch {exec kill -TERM -- -$group}
        set sent SIGTERM
        for {set waited 0} {[group_running $group]} {incr waited} {
            if {$waited == 20} {
                catch {exec kill -KILL -- -$group}
                append sent ", then SIGKILL"
                break
            }
            after 50
        }
        puts "tests/lib.tcl: process group $group still ran as the case ended: sent $sent"
    }
    foreach folder $::scratch_folders { file delete -force $folder }
}

# A new folder, NAME.XXXXXX, for the many files a case writes (a copy of
# the tree and its build), removed when the case ends, as tests/lib.sh's
# scratch_folder makes one, and for the same reason: in TMPDIR if that is
# set, else in /dev/shm when that is a RAM filesystem that may run
# programs and has MIB mebibytes free, else in /tmp. (On this project's
# 2-core machine, creating a file on the disk costs the kernel about a
# millisecond, in RAM a tenth of that.)
proc scratch_folder {name mib} {
    set base /tmp
    if {[info exists ::env(TMPDIR)]} {
        set base $::env(TMPDIR)
    } elseif {![catch {open /proc/mounts} file]} {
        set mounts [read $file]
        close $file
        if {[regexp -line {^\S+ /dev/shm tmpfs (\S+) } $mounts - options] &&
            [lsearch -exact [split $options ,] noexec] < 0 && [file writable /dev/shm] &&
            ![catch {exec stat -f -c {%a %S} /dev/shm} free] &&
            [lindex $free 0] * [lindex $free 1] / 1048576 >= $mib} {
            set base /dev/shm
        }
    }
    set folder [exec mktemp -d $base/$name.XXXXXX]
    lappend ::scratch_folders $folder
    return $folder
}

proc fail {message} {
    puts "FAIL: $message"
    exit 1
}

proc note {message} {
    puts $message
}

# The shell command that runs `make TARGET` on this case's build; each of
# args is a make variable as the shell should read it (quote inside it).
proc make_command {target args} {
    return "exec make -s --no-print-directory BUILD=$::env(TEST_BUILD) $::env(TEST_CONFIG) [join $args] $target"
}

# Reads everything the spawned program prints until it exits; returns
# {output exit_status} with \r removed. Fails on a timeout.
proc collect_until_exit {what} {
    global spawn_id
    set output ""
    expect {
        -re {.+} {
            append output $expect_out(buffer)
            exp_continue
        }
        timeout {
            fail "$what did not finish within $::timeout s; output so far:\n$output"
        }
        eof
    }
    set status [lindex [wait] 3]
    return [list [string map {"\r" ""} $output] $status]
}

# make qemu's console goes through tools/decode_addresses.c, which follows
# each kill or panic line with lines of its own naming the code at its
# addresses ("    at main (user/apps/store_fault.c:7)"). This takes them
# out again, leaving what the kernel printed, byte for byte.
proc without_decoded_lines {output} {
    regsub -all -line {^(\[kernel\] (app [^\n]*: killed: |panic: )[^\n]*\n)(    (at |inlined into |address 0x)[^\n]*\n)+} \
        $output {\1} output
    return $output
}

# Runs `make qemu` with this case's config (plus extra make variables) and
# returns {transcript exit_status decoded output} (kernel_transcript).
proc run_kernel {args} {
    global spawn_id
    spawn sh -c [make_command qemu {*}$args]
    return [kernel_transcript "make qemu"]
}

# The same on QEMU's instruction clock (ICOUNT=1: -icount shift=0,sleep=off):
# guest time advances one nanosecond per instruction, so that a time limit
# strikes at the same instruction on every run, however busy the host.
proc run_kernel_on_instruction_clock {args} {
    return [run_kernel ICOUNT=1 {*}$args]
}

# Runs `make qemu` with this case's config (plus extra make variables) only
# until the kernel has printed a line that matches PATTERN (a regular
# expression matched line by line), then ends QEMU: for a check that needs
# the start of a boot and not its end. Returns the kernel's lines so far,
# from its first (kernel_transcript's, decoded).
proc kernel_lines_until {pattern args} {
    global spawn_id
    spawn sh -c [make_command qemu {*}$args]
    set group [exp_pid]
    set output ""
    expect {
        -re {.+} {
            append output $expect_out(buffer)
            # Whole lines only: the last may not have all come yet.
            set lines [string range $output 0 [string last "\n" $output]]
            if {![regexp -line $pattern [string map {"\r" ""} $lines]]} { exp_continue }
        }
        timeout { fail "make qemu printed no line matching '$pattern' within $::timeout s:\n$output" }
        eof { fail "make qemu ended before a line matching '$pattern':\n$output" }
    }
    catch {exec kill -TERM -- -$group}
    close
    wait
    while {[group_running $group]} { after 10 }
    set output [string map {"\r" ""} $output]
    if {![regexp -indices -line {^\[kernel\] } $output first]} { fail "the kernel printed nothing:\n$output" }
    return [string range $output [lindex $first 0] end]
}

# Reads the spawned make qemu's output to its end; returns {transcript
# exit_status decoded output}: the transcript is what the kernel printed,
# from its first line, so the firmware's banner is left out; the decoder's
# lines are taken out (without_decoded_lines), so every transcript compared
# also checks that the decoder changes nothing else. decoded is the same
# with them, as make qemu showed it, and output all that make printed.
proc kernel_transcript {what} {
    lassign [collect_until_exit $what] output status
    if {![regexp -indices -line {^\[kernel\] } $output first]} {
        fail "the kernel printed nothing (exit $status); QEMU said:\n$output"
    }
    set decoded [string range $output [lindex $first 0] end]
    return [list [without_decoded_lines $decoded] $status $decoded $output]
}

# Compares text with tests/expected/NAME exactly; shows a diff on mismatch.
# Under `make bless` (TEST_BLESS is a folder, which only tests/run-tests.sh
# --bless sets) it rewrites the file with text instead, keeping what it held
# in TEST_BLESS/NAME.before for the runner's diff, unless another run of
# this bless wrote it with other text: the GCC and LLVM runs must agree.
proc expect_same_as {name text} {
    set path [file join [file dirname [info script]] .. expected $name]
    set file [open $path]
    set wanted [read $file]
    close $file
    if {[info exists ::env(TEST_BLESS)]} {
        set blessed [file join $::env(TEST_BLESS) $name]
        if {[file exists $blessed]} {
            set file [open $blessed]
            set earlier [read $file]
            close $file
            if {$earlier ne $text} {
                fail "tests/expected/$name was rewritten by another run of this bless, with other text:                      the runs disagree, and no transcript fits both"
            }
        }
        file mkdir $::env(TEST_BLESS)
        if {$text ne $wanted && ![file exists $blessed.before]} {
            file copy $path $blessed.before
        }
        foreach target [list $blessed $path] {
            set file [open $target w]
            puts -nonewline $file $text
            close $file
        }
        return
    }
    if {$text ne $wanted} {
        set got_path "$::env(TEST_BUILD)/test-logs-$name.got"
        file mkdir [file dirname $got_path]
        set out [open $got_path w]
        puts -nonewline $out $text
        close $out
        catch {exec diff -u $path $got_path} difference
        fail "output differs from tests/expected/$name:\n$difference"
    }
}

# Symbol name -> address, from an ELF, read with this run's toolchain's
# objdump ($TEST_BINUTILS's): every symbol with a name, but the
# undefined. (Not with nm, which starts slowly: docs/maintainers/testing.md,
# "Where the time goes".)
proc elf_symbols {elf} {
    set objdump $::env(TEST_BINUTILS)objdump
    set symbols [dict create]
    foreach {- address section name} [regexp -all -inline -line \
            {^([0-9a-f]+) .{7} (\S+)\t[0-9a-f]+ (\S+)$} [exec $objdump -t $elf]] {
        if {$section ne "*UND*"} { dict set symbols $name [expr 0x$address] }
    }
    return $symbols
}

# The address of a symbol in an ELF file, as an integer.
proc symbol_address {elf symbol} {
    set symbols [elf_symbols $elf]
    if {![dict exists $symbols $symbol]} { fail "no symbol $symbol in $elf" }
    return [dict get $symbols $symbol]
}

# Checks the kernel ELF that linker/linker.ld makes, whichever linker made
# it (linker/README.md, "GNU ld and ld.lld"): its allocated sections are
# .text, any that a script of the kernel's own inserted after it (`inserted`),
# .rodata, .data (GNU ld leaves it out when empty), .bss and .boot, in that
# order, with no orphan (a .got, say); .bss and .boot are NOBITS, so that
# they take no room in the file; every section has its name in linker.ld
# (or is one of `inserted`); its program headers are text R E at `base`,
# rodata R and data RW, each holding just its sections, then the RISC-V
# attributes; no temporary .L symbol is left. Reads the ELF with this run's
# toolchain's readelf ($READELF) and objdump; returns its symbols
# (elf_symbols).
proc check_kernel_elf {elf {base 0x80200000} {inserted {}}} {
    set script [file join [file dirname [info script]] .. .. linker linker.ld]
    set file [open $script]
    set named [regexp -all -inline -line {^\s*(\.[A-Za-z_.]+)\s[^:\{]*:} [read $file]]
    close $file
    set named [concat [lmap {- name} $named {set name}] $inserted]
    # The section headers, then the program headers.
    set report [exec $::env(READELF) -SlW $elf]

    set allocated {}
    foreach line [split $report "\n"] {
        if {![regexp {^\s*\[\s*([0-9]+)\]\s+(\S+)\s+(\S+)(\s+[0-9a-f]+){4}\s+([A-Za-z]*)(\s+[0-9]+){3}$} \
                  $line - index name type - flags]} {
            continue
        }
        if {$index != 0 && [lsearch -exact $named $name] < 0} {
            fail "$elf has a section $name that linker.ld does not name"
        }
        if {[string first A $flags] >= 0} {
            lappend allocated $name
        }
        if {$name in {.bss .boot} && $type ne "NOBITS"} {
            fail "$name of $elf is $type, not NOBITS: it takes room in the file"
        }
    }
    set text [concat .text $inserted]
    set data [lsearch -exact $allocated .data]
    if {[lsearch -all -inline -not -exact $allocated .data] ne [concat $text .rodata .bss .boot] ||
        ($data >= 0 && $data != [llength $text] + 1)} {
        fail "allocated sections of $elf: '$allocated', wanted '$text .rodata \[.data\] .bss .boot'"
    }

    # llvm-readelf 14 names PT_RISCV_ATTRIBUTES "<unknown>: 0x70000003".
    set headers {}
    set mapping {}
    foreach line [split $report "\n"] {
        if {[regexp {^\s+(\S+|<unknown>: 0x[0-9a-f]+)\s+0x[0-9a-f]+\s+0x([0-9a-f]+)(\s+0x[0-9a-f]+){3}\s+([RWE ]+?)\s+0x[0-9a-f]+$} \
                 $line - type address - flags]} {
            regsub {^(RISCV_ATTRIBUT.*|<unknown>: 0x70000003)$} $type ATTRIBUTES type
            lappend headers [list $type $flags]
            if {[llength $headers] == 1 && [expr 0x$address] != $base} {
                fail "the first program header of $elf starts at 0x$address, not $base"
            }
        } elseif {[regexp {^\s+[0-9]{2}\s+(.*?)\s*$} $line - sections]} {
            lappend mapping $sections
        }
    }
    set wanted {{LOAD {R E}} {LOAD R} {LOAD RW} {ATTRIBUTES R}}
    if {$headers ne $wanted} { fail "program headers of $elf: '$headers', wanted '$wanted'" }
    set wanted [list [join $text] .rodata [join [lrange $allocated [llength $text]+1 end]] .riscv.attributes]
    if {$mapping ne $wanted} { fail "sections in the program headers of $elf: '$mapping', wanted '$wanted'" }

    set symbols [elf_symbols $elf]
    set temporary [lsearch -all -inline -glob [dict keys $symbols] .L*]
    if {$temporary ne {}} {
        fail "$elf keeps [llength $temporary] temporary symbols, such as '[lindex $temporary 0]'"
    }
    note "$elf: sections [join $allocated], program headers [join [lmap header $headers {lindex $header 0}]]"
    return $symbols
}

# Checks the memory map a kernel printed, one line per region, "[TAG] .name
# 0xstart..0xend", against its ELF's symbols (a dict from elf_symbols): the
# four regions in order, each from its symbols, .text from `base`,
# increasing and not overlapping. Returns the regions, {name start end}
# each.
proc check_printed_map {output tag symbols base} {
    set regions {}
    foreach {- name start end} [regexp -all -inline -line \
            "^\\\[$tag\\\] (\\.(?:text|rodata|data|boot)) +0x(\[0-9a-f\]+)\\.\\.0x(\[0-9a-f\]+)\$" $output] {
        lappend regions [list $name [expr 0x$start] [expr 0x$end]]
    }
    set previous_end 0
    foreach region $regions {name from to} {.text __start __rodata  .rodata __rodata __data
                                            .data __data __ebss     .boot __boot __end} {
        foreach symbol [list $from $to] {
            if {![dict exists $symbols $symbol]} { fail "no symbol $symbol in the ELF" }
        }
        lassign $region printed start end
        if {$printed ne $name} {
            fail "\[$tag\] printed the regions [lmap region $regions {lindex $region 0}], not .text .rodata .data .boot"
        }
        if {$start != [dict get $symbols $from] || $end != [dict get $symbols $to]} {
            fail [format "\[%s\] %s printed 0x%x..0x%x, the ELF says 0x%x..0x%x" $tag $name \
                      $start $end [dict get $symbols $from] [dict get $symbols $to]]
        }
        if {$previous_end == 0 && $start != $base} {
            fail [format "\[%s\] .text starts at 0x%x, not %s" $tag $start $base]
        }
        if {$start > $end} { fail "\[$tag\] $name ends before it starts" }
        if {$start < $previous_end} { fail "\[$tag\] $name overlaps the region before it" }
        set previous_end $end
    }
    if {[dict get $symbols _start] != $base} { fail "_start is not at $base" }
    return $regions
}

# For a kernel of someone else's built on copies of linker/ and lib/ (the
# folders tests/embed*): its sources refer to nothing of kernel/ or user/,
# and every quoted #include names a header of linker/ or lib/, with its
# folder. Then, once built into `out`, its copies are the library's, byte
# for byte.
proc check_consumer_sources {folder} {
    set library [file normalize [file join $folder .. ..]]
    set sources [glob -nocomplain -directory $folder *.c *.h *.ld Makefile]
    if {[llength $sources] < 2} { fail "no sources in $folder" }
    if {[catch {exec grep -nE {(kernel|user)/} {*}$sources} hits] == 0} {
        fail "[file tail $folder] refers to kernel/ or user/:\n$hits"
    } elseif {[lindex $::errorCode 0] ne "CHILDSTATUS"} {
        fail "grep failed: $hits"
    }
    foreach source $sources {
        set file [open $source]
        set text [read $file]
        close $file
        foreach {- header} [regexp -all -inline {#include\s*"([^"]+)"} $text] {
            if {![regexp {^(linker|lib)/} $header] ||
                ![file exists [file join $library $header]]} {
                fail "[file tail $source] includes \"$header\", not a header of linker/ or lib/"
            }
        }
    }
}
proc check_library_copies {out} {
    set library [file normalize [file join [file dirname [info script]] .. ..]]
    foreach folder {linker lib} {
        if {[catch {exec diff -r $out/$folder $library/$folder} why]} {
            fail "$out/$folder is not a copy of $folder/: $why"
        }
    }
}

# The memory map lines' addresses move whenever the kernel's code does, so
# transcripts keep them as 0x????????; tests/cases/memory_map.exp checks the
# real values against the ELF's symbols.
proc mask_memory_map {transcript} {
    regsub -all -line {^(\[kernel\] \.[a-z]+ +)0x[0-9a-f]+\.\.0x[0-9a-f]+$} \
        $transcript {\10x????????..0x????????} masked
    return $masked
}

# A TCP port nobody listens on now, for a gdb stub: cases run in parallel.
proc free_port {} {
    set server [socket -server {} -myaddr localhost 0]
    set port [lindex [fconfigure $server -sockname] 2]
    close $server
    return $port
}

# Starts `make gdb` on a free port (plus extra make variables) and waits
# for its first prompt, with the kernel stopped at _start; returns the port.
proc start_make_gdb {args} {
    global spawn_id
    set port [free_port]
    spawn sh -c [make_command gdb GDBPORT=$port {*}$args]
    expect {
        -re {Temporary breakpoint 1, [^\n]*_start[^\n]*\n.*\(gdb\) $} {}
        timeout { fail "make gdb: no prompt stopped at _start" }
        eof { fail "make gdb ended before its first prompt" }
    }
    return $port
}

# Sends a gdb command and waits for the next prompt; returns what gdb said.
proc gdb_command {command} {
    global spawn_id
    send "$command\r"
    expect {
        -re {\(gdb\) $} { return [string map {"\r" ""} $expect_out(buffer)] }
        timeout { fail "gdb did not answer '$command' within $::timeout s" }
        eof { fail "gdb ended while running '$command'" }
    }
}

# Addresses and sizes that depend on the compiler and the mode: the load
# address and image size of each app, and the pc of a fault. Transcripts
# keep them masked; check_app_lines checks them. An instruction fault's pc
# is the address the app jumped to, which moves with nothing: it stays.
proc mask_app_details {transcript} {
    regsub -all -line {^(\[kernel\] app [0-9]+ \S+: loaded at )0x[0-9a-f]+, [0-9]+ bytes$} \
        $transcript {\10x?, N bytes} transcript
    regsub -all -line {^(\[kernel\] app [0-9]+ \S+: killed: (?!instruction )[^\n]*, pc )0x[0-9a-f]+$} \
        $transcript {\10x?} transcript
    return $transcript
}

# Checks each app's "loaded at" address against slot_of, a command that
# gives the slot address of app INDEX, and that every fault's pc lies
# inside that app's image. Returns the number of apps it saw.
proc check_app_lines {transcript slot_of} {
    set apps 0
    foreach {- index name address size} [regexp -all -inline -line \
            {^\[kernel\] app ([0-9]+) (\S+): loaded at 0x([0-9a-f]+), ([0-9]+) bytes$} $transcript] {
        set wanted [{*}$slot_of $index]
        if {[expr 0x$address] != $wanted} {
            fail [format "app %d %s loaded at 0x%s, wanted 0x%x" $index $name $address $wanted]
        }
        set image($index) [list [expr 0x$address] $size]
        incr apps
    }
    # (An instruction fault's pc is the wild address the app jumped to.)
    foreach {- index name cause pc} [regexp -all -inline -line \
            {^\[kernel\] app ([0-9]+) (\S+): killed: (.*), pc 0x([0-9a-f]+)$} $transcript] {
        if {[string match "instruction * fault*" $cause]} { continue }
        lassign $image($index) start size
        if {[expr 0x$pc] < $start || [expr 0x$pc] >= $start + $size} {
            fail "app $index $name was killed at pc 0x$pc, outside its image"
        }
    }
    return $apps
}

# The slot of app INDEX for each mode: batch and in place reuse one slot,
# slots gives every app its own 2 MiB.
proc one_slot {index} { return 0x80400000 }
proc own_slot {index} { return [expr {0x80400000 + $index * 0x200000}] }

# Checks a run of the default apps (every app of user/apps/): each loaded,
# in name order, at the slot slot_of gives it, and a summary that counts
# them all.
proc check_default_apps {transcript slot_of} {
    set names [lsort [lmap path [glob [file join [file dirname [info script]] .. .. user apps *.c]] {
        file rootname [file tail $path]
    }]]
    set loaded [lmap {- name} [regexp -all -inline -line {^\[kernel\] app [0-9]+ (\S+): loaded at} $transcript] {set name}]
    if {$loaded ne $names} { fail "apps loaded: '$loaded', wanted every app: '$names'" }
    if {![regexp -line {^\[kernel\] ([0-9]+) apps: ([0-9]+) exited, ([0-9]+) killed$} $transcript - count exited killed]} {
        fail "no summary line"
    }
    if {$count != [llength $names] || $exited + $killed != $count} {
        fail "summary: $count apps, $exited exited, $killed killed, for [llength $names] apps"
    }
    check_app_lines $transcript $slot_of
}

# Checks that make qemu followed each kill line with the code at its pc,
# in the killed app's own source (user/apps/NAME.c, a lab's
# labs/LAB/apps/NAME.c or a test's tests/apps/NAME.c) or in the user
# runtime (user/*.c): the symbol files
# make lists are those of this mode's apps. Every app of the transcript
# must be built from C.
proc check_decoded_kill_lines {decoded} {
    set kills 0
    foreach {line name next} [regexp -all -inline -line \
            {^\[kernel\] app [0-9]+ (\S+): killed: [^\n]*\n([^\n]*)$} $decoded] {
        if {![regexp "^    at \\S+ \\((user|tests|labs/\[a-z0-9_\]+)/(apps/$name|\[a-z_\]+)\\.c:\[0-9\]+\\)\$" $next]} {
            fail "the kill line of $name is not followed by the code of $name:\n$line"
        }
        incr kills
    }
    return $kills
}

# Boots the kernel with the app list of tests/expected/apps.txt (plus the
# make variables args) and checks the transcript against tests/expected/
# EXPECTED, the slots against slot_of, the decoded kill lines and exit
# status 0.
proc check_apps_transcript {slot_of {expected apps.txt} args} {
    lassign [run_kernel {*}$args] transcript status decoded
    expect_same_as $expected [mask_app_details [mask_memory_map $transcript]]
    set apps [check_app_lines $transcript $slot_of]
    if {$apps != 9} { fail "$apps apps were loaded, not 9" }
    if {[check_decoded_kill_lines $decoded] != 4} { fail "not 4 kill lines decoded" }
    if {$status != 0} { fail "QEMU exited with $status, not 0" }
}

# The debugging chapter, docs/guide/09-debugging.md (or another page,
# PAGE from the root), is run by the cases that its blocks name: a line
# "<!-- test: NAME.exp -->" (or "<!-- test: NAME.exp (lab LAB) -->", for a
# lab's) right before a fenced block gives the block to that case. Returns
# the commands of the blocks given to CASE, in order, as LANGUAGE COMMAND
# TEXT triples: each line of an sh block; each "(gdb) " line of a gdb
# block, without the prompt; for a c block, the file its first line names
# ("/* ~/mine.c: ...") and its text. Fails if an sh or gdb block has no
# marker at all (docs/guide/09-debugging.md's are all cases').
proc guide_commands {case {page docs/guide/09-debugging.md}} {
    set path [file join [file dirname [info script]] .. .. $page]
    set file [open $path]
    set lines [split [read $file] "\n"]
    close $file
    set commands {}
    set tag ""
    set language ""
    foreach line $lines {
        if {$language ne ""} {
            if {$line ne "```"} {
                append text "$line\n"
                continue
            }
            if {$tag eq $case} {
                switch $language {
                    sh {
                        foreach command [split [string trim $text] "\n"] {
                            lappend commands sh $command {}
                        }
                    }
                    gdb {
                        foreach {- command} [regexp -all -inline -line {^\(gdb\) (.*)$} $text] {
                            lappend commands gdb $command {}
                        }
                    }
                    c {
                        if {![regexp {^/\* (\S+):} $text - name]} {
                            fail "$page: a c block for $case names no file on its first line"
                        }
                        lappend commands c $name $text
                    }
                }
            }
            set language ""
            set tag ""
        } elseif {[regexp {^<!-- test: (\S+)(?: \(lab [a-z0-9_]+\))? -->$} $line - tag]} {
        } elseif {[regexp {^<!-- (try-it|not run)} $line]} {
            set tag -
        } elseif {[regexp {^```(\S+)$} $line - language]} {
            set text ""
            if {$tag eq "" && $language in {sh gdb}} {
                fail "$page: an $language block with no <!-- test: CASE --> line before it"
            }
        } else {
            set tag ""
        }
    }
    return $commands
}

# Runs the chapter's commands for CASE (guide_commands) with their checks.
# STEPS holds LANGUAGE COMMAND BODY triples, which must name the chapter's
# commands exactly, in its order. For a gdb command, the command is sent
# to the spawned gdb first, and BODY checks its answer in $answer (but
# quit, which gdb answers with no prompt, BODY sends itself); for the
# others BODY runs it: $command is the command, $text a c block's text.
# BODY runs at the global level. PAGE is the chapter's page, as for
# guide_commands.
proc run_guide {case steps {page docs/guide/09-debugging.md}} {
    set chapter [guide_commands $case $page]
    set got [lmap {language command -} $chapter {list $language $command}]
    set wanted [lmap {language command -} $steps {list $language $command}]
    if {$got ne $wanted} {
        for {set i 0} {[lindex $got $i] eq [lindex $wanted $i]} {incr i} {}
        fail "$page and $case differ at command [expr {$i + 1}]:\
              the chapter has '[lindex $got $i]', the case '[lindex $wanted $i]'"
    }
    foreach {language command body} $steps {- - text} $chapter {
        set ::command $command
        set ::text $text
        if {$language eq "gdb" && $command ne "quit"} { set ::answer [gdb_command $command] }
        uplevel #0 $body
    }
}

# A command of the chapter as make runs it for this case: "make TARGET
# VAR=value..." with the case's build folder and config in front (the
# chapter's own variables come last and win), plus args.
proc guide_make {command args} {
    if {![regexp {^make (.*)$} $command - rest]} { fail "not a make command: $command" }
    return [make_command "" $rest {*}$args]
}

# How the Symbols column of gdb's `info apps` shows PATH, an app's ELF
# file in a build folder: relative to the tree, where make runs gdb, when
# it is inside it (build/apps/15-power.elf), else absolute, never climbing
# out of the tree with ../.
proc shown_in_info_apps {path} {
    set path [file join [pwd] $path]
    set tree [pwd]/
    if {[string first $tree $path] == 0} { return [string range $path [string length $tree] end] }
    return $path
}

# The documentation's boxes, which some cases run (tests/docs.tcl).
source [file join [file dirname [info script]] docs.tcl]
