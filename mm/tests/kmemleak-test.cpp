/*
 * DOC: the leaks kmemleak must find (Linux: samples/kmemleak/kmemleak-test.c)
 *
 * Linux's sample module allocates, when loaded, kmalloc blocks of 32, 1024,
 * 2048 and 4096 bytes (two each), five vmalloc(64) areas, ten list elements
 * on a list in the module's data and one kmalloc(129) per CPU in a per-CPU
 * pointer, printing each address, and drops every pointer. The list and the
 * per-CPU blocks are still reachable until the module is unloaded, which
 * unlinks the elements without freeing them. The shell's `kmemleak test`
 * is the load and the unload in one: 8 + 5 + 10 + 1 = 24 leaks on one CPU.
 * Differs from Linux: no files_cachep objects (Linux leaves them out too
 * when built as a module).
 */
#define pr_fmt(fmt) "kmemleak_test: " fmt

#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/kmemleak.h>
#include <linux/list.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>

struct test_node {
	long header[25];
	struct list_head list;
	long footer[25];
};

static LIST_HEAD(test_list);
static void *kmemleak_test_pointer; // Linux: a per-CPU pointer; one CPU here

struct planted {
	unsigned long *hidden;
	int max, n;
	unsigned long mask;
	void *keep(void *p)
	{
		if (p && hidden && n < max)
			hidden[n] = (unsigned long)p ^ mask;
		n += !!p;
		return p;
	}
};

// The module's init: every block it makes, printed as Linux prints them.
static int plant(struct planted *k)
{
	static const size_t sizes[] = {32, 32, 1024, 1024, 2048, 2048, 4096, 4096};
	pr_info("Kmemleak testing\n");
	for (size_t size : sizes)
		pr_info("kmalloc(%zu) = %p\n", size, k->keep(kmalloc(size, GFP_KERNEL)));
	for (int i = 0; i < 5; i++)
		pr_info("vmalloc(64) = %p\n", k->keep(vmalloc(64)));
	for (int i = 0; i < 10; i++) {
		struct test_node *elem = (struct test_node *)kzalloc(sizeof(*elem), GFP_KERNEL);
		pr_info("kzalloc(sizeof(*elem)) = %p\n", k->keep(elem));
		if (!elem)
			return -ENOMEM;
		INIT_LIST_HEAD(&elem->list);
		list_add_tail(&elem->list, &test_list);
	}
	kmemleak_test_pointer = k->keep(kmalloc(129, GFP_KERNEL));
	pr_info("kmalloc(129) = %p\n", kmemleak_test_pointer);
	return 0;
}

// The module's exit: the list unlinked, not freed; the per-CPU area gone.
static void unplant(void)
{
	while (!list_empty(&test_list))
		list_del(test_list.next);
	kmemleak_test_pointer = nullptr;
}

int kmemleak_test_init(unsigned long *hidden, int max, unsigned long mask)
{
	struct planted k = {hidden, max, 0, mask};
	int err = plant(&k);
	unplant();
	return err ? err : k.n;
}
