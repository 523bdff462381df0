#!/usr/bin/env bash
# Installs the Debian packages the build, the tests and the debugger need.
# As root it runs apt-get; otherwise it prints the exact command to run.
set -eu
pkgs=(make gcc g++ gcc-multilib g++-multilib nasm binutils
      grub-pc-bin grub-common xorriso mtools qemu-system-x86
      gdb python3 cmake libgtest-dev libgmock-dev
      clang libclang-rt-14-dev clang-format clang-tidy
      libbenchmark-dev libjemalloc-dev libgoogle-perftools-dev libmimalloc-dev valgrind)
# One dpkg-query for the whole list (a few ms), since every make target that
# needs a package runs this first.
declare -A have=()
while read -r p status; do
  [ "${status##* }" = installed ] && have[$p]=1
done < <(dpkg-query -W -f='${Package} ${Status}\n' "${pkgs[@]}" 2>/dev/null || true)
missing=()
for p in "${pkgs[@]}"; do
  [ -n "${have[$p]:-}" ] || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "deps: missing Debian packages: ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
  echo "deps: run this as root, then try again:"
  echo "  sudo apt-get update && sudo apt-get install -y ${missing[*]}"
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}"
