#!/bin/sh
# Replays the golden search cases: indexes corpus/, runs every "-- ARGS"
# case of cases.txt and prints cases.txt again with the actual results, so
# that `diff -u cases.txt -` shows what changed.  The cases are about what
# matches and BM25's order, so they run with --rank bm25 (the learned
# ranking has its own tests: tests/unit/test_rank.c).
#   run.sh SEARCHER INDEXER CASES [INDEX]
# To regenerate after an intended change (then review the diff line by line):
#   sh tests/golden/search/run.sh build/bin/cari-searcher build/bin/cari-indexer \
#      tests/golden/search/cases.txt > /tmp/new && mv /tmp/new tests/golden/search/cases.txt
set -u
SEARCHER=$1
INDEXER=$2
CASES=$3
DIR=$(dirname "$CASES")
TMP=$(mktemp -d "${TMPDIR:-/tmp}/cari-golden.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
"$INDEXER" -q -d "$TMP/idx" "$DIR/corpus" || exit 2
export NO_COLOR=1
while IFS= read -r line; do
  case $line in
    "-- "*)
      echo "$line"
      eval "set -- ${line#-- }"
      "$SEARCHER" -d "$TMP/idx" --rank bm25 --tsv --fields docid "$@" 2>/dev/null
      st=$?
      [ "$st" -ne 0 ] && echo "(exit $st)"
      echo
      ;;
    "#"*) echo "$line" ;;
  esac
done < "$CASES"
