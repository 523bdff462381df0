# gdb set-up for the mmlab kernel: `make debug` and `make gdb` load this
# (through mmlab.py, which adds the mm-* commands and mmlab-continue-to).
#
#   mmlab-connect PORT [FUNC]  attach to QEMU's gdb server; run on to FUNC
#                              (make passes GDB_STOP=, start_kernel by default)
#   mmlab-continue-to FUNC     run to FUNC with a one-shot hardware breakpoint
#
# The kernel is linked at 0xC01.....  but its entry code (_start, .boot) at
# physical 0x001....., so breakpoints in either work from the first
# instruction on. Hardware breakpoints are used because they do not depend on
# the code being mapped yet.
set architecture i386
set disassembly-flavor intel
set pagination off
# a misspelt breakpoint is an error, never one left pending while the kernel runs
set breakpoint pending off

define mmlab-connect
  target remote :$arg0
  if $argc > 1
    mmlab-continue-to $arg1
  end
end
document mmlab-connect
mmlab-connect PORT [FUNC]: attach to QEMU's gdb server on PORT; with FUNC,
run on to it (mmlab-continue-to FUNC). Without it gdb stays where QEMU -S
stopped, at the firmware's first instruction (0xfff0): hbreak _start and
continue from there.
end

# Breakpoints that follow the boot (see docs/): _start, startup_32_high,
# start_kernel, setup_arch, e820__memory_setup, e820__update_table.
