/* A build worker's spelling data, written as small runs merged like a
 * log-structured merge tree instead of into its growing shard.
 *
 * Xapian keeps a word list per spelling fragment (trigram) and rewrites
 * every list a commit touches, so handing a growing vocabulary to one
 * database in slices costs time quadratic in the vocabulary.  Here each
 * slice of words goes into a fresh, empty database (a "run", one commit),
 * and every RUN_FANIN runs of one level are merged by Xapian's compaction
 * (linear) into one run of the next level.  The runs left at the end are
 * sources of the build's final compaction, which merges them with the
 * shards: Xapian sums each word's frequency and unites the fragment lists,
 * so the index holds the same spelling data as if the words had been added
 * to it directly. */
#ifndef CARI_SPELLRUNS_H
#define CARI_SPELLRUNS_H

#include "vocab.h"
#include "xc.h"

#include <stddef.h>

typedef struct {
    char *base;         /* runs are base.0, base.1, ...; base is
                           "BESIDE.sp" */
    char **paths;       /* the runs not merged yet, oldest first */
    unsigned *levels;   /* each run's level: 0 for a slice, +1 per merge */
    size_t n, cap;
    unsigned next;      /* the number of the next run's folder */
    size_t run_words;   /* words per run of level 0 (one commit each) */
    size_t fanin;       /* runs of one level merged into one of the next */
} cari_spell_runs;

/* Starts an empty set of runs, in folders named `beside`.sp.N, with the
 * default run size and fan-in.  Returns 0, or -1 when out of memory. */
int cari_spell_runs_init(cari_spell_runs *r, const char *beside);

/* Writes every word of v with its count into new runs (merging full
 * levels).  Returns 0, or -1 with *err set (a malloc'd message: a Xapian
 * error or "out of memory"). */
int cari_spell_runs_add(cari_spell_runs *r, const cari_vocab *v, xc_err **err);

/* Deletes every run folder and frees r's memory; r may then be
 * initialized again. */
void cari_spell_runs_free(cari_spell_runs *r);

#endif
