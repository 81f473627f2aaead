/*
 * The root-word lexicon: a read-only open-addressing hash table generated at
 * build time (lexgen.c writes lexicon_data.c from hunspell-id's id_ID.dic and
 * roots-extra.txt).  Lookups never allocate and are safe from any thread.
 */
#ifndef STEMMER_ID_LEXICON_H
#define STEMMER_ID_LEXICON_H

#include <stddef.h>
#include <stdint.h>

/* What hunspell says a root combines with (from its affix flags).  A root
 * with no flags has only SID_LEX_ROOT set.  Used to prefer, among several
 * candidate roots, the one the dictionary says takes the affix found. */
enum {
    SID_LEX_ROOT = 1u << 0,  /* present in the lexicon at all */
    SID_LEX_BER = 1u << 1,   /* ber-, be- (hunspell flags B*) */
    SID_LEX_DI = 1u << 2,    /* di- (D*) */
    SID_LEX_KE = 1u << 3,    /* ke- (K*) */
    SID_LEX_MEN = 1u << 4,   /* meN-, memper- (M*) */
    SID_LEX_KU = 1u << 5,    /* ku-, kau- (O*) */
    SID_LEX_PEN = 1u << 6,   /* peN-, pe- (P*) */
    SID_LEX_PER = 1u << 7,   /* per- (R*) */
    SID_LEX_SE = 1u << 8,    /* se- (S*) */
    SID_LEX_TER = 1u << 9,   /* ter-, te- (T*) */
    SID_LEX_AN = 1u << 10,   /* -an alone (a0) */
    SID_LEX_I = 1u << 11,    /* -i alone (i0) */
    SID_LEX_KAN = 1u << 12,  /* -kan alone (k0) */
    SID_LEX_FLAGGED = 1u << 13, /* hunspell gave the root any affix flag */
    SID_LEX_EXTRA = 1u << 14    /* from roots-extra.txt, not hunspell */
};

/* Returns the SID_LEX_* bits of `word` (`len` bytes), or 0 when it is not a
 * root in the lexicon. */
uint32_t sid_lexicon_lookup(const char *word, size_t len);

/* Number of hunspell roots in the lexicon; 0 when id_ID.dic was missing at
 * build time.  The first call with a missing dictionary prints a one-line
 * notice on stderr (once per process). */
size_t sid_lexicon_hunspell_count(void);

/* Number of roots that came from roots-extra.txt. */
size_t sid_lexicon_extra_count(void);

#endif
