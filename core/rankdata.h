/* What the learned ranking needs of a passage, kept with it when it is
 * indexed (rankdata.c), so that a search never tokenizes a candidate. */
#ifndef CARI_RANKDATA_H
#define CARI_RANKDATA_H

#include "cari.h"

#include <stddef.h>
#include <stdint.h>

/* The value slot of a passage's rank data (index format 10). */
#define CARI_SLOT_RANK 10

/* What a word of a passage is, whatever the query (the answer types of
 * README "Ranking: learned"): a name, a date, a number, a place, a reason
 * word.  A search ignores them on a word the query holds. */
enum { CARI_T_NAME = 1, CARI_T_DATE = 2, CARI_T_NUMBER = 4, CARI_T_PLACE = 8, CARI_T_REASON = 16 };

/* One word of a passage as kept: hashes of its normalized form and of its
 * term-stem (cari_stem_term()), each cari_rank_hash()'s 24 bits. */
typedef struct cari_rword {
    uint32_t form;
    uint32_t stem;       /* == form when the word is its own stem */
    int stopword;        /* a stopword: matches a query word by its form only */
    int types;           /* CARI_T_* */
} cari_rword;

/* The 24-bit hash that rank data keeps of a word (FNV-1a folded). */
uint32_t cari_rank_hash(const char *word, size_t len);

/* Collects the rank data of one passage while it is being indexed: its
 * text's words, then its title's.  Zero-initialize, cari_rankdata_reset()
 * before each passage, cari_rankdata_free() at the end. */
typedef struct {
    char *buf;           /* the encoding so far (after the header) */
    size_t len, cap;
    size_t n_text;       /* words of the text (the rest are the title's) */
    int in_title;
    size_t prev_end;     /* end of the previous word in its text */
    int prev_place;      /* the previous word was a place cue or a place */
    char head[20];       /* the header, by _value() */
} cari_rankdata;

void cari_rankdata_reset(cari_rankdata *rd);
void cari_rankdata_free(cari_rankdata *rd);

/* Adds the word tok of `text` (the text being tokenized; the title's
 * after cari_rankdata_title()) with its term-stem stem[0..stem_len).
 * Returns 0, or -1 when out of memory. */
int cari_rankdata_add(cari_rankdata *rd, const char *text, const cari_token *tok,
                      const char *stem, size_t stem_len);

/* What is added from now on is the title's. */
void cari_rankdata_title(cari_rankdata *rd);

/* The rank data of passage number `passage` (of its article), to store in
 * CARI_SLOT_RANK: its length in *len; owned by rd (valid until its next
 * call).  Returns NULL when out of memory. */
const char *cari_rankdata_value(cari_rankdata *rd, unsigned passage, size_t *len);

/* A passage's rank data, decoded: the text's words v[0..n_text), then the
 * title's, n words in all.  Zero-initialize; v is malloc'd, reused from
 * passage to passage, and the caller frees it. */
typedef struct {
    cari_rword *v;
    size_t cap, n, n_text;
    unsigned passage;    /* its number in its article */
} cari_rank_words;

/* Decodes rank data p[0..len) into *out.  Returns 0, -1 when the data is
 * malformed, -2 when out of memory. */
int cari_rankdata_decode(const char *p, size_t len, cari_rank_words *out);

#endif
