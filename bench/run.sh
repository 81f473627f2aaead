#!/bin/sh
# run.sh: cari's speed-and-size benchmark against SQLite FTS5 and a plain
# Xapian program, all three in the same run on the same passages.
#
#   bench/run.sh [--size 10M|100M|1G|BYTES] [--build DIR] [--cache DIR]
#                [--work DIR] [--out FILE] [--seed N] [--peers LIST] [--smoke]
#
#   --size   corpus size (article text; K, M, G are powers of 1024);
#            default 10M
#   --build  cari's CMake build directory (default $CARI_BUILD_DIR, else
#            build/): its bin/cari-indexer, bin/cari-searcher and the bench/ tools
#   --cache  where packages, base text and corpora are kept between runs
#            (default $CARI_BENCH_CACHE, else $XDG_CACHE_HOME/cari-bench,
#            else ~/.cache/cari-bench); never inside the repository
#   --work   where the indexes are built (default CACHE/run-SIZE; emptied)
#   --out    the Markdown table (default bench/results/SIZE.md)
#   --peers  the peers to measure, comma-separated (default
#            fts5,xapian,lucene; --smoke: fts5,xapian); at 1G, FTS5's OR
#            queries alone take over 20 minutes.  Lucene 4.10 needs javac
#            (default-jdk-headless) and liblucene4.10-java, and is left
#            out, with a message, without them
#   --experiments  also builds the plain Xapian program's variants that
#            test ideas for cari's indexer (2 shards in 2 threads merged by
#            compaction; DB_NO_TERMLIST) and writes a second table
#   --smoke  a tiny corpus (300K) grown from the project's own corpus/: no
#            network, seconds; checks that the pipeline runs and writes a
#            table, judges no timing (the ctest smoke test)
#
# Measured for each tool: build wall time and MB/s, CPU time, peak RSS,
# index size; query latency p50/p95/p99 and queries/s in one process after
# a warm-up pass (cari through cari.h while its searcher has no --batch),
# and per process (a fresh process per query: the real searcher binary,
# start-up included).  Then the ratios cari/peer.  Exit 0, or 2 when a tool
# fails (a benchmark never judges speed).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
size=10M
seed=20261122
smoke=0
build=${CARI_BUILD_DIR:-$repo/build}
cache=${CARI_BENCH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/cari-bench}
work=
out=
nqueries=1000
experiments=0
want_peers="fts5 xapian lucene"
peers_given=0

while [ $# -gt 0 ]; do
  case $1 in
    --size) size=$2; shift 2 ;;
    --build) build=$2; shift 2 ;;
    --cache) cache=$2; shift 2 ;;
    --work) work=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    --smoke) smoke=1; size=300K; shift ;;
    --experiments) experiments=1; shift ;;
    --peers) want_peers=$(echo "$2" | tr ',' ' '); peers_given=1; shift 2 ;;
    -h|--help) sed -n '2,/^set -eu/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "run.sh: unknown option '$1' (try --help)" >&2; exit 2 ;;
  esac
done

say() { echo "run.sh: $*" >&2; }
die() { echo "run.sh: $*" >&2; exit 2; }

bin=$build/bin
tools=$build/bench
for t in "$bin/cari-indexer" "$bin/cari-searcher" "$tools/bench-textify" "$tools/bench-scale" \
         "$tools/benchtime" "$tools/cari-query-bench" "$tools/xapian-plain"; do
  [ -x "$t" ] || die "$t missing: build first (cmake --build $build)"
done
# Lucene 4.10 (Debian's liblucene4.10-java): peers/LuceneBench.java is
# compiled with javac into the build folder when the source is newer.
# Returns 1, saying why, when Java or the jars are missing.
lucene_jars=/usr/share/java
lucene_cp=
lucene_setup() {
  command -v javac >/dev/null 2>&1 && command -v java >/dev/null 2>&1 ||
    { say "no javac/java (default-jdk-headless): Lucene left out"; return 1; }
  cp_=
  for j in core analyzers-common queryparser highlighter memory queries; do
    jar=$lucene_jars/lucene-$j-4.10.4.jar
    [ -f "$jar" ] || { say "$jar missing (liblucene4.10-java): Lucene left out"; return 1; }
    cp_=$cp_:$jar
  done
  classes=$tools/lucene-classes
  if [ ! -f "$classes/LuceneBench.class" ] || [ "$here/peers/LuceneBench.java" -nt "$classes/LuceneBench.class" ]; then
    mkdir -p "$classes"
    javac -nowarn -d "$classes" -cp "${cp_#:}" "$here/peers/LuceneBench.java" 2>/dev/null ||
      { say "javac failed on peers/LuceneBench.java: Lucene left out"; return 1; }
  fi
  lucene_cp=$classes$cp_
}

