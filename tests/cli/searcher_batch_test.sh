#!/bin/sh
# searcher --batch on several threads (--jobs): the output, messages and
# exit status of -j 2 (and more) equal those of -j 1 byte for byte in every
# output format; answers stream (each one leaves as soon as it is done,
# before the next query is read); bad --jobs values are refused.
. "$(dirname "$0")/lib.sh"
S="$BIN/cari-searcher"
IDX="$TMP/idx"
expect_status 0 "indexing the bundled corpus" "$BIN/cari-indexer" -q -d "$IDX" "$SRC/corpus"

# ---- a few hundred queries from the corpus's own words, with every kind
# of query, errors, misspellings, blank lines, lines without a qid, qids
# with spaces and CRLF line ends.
python3 - "$SRC/corpus" > "$TMP/queries" <<'PY'
import os, random, re, sys
words, folders = set(), set()
for root, _, files in os.walk(sys.argv[1]):
    for f in files:
        if f.endswith(".txt"):
            folders.add(os.path.relpath(root, sys.argv[1]).split(os.sep)[0])
            text = open(os.path.join(root, f), encoding="utf-8").read()
            words.update(w for w in re.findall(r"[a-zA-Z]+", text) if len(w) > 3)
words, folders = sorted(words), sorted(folders)
r = random.Random(7)
w = lambda: r.choice(words)
kinds = [
    lambda: w(),
    lambda: f"{w()} {w()}",
    lambda: f"{w()} {w()} {w()}",
    lambda: f'"{w()} {w()}"',
    lambda: w()[:4] + "*",
    lambda: f"judul:{w()}",
    lambda: f"+{w()} -{w()}",
    lambda: f"{w()} AND {w()}",
    lambda: f"{w()} OR {w()}",
    lambda: f"{w()} NOT {w()}",
    lambda: f"{w()} NEAR {w()}",
    lambda: f"({w()} OR {w()}) AND {w()}",
    lambda: f"{w()} artikel:{r.choice(folders)}/",
    lambda: (lambda x: x[:2] + x[3:])(w()),   # misspelt: a suggestion
    lambda: "zzqxv",                           # no hit
    lambda: r.choice(["+ -", "?!", "AND OR", ""]),  # no words: an error
    lambda: "Siapakah yang melatih pasukan drone Korut?",
]
for i in range(300):
    q = r.choice(kinds)()
    c = r.random()
    if c < 0.1:
        print(q)                         # qid = line number
    elif c < 0.15:
        print()                          # blank line
        print(f"q {i}\t{q}")             # a qid with a space
    elif c < 0.2:
        print(f"q{i}\t{q}", end="\r\n")  # CRLF
    else:
        print(f"q{i}\t{q}")
PY
check "the query file has a few hundred queries" test "$(wc -l < "$TMP/queries")" -gt 300

# same_as_j1 NAME ARGS...: --batch with ARGS on -j 2, -j 3 and the default
# gives the stdout, stderr, both together and exit status of -j 1 (the
# time each query took left out).
same_as_j1() {
  name=$1; shift
  "$S" -d "$IDX" --batch -j 1 "$@" < "$TMP/queries" > "$TMP/out1" 2> "$TMP/err1"
  want=$?
  "$S" -d "$IDX" --batch -j 1 "$@" < "$TMP/queries" > "$TMP/both1" 2>&1
  untime "$TMP/out1" "$TMP/both1"
  check "$name: -j 1 answers" test -s "$TMP/out1"
  for j in 2 3 ""; do
    "$S" -d "$IDX" --batch ${j:+-j$j} "$@" < "$TMP/queries" > "$TMP/outj" 2> "$TMP/errj"
    got=$?
    "$S" -d "$IDX" --batch ${j:+-j$j} "$@" < "$TMP/queries" > "$TMP/bothj" 2>&1
    untime "$TMP/outj" "$TMP/bothj"
    j=${j:-default}
    check "$name: -j $j exit status $got, -j 1 $want" test "$got" -eq "$want"
    check "$name: -j $j stdout equals -j 1" cmp "$TMP/out1" "$TMP/outj"
    check "$name: -j $j stderr equals -j 1" cmp "$TMP/err1" "$TMP/errj"
    check "$name: -j $j stdout and stderr together equal -j 1" cmp "$TMP/both1" "$TMP/bothj"
  done
}
same_as_j1 text -n 3
check "the queries include failures, suggestions and misses" \
  sh -c "grep -q 'query has no words' '$TMP/err1' && grep -q 'Maksud Anda' '$TMP/err1' &&
         grep -q 'no passage matches' '$TMP/err1'"
same_as_j1 json --json
answered=$(( $(grep -c . "$TMP/queries") - $(grep -c 'query has no words' "$TMP/err1") ))
check "json: each of the $answered queries answered ends with a summary" \
  test "$(grep -c '^{"type":"summary","qid":' "$TMP/out1")" -eq "$answered"
same_as_j1 "json, explain and context" --json --explain --context 1 -n 5
same_as_j1 "text, explain and context" --explain --context 1 -n 2
same_as_j1 tsv --tsv
same_as_j1 "tsv fields" --tsv --fields qid,docid,score,text
same_as_j1 trec --trec
same_as_j1 "trec passages" --trec-passages --tag uji -n 20
same_as_j1 count --count
same_as_j1 "json count" --json --count
same_as_j1 "fix, all, per-article" --json --fix --all --per-article 1

