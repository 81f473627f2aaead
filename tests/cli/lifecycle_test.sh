#!/bin/sh
# Keeping an index current: incremental runs, removals, ids independent of
# the working directory, --remove/--list/--stats/--check, --rebuild, the
# writer lock, empty and title-only articles, a huge one-line file, a full
# disk.
. "$(dirname "$0")/lib.sh"
IDX="$TMP/idx"
C="$TMP/corpus"
cp -r "$SRC/corpus" "$C"
rm -f "$C/README.md"
n=$(find "$C" -name '*.txt' -o -name '*.html' -o -name '*.htm' | wc -l)

expect_status 0 "first run" "$BIN/cari-indexer" -d "$IDX" "$C"
check "first run adds every article" grep -q ": $n added, 0 changed, 0 unchanged, 0 removed" "$TMP/out"
expect_status 0 "second run" "$BIN/cari-indexer" -d "$IDX" "$C"
check "second run changes nothing" grep -q ": 0 added, 0 changed, $n unchanged, 0 removed" "$TMP/out"

# One changed, one new, one deleted.
printf 'Kabar Baru\n\nSebuah kapal selam tenggelam di perairan Sabra.\n' > "$C/ekonomi/baru.txt"
printf '\nParagraf tambahan tentang zeppelin.\n' >> "$C/olahraga/maraton-banyuarga-diikuti-ribuan-pelari.txt"
rm "$C/budaya/festival-sastra-lisan-lebakjati.txt"
expect_status 0 "update run" "$BIN/cari-indexer" -d "$IDX" "$C"
check "update counts" grep -q ": 1 added, 1 changed, $((n - 2)) unchanged, 1 removed" "$TMP/out"
expect_status 0 "new article found" "$BIN/cari-searcher" -d "$IDX" '"kapal selam"'
expect_status 0 "changed article found" "$BIN/cari-searcher" -d "$IDX" zeppelin
expect_status 1 "removed article gone" "$BIN/cari-searcher" -d "$IDX" "judul:festival"

# The same folder from another working directory: nothing duplicated or lost.
(cd "$TMP" && "$BIN/cari-indexer" -d "$IDX" corpus > "$TMP/out" 2>&1)
check "other cwd: all unchanged" grep -q ": 0 added, 0 changed, $n unchanged, 0 removed" "$TMP/out"
(cd "$C/.." && "$BIN/cari-indexer" -d "$IDX" ./corpus/ > "$TMP/out" 2>&1)
check "trailing slash: all unchanged" grep -q ": 0 added, 0 changed, $n unchanged, 0 removed" "$TMP/out"

# --keep-missing keeps articles whose files are gone.
mv "$C/ekonomi/baru.txt" "$TMP/baru.txt"
expect_status 0 "keep-missing" "$BIN/cari-indexer" -d "$IDX" --keep-missing "$C"
check "keep-missing removes nothing" grep -q " 0 removed" "$TMP/out"
expect_status 0 "kept article still found" "$BIN/cari-searcher" -d "$IDX" '"kapal selam"'

# --list, --remove, --stats.
expect_status 0 "list" "$BIN/cari-indexer" -d "$IDX" --list
check "list shows ids and passage counts" grep -q "^ekonomi/baru.txt	1$" "$TMP/out"
check "list has every article" test "$(wc -l < "$TMP/out")" -eq "$n"
expect_status 0 "remove" "$BIN/cari-indexer" -d "$IDX" --remove ekonomi/baru.txt
expect_status 1 "removed by id" "$BIN/cari-searcher" -d "$IDX" '"kapal selam"'
expect_status 0 "stats" "$BIN/cari-indexer" -d "$IDX" --stats
check "stats counts articles" grep -q "^articles	$((n - 1))$" "$TMP/out"
check "stats names the stemmer" grep -q "^stemmer	stemmer-id" "$TMP/out"
expect_status 0 "check passes" "$BIN/cari-indexer" -d "$IDX" --check
check "check says ok" grep -q ": ok$" "$TMP/out"

