#pragma once
// What the serial line's receive side gives the console and the shell
// (Linux: include/linux/tty.h, tty_flip.h; drivers/tty/tty_buffer.cpp).
#include <linux/wait.h>

struct task_struct;

// From here on bytes arrive by IRQ 4 into a ring (Linux: tty_flip_buffer_push).
void tty_rx_init(void);
// The oldest byte typed and not yet read, or -1 (polls the UART until
// tty_rx_init, or while interrupts are off).
int tty_getc(void);
// Woken when a byte arrives.
extern struct wait_queue_head tty_rx_wait;
// Who a Ctrl-C typed now is for (the shell's `run` sets it; Linux: the
// tty's foreground process group, tty->pgrp). nullptr: Ctrl-C is a byte
// like any other, and whoever reads it acts on it.
void tty_set_foreground(struct task_struct *p);
struct task_struct *tty_foreground(void);
// Whether the console's termios makes c a signal (ISIG, VINTR, VQUIT): the
// signal in *sig (drivers/tty/console.cpp).
bool tty_signal_char(int c, int *sig);
