/*
 * DOC: from a typed line to a command (no Linux counterpart: a shell's job)
 *
 * Everything between the line editor and a command's run function: words,
 * numbers, the command table and the argument checks. No hardware here, so
 * the host fuzzer (host_tests/fuzz/fuzz_shell.cpp) drives it. The rule it
 * keeps: nothing typed is dropped or cut short without a word. A number
 * that does not fit, a 9th word, a missing argument: each gets a message.
 */
#include <linux/ctype.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/kstrtox.h>
#include <linux/printk.h>
#include <linux/shell.h>
#include <linux/string.h>

int shell_parse_ulong(const char *s, unsigned long *out)
{
	if (!s || !*s)
		return -EINVAL;
	bool neg = *s == '-'; // "-1" is a number, just not one any argument takes
	unsigned long long v;
	char *end;
	int err = memparse_safe(neg ? s + 1 : s, &end, &v);
	if (!err && *end)
		return -EINVAL;
	if (err)
		return err;
	if ((neg && v) || v > ULONG_MAX)
		return -ERANGE;
	*out = (unsigned long)v;
	return 0;
}

bool parse_number(const char *s, unsigned long *out) { return !shell_parse_ulong(s, out); }

bool shell_arg_ulong(const char *cmd, const char *what, const char *s, unsigned long min,
		     unsigned long max, unsigned long *out)
{
	unsigned long v = 0;
	int err = shell_parse_ulong(s, &v);
	if (!err && v >= min && v <= max) {
		*out = v;
		return true;
	}
	const char *sep = what ? " " : "";
	what = what ? what : "";
	if (err == -EINVAL)
		pr_err("%s: %s%s'%s' is not a number (decimal, 0x hex or 0 octal; K, M, G "
		       "suffixes)\n",
		       cmd, what, sep, s ? s : "");
	else if (s[0] == '0' && tolower(s[1]) == 'x') // answer in the base it was asked
		pr_err("%s: %s%s%s is out of range: %#lx to %#lx\n", cmd, what, sep, s, min, max);
	else
		pr_err("%s: %s%s%s is out of range: %lu to %lu\n", cmd, what, sep, s, min, max);
	return false;
}

bool number_arg(int argc, char **argv, const char *usage, unsigned long min, unsigned long max,
		unsigned long *out)
{
	if (argc == 2 && shell_arg_ulong(argv[0], nullptr, argv[1], min, max, out))
		return true;
	pr_err("usage: %s %s\n", argv[0], usage);
	return false;
}

int shell_split(char *line, char **argv, int max)
{
	int argc = 0;
	for (char *p = skip_spaces(line); *p; p = skip_spaces(p)) {
		if (argc == max)
			return -E2BIG;
		argv[argc++] = p;
		while (*p && !isspace(*p))
			p++;
		if (*p)
			*p++ = '\0';
	}
	return argc;
}

static const struct shell_cmd *shell_find(const struct shell_cmd *cmds, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(cmds[i].name, name))
			return &cmds[i];
	return nullptr;
}

bool shell_dispatch(const struct shell_cmd *cmds, size_t n, char *line)
{
	char *argv[SHELL_MAX_ARGS];
	int argc = shell_split(line, argv, SHELL_MAX_ARGS);
	if (argc < 0) {
		pr_err("too many arguments: a command takes at most %d words after its name\n",
		       SHELL_MAX_ARGS - 1);
		return false;
	}
	if (!argc)
		return true;
	const struct shell_cmd *c = shell_find(cmds, n, argv[0]);
	if (!c) {
		pr_err("%s: unknown command; 'help' lists them\n", argv[0]);
		return false;
	}
	if (argc - 1 < c->min_args || argc - 1 > c->max_args) {
		if (argc - 1 > c->max_args)
			pr_err("%s: too many arguments\n", c->name);
		pr_err("usage: %s%s%s\n", c->name, *c->args ? " " : "", c->args);
		return false;
	}
	return c->run(argc, argv);
}

void shell_help(const struct shell_cmd *cmds, size_t n)
{
	int name_w = 0, args_w = 0;
	for (size_t i = 0; i < n; i++) {
		name_w = max(name_w, (int)strlen(cmds[i].name));
		args_w = max(args_w, (int)strlen(cmds[i].args));
	}
	for (size_t i = 0; i < n; i++)
		pr_info("  %-*s %-*s %s\n", name_w, cmds[i].name, args_w, cmds[i].args,
			cmds[i].help);
}
