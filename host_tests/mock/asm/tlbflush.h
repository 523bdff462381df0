#pragma once
// The mock arch's TLB: nothing to flush; tests count the requests.
extern unsigned long mock_tlb_flush_all, mock_tlb_flush_one;
static inline void __flush_tlb_all(void) { mock_tlb_flush_all++; }
static inline void flush_tlb_one_kernel(unsigned long) { mock_tlb_flush_one++; }
static inline void flush_tlb_one_user(unsigned long) { mock_tlb_flush_one++; }
