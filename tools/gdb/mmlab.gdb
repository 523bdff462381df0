# gdb set-up for the mmlab kernel: `make debug` and `make gdb` load this.
#
#   mmlab-connect PORT       attach to QEMU's gdb server and stop at start_kernel
#   mmlab-continue-to FUNC   run to FUNC with a one-shot hardware breakpoint
#
# The kernel is linked at 0xC01.....  but its entry code (_start, .boot) at
# physical 0x001....., so breakpoints in either work from the first
# instruction on. Hardware breakpoints are used because they do not depend on
# the code being mapped yet.
set architecture i386
set disassembly-flavor intel
set pagination off

define mmlab-continue-to
  thbreak $arg0
  continue
end
document mmlab-continue-to
Run until the function given, e.g. mmlab-continue-to setup_arch.
end

define mmlab-connect
  target remote :$arg0
  mmlab-continue-to start_kernel
end
document mmlab-connect
Attach to QEMU's gdb server on the port given and stop at start_kernel.
end

# Breakpoints that follow the boot (see docs/): _start, startup_32_high,
# start_kernel, setup_arch, e820__memory_setup, e820__update_table.
