#pragma once
// Helpers the host tests share (see host_support.cpp).
#include <string>
#include <vector>

// Everything printk sent to the console since the last call.
std::string console_take(void);
// The same, split into lines with the "[    0.000000] " stamp removed.
std::vector<std::string> console_take_lines(void);

// What local_clock() returns (ns); 0 unless a test moves it.
extern unsigned long long mock_clock_ns;

// How many WARN()s fired so far.
extern int host_warnings;

// The sleeping mock (mock/sched.cpp): schedule() calls the hook when one
// is set; a sleep with nobody to end it makes SIGKILL pending instead.
extern void (*mock_schedule_hook)(void);
extern unsigned long mock_sleeps, mock_stuck_sleeps, mock_wakeups;
