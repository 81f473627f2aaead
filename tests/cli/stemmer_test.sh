#!/bin/sh
# stemmer-id on the command line: words one per line, --text on running
# text through cari's tokenizer, --snowball, --explain, --signature, and the
# usage errors.
. "$(dirname "$0")/lib.sh"
SID="$BIN/cari-stemmer"

# out_is DESCRIPTION EXPECTED: the last command's stdout is EXPECTED.
out_is() {
  if [ "$(cat "$TMP/out")" = "$2" ]; then pass; else
    fail "$1: got '$(cat "$TMP/out")', wanted '$2'"; fi
}

# Words, one per line.
printf 'menulis\nmengirim\ntentara-tentara\n' > "$TMP/words"
expect_status 0 "words" sh -c "'$SID' < '$TMP/words'"
out_is "one stem per word" "$(printf 'tulis\nkirim\ntentara')"
expect_status 0 "words, snowball" sh -c "'$SID' --snowball < '$TMP/words'"
out_is "snowball's stems" "$(printf 'ulis\nirim\ntentara-tentara')"
expect_status 0 "explain" sh -c "printf 'menulis\n' | '$SID' --explain"
check "explain names the rule" grep -q "^menulis	tulis	rules: men-:t" "$TMP/out"

# --text: one output line per input line, stems separated by spaces, words
# as cari's tokenizer gives them (case-folded, numbers joined, hyphenated
# words whole), empty lines kept.
printf 'Tentara-tentara Arvenia BERLATIH menerbangkan drone, 11.000 prajurit!\n\nPengiriman ke kafé: dikirim.\n' > "$TMP/text"
expect_status 0 "text" sh -c "'$SID' --text < '$TMP/text'"
out_is "text stems" "$(printf 'tentara arvenia latih terbang drone 11000 prajurit\n\nkirim ke kafé kirim')"
expect_status 0 "text, snowball" sh -c "printf 'Mengirim tentara-tentara\n' | '$SID' --text --snowball"
out_is "text, snowball's stems" "irim tentara-tentara"
expect_status 0 "text without a final newline" sh -c "printf 'menulis' | '$SID' --text"
out_is "last line stemmed" "tulis"
expect_status 0 "empty text" sh -c "'$SID' --text < /dev/null"
out_is "no output for no input" ""
# Invalid UTF-8 separates words, as in the index.
expect_status 0 "invalid bytes" sh -c "printf 'menulis\377mengirim\n' | '$SID' --text"
out_is "invalid bytes separate words" "tulis kirim"

# --signature
expect_status 0 "signature" "$SID" --signature
check "signature names the algorithm" grep -q '^stemmer-id/[0-9]* lexicon=' "$TMP/out"

# Usage errors: exit 2, one line on stderr naming the program.
expect_status 2 "text with explain" "$SID" --text --explain
check "usage error names the program" grep -q '^cari-stemmer: ' "$TMP/err"
expect_status 2 "eval with text" "$SID" --eval "$TMP/words" --text
expect_status 2 "unknown option" "$SID" --bogus
expect_status 2 "eval of a missing file" "$SID" --eval "$TMP/missing.tsv"
check "missing file named" grep -q 'missing.tsv' "$TMP/err"

finish