# The smoke test stays quick: a JVM per query is not.
[ "$smoke" = 1 ] && [ "$peers_given" = 0 ] && want_peers="fts5 xapian"
peers=
for p in $want_peers; do
  case $p in
    fts5) if [ -x "$tools/fts5-bench" ]; then peers="$peers fts5"
          else say "fts5-bench not built (no libsqlite3-dev): FTS5 left out"; fi ;;
    xapian) peers="$peers xapian" ;;
    lucene) if lucene_setup; then peers="$peers lucene"; fi ;;
    *) die "--peers: unknown peer '$p' (fts5, xapian, lucene)" ;;
  esac
done
peers=${peers# }

# ---- the corpus (cached) ------------------------------------------------
mkdir -p "$cache"
if [ "$smoke" = 1 ]; then
  base=$cache/smoke-base.txt
  # The project's sample articles: every paragraph line (not titles).
  find "$repo/corpus" -name '*.txt' | LC_ALL=C sort | while read -r f; do
    awk 'NF >= 8' "$f"
  done > "$base"
  sources="the project's corpus/"
else
  base=$cache/base.txt
  [ -s "$base" ] || sh "$here/corpus/build.sh" "$cache" "$tools/bench-textify"
  sources=$(sed 's/_all\.deb$//; s/%3a/:/g; s/_/ /' "$cache/base.sources" | paste -sd, - | sed 's/,/, /g')
fi
base_sum=$(cksum < "$base" | cut -d' ' -f1)
tag=$([ "$smoke" = 1 ] && echo smoke || echo "$size")
corpus=$cache/corpus-$tag-$seed
stamp="$base_sum $seed $size $(cksum < "$tools/bench-scale" | cut -d' ' -f1)"
if [ ! -f "$corpus/stats.txt" ] || [ "$(cat "$corpus/stamp" 2>/dev/null)" != "$stamp" ]; then
  say "making the $size corpus in $corpus"
  rm -rf "$corpus"
  "$tools/bench-scale" --base "$base" --seed "$seed" --size "$size" --out "$corpus"
  echo "$stamp" > "$corpus/stamp"
fi
queries=$corpus/queries.tsv
# The smoke run judges no timing: 300 queries show that every step runs.
[ "$smoke" = 1 ] && nqueries=300
"$tools/bench-scale" --base "$base" --seed "$seed" --queries "$nqueries" > "$queries"

stat_of() { sed -n "s/^$1=//p" "$corpus/stats.txt"; }
# kv FILE KEY: the value of KEY in a file of "key=value" words.
kv() { tr ' ' '\n' < "$1" | sed -n "s/^$2=//p" | tail -n 1; }

corpus_bytes=$(stat_of bytes)
corpus_mb=$(awk -v b="$corpus_bytes" 'BEGIN { printf "%.2f", b / 1048576 }')

# ---- measuring ------------------------------------------------------------
load_start=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?")
work=${work:-$cache/run-$tag}
rm -rf "$work"
mkdir -p "$work"
perq_max=$([ "$smoke" = 1 ] && echo 20 || echo "$nqueries")

# build TOOL INDEX CMD...: measures a build into $work/TOOL.build
measure_build() {
  name=$1; shift
  say "measuring: $name"
  "$tools/benchtime" run "$work/$name.build" -- "$@" > "$work/$name.build.log" 2>&1 ||
    die "$name: benchtime failed"
  st=$(kv "$work/$name.build" status)
  [ "$st" -le 1 ] || { cat "$work/$name.build.log" >&2; die "$name build failed ($st)"; }
}

measure_build cari "$bin/cari-indexer" -q -d "$work/cari-index" --jsonl "$corpus/articles.jsonl"
# The size of the fresh build: the update below grows the files (Xapian
# writes changed blocks anew and reuses the old ones only later).
du -sb "$work/cari-index" | cut -f1 > "$work/cari.size"
# An update: the same articles with 1% of them changed (every 100th gets a
# new first sentence); cari re-indexes those and skips the rest by hash.
awk 'NR % 100 == 0 { sub(/"text": "/, "\"text\": \"Diperbarui pada pagi ini. ") } { print }' \
  "$corpus/articles.jsonl" > "$work/changed.jsonl"
measure_build cari-update "$bin/cari-indexer" -q -d "$work/cari-index" --jsonl "$work/changed.jsonl"
rm -f "$work/changed.jsonl"
for p in $peers; do
  case $p in
    fts5) measure_build fts5 "$tools/fts5-bench" build "$work/fts5.db" "$corpus/paragraphs.txt" ;;
    xapian) measure_build xapian "$tools/xapian-plain" build "$work/xapian-db" "$corpus/paragraphs.txt" ;;
    lucene) measure_build lucene java -cp "$lucene_cp" LuceneBench build "$work/lucene-idx" "$corpus/paragraphs.txt" ;;
  esac
