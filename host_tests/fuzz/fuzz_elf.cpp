// libFuzzer target: arbitrary bytes as an executable, through elf_parse and,
// when it accepts them, create_elf_tables. Any crash, sanitizer report or
// broken invariant (abort) is a bug.
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <vector>

#include <linux/binfmts.h>
#include <linux/errno.h>
#include <linux/mm_space.h>

// What an accepted program promises the mapping code.
static void check_accepted(const struct elf_info *info, size_t size)
{
	bool entry_ok = false;
	unsigned long prev_end = 0;

	if (info->nr_loads < 1 || info->nr_loads > ELF_MAX_LOADS)
		std::abort();
	for (int i = 0; i < info->nr_loads; i++) {
		const struct elf_load_seg *s = &info->loads[i];

		if (s->filesz > s->memsz || s->vaddr < prev_end)
			std::abort(); // bss before data, or unsorted / overlapping
		if (s->filesz && (s->offset > size || s->filesz > size - s->offset))
			std::abort(); // file bytes outside the file
		if (s->vaddr >= TASK_SIZE || s->memsz > TASK_SIZE - s->vaddr)
			std::abort(); // memory outside user space
		if (s->filesz && ELF_PAGEOFFSET(s->offset) != ELF_PAGEOFFSET(s->vaddr))
			std::abort(); // not mappable page by page
		if ((s->flags & PF_X) && info->e_entry >= s->vaddr &&
		    info->e_entry < s->vaddr + s->filesz)
			entry_ok = true;
		prev_end = s->vaddr + s->memsz;
	}
	if (!entry_ok || info->elf_brk > TASK_SIZE || info->start_brk < info->elf_brk)
		std::abort();
	if (info->start_code > info->end_code || info->elf_bss > info->elf_brk)
		std::abort();
}

// The stack for an accepted program: 16-byte aligned, argc first.
static void check_stack(const struct elf_info *info)
{
	static u8 buf[8192];
	struct linux_binprm bprm;
	struct elf_aux_values av = {};
	const char *argv[] = {"/bin/fuzz", "-x", nullptr}, *envp[] = {"HOME=/", nullptr};
	u32 argc;

	av.platform = "i686";
	bprm_stack_init(&bprm, buf, sizeof(buf), STACK_TOP);
	if (bprm_copy_args(&bprm, argv[0], argv, envp) || create_elf_tables(&bprm, info, &av))
		std::abort();
	memcpy(&argc, bprm_stack_ptr(&bprm, bprm.p), sizeof(argc));
	if (bprm.p % 16 || argc != 2)
		std::abort();
	for (int i = 0; bprm.saved_auxv[i] != AT_NULL; i += 2)
		if (bprm.saved_auxv[i] == AT_ENTRY && bprm.saved_auxv[i + 1] != info->e_entry)
			std::abort();
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 1 << 20)
		return 0;
	std::vector<u8> image(data, data + size); // a private copy: the parser must not write
	struct elf_info info;
	const char *why = nullptr;
	int ret = elf_parse(image.data(), size, &info, &why);

	if (size && std::memcmp(image.data(), data, size))
		std::abort();
	if (ret == 0) {
		if (why)
			std::abort();
		check_accepted(&info, size);
		check_stack(&info);
	} else if (ret != -ENOEXEC || !why || !*why) {
		std::abort();
	}
	return 0;
}
