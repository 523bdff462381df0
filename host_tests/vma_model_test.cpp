// Random brk/mmap/munmap/mprotect/mremap calls against a reference model
// of Linux 6.1's rules, written independently as an interval map: after
// every call the kernel's VMA list (start, end, flags, pgoff) and its
// return value must be the model's.
//
// The model is for anonymous private memory that is never touched (so no
// anon_vma: merging depends only on flags and pgoff, and an untouched
// anonymous VMA's pgoff is always start >> PAGE_SHIFT). Its rules:
//   - a range whose flags are set (mmap, a changed mprotect piece, an
//     mremap destination or growth) merges with equal-flag neighbours;
//     munmap and unchanged mprotect pieces merge nothing;
//   - brk growth extends only the VMA ending at the old break, and only
//     if it ends above start_brk, and keeps a page free below the next VMA;
//   - addresses: top-down below mmap_base from mmap_min_addr, then
//     bottom-up from TASK_UNMAPPED_BASE; a free hint is taken.
#include <map>
#include <random>

#include "mm_user_helpers.h"

#include <linux/kernel.h>

namespace
{

constexpr unsigned long P = PAGE_SIZE, MIN_ADDR = 0x10000;
constexpr unsigned long MAYS = VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC;

struct Ref {
	struct Iv {
		unsigned long end, flags;
	};
	std::map<unsigned long, Iv> m;
	unsigned long start_brk, brk, mmap_base;

