/* The features of a candidate passage for the learned ranking (rank_features.c). */
#ifndef CARI_RANK_FEATURES_H
#define CARI_RANK_FEATURES_H

#include "query.h"
#include "rankdata.h"

#include <stdint.h>

/* The features, in the order of cari_feature_name().  A change of what
 * any of them means, or of their list, is a new CARI_FEATURE_SET. */
enum {
    CARI_F_BM25,         /* the first pass's score */
    CARI_F_BM25_REL,     /* it over the best candidate's */
    CARI_F_TITLE_BM25,   /* BM25 of the query's words in the title */
    CARI_F_COVER,        /* idf-weighted share of the query's words held */
    CARI_F_COVER_EXACT,  /* ... held in the form typed */
    CARI_F_ALL_WORDS,    /* 1 when every query word is held */
    CARI_F_PAIRS,        /* share of adjacent query word pairs, in order, at most 3 apart */
    CARI_F_PAIRS_EXACT,  /* ... adjacent, as typed */
    CARI_F_TRIPLES,      /* share of query word triples adjacent in order */
    CARI_F_RUN,          /* longest run of query words in order, over their number */
    CARI_F_WINDOW,       /* words held over the smallest window holding them */
    CARI_F_WHO,          /* siapa: a name in the passage */
    CARI_F_WHEN,         /* kapan: a date, year, day or month */
    CARI_F_HOW_MANY,     /* berapa: a number or quantity */
    CARI_F_WHERE,        /* di mana: a place */
    CARI_F_WHY,          /* mengapa: a reason word */
    CARI_F_ANSWER_NEAR,  /* such a token near the query's words */
    CARI_F_FIRST,        /* 1 for an article's first passage */
    CARI_F_POSITION,     /* 1 / the passage's number in its article */
    CARI_F_LENGTH,       /* log of the passage's words */
    CARI_F_PROXIMITY,    /* idf-weighted nearness of every pair of query words */
    CARI_F_LEAD,         /* idf-weighted share of the query's words in the first 12 */
    CARI_F_RAREST,       /* 1 when the rarest query word is held */
    CARI_F_DENSITY,      /* share of the passage's words that are query words */
    CARI_F_BM25_EXACT,   /* BM25 of the forms typed, stopwords too */
    CARI_F_COUNT
};

/* What a question asks for (by its question words). */
typedef enum {
    CARI_INTENT_NONE,
    CARI_INTENT_WHO,
    CARI_INTENT_WHEN,
    CARI_INTENT_HOW_MANY,
    CARI_INTENT_WHERE,
    CARI_INTENT_WHY
} cari_intent;

/* One distinct query word, as the features see it. */
typedef struct {
    char *word;          /* normalized, as typed */
    char *stem;
    uint32_t hform;      /* cari_rank_hash() of word */
    uint32_t hstem;      /* ... of stem */
    int by_stem;         /* matches passage words by stem (not a stopword) */
    double idf;          /* of its stem among the passages */
    int content;         /* not a stopword or question word (every word
                            counts when the query has no other) */
} cari_fword;

/* A query analysed for the features.  Owns what it points to, with
 * buffers reused from candidate to candidate. */
typedef struct cari_fquery {
    cari_fword *w;       /* distinct query words, in order of first use */
    size_t n;
    size_t *seq;         /* the typed words in order, as indices into w */
    int *cls;            /* cls[j]: the first word with w[j]'s stem */
    size_t n_seq;
    double idf_sum;      /* over the content words */
    cari_intent intent;
    double k1;
    cari_rank_words words;      /* a candidate's rank data, decoded */
    struct ftok *toks;          /* its words as the features see them */
    size_t toks_cap;
} cari_fquery;

/* Analyses q's typed words into *out: their stems, idf (document
 * frequencies read from db's reader) and the question's intent.  Returns
 * CARI_OK or a status with the message in db; *out needs
 * cari_fquery_clear() in every case. */
cari_status cari_fquery_init(cari_db *db, const cari_query *q, double k1, cari_fquery *out);

void cari_fquery_clear(cari_fquery *fq);

/* The question's intent from its normalized words words[0..n) in order
 * (exposed for tests). */
cari_intent cari_intent_of(char *const *words, size_t n);

/* Computes the features of one candidate passage into out[CARI_F_COUNT]:
 * from its rank data rank[0..len) (rankdata.h: its number in its
 * article, its text's words and its title's), its first-pass score and
 * the best candidate's.  Returns CARI_OK, CARI_CORRUPT when the rank data
 * is malformed or CARI_NOMEM (no message set). */
cari_status cari_features(cari_fquery *fq, const char *rank, size_t len, double bm25,
                          double best_bm25, double *out);

#endif
