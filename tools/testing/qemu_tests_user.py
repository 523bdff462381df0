"""QEMU tests of user programs (issue 15): the initramfs of `make user`
(build/initramfs.cpio, user/*.c, glibc 2.36 static) as a GRUB module, /init
running every program and powering off. The expected lines are what the
same programs print on Debian's Linux 6.1 686 with norandmaps
(tools/linux-ref/run-user.sh), wherever the two kernels agree today."""
from qemu_boot_test import Test

CPIO = ["build/initramfs.cpio"]

PROGRAMS = Test(
    "user_programs", "128M", "norandmaps", exit_code=0, timeout=180, modules=CPIO,
    expect=[
        "Trying to unpack rootfs image as initramfs...", "Freeing initrd memory: ",
        "Run /init as init process", "== init: the default programs",
        "== begin hello", 'argv[0]="/bin/hello"', "auxv: AT_PAGESZ=4096 AT_PHDR=0x8048034",
        'auxv: AT_EXECFN="/bin/hello" AT_PLATFORM="i686"', "hello, world", "== hello: exited 0",
        # glibc's brk heap, then the 128 KiB mmap threshold: Linux's addresses
        "end of .bss=0x80f44b0, so the heap starts at 0x80f5000",
        "-- at main(): sbrk(0)=0x8117000 (heap start + 136 KiB, +0 KiB)",
        "maps: 08049000-080b7000 r-xp 00001000 00:01 18         /bin/malloc",
        "maps: 080ee000-080f5000 rw-p 00000000 00:00 0          [heap]",
        "maps: b7ffa000-b7ffe000 r--p 00000000 00:00 0          [vvar]",
        "maps: b7ffe000-b8000000 r-xp 00000000 00:00 0          [vdso]",
        "maps: bffdf000-c0000000 rw-p 00000000 00:00 0          [stack]",
        "malloc(100 KiB)=0x810f2a0 in the heap, the top chunk was too small: brk",
        "malloc(200 KiB)=0xb7fc7010 outside the heap: mmap, over M_MMAP_THRESHOLD (128 KiB)",
        "malloc(200 KiB)=0x81282b0 in the heap, the threshold rose to 200 KiB at free()",
        "-- after freeing everything: the heap's top is trimmed: sbrk(0)=0x8130000",
        "== malloc: exited 0",
        # demand paging: the zero page on read, a page on write, mincore
        "mmap(32768) = 0xb7ff2000, 0 fault(s)",
        "page 0: read 1 fault(s), write 1 fault(s), mincore 10000000",
        "page 4: read 0 fault(s), write 1 fault(s), mincore 11111000",
        "mincore after munmap: ENOMEM",
        "mmap(MAP_POPULATE) = 0xb7ff2000, 8 fault(s), mincore 11111111",
        "writing all 8 populated pages: 0 fault(s)",
        # fork and copy-on-write
        "child: read 4 private pages: 0 fault(s), saw \"pppp\"",
        "child: read the shared page: 1 fault(s), saw 's'",  # shmem: refaulted, not copied
        "child: write page 0: 1 fault(s), now 'c'",
        "parent: wait4 returned the child's pid, status=0x700 WIFEXITED=1 WEXITSTATUS=7",
        "parent: read 4 private pages: 0 fault(s), saw \"pppp\"",
        "parent: write page 0: 1 fault(s), now 'P'", "parent: wait4 again: ECHILD",
        # exec's errnos and a successful exec of itself
        'execve("/bin/does-not-exist") = -1 ENOENT', 'execve("/bin") = -1 EACCES',
        'execve("/bin/notelf") = -1 ENOEXEC', "execve((char *)1) = -1 EFAULT",
        "execve(1 argument of 131072 + NUL) = -1 E2BIG",
        "execve(15 arguments of 128 KiB (1.9 MiB)) ran, status 0",
        "execve(17 arguments of 128 KiB (2.1 MiB)) = -1 E2BIG",
        "execve(3 x 50000 bytes, RLIMIT_STACK 256 KiB) = -1 E2BIG",
        'again: argc=2 argv[0]="exec" argv[1]="again"', "== exec: exited 3",
        # stack growth: 63 faults for 63 pages, as Linux
        "RLIMIT_STACK: cur=8388608 max=unlimited",
        "depth 64: frame at 0xbffbf930, 63 fault(s) since the start",
        # signals: a handler sees si_addr and si_code, then the default kills
        "handler: sig=11 si_signo=11 si_code=1 (SEGV_MAPERR) si_addr=(nil)",
        "handler: sig=11 si_signo=11 si_code=2 (SEGV_ACCERR) si_addr=0xb7ff9000",
        "]: segfault at 0 ip 08049688 sp bffffcf0 error 6 in segv[8049000+6e000]",
        "Code: ", "== segv: killed by signal 11",
        # the mm system calls' errnos
        "mmap(a, PG, RW, ANON | MAP_FIXED_NOREPLACE, -1, 0)           = MAP_FAILED EEXIST",
        "mmap((void *)0xc0000000UL, PG, RW, ANON | MAP_FIXED, -1, 0)  = MAP_FAILED ENOMEM",
        "munmap((void *)0xbff00000UL, 0x200000)                       = -1 EINVAL",
        "mremap(a + 7 * PG, 3 * PG, 4 * PG, MREMAP_MAYMOVE)           = 0xb7fe6000",
        "mincore(a + 14 * PG, PG, addr_1)                             = -1 EFAULT",
        "write(1, addr_1, 4)                                          = -1 EFAULT",
        "== mmap_edge: exited 0",
        # forbidden instructions and addresses: a signal and Linux's line each
        "== begin traps", "general protection fault ip:8049760 sp:bffffcdc error:0 in traps[",
        "hlt: killed by Segmentation fault", "  caught Segmentation fault, si_code=128 si_addr=(nil)",
        "lgdt: killed by Segmentation fault",
        "divide by zero: killed by Floating point exception",
        "  caught Floating point exception, si_code=1 si_addr=0x",
        "trap invalid opcode ip:", "ud2: killed by Illegal instruction",
        "trap int3 ip:", "int3: killed by Trace/breakpoint trap",
        "segfault at c0100000 ip c0100000 sp bffffcdc error 5",
        "jump into the kernel: killed by Segmentation fault",
        "store to the kernel: killed by Segmentation fault",
        "stack overflow: killed by Segmentation fault", "the parent is still here",
        "== traps: exited 0",
        # malformed executables: refused with a reason, the one good one runs
        "== begin badelf", "exec /bad/bigendian: not little-endian (ELFDATA2LSB)",
        "bigendian: execve ENOEXEC", "exec /bad/empty: file shorter than the ELF header",
        "exec /bad/entry_null: entry outside every executable PT_LOAD",
        "exec /bad/filesz_gt_memsz: p_filesz > p_memsz", "exec /bad/magic: bad magic",
        "exec /bad/memsz_huge: segment in kernel space", "ok: exited 42",
        "exec /bad/page0: segment below mmap_min_addr (page 0)",
        "exec /bad/past_eof: segment outside the file",
        "exec /bad/phnum_huge: too many program headers",
        "exec /bad/phoff_wrap: program headers outside the file",
        "exec /bad/vaddr_kernel: segment in kernel space", "exec /bad/x86_64: not EM_386",
        "24 cases, and this process is still here", "== badelf: exited 0",
        # bad pointers and lengths: errnos or short counts, as Linux's
        "== begin badptr", "syscall(SYS_write, fd, edge, 0x7fffffff)                     = 8",
        "syscall(SYS_open, edge, O_RDONLY)                            = -1 EFAULT",
        "is_child(syscall(SYS_wait4, pid, kernel, 0, null))           = -1 EFAULT",
        "still here after every bad pointer", "== badptr: exited 0",
        # the commitment and the three overcommit modes (user/overcommit.c)
        "== begin overcommit", "fork charged the child's ac VMAs: yes",
        "a child touching it: killed by signal 9", "fork with that mapped: ENOMEM",
        "Committed_AS back where it started: yes", "== overcommit: exited 0",
        "== all done", "reboot: Power down"])

INIT_EXITS = Test(
    "user_init_exits", "128M", "rdinit=/bin/hello", exit_code=0, modules=CPIO,
    expect=["Run /bin/hello as init process", "hello, world",
            "Kernel panic - not syncing: Attempted to kill init! exitcode=0x00000000"])

# A bad /init: the reason, and pid 1 stays the kernel's serial shell.
BAD_INIT = Test(
    "user_bad_init_keeps_shell", "128M", "rdinit=/bin/notelf", exit_code=0, modules=CPIO,
    serial_input="poweroff\n",
    expect=["Run /bin/notelf as init process", "init[1]: exec /bin/notelf: bad magic",
            "Failed to execute /bin/notelf (error -8)", "reboot: Power down"])

TESTS = [PROGRAMS, INIT_EXITS, BAD_INIT]
