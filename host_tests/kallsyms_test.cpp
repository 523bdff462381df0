// kallsyms over a symbol table made by hand, and the C++ demangler that makes
// our traces read like Linux's.
#include <gtest/gtest.h>

#include <string>

#include <linux/elf.h>
#include <linux/kallsyms.h>

namespace
{

std::string demangle(const char *m)
{
	char buf[KSYM_NAME_LEN];
	kallsyms_demangle(m, buf, sizeof(buf));
	return buf;
}

TEST(kallsyms_demangle, names_without_parameters)
{
	EXPECT_EQ(demangle("start_kernel"), "start_kernel");
	EXPECT_EQ(demangle("_Z10setup_archPPc"), "setup_arch");
	EXPECT_EQ(demangle("_ZL9sift_downPhjjjPFiPKvS1_E"), "sift_down");
	EXPECT_EQ(demangle("_ZN12_GLOBAL__N_16numberERNS_6outbufEy11printf_spec"), "number");
	EXPECT_EQ(demangle("_ZN6outbuf3putEc"), "outbuf::put");
	EXPECT_EQ(demangle("_ZNK3foo3barEv"), "foo::bar");
	EXPECT_EQ(demangle("_ZN3FooC2Ev"), "Foo::Foo");
	EXPECT_EQ(demangle("_ZN3FooD1Ev"), "Foo::~Foo");
	EXPECT_EQ(demangle("_ZNSt6vectorIiE9push_backEv"), "std::vector");
	EXPECT_EQ(demangle("_ZL15recurse_foreveri.constprop.0"), "recurse_forever.constprop.0");
	EXPECT_EQ(demangle("_Zjunk"), "_Zjunk");
}

TEST(kallsyms_demangle, long_names_are_cut)
{
	std::string m = "_Z200" + std::string(200, 'a') + "v";
	EXPECT_EQ(demangle(m.c_str()), std::string(KSYM_NAME_LEN - 1, 'a'));
}

// A text section with: f at 0x1000 (0x20 bytes), g at 0x1020, a label at
// 0x1030, h at 0x1040 (0x10 bytes, the last), plus symbols that never match.
const char strtab[] = "\0f\0_Z1gv\0label\0h\0file.c\0CONST\0undef";
const elf32_sym syms[] = {
    {0, 0, 0, 0, 0, 0},
    {1, 0x1000, 0x20, STT_FUNC, 0, 1},
    {3, 0x1020, 0x8, STT_FUNC, 0, 1},
    {9, 0x1030, 0, STT_NOTYPE, 0, 1},
    {15, 0x1040, 0x10, STT_FUNC, 0, 1},
    {17, 0x0, 0, 4 /* STT_FILE */, 0, SHN_ABS},
    {24, 0x1008, 0, STT_NOTYPE, 0, SHN_ABS},
    {30, 0x1010, 0, STT_FUNC, 0, SHN_UNDEF},
};

struct Kallsyms : testing::Test {
	void SetUp() override { kallsyms_init(syms, std::size(syms), strtab, sizeof(strtab)); }
	void TearDown() override { kallsyms_init(nullptr, 0, nullptr, 0); }
	std::string sym(unsigned long a)
	{
		char buf[KSYM_SYMBOL_LEN];
		sprint_symbol(buf, a);
		return buf;
	}
};

TEST_F(Kallsyms, offsets_and_sizes_like_linux)
{
	EXPECT_EQ(sym(0x1000), "f+0x0/0x20");
	EXPECT_EQ(sym(0x1011), "f+0x11/0x20"); // the absolute CONST is not a symbol here
	EXPECT_EQ(sym(0x1024), "g+0x4/0x10");  // size = distance to the next symbol
	EXPECT_EQ(sym(0x1031), "label+0x1/0x10");
	EXPECT_EQ(sym(0x104f), "h+0xf/0x10");
}

TEST_F(Kallsyms, outside_every_symbol)
{
	EXPECT_EQ(sym(0xfff), "0xfff");
	EXPECT_EQ(sym(0x1050), "0x1050");
	EXPECT_FALSE(kallsyms_lookup(0x1050, nullptr, nullptr, nullptr));
}

// A call to a noreturn function can be f's last instruction: its return
// address is g's first byte, and a backtrace must still name f.
TEST_F(Kallsyms, return_addresses_name_the_caller)
{
	char buf[KSYM_SYMBOL_LEN];
	sprint_backtrace(buf, 0x1020);
	EXPECT_STREQ(buf, "f+0x20/0x20");
	EXPECT_EQ(sym(0x1020), "g+0x0/0x10") << "%pS does not do this";
	sprint_backtrace(buf, 0x1024);
	EXPECT_STREQ(buf, "g+0x4/0x10");
}

TEST_F(Kallsyms, lookup_by_name)
{
	EXPECT_EQ(kallsyms_lookup_name("g"), 0x1020u);
	EXPECT_EQ(kallsyms_lookup_name("undef"), 0u);
	EXPECT_EQ(kallsyms_lookup_name("nope"), 0u);
	char buf[KSYM_SYMBOL_LEN];
	sprint_symbol_no_offset(buf, 0x1025);
	EXPECT_STREQ(buf, "g");
}

// After a fault in the table (oops_begin() disables it), every lookup comes
// back empty and %pS prints bare addresses: nothing reads the table again.
TEST_F(Kallsyms, disabled_tables_give_bare_addresses)
{
	ASSERT_TRUE(kallsyms_available());
	kallsyms_disable();
	EXPECT_FALSE(kallsyms_available());
	EXPECT_EQ(sym(0x1000), "0x1000");
	EXPECT_EQ(kallsyms_lookup_name("g"), 0u);
	char buf[KSYM_SYMBOL_LEN];
	sprint_backtrace(buf, 0x1024);
	EXPECT_STREQ(buf, "0x1024");
}

// The "inside a lookup" mark the fault handler reads is down between lookups.
TEST_F(Kallsyms, not_in_a_lookup_between_lookups)
{
	EXPECT_FALSE(kallsyms_in_lookup());
	sym(0x1000);
	kallsyms_lookup_name("nope");
	EXPECT_FALSE(kallsyms_in_lookup());
}

} // namespace
