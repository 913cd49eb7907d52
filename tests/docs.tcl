# Reading the documentation's boxes, for the cases that run them
# (docs_try_it.exp, and the cases a box names) and the one that checks its
# names (docs_names.exp). docs/guide/08-testing.md, "The documentation is
# tested", is the student's side of it; docs/maintainers/testing.md says
# more.
#
# A fenced block of README.md or of a page of docs/ may follow a marker, on
# the line right before its opening fence:
#   <!-- try-it -->         docs_try_it.exp runs it: each line of an sh
#                           block is a command; a c block is written to the
#                           file its first line names (/* ~/mine.c: ... */)
#   <!-- test: CASE -->     tests/cases/CASE runs it, and reads it from the
#                           page to do so (the page's path is in CASE)
#   <!-- not run: WHY -->   nothing runs it, for the reason given
# Every sh and gdb block carries one. A text block right after a command
# block, with only blank lines between, is what the commands print.
# A box of a lab's behaviour says so after its marker,
#   <!-- try-it (lab yield) -->   <!-- test: CASE (lab yield) -->
# and runs only where the lab's solution is (labs_marked_here): in a
# student's handout of that lab, what it shows is what the student writes.
# The names a page gives of a lab's solution (files, functions) are
# declared on it as <!-- names of the yield lab: ... -->, and checked only
# there too (docs_names.exp).

# The repository's root.
set docs_root [file normalize [file join [file dirname [info script]] ..]]

# The pages: README.md, the READMEs of linker/ and lib/ and every page of
# docs/, as paths from the root.
proc doc_pages {} {
    set pages [list README.md linker/README.md lib/README.md]
    set folders [list docs]
    while {[llength $folders] > 0} {
        set folders [lassign $folders folder]
        foreach path [lsort [glob -nocomplain -directory $::docs_root/$folder *]] {
            set name $folder/[file tail $path]
            if {[file isdirectory $path]} {
                lappend folders $name
            } elseif {[string match *.md $name]} {
                lappend pages $name
            }
        }
    }
    return $pages
}

# The labs whose solution is marked in this tree (labs/README.md): all of
# them in the reference, fewer in a student's handout.
proc labs_marked_here {} {
    if {![info exists ::labs_marked]} {
        set ::labs_marked [exec python3 $::docs_root/tools/handout.py --marked]
    }
    return $::labs_marked
}

proc read_text {path} {
    set file [open $path]
    set text [read $file]
    close $file
    return $text
}

