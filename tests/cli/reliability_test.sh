#!/bin/sh
# Holes a hostile test found (issue 20), each with the case that showed it:
# the lock file, leftovers of failed runs, ...
. "$(dirname "$0")/lib.sh"
C="$TMP/c"
mkdir -p "$C"
printf 'Banjir di kota\n\nBanjir merendam kota pada pagi hari.\n' > "$C/a.txt"

# The lock file is never written through a link, and never left behind.
IDX="$TMP/idx"
echo "precious" > "$TMP/victim"
ln -s "$TMP/victim" "$IDX.lock"
expect_status 2 "a symlinked lock file is refused" "$BIN/cari-indexer" -d "$IDX" "$C"
check "the refusal names the lock file" grep -q "idx.lock: a symbolic link; refusing" "$TMP/err"
check "the symlink's target is untouched" grep -qx precious "$TMP/victim"
rm "$IDX.lock"
ln "$TMP/victim" "$IDX.lock"
expect_status 2 "a hard-linked lock file is refused" "$BIN/cari-indexer" -d "$IDX" "$C"
check "the hard link's file is untouched" grep -qx precious "$TMP/victim"
rm "$IDX.lock"
mkfifo "$IDX.lock"
expect_status 2 "a fifo as lock file is refused" "$BIN/cari-indexer" -d "$IDX" "$C"
rm "$IDX.lock"
expect_status 0 "a build" "$BIN/cari-indexer" -d "$IDX" "$C"
check "a finished run removes its lock file" test ! -e "$IDX.lock"
expect_status 2 "a failed run (nothing to index)" "$BIN/cari-indexer" -d "$IDX" "$TMP/missing"
check "a failed run removes its lock file" test ! -e "$IDX.lock"
expect_status 2 "a failed first build" "$BIN/cari-indexer" -d "$TMP/new" "$TMP/missing"
check "a failed first build leaves no index and no lock" \
  test ! -e "$TMP/new" -a ! -e "$TMP/new.lock"

# Item 2: two folders with the same relative file name.
mkdir -p "$TMP/news" "$TMP/archive"
printf 'Gempa di laut\n\nGempa mengguncang pesisir selatan.\n' > "$TMP/news/a.txt"
printf 'Harga beras\n\nHarga beras naik di pasar kota.\n' > "$TMP/archive/a.txt"
IDX="$TMP/idx2"
expect_status 1 "same file name in two folders: one skipped" \
  "$BIN/cari-indexer" -d "$IDX" "$TMP/news" "$TMP/archive"
check "the skip names both files" grep -q "archive/a.txt: article id a.txt is also the id of .*news/a.txt" "$TMP/err"
check "1 added, 1 skipped" grep -q "1 added, 0 changed, 0 unchanged, 0 removed, 1 skipped" "$TMP/out"
expect_status 1 "the next run is the same" "$BIN/cari-indexer" -d "$IDX" "$TMP/news" "$TMP/archive"
check "nothing flip-flops" grep -q "0 added, 0 changed, 1 unchanged, 0 removed, 1 skipped" "$TMP/out"
expect_status 2 "the other folder alone does not take the id (nothing indexed)" \
  "$BIN/cari-indexer" -d "$IDX" "$TMP/archive"
check "it says whose id it is" grep -q "article id a.txt is already the article of .*news/a.txt" "$TMP/err"
"$BIN/cari-searcher" -d "$IDX" gempa > "$TMP/hits" 2>&1
check "the first folder's article stays" test $? -eq 0
# A subfolder indexed alone keeps the ids its parent's run gave.
IDX="$TMP/idx3"
mkdir -p "$TMP/tree/sub"
cp "$TMP/news/a.txt" "$TMP/tree/top.txt"
cp "$TMP/archive/a.txt" "$TMP/tree/sub/b.txt"
expect_status 0 "the parent folder" "$BIN/cari-indexer" -d "$IDX" "$TMP/tree"
expect_status 0 "its subfolder alone" "$BIN/cari-indexer" -d "$IDX" "$TMP/tree/sub"
check "the subfolder's article is unchanged, not added again" \
  grep -q "0 added, 0 changed, 1 unchanged, 0 removed" "$TMP/out"
"$BIN/cari-indexer" -d "$IDX" --list | cut -f1 > "$TMP/ids"
check "one id per file" test "$(sort "$TMP/ids" | tr '\n' ' ')" = "sub/b.txt top.txt "

# Item 3: an unreadable subfolder keeps its articles (and is reported).
# As root, which reads any folder, the runs are made as nobody.
N="$TMP/n"
mkdir -p "$N/tree/sub"
cp "$TMP/news/a.txt" "$N/tree/top.txt"
cp "$TMP/archive/a.txt" "$N/tree/sub/b.txt"
as_user=""
if [ "$(id -u)" -eq 0 ]; then
  as_user="setpriv --reuid=65534 --regid=65534 --clear-groups"
  chmod 711 "$TMP"
  chown -R 65534:65534 "$N"
