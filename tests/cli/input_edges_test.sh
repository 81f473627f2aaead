#!/bin/sh
# Input and output at the edges: JSON Lines lines with text after the
# object, an id on two lines, a NUL; a UTF-8 byte-order mark before a
# title, front matter or a JSON line; a folder whose path is longer than
# PATH_MAX; --list of ids with tabs and line breaks; output to a full
# disk (/dev/full); --list with --stats; --check on an index whose files
# Xapian can open but not wholly read.
. "$(dirname "$0")/lib.sh"
IDX="$TMP/idx"

# JSON Lines: one object a line; the first line with an id counts.
printf '%s\n' '{"id": "a", "text": "Sungai meluap."} sisa' \
  '{"id": "b", "text": "ada\u0000nul"}' \
  '{"id": "c", "text": "Versi pertama tentang jembatan."}' \
  '{"id": "d", "text": "Pasar ramai."}  ' \
  '{"id": "c", "text": "Versi kedua tentang terowongan."}' > "$TMP/a.jsonl"
printf '{"id": "e", "text": "byte\0mentah"}\n' >> "$TMP/a.jsonl"
expect_status 1 "JSON Lines with bad lines" "$BIN/cari-indexer" -d "$IDX" --jsonl "$TMP/a.jsonl"
check "text after the object: FILE:LINE, skipped" \
  grep -q "a.jsonl:1: text after the JSON object (at byte 39: one object a line), skipped" "$TMP/err"
check "\\u0000 said in user words" \
  grep -q 'a.jsonl:2: a string holds the character \\u0000 (NUL), which an article cannot hold, skipped' "$TMP/err"
check "no library flag in any message" sh -c "! grep -q JSON_ALLOW_NUL '$TMP/err'"
check "a NUL byte: FILE:LINE, skipped" grep -q "a.jsonl:6: a NUL byte in the line" "$TMP/err"
check "an id twice: the later line named, with the id and the earlier line, and skipped" \
  grep -q "a.jsonl:5: article id c is also on line 3; the first line with an id counts, skipped" "$TMP/err"
check "trailing white space is fine" sh -c "! grep -q 'a.jsonl:4' '$TMP/err'"
check "the summary counts articles, not lines" grep -q "2 added, 0 changed, 0 unchanged, 0 removed, 4 skipped" "$TMP/out"
"$BIN/cari-indexer" -d "$IDX" --list > "$TMP/list"
check "the articles: c and d" test "$(cut -f1 "$TMP/list" | tr '\n' ' ')" = "c d "
"$BIN/cari-searcher" -d "$IDX" -n 5 jembatan > "$TMP/found" 2>&1
check "the first line of id c counts" test $? -eq 0
"$BIN/cari-searcher" -d "$IDX" -n 5 terowongan > /dev/null 2>&1
check "the later line of id c is not indexed" test $? -eq 1
expect_status 1 "the same JSON Lines again" "$BIN/cari-indexer" -d "$IDX" --jsonl "$TMP/a.jsonl"
check "the same file again: nothing changes, no article flip-flops" \
  grep -q "0 added, 0 changed, 2 unchanged, 0 removed, 4 skipped" "$TMP/out"
"$BIN/cari-searcher" -d "$IDX" -n 5 sungai > /dev/null 2>&1
check "the line with text after it is not indexed" test $? -eq 1

# Byte-order marks: no part of a title, of front matter, of JSON.
BOM=$(printf '\357\273\277')
mkdir "$TMP/bom"
printf '%sJudul Bertanda\n\nIsi artikel bertanda pertama.\n' "$BOM" > "$TMP/bom/a.txt"
printf '%s---\ntitle: Judul Depan\ndate: 2024-03-05\n---\nIsi artikel bertanda kedua.\n' "$BOM" > "$TMP/bom/b.txt"
printf '%s{"id": "j", "title": "Judul Json", "text": "Isi artikel bertanda ketiga."}\n' "$BOM" > "$TMP/bom.jsonl"
printf '{"id": "k", "title": "%sJudul Bertanda Dalam", "text": "%sIsi artikel bertanda keempat."}\n' "$BOM" "$BOM" >> "$TMP/bom.jsonl"
expect_status 0 "articles with byte-order marks" "$BIN/cari-indexer" -d "$TMP/bi" "$TMP/bom"
expect_status 0 "a JSON Lines file with a byte-order mark" "$BIN/cari-indexer" -d "$TMP/bi" --jsonl "$TMP/bom.jsonl"
"$BIN/cari-searcher" -d "$TMP/bi" --json -n 5 bertanda > "$TMP/hits"
check "a .txt title without the mark" grep -q '"article":"a.txt",.*"title":"Judul Bertanda"' "$TMP/hits"
check "front matter after the mark is read" grep -q '"article":"b.txt",.*"title":"Judul Depan".*"date":"2024-03-05"' "$TMP/hits"
check "a JSON line after the mark is read" grep -q '"article":"j",.*"title":"Judul Json"' "$TMP/hits"
check "a mark opening a JSON title or text is dropped" \
  grep -q '"article":"k",.*"title":"Judul Bertanda Dalam"' "$TMP/hits"
