#!/bin/sh
# The searcher's side of issue 20: remote shards that never answer,
# messages for empty pages and bad options, query operators that lost
# their meaning, the same index given twice.
. "$(dirname "$0")/lib.sh"
C="$TMP/c"
mkdir -p "$C"
printf 'Banjir di kota\n\nBanjir merendam kota pada pagi hari.\n' > "$C/a.txt"
printf 'Drone tentara\n\nTentara melatih pasukan drone di pantai.\n' > "$C/b.txt"
printf 'Gempa di laut\n\nGempa dan banjir melanda pesisir.\n' > "$C/c.txt"
IDX="$TMP/idx"
expect_status 0 "index" "$BIN/cari-indexer" -d "$IDX" "$C"

# Item 10: a remote shard that accepts and never answers is given up with
# a message naming it and the wait ($CARI_REMOTE_TIMEOUT, default 5 s).
mkfifo "$TMP/port"
python3 -c '
import socket, sys
s = socket.socket()
s.bind(("127.0.0.1", 0))
s.listen(8)
print(s.getsockname()[1], flush=True)
sys.stdout.close()
held = []
while True:
    held.append(s.accept()[0])
' > "$TMP/port" &
LISTENER=$!
read -r port < "$TMP/port"
expect_status 2 "a silent remote shard is an error" \
  env CARI_REMOTE_TIMEOUT=0.2 "$BIN/cari-searcher" -d "tcp://127.0.0.1:$port" banjir
check "the error names the shard and the wait" \
  grep -q "^cari-searcher: tcp://127.0.0.1:$port: NetworkTimeoutError: .*(a remote shard gets 0.2 s to answer" "$TMP/err"
expect_status 2 "by default" "$BIN/cari-searcher" -d "$IDX" -d "tcp://127.0.0.1:$port" banjir
check "the default wait is the README's 5 s" grep -q "gets 5 s to answer" "$TMP/err"
# A stub file's remote shard is opened by cari as a tcp:// one is, with
# the same wait (no time is measured here: the bad line below shows that
# cari, not Xapian, reads the stub file).
printf '# shards\nauto %s\nremote 127.0.0.1:%s\n' "$IDX" "$port" > "$TMP/silent.stub"
expect_status 2 "a silent remote shard in a stub file is an error" \
  env CARI_REMOTE_TIMEOUT=0.2 "$BIN/cari-searcher" -d "$TMP/silent.stub" banjir
check "named, with the wait" grep -q "silent.stub: NetworkTimeoutError: .*gets 0.2 s to answer" "$TMP/err"
printf 'auto %s\nremot 127.0.0.1:%s\n' "$IDX" "$port" > "$TMP/bad.stub"
expect_status 2 "a stub file's bad line" "$BIN/cari-searcher" -d "$TMP/bad.stub" banjir
check "is named with its line" grep -q 'bad.stub:2: unknown database type "remot"' "$TMP/err"
expect_status 2 "a bad CARI_REMOTE_TIMEOUT" env CARI_REMOTE_TIMEOUT=soon "$BIN/cari-searcher" -d "$IDX" banjir
check "is named" grep -q 'CARI_REMOTE_TIMEOUT: expected seconds from 0.001 to 3600, got "soon"' "$TMP/err"
kill "$LISTENER"
wait "$LISTENER" 2>/dev/null

# Item 7: bounds on a query's work (cari.h): words, prefixes, spelling.
words() { awk -v n="$1" -v w="$2" 'BEGIN { for (i = 0; i < n; i++) printf "%s%s", (i ? " " : ""), w }'; }
expect_status 0 "256 words are searched" "$BIN/cari-searcher" -d "$IDX" "$(words 256 banjir)"
expect_status 2 "257 words are refused" "$BIN/cari-searcher" -d "$IDX" "$(words 257 banjir)"
check "saying so" grep -q "^cari-searcher: query: more than 256 words; shorten it$" "$TMP/err"
printf '%s\n' "$(words 10000 banjir)" "banjir" > "$TMP/long"
expect_status 2 "in a batch, the long query fails, the next is answered" \
  sh -c '"$1" -d "$2" --batch --count < "$3"' sh "$BIN/cari-searcher" "$IDX" "$TMP/long"
check "the batch names the long query" grep -q "^cari-searcher: stdin:1: query: more than 256 words" "$TMP/err"
check "and answers the next" grep -q "^2	2$" "$TMP/out"
expect_status 0 "16 prefixes are searched" "$BIN/cari-searcher" -d "$IDX" "$(words 16 'ban*')"
expect_status 2 "17 prefixes are refused" "$BIN/cari-searcher" -d "$IDX" "$(words 17 'ban*')"
check "saying so" grep -q "^cari-searcher: query: 17 prefix\* words, at most 16$" "$TMP/err"
"$BIN/cari-searcher" -d "$IDX" --json -n 1 \
  banjjir kkota paggi hhari tenntara passukan panttai gemmpa pesiisir > "$TMP/out"
