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
// Whether the console's termios makes c a signal (ISIG: VINTR, VQUIT,
// VSUSP): the signal in *sig (drivers/tty/console.cpp).
bool tty_signal_char(int c, int *sig);

// The console as a controlling terminal (drivers/tty/tty_jobctrl.cpp;
// Linux: tty_struct's ctrl.session and ctrl.pgrp): the session it
// belongs to and that session's foreground process group, 0 if none.
// With no foreground group, a typed Ctrl-C is a byte like any other for
// the kernel shell.
struct tty_struct {
	pid_t session, pgrp;
};
extern struct tty_struct console_tty;
struct file;

// 0 if current may read (sig SIGTTIN) or change (SIGTTOU) the terminal;
// else -EIO or, once sig is sent to its group, -ERESTARTSYS.
int tty_check_change(struct tty_struct *tty, int sig);
// current, a session leader, makes tty its controlling terminal.
void proc_set_tty(struct tty_struct *tty);
// The kernel shell's job control: session gets the console, pgrp its
// foreground (drivers/tty/tty_jobctrl.cpp).
void tty_give_to(pid_t session, pid_t pgrp);
// A session leader gives up its terminal (at exit: on_exit 1).
void disassociate_ctty(int on_exit);
// TIOCSCTTY, TIOCGPGRP, TIOCSPGRP, TIOCGSID, TIOCNOTTY; -ENOIOCTLCMD for
// any other request.
long tty_jobctrl_ioctl(struct tty_struct *tty, struct file *file, unsigned int cmd,
		       unsigned long arg);