# The fenced blocks of the page at PAGE (a path from the root), in order:
# a dict each with line (of the opening fence), language, text, marker
# (try-it, test, not-run or none), argument (the case, or the reason) and
# shown (the text of the text block that follows it, or none).
proc doc_blocks {page} {
    # First every block as it stands, with whether only blank lines
    # separate it from the block before (adjacent).
    set raw {}
    set marker none
    set argument ""
    set lab ""
    set language ""
    set adjacent 0
    set number 0
    foreach line [split [read_text $::docs_root/$page] "\n"] {
        incr number
        if {$language ne ""} {
            if {[regexp {^```\s*$} $line]} {
                dict set block text $text
                lappend raw $block
                set language ""
                set adjacent 1
            } else {
                append text "$line\n"
            }
        } elseif {[regexp {^```(\S*)\s*$} $line - language]} {
            if {$language eq ""} { set language plain }
            set block [dict create line $number language $language marker $marker \
                           argument $argument lab $lab shown none adjacent $adjacent]
            set text ""
            set marker none
            set argument ""
            set lab ""
        } elseif {[regexp {^<!-- try-it(?: \(lab ([a-z0-9_]+)\))? -->\s*$} $line - lab]} {
            set marker try-it
        } elseif {[regexp {^<!-- test: (\S+)(?: \(lab ([a-z0-9_]+)\))? -->\s*$} $line - argument lab]} {
            set marker test
        } elseif {[regexp {^<!-- not run: (.+) -->\s*$} $line - argument]} {
            set marker not-run
        } elseif {[string trim $line] ne ""} {
            set marker none
            set argument ""
            set lab ""
            set adjacent 0
        }
    }
    # Then a text block right after a command block becomes its output.
    set blocks {}
    foreach block $raw {
        if {[dict get $block language] eq "text" && [dict get $block marker] eq "none" &&
            [dict get $block adjacent] && [llength $blocks] > 0 &&
            [dict get [lindex $blocks end] language] in {sh gdb} &&
            [dict get [lindex $blocks end] shown] eq "none"} {
            set previous [lindex $blocks end]
            dict set previous shown [dict get $block text]
            lset blocks end $previous
        } else {
            lappend blocks $block
        }
    }
    return $blocks
}

# The commands of an sh block: its lines, without blank ones.
proc block_commands {block} {
    set commands {}
    foreach line [split [dict get $block text] "\n"] {
        if {[string trim $line] ne ""} { lappend commands $line }
    }
    return $commands
}

# ---------------------------------------------------------------------------
# Comparing what a box shows with what its commands printed.
#
# The lines shown must appear in the output in the same order. Lines next
# to each other in the box are next to each other in the output; a line
# "..." stands for any number of lines (none included). Before the first
# shown line and after the last, anything may come. Within a line:
#   - "..." at the start or at the end stands for any text there;
#   - a hex number of five digits or more after 0x (0x80400000: an
#     address, a pc, an instruction's bits), or a word of eight hex digits
#     or more (80400000, as objdump, nm and readelf print addresses),
#     stands for any hex number: addresses move with every change of code
#     or compiler;
#   - the number in "N bytes" stands for any number: sizes move too;
#   - a run of spaces and tabs is as good as any other (objdump aligns
#     with tabs); spaces at the end of a line, and carriage returns, do
#     not count.
# Everything else must be exactly as shown.
# ---------------------------------------------------------------------------

proc regexp_quote {text} {
    regsub -all {[][{}()*+?.\\^$|]} $text {\\&} quoted
    return $quoted
}

# The regular expression a shown line stands for.
proc shown_line_pattern {line} {
    set line [string trimright $line]
    set head ^
    set tail $
    if {[string match {...?*} $line]} {
        set head {^.*}
        set line [string trimleft [string range $line 3 end]]
    }
    if {[string match {?*...} $line]} {
        set tail {.*$}
        set line [string trimright [string range $line 0 end-3]]
    }
    set pattern $head
    set start 0
    foreach range [regexp -all -inline -indices {0x[0-9a-fA-F]{5,}|\m[0-9a-fA-F]{8,}\M|[0-9]+(?= bytes)} $line] {
        lassign $range from to
        append pattern [literal_pattern [string range $line $start [expr {$from - 1}]]]
        set number [string range $line $from $to]
        if {[string match 0x* $number]} {
            append pattern {0x[0-9a-fA-F]+}
        } elseif {[string match {* bytes} [string range $line $from [expr {$to + 6}]]]} {
            append pattern {[0-9]+}
        } else {
            append pattern {[0-9a-fA-F]+}
        }
        set start [expr {$to + 1}]
    }
    append pattern [literal_pattern [string range $line $start end]] $tail
    return $pattern
}

# Text to match as it is, but for runs of blanks.
proc literal_pattern {text} {
    regsub -all {[ \t]+} [regexp_quote $text] {[ \t]+} pattern
    return $pattern
}

# Checks that OUTPUT shows the lines SHOWN (a box's text block) as the rule
# above says. Returns "" if it does, else what is missing, in one line.
proc shown_lines_missing {output shown} {
    set lines [lmap line [split [string map {"\r" ""} $output] "\n"] {string trimright $line}]
    set groups {{}}
    foreach line [split [string trimright $shown "\n"] "\n"] {
        if {[string trim $line] eq "..."} {
            lappend groups {}
        } else {
            lset groups end [concat [lindex $groups end] [list [shown_line_pattern $line] $line]]
        }
    }
    set cursor 0
    foreach group $groups {
        set count [expr {[llength $group] / 2}]
        if {$count == 0} { continue }
        set found -1
        for {set at $cursor} {$at + $count <= [llength $lines]} {incr at} {
            set all 1
            set index 0
            foreach {pattern -} $group {
                if {![regexp -- $pattern [lindex $lines [expr {$at + $index}]]]} {
                    set all 0
                    break
                }
                incr index
            }
            if {$all} {
                set found $at
                break
            }
        }
        if {$found < 0} {
            # Say which line: the first of the group not found where it
            # should be.
            set from $cursor
            foreach {pattern line} $group {
                set at [lsearch -regexp -start $from $lines $pattern]
                if {$at < 0} {
                    return "no line '$line' after output line $from"
                }
                if {$from > $cursor && $at != $from} {
                    return "'$line' is not right after the line before it in the box (output line $at)"
                }
                set from [expr {$at + 1}]
            }
            return "the lines from '[lindex $group 1]' are not together in the output"
        }
        set cursor [expr {$found + $count}]
    }
    return ""
}

# For a case that runs a box of PAGE marked with its own name: the box.
# Fails unless there is exactly one.
proc doc_box_of_case {page} {
    set case [file tail [info script]]
    set boxes {}
    foreach block [doc_blocks $page] {
        if {[dict get $block marker] eq "test" && [dict get $block argument] eq $case} {
            lappend boxes $block
        }
    }
    if {[llength $boxes] != 1} { fail "$page has [llength $boxes] boxes marked test: $case, not one" }
    return [lindex $boxes 0]
}

# For a case that boots its own config (its "# config:" line) and shows
# the boot in a box of PAGE: the box's one command must be `make TARGET`
# with exactly that config and the variables MORE, and OUTPUT (as make
# printed it) must show the box's lines.
proc check_doc_box_of_config {page target output {more ""}} {
    set box [doc_box_of_case $page]
    set config [string trim [sed_config [info script]]]
    set wanted [string trim "make $target $config $more"]
    if {[block_commands $box] ne [list $wanted]} {
        fail "$page, line [dict get $box line]: the box runs '[block_commands $box]', this case '$wanted'"
    }
    if {[dict get $box shown] eq "none"} { fail "$page, line [dict get $box line]: the box shows no output" }
    set missing [shown_lines_missing $output [dict get $box shown]]
    if {$missing ne ""} {
        # The reason last, where the end of the log that make test shows has it.
        note "The output:\n$output"
        fail "$page, line [dict get $box line]: $missing in the output above"
    }
    note "$page, line [dict get $box line]: the box's lines are in the output"
}

# The "# config:" line of a case file, without the prefix.
proc sed_config {case} {
    regexp -line {^# config: (.*)$} [read_text $case] - config
    return [expr {[info exists config] ? $config : ""}]
}