# Empty and title-only articles: a warning each, the run goes on.
mkdir "$TMP/odd"
: > "$TMP/odd/kosong.txt"
printf 'Hanya Judul Lokomotif\n\n' > "$TMP/odd/judul.txt"
expect_status 0 "odd articles" "$BIN/cari-indexer" -d "$IDX" "$TMP/odd"
check "empty article warned" grep -q "kosong.txt: empty article" "$TMP/err"
check "title-only article warned" grep -q "judul.txt: only a title" "$TMP/err"
expect_status 0 "title-only article is findable" "$BIN/cari-searcher" -d "$IDX" lokomotif

# --rebuild: a fresh index swapped in, the same content.
"$BIN/cari-searcher" -d "$IDX" --json -n 50 drone > "$TMP/before"
expect_status 0 "rebuild" "$BIN/cari-indexer" -d "$IDX" --rebuild "$C" "$TMP/odd"
check "rebuild adds everything" grep -q ": $((n + 1)) added" "$TMP/out"
"$BIN/cari-searcher" -d "$IDX" --json -n 50 drone > "$TMP/after"
untime "$TMP/before" "$TMP/after"
check "rebuild keeps the results" cmp -s "$TMP/before" "$TMP/after"
check "no build folders left" test -z "$(ls -d "$IDX".new-* 2>/dev/null)"
expect_status 0 "check after rebuild" "$BIN/cari-indexer" -d "$IDX" --check

# The writer lock: a second indexer fails at once, or waits.
if command -v flock >/dev/null 2>&1; then
  flock "$IDX.lock" sleep 2 &
  sleep 0.3
  expect_status 2 "second writer refused" "$BIN/cari-indexer" -d "$IDX" "$C"
  check "refusal names the index" grep -q "idx: index is being written by another process" "$TMP/err"
  expect_status 0 "second writer waits" "$BIN/cari-indexer" -d "$IDX" --wait 20 "$C"
  wait
fi

# A huge single-line article: indexed with bounded memory (fresh build).
if [ -z "${CARI_SANITIZED:-}" ]; then size=200; else size=8; fi
python3 - "$TMP/huge/one-line.txt" "$size" <<'PY'
import os, random, sys
os.makedirs(os.path.dirname(sys.argv[1]))
random.seed(7)
words = "tentara drone pelatihan kapal harga beras pasar kota desa gempa".split()
target = int(sys.argv[2]) * 1000 * 1000
sentence = [" ".join(random.choice(words) for _ in range(14)) + ". " for _ in range(500)]
with open(sys.argv[1], "w") as f:
    n = 0
    while n < target:
        s = sentence[n % 500]
        f.write(s)
        n += len(s)
    f.write("akhirnya\n")
PY
if [ -z "${CARI_SANITIZED:-}" ]; then
  (ulimit -v 1000000; "$BIN/cari-indexer" -q -d "$TMP/huge-idx" "$TMP/huge") > "$TMP/out" 2> "$TMP/err"
else
  "$BIN/cari-indexer" -q -d "$TMP/huge-idx" "$TMP/huge" > "$TMP/out" 2> "$TMP/err"
fi
check "huge one-line file indexed within 1 GB of address space" test $? -eq 0
expect_status 0 "its last word is found" "$BIN/cari-searcher" -d "$TMP/huge-idx" akhirnya
rm -rf "$TMP/huge" "$TMP/huge-idx"

# A vocabulary larger than a build worker holds ($CARI_SPELLING_FLUSH,
# here 100,000 words): handed to Xapian's spelling data in pieces, every
# word still suggested.
python3 - "$TMP/vocab" <<'PY'
import os, sys
os.makedirs(sys.argv[1])
letters = "abcdefghijklmnopqrstuvwxyz"
def word(i):
    w = ""
    for _ in range(5):
        w += letters[i % 26]
        i //= 26
    return "kata" + w
