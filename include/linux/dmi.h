#pragma once
// The machine's SMBIOS identity (Linux: include/linux/dmi.h; drivers/firmware/dmi_scan.cpp).

// Reads the SMBIOS entry point and prints "SMBIOS x.y present." and "DMI: ...".
// Context: boot, after the kernel page tables, while memblock still allocates.
void dmi_setup(void);
// "QEMU Standard PC (i440FX + PIIX, 1996), BIOS ..."; "" before dmi_setup or without SMBIOS.
const char *dmi_hardware_name(void);
