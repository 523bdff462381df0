#pragma once
// The kernel image's section symbols (arch/x86/include/asm/sections.h), for
// the host: the host's linker defines _edata and __bss_start itself, so the
// mock image (host_support.cpp) goes by names of its own.
extern "C" char _sdata[] __asm__("mock_sdata"), _edata[] __asm__("mock_edata");
extern "C" char __bss_start[] __asm__("mock_bss_start"), __bss_stop[] __asm__("mock_bss_stop");
