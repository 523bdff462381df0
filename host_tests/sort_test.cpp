// lib/sort.cpp (heapsort) against std::sort, and lib/string.cpp's functions
// (built as mmlab_* on the host) against the C library.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <random>
#include <vector>

#include <linux/sort.h>
#include <linux/string.h>

namespace
{

int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

TEST(sort, matches_std_sort)
{
	std::mt19937 rng(7);
	for (int n : {0, 1, 2, 3, 10, 127, 256, 1000}) {
		std::vector<int> v(n);
		for (int &x : v)
			x = rng() % 50;
		std::vector<int> want = v;
		std::sort(want.begin(), want.end());
		sort(v.data(), v.size(), sizeof(int), cmp_int);
		EXPECT_EQ(v, want) << n;
	}
}

TEST(lib_string, memory_functions)
{
	char a[32], b[32];
	std::memset(b, 'x', sizeof(b));
	EXPECT_EQ(mmlab_memset(a, 'x', sizeof(a)), a);
	EXPECT_EQ(std::memcmp(a, b, sizeof(a)), 0);
	char s[] = "0123456789";
	mmlab_memmove(s + 2, s, 5); // overlapping, forwards
	EXPECT_STREQ(s, "0101234789");
	mmlab_memmove(s, s + 2, 5); // overlapping, backwards
	EXPECT_STREQ(s, "0123434789");
	EXPECT_EQ(mmlab_memcmp("abc", "abd", 3), 'c' - 'd');
	EXPECT_EQ(mmlab_memchr(s, '9', 10), s + 9);
	EXPECT_EQ(mmlab_memchr(s, 'z', 10), nullptr);
	mmlab_memcpy(a, "hi", 3);
	EXPECT_STREQ(a, "hi");
}

// Every start alignment and length, the odd byte anywhere: the word loop in
// the middle must not skip it or read past the end (ASan watches).
TEST(lib_string, memchr_inv_finds_the_odd_byte)
{
	std::vector<unsigned char> buf(64 + 16);
	for (size_t start = 0; start < 8; start++)
		for (size_t len = 0; len <= 64; len++) {
			std::vector<unsigned char> v(buf.begin(), buf.begin() + start + len);
			std::fill(v.begin(), v.end(), 0x6b);
			unsigned char *p = v.data() + start;
			EXPECT_EQ(memchr_inv(p, 0x6b, len), nullptr);
			for (size_t odd = 0; odd < len; odd++) {
				p[odd] = 0x6a;
				EXPECT_EQ(memchr_inv(p, 0x6b, len), p + odd) << start << " " << len;
				p[odd] = 0x6b;
			}
		}
}

TEST(lib_string, string_functions)
{
	const char *s = "memblock=debug";
	EXPECT_EQ(mmlab_strlen(s), 14u);
	EXPECT_EQ(mmlab_strnlen(s, 4), 4u);
	EXPECT_EQ(mmlab_strchr(s, '='), s + 8);
	EXPECT_EQ(mmlab_strchr(s, '\0'), s + 14);
	EXPECT_EQ(mmlab_strrchr("a/b/c", '/')[1], 'c');
	EXPECT_EQ(mmlab_strstr(s, "debug"), s + 9);
	EXPECT_EQ(mmlab_strstr(s, ""), s);
	EXPECT_EQ(mmlab_strstr(s, "zz"), nullptr);
	EXPECT_LT(mmlab_strcmp("a", "b"), 0);
	EXPECT_EQ(mmlab_strncmp("mem=1", "mem=2", 4), 0);
	char buf[6];
	EXPECT_EQ(strlcpy(buf, "overflowing", sizeof(buf)), 11u);
	EXPECT_STREQ(buf, "overf");
	char t[] = "  padded \n";
	EXPECT_STREQ(strim(t), "padded");
	EXPECT_STREQ(skip_spaces("\t x"), "x");
}

} // namespace
