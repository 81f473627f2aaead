#!/bin/sh
# Terminal injection (issue 20, item 6): control characters in article
# text, titles, metadata, file names and queries never reach the terminal
# raw, in any output for people or line-based format, nor in warnings.
. "$(dirname "$0")/lib.sh"
ESC=$(printf '\033')
BEL=$(printf '\007')
RLO=$(printf '\342\200\256')   # U+202E RIGHT-TO-LEFT OVERRIDE
LRI=$(printf '\342\201\246')   # U+2066 LEFT-TO-RIGHT ISOLATE
CSI=$(printf '\302\233')       # U+009B, the C1 control sequence introducer
C="$TMP/c"
mkdir -p "$C"
{
  echo '---'
  echo "source: Kabar ${ESC}[5mWirasari"
  echo "url: https://contoh.example/${ESC}]8;;x${BEL}"
  echo '---'
  echo "Banjir ${ESC}]52;c;aGFjaw==${BEL} di kota ${RLO}kiri"
  echo
  echo "Banjir ${ESC}[31mmerah${ESC}[0m merendam kota ${CSI} pagi ${BEL} hari ${LRI}ini."
  echo "Warga mengungsi ke balai desa, banjir belum surut."
} > "$C/a${ESC}[2Jb.txt"
printf 'x\0y' > "$C/bin${ESC}]0;judul${BEL}.txt"
IDX="$TMP/idx"

# clean FILE: no ESC, BEL or other C0 control but tab and line feed, no
# DEL, no C1 control, no bidi override or isolate, in FILE.
clean() {
  python3 - "$1" <<'PY'
import re, sys
data = open(sys.argv[1], 'rb').read()
bad = re.search(rb'[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]|\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9]', data)
if bad:
    sys.stderr.write('raw control at byte %d: %r\n' % (bad.start(), data[max(0, bad.start() - 20):bad.end() + 20]))
    sys.exit(1)
PY
}

expect_status 1 "indexing (the binary file is skipped)" "$BIN/cari-indexer" -d "$IDX" "$C"
check "the indexer's warning holds no raw control" clean "$TMP/err"
check "the warning shows the file name escaped" grep -qF 'bin\x1b]0;judul\x07.txt: binary file' "$TMP/err"

expect_status 0 "human output" "$BIN/cari-searcher" -d "$IDX" --color=never --context 1 banjir
check "human output holds no raw control" clean "$TMP/out"
check "the id is shown escaped" grep -qF 'a\x1b[2Jb.txt #1' "$TMP/out"
check "the title is shown escaped" grep -qF 'Banjir \x1b]52;c;aGFjaw==\x07 di kota \u202ekiri' "$TMP/out"
check "the text is shown escaped" grep -qF '\x1b[31mmerah\x1b[0m merendam kota \u009b pagi \x07 hari \u2066ini' "$TMP/out"
check "the source is shown escaped" grep -qF 'Kabar \x1b[5mWirasari' "$TMP/out"

# With colour, the only escape sequences are the searcher's own.
expect_status 0 "human output in colour" "$BIN/cari-searcher" -d "$IDX" --color=always --explain banjir
sed "s/${ESC}\[[012]m//g" "$TMP/out" > "$TMP/uncoloured"
check "colour output holds only its own escape sequences" clean "$TMP/uncoloured"

expect_status 0 "facets" "$BIN/cari-searcher" -d "$IDX" --color=never --facets source banjir
check "facet values are escaped" clean "$TMP/out"

expect_status 0 "TSV" "$BIN/cari-searcher" -d "$IDX" --tsv --fields article,title,snippet,text banjir
check "TSV holds no raw control" clean "$TMP/out"
check "TSV keeps one line per hit" test "$(wc -l < "$TMP/out")" -eq 2

expect_status 0 "TREC" "$BIN/cari-searcher" -d "$IDX" --trec banjir
check "TREC holds no raw control" clean "$TMP/out"
check "TREC lines keep six fields" awk 'NF != 6 { exit 1 }' "$TMP/out"

printf "q${ESC}[1A\tbanjir ${ESC}]52;c;eA==${BEL}\n" > "$TMP/queries"
expect_status 0 "a batch whose qid and query hold controls" \
  sh -c '"$1" -d "$2" --batch --color=never < "$3"' sh "$BIN/cari-searcher" "$IDX" "$TMP/queries"
check "the batch header is escaped" clean "$TMP/out"
expect_status 0 "the same as counts" \
  sh -c '"$1" -d "$2" --batch --count < "$3"' sh "$BIN/cari-searcher" "$IDX" "$TMP/queries"
check "the counts' qid is escaped" clean "$TMP/out"

expect_status 1 "a query that matches nothing" "$BIN/cari-searcher" -d "$IDX" "zzzqq${ESC}[2J${BEL}"
check "the no-match message is escaped" clean "$TMP/err"
expect_status 2 "a missing synonym file" \
  "$BIN/cari-searcher" -d "$IDX" --synonyms "$TMP/syn${ESC}[2J${RLO}.txt" banjir
check "the error names the file escaped" grep -qF 'syn\x1b[2J\u202e.txt' "$TMP/err"
check "the error holds no raw control" clean "$TMP/err"
finish
