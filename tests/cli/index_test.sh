#!/bin/sh
# The indexer on bad and unusual input: invalid UTF-8, binary files,
# JSON Lines with bad lines, index paths that cannot be used.
. "$(dirname "$0")/lib.sh"
IDX="$TMP/idx"
IN="$TMP/in"
mkdir -p "$IN/sub dir"

printf 'Judul Baik\n\nParagraf tentang kapal selam.\n' > "$IN/baik.txt"
printf 'Judul\n\nBaris satu.\nKata ru\377sak di baris empat.\n' > "$IN/sub dir/rusak.txt"
printf 'biner\000data\n' > "$IN/biner.txt"
printf 'bukan artikel\n' > "$IN/catatan.md"

expect_status 1 "a binary file makes the run partial" "$BIN/cari-indexer" -d "$IDX" "$IN"
check "invalid UTF-8: warning names file and line" grep -q "^cari-indexer: .*sub dir/rusak.txt:4: invalid UTF-8" "$TMP/err"
check "binary file named and skipped" grep -q "^cari-indexer: .*biner.txt: binary file" "$TMP/err"
check "summary counts the articles" grep -q ": 2 added, 0 changed, 0 unchanged, 0 removed, 1 skipped" "$TMP/out"
expect_status 0 "the repaired article is searchable" "$BIN/cari-searcher" -d "$IDX" --json sak
check "its id is the path relative to the root" grep -q '"article":"sub dir/rusak.txt"' "$TMP/out"
expect_status 1 ".md files are not articles" "$BIN/cari-searcher" -d "$IDX" artikel

# Indexing again replaces, never duplicates.
"$BIN/cari-indexer" -q -d "$IDX" "$IN" 2>/dev/null
"$BIN/cari-searcher" -d "$IDX" --json kapal > "$TMP/out"
check "re-indexing does not duplicate" test "$(hits "$TMP/out" | wc -l)" -eq 1

# JSON Lines: good lines indexed, bad ones named and skipped.
cat > "$TMP/a.jsonl" <<'JL'
{"id": "j/1", "title": "Kereta Cepat", "text": "Kereta cepat diuji.\nUji coba kedua berhasil."}
{"id": "j/2", "text": "Tanpa judul tentang sawah."}
this is not json
{"text": "no id here"}
{"id": "j/3"}
{"id": "j/4", "title": 5, "text": "x"}

{"id": "j/5", "title": null, "text": "Judul null juga boleh: pesawat."}
{"id": "j/6", "text": ""}
JL
expect_status 1 "JSONL with bad lines" "$BIN/cari-indexer" -d "$IDX" --jsonl "$TMP/a.jsonl"
check "bad JSON named by line" grep -q "a.jsonl:3: not a JSON object" "$TMP/err"
check "missing id named by line" grep -q 'a.jsonl:4: no "id"' "$TMP/err"
check "missing text named by line" grep -q 'a.jsonl:5: no "text"' "$TMP/err"
check "bad title named by line" grep -q 'a.jsonl:6: "title"' "$TMP/err"
check "a JSONL article's warning names the file and the id" \
  grep -q '^cari-indexer: .*a.jsonl: article j/6: empty article' "$TMP/err"
"$BIN/cari-searcher" -d "$IDX" --json kereta > "$TMP/out"
check "JSONL title kept" grep -q '"title":"Kereta Cepat"' "$TMP/out"
check "JSONL paragraphs are passages" test "$(hits "$TMP/out" | wc -l)" -eq 2
"$BIN/cari-searcher" -d "$IDX" --json sawah > "$TMP/out"
check "JSONL without title" grep -q '"title":null' "$TMP/out"
printf '{"id":"s/1","text":"Dari stdin: gunung."}\n' | "$BIN/cari-indexer" -q -d "$IDX" --jsonl -
check "JSONL from stdin" "$BIN/cari-searcher" -d "$IDX" -n 1 gunung > /dev/null

# A fresh build indexes on worker threads, after the main thread has
# moved on: a warning still names the file it is about, and only that.
mkdir -p "$TMP/many"
for i in $(seq 1 300); do
  printf 'Judul %s\n\nParagraf nomor %s tentang pelabuhan.\n' "$i" "$i" > "$TMP/many/f$i.txt"
done
printf 'Judul\n\nBaris ru\377sak.\n' > "$TMP/many/f150.txt"
expect_status 0 "many files, one with invalid UTF-8" "$BIN/cari-indexer" -d "$TMP/many-idx" "$TMP/many"
check "the warning names that file and line" \
  grep -q "^cari-indexer: $TMP/many/f150.txt:3: invalid UTF-8" "$TMP/err"
