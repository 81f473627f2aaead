#!/bin/sh
# The Debian package: cpack -G DEB makes it; dpkg -x unpacks it into a
# scratch root; the unpacked files alone (nothing of the build or source
# tree but the corpus and the examples as input) index, search, run the
# Python example and every example of the README, compile and run the C
# example through pkg-config, and carry the man pages and completion.
# Usage: deb_test.sh BUILD SRC CC
set -u
BUILD=${1:?usage: deb_test.sh BUILD SRC CC}
SRC=${2:?}
CC=${3:?}
TMP=$(mktemp -d "${TMPDIR:-/tmp}/cari-deb.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
FAILED=0
fail() { FAILED=1; echo "FAIL: $*" >&2; }

if ! cpack --config "$BUILD/CPackConfig.cmake" -G DEB -B "$TMP/pkg" > "$TMP/cpack.log" 2>&1; then
  cat "$TMP/cpack.log" >&2
  echo "FAIL: cpack -G DEB" >&2
  exit 1
fi
set -- "$TMP"/pkg/cari_*.deb
[ $# -eq 1 ] && [ -f "$1" ] || { echo "FAIL: no single cari_*.deb made: $*" >&2; exit 1; }
DEB=$1
echo "package: $(basename "$DEB")"

dpkg-deb -f "$DEB" Package Version Architecture Depends > "$TMP/control"
cat "$TMP/control"
grep -qx 'Package: cari' "$TMP/control" || fail "package name"
grep -q '^Depends:.*libxapian30' "$TMP/control" || fail "Depends lacks libxapian30"
grep -q '^Depends:.*python3' "$TMP/control" || fail "Depends lacks python3"

ROOT=$TMP/root
dpkg -x "$DEB" "$ROOT" || { echo "FAIL: dpkg -x" >&2; exit 1; }
U=$ROOT/usr
LIB=$(dirname "$(find "$U/lib" -name libcari.so.0 | head -1)")
for f in bin/cari-indexer bin/cari-searcher bin/cari-stemmer include/cari.h \
         share/man/man1/cari-indexer.1 share/man/man1/cari-searcher.1 \
         share/man/man1/cari-stemmer.1 share/man/man3/cari.3 \
         share/bash-completion/completions/cari-searcher share/cari/synonyms-id.txt; do
  [ -s "$U/$f" ] || fail "not in the package: /usr/$f"
done
for f in libcari.so.0 libcari.a pkgconfig/cari.pc; do
  [ -e "$LIB/$f" ] || fail "not in the package: $f"
done

# The programs, from an empty folder, with a plain environment.
cp -r "$SRC/corpus" "$TMP/corpus"
mkdir "$TMP/run"
cd "$TMP/run" || exit 1
run() { env -i PATH="$U/bin:/usr/bin:/bin" HOME="$TMP" LD_LIBRARY_PATH="$LIB" "$@"; }
run cari-indexer -q -d idx "$TMP/corpus" 2> "$TMP/err" || fail "packaged cari-indexer: $(cat "$TMP/err")"
run cari-searcher -d idx --json -n 3 drone pelatihan > "$TMP/out" 2> "$TMP/err" ||
  fail "packaged cari-searcher: $(cat "$TMP/err")"
grep -q '^{"type":"hit","rank":1,.*"article":"pertahanan/' "$TMP/out" ||
  fail "packaged cari-searcher: wrong hits: $(head -c 300 "$TMP/out")"
run cari-searcher --version | grep -qx "cari-searcher $(sed -n 's/^Version: //p' "$TMP/control")" ||
  fail "packaged cari-searcher --version is not the package's"
echo mengirim | run cari-stemmer | grep -qx kirim || fail "packaged cari-stemmer"

# The Python module, where Debian's python3 finds packages of /usr, and
# the example script on it.
PYDIR=$U/lib/python3/dist-packages
ls "$PYDIR"/cari/_cari.*.so > /dev/null 2>&1 || fail "not in the package: the Python module"
run env PYTHONPATH="$PYDIR" python3 "$SRC/examples/index_folder.py" pyidx "$TMP/corpus" \
  drone pelatihan > "$TMP/out" 2> "$TMP/err" || fail "example script on the package: $(cat "$TMP/err")"
grep -q '^{"type": "hit", "rank": 1,.*"article": "pertahanan/' "$TMP/out" ||
  fail "example script on the package: wrong output: $(head -c 300 "$TMP/out")"
run env PYTHONPATH="$PYDIR" python3 -c 'import cari, sys; sys.exit(0 if cari.__file__.startswith(sys.argv[1]) else 1)' "$PYDIR" ||
  fail "python3 imports cari from elsewhere than the package"

# Every example of the README, on the packaged programs and module.
run python3 "$SRC/tests/install/readme_test.py" "$SRC/README.md" "$U/bin" "$PYDIR" \
  "$SRC/corpus" || fail "README examples on the package"

# The library through the packaged cari.pc (it finds its prefix from its
# own place), shared.
# shellcheck disable=SC2046
if $CC -std=c11 -Wall -Wextra -Werror "$SRC/examples/search_folder.c" \
     $(PKG_CONFIG_PATH="$LIB/pkgconfig" pkg-config --cflags --libs cari) \
     -o "$TMP/ex" 2> "$TMP/cc.err"; then
  run "$TMP/ex" "$TMP/idx-ex" "$TMP/corpus" drone pelatihan > "$TMP/out" 2>&1 ||
    fail "example on the packaged libcari: $(cat "$TMP/out")"
  grep -q '^1\. pertahanan/' "$TMP/out" || fail "example on the packaged libcari: wrong hits"
else
  fail "example does not compile against the package: $(cat "$TMP/cc.err")"
fi

[ $FAILED -eq 0 ] && echo "deb: ok"
exit $FAILED
