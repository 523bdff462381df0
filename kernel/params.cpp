/*
 * DOC: the kernel command line (Linux: init/main.c, kernel/params.c)
 *
 * GRUB passes "memblock=debug mem=64M ktest=all". setup_arch copies it into
 * boot_command_line; parse_early_param() then runs the early_param handlers
 * (mem=, memmap=, loglevel=...) before memory is set up, and start_kernel's
 * parse_kernel_params() runs the __setup handlers (ktest=, panic=...) and
 * reports words nobody claimed, exactly as Linux reports them.
 *
 * Differs from Linux: every handler returns 0 on success and a negative errno
 * on a bad value (Linux's __setup handlers return 1 for "handled").
 */
#include <linux/ctype.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/sprintf.h>
#include <linux/string.h>

char boot_command_line[COMMAND_LINE_SIZE];
static char tmp_cmdline[COMMAND_LINE_SIZE];
static char static_command_line[COMMAND_LINE_SIZE];

extern "C" const struct obs_kernel_param __start_setup_params[], __stop_setup_params[];

#define for_each_setup_param(p)                                                                    \
	for (const struct obs_kernel_param *p = __start_setup_params; p < __stop_setup_params; p++)

// Parameter names match with '-' and '_' treated alike, as in Linux.
static bool parameqn(const char *a, const char *b, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char x = a[i] == '-' ? '_' : a[i], y = b[i] == '-' ? '_' : b[i];
		if (x != y)
			return false;
	}
	return true;
}

static bool parameq(const char *a, const char *b)
{
	size_t n = strlen(a);
	return n == strlen(b) && parameqn(a, b, n);
}

// Cuts the next word off args: name[=value], where "..." quotes spaces.
static char *next_arg(char *args, char **param, char **val)
{
	size_t i, equals = 0;
	bool in_quote = false, quoted = *args == '"';
	if (quoted) {
		args++;
		in_quote = true;
	}
	for (i = 0; args[i]; i++) {
		if (isspace(args[i]) && !in_quote)
			break;
		if (!equals && args[i] == '=')
			equals = i;
		if (args[i] == '"')
			in_quote = !in_quote;
	}
	*param = args;
	*val = nullptr;
	if (equals) {
		args[equals] = '\0';
		*val = args + equals + 1;
		if (**val == '"') { // value="a b": drop the quotes
			(*val)++;
			if (args[i - 1] == '"')
				args[i - 1] = '\0';
		}
	}
	if (quoted && i > 0 && args[i - 1] == '"')
		args[i - 1] = '\0';
	if (args[i])
		args[i++] = '\0';
	return skip_spaces(args + i);
}

char *parse_args(const char *doing, char *args, parse_handler_t handle)
{
	args = skip_spaces(args);
	while (*args) {
		char *param, *val;
		args = next_arg(args, &param, &val);
		if (!val && !strcmp(param, "--"))
			return args; // the rest belongs to init, not to us
		if (handle(param, val))
			pr_err("%s: `%s' invalid for parameter `%s'\n", doing, val ? val : "",
			       param);
	}
	return nullptr;
}

static int do_early_param(char *param, char *val)
{
	for_each_setup_param(p) {
		if (p->early && parameq(param, p->str) && p->setup_func(val))
			pr_warn("Malformed early option '%s'\n", param);
	}
	return 0;
}

void parse_early_options(char *cmdline) { parse_args("early options", cmdline, do_early_param); }

void parse_early_param(void)
{
	static bool done;
	if (done)
		return;
	done = true;
	strlcpy(tmp_cmdline, boot_command_line, sizeof(tmp_cmdline));
	parse_early_options(tmp_cmdline);
}

// A __setup("name=") handler gets what follows "name="; early ones were run.
static bool obsolete_checksetup(const char *param, char *val)
{
	bool had_early = false;
	for_each_setup_param(p) {
		size_t n = strlen(p->str);
		bool has_eq = n && p->str[n - 1] == '=';
		if (!parameqn(param, p->str, has_eq ? n - 1 : n) || param[has_eq ? n - 1 : n])
			continue;
		if (p->early) {
			had_early = true;
			continue;
		}
		if ((has_eq && !val) || (!has_eq && val))
			continue;
		if (p->setup_func(val))
			pr_warn("Malformed option '%s'\n", param);
		return true;
	}
	return had_early;
}

static char unknown_params[COMMAND_LINE_SIZE];

static int unknown_bootoption(char *param, char *val)
{
	if (obsolete_checksetup(param, val))
		return 0;
	size_t len = strlen(unknown_params);
	scnprintf(unknown_params + len, sizeof(unknown_params) - len, "%s%s%s%s", len ? " " : "",
		  param, val ? "=" : "", val ? val : "");
	return 0;
}

void parse_kernel_params(void)
{
	strlcpy(static_command_line, boot_command_line, sizeof(static_command_line));
	unknown_params[0] = '\0';
	parse_args("Booting kernel", static_command_line, unknown_bootoption);
	if (unknown_params[0])
		pr_notice("Unknown kernel command line parameters \"%s\", will be passed to user "
			  "space.\n",
			  unknown_params);
}