check "no mark anywhere in the results" sh -c "! grep -q '$BOM' '$TMP/hits'"

# A folder deeper than PATH_MAX: named and counted as skipped.
mkdir "$TMP/deep"
printf 'Dangkal\n\nArtikel dekat permukaan.\n' > "$TMP/deep/dangkal.txt"
python3 - "$TMP/deep" <<'PY'
import os, sys
os.chdir(sys.argv[1])
depth = 0
while depth * 201 < 4400:
    os.mkdir("d" * 200)
    os.chdir("d" * 200)
    depth += 1
open("dalam.txt", "w").write("Dalam\n\nArtikel jauh di bawah.\n")
PY
expect_status 1 "a folder deeper than PATH_MAX" "$BIN/cari-indexer" -d "$TMP/di" "$TMP/deep"
check "the too-long path is named" grep -q "ddd: File name too long, skipped" "$TMP/err"
check "and counted as skipped" grep -q "1 added, .* 1 skipped" "$TMP/out"
rm -rf "$TMP/deep" 2>/dev/null || python3 -c "import shutil, sys; shutil.rmtree(sys.argv[1])" "$TMP/deep"

# --list: ids with a tab, a line break or a backslash stay one line of
# two fields, escaped as in C.
printf '%s\n' '{"id": "tab\there", "text": "Artikel bertab."}' \
  '{"id": "baris\nbaru", "text": "Artikel berbaris."}' \
  '{"id": "miring\\t", "text": "Artikel bergaris miring."}' \
  '{"id": "esc\u001b[31m", "text": "Artikel berwarna."}' > "$TMP/ids.jsonl"
expect_status 0 "ids with controls" "$BIN/cari-indexer" -d "$TMP/li" --jsonl "$TMP/ids.jsonl"
"$BIN/cari-indexer" -d "$TMP/li" --list > "$TMP/list"
check "--list: one line an article" test "$(wc -l < "$TMP/list")" -eq 4
check "--list: two fields a line" test "$(awk -F '\t' 'NF != 2' "$TMP/list" | wc -l)" -eq 0
check "--list: a tab escaped as \\t" grep -qxF 'tab\there	1' "$TMP/list"
check "--list: a line break escaped as \\n" grep -qxF 'baris\nbaru	1' "$TMP/list"
check "--list: a backslash doubled" grep -qxF 'miring\\t	1' "$TMP/list"
check "--list: ESC escaped as \\x1b" grep -qxF 'esc\x1b[31m	1' "$TMP/list"

# Output that cannot be written is an error.
expect_status 2 "--list to a full disk" sh -c "'$BIN/cari-indexer' -d '$IDX' --list > /dev/full"
check "--list to a full disk: said" grep -q "writing the output: No space left on device" "$TMP/err"
expect_status 2 "--stats to a full disk" sh -c "'$BIN/cari-indexer' -d '$IDX' --stats > /dev/full"
expect_status 2 "--check to a full disk" sh -c "'$BIN/cari-indexer' -d '$IDX' --check > /dev/full"
expect_status 1 "an update whose summary cannot be written" \
  sh -c "'$BIN/cari-indexer' -d '$TMP/bi' '$TMP/bom' > /dev/full"
check "an update whose summary cannot be written: the index is updated" \
  grep -q "writing the output: No space left on device (the index is updated all the same)" "$TMP/err"

# --list, --stats and --check go one at a time, without inputs.
expect_status 2 "--list --stats" "$BIN/cari-indexer" -d "$IDX" --list --stats
check "--list --stats: said" grep -q "go one at a time" "$TMP/err"
check "--list --stats: nothing printed" test ! -s "$TMP/out"
expect_status 2 "--check with a PATH" "$BIN/cari-indexer" -d "$IDX" --check "$TMP/bom"
check "--check with a PATH: said" grep -q "takes no PATH" "$TMP/err"

# --check: an index Xapian opens but cannot wholly read has problems
# (exit 1); one it cannot check at all is exit 2.
"$BIN/cari-indexer" -q -d "$TMP/ck" "$SRC/corpus"
expect_status 0 "--check of a sound index" "$BIN/cari-indexer" -d "$TMP/ck" --check
python3 - "$TMP/ck/docdata.glass" <<'PY'
import sys
with open(sys.argv[1], "r+b") as f:
    d = bytearray(f.read())
    for b in range(0, len(d), 8192):     # inside every block's compressed data
        for i in range(b + 2000, b + 2032):
            d[i] ^= 0x5a
    f.seek(0)
    f.write(d)
PY
"$BIN/cari-indexer" -d "$TMP/ck" --list > /dev/null 2>&1
check "the damaged index still opens" test $? -eq 0
expect_status 1 "--check of an index with damaged document data" "$BIN/cari-indexer" -d "$TMP/ck" --check
check "--check names the damage" grep -q "ck: xapian: .*DatabaseError" "$TMP/err"
check "--check counts it" grep -q "problems\? found" "$TMP/err"
expect_status 2 "--check of no index" "$BIN/cari-indexer" -d "$TMP/none" --check
finish
