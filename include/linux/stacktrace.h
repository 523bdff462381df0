#pragma once
// Saving the current call stack (Linux: include/linux/stacktrace.h).
// Stores up to size return addresses, skipping the first skipnr; returns
// how many it stored. The arch walks frame pointers.
unsigned int stack_trace_save(unsigned long *store, unsigned int size, unsigned int skipnr);
