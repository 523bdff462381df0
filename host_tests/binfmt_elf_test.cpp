// The ELF loader's pure half (fs/binfmt_elf.cpp, fs/exec_args.cpp): elf_parse
// over executables synthesised here (each malformed one refused with its
// reason) and over a real `gcc -m32 -static` program; the initial stack
// compared word for word with the layout Linux 6.1 i386 leaves; execve's
// E2BIG arithmetic.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstring>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include <linux/binfmts.h>
#include <linux/errno.h>

namespace
{

/*
 * A small static program as GNU ld lays one out (no separate headers page
 * for brevity):
 *
 *   file 0x0000 ehdr + 6 phdrs | 0x1000 text (0x800) | 0x1bec data (0x100)
 *   0x08048000 R   [0x08048000, +0x100)    the headers: AT_PHDR 0x08048034
 *   0x08049000 R E [0x08049000, +0x800)    entry 0x08049010
 *   0x0804abec RW  [0x0804abec, +0x2000)   0x100 from the file, the rest bss
 */
struct TestElf {
	elf32_hdr eh{};
	std::vector<elf32_phdr> ph;
	std::vector<u8> tail; // file bytes after the headers, up to file_size
	size_t file_size = 0x2000;

	TestElf()
	{
		memcpy(eh.e_ident, ELFMAG, SELFMAG);
		eh.e_ident[EI_CLASS] = ELFCLASS32;
		eh.e_ident[EI_DATA] = ELFDATA2LSB;
		eh.e_ident[EI_VERSION] = EV_CURRENT;
		eh.e_type = ET_EXEC;
		eh.e_machine = EM_386;
		eh.e_version = EV_CURRENT;
		eh.e_entry = 0x08049010;
		eh.e_phoff = sizeof(elf32_hdr);
		eh.e_ehsize = sizeof(elf32_hdr);
		eh.e_phentsize = sizeof(elf32_phdr);
		ph.push_back({PT_LOAD, 0, 0x08048000, 0x08048000, 0x100, 0x100, PF_R, 0x1000});
		ph.push_back(
		    {PT_LOAD, 0x1000, 0x08049000, 0x08049000, 0x800, 0x800, PF_R | PF_X, 0x1000});
		ph.push_back(
		    {PT_LOAD, 0x1bec, 0x0804abec, 0x0804abec, 0x100, 0x2000, PF_R | PF_W, 0x1000});
		ph.push_back({PT_NOTE, 0x100, 0x08048100, 0x08048100, 0x20, 0x20, PF_R, 4});
		ph.push_back({PT_TLS, 0x1bec, 0x0804abec, 0x0804abec, 0x8, 0x10, PF_R, 4});
		ph.push_back({PT_GNU_STACK, 0, 0, 0, 0, 0, PF_R | PF_W, 16});
	}
	elf32_phdr &load(int n) // the n-th PT_LOAD
	{
		for (auto &p : ph)
			if (p.p_type == PT_LOAD && n-- == 0)
				return p;
		throw std::out_of_range("no such PT_LOAD");
	}
	std::vector<u8> bytes() const
	{
		std::vector<u8> f(file_size);
		auto put = [&](size_t off, const void *src, size_t len) {
			if (len && off < f.size())
				memcpy(&f[off], src, std::min(len, f.size() - off));
		};
		elf32_hdr h = eh;
		if (h.e_phnum == 0 && !ph.empty())
			h.e_phnum = (u16)ph.size();
		put(0, &h, sizeof(h));
		put(h.e_phoff, ph.data(), ph.size() * sizeof(elf32_phdr));
		put(h.e_phoff + ph.size() * sizeof(elf32_phdr), tail.data(), tail.size());
		return f;
	}
	// Adds a PT_INTERP naming `path` (with its NUL unless told otherwise).
	void add_interp(const std::string &path, bool nul = true)
	{
		u32 len = (u32)path.size() + (nul ? 1 : 0);
		u32 off = (u32)(sizeof(elf32_hdr) + (ph.size() + 1) * sizeof(elf32_phdr));
		ph.insert(ph.begin(), {PT_INTERP, off, 0x08048000 + off, 0, len, len, PF_R, 1});
		tail.assign(path.begin(), path.end());
		if (nul)
			tail.push_back(0);
	}
};

int parse(const TestElf &t, elf_info *info, const char **why)
{
	std::vector<u8> f = t.bytes();
	return elf_parse(f.data(), f.size(), info, why);
}

// The reason elf_parse gives, or "ok".
std::string reason(const TestElf &t)
{
	static elf_info info;
	const char *why = "unset";
	int ret = parse(t, &info, &why);
	if (ret == 0)
		return why == nullptr ? "ok" : "ok but why set";
	if (ret != -ENOEXEC)
		return "error " + std::to_string(ret);
	return why;
}

TEST(ElfParse, elf_parse_valid_static_check)
{
	TestElf t;
	elf_info info;
	const char *why = "unset";

	ASSERT_EQ(parse(t, &info, &why), 0) << why;
	EXPECT_EQ(why, nullptr);
	EXPECT_EQ(info.e_entry, 0x08049010u);
	EXPECT_EQ(info.phdr_addr, 0x08048034u); // e_phoff inside the first PT_LOAD
	EXPECT_EQ(info.pt_phdr, 0u);
	EXPECT_EQ(info.phnum, 6u);
	EXPECT_EQ(info.phent, 32u);
	EXPECT_EQ(info.executable_stack, EXSTACK_DISABLE_X);
	ASSERT_EQ(info.nr_loads, 3);
	EXPECT_EQ(info.loads[1].vaddr, 0x08049000u);
	EXPECT_EQ(info.loads[1].memsz, 0x800u);
	EXPECT_EQ(info.loads[1].offset, 0x1000u);
	EXPECT_EQ(info.loads[1].filesz, 0x800u);
	EXPECT_EQ(info.loads[1].flags, (u32)(PF_R | PF_X));
	EXPECT_EQ(info.loads[2].offset, 0x1becu);
	EXPECT_EQ(info.loads[2].memsz, 0x2000u);
	// load_elf_binary's figures
	EXPECT_EQ(info.start_code, 0x08049000u);
	EXPECT_EQ(info.end_code, 0x08049800u);
	EXPECT_EQ(info.start_data, 0x0804abecu); // the highest p_vaddr
	EXPECT_EQ(info.end_data, 0x0804acecu);
	EXPECT_EQ(info.elf_bss, 0x0804acecu);
	EXPECT_EQ(info.elf_brk, 0x0804cbecu);
	EXPECT_EQ(info.start_brk, 0x0804d000u);
	EXPECT_EQ(info.bss_flags, (u32)(PF_R | PF_W));
}

// What Linux also accepts, and how it reads it.
TEST(ElfParse, elf_parse_accepted_variants_check)
{
	elf_info info;
	const char *why;
	{
		TestElf t; // no PT_GNU_STACK: i386 then implies exec for reads
		t.ph.pop_back();
		ASSERT_EQ(parse(t, &info, &why), 0);
		EXPECT_EQ(info.executable_stack, EXSTACK_DEFAULT);
		EXPECT_TRUE(elf_read_implies_exec(info.executable_stack));
	}
	{
		TestElf t;
		t.ph.back().p_flags |= PF_X;
		ASSERT_EQ(parse(t, &info, &why), 0);
		EXPECT_EQ(info.executable_stack, EXSTACK_ENABLE_X);
	}
	{
		TestElf t; // Linux's EM_486 alias
		t.eh.e_machine = EM_486;
		EXPECT_EQ(reason(t), "ok");
	}
	{
		TestElf t; // PT_PHDR is recorded, but AT_PHDR comes from the PT_LOAD
		t.ph.push_back({PT_PHDR, 0x34, 0x08048034, 0, 0xe0, 0xe0, PF_R, 4});
		ASSERT_EQ(parse(t, &info, &why), 0);
		EXPECT_EQ(info.pt_phdr, 0x08048034u);
		EXPECT_EQ(info.phdr_addr, 0x08048034u);
	}
	{
		TestElf t; // headers in no PT_LOAD: Linux 6.1 passes AT_PHDR 0
		t.load(0).p_offset = 0x1000;
		t.load(0).p_vaddr = 0x08048000;
		ASSERT_EQ(parse(t, &info, &why), 0) << why;
		EXPECT_EQ(info.phdr_addr, 0u);
	}
	{
		TestElf t; // a bss-only segment, and one ending exactly at TASK_SIZE
		t.ph.push_back({PT_LOAD, 0, 0x10000000, 0, 0, 0x1000, PF_R | PF_W, 0x1000});
		t.ph.push_back({PT_LOAD, 0, 0xBFFFF000, 0, 0, 0x1000, PF_R | PF_W, 0x1000});
		ASSERT_EQ(parse(t, &info, &why), 0) << why;
		EXPECT_EQ(info.nr_loads, 5);
		EXPECT_EQ(info.elf_brk, 0xC0000000u);
		EXPECT_EQ(info.elf_bss, 0xBFFFF000u); // p_vaddr + 0: Linux counts it too
		EXPECT_EQ(info.start_data, 0xBFFFF000u);
	}
	{
		TestElf t; // filesz 0 at a page-aligned vaddr: elf_map maps nothing,
		t.load(2) = {PT_LOAD, 0x1234, 0x0804b000, 0, 0, 0x1000, PF_R | PF_W, 0x1000};
		EXPECT_EQ(reason(t), "ok"); // so no congruence is asked of it
	}
	{
		TestElf t; // the entry may be the last byte of the text
		t.eh.e_entry = 0x080497ff;
		EXPECT_EQ(reason(t), "ok");
	}
}

struct BadCase {
	const char *name;
	std::function<void(TestElf &)> spoil;
	const char *why;
};

const BadCase bad_cases[] = {
    {"magic", [](TestElf &t) { t.eh.e_ident[EI_MAG1] = 'X'; }, "bad magic"},
    {"empty file", [](TestElf &t) { t.file_size = 0; }, "bad magic"},
    {"short header", [](TestElf &t) { t.file_size = 40; }, "file shorter than the ELF header"},
    {"class 64", [](TestElf &t) { t.eh.e_ident[EI_CLASS] = ELFCLASS64; }, "not ELFCLASS32"},
    {"big endian", [](TestElf &t) { t.eh.e_ident[EI_DATA] = ELFDATA2MSB; },
     "not little-endian (ELFDATA2LSB)"},
    {"ET_REL", [](TestElf &t) { t.eh.e_type = ET_REL; }, "not an executable (ET_EXEC)"},
    {"ET_CORE", [](TestElf &t) { t.eh.e_type = ET_CORE; }, "not an executable (ET_EXEC)"},
    {"x86_64", [](TestElf &t) { t.eh.e_machine = EM_X86_64; }, "not EM_386"},
    {"version", [](TestElf &t) { t.eh.e_version = 0; }, "not EV_CURRENT"},
    {"ident version", [](TestElf &t) { t.eh.e_ident[EI_VERSION] = 2; }, "not EV_CURRENT"},
    {"phentsize", [](TestElf &t) { t.eh.e_phentsize = 56; }, "e_phentsize != 32"},
    {"phnum 0", [](TestElf &t) { t.ph.clear(); }, "no program headers"},
    {"phnum 129",
     [](TestElf &t) {
	     t.ph.resize(129, {PT_NULL, 0, 0, 0, 0, 0, 0, 0});
	     t.file_size = 0x3000;
     },
     "too many program headers"},
    {"PN_XNUM", [](TestElf &t) { t.eh.e_phnum = 0xffff; }, "too many program headers"},
    {"phoff past EOF", [](TestElf &t) { t.eh.e_phoff = 0x1ff0; },
     "program headers outside the file"},
    {"phoff wraps", [](TestElf &t) { t.eh.e_phoff = 0xfffffff0; },
     "program headers outside the file"},
    {"interp", [](TestElf &t) { t.add_interp("/lib/ld-linux.so.2"); },
     "PT_INTERP: dynamically linked (interpreter /lib/ld-linux.so.2); build with -static"},
    {"interp, PIE",
     [](TestElf &t) {
	     t.add_interp("/lib/ld-linux.so.2");
	     t.eh.e_type = ET_DYN;
     },
     "PT_INTERP: dynamically linked (interpreter /lib/ld-linux.so.2); build with -static"},
    {"interp no NUL", [](TestElf &t) { t.add_interp("/lib/ld-linux.so.2", false); },
     "PT_INTERP: not NUL-terminated"},
    {"interp past EOF",
     [](TestElf &t) {
	     t.add_interp("/lib/ld-linux.so.2");
	     t.ph[0].p_offset = 0x1ff8;
     },
     "PT_INTERP: outside the file"},
    {"interp 1 byte",
     [](TestElf &t) {
	     t.add_interp("");
	     t.ph[0].p_filesz = 1;
     },
     "PT_INTERP: bad size"},
    {"interp > PATH_MAX",
     [](TestElf &t) {
	     t.add_interp("x");
	     t.ph[0].p_filesz = PATH_MAX + 1;
     },
     "PT_INTERP: bad size"},
    {"static-pie", [](TestElf &t) { t.eh.e_type = ET_DYN; },
     "ET_DYN is not supported (static-pie); link with -static"},
    {"text past EOF", [](TestElf &t) { t.load(1).p_filesz = 0x1001; }, "segment outside the file"},
    {"offset wraps",
     [](TestElf &t) {
	     t.load(1).p_offset = 0xfffff000;
	     t.load(1).p_filesz = 0x2000;
	     t.load(1).p_memsz = 0x2000;
     },
     "segment outside the file"},
    {"congruence", [](TestElf &t) { t.load(1).p_offset = 0x1010; },
     "p_offset and p_vaddr disagree modulo the page size"},
    {"congruence, bss page",
     [](TestElf &t) { t.load(2) = {PT_LOAD, 0, 0x0804b010, 0, 0, 0x100, PF_R | PF_W, 0}; },
     "p_offset and p_vaddr disagree modulo the page size"},
    {"filesz > memsz", [](TestElf &t) { t.load(2).p_memsz = 0xff; }, "p_filesz > p_memsz"},
    {"vaddr in kernel",
     [](TestElf &t) {
	     t.ph.push_back({PT_LOAD, 0, 0xC0000000, 0, 0, 0x1000, PF_R | PF_W, 0x1000});
     },
     "segment in kernel space"},
    {"memsz crosses TASK_SIZE",
     [](TestElf &t) {
	     t.ph.push_back({PT_LOAD, 0, 0xBFFFF000, 0, 0, 0x1001, PF_R | PF_W, 0x1000});
     },
     "segment in kernel space"},
    {"memsz wraps",
     [](TestElf &t) {
	     t.ph.push_back({PT_LOAD, 0, 0xB0000000, 0, 0, 0x60000000, PF_R | PF_W, 0x1000});
     },
     "segment in kernel space"},
    {"page 0", [](TestElf &t) { t.load(0).p_vaddr = 0; }, "segment below mmap_min_addr (page 0)"},
    {"overlap", [](TestElf &t) { t.load(1).p_memsz = 0x2000; },
     "PT_LOAD segments overlap or are not sorted"},
    {"unsorted", [](TestElf &t) { std::swap(t.ph[0], t.ph[1]); },
     "PT_LOAD segments overlap or are not sorted"},
    {"17 PT_LOADs",
     [](TestElf &t) {
	     for (u32 i = 0; i < 14; i++)
		     t.ph.push_back({PT_LOAD, 0, 0x10000000 + i * 0x1000, 0, 0, 0x1000, PF_R, 0});
     },
     "too many PT_LOAD segments"},
    {"no PT_LOAD",
     [](TestElf &t) {
	     for (auto &p : t.ph)
		     if (p.p_type == PT_LOAD)
			     p.p_type = PT_NOTE;
     },
     "no PT_LOAD segment"},
    {"entry in data", [](TestElf &t) { t.eh.e_entry = 0x0804ac00; },
     "entry outside every executable PT_LOAD"},
    {"entry past text", [](TestElf &t) { t.eh.e_entry = 0x08049800; },
     "entry outside every executable PT_LOAD"},
    {"entry 0", [](TestElf &t) { t.eh.e_entry = 0; }, "entry outside every executable PT_LOAD"},
    {"entry in bss of an X segment",
     [](TestElf &t) {
	     t.load(1).p_memsz = 0x1000;
	     t.eh.e_entry = 0x08049900;
     },
     "entry outside every executable PT_LOAD"},
};

TEST(ElfParse, elf_parse_malformed_check)
{
	for (const BadCase &c : bad_cases) {
		TestElf t;
		c.spoil(t);
		EXPECT_EQ(reason(t), c.why) << c.name;
	}
}

// Linux's order where two problems meet: the header before the program
// headers, PT_INTERP before ET_DYN, the file range before p_filesz.
TEST(ElfParse, elf_parse_check_order_check)
{
	TestElf t;
	t.eh.e_type = ET_REL;
	t.eh.e_machine = EM_X86_64;
	EXPECT_EQ(reason(t), "not an executable (ET_EXEC)");
	TestElf u;
	u.eh.e_machine = EM_X86_64;
	u.eh.e_phentsize = 56;
	EXPECT_EQ(reason(u), "not EM_386");
	TestElf v;
	v.eh.e_phentsize = 40;
	v.eh.e_phnum = 0;
	v.ph.clear();
	EXPECT_EQ(reason(v), "e_phentsize != 32");
	TestElf w;
	w.load(2).p_memsz = 0; // and the entry, too, is wrong
	w.eh.e_entry = 0x0804ac00;
	EXPECT_EQ(reason(w), "p_filesz > p_memsz");
}

// Truncating a valid file anywhere before the end of its last segment's
// bytes (0x1bec + 0x100) must be refused, never read past; after it the
// file still loads.
TEST(ElfParse, elf_parse_every_truncation_check)
{
	TestElf t;
	std::vector<u8> f = t.bytes();
	for (size_t n = 0; n <= f.size(); n++) {
		std::vector<u8> cut(f.begin(), f.begin() + n); // ASan sees overreads
		elf_info info;
		const char *why = nullptr;
		int want = n < 0x1cec ? -ENOEXEC : 0;
		ASSERT_EQ(elf_parse(cut.data(), cut.size(), &info, &why), want) << n;
		ASSERT_EQ(why != nullptr, want != 0) << n;
	}
}

// execve reads only the file's first pages (fs/exec.cpp): for every head
// length the verdict is the whole file's, or -EAGAIN ("read more") when the
// program headers or PT_INTERP lie past the head, never a wrong answer.
TEST(ElfParse, elf_parse_head_same_verdict_or_eagain_check)
{
	TestElf good, interp, bad;
	interp.add_interp("/lib/ld-linux.so.2");
	bad.load(1).p_filesz = 0x9000; // past the end of the file
	for (const TestElf *t : {&good, &interp, &bad}) {
		std::vector<u8> f = t->bytes();
		elf_info info;
		const char *why = nullptr;
		int whole = elf_parse(f.data(), f.size(), &info, &why);
		size_t headers = sizeof(elf32_hdr) + t->ph.size() * sizeof(elf32_phdr);
		for (size_t n = 0; n <= f.size(); n++) {
			std::vector<u8> head(f.begin(), f.begin() + n); // ASan sees overreads
			int got = elf_parse_head(head.data(), n, f.size(), &info, &why);
			size_t needed = headers + t->tail.size();
			if (n < needed && got == -EAGAIN)
				continue;
			ASSERT_EQ(got, whole) << n;
		}
		// the headers and the interpreter's name are all it needs
		std::vector<u8> head(f.begin(), f.begin() + headers + t->tail.size());
		EXPECT_EQ(elf_parse_head(head.data(), head.size(), f.size(), &info, &why), whole);
		EXPECT_EQ(elf_parse_head(f.data(), sizeof(elf32_hdr), f.size(), &info, &why),
			  -EAGAIN);
	}
}

#ifdef ELF_HELLO_STATIC
struct ReadelfLoad {
	unsigned long offset, vaddr, filesz, memsz;
	u32 flags;
};

// `readelf -lW`'s entry point and LOAD lines.
bool readelf_loads(const char *path, unsigned long *entry, std::vector<ReadelfLoad> *loads)
{
	std::string cmd = std::string("readelf -lW ") + path + " 2>/dev/null";
	FILE *p = popen(cmd.c_str(), "r");
	char line[512];
	if (!p)
		return false;
	while (fgets(line, sizeof(line), p)) {
		ReadelfLoad l{};
		char flg[8] = {};
		unsigned long paddr;
		if (sscanf(line, "Entry point %lx", entry) == 1)
			continue;
		if (sscanf(line, " LOAD %lx %lx %lx %lx %lx %7[RWE ]", &l.offset, &l.vaddr, &paddr,
			   &l.filesz, &l.memsz, flg) != 6)
			continue;
		l.flags = (strchr(flg, 'R') ? PF_R : 0) | (strchr(flg, 'W') ? PF_W : 0) |
			  (strchr(flg, 'E') ? PF_X : 0);
		loads->push_back(l);
	}
	return pclose(p) == 0 && !loads->empty();
}

TEST(ElfParse, elf_parse_real_static_binary_check)
{
	FILE *f = fopen(ELF_HELLO_STATIC, "rb");
	ASSERT_NE(f, nullptr) << ELF_HELLO_STATIC;
	std::vector<u8> image;
	u8 chunk[65536];
	for (size_t n; (n = fread(chunk, 1, sizeof(chunk), f)) > 0;)
		image.insert(image.end(), chunk, chunk + n);
	fclose(f);

	elf_info info;
	const char *why = "unset";
	ASSERT_EQ(elf_parse(image.data(), image.size(), &info, &why), 0) << why;

	unsigned long entry = 0;
	std::vector<ReadelfLoad> loads;
	if (!readelf_loads(ELF_HELLO_STATIC, &entry, &loads))
		GTEST_SKIP() << "readelf not available";
	EXPECT_EQ(info.e_entry, entry);
	ASSERT_EQ(info.nr_loads, (int)loads.size());
	unsigned long brk = 0;
	for (int i = 0; i < info.nr_loads; i++) {
		EXPECT_EQ(info.loads[i].offset, loads[i].offset) << i;
		EXPECT_EQ(info.loads[i].vaddr, loads[i].vaddr) << i;
		EXPECT_EQ(info.loads[i].filesz, loads[i].filesz) << i;
		EXPECT_EQ(info.loads[i].memsz, loads[i].memsz) << i;
		EXPECT_EQ(info.loads[i].flags, loads[i].flags) << i;
		brk = std::max(brk, loads[i].vaddr + loads[i].memsz);
	}
	EXPECT_EQ(info.elf_brk, brk);
	EXPECT_EQ(info.start_brk, ELF_PAGEALIGN(brk));
	EXPECT_EQ(info.phdr_addr, loads[0].vaddr + 52); // the headers open the first PT_LOAD
	EXPECT_LT(info.start_code, info.end_code);
	EXPECT_NE(info.executable_stack, EXSTACK_ENABLE_X);
}
#endif

/* ---------------------------------------------------------------------- */
/* The initial stack                                                      */

struct Stack : testing::Test {
	std::vector<u8> buf = std::vector<u8>(64 * 1024);
	linux_binprm bprm;
	elf_info info{};
	elf_aux_values av{};

