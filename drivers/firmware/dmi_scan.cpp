/*
 * DOC: what machine this is (Linux: drivers/firmware/dmi_scan.c)
 *
 * The BIOS describes the machine in SMBIOS tables ("DMI"), found through an
 * entry point on a 16-byte boundary in 0xF0000-0xFFFFF. Linux reads the
 * BIOS and system strings from them once at boot, prints
 *
 *   SMBIOS 2.8 present.
 *   DMI: QEMU Standard PC (i440FX + PIIX, 1996), BIOS 1.16.2-debian-1.16.2-1 04/01/2014
 *
 * and repeats that string as "Hardware name:" under the CPU line of every
 * oops, warning and OOM report, so a report read elsewhere says what it
 * ran on. This file does the same for those two strings only (Linux keeps
 * every field for /sys/class/dmi and driver quirks).
 *
 * Differs: Linux reads the tables before the kernel page tables exist,
 * through early_memremap; here dmi_setup() runs once they do and reads
 * through kmap_local_pfn(), because SeaBIOS keeps the table just below the
 * top of RAM, above the direct map at 1G.
 */
#include <linux/dmi.h>
#include <linux/highmem.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/memblock.h>
#include <linux/printk.h>
#include <linux/sprintf.h>
#include <linux/string.h>

#define SMBIOS_SCAN_START 0xF0000UL
#define SMBIOS_SCAN_SIZE 0x10000UL

static char dmi_ids_string[128];

// Copies len bytes of physical memory, one kmap_local_pfn() per page.
static void __init dmi_read(unsigned long phys, void *dst, size_t len)
{
	u8 *out = (u8 *)dst;
	while (len) {
		size_t off = phys & ~PAGE_MASK, n = min(len, (size_t)(PAGE_SIZE - off));
		u8 *page = (u8 *)kmap_local_pfn(phys >> PAGE_SHIFT);
		memcpy(out, page + off, n);
		kunmap_local(page);
		phys += n, out += n, len -= n;
	}
}

static bool __init checksum_ok(const u8 *buf, size_t len)
{
	u8 sum = 0;
	for (size_t i = 0; i < len; i++)
		sum += buf[i];
	return sum == 0;
}

// The index-th string after a structure's formatted area (1-based; 0: none).
static const char *__init dmi_string(const u8 *dm, const u8 *end, u8 index)
{
	const char *s = (const char *)dm + dm[1];
	if (!index)
		return "";
	while (--index && (const u8 *)s < end && *s)
		s += strnlen(s, end - (const u8 *)s) + 1;
	return (const u8 *)s < end && *s ? s : "";
}

struct dmi_ids {
	const char *bios_version = "", *bios_date = "", *sys_vendor = "", *product = "";
	const char *board = "";
};

// Linux: dmi_decode, for the five strings dmi_format_ids() prints.
static void __init dmi_decode(const u8 *table, size_t len, int num, dmi_ids *ids)
{
	const u8 *dm = table, *end = table + len;
	for (int i = 0; i < num && dm + 4 <= end && dm + dm[1] <= end; i++) {
		const u8 *next = dm + dm[1];
		while (next + 1 < end && (next[0] || next[1]))
			next++;
		if (dm[0] == 0 && dm[1] > 8) {
			ids->bios_version = dmi_string(dm, end, dm[5]);
			ids->bios_date = dmi_string(dm, end, dm[8]);
		} else if (dm[0] == 1 && dm[1] > 5) {
			ids->sys_vendor = dmi_string(dm, end, dm[4]);
			ids->product = dmi_string(dm, end, dm[5]);
		} else if (dm[0] == 2 && dm[1] > 5) {
			ids->board = dmi_string(dm, end, dm[5]);
		} else if (dm[0] == 127) {
			break; // end-of-table
		}
		dm = next + 2;
	}
}

// Linux: dmi_format_ids. "vendor product[/board], BIOS version date".
static void __init dmi_walk(unsigned long addr, size_t len, int num)
{
	u8 *table = (u8 *)memblock_alloc(len, 16);
	if (!table)
		return;
	dmi_read(addr, table, len);
	dmi_ids ids;
	dmi_decode(table, len, num, &ids);
	int c =
	    scnprintf(dmi_ids_string, sizeof(dmi_ids_string), "%s %s", ids.sys_vendor, ids.product);
	if (*ids.board)
		c += scnprintf(dmi_ids_string + c, sizeof(dmi_ids_string) - c, "/%s", ids.board);
	scnprintf(dmi_ids_string + c, sizeof(dmi_ids_string) - c, ", BIOS %s %s", ids.bios_version,
		  ids.bios_date);
	memblock_free(table, len);
	pr_info("DMI: %s\n", dmi_ids_string);
}

// Linux: dmi_present (the 32-bit "_SM_" entry point with its "_DMI_" part).
static bool __init dmi_present(const u8 *buf)
{
	if (memcmp(buf, "_SM_", 4) || buf[5] < 0x1f || buf[5] > 32 || !checksum_ok(buf, buf[5]) ||
	    memcmp(buf + 16, "_DMI_", 5) || !checksum_ok(buf + 16, 15))
		return false;
	pr_info("SMBIOS %d.%d present.\n", buf[6], buf[7]);
	u32 addr;
	memcpy(&addr, buf + 24, 4);
	dmi_walk(addr, buf[22] | buf[23] << 8, buf[28] | buf[29] << 8);
	return true;
}

// Linux: dmi_smbios3_present (the 64-bit "_SM3_" one; no structure count).
static bool __init dmi_smbios3_present(const u8 *buf)
{
	u64 addr;
	u32 len;
	if (memcmp(buf, "_SM3_", 5) || buf[6] < 24 || buf[6] > 32 || !checksum_ok(buf, buf[6]))
		return false;
	memcpy(&len, buf + 12, 4);
	memcpy(&addr, buf + 16, 8);
	if (addr >> 32)
		return false; // above what 2-level paging can map
	pr_info("SMBIOS %d.%d.%d present.\n", buf[7], buf[8], buf[9]);
	dmi_walk((unsigned long)addr, len, 0x7fffffff);
	return true;
}

// Linux: dmi_setup / dmi_scan_machine's legacy-BIOS scan. A 64-bit entry
// point wins, as in Linux; no entry point at all leaves the string empty.
void __init dmi_setup(void)
{
	// The BIOS segment is below 1 MiB: always in the direct map. One pass
	// reads each 16-byte slot's first word, so the 4096 slots cost a few
	// instructions each of the boot's budget; only an anchor is copied.
	const u8 *area = (const u8 *)__va(SMBIOS_SCAN_START);
	const u32 sm3 = 0x334d535f, sm = 0x5f4d535f; // "_SM3", "_SM_" little-endian
	const u8 *legacy = nullptr;
	for (unsigned long off = 0; off + 32 <= SMBIOS_SCAN_SIZE; off += 16) {
		u32 word = *(const u32 *)(area + off);
		if (word != sm3 && word != sm)
			continue;
		u8 buf[32];
		memcpy(buf, area + off, sizeof(buf));
		if (word == sm3 && dmi_smbios3_present(buf))
			return;
		if (word == sm && !legacy)
			legacy = area + off;
	}
	if (legacy) {
		u8 buf[32];
		memcpy(buf, legacy, sizeof(buf));
		if (dmi_present(buf))
			return;
	}
	pr_info("DMI not present or invalid.\n");
}

// Linux: dump_stack_arch_desc_str, shown as "Hardware name:".
const char *dmi_hardware_name(void) { return dmi_ids_string; }
