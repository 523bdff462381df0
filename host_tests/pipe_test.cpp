// Pipes and poll (fs/pipe.cpp, fs/select.cpp) through their system calls,
// on the mock machine. Where a real process would sleep, the test's
// schedule hook plays the other process (mock/sched.cpp).
#include "fs_helpers.h"

#include <linux/pipe_fs_i.h>
#include <linux/poll.h>
#include <linux/signal.h>

#include "mock/host_support.h"

struct Pipe : FsRoot {
	int fd[2] = {-1, -1};
	static Pipe *self; // for the schedule hooks

	void SetUp() override
	{
		FsRoot::SetUp();
		self = this;
		mock_schedule_hook = nullptr;
		mock_sleeps = mock_stuck_sleeps = 0;
		current->sig.pending = 0;
		ASSERT_EQ(sys_pipe2((int __user *)ubuf(8 * PAGE_SIZE), 0), 0);
		ASSERT_EQ(copy_from_user(fd, ubuf(8 * PAGE_SIZE), sizeof(fd)), 0u);
	}
	void TearDown() override
	{
		mock_schedule_hook = nullptr;
		current->sig.pending = 0;
		FsRoot::TearDown(); // closes both ends; every page back
		EXPECT_EQ(nr_pipe_pages(), 0u);
	}
	struct pipe_inode_info *info()
	{
		struct file *f = fget((unsigned)fd[0]);
		struct pipe_inode_info *p = get_pipe_info(f);
		fput(f);
		return p;
	}
	long write_n(size_t n, char c = 'x')
	{
		put(0, std::string(n, c));
		return sys_write((unsigned)fd[1], ubuf(0), n);
	}
	long read_n(size_t n) { return sys_read((unsigned)fd[0], ubuf(32 * PAGE_SIZE), n); }
	std::string got(size_t n) { return get(32 * PAGE_SIZE, n); }
	void nonblock(int end)
	{
		ASSERT_EQ(sys_fcntl64((unsigned)fd[end], F_SETFL, O_NONBLOCK), 0);
	}
};
Pipe *Pipe::self;

TEST_F(Pipe, data_lives_in_pages_that_go_back_when_read)
{
	EXPECT_EQ(write_n(10000), 10000);
	EXPECT_EQ(nr_pipe_pages(), 3u) << "4096 + 4096 + 1808 bytes";
	EXPECT_EQ(read_n(5000), 5000);
	EXPECT_EQ(nr_pipe_pages(), 2u) << "the first page was emptied and freed";
	EXPECT_EQ(read_n(100000), 5000) << "read returns what is there";
	EXPECT_EQ(nr_pipe_pages(), 0u);
}

TEST_F(Pipe, small_writes_share_the_last_page)
{
	for (int i = 0; i < 100; i++)
		ASSERT_EQ(write_n(10, (char)('a' + i % 26)), 10);
	EXPECT_EQ(nr_pipe_pages(), 1u);
	EXPECT_EQ(read_n(1000), 1000);
	EXPECT_EQ(got(3), "aaa");
}

TEST_F(Pipe, a_reader_of_an_empty_pipe_sleeps_until_a_write)
{
	mock_schedule_hook = [] { // the writer process runs while we sleep
		self->put(0, "late");
		EXPECT_EQ(sys_write((unsigned)self->fd[1], self->ubuf(0), 4), 4);
		mock_schedule_hook = nullptr;
	};
	EXPECT_EQ(read_n(100), 4);
	EXPECT_EQ(got(4), "late");
	EXPECT_EQ(mock_sleeps, 1u);
}

TEST_F(Pipe, a_sleeping_reader_is_ended_by_a_signal)
{
	EXPECT_EQ(read_n(100), -ERESTARTSYS);
	EXPECT_EQ(mock_stuck_sleeps, 1u) << "it did sleep: nobody was going to write";
	current->sig.pending = 0;
	nonblock(0);
	EXPECT_EQ(read_n(100), -EAGAIN);
	EXPECT_EQ(mock_sleeps, 1u) << "O_NONBLOCK never sleeps";
}

TEST_F(Pipe, a_full_pipe_makes_the_writer_wait_for_the_reader)
{
	static long drained;
	drained = 0;
	mock_schedule_hook = [] {
		long n = sys_read((unsigned)self->fd[0], self->ubuf(32 * PAGE_SIZE), 8192);
		EXPECT_GT(n, 0);
		drained += n;
	};
	EXPECT_EQ(write_n(70000), 70000);
	EXPECT_GE(mock_sleeps, 1u);
	EXPECT_EQ(drained + read_n(100000), 70000);
}

TEST_F(Pipe, nonblocking_writes_fill_16_pages_and_keep_pipe_buf_whole)
{
	nonblock(1);
	EXPECT_EQ(write_n(15 * PAGE_SIZE + 4000), (long)(15 * PAGE_SIZE + 4000));
	EXPECT_EQ(write_n(200), -EAGAIN) << "200 bytes do not fit whole: none go in";
	EXPECT_EQ(write_n(96), 96);
	EXPECT_EQ(write_n(1), -EAGAIN);
	EXPECT_EQ(nr_pipe_pages(), (unsigned long)PIPE_DEF_BUFFERS);
}

