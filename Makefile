# mmlab: a bare-metal i386 teaching kernel with Linux-style memory management.
#
#   make run      install packages, build, boot in QEMU (serial on this terminal)
#   make test     install packages, build, run every test (host, QEMU, gdb)
#
# Variables (every target and every test uses them the same way):
#   MEM=1G            QEMU memory (-m); 1G gives DMA, Normal and HighMem zones
#   CMDLINE=...       kernel command line, written into the ISO's grub.cfg
#   GRUB_EXTRA=...    GRUB commands before the multiboot2 line (cutmem 64M 96M)
#   QEMU_EXTRA=...    extra QEMU arguments
#   MODULES=f1 f2     files GRUB loads as multiboot2 modules
#   GDB_STOP=FUNC     where make debug / make gdb stop first (start_kernel);
#                     empty: at the first instruction, before the firmware

MEM        ?= 1G
CMDLINE    ?=
GRUB_EXTRA ?=
QEMU_EXTRA ?=
MODULES    ?=
GDB_PORT   ?= 1234
GDB_STOP   ?= start_kernel

# The recipes read CMDLINE, GRUB_EXTRA and MODULES from the environment,
# unexpanded ($(value)), never pasted into shell text: make would eat the $ of
# memmap=4M$0x2000000, and a ' would end the shell's quoting.
export MMLAB_CMDLINE    := $(value CMDLINE)
export MMLAB_GRUB_EXTRA := $(value GRUB_EXTRA)
export MMLAB_MODULES    := $(value MODULES)

# OPT=2 (or s, 3...) builds an optimised kernel in build/O2/, for the
# benchmarks beside Linux's -O2 kernel (`make bench-guest OPT=2`); the
# default -Og keeps every variable visible to gdb.
OPT ?= g
ifeq ($(OPT),g)
BUILD  := build
else
BUILD  := build/O$(OPT)
endif
KERNEL := $(BUILD)/kernel.elf
ISO    := $(BUILD)/kernel.iso

CXX  := g++
NASM := nasm
LD   := ld

# Freestanding C++20 for i386 (gcc-multilib's -m32). -Og -g so gdb can step
# through everything; frame pointers so oopses can print a call trace.
KCXXFLAGS := -m32 -march=i686 -std=c++20 -ffreestanding -fno-exceptions \
	-fno-rtti -fno-threadsafe-statics -fno-use-cxa-atexit -fno-stack-protector \
	-fno-pic -fno-pie -fno-omit-frame-pointer -fno-asynchronous-unwind-tables \
	-mgeneral-regs-only -fno-strict-aliasing -fno-tree-loop-distribute-patterns -O$(OPT) -g \
	-Wall -Wextra -Werror -Wno-unused-parameter -Wno-missing-field-initializers \
	-Iinclude -Iarch/x86/include -MMD -MP
NASMFLAGS := -f elf32 -g -F dwarf -Iboot/ -Iarch/x86/include/
LIBGCC = $(shell $(CXX) -m32 -print-libgcc-file-name)

SRCS := $(sort $(shell find boot kernel mm arch lib fs drivers -name '*.cpp' -o -name '*.asm'))
OBJS := $(patsubst %,$(BUILD)/obj/%.o,$(SRCS))

.PHONY: all iso run debug debug-qemu gdb test test-long host-test bench bench-guest bench-user clean deps \
	format format-check tidy compile_commands.json

all: $(KERNEL)

# Every target that needs a Debian package depends on deps, so a fresh
# machine's first `make iso` installs nasm rather than failing on it. The
# check is one dpkg-query (a few ms), run once per top-level make: sub-makes,
# and the tests `make test` starts, inherit MMLAB_DEPS_CHECKED.
ifndef MMLAB_DEPS_CHECKED
deps:
	@tools/deps.sh
else
deps: ;
endif
export MMLAB_DEPS_CHECKED := 1

$(OBJS): | deps

$(BUILD)/obj/%.cpp.o: %.cpp
	@mkdir -p $(@D)
	@echo "  CXX     $<"
	@$(CXX) $(KCXXFLAGS) -c $< -o $@