done
if [ "$experiments" = 1 ]; then
  # Each variant's index is measured and then deleted, to spare the disk.
  experiment() {
    v=$1; shift
    measure_build "$v" "$tools/xapian-plain" build "$work/$v" "$corpus/paragraphs.txt" "$@"
    du -sb "$work/$v" | cut -f1 > "$work/$v.size"
    rm -rf "$work/$v"
  }
  experiment xapian-nt --no-termlist
  experiment xapian-2s --shards 2
  experiment xapian-2s-nt --shards 2 --no-termlist
  du -sb "$work/xapian-db" | cut -f1 > "$work/xapian.size"
fi
index_of() {
  case $1 in
    cari) echo "$work/cari-index" ;;
    fts5) echo "$work/fts5.db" ;;
    xapian) echo "$work/xapian-db" ;;
    lucene) echo "$work/lucene-idx" ;;
    *) echo "$work/$1" ;;
  esac
}

batch_mode=0
if "$bin/cari-searcher" --help 2>&1 | grep -q -- '--batch'; then
  batch_mode=1
fi
say "querying (1 process, $nqueries queries after a warm-up pass)"
"$tools/cari-query-bench" "$work/cari-index" "$queries" > "$work/cari.batch"
for p in $peers; do
  case $p in
    fts5) "$tools/fts5-bench" query "$work/fts5.db" "$queries" > "$work/fts5.batch" ;;
    xapian) "$tools/xapian-plain" query "$work/xapian-db" "$queries" > "$work/xapian.batch" ;;
    lucene) java -cp "$lucene_cp" LuceneBench query "$work/lucene-idx" "$queries" > "$work/lucene.batch" ;;
  esac
done
if [ "$batch_mode" = 1 ]; then
  # searcher --batch: queries/s of the real binary (one process, all queries).
  cut -f2 "$queries" > "$work/queries.txt"
  # -j 1 is one thread, like the peers' runs; the default uses every core.
  "$bin/cari-searcher" -d "$work/cari-index" --json -n 10 --batch < "$work/queries.txt" > /dev/null 2>&1 || true
  "$tools/benchtime" run "$work/cari.cli-batch" -- sh -c \
    "exec '$bin/cari-searcher' -d '$work/cari-index' --json -n 10 --batch -j 1 < '$work/queries.txt' > /dev/null"
  "$tools/benchtime" run "$work/cari.cli-batchn" -- sh -c \
    "exec '$bin/cari-searcher' -d '$work/cari-index' --json -n 10 --batch < '$work/queries.txt' > /dev/null"
fi
say "querying (a fresh process per query, $perq_max queries)"
"$tools/benchtime" perquery "$queries" --max "$perq_max" -- \
  "$bin/cari-searcher" -d "$work/cari-index" --json -n 10 {} > "$work/cari.proc"
for p in $peers; do
  case $p in
    fts5) "$tools/benchtime" perquery "$queries" --max "$perq_max" -- \
            "$tools/fts5-bench" one "$work/fts5.db" {} > "$work/fts5.proc" ;;
    xapian) "$tools/benchtime" perquery "$queries" --max "$perq_max" -- \
              "$tools/xapian-plain" one "$work/xapian-db" {} > "$work/xapian.proc" ;;
    # A JVM starts in about a second: 20 queries are enough for its p50.
    lucene) "$tools/benchtime" perquery "$queries" --max 20 -- \
              java -cp "$lucene_cp" LuceneBench one "$work/lucene-idx" {} > "$work/lucene.proc" ;;
  esac
done
[ "$(kv "$work/cari.proc" errors)" = 0 ] || die "searcher failed on some queries"

