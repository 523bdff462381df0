#pragma once
// The mock arch's I/O ports: writes are recorded, reads return what a test
// queued for that port (0xff when nothing is queued, like an empty bus).
#include <linux/types.h>

void outb(u8 v, u16 port);
void outw(u16 v, u16 port);
u8 inb(u16 port);
static inline void io_delay(void) {}

struct mock_port_write {
	u16 port;
	u16 value;
};
// Port writes since the last call, oldest first; returns how many.
size_t mock_io_take_writes(struct mock_port_write *out, size_t max);
void mock_io_queue_read(u16 port, u8 value);