fi
IDX="$N/idx"
expect_status 0 "a folder with a subfolder" $as_user "$BIN/cari-indexer" -d "$IDX" "$N/tree"
chmod 000 "$N/tree/sub"
expect_status 1 "an unreadable subfolder is skipped" $as_user "$BIN/cari-indexer" -d "$IDX" "$N/tree"
check "nothing is removed" grep -q " 0 removed" "$TMP/out"
check "the folder is named" grep -q "tree/sub: Permission denied, skipped" "$TMP/err"
chmod 755 "$N/tree/sub"
"$BIN/cari-indexer" -d "$IDX" --list | cut -f1 | sort | tr '\n' ' ' > "$TMP/ids"
check "both articles are kept" test "$(cat "$TMP/ids")" = "sub/b.txt top.txt "
rm "$N/tree/sub/b.txt"
expect_status 0 "a file that is gone" $as_user "$BIN/cari-indexer" -d "$IDX" "$N/tree"
check "is removed" grep -q " 1 removed" "$TMP/out"

# Item 4: a rebuild keeps every article, and says what it drops.
IDX="$TMP/idx4"
printf '{"id": "j1", "title": "Kapal", "text": "Kapal nelayan berlabuh."}\n' > "$TMP/a.jsonl"
expect_status 0 "a folder" "$BIN/cari-indexer" -d "$IDX" "$TMP/news"
expect_status 0 "another folder" "$BIN/cari-indexer" -d "$IDX" "$TMP/tree"
expect_status 0 "JSON Lines" "$BIN/cari-indexer" -d "$IDX" --jsonl "$TMP/a.jsonl"
expect_status 0 "--rebuild with no PATH" "$BIN/cari-indexer" -d "$IDX" --rebuild
"$BIN/cari-indexer" -d "$IDX" --list | cut -f1 | sort | tr '\n' ' ' > "$TMP/ids"
check "keeps the folders' articles" test "$(cat "$TMP/ids")" = "a.txt sub/b.txt top.txt "
check "says it drops the JSON Lines article" grep -q "the rebuild drops article j1 (not given again" "$TMP/err"
check "counts it" grep -q " 1 removed" "$TMP/out"
expect_status 0 "JSON Lines again" "$BIN/cari-indexer" -d "$IDX" --jsonl "$TMP/a.jsonl"
expect_status 0 "--rebuild of one folder" "$BIN/cari-indexer" -d "$IDX" --rebuild "$TMP/news" --jsonl "$TMP/a.jsonl"
"$BIN/cari-indexer" -d "$IDX" --list | cut -f1 | sort | tr '\n' ' ' > "$TMP/ids"
check "keeps the other folder's articles" test "$(cat "$TMP/ids")" = "a.txt j1 sub/b.txt top.txt "
check "drops nothing" grep -q " 0 removed" "$TMP/out"
expect_status 2 "--rebuild of an index that does not exist, no PATH" \
  "$BIN/cari-indexer" -d "$TMP/none" --rebuild
check "says there is nothing to read" grep -q "no PATH given, and .*none records no article" "$TMP/err"

# A rebuild given a folder whose ids collide with a recorded folder's keeps
# the recorded copy and names the other (both used to be skipped, and the
# article dropped).
expect_status 0 "one folder" "$BIN/cari-indexer" -d "$TMP/idx5" "$TMP/news"
expect_status 1 "--rebuild given a folder with the same file name" \
  "$BIN/cari-indexer" -d "$TMP/idx5" --rebuild "$TMP/archive"
check "names the skipped copy" grep -q "archive/a.txt: article id a.txt is also the id of .*news/a.txt" "$TMP/err"
check "keeps the recorded copy" grep -q "1 added, 0 changed, 0 unchanged, 0 removed, 1 skipped" "$TMP/out"
expect_status 0 "its article is still found" "$BIN/cari-searcher" -d "$TMP/idx5" gempa

# Item 9: --remove counts what it removed.
expect_status 1 "--remove of an id the index does not hold" \
  "$BIN/cari-indexer" -d "$IDX" --remove j1 j1 typo.txt
check "names the unknown id" grep -q "typo.txt: no article with this id, skipped" "$TMP/err"
check "counts the id given twice once" grep -q " 1 removed, 1 skipped" "$TMP/out"
expect_status 2 "--remove of only unknown ids removes nothing" \
  "$BIN/cari-indexer" -d "$IDX" --remove typo.txt

finish