# ---- the table ------------------------------------------------------------
# metric NAME UNIT DIRECTION(up|down) VALUE-of-cari VALUE-of-peer...
for t in cari $peers; do
  f=$work/$t
  wall=$(kv "$f.build" wall_s)
  cpu=$(awk -v u="$(kv "$f.build" user_s)" -v s="$(kv "$f.build" sys_s)" 'BEGIN { printf "%.2f", u + s }')
  {
    echo "build_s=$wall"
    echo "build_cpu_s=$cpu"
    awk -v m="$corpus_mb" -v w="$wall" 'BEGIN { printf "build_mbps=%.2f\n", (w > 0 ? m / w : 0) }'
    awk -v k="$(kv "$f.build" maxrss_kb)" 'BEGIN { printf "rss_mb=%.1f\n", k / 1024 }'
    bytes=$(cat "$f.size" 2>/dev/null || du -sb "$(index_of "$t")" | cut -f1)
    awk -v b="$bytes" -v c="$corpus_bytes" 'BEGIN { printf "index_mb=%.1f\nindex_x_text=%.2f\n", b / 1048576, b / c }'
    echo "q_p50=$(kv "$f.batch" p50_ms)"
    echo "q_p95=$(kv "$f.batch" p95_ms)"
    echo "q_p99=$(kv "$f.batch" p99_ms)"
    echo "q_qps=$(kv "$f.batch" qps)"
    echo "q_cpu=$(kv "$f.batch" cpu_ms)"
    echo "proc_p50=$(kv "$f.proc" p50_ms)"
    echo "proc_p95=$(kv "$f.proc" p95_ms)"
    echo "proc_p99=$(kv "$f.proc" p99_ms)"
    echo "proc_cpu=$(kv "$f.proc" cpu_ms)"
  } > "$f.figures"
done
awk -v u="$(kv "$work/cari-update.build" wall_s)" -v f="$(kv "$work/cari.build" wall_s)" \
  'BEGIN { printf "update_s=%s\nupdate_share=%.3f\n", u, (f > 0 ? u / f : 0) }' >> "$work/cari.figures"
awk -v b="$(du -sb "$work/cari-index" | cut -f1)" -v c="$corpus_bytes" \
  'BEGIN { printf "updated_mb=%.1f\nupdated_x_text=%.2f\n", b / 1048576, b / c }' >> "$work/cari.figures"
if [ "$batch_mode" = 1 ]; then
  awk -v n="$nqueries" -v w="$(kv "$work/cari.cli-batch" wall_s)" \
      -v u="$(kv "$work/cari.cli-batch" user_s)" -v s="$(kv "$work/cari.cli-batch" sys_s)" \
    'BEGIN { printf "cli_batch_qps=%.1f\ncli_batch_cpu=%.3f\n", (w > 0 ? n / w : 0), 1000 * (u + s) / n }' \
    >> "$work/cari.figures"
  awk -v n="$nqueries" -v w="$(kv "$work/cari.cli-batchn" wall_s)" \
    'BEGIN { printf "cli_batchn_qps=%.1f\n", (w > 0 ? n / w : 0) }' >> "$work/cari.figures"
fi

fig() { sed -n "s/^$2=//p" "$work/$1.figures"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b + 0 <= 0) print "-"; else if (a / b < 0.1) printf "%.4f", a / b; else printf "%.2f", a / b }'; }

cari_batch_note="cari's \"1 process\" rows go through cari.h (cari-query-bench):
the searcher has no --batch yet."
[ "$batch_mode" = 1 ] && cari_batch_note="cari's \"1 process\" rows go through cari.h (cari-query-bench);
the searcher's own --batch is in the last three rows (one thread, then one per core)."
if [ -z "$out" ]; then
  out=$here/results/$tag.md
  [ "$smoke" = 1 ] && out=$work/smoke.md
