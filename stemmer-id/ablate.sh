#!/bin/sh
# The ablation study of stemmer-id's rules: builds the CLI (cari-stemmer) as
# shipped, once without each rule (-DSID_RULES_OFF, see rules.h), and once
# with each rule that ships switched off, runs --eval on each FILE,
# and prints one Markdown row per build: the affixed and unaffixed accuracy
# on each file, and the gain of the shipped build over it in words
# (affixed / unaffixed).
#
#   stemmer-id/ablate.sh BUILD_DIR FILE...
#
# BUILD_DIR is a configured and built cari tree (it holds the generated
# stemmer-id/lexicon_data.c).  Needs cc, awk and libstemmer.  Writes only under
# a temporary directory.
set -eu
if [ $# -lt 2 ]; then
  echo "usage: ablate.sh BUILD_DIR FILE..." >&2
  exit 2
fi
build=$1
shift
src=$(cd "$(dirname "$0")" && pwd)
lex=$build/stemmer-id/lexicon_data.c
[ -f "$lex" ] || { echo "ablate.sh: $lex: not found (build first)" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# name and SID_R_* bit of each rule (rules.h)
rules="snowball-guard:1 derived-entry:2 bound-entry:4 partial-redup-Ce-an:8
bel-pel:16 nasal-keeps-t-s:128 guard-lets-kan-cut:512 loan-si:2048
pe-ber-entry:4096 kan-entry:8192 nya-3-letters:16384"
# the rules that ship switched off: SID_R_IS, SID_R_ISASI, SID_R_ISME,
# SID_R_CE_BARE
off_rules="al-is:32 isasi:64 isme:256 bare-Ce:1024"
shipped_off=1376

# Prints "affixed% unaffixed% affixed-right unaffixed-right" for one build
# and one file.
score() {
  "$1" --eval "$2" | awk '$1=="affixed"{a=$3; na=$2}
                          $1=="unaffixed"{u=$3; nu=$2}
                          END{sub("%","",a); sub("%","",u);
                              printf "%s %s %.0f %.0f\n", a, u,
                                     a*na/100, u*nu/100}'
}

# A stand-in for main.c (which needs libcari for --text): `prog --eval FILE`.
cat > "$tmp/evalmain.c" <<'END'
#include "eval.h"
int main(int argc, char **argv)
{
    return argc == 3 ? sid_eval(argv[2], stdout) : 2;
}
END

build_one() { # name [mask]
  cc -O2 -std=c11 -D_POSIX_C_SOURCE=200809L ${2:+-DSID_RULES_OFF=$2} \
    -I"$src" -o "$tmp/$1" "$tmp/evalmain.c" "$src"/eval.c "$src"/stemmer_id.c \
    "$src"/rules.c "$src"/lexicon.c "$src"/cache.c "$src"/alloc.c "$lex" \
    -lstemmer
}

build_one all
printf '| build |'
for f in "$@"; do
  b=$(basename "$f" .tsv)
  printf ' %s affixed | %s unaffixed | gain in words |' "$b" "$b"
done
printf '\n|---|'
for f in "$@"; do printf -- '---:|---:|---|'; done
printf '\n'

# One table row: the scores of build $2 on each file, and the gain of the
# shipped build over it in words (affixed / unaffixed).
row() { # label binary file...
  label=$1
  bin=$2
  shift 2
  printf '| %s |' "$label"
  for f in "$@"; do
    score "$bin" "$f" > "$tmp/s1"
    score "$tmp/all" "$f" > "$tmp/s2"
    read a u wa wu < "$tmp/s1"
    read fa fu fwa fwu < "$tmp/s2"
    printf ' %s | %s | %+d / %+d |' "$a" "$u" $((fwa - wa)) $((fwu - wu))
  done
  printf '\n'
}

row "shipped" "$tmp/all" "$@"
for r in $rules; do
  name=${r%%:*}
  mask=${r##*:}
  build_one "$name" $((mask | shipped_off))
  row "without $name" "$tmp/$name" "$@"
done
for r in $off_rules; do
  name=${r%%:*}
  mask=${r##*:}
  build_one "$name" $((shipped_off & ~mask))
  row "with $name (shipped off)" "$tmp/$name" "$@"
done
build_one none 32767
row "without any of them" "$tmp/none" "$@"