	std::map<unsigned long, Iv>::iterator first_above(unsigned long a) // first with end > a
	{
		auto it = m.upper_bound(a);
		if (it != m.begin() && std::prev(it)->second.end > a)
			return std::prev(it);
		return it;
	}
	bool lookup(unsigned long a, unsigned long *s)
	{
		auto it = first_above(a);
		if (it == m.end() || it->first > a)
			return false;
		*s = it->first;
		return true;
	}
	bool intersects(unsigned long s, unsigned long e)
	{
		auto it = first_above(s);
		return it != m.end() && it->first < e;
	}
	void split_at(unsigned long a)
	{
		auto it = first_above(a);
		if (it != m.end() && it->first < a) {
			m[a] = it->second;
			it->second.end = a;
		}
	}
	void remove(unsigned long s, unsigned long e)
	{
		split_at(s);
		split_at(e);
		m.erase(m.lower_bound(s), m.lower_bound(e));
	}
	// The interval at s merges with equal neighbours; its start afterwards.
	unsigned long coalesce(unsigned long s)
	{
		auto it = m.find(s);
		auto next = std::next(it);
		if (next != m.end() && next->first == it->second.end &&
		    next->second.flags == it->second.flags) {
			it->second.end = next->second.end;
			m.erase(next);
		}
		if (it != m.begin()) {
			auto prev = std::prev(it);
			if (prev->second.end == s && prev->second.flags == it->second.flags) {
				prev->second.end = it->second.end;
				m.erase(it);
				return prev->first;
			}
		}
		return s;
	}
	void insert(unsigned long s, unsigned long e, unsigned long flags)
	{
		m[s] = {e, flags};
		coalesce(s);
	}
	long search(unsigned long len, bool topdown, unsigned long lo, unsigned long hi)
	{
		long found = -ENOMEM;
		unsigned long gs = 0;
		for (auto it = m.begin();; ++it) {
			unsigned long ge = it == m.end() ? ~0ul : it->first;
			unsigned long l = std::max(gs, lo), h = std::min(ge, hi);
			if (h > l && h - l >= len) {
				if (!topdown)
					return (long)l;
				found = (long)(h - len);
			}
			if (it == m.end())
				return found;
			gs = it->second.end;
		}
	}
	// get_unmapped_area for anonymous memory, top-down layout.
	long get_area(unsigned long addr, unsigned long len, bool fixed)
	{
		if (len > TASK_SIZE || len > TASK_SIZE - MIN_ADDR)
			return -ENOMEM;
		if (!fixed && addr) {
			addr = PAGE_ALIGN(addr);
			if (TASK_SIZE - len >= addr && addr >= MIN_ADDR &&
			    !intersects(addr, addr + len))
				return (long)addr;
		}
		if (!fixed) {
			long a = search(len, true, MIN_ADDR, mmap_base);
			addr = a > 0 ? (unsigned long)a
				     : (unsigned long)search(len, false, TASK_UNMAPPED_BASE,
							     TASK_SIZE);
			if (IS_ERR_VALUE(addr))
				return (long)addr;
		}
		if (addr > TASK_SIZE - len)
			return -ENOMEM;
		if (addr & ~PAGE_MASK)
			return -EINVAL;
		return addr < MIN_ADDR ? -EPERM : (long)addr;
	}
	long mmap(unsigned long addr, unsigned long len, unsigned long prot, unsigned long flags)
	{
		if (!len)
			return -EINVAL;
		if (flags & MAP_FIXED_NOREPLACE)
			flags |= MAP_FIXED;
		if (!(flags & MAP_FIXED)) {
			addr &= PAGE_MASK;
			if (addr && addr < MIN_ADDR)
				addr = MIN_ADDR;
		}
		len = PAGE_ALIGN(len);
		if (!len)
			return -ENOMEM;
		long a = get_area(addr, len, flags & MAP_FIXED);
		if (a < 0)
			return a;
		if ((flags & MAP_FIXED_NOREPLACE) && intersects(a, a + len))
			return -EEXIST;
		remove(a, a + len);
		insert(a, a + len, prot | MAYS | ((prot & PROT_WRITE) ? VM_ACCOUNT : 0));
		return a;
	}
	long munmap(unsigned long start, unsigned long len)
	{
		if ((start & ~PAGE_MASK) || start > TASK_SIZE || len > TASK_SIZE - start)
			return -EINVAL;
		unsigned long end = start + PAGE_ALIGN(len);
		if (end == start)
			return -EINVAL;
		remove(start, end);
		return 0;
	}
	long mprotect(unsigned long start, unsigned long len, unsigned long prot)
	{
		if (start & ~PAGE_MASK)
			return -EINVAL;
		if (!len)
			return 0;
		unsigned long end = start + PAGE_ALIGN(len);
		if (end <= start)
			return -ENOMEM;
		if (prot & ~0xful)
			return -EINVAL;
		auto it = first_above(start);
		if (it == m.end() || it->first > start)
			return -ENOMEM;
		for (unsigned long nstart = start;;) {
			unsigned long s;
			lookup(nstart, &s);
			Iv iv = m[s];
			unsigned long newflags = (prot & 7) | (iv.flags & ~7ul);
			if ((newflags & VM_WRITE) && !(iv.flags & (VM_ACCOUNT | VM_WRITE)))
				newflags |= VM_ACCOUNT;
			unsigned long tmp = std::min(iv.end, end), cur_end = iv.end;
			if (newflags != iv.flags) {
				split_at(nstart);
				split_at(tmp);
				m[nstart].flags = newflags;
				cur_end = m[coalesce(nstart)].end;
			}
			nstart = std::max(tmp, cur_end);
			if (nstart >= end)
				return 0;
			auto n = first_above(cur_end);
			if (n == m.end() || n->first != nstart)
				return -ENOMEM;
		}
	}
	long brk_call(unsigned long b)
	{
		unsigned long orig = brk;
		if (b < start_brk)
			return (long)orig;
		unsigned long newbrk = PAGE_ALIGN(b), oldbrk = PAGE_ALIGN(brk);
		if (newbrk == oldbrk) {
			brk = b;
			return (long)b;
		}
		if (b <= brk) {
			auto it = first_above(newbrk);
			if (it == m.end() || it->first >= oldbrk)
				return (long)orig;
			brk = b;
			remove(newbrk, oldbrk);
			return (long)b;
		}
		if (get_area(oldbrk, newbrk - oldbrk, true) < 0)
			return (long)orig;
		auto next = first_above(oldbrk);
		if (next != m.end() && newbrk + P > next->first)
			return (long)orig;
		const unsigned long flags = VM_DATA_DEFAULT_FLAGS | VM_ACCOUNT;
		auto prev = next == m.begin() ? m.end() : std::prev(next);
		if (prev != m.end() && prev->second.end == oldbrk && oldbrk > start_brk &&
		    prev->second.flags == flags)
			prev->second.end = newbrk;
		else
			m[oldbrk] = {newbrk, flags};
		brk = b;
		return (long)b;
	}
	// Linux: vma_to_resize, for private memory. The interval start or -errno.
	long resize_check(unsigned long addr, unsigned long old_len, unsigned long new_len)
	{
		unsigned long s;
		if (!lookup(addr, &s))
			return -EFAULT;
		if (!old_len)
			return -EINVAL;
		if (old_len > m[s].end - addr)
			return -EFAULT;
		return (long)s;
	}
	long move(unsigned long s, unsigned long addr, unsigned long old_len, unsigned long new_len,
		  unsigned long new_addr, unsigned long flags)
	{
		unsigned long f = m[s].flags;
		if (!(flags & MREMAP_DONTUNMAP))
			remove(addr, addr + old_len);
		insert(new_addr, new_addr + new_len, f);
		return (long)new_addr;
	}
	long mremap_to(unsigned long addr, unsigned long old_len, unsigned long new_addr,
		       unsigned long new_len, unsigned long flags)
	{
		if ((new_addr & ~PAGE_MASK) || new_len > TASK_SIZE ||
		    new_addr > TASK_SIZE - new_len)
			return -EINVAL;
		if (addr + old_len > new_addr && new_addr + new_len > addr)
			return -EINVAL;
		long r;
		if ((flags & MREMAP_FIXED) && (r = munmap(new_addr, new_len)))
			return r;
		if (old_len > new_len) {
			if ((r = munmap(addr + new_len, old_len - new_len)))
				return r;
			old_len = new_len;
		}
		long s = resize_check(addr, old_len, new_len);
		if (s < 0)
			return s;
		r = get_area(new_addr, new_len, flags & MREMAP_FIXED);
		if (r < 0)
			return r;
		if (!(flags & MREMAP_FIXED))
			new_addr = r;
		return move(s, addr, old_len, new_len, new_addr, flags);
	}
	bool expandable(unsigned long s, unsigned long delta)
	{
		unsigned long e = m[s].end;
		return !intersects(e, e + delta) && get_area(s, e + delta - s, true) >= 0;
	}
	long mremap(unsigned long addr, unsigned long old_len, unsigned long new_len,
		    unsigned long flags, unsigned long new_addr)
	{
		if (flags & ~7ul)
			return -EINVAL;
		if ((flags & MREMAP_FIXED) && !(flags & MREMAP_MAYMOVE))
			return -EINVAL;
		if ((flags & MREMAP_DONTUNMAP) && (!(flags & MREMAP_MAYMOVE) || old_len != new_len))
			return -EINVAL;
		if (addr & ~PAGE_MASK)
			return -EINVAL;
		old_len = PAGE_ALIGN(old_len);
		new_len = PAGE_ALIGN(new_len);
		unsigned long s;
		if (!new_len)
			return -EINVAL;
		if (!lookup(addr, &s))
			return -EFAULT;
		if (flags & (MREMAP_FIXED | MREMAP_DONTUNMAP))
			return mremap_to(addr, old_len, new_addr, new_len, flags);
		if (old_len >= new_len) {
			long r = munmap(addr + new_len, old_len - new_len);
			return r < 0 && old_len != new_len ? r : (long)addr;
		}
		long r = resize_check(addr, old_len, new_len);
		if (r < 0)
			return r;
		s = (unsigned long)r;
		if (old_len == m[s].end - addr && expandable(s, new_len - old_len)) {
			m[s].end = addr + new_len;
			coalesce(s);
			return (long)addr;
		}
		if (!(flags & MREMAP_MAYMOVE))
			return -ENOMEM;
		r = get_area(0, new_len, false);
		return r < 0 ? r : move(s, addr, old_len, new_len, (unsigned long)r, flags);
	}
};

struct VmaModel : UserMm {
	Ref ref;
	std::mt19937 rng;
	unsigned long pick(unsigned long n) { return rng() % n; }
	// Addresses: mostly just below mmap_base, some around the heap.
	unsigned long addr()
	{
		if (pick(10) == 0)
			return ref.start_brk + pick(64) * P;
		return 0xb7f00000 + pick(256) * P;
	}
	unsigned long len() { return pick(8) == 0 ? pick(3 * P) : (1 + pick(12)) * P; }
	unsigned long prot()
	{
		static const unsigned long prots[] = {
		    PROT_NONE,	PROT_READ, PROT_READ | PROT_WRITE, PROT_READ | PROT_EXEC,
		    PROT_WRITE, 7};
		return pick(50) == 0 ? 0x10 : prots[pick(6)];
	}
	void step(int i)
	{
		long got = 0, want = 0;
		switch (pick(6)) {
		case 0: {
			unsigned long f = pick(3) == 0	 ? MAP_FIXED
					  : pick(6) == 0 ? MAP_FIXED_NOREPLACE
							 : 0;
			unsigned long a =
			    (f || pick(3) == 0) && pick(50) ? addr() : 0; // FIXED 0: -EPERM
			unsigned long l = len(), p = prot() & 7;
			got = anon(a, l, p, f);
			want = ref.mmap(a, l, p, f);
			break;
		}
		case 1: {
			unsigned long a = addr() + (pick(20) == 0), l = len();
			got = sys_munmap(a, l);
			want = ref.munmap(a, l);
			break;
		}
		case 2: {
			unsigned long a = addr() + (pick(20) == 0), l = len(), p = prot();
			got = sys_mprotect(a, l, p);
			want = ref.mprotect(a, l, p);
			break;
		}
		case 3: {
			static const unsigned long fl[] = {0,
							   MREMAP_MAYMOVE,
							   MREMAP_MAYMOVE | MREMAP_FIXED,
							   MREMAP_MAYMOVE | MREMAP_DONTUNMAP,
							   MREMAP_FIXED,
							   8};
			unsigned long f = fl[pick(6)], a = addr(), ol = len(), nl = len();
			if (f & MREMAP_DONTUNMAP && pick(4))
				nl = ol;
			unsigned long na = addr();
			got = sys_mremap(a, ol, nl, f, na);
			want = ref.mremap(a, ol, nl, f, na);
			break;
		}
		default: {
			long d = (long)pick(16 * P) - 6 * (long)P;
			unsigned long b = (unsigned long)((long)mm->brk + d);
			got = sys_brk(b);
			want = ref.brk_call(b);
			break;
		}
		}
		ASSERT_EQ(got, want) << "step " << i;
		ASSERT_EQ(mm->brk, ref.brk) << "step " << i;
		check_vmas(i);
	}
	void check_vmas(int i)
	{
		unsigned long pages = 0;
		auto it = ref.m.begin();
		for (struct vm_area_struct *v = find_vma(mm, 0); v;
		     v = find_vma(mm, v->vm_end), ++it) {
			ASSERT_NE(it, ref.m.end())
			    << "step " << i << ": extra VMA at " << v->vm_start;
			ASSERT_EQ(v->vm_start, it->first) << "step " << i;
			ASSERT_EQ(v->vm_end, it->second.end) << "step " << i;
			ASSERT_EQ(v->vm_flags, it->second.flags)
			    << "step " << i << " at " << v->vm_start;
			ASSERT_EQ(v->vm_pgoff, v->vm_start >> PAGE_SHIFT) << "step " << i;
			pages += vma_pages(v);
		}
		ASSERT_EQ(it, ref.m.end()) << "step " << i << ": VMA missing at " << it->first;
		ASSERT_EQ(mm->map_count, (int)ref.m.size());
		ASSERT_EQ(mm->total_vm, pages);
	}
	void run(unsigned seed, int steps)
	{
		rng.seed(seed);
		ref.start_brk = ref.brk = mm->start_brk;
		ref.mmap_base = mm->mmap_base;
		for (int i = 0; i < steps && !HasFatalFailure(); i++)
			step(i);
	}
};

// 5 seeds x 20000 calls: 10^5 calls against the model.
TEST_F(VmaModel, seed1) { run(1, 20000); }
TEST_F(VmaModel, seed2) { run(2, 20000); }
TEST_F(VmaModel, seed3) { run(3, 20000); }
TEST_F(VmaModel, seed4) { run(4, 20000); }
TEST_F(VmaModel, seed5) { run(5, 20000); }

} // namespace
