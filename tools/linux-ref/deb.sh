# Sourced by capture.sh and run-user.sh: Debian's Linux 6.1 686 kernel
# package, fetched once with `apt-get download` into $cache and unpacked
# there. The caller sets cache, pkg and abi, and defines die().

# The i386 package is not in an amd64 machine's lists until i386 is a foreign
# architecture; `apt-get download` then fetches it without installing it.
cached_deb() { compgen -G "$cache/${pkg}_*_i386.deb" | head -n1; }

fetch_deb() {
  local deb
  deb=$(cached_deb || true)
  if [ -n "$deb" ]; then echo "$deb"; return; fi
  command -v apt-get >/dev/null || die "needs Debian's apt-get (or put ${pkg}_*_i386.deb in $cache)"
  if [ "$(id -u)" != 0 ]; then
    die "run as root, or first: sudo dpkg --add-architecture i386 && sudo apt-get update" \
        "&& (cd $cache && apt-get download $pkg:i386)"
  fi
  dpkg --print-foreign-architectures | grep -qx i386 || dpkg --add-architecture i386
  apt-get update >&2
  (cd "$cache" && apt-get download "$pkg:i386" >&2)
  cached_deb || die "apt-get download left no ${pkg}_*_i386.deb in $cache"
}

extract_vmlinuz() {
  local deb=$1 vmlinuz=$cache/root/boot/vmlinuz-$abi
  [ -f "$vmlinuz" ] || dpkg-deb -x "$deb" "$cache/root"
  [ -f "$vmlinuz" ] || die "no boot/vmlinuz-$abi in $deb"
  echo "$vmlinuz"
}