for a in range(12):
    with open(os.path.join(sys.argv[1], "daftar-%02d.txt" % a), "w") as f:
        f.write("Daftar kata %d\n\n" % a)
        for p in range(100):
            f.write(" ".join(word(a * 10000 + p * 100 + k) for k in range(100)) + "\n")
        closing = "perpustakaan" if a == 0 else "ensiklopedia" if a == 11 else "buku"
        f.write("Paragraf penutup tentang %s.\n" % closing)
PY
# One worker, so that its vocabulary does pass the 100,000 words.
CARI_THREADS=1 CARI_SPELLING_FLUSH=100000 "$BIN/cari-indexer" -q -d "$TMP/vocab-idx" "$TMP/vocab" > "$TMP/out" 2> "$TMP/err"
check "a 120,000-word vocabulary is indexed" test $? -eq 0
expect_status 0 "its check passes" "$BIN/cari-indexer" -d "$TMP/vocab-idx" --check
"$BIN/cari-searcher" -d "$TMP/vocab-idx" perpustakan > "$TMP/out" 2> "$TMP/err"
check "a word of the first piece is suggested" grep -q "Maksud Anda: perpustakaan" "$TMP/err"
"$BIN/cari-searcher" -d "$TMP/vocab-idx" ensiklopdia > "$TMP/out" 2> "$TMP/err"
check "a word of the last piece is suggested" grep -q "Maksud Anda: ensiklopedia" "$TMP/err"
rm -rf "$TMP/vocab" "$TMP/vocab-idx"

# A full disk (writes fail with EFBIG): the run fails, the index is intact.
"$BIN/cari-searcher" -d "$IDX" --json -n 50 drone > "$TMP/before"
printf 'Judul\n\n%s\n' "$(python3 -c 'print("kata baru lagi " * 20000)')" > "$C/besar.txt"
(trap '' XFSZ; ulimit -f 64; "$BIN/cari-indexer" -d "$IDX" "$C") > "$TMP/out" 2> "$TMP/err"
check "full disk: the run fails" test $? -eq 2
check "full disk: one clear message" grep -q "^cari-indexer: " "$TMP/err"
# The same full disk during a fresh build: no index appears, nothing of
# the build is left behind.
(trap '' XFSZ; ulimit -f 64; "$BIN/cari-indexer" -d "$TMP/fresh" "$C") > "$TMP/out" 2> "$TMP/err"
rc=$?
check "full disk, fresh build: the run fails (exit $rc)" test $rc -eq 2
[ $rc -eq 2 ] || cat "$TMP/err" >&2
check "full disk, fresh build: no index" test ! -e "$TMP/fresh"
check "full disk, fresh build: no build folders left" test -z "$(ls -d "$TMP"/fresh.new-* 2>/dev/null)"
rm "$C/besar.txt"
"$BIN/cari-searcher" -d "$IDX" --json -n 50 drone > "$TMP/after"
untime "$TMP/before" "$TMP/after"
check "full disk: results unchanged" cmp -s "$TMP/before" "$TMP/after"
expect_status 0 "full disk: check passes" "$BIN/cari-indexer" -d "$IDX" --check

