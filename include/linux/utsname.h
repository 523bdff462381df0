#pragma once
// The kernel's name and version, as oopses and the banner print them.
#define UTS_SYSNAME "mmlab"
#define UTS_RELEASE "0.1-mmlab"
#define UTS_VERSION "#1"
#define LINUX_NAMES_VERSION "6.1" // the Linux release whose names we follow

extern const char linux_banner[];
// "Not tainted" or "Tainted: G    B   D  ...", as Linux's print_tainted().
const char *print_tainted(void);
void add_taint(char flag);
// WARN()s so far (Linux 6.2+: warn_count; tests count reports with it).
extern unsigned long warn_count;
