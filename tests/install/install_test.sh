#!/bin/sh
# Installs the build into a temporary prefix, then builds
# examples/search_folder.c against the installed cari as an outside
# program would, through pkg-config: once with libcari.so, once with
# libcari.a; runs both and the installed programs.
# Usage: install_test.sh BUILD SRC CC LIBDIR [EXTRA_CFLAGS]
#   EXTRA_CFLAGS: the sanitizer flags of a CARI_SANITIZE build (its
#   libraries need the sanitizer runtimes in the program).
set -u
BUILD=${1:?usage: install_test.sh BUILD SRC CC LIBDIR [EXTRA_CFLAGS]}
SRC=${2:?}
CC=${3:?}
LIBDIR=${4:?}
EXTRA=${5:-}
TMP=$(mktemp -d "${TMPDIR:-/tmp}/cari-install.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
FAILED=0
fail() { FAILED=1; echo "FAIL: $*" >&2; }
PREFIX=$TMP/prefix

if ! cmake --install "$BUILD" --prefix "$PREFIX" >"$TMP/install.log" 2>&1; then
  cat "$TMP/install.log" >&2
  echo "FAIL: cmake --install" >&2
  exit 1
fi
for f in bin/cari-indexer bin/cari-searcher bin/cari-stemmer include/cari.h \
         "$LIBDIR/libcari.a" "$LIBDIR/libcari.so" "$LIBDIR/libcari.so.0" \
         "$LIBDIR/pkgconfig/cari.pc"; do
  [ -e "$PREFIX/$f" ] || fail "not installed: $f"
done
# Man pages (roff, titled) and bash completion, for each program.
for p in cari-indexer.1 cari-searcher.1 cari-stemmer.1 cari.3; do
  f=share/man/man${p##*.}/$p
  grep -q "^\.TH \"${p%.*}\" \"${p##*.}\"" "$PREFIX/$f" 2>/dev/null ||
    fail "not installed, or not a man page: $f"
done
for p in cari-indexer cari-searcher cari-stemmer; do
  f=share/bash-completion/completions/$p
  grep -q "^complete -F _cari_[a-z]* $p\$" "$PREFIX/$f" 2>/dev/null ||
    fail "not installed, or not $p's completion: $f"
done

# The installed archive keeps only cari_ (and weak C++) symbols global.
leaked=$(nm -g --defined-only "$PREFIX/$LIBDIR/libcari.a" 2>/dev/null |
         awk 'NF == 3 && $2 ~ /^[TDBRC]$/ && $3 !~ /^(cari_|_Z)/ { print $3 }')
[ -z "$leaked" ] || fail "libcari.a has global symbols outside cari_: $leaked"

export PKG_CONFIG_PATH="$PREFIX/$LIBDIR/pkgconfig"
pkg-config --exists cari || fail "pkg-config does not find cari.pc"
echo "pkg-config --cflags --libs cari: $(pkg-config --cflags --libs cari)"
echo "pkg-config --static --libs cari: $(pkg-config --static --libs cari)"
# cari.pc locates the prefix from its own place: the flags name $PREFIX.
pkg-config --cflags cari | grep -q -- "-I$PREFIX/" ||
  fail "pkg-config --cflags does not point into the install prefix"

# Shared: the documented one-liner.
# shellcheck disable=SC2046,SC2086
if $CC -std=c11 -Wall -Wextra -Werror $EXTRA "$SRC/examples/search_folder.c" \
     $(pkg-config --cflags --libs cari) -o "$TMP/ex-shared" 2>"$TMP/cc.err"; then
  readelf -d "$TMP/ex-shared" | grep -q 'NEEDED.*libcari\.so\.0' ||
    fail "shared example does not need libcari.so.0"
  LD_LIBRARY_PATH="$PREFIX/$LIBDIR${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" \
    "$TMP/ex-shared" "$TMP/idx-shared" "$SRC/corpus" drone pelatihan >"$TMP/out-shared" 2>&1 ||
    fail "shared example: $(cat "$TMP/out-shared")"
  grep -q '^1\. pertahanan/' "$TMP/out-shared" || fail "shared example: wrong hits"
else
  fail "shared example does not compile: $(cat "$TMP/cc.err")"
fi

# Static: libcari.a and the private dependencies (pkg-config --static);
# -l:libcari.a makes the linker take the archive although libcari.so sits
# beside it.
# shellcheck disable=SC2046,SC2086
if $CC -std=c11 -Wall -Wextra -Werror $EXTRA "$SRC/examples/search_folder.c" \
     $(pkg-config --cflags cari) \
     $(pkg-config --static --libs cari | sed 's/-lcari\( \|$\)/-l:libcari.a /') \
     -o "$TMP/ex-static" 2>"$TMP/cc.err"; then
  if readelf -d "$TMP/ex-static" | grep -q 'NEEDED.*libcari'; then
    fail "static example needs libcari.so"
  fi
  "$TMP/ex-static" "$TMP/idx-static" "$SRC/corpus" drone pelatihan >"$TMP/out-static" 2>&1 ||
    fail "static example: $(cat "$TMP/out-static")"
  [ "$(tail -n +2 "$TMP/out-shared")" = "$(tail -n +2 "$TMP/out-static")" ] ||
    fail "static and shared examples give different hits"
else
  fail "static example does not compile: $(cat "$TMP/cc.err")"
fi

# The installed programs.
"$PREFIX/bin/cari-indexer" -q -d "$TMP/idx-cli" "$SRC/corpus" >/dev/null 2>"$TMP/err" ||
  fail "installed cari-indexer: $(cat "$TMP/err")"
"$PREFIX/bin/cari-searcher" -d "$TMP/idx-cli" drone >/dev/null 2>"$TMP/err" ||
  fail "installed cari-searcher: $(cat "$TMP/err")"

# The Python module (not in sanitizer builds): under a prefix other than
# /usr, in lib/python3.X/dist-packages, as Debian's python3 looks there
# for /usr/local; it searches the index the installed programs built.
if [ -d "$BUILD/python/cari" ]; then
  set -- "$PREFIX"/lib/python3.*/dist-packages/cari/__init__.py
  if [ -f "$1" ]; then
    PYTHONPATH=$(dirname "$(dirname "$1")") /usr/bin/python3 -c '
import cari, sys
with cari.Index(sys.argv[1]) as idx:
    sys.exit(0 if idx.search("drone")[0].rank == 1 else 1)' "$TMP/idx-cli" 2>"$TMP/err" ||
      fail "installed Python module: $(cat "$TMP/err")"
  else
    fail "not installed: lib/python3.X/dist-packages/cari"
  fi
fi

[ $FAILED -eq 0 ] && echo "install: ok"
exit $FAILED