# --compact: updates leave the files larger; compaction gives the space
# back, swapped in at once, with the same results.
for i in 1 2 3 4 5 6; do
  for f in "$C"/pertahanan/*.txt "$C"/ekonomi/*.txt; do
    printf '\nPembaruan %s tentang kapal dan drone.\n' "$i" >> "$f"
  done
  "$BIN/cari-indexer" -q -d "$IDX" "$C" || fail "update run $i before compaction"
done
for q in drone 'kapal selam' '"drone serang"' 'latih*' 'judul:beras'; do
  "$BIN/cari-searcher" -d "$IDX" --json -n 50 "$q"
done > "$TMP/before"
size_before=$(du -sk "$IDX" | cut -f1)
expect_status 0 "compact" "$BIN/cari-indexer" -d "$IDX" --compact
check "compact reports the sizes" grep -q "idx: compacted, .* MB before, .* MB after" "$TMP/out"
size_after=$(du -sk "$IDX" | cut -f1)
check "compact makes the index smaller ($size_before KB -> $size_after KB)" test "$size_after" -lt "$size_before"
for q in drone 'kapal selam' '"drone serang"' 'latih*' 'judul:beras'; do
  "$BIN/cari-searcher" -d "$IDX" --json -n 50 "$q"
done > "$TMP/after"
untime "$TMP/before" "$TMP/after"
check "compact keeps the results" cmp -s "$TMP/before" "$TMP/after"
check "compact leaves no build folders" test -z "$(ls -d "$IDX".new-* 2>/dev/null)"
expect_status 0 "check after compact" "$BIN/cari-indexer" -d "$IDX" --check
expect_status 0 "an update after compact" "$BIN/cari-indexer" -d "$IDX" "$C"
check "nothing changed since" grep -q " 0 added, 0 changed, .* 0 removed" "$TMP/out"
expect_status 2 "compact of a missing index" "$BIN/cari-indexer" -d "$TMP/nothing" --compact
check "compact names the missing index" grep -q "nothing: no index to compact" "$TMP/err"
check "compact creates no index" test ! -e "$TMP/nothing"
if command -v flock >/dev/null 2>&1; then
  flock "$IDX.lock" sleep 1 &
  sleep 0.3
  expect_status 2 "compact refused while another writer works" "$BIN/cari-indexer" -d "$IDX" --compact
  wait
fi
# A full disk while compacting: the run fails and the index is intact.
(trap '' XFSZ; ulimit -f 64; "$BIN/cari-indexer" -d "$IDX" --compact) > "$TMP/out" 2> "$TMP/err"
check "full disk: compact fails" test $? -eq 2
check "full disk: compact says why" grep -q "^cari-indexer: " "$TMP/err"
check "full disk: no compaction folders left" test -z "$(ls -d "$IDX".new-* 2>/dev/null)"
for q in drone 'kapal selam' '"drone serang"' 'latih*' 'judul:beras'; do
  "$BIN/cari-searcher" -d "$IDX" --json -n 50 "$q"
done > "$TMP/after"
untime "$TMP/before" "$TMP/after"
check "full disk: compaction left the results" cmp -s "$TMP/before" "$TMP/after"
# A sharded index compacts shard by shard.
expect_status 0 "sharded build" "$BIN/cari-indexer" -q -d "$TMP/sharded" --shards 2 "$C"
"$BIN/cari-searcher" -d "$TMP/sharded" --json -n 50 drone > "$TMP/before"
expect_status 0 "sharded compact" "$BIN/cari-indexer" -d "$TMP/sharded" --compact
"$BIN/cari-searcher" -d "$TMP/sharded" --json -n 50 drone > "$TMP/after"
untime "$TMP/before" "$TMP/after"
check "sharded compact keeps the results" cmp -s "$TMP/before" "$TMP/after"
expect_status 0 "sharded check after compact" "$BIN/cari-indexer" -d "$TMP/sharded" --check

# A corrupt index: --check reports it; the searcher fails cleanly.
cp -r "$IDX" "$TMP/broken"
for f in "$TMP/broken"/postlist.glass; do
  python3 - "$f" <<'PY'
import sys
p = sys.argv[1]
data = bytearray(open(p, "rb").read())
for i in range(0, len(data), 97):
    data[i] ^= 0x5A
open(p, "wb").write(bytes(data))
PY
done
"$BIN/cari-indexer" -d "$TMP/broken" --check > "$TMP/out" 2> "$TMP/err"
status=$?
check "check finds the corruption" test "$status" -ne 0
"$BIN/cari-searcher" -d "$TMP/broken" drone > "$TMP/out" 2> "$TMP/err"
status=$?
check "searcher on a corrupt index: no crash" test "$status" -le 2

finish