$(BUILD)/obj/%.asm.o: %.asm
	@mkdir -p $(@D)
	@echo "  AS      $<"
	@$(NASM) $(NASMFLAGS) -MD $(@:.o=.d) $< -o $@

# The vDSO (arch/x86/entry/vdso): a small shared object linked on its own,
# then included whole in the kernel by vdso-image.asm, with the offsets of
# its entry points taken from its symbol table.
VDSO_DIR := $(BUILD)/vdso
$(VDSO_DIR)/vdso32.so: arch/x86/entry/vdso/vdso32.nasm arch/x86/entry/vdso/vdso32.lds | deps
	@mkdir -p $(@D)
	@echo "  VDSO    $@"
	@$(NASM) -f elf32 $< -o $(VDSO_DIR)/vdso32.o
	@$(LD) -m elf_i386 -shared -soname linux-gate.so.1 --hash-style=both -z max-page-size=4096 \
		-T arch/x86/entry/vdso/vdso32.lds $(VDSO_DIR)/vdso32.o -o $@

$(VDSO_DIR)/vdso-offsets.inc: $(VDSO_DIR)/vdso32.so
	@nm $< | awk '/ T __kernel_/ { printf "VDSO%s equ 0x%s\n", $$3, $$1 }' > $@

$(BUILD)/obj/arch/x86/entry/vdso/vdso-image.asm.o: $(VDSO_DIR)/vdso32.so $(VDSO_DIR)/vdso-offsets.inc
$(BUILD)/obj/arch/x86/entry/vdso/vdso-image.asm.o: NASMFLAGS += -I$(VDSO_DIR)/

$(KERNEL): $(OBJS) linker.ld
	@echo "  LD      $@"
	@$(LD) -m elf_i386 -T linker.ld -nostdlib -z noexecstack -o $@ $(OBJS) $(LIBGCC)

# The ISO is rebuilt whenever CMDLINE or GRUB_EXTRA change.
$(BUILD)/iso.args: FORCE
	@mkdir -p $(BUILD)
	@printf '%s\n%s\n%s\n' "$$MMLAB_CMDLINE" "$$MMLAB_GRUB_EXTRA" "$$MMLAB_MODULES" | \
		cmp -s - $@ || \
		printf '%s\n%s\n%s\n' "$$MMLAB_CMDLINE" "$$MMLAB_GRUB_EXTRA" "$$MMLAB_MODULES" > $@
FORCE:

$(ISO): $(KERNEL) $(BUILD)/iso.args iso/grub.cfg.in tools/mkiso.sh $(MODULES) | deps
	@echo "  ISO     $@"
	@tools/mkiso.sh $(KERNEL) $@ "$$MMLAB_CMDLINE" "$$MMLAB_GRUB_EXTRA" "$$MMLAB_MODULES"

iso: $(ISO)

# Ctrl-A X quits QEMU (Ctrl-C goes to the kernel).
run: deps
	@$(MAKE) --no-print-directory iso
	tools/run-qemu.sh $(ISO) $(MEM) -serial mon:stdio $(QEMU_EXTRA)

# Two-terminal debugging: `make debug-qemu` in one, `make gdb` in the other.
debug-qemu: deps
	@$(MAKE) --no-print-directory iso
	tools/run-qemu.sh $(ISO) $(MEM) -serial mon:stdio -S -gdb tcp::$(GDB_PORT) $(QEMU_EXTRA)

gdb: deps
	gdb -q -x tools/gdb/mmlab.py -ex 'mmlab-connect $(GDB_PORT) $(GDB_STOP)' $(KERNEL)

# One terminal: QEMU in the background (serial to build/serial.log), gdb here;
# Ctrl-C stops the guest, quitting gdb ends QEMU (tools/gdb/debug.sh).
debug: deps
	@$(MAKE) --no-print-directory iso
	@echo "debug: serial output goes to $(BUILD)/serial.log (tail -f it in another terminal)"
	@tools/gdb/debug.sh $(ISO) $(KERNEL) $(MEM) $(GDB_PORT) $(BUILD)/serial.log '$(GDB_STOP)' \
		$(QEMU_EXTRA)

