/*
 * stack.c - the stack vma grows down on demand.
 *
 * execve() leaves a [stack] vma of the arguments plus 128 KiB
 * (setup_arg_pages() in fs/exec.c). Recursing with a 4 KiB frame touches
 * pages below its start: each such fault finds no vma, sees the VM_GROWSDOWN
 * one just above and extends it (expand_stack() in mm/mmap.c), as long as
 * the stack stays under RLIMIT_STACK. Returning does not shrink it again.
 */
#include "ulib.h"

#define FRAME 4096
#define DEPTH 64

static long f_start;

static void __attribute__((noinline)) deepest(volatile char *frame)
{
	say("depth %d: frame at %p, %ld fault(s) since the start\n", DEPTH, (void *)frame,
	    minflt() - f_start);
	show_maps("[stack]");
}

static int __attribute__((noinline)) recurse(int depth)
{
	volatile char frame[FRAME];

	for (int i = 0; i < FRAME; i += 512)
		frame[i] = depth;
	if (depth == DEPTH)
		deepest(frame);
	else
		recurse(depth + 1);
	return frame[0] + frame[FRAME - 512];
}

int main(void)
{
	struct rlimit rl;
	int local;

	if (getrlimit(RLIMIT_STACK, &rl))
		say("getrlimit: %s\n", ename(errno));
	else if (rl.rlim_max == RLIM_INFINITY)
		say("RLIMIT_STACK: cur=%lu max=unlimited\n", (unsigned long)rl.rlim_cur);
	else
		say("RLIMIT_STACK: cur=%lu max=%lu\n", (unsigned long)rl.rlim_cur,
		    (unsigned long)rl.rlim_max);
	say("main's local at %p\n", (void *)&local);
	show_maps("[stack]");
	f_start = minflt();
	recurse(1);
	say("back in main: %ld fault(s) in all\n", minflt() - f_start);
	show_maps("[stack]");
	return 0;
}