# Exit status with several threads, as documented: 2 if a query failed,
# else 0 if any had hits, else 1.
printf 'a\tzzqxv\nb\tdrone\nc\tzzqxw\n' | "$S" -d "$IDX" --batch -j 2 --count > /dev/null
check "-j 2: exit 0 when a query had hits" test $? -eq 0
printf 'a\tzzqxv\nb\tzzqxw\nc\tzzqxy\n' | "$S" -d "$IDX" --batch -j 2 > /dev/null 2>&1
check "-j 2: exit 1 when nothing matched" test $? -eq 1
printf 'a\tdrone\nb\t+ -\nc\tgempa\n' | "$S" -d "$IDX" --batch -j 2 --json > "$TMP/out" 2> "$TMP/err"
check "-j 2: exit 2 when a query failed" test $? -eq 2
check "-j 2: the failed query is named by its line, the others answered" \
  sh -c "grep -qx 'cari-searcher: stdin:2: query has no words: \"+ -\"' '$TMP/err' &&
         grep -q '\"qid\":\"c\"' '$TMP/out'"
: | "$S" -d "$IDX" --batch -j 4 > "$TMP/out"
check "-j 4: no input, no output, exit 1" sh -c "test $? -eq 1 && test ! -s '$TMP/out'"
expect_status 0 "-j 64 with fewer queries than threads" \
  sh -c "printf 'drone\n' | '$S' -d '$IDX' --batch --jobs=64 --count"
check "--jobs=64 answers" grep -qx '1	[0-9]*' "$TMP/out"

# ---- streaming: each answer is read before the next query is written,
# on a pipe kept open; a missing answer fails after a timeout, not a hang.
cat > "$TMP/stream.py" <<'PY'
import os, select, subprocess, sys
p = subprocess.Popen(sys.argv[1:], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                     stderr=subprocess.DEVNULL)
def answer():
    # One line of output within 20 s (ASan builds are slow), or fail.
    line = b""
    while not line.endswith(b"\n"):
        if not select.select([p.stdout], [], [], 20)[0]:
            p.kill()
            sys.exit(f"no answer after {line!r}")
        b = os.read(p.stdout.fileno(), 1)
        if not b:
            sys.exit("output ended")
        line += b
    return line.decode()
for qid, query in [("a", "drone"), ("b", "+ -"), ("c", "gempa"), ("d", "zzqxv"),
                   ("e", "banjir"), ("f", "drone pelatihan")]:
    p.stdin.write(f"{qid}\t{query}\n".encode())
    p.stdin.flush()
    if query in ("+ -",):
        continue           # an error: nothing on stdout
    got = answer()
    assert got.startswith(qid + "\t"), (qid, got)
p.stdin.close()
rest = p.stdout.read()
assert rest == b"", rest
assert p.wait() == 2       # one query failed
PY
for j in 1 2 3; do
  check "streaming with -j $j: each answer before the next query" \
    timeout 120 python3 "$TMP/stream.py" "$S" -d "$IDX" --batch --count -j "$j"
done

# ---- bounded: with stdout not read, the searcher stops reading stdin
# after a bounded number of queries instead of taking all of it.
cat > "$TMP/bound.py" <<'PY'
import fcntl, os, subprocess, sys, time
p = subprocess.Popen(sys.argv[1:], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                     stderr=subprocess.DEVNULL)
fcntl.fcntl(p.stdin.fileno(), fcntl.F_SETFL, os.O_NONBLOCK)
data = b"".join(b"q%d\tdrone pelatihan gempa\n" % i for i in range(200000))  # 5 MB
sent, deadline = 0, time.time() + 3
while sent < len(data) and time.time() < deadline:
    try:
        sent += os.write(p.stdin.fileno(), data[sent:sent + 65536])
    except BlockingIOError:
        time.sleep(0.05)
p.kill()
p.wait()
# The pipe's buffer (64 KiB, up to 1 MiB), stdio's buffer and the jobs in
# flight: far less than the 5 MB offered.
assert sent < 2 * 1024 * 1024, sent
PY
check "-j 2 with stdout not read: stdin read only as far as the jobs in flight" \
  timeout 60 python3 "$TMP/bound.py" "$S" -d "$IDX" --batch --json -j 2

# ---- bad --jobs values: one line on stderr, exit 2.
for bad in 0 65 -1 2.5 abc "" nan; do
  expect_status 2 "-j '$bad' is refused" sh -c "'$S' -d '$IDX' --batch -j '$bad' < /dev/null"
  check "-j '$bad': one line naming --jobs" \
    sh -c "test \$(wc -l < '$TMP/err') -eq 1 && grep -q '^cari-searcher: --jobs: ' '$TMP/err'"
done
expect_status 2 "--jobs 100 is refused" "$S" -d "$IDX" --batch --jobs 100
check "--jobs 100: the range is named" grep -qx 'cari-searcher: --jobs: expected a whole number from 1 to 64, got 100' "$TMP/err"
expect_status 0 "help" "$S" --help
check "help mentions --jobs" grep -q -- "--jobs" "$TMP/out"

finish
