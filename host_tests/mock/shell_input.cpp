// The shell's Ctrl-C hook (kernel/shell.cpp polls the UART) for host builds:
// no UART, so a test plays the user. host_interrupt_after < 0: never;
// otherwise that many polls answer false, then every one answers true.
#include <linux/shell.h>

long host_interrupt_after = -1;

bool shell_interrupted(void)
{
	if (host_interrupt_after < 0)
		return false;
	if (host_interrupt_after == 0)
		return true;
	host_interrupt_after--;
	return false;
}
