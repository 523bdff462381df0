// The consoles against the mock arch: COM1 is a log of port writes, the VGA
// screen is bytes of mock physical memory at 0xb8000. Runs as its own
// program, since registering these consoles routes every later printk to them.
#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include <asm/early_printk.h>
#include <asm/io.h>
#include <asm/page_types.h>
#include <linux/kernel.h>

namespace
{

std::string com1_output(void)
{
	static mock_port_write w[4096];
	size_t n = mock_io_take_writes(w, 4096);
	std::string out;
	for (size_t i = 0; i < n; i++)
		if (w[i].port == COM1_BASE)
			out += (char)w[i].value;
	return out;
}

std::string vga_row(int row)
{
	const u16 *cells = (const u16 *)__va(0xb8000) + row * 80;
	std::string s;
	for (int i = 0; i < 80; i++)
		s += (char)(cells[i] & 0xff);
	return s.substr(0, s.find_last_not_of(' ') + 1);
}

// CTest runs each test in a process of its own: set the consoles up once.
struct EarlyConsole : testing::Test {
	void SetUp() override
	{
		static bool done;
		if (!done) {
			mock_phys_mem_init(1 << 20);
			early_console_init();
			size_t n = mock_io_take_writes(setup, 64);
			for (size_t i = 0; i < n; i++)
				setup_writes.emplace_back(setup[i].port, setup[i].value);
			done = true;
		}
		com1_output(); // earlier tests' output
	}
	static inline mock_port_write setup[64];
	static inline std::vector<std::pair<u16, u16>> setup_writes;
};

TEST_F(EarlyConsole, uart_is_set_up_for_115200_8n1)
{
	std::vector<std::pair<u16, u16>> want = {{COM1_BASE + 1, 0x00}, {COM1_BASE + 3, 0x80},
						 {COM1_BASE + 0, 0x01}, {COM1_BASE + 1, 0x00},
						 {COM1_BASE + 3, 0x03}, {COM1_BASE + 2, 0xc7},
						 {COM1_BASE + 4, 0x0b}};
	EXPECT_EQ(setup_writes, want);
}

TEST_F(EarlyConsole, serial_and_vga_get_every_line)
{
	pr_info("hello\n");
	EXPECT_EQ(com1_output(), "[    0.000000] hello\r\n"); // a terminal wants CR LF
	EXPECT_EQ(vga_row(0), "[    0.000000] hello");
	EXPECT_EQ(((const u16 *)__va(0xb8000))[0] >> 8, 0x07); // grey on black
}

TEST_F(EarlyConsole, vga_scrolls_and_wraps)
{
	for (int i = 0; i < 25; i++)
		pr_info("filler\n");
	for (int i = 0; i < 30; i++)
		pr_info("line %d\n", i);
	EXPECT_EQ(vga_row(23), "[    0.000000] line 29");
	EXPECT_EQ(vga_row(0), "[    0.000000] line 6");
	pr_info("%s\n", std::string(100, 'x').c_str());
	EXPECT_EQ(vga_row(22), "[    0.000000] " + std::string(65, 'x'));
	EXPECT_EQ(vga_row(23), std::string(35, 'x'));
}

TEST_F(EarlyConsole, serial_receive)
{
	mock_io_queue_read(COM1_BASE + 5, 0x01); // LSR: data ready
	mock_io_queue_read(COM1_BASE, 'm');
	mock_io_queue_read(COM1_BASE + 5, 0x00); // then nothing
	EXPECT_EQ(serial8250_getc(), 'm');
	EXPECT_EQ(serial8250_getc(), -1);
}

} // namespace
