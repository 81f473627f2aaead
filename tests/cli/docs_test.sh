#!/bin/sh
# Bash completion (completion/cari.bash) and the man pages (man/*.scd),
# checked against the programs and cari.h: every option --help names is
# completed and documented, every function of cari.h is in cari(3);
# option values, index folders, query field names and the article ids of
# artikel: are completed.
. "$(dirname "$0")/lib.sh"
COMP="$SRC/completion/cari.bash"
IDX="$TMP/idx"
"$BIN/cari-indexer" -q -d "$IDX" "$SRC/corpus"
mkdir -p "$TMP/work/indeks-a" "$TMP/work/indeks-b"
: > "$TMP/work/sinonim.txt"

# complete LINE: the completions bash offers at the end of LINE, one a line,
# sorted, run in $TMP/work with the programs on PATH.
complete_line() {
  (cd "$TMP/work" && PATH="$BIN:$PATH" bash -c '
    . "$1"
    COMP_LINE=$2 COMP_POINT=${#2}
    read -ra COMP_WORDS <<< "$2"
    [[ $2 == *" " ]] && COMP_WORDS+=("")
    COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
    f=$(complete -p "${COMP_WORDS[0]}" | sed "s/.*-F \([^ ]*\).*/\1/")
    "$f" "${COMP_WORDS[0]}" "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
    printf "%s\n" "${COMPREPLY[@]}" | sort' sh "$COMP" "$1")
}

# offers LINE WANT...: the completions of LINE include every WANT.
offers() {
  line=$1; shift
  complete_line "$line" > "$TMP/comp"
  for w in "$@"; do
    grep -qxF -- "$w" "$TMP/comp" || { fail "'$line' offers '$w' (got: $(tr '\n' ' ' < "$TMP/comp"))"; return; }
  done
  pass
}

# only LINE WANT...: the completions of LINE are exactly the WANTs.
only() {
  line=$1; shift
  complete_line "$line" > "$TMP/comp"
  printf '%s\n' "$@" | sort > "$TMP/want"
  if cmp -s "$TMP/want" "$TMP/comp"; then pass; else
    fail "'$line' offers exactly '$*' (got: $(tr '\n' ' ' < "$TMP/comp"))"; fi
}

# The options of a program's --help: the -s and --long that start its
# indented option lines.
options() {
  "$BIN/$1" --help | awk '/^ +-/ { sub(/,$/, "", $1); print $1
                                   if ($2 ~ /^--/ && $1 !~ /^--/) print $2 }' | sort -u
}

for p in cari-indexer cari-searcher cari-stemmer; do
  opts=$(options "$p")
  check "$p --help names options" test -n "$opts"
  # shellcheck disable=SC2086
  offers "$p -" $opts
  man="$SRC/man/$p.1.scd"
  for o in $opts; do
    grep -q -- "\*$o\*" "$man" || fail "$p: $o is not in man/$p.1.scd"
  done
  pass
done

# cari(3) names every function of cari.h.
sed -n 's/^CARI_API [^(]*[ *]\(cari_[a-z0-9_]*\)(.*/\1/p' "$SRC/include/cari.h" > "$TMP/functions"
check "cari.h declares functions" test "$(wc -l < "$TMP/functions")" -gt 20
while read -r fn; do
  grep -q "\*$fn\*(" "$SRC/man/cari.3.scd" || fail "$fn is not in man/cari.3.scd"
done < "$TMP/functions"

# Option values.
only "cari-searcher --color " auto always never
only "cari-searcher --color a" auto always
only "cari-searcher -d indeks-" indeks-a indeks-b
offers "cari-indexer --index indeks" indeks-a
offers "cari-searcher --synonyms sin" sinonim.txt
offers "cari-searcher --fields rank,sc" rank,score
offers "cari-stemmer --" --eval --text --snowball --version

# Query words: field names, and the index's article ids after artikel:.
only "cari-searcher -d $IDX drone jud" judul:
only "cari-searcher -d $IDX drone +jud" +judul:
offers "cari-searcher -d $IDX drone " judul: artikel:
complete_line "cari-searcher -d $IDX artikel:pertahanan/" > "$TMP/comp"
"$BIN/cari-indexer" -d "$IDX" --list | cut -f1 | grep '^pertahanan/' | sort > "$TMP/ids"
# bash splits at ':' and keeps what precedes it: ids without "artikel:".
check "artikel: completes the index's article ids" cmp -s "$TMP/ids" "$TMP/comp"
check "the corpus has pertahanan/ articles" test -s "$TMP/ids"
CARI_INDEX="$IDX" complete_line "cari-searcher -artikel:ekonomi/" > "$TMP/comp"
check "CARI_INDEX picks the index for artikel:" test -s "$TMP/comp"

finish
