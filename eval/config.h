/* The configurations compared: stemmer x stopwords x BM25 k1 x b. */
#ifndef EVAL_CONFIG_H
#define EVAL_CONFIG_H

#include <stddef.h>

typedef enum {
    EVAL_STEM_NONE,
    EVAL_STEM_SNOWBALL,
    EVAL_STEM_ID,
    EVAL_N_STEMMERS
} eval_stemmer;

typedef struct {
    eval_stemmer stemmer;
    int keep_stopwords;  /* cari_search_options.keep_stopwords */
    int synonyms;        /* 1: expand queries with the synonym groups */
    double k1, b;
    unsigned feedback;   /* cari_search_options.feedback (0: off) */
} eval_config;

/* "none", "snowball", "stemmer-id".  Static. */
const char *eval_stemmer_name(eval_stemmer s);

/* The cari_open() flag that selects the stemmer. */
int eval_stemmer_flag(eval_stemmer s);

/* The baseline every configuration is compared with: plain Snowball,
 * stopwords kept, BM25 k1 = 1.2, b = 0.75. */
extern const eval_config eval_baseline;

int eval_config_equal(const eval_config *a, const eval_config *b);

/* Writes a readable name ("snowball drop k1=1.2 b=0.75", "... drop syn
 * k1=...", "... b=0.75 fb10") into buf. */
void eval_config_name(const eval_config *c, char *buf, size_t size);

/* Writes a name usable as a TREC run tag and in a file name
 * ("snowball-drop-k1.2-b0.75", "snowball-drop-syn-k1.2-b0.75") into buf. */
void eval_config_tag(const eval_config *c, char *buf, size_t size);

/* What to cross.  Each list holds at most EVAL_MAX_VALUES values. */
#define EVAL_MAX_VALUES 16
typedef struct {
    int stemmers[EVAL_N_STEMMERS]; /* 1: compare this stemmer */
    int stopwords[2];              /* [0]: drop them, [1]: keep them */
    int synonyms[2];               /* [0]: without, [1]: with synonyms */
    double k1[EVAL_MAX_VALUES];
    size_t n_k1;
    double b[EVAL_MAX_VALUES];
    size_t n_b;
    unsigned feedback[EVAL_MAX_VALUES]; /* feedback words (0: off) */
    size_t n_feedback;
    int two_stage;  /* 1: cross the stemmers, stopwords and synonyms at
                       the default k1 and b, then k1 x b for the best of
                       those and the baseline's; 0: cross everything */
} eval_grid;

/* Sets *g to a named grid, over every stemmer, stopwords kept and
 * dropped, without synonyms and with them: "default" (k1 = 1.2, b = 0.75), "grid" (two stages; k1 in
 * {0.9, 1.2, 1.5} and b in {0.4, 0.6, 0.75, 0.9}) or "full" (the same
 * values crossed with everything).  Returns 0, or -1 for another name. */
int eval_grid_named(eval_grid *g, const char *name);

/* Parses a comma-separated list into g: "none,snowball,stemmer-id" for
 * what = 's', "keep,drop" for 'w', "off,on" for 'y' (synonyms), numbers
 * for 'k' (k1 >= 0) and 'b' (0 <= b <= 1), whole numbers for 'f'
 * (feedback words, 0: off; every named grid has 0 only).  Returns 0, or -1 for a bad
 * list. */
int eval_grid_set(eval_grid *g, int what, const char *list);

/* Expands the grid (its first stage when two_stage: k1 and b at their
 * defaults) into *out (caller frees), by stemmer, stopwords kept before
 * dropped, synonyms off before on, k1, b, then feedback; the baseline is added at the end when the grid
 * lacks it.  Stores the count in *n.  Returns 0 or -1 (no memory). */
int eval_grid_expand(const eval_grid *g, eval_config **out, size_t *n);

/* The second stage: appends to *v (count *n, realloc'ed) every k1 x b of
 * the grid for the stemmer, stopwords, synonyms and feedback of `pair`, skipping those already
 * in *v.  Returns 0 or -1 (no memory). */
int eval_grid_tune(const eval_grid *g, const eval_config *pair, eval_config **v, size_t *n);

#endif