TEST_F(Pipe, no_reader_is_sigpipe_and_epipe_no_writer_is_end_of_file)
{
	EXPECT_EQ(write_n(3), 3);
	ASSERT_EQ(sys_close((unsigned)fd[1]), 0);
	EXPECT_EQ(read_n(10), 3);
	EXPECT_EQ(read_n(10), 0) << "end of file, not a sleep";
	fd[1] = -1;

	ASSERT_EQ(sys_pipe2((int __user *)ubuf(8 * PAGE_SIZE), 0), 0);
	ASSERT_EQ(copy_from_user(fd, ubuf(8 * PAGE_SIZE), sizeof(fd)), 0u);
	ASSERT_EQ(sys_close((unsigned)fd[0]), 0);
	EXPECT_EQ(write_n(1), -EPIPE);
	EXPECT_TRUE(current->sig.pending & sigmask(SIGPIPE));
}

TEST_F(Pipe, no_positions_and_bad_arguments)
{
	EXPECT_EQ(sys_lseek((unsigned)fd[0], 0, 0), -ESPIPE);
	EXPECT_EQ(sys_pread64((unsigned)fd[0], ubuf(0), 1, 0), -ESPIPE);
	EXPECT_EQ(sys_pwrite64((unsigned)fd[1], ubuf(0), 1, 0), -ESPIPE);
	EXPECT_EQ(sys_read((unsigned)fd[1], ubuf(0), 1), -EBADF);
	EXPECT_EQ(sys_pipe2((int __user *)ubuf(0), O_APPEND), -EINVAL);
	unsigned long inodes = nr_inodes_in_use();
	EXPECT_EQ(sys_pipe2((int __user *)1, 0), -EFAULT);
	EXPECT_EQ(nr_inodes_in_use(), inodes) << "the failed pipe2 left no inode behind";
	EXPECT_EQ(sys_dup((unsigned)fd[1]), fd[1] + 1) << "nor a descriptor";
}

TEST_F(Pipe, ring_indexes_wrap_and_resizing_keeps_the_order)
{
	struct pipe_inode_info *p = info();
	p->head = p->tail = 0xfffffffeu; // about to wrap
	for (char c = 'a'; c < 'e'; c++)
		ASSERT_EQ(write_n(PAGE_SIZE, c), (long)PAGE_SIZE);
	EXPECT_EQ(p->head, 2u) << "head went past 2^32 and on";
	EXPECT_EQ(sys_fcntl64((unsigned)fd[0], F_SETPIPE_SZ, 2 * PAGE_SIZE), -EBUSY);
	EXPECT_EQ(sys_fcntl64((unsigned)fd[0], F_SETPIPE_SZ, 5 * PAGE_SIZE), 8 * (long)PAGE_SIZE);
	for (char c = 'a'; c < 'e'; c++) {
		ASSERT_EQ(read_n(PAGE_SIZE), (long)PAGE_SIZE);
		EXPECT_EQ(got(1), std::string(1, c));
	}
	EXPECT_EQ(sys_fcntl64((unsigned)fd[1], F_GETPIPE_SZ, 0), 8 * (long)PAGE_SIZE);
}

struct upollfd {
	int fd;
	short events, revents;
};

TEST_F(Pipe, poll_reports_each_end_and_sleeps_until_a_write)
{
	struct upollfd pfd[2] = {{fd[0], POLLIN, 0}, {fd[1], POLLOUT, 0}};
	auto upoll = (struct pollfd __user *)ubuf(16 * PAGE_SIZE);
	auto poll = [&](unsigned int n, int timeout) {
		EXPECT_EQ(copy_to_user(upoll, pfd, sizeof(pfd)), 0u);
		long r = sys_poll(upoll, n, timeout);
		EXPECT_EQ(copy_from_user(pfd, upoll, sizeof(pfd)), 0u);
		return r;
	};
	EXPECT_EQ(poll(2, 0), 1);
	EXPECT_EQ(pfd[0].revents, 0);
	EXPECT_EQ(pfd[1].revents, POLLOUT);

	mock_schedule_hook = [] {
		self->write_n(1);
		mock_schedule_hook = nullptr;
	};
	EXPECT_EQ(poll(1, -1), 1);
	EXPECT_EQ(pfd[0].revents, POLLIN);
	EXPECT_EQ(mock_sleeps, 1u);
	EXPECT_TRUE(list_empty(&info()->rd_wait.head)) << "poll took itself off the queue";

	ASSERT_EQ(sys_close((unsigned)fd[1]), 0);
	fd[1] = -1;
	EXPECT_EQ(poll(1, 0), 1);
	EXPECT_EQ(pfd[0].revents, POLLIN | POLLHUP) << "the byte, and no writer left";
	pfd[0].fd = 99;
	EXPECT_EQ(poll(1, 0), 1);
	EXPECT_EQ(pfd[0].revents, POLLNVAL);
}