# Host tests, QEMU boot tests and the gdb test, all in one CTest run whose
# summary is the last thing printed.
test: deps
	@$(MAKE) --no-print-directory all user
	@cmake -S . -B $(BUILD)/ctest -DCMAKE_BUILD_TYPE=Debug -DKERNEL_ELF=$(abspath $(KERNEL)) >/dev/null
	@cmake --build $(BUILD)/ctest -j2 >/dev/null || cmake --build $(BUILD)/ctest
	@cd $(BUILD)/ctest && ctest --output-on-failure -j2 --timeout 300

# What is too slow for `make test`: the fail-nth sweep at every n
# (tools/testing/qemu_tests_faultinj.py's LONG_TESTS), one boot after another.
test-long: deps
	@$(MAKE) --no-print-directory all
	@for t in $$(python3 tools/testing/qemu_boot_test.py --list-long); do \
		python3 tools/testing/qemu_boot_test.py --kernel $(KERNEL) $$t || exit 1; done

host-test: deps
	@cmake -S . -B $(BUILD)/ctest -DCMAKE_BUILD_TYPE=Debug -DKERNEL_ELF=$(abspath $(KERNEL)) >/dev/null
	@cmake --build $(BUILD)/ctest -j2
	@cd $(BUILD)/ctest && ctest --output-on-failure -j2 -L host

# Host benchmarks beside glibc, jemalloc, tcmalloc and mimalloc, with
# instruction counts (docs/performance.md). Not part of `make test`.
bench: deps
	@cmake -S . -B $(BUILD)/ctest -DCMAKE_BUILD_TYPE=Debug -DKERNEL_ELF=$(abspath $(KERNEL)) >/dev/null
	@cmake --build $(BUILD)/ctest -j2 --target bench_binaries
	@python3 tools/bench/report.py --bin-dir $(BUILD)/ctest/host_tests/bench --out $(BUILD)/bench

# The in-guest benchmarks under QEMU -icount (exact instruction counts) at
# 128M, 1G and 3G, and the boot cost beside an empty kernel's.
bench-guest: deps all
	@python3 tools/bench/guest.py --kernel $(KERNEL) --out $(BUILD)/bench

# A process's costs (faults, fork, execve, mmap) in guest instructions, on
# mmlab and on Debian's Linux 6.1 with the same program (user/ubench.c).
bench-user: deps all user
	@python3 tools/bench/user.py --kernel $(KERNEL) --out $(BUILD)/bench

# For clangd: the kernel's g++ commands, written from the flags above
# (nothing is built).
compile_commands.json: deps
	@echo "  GEN     $@"
	@python3 tools/compile_commands.py --out $@ --cxx $(CXX) --flags '$(KCXXFLAGS)' \
		--objdir $(BUILD)/obj $(filter %.cpp,$(SRCS))

# clang-tidy (.clang-tidy) over the kernel's sources with the kernel's flags,
# read by clang as i386: g++'s own -f flag dropped, and no -Werror, since
# .clang-tidy makes its warnings errors. run-clang-tidy's per-file command
# lines and warning counts are left out of the output.
TIDY_DB := $(BUILD)/tidy
TIDY_CXXFLAGS := --target=i386-pc-linux-gnu \
	$(filter-out -fno-tree-loop-distribute-patterns -Werror -MMD -MP,$(KCXXFLAGS))
TIDY_CHECKS ?=
tidy: SHELL := /bin/bash
tidy: .SHELLFLAGS := -o pipefail -c
tidy: deps
	@python3 tools/compile_commands.py --out $(TIDY_DB)/compile_commands.json --cxx clang++ \
		--flags '$(TIDY_CXXFLAGS)' --objdir $(BUILD)/obj $(filter %.cpp,$(SRCS))
	@echo "  TIDY    $(words $(filter %.cpp,$(SRCS))) files"
	@run-clang-tidy -j2 -quiet -p $(TIDY_DB) $(TIDY_CHECKS) 2>&1 | \
		sed -E 's/\x1b\[[0-9;]*m//g; /^clang-tidy(-[0-9]+)? /d; /^[0-9]+ warnings? generated\.$$/d'

