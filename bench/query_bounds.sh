#!/bin/sh
# The worst queries within cari.h's bounds (CARI_QUERY_MAX_WORDS and its
# kin), and the ones past them, each against a fixed budget of CPU time
# and memory (issue 20, item 7).  One process per query (cari-searcher
# --batch, the query on stdin), measured with GNU time: user + system CPU
# seconds and peak RSS, start-up included.
#
#   bench/query_bounds.sh [INDEX] [CPU_SECONDS] [RSS_MB]
#
# INDEX: a cari index (default, or ""): one built from the project's corpus/
# in a temporary folder; the bench's 10 MB index is the useful size:
# ~/.cache/cari-bench/run-10M/cari-index after bench/run.sh).  The budget
# defaults to 2 CPU seconds and 200 MB per query.  $CARI_BUILD_DIR is the
# build (default build/).  Prints a Markdown table and exits 1 when a query
# goes over the budget, 2 on a tool failure.
set -eu
repo=$(cd "$(dirname "$0")/.." && pwd)
build=${CARI_BUILD_DIR:-$repo/build}
bin=$build/bin
cpu_budget=${2:-2}
rss_budget=${3:-200}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/cari-bounds.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
idx=${1:-}
if [ -z "$idx" ]; then
  idx=$tmp/idx
  "$bin/cari-indexer" -q -d "$idx" "$repo/corpus" || exit 2
fi
command -v /usr/bin/time >/dev/null || { echo "query_bounds.sh: needs GNU time (package time)" >&2; exit 2; }

# words N WORD...: N words, cycling through the given ones.
words() {
  n=$1; shift
  awk -v n="$n" -v list="$*" 'BEGIN { k = split(list, w, " ");
    for (i = 0; i < n; i++) printf "%s%s", (i ? " " : ""), w[i % k + 1] }'
}
# The most frequent words of the index, for queries that match the most.
"$bin/cari-indexer" -d "$idx" --stats > /dev/null || exit 2
common="yang dan di untuk pemerintah dengan dari dalam tidak akan kota data sistem berkas program"
# Misspellings of common words (two edits from a known word, so that each
# spelling lookup has candidates to weigh): pemerintahqa, sistemqb, ...
unknown=$(awk -v list="$common" 'BEGIN { k = split(list, w, " ");
  for (i = 0; i < 10000; i++)
    printf "%s%sq%c", (i ? " " : ""), w[i % k + 1], 97 + int(i / k) % 26 }')
letters="a* b* c* d* e* f* g* h* i* j* k* l* m* n* o* p*"

printf '| query | exit | CPU s | peak RSS MB | within %s s, %s MB |\n|---|--:|--:|--:|---|\n' \
  "$cpu_budget" "$rss_budget"
over=0
# run LABEL QUERY: one search, one table row.
run() {
  printf '%s\n' "$2" > "$tmp/q" # through --batch: a query may pass ARG_MAX
  set +e
  /usr/bin/time -f '%U %S %M' -o "$tmp/time" \
    "$bin/cari-searcher" -d "$idx" -n 10 --batch -j 1 < "$tmp/q" > /dev/null 2> "$tmp/err"
  status=$?
  set -e
  if [ "$status" -gt 2 ]; then
    echo "query_bounds.sh: $1: exit $status: $(tail -1 "$tmp/err")" >&2
    exit 2
  fi
  read -r user sys rss <<EOT
$(tail -1 "$tmp/time")
EOT
  awk -v l="$1" -v s="$status" -v u="$user" -v y="$sys" -v r="$rss" \
      -v cb="$cpu_budget" -v rb="$rss_budget" 'BEGIN {
    cpu = u + y; mb = r / 1024; ok = cpu <= cb && mb <= rb
    printf "| %s | %d | %.2f | %.1f | %s |\n", l, s, cpu, mb, ok ? "yes" : "**no**"
    exit ok ? 0 : 1 }' || over=1
}

run "16 prefixes (a* … p*), the most allowed" "$letters"
run "256 words, the most allowed, all frequent" "$(words 256 $common)"
run "one word 256 times" "$(words 256 pemerintah)"
run "256 words with NEAR" "$(words 256 $common | sed 's/ / NEAR /g')"
run "a phrase of 256 words" "\"$(words 256 $common)\""
run "256 unknown words (spelling: first 8 looked up)" "$(echo "$unknown" | cut -d' ' -f1-256)"
run "1,000 prefixes xx* (refused)" "$(words 1000 'xx*')"
run "one word 10,000 times (refused)" "$(words 10000 pemerintah)"
run "10,000 unknown words (refused)" "$unknown"
run "one word 50,000 times (refused)" "$(words 50000 pemerintah)"
exit $over
