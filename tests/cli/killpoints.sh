# Deterministic kills for the crash-safety tests (sourced after lib.sh).
# cari-indexer kills itself at the Nth step of its writer when
# $CARI_TEST_KILL_AT is "STEP:N" (STEP: article, segment or commit), so
# each test kills at chosen points instead of at chosen times.
#   IDX       the index
#   C         the corpus (gen_corpus.py), its version file $C/../versions

# bump K SEED: rewrites K articles of the corpus and records the change:
# $TMP/new and $TMP/old hold the words of the changed articles at their
# new and old versions, $CHANGED how many.
bump() {
  cp "$TMP/versions" "$TMP/versions.before" 2>/dev/null || : > "$TMP/versions.before"
  python3 "$SRC/tests/cli/gen_corpus.py" "$C" "$N" --bump "$1" "$2"
  CHANGED=$(python3 "$SRC/tests/cli/changed_words.py" "$TMP/versions.before" \
            "$TMP/versions" "$TMP/new" "$TMP/old")
}

# found WORDSFILE: how many articles queries of the words find, 250 words
# a query (a query takes at most CARI_QUERY_MAX_WORDS; each word is in one
# article, so the counts add up).
found() {
  tr ' ' '\n' < "$1" | awk 'NF { printf "%s%s", (n && n % 250 == 0 ? "\n" : (n ? " " : "")), $0; n++ }
                           END { print "" }' |
    "$BIN/cari-searcher" -d "$IDX" --batch --json -n 5000 2>/dev/null | grep -c '"type":"hit"'
}

# sound WHAT: after a kill, the index checks clean, a searcher opens it,
# and it holds the last change ($TMP/new, $TMP/old) wholly or not at all:
# the state of its last commit, whichever side of the commit the kill was.
sound() {
  "$BIN/cari-indexer" -d "$IDX" --check > "$TMP/check" 2>&1
  check "$1: --check passes" test $? -eq 0 || cat "$TMP/check" >&2
  "$BIN/cari-searcher" -d "$IDX" -n 1 tentara > /dev/null 2>&1
  check "$1: a searcher opens it" test $? -le 1
  new=$(found "$TMP/new")
  old=$(found "$TMP/old")
  check "$1: all $CHANGED changes or none ($new new, $old old)" \
    sh -c "[ $new -eq 0 -a $old -eq $CHANGED ] || [ $new -eq $CHANGED -a $old -eq 0 ]"
}

# kill_at SPEC WHAT ARGS...: runs cari-indexer ARGS killed at step SPEC
# and requires that it was killed there, then that the index is sound.
kill_at() {
  spec=$1 what=$2; shift 2
  CARI_TEST_KILL_AT=$spec "$BIN/cari-indexer" -q -d "$IDX" "$@" > /dev/null 2> "$TMP/kill-err"
  st=$?
  check "$what: killed at $spec (exit $st)" test "$st" -eq 137 || cat "$TMP/kill-err" >&2
  sound "$what, killed at $spec"
}

# kill_commits WHAT ARGS...: kills cari-indexer ARGS at each stage of its
# commit in turn (commit:1, commit:2, ...) until a run gets through them
# all, which must then succeed; the index is sound after every kill.
kill_commits() {
  what=$1; shift
  k=1
  while [ $k -le 20 ]; do
    CARI_TEST_KILL_AT=commit:$k "$BIN/cari-indexer" -q -d "$IDX" "$@" > /dev/null 2> "$TMP/kill-err"
    st=$?
    [ "$st" -eq 137 ] || break
    sound "$what, killed at commit:$k"
    k=$((k + 1))
  done
  echo "$what: killed at each of its $((k - 1)) commit stages, then completed"
  check "$what: killed at each of its $((k - 1)) commit stages, then completed (exit $st)" \
    test "$st" -eq 0 -a "$k" -gt 1 || cat "$TMP/kill-err" >&2
  sound "$what, completed"
}

# random_kills K N MAX EVERY: N runs of cari-indexer, each after bump K
# (seeded by the run's number), each killed -9 at a random moment up to MAX
# seconds after its start (seeded), every EVERY-th with --rebuild.  After
# each, the index is sound and the next update completes.  How many kills
# landed while the indexer ran is only reported: it depends on the
# machine's load, so no check counts it.
random_kills() {
  k=$1 n=$2 max=$3 every=$4
  landed=0
  i=0
  while [ $i -lt "$n" ]; do
    i=$((i + 1))
    bump "$k" $((10 + i))
    flags=""
    [ $((i % every)) -eq 0 ] && flags="--rebuild"
    # shellcheck disable=SC2086 # $flags is empty or one option
    "$BIN/cari-indexer" -q -d "$IDX" $flags "$C" > /dev/null 2>&1 &
    pid=$!
    sleep "$(python3 -c "import random; random.seed($i); print(random.uniform(0.01, $max))")"
    kill -9 "$pid" 2>/dev/null && landed=$((landed + 1))
    wait "$pid" 2>/dev/null
    sound "random kill $i"
    # The next run sees the killed run's changes as still to do, or done.
    expect_status 0 "after random kill $i: an update completes" "$BIN/cari-indexer" -q -d "$IDX" "$C"
  done
  echo "random kills that landed while the indexer ran: $landed of $i"
}