	void SetUp() override
	{
		bprm_stack_init(&bprm, buf.data(), buf.size(), STACK_TOP);
		info.e_entry = 0x08049570;
		info.phdr_addr = 0x08048034;
		info.phnum = 8;
		av.hwcap = 0x178bfbff;
		av.hwcap2 = 0x2;
		av.uid = av.euid = av.gid = av.egid = 0;
		av.sysinfo_ehdr = 0xb7ffd000;
		av.sysinfo = 0xb7ffd549;
		av.minsigstksz = 0x6c0;
		av.platform = "i686";
		for (int i = 0; i < 16; i++)
			av.random[i] = (u8)(0xa0 + i);
	}
	u32 word(unsigned long addr)
	{
		u32 v;
		EXPECT_TRUE(bprm_stack_has(&bprm, addr, 4)) << std::hex << addr;
		memcpy(&v, bprm_stack_ptr(&bprm, addr), 4);
		return v;
	}
	std::string str(unsigned long addr)
	{
		return std::string((const char *)bprm_stack_ptr(&bprm, addr));
	}
	int build(const char *filename, std::vector<const char *> argv,
		  std::vector<const char *> envp)
	{
		argv.push_back(nullptr);
		envp.push_back(nullptr);
		int ret = bprm_copy_args(&bprm, filename, argv.data(), envp.data());
		return ret ? ret : create_elf_tables(&bprm, &info, &av);
	}
};

/*
 * execve("/bin/hello", {"/bin/hello"}, {"HOME=/", "TERM=linux"}) on Linux
 * 6.1 i386 with norandmaps, worked out from fs/exec.c and
 * create_elf_tables() (the picture is in fs/binfmt_elf.cpp):
 *   bprm->p   0xbffffffc   (STACK_TOP - 4)
 *   filename  0xbffffff1   11 bytes        -> AT_EXECFN
 *   envp[1]   0xbfffffe6   "TERM=linux"
 *   envp[0]   0xbfffffdf   "HOME=/"
 *   argv[0]   0xbfffffd4   "/bin/hello"     = arg_start
 *   p & ~15   0xbfffffd0
 *   platform  0xbfffffcb   "i686"
 *   random    0xbfffffbb
 *   auxv      22 pairs = 176 bytes: 0xbfffffbb - 176 = 0xbfffff0b
 *   sp        (0xbfffff0b - 6 * 4) & ~15 = 0xbffffef0
 * setup_arg_pages' stack_shift is STACK_TOP_MAX - STACK_TOP = 0.
 */
TEST_F(Stack, create_elf_tables_linux_layout_check)
{
	ASSERT_EQ(build("/bin/hello", {"/bin/hello"}, {"HOME=/", "TERM=linux"}), 0);

	EXPECT_EQ(bprm.p, 0xbffffef0u);
	EXPECT_EQ(bprm.start_stack, 0xbffffef0u);
	EXPECT_EQ(bprm.exec, 0xbffffff1u);
	EXPECT_EQ(bprm.arg_start, 0xbfffffd4u);
	EXPECT_EQ(bprm.arg_end, 0xbfffffdfu);
	EXPECT_EQ(bprm.env_start, 0xbfffffdfu);
	EXPECT_EQ(bprm.env_end, 0xbffffff1u);

	EXPECT_EQ(word(0xbffffffc), 0u); // the top pointer's worth of zeros
	EXPECT_EQ(str(0xbffffff1), "/bin/hello");
	EXPECT_EQ(str(0xbfffffe6), "TERM=linux");
	EXPECT_EQ(str(0xbfffffdf), "HOME=/");
	EXPECT_EQ(str(0xbfffffd4), "/bin/hello");
	EXPECT_EQ(word(0xbfffffd0), 0u); // arch_align_stack's 4 bytes
	EXPECT_EQ(str(0xbfffffcb), "i686");
	EXPECT_EQ(memcmp(bprm_stack_ptr(&bprm, 0xbfffffbb), av.random, 16), 0);

	const u32 vectors[] = {1, 0xbfffffd4, 0, 0xbfffffdf, 0xbfffffe6, 0};
	for (int i = 0; i < 6; i++)
		EXPECT_EQ(word(0xbffffef0 + 4 * i), vectors[i]) << "vector word " << i;

	const u32 auxv[][2] = {
	    {AT_SYSINFO, 0xb7ffd549},
	    {AT_SYSINFO_EHDR, 0xb7ffd000},
	    {AT_MINSIGSTKSZ, 0x6c0},
	    {AT_HWCAP, 0x178bfbff},
	    {AT_PAGESZ, 4096},
	    {AT_CLKTCK, 100},
	    {AT_PHDR, 0x08048034},
	    {AT_PHENT, 32},
	    {AT_PHNUM, 8},
	    {AT_BASE, 0},
	    {AT_FLAGS, 0},
	    {AT_ENTRY, 0x08049570},
	    {AT_UID, 0},
	    {AT_EUID, 0},
	    {AT_GID, 0},
	    {AT_EGID, 0},
	    {AT_SECURE, 0},
	    {AT_RANDOM, 0xbfffffbb},
	    {AT_HWCAP2, 2},
	    {AT_EXECFN, 0xbffffff1},
	    {AT_PLATFORM, 0xbfffffcb},
	    {AT_NULL, 0},
	};
	for (int i = 0; i < 22; i++) {
		EXPECT_EQ(word(0xbfffff08 + 8 * i), auxv[i][0]) << "auxv key " << i;
		EXPECT_EQ(word(0xbfffff0c + 8 * i), auxv[i][1]) << "auxv value " << i;
		EXPECT_EQ(bprm.saved_auxv[2 * i], auxv[i][0]);
		EXPECT_EQ(bprm.saved_auxv[2 * i + 1], auxv[i][1]);
	}
	// STACK_ROUND's padding between AT_NULL and the random bytes stays zero.
	for (unsigned long a = 0xbfffffb8; a < 0xbfffffbb; a++)
		EXPECT_EQ(*bprm_stack_ptr(&bprm, a), 0) << std::hex << a;
	// Nothing below sp was written.
	for (unsigned long a = STACK_TOP - buf.size(); a < 0xbffffef0; a++)
		ASSERT_EQ(*bprm_stack_ptr(&bprm, a), 0) << std::hex << a;
}

// No vDSO: ARCH_DLINFO gives only AT_MINSIGSTKSZ, 20 pairs, and sp moves up
// by 16: (0xbfffffbb - 160 - 24) & ~15 = 0xbfffff00.
TEST_F(Stack, create_elf_tables_no_vdso_check)
{
	av.sysinfo_ehdr = 0;
	ASSERT_EQ(build("/bin/hello", {"/bin/hello"}, {"HOME=/", "TERM=linux"}), 0);
	EXPECT_EQ(bprm.p, 0xbfffff00u);
	EXPECT_EQ(word(0xbfffff18), (u32)AT_MINSIGSTKSZ);
	EXPECT_EQ(word(0xbfffff20), (u32)AT_HWCAP);
	EXPECT_EQ(bprm.saved_auxv[38], (u32)AT_NULL);
	EXPECT_EQ(bprm.saved_auxv[40], 0u); // and the rest cleared
}

// A randomised stack top: setup_arg_pages shifts everything down by
// STACK_TOP - new top; the bytes are the same, the addresses move.
TEST_F(Stack, create_elf_tables_shifted_check)
{
	const unsigned long shift = 0x123000;
	std::vector<const char *> argv = {"/bin/hello", nullptr}, envp = {"HOME=/", nullptr};
	ASSERT_EQ(bprm_copy_args(&bprm, "/bin/hello", argv.data(), envp.data()), 0);
	// setup_arg_pages rounds the top: down to 16, then up to a page.
	ASSERT_EQ(bprm_stack_shift(&bprm, STACK_TOP - shift - 0x5a7), 0);
	ASSERT_EQ(create_elf_tables(&bprm, &info, &av), 0);
	EXPECT_EQ(bprm.stack_top, STACK_TOP - shift);
	EXPECT_EQ(bprm.exec, 0xbffffff1u - shift);
	EXPECT_EQ(bprm.arg_start, 0xbfffffdfu - shift);
	EXPECT_EQ(str(bprm.arg_start), "/bin/hello");
	EXPECT_EQ(word(bprm.p + 4), bprm.arg_start);
	EXPECT_EQ(bprm.p % 16, 0u);
	EXPECT_EQ(bprm_stack_shift(&bprm, STACK_TOP), -EINVAL); // never up
}

// do_execveat_common: an empty argv gets "" as argv[0].
TEST_F(Stack, create_elf_tables_empty_argv_check)
{
	ASSERT_EQ(build("/init", {}, {}), 0);
	EXPECT_EQ(word(bprm.p), 1u);
	u32 argv0 = word(bprm.p + 4);
	EXPECT_EQ(str(argv0), "");
	EXPECT_EQ(bprm.exec, 0xbffffff6u); // "/init": 6 bytes below STACK_TOP - 4
	EXPECT_EQ(argv0, 0xbffffff5u);	   // "" just below it
	EXPECT_EQ(word(bprm.p + 8), 0u);
	EXPECT_EQ(word(bprm.p + 12), 0u); // envp[] is empty
	EXPECT_EQ(bprm.env_end, bprm.exec);
}

// The tables must fit the buffer, or -EFAULT as Linux's put_user would.
TEST_F(Stack, create_elf_tables_buffer_too_small_check)
{
	std::vector<u8> small(64);
	bprm_stack_init(&bprm, small.data(), small.size(), STACK_TOP);
	std::vector<const char *> argv = {"a", nullptr};
	ASSERT_EQ(bprm_copy_args(&bprm, "/a", argv.data(), nullptr), 0);
	EXPECT_EQ(create_elf_tables(&bprm, &info, &av), -EFAULT);
	bprm_stack_init(&bprm, small.data(), small.size(), STACK_TOP);
	std::string big(100, 'x');
	argv[0] = big.c_str();
	EXPECT_EQ(bprm_copy_args(&bprm, "/a", argv.data(), nullptr), -E2BIG);
}

// Any argv/envp: sp 16-aligned, and the image reads back as a C runtime
// reads it (argc, argv[], NULL, envp[], NULL, auxv up to AT_NULL).
TEST_F(Stack, create_elf_tables_round_trip_check)
{
	std::mt19937 rng(1);
	for (int round = 0; round < 200; round++) {
		std::vector<std::string> a(rng() % 6), e(rng() % 6);
		for (auto &s : a)
			s.assign(rng() % 40, (char)('a' + rng() % 26));
		for (auto &s : e)
			s.assign(rng() % 40, (char)('A' + rng() % 26));
		std::vector<const char *> argv, envp;
		for (auto &s : a)
			argv.push_back(s.c_str());
		for (auto &s : e)
			envp.push_back(s.c_str());
		av.sysinfo_ehdr = (round & 1) ? 0xb7ffd000 : 0;
		av.platform = (round & 2) ? "i686" : nullptr;
		bprm_stack_init(&bprm, buf.data(), buf.size(), STACK_TOP);
		ASSERT_EQ(build("/bin/prog", argv, envp), 0);

		unsigned long sp = bprm.p;
		ASSERT_EQ(sp % 16, 0u);
		size_t argc = word(sp);
		ASSERT_EQ(argc, std::max<size_t>(a.size(), 1));
		for (size_t i = 0; i < a.size(); i++)
			ASSERT_EQ(str(word(sp + 4 + 4 * i)), a[i]);
		ASSERT_EQ(word(sp + 4 + 4 * argc), 0u);
		unsigned long ep = sp + 8 + 4 * argc;
		for (size_t i = 0; i < e.size(); i++)
			ASSERT_EQ(str(word(ep + 4 * i)), e[i]);
		ASSERT_EQ(word(ep + 4 * e.size()), 0u);
		unsigned long at = ep + 4 * e.size() + 4;
		bool saw_execfn = false;
		for (; word(at) != AT_NULL; at += 8)
			if (word(at) == AT_EXECFN)
				saw_execfn = str(word(at + 4)) == "/bin/prog";
		ASSERT_TRUE(saw_execfn);
		ASSERT_LT(at + 8, bprm.arg_start); // the tables stay below the strings
	}
}

/* ---------------------------------------------------------------------- */
/* E2BIG                                                                  */

struct Args : testing::Test {
	std::vector<u8> buf = std::vector<u8>(8 << 20);
	linux_binprm bprm;
	void SetUp() override { bprm_stack_init(&bprm, buf.data(), buf.size(), STACK_TOP); }
};

// limit = max(min(_STK_LIM / 4 * 3, rlimit / 4), ARG_MAX) - pointers
TEST_F(Args, bprm_stack_limits_rlimit_check)
{
	const unsigned long p = STACK_TOP - 4;
	struct {
		unsigned long rlim;
		int argc, envc;
		unsigned long limit;
	} cases[] = {
	    {8 << 20, 1, 2, (2 << 20) - 12},	  // 8 MiB stack: a quarter
	    {RLIM_INFINITY, 1, 0, (6 << 20) - 4}, // capped at 3/4 of _STK_LIM
	    {100 << 20, 3, 3, (6 << 20) - 24},
	    {64 << 10, 1, 0, ARG_MAX - 4},  // ARG_MAX even with a tiny stack
	    {8 << 20, 0, 1, (2 << 20) - 8}, // argc 0 counts as 1
	};
	for (auto &c : cases) {
		bprm.rlim_stack.rlim_cur = c.rlim;
		bprm.argc = c.argc;
		bprm.envc = c.envc;
		ASSERT_EQ(bprm_stack_limits(&bprm), 0);
		EXPECT_EQ(p - bprm.argmin, c.limit) << c.rlim;
	}
	bprm.rlim_stack.rlim_cur = 64 << 10;
	bprm.argc = ARG_MAX / 4 - 1; // the pointers alone take the whole limit
	bprm.envc = 1;
	EXPECT_EQ(bprm_stack_limits(&bprm), -E2BIG);
	bprm.argc = 0x7fffffff; // would overflow a 32-bit multiply
	bprm.envc = 0x7fffffff;
	EXPECT_EQ(bprm_stack_limits(&bprm), -E2BIG);
	bprm.argc = -1;
	EXPECT_EQ(bprm_stack_limits(&bprm), -E2BIG);
}

// One string: MAX_ARG_STRLEN bytes with its NUL is the most.
TEST_F(Args, copy_string_kernel_max_arg_strlen_check)
{
	std::string s(MAX_ARG_STRLEN - 1, 'x');
	std::vector<const char *> argv = {s.c_str(), nullptr};
	EXPECT_EQ(bprm_copy_args(&bprm, "/a", argv.data(), nullptr), 0);
	s.push_back('x');
	argv[0] = s.c_str();
	bprm_stack_init(&bprm, buf.data(), buf.size(), STACK_TOP);
	EXPECT_EQ(bprm_copy_args(&bprm, "/a", argv.data(), nullptr), -E2BIG);
}

// All strings, the filename included, against the limit: with a 64 KiB
// RLIMIT_STACK the strings get ARG_MAX - 4 bytes (one argv pointer).
TEST_F(Args, copy_strings_total_limit_check)
{
	const unsigned long room = ARG_MAX - 4 - sizeof("/a");
	std::string s(room - 1, 'x'); // fills it exactly
	std::vector<const char *> argv = {s.c_str(), nullptr};
	bprm.rlim_stack.rlim_cur = 64 << 10;
	ASSERT_EQ(bprm_copy_args(&bprm, "/a", argv.data(), nullptr), 0);
	EXPECT_EQ(bprm.p, bprm.argmin);

	bprm_stack_init(&bprm, buf.data(), buf.size(), STACK_TOP);
	bprm.rlim_stack.rlim_cur = 64 << 10;
	s.push_back('x');
	argv[0] = s.c_str();
	EXPECT_EQ(bprm_copy_args(&bprm, "/a", argv.data(), nullptr), -E2BIG);

	// The environment counts too, pointers and strings.
	bprm_stack_init(&bprm, buf.data(), buf.size(), STACK_TOP);
	bprm.rlim_stack.rlim_cur = 64 << 10;
	std::string half(room / 2, 'y');
	std::vector<const char *> envp = {half.c_str(), half.c_str(), nullptr};
	argv[0] = "a";
	EXPECT_EQ(bprm_copy_args(&bprm, "/a", argv.data(), envp.data()), -E2BIG);
}

TEST_F(Args, count_strings_kernel_check)
{
	const char *v[] = {"a", "b", nullptr};
	EXPECT_EQ(count_strings_kernel(nullptr), 0);
	EXPECT_EQ(count_strings_kernel(v), 2);
}

} // namespace
