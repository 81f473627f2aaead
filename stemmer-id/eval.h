/*
 * cari-stemmer --eval: accuracy of stemmer-id and of plain Snowball on a file
 * of `word<TAB>root[<TAB>affixed]` lines, side by side, by affix class.
 */
#ifndef STEMMER_ID_EVAL_H
#define STEMMER_ID_EVAL_H

#include <stdio.h>

/* The command-line program's name, which starts its messages. */
#define PROG "cari-stemmer"

/* Reads the gold file at `path` (an optional header line starting with
 * "word\troot" is skipped; a third column of 0 or 1 says whether the word is
 * affixed, otherwise a word is affixed when its root differs from it) and
 * writes the report to `out`: accuracy overall, for affixed and unaffixed
 * words and by affix class, then every word stemmer-id gets wrong.
 * Returns 0 on success; on an I/O or memory error returns 2 after printing
 * one line starting "cari-stemmer:" on stderr. */
int sid_eval(const char *path, FILE *out);

#endif