check "of nine misspelt words, the first eight are corrected, the ninth kept as typed" \
  grep -qF '"suggestion":"banjir kota pagi hari tentara pasukan pantai gempa pesiisir"' "$TMP/out"

# Item 14: an empty page says how many match; ranges and option names.
expect_status 0 "-n 0 counts, as --count" "$BIN/cari-searcher" -d "$IDX" -n 0 banjir
check "-n 0 prints the count" test "$(cat "$TMP/out")" = 2
expect_status 1 "a page past the end" "$BIN/cari-searcher" -d "$IDX" --offset 5 banjir
check "says how many match and that the page is empty" \
  grep -q '^cari-searcher: 2 passages match "banjir"; none past --offset 5$' "$TMP/err"
expect_status 1 "no match at all" "$BIN/cari-searcher" -d "$IDX" kerbau
check "says no passage matches" grep -q '^cari-searcher: no passage matches "kerbau"$' "$TMP/err"
expect_status 2 "--context 100" "$BIN/cari-searcher" -d "$IDX" --context 100 banjir
check "names the range" grep -q '^cari-searcher: --context: expected a whole number from 0 to 32, got 100$' "$TMP/err"
expect_status 2 "--k1 -1" "$BIN/cari-searcher" -d "$IDX" --k1 -1 banjir
check "names the option" grep -q '^cari-searcher: --k1: expected 0 or more, got -1$' "$TMP/err"

# Item 15: operators keep their meaning.
# ranked QUERY: the articles the query finds, in order, on one line.
ranked() {
  "$BIN/cari-searcher" -d "$IDX" --rank bm25 --tsv --fields article -n 20 -- "$1" 2>&1 | tr '\n' ' '
}
check "judul:( ) keeps the title restriction" test "$(ranked 'judul:(kota OR laut)')" = "c.txt a.txt "
check "judul:( ) takes phrases" test "$(ranked 'judul:("di laut" OR tentara)')" = "c.txt b.txt "
check "-judul:( ) excludes by title" test "$(ranked 'banjir -judul:(kota)')" = "c.txt "
"$BIN/cari-searcher" -d "$IDX" --json 'judul:(drone OR banjir)' > "$TMP/out"
check "and suggests no other field" sh -c '! grep -q suggestion "$1"' sh "$TMP/out"
check "NEAR/1000000 is a NEAR, not three words" test "$(ranked 'tentara NEAR/1000000 banjir')" = ""
check "NOT NOT drone is drone, as NOT -drone" \
  test "$(ranked 'NOT NOT drone')" = "b.txt " -a "$(ranked 'NOT -drone')" = "b.txt "
check "NOT NOT NOT drone is NOT drone" test "$(ranked 'NOT NOT NOT drone')" = "$(ranked 'NOT drone')"
check "banjir AND NOT NOT gempa" test "$(ranked 'banjir AND NOT NOT gempa')" = "c.txt "

# Item 16: a currency or unit glued to a number is a word of its own.
mkdir -p "$TMP/prices"
printf 'Harga cabai\n\nHarga cabai naik menjadi Rp11.000 per kilogram di pasar.\n' > "$TMP/prices/cabai.txt"
printf 'Jalan tol\n\nJalan tol baru sepanjang 12km dibuka bulan ini.\n' > "$TMP/prices/tol.txt"
expect_status 0 "index prices" "$BIN/cari-indexer" -d "$TMP/pidx" "$TMP/prices"
for q in 11.000 11000 rp Rp11.000 "Rp 11.000" "Rp.11.000"; do
  expect_status 0 "\"$q\" finds Rp11.000" "$BIN/cari-searcher" -d "$TMP/pidx" --tsv --fields article -- "$q"
  check "\"$q\" finds the price's article" grep -qx cabai.txt "$TMP/out"
done
expect_status 0 "12 finds 12km" "$BIN/cari-searcher" -d "$TMP/pidx" --tsv --fields article 12
check "the road's article" grep -qx tol.txt "$TMP/out"
expect_status 1 "Rp12 is the phrase rp 12, not found" "$BIN/cari-searcher" -d "$TMP/pidx" Rp12

# Item 19: the same index given twice (or by another path) is searched once.
"$BIN/cari-searcher" -d "$IDX" --json --rank bm25 banjir > "$TMP/once"
ln -s "$IDX" "$TMP/link"
"$BIN/cari-searcher" -d "$IDX" -d "$IDX" -d "$TMP/link" -d "$TMP/./idx" --json --rank bm25 banjir > "$TMP/twice"
untime "$TMP/once" "$TMP/twice"
check "-d X -d X gives X's hits and scores" cmp -s "$TMP/once" "$TMP/twice"

