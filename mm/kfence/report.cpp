/*
 * DOC: KFENCE reports (Linux: mm/kfence/report.c)
 *
 * Every bug is one report, framed as KASAN's are, in Linux 6.1's words:
 *
 *   ==================================================================
 *   BUG: KFENCE: out-of-bounds read in test_out_of_bounds_read+0x9f/0x1a0
 *
 *   Out-of-bounds read at 0x(ptrval) (1B left of kfence-#12):
 *    test_out_of_bounds_read+0x9f/0x1a0        <- where the access was
 *    ...
 *   kfence-#12: 0x(ptrval)-0x(ptrval), size=32, cache=kmalloc-32
 *
 *   allocated by task 0 on cpu 0 at 1.234567s:
 *    ...                                        <- who allocated it
 *   CPU: 0 PID: 0 Comm: swapper Tainted: G    B ...
 *   ==================================================================
 *
 * The stacks start at the first frame outside KFENCE and the allocator,
 * so a report names the caller of kfree() or kmalloc(), not their insides.
 *
 * Differs from Linux: %p is not hashed in this kernel, yet the corrupted
 * bytes are shown as "!" as a production Linux does (Linux shows their
 * values only with no_hash_pointers); the footer is always the CPU/PID line.
 */
#include <asm/ptrace.h>
#include <asm/traps.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/seq_buf.h>
#include <linux/slab.h>
#include <linux/sprintf.h>
#include <linux/stacktrace.h>
#include <linux/string.h>
#include <linux/utsname.h>

#include "kfence.h"

static unsigned long nr_reports;
unsigned long kfence_reports(void) { return nr_reports; }

// To the seq_buf if there is one, else to the console (Linux: seq_con_printf).
static __printf(2, 3) void seq_con_printf(struct seq_buf *m, const char *fmt, ...)
{
	va_list args;
	va_start(args, fmt);
	if (m) {
		char line[160];
		vscnprintf(line, sizeof(line), fmt, args);
		seq_buf_printf(m, "%s", line);
	} else {
		vprintk(fmt, args);
	}
	va_end(args);
}

static bool str_has_prefix(const char *s, const char *prefix)
{
	return !strncmp(s, prefix, strlen(prefix));
}

/*
 * Linux: get_stack_skipnr. The index of the first frame past the
 * allocator's entry point (kfree, kmem_cache_free, __kmalloc...,
 * kmem_cache_alloc...), or past the last KFENCE frame if none is found. A
 * fault's stack starts at the faulting instruction: nothing to skip.
 */
static int get_stack_skipnr(const unsigned long *stack_entries, int num_entries,
			    const enum kfence_error_type *type)
{
	if (type && (*type == KFENCE_ERROR_UAF || *type == KFENCE_ERROR_OOB ||
		     *type == KFENCE_ERROR_INVALID))
		return 0;
	char buf[64];
	int skipnr, fallback = 0;
	for (skipnr = 0; skipnr < num_entries; skipnr++) {
		scnprintf(buf, sizeof(buf), "%ps", (void *)stack_entries[skipnr]);
		if (str_has_prefix(buf, "kfence_") || str_has_prefix(buf, "__kfence_") ||
		    str_has_prefix(buf, "__kmem_cache_free") || !strcmp(buf, "__slab_free"))
			fallback = skipnr + 1; // a tail call may hide the entry point
		if (str_has_prefix(buf, "kfree") || str_has_prefix(buf, "kmem_cache_free") ||
		    str_has_prefix(buf, "__kmalloc") || str_has_prefix(buf, "kmalloc") ||
		    str_has_prefix(buf, "kmem_cache_alloc"))
			return skipnr + 1 < num_entries ? skipnr + 1 : 0;
	}
	return fallback < num_entries ? fallback : 0;
}

// Linux: stack_trace_save_regs. The faulting instruction, then its callers
// along the frame-pointer chain of the interrupted code.
static int stack_trace_save_regs(const struct pt_regs *regs, unsigned long *store, int size)
{
	unsigned long bp = regs->bp, lo, hi;
	int n = 0;
	store[n++] = regs->ip;
	while (n < size && get_stack_bounds(bp, &lo, &hi) && bp + 8 <= hi) {
		const unsigned long *frame = (const unsigned long *)bp;
		if (!frame[1])
			break;
		store[n++] = frame[1];
		if (frame[0] <= bp)
			break;
		bp = frame[0];
	}
	return n;
}

static void kfence_print_stack(struct seq_buf *m, const struct kfence_metadata *meta,
			       bool show_alloc)
{
	const struct kfence_track *track = show_alloc ? &meta->alloc_track : &meta->free_track;
	unsigned long ts_sec = (unsigned long)(track->ts_nsec / 1000000000),
		      rem_nsec = (unsigned long)(track->ts_nsec % 1000000000);
	// the timestamp as printk's
	seq_con_printf(m, "%s by task %d on cpu %d at %lu.%06lus:\n",
		       show_alloc ? "allocated" : "freed", track->pid, track->cpu, ts_sec,
		       rem_nsec / 1000);
	if (!track->num_stack_entries) {
		seq_con_printf(m, " no %s stack\n", show_alloc ? "allocation" : "deallocation");
		return;
	}
	int i = get_stack_skipnr(track->stack_entries, track->num_stack_entries, nullptr);
	for (; i < track->num_stack_entries; i++)
		seq_con_printf(m, " %pS\n", (void *)track->stack_entries[i]);
}

