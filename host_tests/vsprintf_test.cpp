// The kernel's vsnprintf. Expected strings are written out by hand: glibc's
// printf disagrees with Linux on several of them, so it cannot be the oracle.
#include <gtest/gtest.h>

#include <string>

#include <linux/kallsyms.h>
#include <linux/sprintf.h>

namespace
{

template <typename... Args> std::string fmt(const char *f, Args... args)
{
	char buf[256];
	int n = snprintf(buf, sizeof(buf), f, args...);
	EXPECT_EQ(n, (int)std::string(buf).size());
	return buf;
}

TEST(vsnprintf, linux_differs_from_glibc)
{
	EXPECT_EQ(fmt("%#x", 0), "0x0"); // glibc: "0"
	EXPECT_EQ(fmt("%#010x", 0), "0x00000000");
	EXPECT_EQ(fmt("%#018Lx", 0ULL), "0x0000000000000000");
	EXPECT_EQ(fmt("%#018Lx", 0x9fbffULL), "0x000000000009fbff");
	EXPECT_EQ(fmt("%#010Lx", 0xfffffffffffffffeULL), "0xfffffffffffffffe");
	EXPECT_EQ(fmt("%#lx", 0x100000UL), "0x100000");
	EXPECT_EQ(fmt("%#o", 0), "0");
	EXPECT_EQ(fmt("%#o", 8), "010");
}

TEST(vsnprintf, integers)
{
	EXPECT_EQ(fmt("%d %i %u", -5, 7, 4000000000u), "-5 7 4000000000");
	EXPECT_EQ(fmt("%5d|%-5d|%05d", 42, 42, -42), "   42|42   |-0042");
	EXPECT_EQ(fmt("%+d % d", 3, 3), "+3  3");
	EXPECT_EQ(fmt("%.3d", 7), "007");
	EXPECT_EQ(fmt("%2d", 100), "100");
	EXPECT_EQ(fmt("%*d|%-*d", 4, 1, 3, 2), "   1|2  ");
	EXPECT_EQ(fmt("%hhu %hd", 0x1ff, 0x18000), "255 -32768");
	EXPECT_EQ(fmt("%lld %llu", -1LL, 18446744073709551615ULL), "-1 18446744073709551615");
	EXPECT_EQ(fmt("%zu %X %x", (size_t)12, 0xabcu, 0xabcu), "12 ABC abc");
	EXPECT_EQ(fmt("%5lu.%06lu", 0UL, 0UL), "    0.000000"); // printk's timestamp
	EXPECT_EQ(fmt("%08lx", 0xc0100000UL), "c0100000");
	EXPECT_EQ(fmt("%04lx", 2UL), "0002");
}

TEST(vsnprintf, strings_and_chars)
{
	EXPECT_EQ(fmt("%s|%8s|%-8s|%.2s", "mm", "mm", "mm", "memory"), "mm|      mm|mm      |me");
	EXPECT_EQ(fmt("%s", (const char *)nullptr), "(null)");
	EXPECT_EQ(fmt("%c%c%3c", 'o', 'k', '!'), "ok  !");
	EXPECT_EQ(fmt("%-8s|", "DMA"), "DMA     |");
	EXPECT_EQ(fmt("%8s", "Normal"), "  Normal");
	EXPECT_EQ(fmt("100%%"), "100%");
}

TEST(vsnprintf, pointer_extensions)
{
	char text[] = "\x55\x89\xe5\x0f\x0b";
	EXPECT_EQ(fmt("%3ph <%02x> %1ph", text, 0x0f, text + 4), "55 89 e5 <0f> 0b");
	EXPECT_EQ(fmt("%3phN", text), "5589e5");
	EXPECT_EQ(fmt("%3phC", text), "55:89:e5");
	phys_addr_t pa = 0x7fe0000;
	EXPECT_EQ(fmt("[%pa-%pa]", &pa, &pa), "[0x07fe0000-0x07fe0000]");
	std::string px = fmt("%px", (void *)0x1234);
	EXPECT_EQ(px.size(), 2 * sizeof(void *));
	EXPECT_EQ(px.substr(px.size() - 4), "1234");
	EXPECT_EQ(fmt("%p", (void *)0x1234), px);	 // real addresses: nothing is hashed
	EXPECT_EQ(fmt("%pS", (void *)0x1234), "0x1234"); // no symbols known here
}

void with_va_format(char *buf, size_t n, const char *f, ...)
{
	va_list args;
	va_start(args, f);
	struct va_format vaf = {f, &args};
	snprintf(buf, n, "<%pV>", &vaf);
	va_end(args);
}

TEST(vsnprintf, nested_va_format)
{
	char buf[64];
	with_va_format(buf, sizeof(buf), "%s=%d", "order", 3);
	EXPECT_STREQ(buf, "<order=3>");
	with_va_format(buf, 6, "%s=%d", "order", 3);
	EXPECT_STREQ(buf, "<orde");
}

TEST(vsnprintf, truncation_and_return_value)
{
	char buf[8];
	EXPECT_EQ(snprintf(buf, sizeof(buf), "%s", "0123456789"), 10);
	EXPECT_STREQ(buf, "0123456");
	EXPECT_EQ(scnprintf(buf, sizeof(buf), "%s", "0123456789"), 7);
	EXPECT_EQ(snprintf(nullptr, 0, "%d", 12345), 5);
	EXPECT_EQ(scnprintf(buf, 0, "abc"), 0);
	buf[0] = 'x';
	EXPECT_EQ(snprintf(buf, 1, "abc"), 3);
	EXPECT_EQ(buf[0], '\0');
}

TEST(vsnprintf, unknown_conversion_is_shown)
{
	EXPECT_EQ(fmt("a%yb"), "a%yb");
	EXPECT_EQ(fmt("end%"), "end");
}

} // namespace