# Two different indexes holding the same articles: each passage is found
# once, in every way of asking, as over one index of all the articles.
# g.txt is only in the second.
C1="$TMP/c1"
C2="$TMP/c2"
mkdir -p "$C1" "$C2" "$TMP/all"
printf 'Banjir lagi\n\nBanjir kedua merendam desa.\n\nWarga desa mengungsi karena banjir.\n\nBanjir surut pada sore hari.\n\nSekolah ditutup selama banjir.\n' > "$C2/g.txt"
printf 'Hujan deras\n\nHujan turun sejak pagi.\n\nSungai meluap dan banjir datang.\n\nJalan utama tergenang.\n' > "$C1/e.txt"
cp "$C/a.txt" "$C/c.txt" "$C1/"
cp "$C1"/*.txt "$C2/"
cp "$C2"/*.txt "$TMP/all/"
expect_status 0 "a first index" "$BIN/cari-indexer" -d "$TMP/idx1" "$C1"
expect_status 0 "a second index overlapping the first" "$BIN/cari-indexer" -d "$TMP/idx2" "$C2"
expect_status 0 "one index of all the articles" "$BIN/cari-indexer" -d "$TMP/idx-all" "$TMP/all"
hits() { # OPTIONS...: article#passage of every hit, in order
  "$BIN/cari-searcher" "$@" --tsv --fields article,passage | tr '\t' '#'
}
for ask in "" "--rank bm25" "--per-article 1" "--per-article 2" "--sort date" "--context 1"; do
  # shellcheck disable=SC2086 # $ask is options, split on purpose
  hits -d "$TMP/idx1" -d "$TMP/idx2" -n 50 $ask banjir | sort > "$TMP/both"
  # shellcheck disable=SC2086
  hits -d "$TMP/idx-all" -n 50 $ask banjir | sort > "$TMP/union"
  check "overlapping indexes ($ask): some hits" test -s "$TMP/both"
  check "overlapping indexes ($ask): the passages of one index of them all, each once" \
    cmp -s "$TMP/both" "$TMP/union"
done
ctx() { # OPTIONS...: the passages of each hit's context
  "$BIN/cari-searcher" "$@" --json --context 1 | sed -n 's/.*"context":\[//p' | grep -o '"passage":[0-9]*' | tr '\n' ' '
}
# A copy of an index: the same document ids, so each context passage's
# two copies come one after the other.
cp -R "$TMP/idx1" "$TMP/idx1-copy"
ctx -d "$TMP/idx1" -d "$TMP/idx1-copy" -n 50 --rank bm25 banjir > "$TMP/both"
ctx -d "$TMP/idx1" -n 50 --rank bm25 banjir > "$TMP/union"
check "overlapping indexes: some context" grep -q passage "$TMP/both"
check "overlapping indexes: each hit's context once" cmp -s "$TMP/both" "$TMP/union"
hits -d "$TMP/idx1" -d "$TMP/idx2" -n 2 banjir > "$TMP/page1"
hits -d "$TMP/idx1" -d "$TMP/idx2" -n 2 --offset 2 banjir > "$TMP/page2"
hits -d "$TMP/idx1" -d "$TMP/idx2" -n 4 banjir > "$TMP/pages"
check "overlapping indexes: two pages are the first four hits" \
  sh -c "cat '$TMP/page1' '$TMP/page2' | cmp -s - '$TMP/pages'"

# A command line's wrong option: one line naming it, exit 2, for both
# programs (getopt's own message and the whole --help were printed).
one_line() { # WANT: stderr is exactly that one line
  check "one line: $1" sh -c "[ \"\$(cat '$TMP/err')\" = \"\$1\" ]" sh "$1"
}
expect_status 2 "an unknown option" "$BIN/cari-searcher" -d "$IDX" --bogus=3 banjir
one_line "cari-searcher: unknown option '--bogus' (try --help)"
expect_status 2 "an unknown short option in a cluster" "$BIN/cari-indexer" -d "$IDX" -qz "$C"
one_line "cari-indexer: unknown option '-z' (try --help)"
expect_status 2 "an option without its value" "$BIN/cari-searcher" -d "$IDX" banjir --since
one_line "cari-searcher: option '--since' needs a value (try --help)"
expect_status 2 "a value for an option that takes none" "$BIN/cari-searcher" -d "$IDX" --json=yes banjir
one_line "cari-searcher: option '--json' takes no value (try --help)"
expect_status 2 "the indexer's option without its value" "$BIN/cari-indexer" -d "$IDX" --jsonl
one_line "cari-indexer: option '--jsonl' needs a value (try --help)"
finish