fi
mkdir -p "$(dirname "$out")"
# The revision measured: $CARI_BENCH_REV when set (e.g. for an exported
# tree), else the repository's HEAD, marked when cari's sources differ.
commit=${CARI_BENCH_REV:-$(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo unknown)}
dirty=$(git -C "$repo" status --porcelain -- core include indexer searcher xapian-c stemmer-id 2>/dev/null | head -n 1)
[ -z "${CARI_BENCH_REV:-}" ] && [ -n "$dirty" ] && commit="$commit + uncommitted changes"
cpu_model=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -n 1)
{
  echo "# cari benchmark: $tag corpus"
  echo
  echo "$(date -u '+%Y-%m-%d %H:%M UTC'), cari $commit, $(nproc) cores ($cpu_model);"
  echo "load average $load_start at the start, $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?") at the end."
  echo "Corpus: $corpus_mb MiB of article text, $(stat_of articles) articles,"
  echo "$(stat_of paragraphs) paragraphs, $(stat_of words) words, $(stat_of word_types) distinct words"
  echo "(seed $seed; base text from $sources)."
  echo "Peers index one row/document per paragraph; cari indexes the same articles"
  echo "(titles too) and splits paragraphs into passages itself. Ratios are cari/peer."
  echo
  printf '| metric | cari |'
  for p in $peers; do printf ' %s | cari/%s |' "$p" "$p"; done
  echo
  printf '|---|---:|'
  for p in $peers; do printf -- '---:|---:|'; done
  echo
  row() {   # row LABEL KEY
    printf '| %s | %s |' "$1" "$(fig cari "$2")"
    for p in $peers; do
      printf ' %s | %s |' "$(fig "$p" "$2")" "$(ratio "$(fig cari "$2")" "$(fig "$p" "$2")")"
    done
    echo
  }
  row "build: wall s" build_s
  row "build: MB/s (higher is better)" build_mbps
  row "build: CPU s (user+sys)" build_cpu_s
  row "build: peak RSS, MB" rss_mb
  echo "| update, 1% of articles changed: wall s | $(fig cari update_s) |"
  echo "| update / full build (cari's own) | $(fig cari update_share) |"
  row "index size, MB" index_mb
  row "index size / text" index_x_text
  echo "| index size after the update, MB (cari's own) | $(fig cari updated_mb) |"
  row "query p50, ms (1 process)" q_p50
  row "query p95, ms (1 process)" q_p95
  row "query p99, ms (1 process)" q_p99
  row "queries/s (1 process)" q_qps
  row "CPU ms per query (1 process)" q_cpu
  row "query p50, ms (process per query)" proc_p50
  row "query p95, ms (process per query)" proc_p95
  row "query p99, ms (process per query)" proc_p99
  row "CPU ms per query process" proc_cpu
  if [ "$batch_mode" = 1 ]; then
    # The CLI's batch mode against the peers' one-process runs.
    row2() {   # row2 LABEL CARI-KEY PEER-KEY
      printf '| %s | %s |' "$1" "$(fig cari "$2")"
      for p in $peers; do
        printf ' %s | %s |' "$(fig "$p" "$3")" "$(ratio "$(fig cari "$2")" "$(fig "$p" "$3")")"
      done
      echo
    }
    row2 "searcher --batch -j 1: queries/s (peers: 1 process)" cli_batch_qps q_qps
    row2 "searcher --batch -j 1: CPU ms per query (incl. start-up)" cli_batch_cpu q_cpu
    row2 "searcher --batch, $(nproc) threads: queries/s (peers: 1 process, 1 thread)" cli_batchn_qps q_qps
  fi
  echo
  echo "Notes: $cari_batch_note \"process per query\" starts a fresh process for"
  echo "each query ($perq_max queries, the real \`searcher\` binary for cari): its p50 is"
  echo "the one-query start-up. $nqueries queries of 1-4 words; top 10 with a snippet;"
  echo "page cache warm. Wall times on a shared machine: compare ratios, not absolutes;"
  echo "when the load average exceeds the cores, trust the CPU rows over the wall rows."
  case " $peers " in *" lucene "*)
    echo "Lucene's \"process per query\" rows start a JVM per query: 20 queries only." ;;
  esac
  if [ "$experiments" = 1 ]; then
    echo
    echo "## Experiments: the plain Xapian program with ideas for cari's indexer"
    echo
    echo "| variant | build wall s | CPU s | MB/s | peak RSS MB | index MB | speed vs plain (wall) |"
    echo "|---|---:|---:|---:|---:|---:|---:|"
    base_wall=$(kv "$work/xapian.build" wall_s)
    for v in xapian xapian-nt xapian-2s xapian-2s-nt; do
      case $v in
        xapian) label="plain (the peer above)" ;;
        xapian-nt) label="DB_NO_TERMLIST" ;;
        xapian-2s) label="2 shards, 2 threads, compacted" ;;
        xapian-2s-nt) label="2 shards + DB_NO_TERMLIST, compacted" ;;
      esac
      bytes=$(cat "$work/$v.size")
      awk -v l="$label" -v w="$(kv "$work/$v.build" wall_s)" -v u="$(kv "$work/$v.build" user_s)" \
          -v s="$(kv "$work/$v.build" sys_s)" -v r="$(kv "$work/$v.build" maxrss_kb)" \
          -v b="$bytes" -v m="$corpus_mb" -v bw="$base_wall" 'BEGIN {
        printf "| %s | %.2f | %.2f | %.2f | %.1f | %s | %.2f |\n", l, w, u + s,
               (w > 0 ? m / w : 0), r / 1024, sprintf("%.1f", b / 1048576),
               (w > 0 ? bw / w : 0) }'
    done
  fi
} > "$out"
cat "$out"
say "table written to $out"
