/* A real program for the ELF loader's host test: built with gcc -m32 -static. */
#include <stdio.h>

int counter = 42;	  /* .data */
static char buffer[8192]; /* .bss */

int main(int argc, char **argv)
{
	buffer[0] = (char)argc;
	printf("hello from %s (%d)\n", argv[0], counter + buffer[0]);
	return 0;
}
