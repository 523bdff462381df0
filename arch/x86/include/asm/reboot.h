#pragma once
// Leaving the machine (Linux: arch/x86/kernel/reboot.c).
#include <linux/compiler.h>
#include <linux/types.h>

__noreturn void machine_restart(void);
__noreturn void machine_power_off(void);
// QEMU's isa-debug-exit at 0xf4: QEMU exits with (code << 1) | 1. Returns
// only if the device is absent.
void qemu_debug_exit(u8 code);
