/*
 * DOC: the stack depot (Linux: lib/stackdepot.c)
 *
 * A stack is hashed; the hash picks a bucket of a table whose chains link
 * the stored records; a stack stored already gives back its old handle, so
 * the thousands of pages allocated from one place share one record. A
 * handle is the record's offset in the pool, plus one (0 means "none").
 *
 * Differs from Linux: one pool taken from memblock at boot (Linux adds 16
 * KiB slabs from the page allocator as it fills, and the handle packs a slab
 * index); when it is full, new stacks get handle 0 and the depot says so
 * once. The hash is FNV-1a, not jhash2. One CPU, interrupts off around the
 * insert: no lock.
 */
#include <asm/irqflags.h>
#include <asm/page_types.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/memblock.h>
#include <linux/sprintf.h>
#include <linux/stackdepot.h>
#include <linux/string.h>

#define DEPOT_POOL_SIZE (256UL << 10)
#define DEPOT_HASH_ORDER 12
#define DEPOT_HASH_SIZE (1U << DEPOT_HASH_ORDER)

struct stack_record {
	struct stack_record *next; // the bucket's chain
	u32 hash;
	u32 size; // entries
	unsigned long entries[];
};

static bool __stack_depot_early_init_requested;
static u8 *depot_pool;
static unsigned long depot_used;
static unsigned long depot_stacks;
static struct stack_record **stack_table;

void stack_depot_request_early_init(void) { __stack_depot_early_init_requested = true; }

// Linux: stack_depot_early_init, from mm_init before the buddy allocator.
int stack_depot_early_init(void)
{
	if (!__stack_depot_early_init_requested) // each boot of a host test starts afresh
		return 0;
	stack_table = (struct stack_record **)memblock_alloc(DEPOT_HASH_SIZE * sizeof(*stack_table),
							     sizeof(void *));
	depot_pool = (u8 *)memblock_alloc(DEPOT_POOL_SIZE, PAGE_SIZE);
	if (!stack_table || !depot_pool) {
		pr_err("Stack Depot hash table allocation failed, disabling\n");
		stack_table = nullptr;
		return -ENOMEM;
	}
	depot_used = depot_stacks = 0;
	pr_info("Stack Depot allocating hash table with memblock_alloc\n");
	return 0;
}

static u32 hash_stack(const unsigned long *entries, unsigned int size)
{
	u32 h = 2166136261u;
	for (unsigned int i = 0; i < size; i++)
		for (unsigned int b = 0; b < sizeof(long); b++) {
			h ^= (u8)(entries[i] >> (8 * b));
			h *= 16777619u;
		}
	return h;
}

static struct stack_record *find_stack(struct stack_record *bucket, const unsigned long *entries,
				       unsigned int size, u32 hash)
{
	for (struct stack_record *s = bucket; s; s = s->next)
		if (s->hash == hash && s->size == size &&
		    !memcmp(s->entries, entries, size * sizeof(long)))
			return s;
	return nullptr;
}

// Linux: depot_alloc_stack, from the one pool.
static struct stack_record *depot_alloc_stack(const unsigned long *entries, unsigned int size,
					      u32 hash)
{
	unsigned long need = ALIGN(sizeof(struct stack_record) + size * sizeof(long), sizeof(long));
	if (depot_used + need > DEPOT_POOL_SIZE) {
		static bool warned;
		if (!warned)
			pr_err("Stack depot reached limit capacity\n");
		warned = true;
		return nullptr;
	}
	struct stack_record *s = (struct stack_record *)(depot_pool + depot_used);
	depot_used += need;
	depot_stacks++;
	s->hash = hash;
	s->size = size;
	memcpy(s->entries, entries, size * sizeof(long));
	return s;
}

depot_stack_handle_t stack_depot_save(unsigned long *entries, unsigned int nr_entries,
				      gfp_t alloc_flags)
{
	if (!stack_table || !nr_entries)
		return 0;
	u32 hash = hash_stack(entries, nr_entries);
	struct stack_record **bucket = &stack_table[hash & (DEPOT_HASH_SIZE - 1)];
	unsigned long flags = local_irq_save();
	struct stack_record *found = find_stack(*bucket, entries, nr_entries, hash);
	if (!found) {
		found = depot_alloc_stack(entries, nr_entries, hash);
		if (found) {
			found->next = *bucket;
			*bucket = found;
		}
	}
	local_irq_restore(flags);
	return found ? (depot_stack_handle_t)((u8 *)found - depot_pool + 1) : 0;
}

unsigned int stack_depot_fetch(depot_stack_handle_t handle, unsigned long **entries)
{
	*entries = nullptr;
	if (!handle || !depot_pool || handle > depot_used)
		return 0;
	struct stack_record *s = (struct stack_record *)(depot_pool + handle - 1);
	*entries = s->entries;
	return s->size;
}

void stack_depot_print(depot_stack_handle_t stack)
{
	unsigned long *entries;
	unsigned int n = stack_depot_fetch(stack, &entries);
	for (unsigned int i = 0; i < n; i++) // Linux: stack_trace_print
		printk("%*c%pS\n", 1, ' ', (void *)entries[i]);
}

int stack_depot_snprint(depot_stack_handle_t handle, char *buf, size_t size, int spaces)
{
	unsigned long *entries;
	unsigned int n = stack_depot_fetch(handle, &entries);
	int len = 0;
	for (unsigned int i = 0; i < n && (size_t)len < size; i++) // Linux: stack_trace_snprint
		len += scnprintf(buf + len, size - len, "%*c%pS\n", 1 + spaces, ' ',
				 (void *)entries[i]);
	return len;
}

void stack_depot_get_stats(struct stack_depot_stats *st)
{
	st->stacks = depot_stacks;
	st->bytes_used = depot_used;
	st->bytes_total = stack_table ? DEPOT_POOL_SIZE : 0;
}