# The tree's own C/C++ sources: git's tracked and new files, never build/
# (outside a git checkout: the source directories).
FORMAT_SRCS = $(wildcard $(or \
	$(shell git ls-files -co --exclude-standard -- '*.c' '*.cpp' '*.h' 2>/dev/null), \
	$(shell find boot kernel mm arch lib fs drivers include host_tests user -name '*.cpp' -o -name '*.h')))
format: deps
	@clang-format -i $(FORMAT_SRCS)

format-check: deps
	@clang-format --dry-run -Werror $(FORMAT_SRCS)

clean:
	rm -rf $(BUILD)

-include $(OBJS:.o=.d)

# The user programs (user/*.c) and the initramfs that holds them, for mmlab's
# process support and for tools/linux-ref/run-user.sh, which boots Debian's
# Linux 6.1 on the same initramfs. Static, unmodified glibc from
# gcc-multilib; non-PIE, so a kernel loads them without relocating.
# `make all` does not build them.
USER_PROGS  := hello malloc demand forkcow exec stack segv mmap_edge traps spin ubench badelf badptr forkbomb \
	       pipe jobctl pagemap procread hog overcommit oomscore oomcases
USER_BINS   := $(addprefix $(BUILD)/user/,init $(USER_PROGS))
USER_CFLAGS := -m32 -static -O2 -g -fno-pie -no-pie -std=gnu11 -Wall -Wextra -Werror -MMD -MP
INITRAMFS   := $(BUILD)/initramfs.cpio

.PHONY: user
user: $(INITRAMFS)

$(BUILD)/user/%: user/%.c | deps
	@mkdir -p $(@D)
	@echo "  UCC     $<"
	@gcc $(USER_CFLAGS) $< -o $@

# /bad/NAME: the malformed executables user/badelf.c runs (tools/mkbadelf.py).
BAD_ELFS = $(shell python3 tools/mkbadelf.py --list | cut -d' ' -f1)

$(BUILD)/bad/ok: tools/mkbadelf.py
	@echo "  BADELF  $(@D)"
	@python3 tools/mkbadelf.py $(@D)

# /bin/busybox: Debian's busybox-static:i386, unmodified (tools/busybox.sh
# fetches it once), with a symlink per applet a student is likely to type.
# `busybox --install -s /bin` at its shell links the other applets.
BUSYBOX         := $(BUILD)/busybox/busybox
BUSYBOX_APPLETS := sh ash cat echo ls grep egrep head tail wc sort uniq cut tr sed awk tee \
	free ps top kill killall pidof pgrep sleep true false test [ printf env setsid \
	mkdir rmdir rm cp mv ln touch stat pwd id uname dmesg hexdump od xxd dd seq yes \
	time uptime nproc clear stty tty which basename dirname find xargs expr date vi less more \
	mount umount poweroff reboot halt

$(BUSYBOX): tools/busybox.sh
	@echo "  FETCH   $@"
	@tools/busybox.sh $@

$(INITRAMFS): $(USER_BINS) tools/mkcpio.py user/notelf.txt $(BUILD)/bad/ok $(BUSYBOX) Makefile
	@echo "  CPIO    $@"
	@python3 tools/mkcpio.py -o $@ --init $(BUILD)/user/init \
		$(addprefix --bin ,$(filter-out %/init,$(USER_BINS))) \
		--file bin/notelf=user/notelf.txt:0755 \
		--file bin/busybox=$(BUSYBOX):0755 \
		$(foreach a,$(BUSYBOX_APPLETS),--link 'bin/$(a)=busybox') \
		$(foreach b,$(BAD_ELFS),--file bad/$(b)=$(BUILD)/bad/$(b):0755)

-include $(USER_BINS:=.d)
