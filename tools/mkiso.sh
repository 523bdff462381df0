#!/usr/bin/env bash
# mkiso.sh KERNEL_ELF OUT_ISO "CMDLINE" "GRUB_EXTRA" ["MODULE_FILES"]
# Builds a GRUB (multiboot2) rescue ISO around the kernel. Used by `make iso`
# and by every QEMU test, so both boot exactly the same way. Each module file
# is loaded with module2, its file name as its command line.
set -eu
elf=$1 out=$2 cmdline=${3-} extra=${4-} modules=${5-}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/boot/grub"
# Without DWARF: GRUB copies every section of the ELF into memory (it passes
# the section headers, and the kernel's kallsyms reads .symtab from them), so
# debug info would only slow the boot. gdb reads it from the unstripped ELF.
objcopy --strip-debug "$elf" "$tmp/boot/kernel.elf"
# The command line goes to GRUB as one single-quoted argument per
# space-separated piece, so GRUB's lexer expands nothing ($, ;, #, quotes and
# backslashes stay as written). GRUB then joins its arguments with one space
# each (grub_create_loader_cmdline), so empty pieces keep runs of spaces;
# since no argument holds a space it adds no quotes of its own, only a
# backslash before each \, ' and " -- which the kernel takes off again
# (arch/x86/kernel/multiboot2.cpp).
grub_cmdline= rest=$cmdline q="'" q_esc="'\\''"
while [[ -n $cmdline ]]; do
  piece=${rest%%' '*}
  grub_cmdline+="'${piece//"$q"/"$q_esc"}' "
  [[ $rest == *' '* ]] || break
  rest=${rest#*' '}
done
here=$(cd "$(dirname "$0")/.." && pwd)
module_lines=
mkdir -p "$tmp/boot/modules"
for m in $modules; do
  name=$(basename "$m")
  cp "$m" "$tmp/boot/modules/$name"
  module_lines+="module2 /boot/modules/$name $name"$'\n\t'
done
cfg=$(<"$here/iso/grub.cfg.in")
cfg=${cfg//@MODULES@/"$module_lines"}
cfg=${cfg//@CMDLINE@/"$grub_cmdline"}
printf '%s\n' "$cfg" > "$tmp/boot/grub/grub.cfg"
printf '%s\nset mmlab_extra_done=1\n' "$extra" > "$tmp/boot/grub/extra.cfg"
grub-mkrescue -o "$out" "$tmp" >/dev/null 2>"$tmp.log" || { cat "$tmp.log"; rm -f "$tmp.log"; exit 1; }
rm -f "$tmp.log"
