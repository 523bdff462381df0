/*
 * DOC: the system call table (Linux: arch/x86/entry/syscall_32.c,
 * syscalls/syscall_32.tbl)
 *
 * Each entry is a thunk that takes the arguments out of pt_regs in the
 * i386 order (EBX ECX EDX ESI EDI EBP), converts each to the type the
 * sys_* function declares and calls it: the same job as Linux's
 * __SYSCALL_DEFINEx / __ia32_sys_* wrappers, done by one template. A
 * number with no entry returns -ENOSYS (common.cpp).
 */
#include <linux/syscalls.h>
#include <linux/syscalls_fs.h>
#include <linux/syscalls_mm.h>

#include "syscall_32.h"

template <unsigned... I> struct index_list {
};
// index_list<0, 1, ..., N-1> (std::make_integer_sequence, without the library).
template <unsigned N, unsigned... I> struct make_index : make_index<N - 1, N - 1, I...> {
};
template <unsigned... I> struct make_index<0, I...> {
	using type = index_list<I...>;
};

template <typename R, typename... A> constexpr unsigned arity(R (*)(A...)) { return sizeof...(A); }

template <typename R, typename... A, unsigned... I>
static long call_with_regs(R (*f)(A...), const struct pt_regs *r, index_list<I...>)
{
	static_assert(((sizeof(A) <= sizeof(long)) && ...), "an i386 argument is one register");
	[[maybe_unused]] const unsigned long args[6] = {r->bx, r->cx, r->dx, r->si, r->di, r->bp};
	return (long)f((A)args[I]...);
}

template <auto F> static long thunk(const struct pt_regs *r)
{
	return call_with_regs(F, r, typename make_index<arity(F)>::type{});
}

struct syscall_entry {
	unsigned int nr;
	syscall_fn_t fn;
};

#define SYSCALL(name, fn)                                                                          \
	{                                                                                          \
		__NR_##name, thunk<fn>                                                             \
	}

static constexpr syscall_entry entries[] = {
#include "syscall_32.tbl.h"
};

static constexpr struct syscall_table build_table(void)
{
	struct syscall_table t = {};
	for (const auto &e : entries)
		t.fn[e.nr] = e.fn;
	return t;
}

constinit const struct syscall_table sys_call_table = build_table();
