#pragma once
#define DOUBLEFAULT_STACK_SIZE 4096
extern "C" char doublefault_stack[];
