/*
 * segv.c - what the kernel tells a program about a bad access.
 *
 * With an SA_SIGINFO handler, SIGSEGV carries si_addr (the faulting
 * address) and si_code: SEGV_MAPERR when no vma covers it, SEGV_ACCERR when
 * a vma does but forbids the access (Linux: bad_area_nosemaphore() and
 * bad_area_access_error() in arch/x86/mm/fault.c).
 *   1. a NULL store: MAPERR at 0; the handler siglongjmp()s out.
 *   2. a store to a PROT_READ page: ACCERR; the handler mprotect()s the page
 *      writable and returns, so rt_sigreturn restarts the store, which now
 *      succeeds.
 * Then SIG_DFL again and a NULL store: the kernel kills the process with
 * SIGSEGV, which init reports as "killed by signal 11".
 */
#include "ulib.h"
#include <setjmp.h>
#include <signal.h>
#include <sys/mman.h>

static sigjmp_buf env;
static char *ro_page;
static volatile int handled;

static const char *code_name(int code)
{
	return code == SEGV_MAPERR ? "SEGV_MAPERR" : code == SEGV_ACCERR ? "SEGV_ACCERR" : "other";
}

static void handler(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	handled++;
	say("handler: sig=%d si_signo=%d si_code=%d (%s) si_addr=%p\n", sig, si->si_signo,
	    si->si_code, code_name(si->si_code), si->si_addr);
	if (ro_page && (char *)si->si_addr == ro_page) {
		say("handler: mprotect(RW) = %d, returning\n",
		    mprotect(ro_page, PG, PROT_READ | PROT_WRITE));
		return;
	}
	siglongjmp(env, 1);
}

int main(void)
{
	struct sigaction sa = {0};
	int *volatile null = NULL;

	sa.sa_sigaction = handler;
	sa.sa_flags = SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	say("sigaction = %d\n", sigaction(SIGSEGV, &sa, NULL));

	if (!sigsetjmp(env, 1)) {
		*null = 1;
		say("NULL store did not fault\n");
	}
	say("after the NULL store: %d signal(s) handled\n", handled);

	ro_page = mmap(NULL, PG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	say("read-only page at %p reads %d\n", (void *)ro_page, *(volatile char *)ro_page);
	*(volatile char *)ro_page = 42;
	say("store to the read-only page done: %d, %d signal(s) handled\n", ro_page[0], handled);

	sa.sa_handler = SIG_DFL;
	sa.sa_flags = 0;
	say("back to SIG_DFL: %d; storing to NULL\n", sigaction(SIGSEGV, &sa, NULL));
	*null = 2;
	say("still alive?\n");
	return 1;
}
