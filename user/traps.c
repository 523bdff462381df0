/*
 * traps.c - what a program that does something forbidden gets: a signal,
 * never a crashed kernel. Each case runs in a forked child that does one
 * bad thing; the parent reports how the child ended (wait4's status) and,
 * where the child caught the signal, its si_code and si_addr:
 *
 *   privileged instructions (hlt, cli, in, out, lgdt) -> SIGSEGV (#GP)
 *   divide by zero -> SIGFPE (FPE_INTDIV), ud2 -> SIGILL (ILL_ILLOPN)
 *   int3 -> SIGTRAP, a jump or a store into kernel space -> SIGSEGV
 *   endless recursion -> SIGSEGV once the stack hits its limit
 *
 * Linux also prints its "traps:" or "segfault at" line for each; those
 * are kernel log lines, left out of the comparison by user-diff.py.
 */
#include "ulib.h"

#include <signal.h>
#include <sys/wait.h>

static volatile unsigned int zero;

static void do_hlt(void) { __asm__ volatile("hlt"); }
static void do_cli(void) { __asm__ volatile("cli"); }
static void do_in(void) { __asm__ volatile("inb $0x80, %%al" ::: "eax"); }
static void do_out(void) { __asm__ volatile("outb %%al, $0x80" ::"a"(0)); }
static void do_lgdt(void)
{
	static struct __attribute__((packed)) {
		unsigned short limit;
		unsigned int base;
	} gdtr;
	__asm__ volatile("lgdt %0" ::"m"(gdtr));
}
static void do_div0(void)
{
	unsigned int q = 7;
	__asm__ volatile("xor %%edx, %%edx; divl %1" : "+a"(q) : "r"(zero) : "edx");
	say("never: %u\n", q);
}
static void do_ud2(void) { __asm__ volatile("ud2"); }
static void do_int3(void) { __asm__ volatile("int3"); }
static void do_jump_kernel(void) { ((void (*)(void))0xc0100000UL)(); }
static void do_store_kernel(void) { *(volatile int *)0xc0000000UL = 1; }
static volatile int forever = 1; // the compiler cannot see the recursion end
static int recurse(int n)
{
	volatile char pad[4096];
	pad[0] = (char)n;
	return forever ? recurse(n + 1) + pad[0] : 0;
}
static void do_overflow(void) { say("never: %d\n", recurse(0)); }

static void report(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	say("  caught %s, si_code=%d si_addr=%p\n", strsignal(sig), si->si_code, si->si_addr);
	_exit(100 + sig);
}

static void run(const char *name, void (*fn)(void), int catch_it)
{
	pid_t pid = fork();
	if (pid == 0) {
		if (catch_it) {
			struct sigaction sa = {0};
			sa.sa_sigaction = report;
			sa.sa_flags = SA_SIGINFO;
			sigaction(SIGSEGV, &sa, NULL);
			sigaction(SIGFPE, &sa, NULL);
			sigaction(SIGILL, &sa, NULL);
			sigaction(SIGTRAP, &sa, NULL);
		}
		fn();
		_exit(0);
	}
	int status = 0;
	waitpid(pid, &status, 0);
	if (WIFSIGNALED(status))
		say("%s: killed by %s%s\n", name, strsignal(WTERMSIG(status)),
		    WCOREDUMP(status) ? " (core dumped)" : "");
	else
		say("%s: exited %d\n", name, WEXITSTATUS(status));
}

int main(void)
{
	static const struct {
		const char *name;
		void (*fn)(void);
	} cases[] = {
	    {"hlt", do_hlt},
	    {"cli", do_cli},
	    {"in", do_in},
	    {"out", do_out},
	    {"lgdt", do_lgdt},
	    {"divide by zero", do_div0},
	    {"ud2", do_ud2},
	    {"int3", do_int3},
	    {"jump into the kernel", do_jump_kernel},
	    {"store to the kernel", do_store_kernel},
	};
	for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		run(cases[i].name, cases[i].fn, 0);
		run(cases[i].name, cases[i].fn, 1);
	}
	run("stack overflow", do_overflow, 0);
	say("the parent is still here\n");
	return 0;
}