check "and no other" test "$(grep -c 'invalid UTF-8' "$TMP/err")" -eq 1

# A long file (more lines than are parsed ahead): every good line is
# indexed, every bad one reported once, in file order.
awk 'BEGIN { for (i = 1; i <= 500; i++)
               if (i % 7 == 0) print "{\"id\": " i "}";
               else print "{\"id\": \"long/" i "\", \"text\": \"Baris panjang nomor " i " tentang samudra.\"}" }' > "$TMP/long.jsonl"
expect_status 1 "a long JSONL file with bad lines" "$BIN/cari-indexer" -d "$TMP/long-idx" --jsonl "$TMP/long.jsonl"
check "long JSONL: 429 added, 71 skipped" grep -q ": 429 added, 0 changed, 0 unchanged, 0 removed, 71 skipped" "$TMP/out"
grep -o 'long.jsonl:[0-9]*' "$TMP/err" | cut -d: -f2 > "$TMP/lines"
check "long JSONL: bad lines reported in order" sh -c "seq 7 7 500 | cmp -s - '$TMP/lines'"
expect_status 0 "long JSONL: the last line is searchable" "$BIN/cari-searcher" -d "$TMP/long-idx" --json -n 1 '"nomor 499"'
check "long JSONL: its id" grep -q '"article":"long/499"' "$TMP/out"

# Odd file names keep exact ids; JSON output stays valid; symlink loops
# and dangling links are named and skipped.
mkdir "$TMP/names"
printf 'Spasi\n\nBerkas dengan spasi: anggrek.\n' > "$TMP/names/nama dengan spasi.txt"
printf 'Baris\n\nBerkas dengan baris baru: cempaka.\n' > "$TMP/names/baris
baru.txt"
printf 'Bita\n\nBerkas dengan nama bukan UTF-8: melati.\n' > "$(printf "$TMP/names/bukan-\377-utf8.txt")"
ln -s .. "$TMP/names/loop"
ln -s "$TMP/nowhere.txt" "$TMP/names/putus.txt"
expect_status 1 "odd names and links" "$BIN/cari-indexer" -d "$TMP/names-idx" "$TMP/names"
check "symlink loop named" grep -q "names/loop.*symlink loop, skipped" "$TMP/err"
check "dangling link named" grep -q "putus.txt: No such file" "$TMP/err"
"$BIN/cari-searcher" -d "$TMP/names-idx" --json anggrek cempaka melati > "$TMP/out"
check "odd names: valid JSON, ids as far as JSON can say" python3 - "$TMP/out" <<'PY'
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1])]
ids = sorted(h["article"] for h in lines if h["type"] == "hit")
assert ids == ["baris\nbaru.txt", "bukan-\ufffd-utf8.txt", "nama dengan spasi.txt"], ids
PY
"$BIN/cari-indexer" -d "$TMP/names-idx" --list > "$TMP/out"
check "ids are kept exactly (--list writes a byte that is not UTF-8 as \\xff)" \
  grep -qF 'bukan-\xff-utf8.txt' "$TMP/out"

# Index paths that cannot be used: exit 2, one line naming the path.
printf 'x' > "$TMP/afile"
expect_status 2 "index path is a file" "$BIN/cari-indexer" -d "$TMP/afile" "$IN/baik.txt"
check "file error names it" grep -q "afile: is a file" "$TMP/err"
mkdir "$TMP/foreign" && printf 'x' > "$TMP/foreign/notes"
expect_status 2 "index path is a foreign folder" "$BIN/cari-indexer" -d "$TMP/foreign" "$IN/baik.txt"
check "foreign folder untouched" test "$(ls "$TMP/foreign")" = notes
expect_status 2 "no input" "$BIN/cari-indexer" -d "$IDX"
expect_status 2 "missing input only" "$BIN/cari-indexer" -d "$TMP/new" "$TMP/none"
check "missing input named" grep -q "none: No such file" "$TMP/err"
check "nothing indexed: no index created" test ! -e "$TMP/new"
expect_status 2 "a missing JSON Lines file" "$BIN/cari-indexer" -d "$TMP/new2" --jsonl "$TMP/none.jsonl"
check "missing JSON Lines file: no index created" test ! -e "$TMP/new2"

# A run that fails leaves the index as it was.
before=$("$BIN/cari-searcher" -d "$IDX" --json -n 100 kapal | wc -l)
"$BIN/cari-indexer" -q -d "$IDX" "$TMP/none" 2>/dev/null
after=$("$BIN/cari-searcher" -d "$IDX" --json -n 100 kapal | wc -l)
check "failed run keeps the index" test "$before" -eq "$after"

finish
