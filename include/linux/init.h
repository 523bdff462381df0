#pragma once
// Kernel command line parameters (Linux: include/linux/init.h, init/main.c,
// kernel/params.c).
//
// early_param("mem", fn) runs fn("64M") from setup_arch, before memory is set
// up; __setup("ktest=", fn) runs fn("all") later from start_kernel. Both
// register a record in the "setup_params" section, which the linker gathers
// between __start_setup_params and __stop_setup_params.
#include <linux/compiler.h>
#include <linux/types.h>

#define COMMAND_LINE_SIZE 2048

// Code and data used only while booting go to .init (the layout print shows
// its size). pid 1 frees it, as Linux does, before it runs a program or the
// shell ("Freeing unused kernel image (initmem) memory"): nothing that runs
// after boot may call an __init function or read __initdata.
#ifdef MMLAB_HOST
#define __init
#define __initdata
#else
#define __init __attribute__((__section__(".init.text")))
#define __initdata __attribute__((__section__(".init.data")))
#endif

struct obs_kernel_param {
	const char *str;
	int (*setup_func)(char *val);
	int early;
};

#define __setup_param(str, unique_id, fn, early)                                                   \
	static const struct obs_kernel_param __setup_##unique_id __used __section("setup_params")  \
	    __aligned(sizeof(void *)) = {str, fn, early}

// Linux's convention: __setup strings end in '=' when they take a value.
#define __setup(str, fn) __setup_param(str, fn, fn, 0)
#define early_param(str, fn) __setup_param(str, fn, fn, 1)

extern char boot_command_line[COMMAND_LINE_SIZE];

// Splits a command line into name[=value] words (quotes group words) and
// calls handle(name, value) for each; a "--" ends the kernel's part.
typedef int (*parse_handler_t)(char *param, char *val);
char *parse_args(const char *doing, char *args, parse_handler_t handle);

// Runs the early_param handlers named in cmdline (which it modifies).
void parse_early_options(char *cmdline);
// parse_early_options on a copy of boot_command_line, once per boot.
void parse_early_param(void);
// Runs the __setup handlers of boot_command_line and reports unknown
// parameters, as Linux's start_kernel does.
void parse_kernel_params(void);