void kfence_print_object(struct seq_buf *m, const struct kfence_metadata *meta)
{
	const size_t size = meta->size;
	const unsigned long start = meta->addr;
	const struct kmem_cache *cache = meta->cache;
	if (meta->state == KFENCE_OBJECT_UNUSED) {
		seq_con_printf(m, "kfence-#%d unused\n", (int)(meta - kfence_metadata));
		return;
	}
	seq_con_printf(m, "kfence-#%d: 0x%p-0x%p, size=%zu, cache=%s\n\n",
		       (int)(meta - kfence_metadata), (void *)start, (void *)(start + size - 1),
		       size, cache ? kmem_cache_name(cache) : "<destroyed>");
	kfence_print_stack(m, meta, true);
	if (meta->state == KFENCE_OBJECT_FREED) {
		seq_con_printf(m, "\n");
		kfence_print_stack(m, meta, false);
	}
}

// "[ ! . . ]": up to 16 bytes from address, "!" where the canary changed.
// It never shows the object, nor reads into the guard page after the page.
static void print_diff_canary(unsigned long address, size_t bytes_to_show,
			      const struct kfence_metadata *meta)
{
	const unsigned long show_until_addr = address + bytes_to_show;
	const u8 *end =
	    (const u8 *)(address < meta->addr ? min(show_until_addr, meta->addr)
					      : min(show_until_addr, PAGE_ALIGN(address)));
	pr_cont("[");
	for (const u8 *cur = (const u8 *)address; cur < end; cur++)
		if (*cur == KFENCE_CANARY_PATTERN(cur))
			pr_cont(" .");
		else
			pr_cont(" !");
	pr_cont(" ]");
}

static const char *get_access_type(bool is_write) { return is_write ? "write" : "read"; }

// The two header lines (Linux: the switch in kfence_report_error).
static void print_report_header(unsigned long address, bool is_write,
				const struct kfence_metadata *meta, enum kfence_error_type type,
				unsigned long fn)
{
	const int object_index = meta ? (int)(meta - kfence_metadata) : -1;
	const char *access = get_access_type(is_write);
	switch (type) {
	case KFENCE_ERROR_OOB: {
		const bool left_of_object = address < meta->addr;
		pr_err("BUG: KFENCE: out-of-bounds %s in %pS\n\n", access, (void *)fn);
		pr_err("Out-of-bounds %s at 0x%p (%luB %s of kfence-#%d):\n", access,
		       (void *)address,
		       left_of_object ? meta->addr - address : address - meta->addr,
		       left_of_object ? "left" : "right", object_index);
		break;
	}
	case KFENCE_ERROR_UAF:
		pr_err("BUG: KFENCE: use-after-free %s in %pS\n\n", access, (void *)fn);
		pr_err("Use-after-free %s at 0x%p (in kfence-#%d):\n", access, (void *)address,
		       object_index);
		break;
	case KFENCE_ERROR_CORRUPTION:
		pr_err("BUG: KFENCE: memory corruption in %pS\n\n", (void *)fn);
		pr_err("Corrupted memory at 0x%p ", (void *)address);
		print_diff_canary(address, 16, meta);
		pr_cont(" (in kfence-#%d):\n", object_index);
		break;
	case KFENCE_ERROR_INVALID:
		pr_err("BUG: KFENCE: invalid %s in %pS\n\n", access, (void *)fn);
		pr_err("Invalid %s at 0x%p:\n", access, (void *)address);
		break;
	case KFENCE_ERROR_INVALID_FREE:
		pr_err("BUG: KFENCE: invalid free in %pS\n\n", (void *)fn);
		pr_err("Invalid free of 0x%p (in kfence-#%d):\n", (void *)address, object_index);
		break;
	}
}

// Linux: kfence_report_error. regs: the fault's, NULL when found on free.
void kfence_report_error(unsigned long address, bool is_write, struct pt_regs *regs,
			 const struct kfence_metadata *meta, enum kfence_error_type type)
{
	unsigned long stack_entries[KFENCE_STACK_DEPTH] = {0};
	int num_stack_entries, skipnr = 0;
	if (regs) {
		num_stack_entries = stack_trace_save_regs(regs, stack_entries, KFENCE_STACK_DEPTH);
	} else {
		num_stack_entries = (int)stack_trace_save(stack_entries, KFENCE_STACK_DEPTH, 1);
		skipnr = get_stack_skipnr(stack_entries, num_stack_entries, &type);
	}
	if (WARN_ON(type != KFENCE_ERROR_INVALID && !meta))
		return;
	nr_reports++;
	pr_err("==================================================================\n");
	print_report_header(address, is_write, meta, type, stack_entries[skipnr]);
	for (int i = skipnr; i < num_stack_entries; i++) // Linux: stack_trace_print
		printk(" %pS\n", (void *)stack_entries[i]);
	if (meta) {
		pr_err("\n");
		kfence_print_object(nullptr, meta);
	}
	pr_err("\n");
	show_regs_print_info(KERN_ERR); // Linux: dump_stack_print_info
	pr_err("==================================================================\n");
	add_taint('B'); // TAINT_BAD_PAGE
}
