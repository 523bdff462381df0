// Taint flags: what has gone wrong since boot, printed in every oops and
// report as Linux's print_tainted() does ("Tainted: G    B  ...").
#include <linux/sprintf.h>
#include <linux/utsname.h>

// Linux's taint letters, in print_tainted() order.
static const char taint_letters[] = "PFSRMBUDAWCIOELKXTN";
static char tainted[sizeof(taint_letters)];

void add_taint(char flag)
{
	for (unsigned i = 0; taint_letters[i]; i++)
		if (taint_letters[i] == flag)
			tainted[i] = flag;
}

const char *print_tainted(void)
{
	static char buf[sizeof(taint_letters) + 16];
	bool any = false;
	for (unsigned i = 0; taint_letters[i]; i++)
		any |= tainted[i] != 0;
	if (!any)
		return "Not tainted";
	char *p = buf + sprintf(buf, "Tainted: G");
	for (unsigned i = 1; taint_letters[i]; i++)
		*p++ = tainted[i] ? tainted[i] : ' ';
	*p = '\0';
	return buf;
}
