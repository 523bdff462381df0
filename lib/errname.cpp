/*
 * DOC: errno and signal names (Linux: lib/errname.c; signal names as
 * strsignal's abbreviations)
 *
 * The shell reports "ENOENT", not "-2": the name is what a student finds
 * in man pages and in the user programs' output.
 */
#include <linux/errname.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/signal.h>
#include <linux/string.h>

#define E(name)                                                                                    \
	{                                                                                          \
		name, #name                                                                        \
	}
static const struct {
	int err;
	const char *name;
} errnos[] = {
    E(EPERM),	       E(ENOENT),     E(ESRCH),	    E(EINTR),	    E(EIO),
    E(ENXIO),	       E(E2BIG),      E(ENOEXEC),   E(EBADF),	    E(ECHILD),
    E(EAGAIN),	       E(ENOMEM),     E(EACCES),    E(EFAULT),	    E(ENOTBLK),
    E(EBUSY),	       E(EEXIST),     E(EXDEV),	    E(ENODEV),	    E(ENOTDIR),
    E(EISDIR),	       E(EINVAL),     E(ENFILE),    E(EMFILE),	    E(ENOTTY),
    E(ETXTBSY),	       E(EFBIG),      E(ENOSPC),    E(ESPIPE),	    E(EROFS),
    E(EMLINK),	       E(EPIPE),      E(EDOM),	    E(ERANGE),	    E(EDEADLK),
    E(ENAMETOOLONG),   E(ENOLCK),     E(ENOSYS),    E(ENOTEMPTY),   E(ELOOP),
    E(ENOMSG),	       E(ENODATA),    E(ETIME),	    E(EOVERFLOW),   E(EILSEQ),
    E(ENOTSOCK),       E(EOPNOTSUPP), E(ETIMEDOUT), E(ERESTARTSYS), E(ERESTARTNOINTR),
    E(ERESTARTNOHAND),
};
#undef E

// Negative or positive, as Linux's errname(); nullptr for a number with
// no name here.
const char *errname(int err)
{
	if (err < 0)
		err = -err;
	for (const auto &e : errnos)
		if (e.err == err)
			return e.name;
	return nullptr;
}

static const char *const signames[] = {
    nullptr,	 "SIGHUP",  "SIGINT",	 "SIGQUIT", "SIGILL",	"SIGTRAP", "SIGABRT", "SIGBUS",
    "SIGFPE",	 "SIGKILL", "SIGUSR1",	 "SIGSEGV", "SIGUSR2",	"SIGPIPE", "SIGALRM", "SIGTERM",
    "SIGSTKFLT", "SIGCHLD", "SIGCONT",	 "SIGSTOP", "SIGTSTP",	"SIGTTIN", "SIGTTOU", "SIGURG",
    "SIGXCPU",	 "SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH", "SIGIO",   "SIGPWR",  "SIGSYS",
};

// "SIGSEGV" for 11; nullptr for 0 and the real-time signals.
const char *signame(int sig)
{
	return sig > 0 && sig < (int)ARRAY_SIZE(signames) ? signames[sig] : nullptr;
}

// 9, "9", "KILL" and "SIGKILL" all give 9 (kill(1)'s forms); -1 if none.
int signum_parse(const char *s)
{
	if (!s || !*s)
		return -1;
	if (*s >= '0' && *s <= '9') {
		int n = 0;
		for (; *s >= '0' && *s <= '9'; s++)
			if ((n = n * 10 + (*s - '0')) > _NSIG)
				return -1;
		return *s ? -1 : n;
	}
	if (s[0] == 'S' && s[1] == 'I' && s[2] == 'G')
		s += 3;
	for (int sig = 1; sig < (int)ARRAY_SIZE(signames); sig++)
		if (!strcmp(signames[sig] + 3, s))
			return sig;
	return -1;
}
