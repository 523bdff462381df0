#pragma once
// Names for errno values and signals (Linux: lib/errname.c).
const char *errname(int err);	 // "ENOENT" for 2 or -2; nullptr if unknown
const char *signame(int sig);	 // "SIGSEGV" for 11; nullptr if unknown
int signum_parse(const char *s); // 9 for "9", "KILL", "SIGKILL"; -1 if none
