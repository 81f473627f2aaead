/*
 * The root-word lexicon: a read-only open-addressing hash table generated at
 * build time (lexgen.c writes lexicon_data.c from hunspell-id's id_ID.dic and
 * roots-extra.txt).  Lookups never allocate and are safe from any thread.
 */
#ifndef STEMMER_ID_LEXICON_H
#define STEMMER_ID_LEXICON_H

#include <stddef.h>
#include <stdint.h>

/* The prefix families of Indonesian, as hunspell-id names them by the
 * first letter of an affix flag (B ber-, D di-, ...). */
enum {
    SID_FAM_BER, /* ber-, be- (B) */
    SID_FAM_DI,  /* di- (D) */
    SID_FAM_KE,  /* ke- (K) */
    SID_FAM_MEN, /* meN- and its stacks: memper-, member- (M) */
    SID_FAM_KU,  /* ku-, kau- (O) */
    SID_FAM_PEN, /* peN-, pe- (P) */
    SID_FAM_PER, /* per- (R) */
    SID_FAM_SE,  /* se- (S) */
    SID_FAM_TER, /* ter-, te- (T) */
    SID_FAM_COUNT,
    SID_FAM_NONE = SID_FAM_COUNT /* a prefix no flag speaks for (tidak-) */
};

/* The derivational suffixes a flag may pair with a prefix. */
enum { SID_SUF_NONE, SID_SUF_AN, SID_SUF_I, SID_SUF_KAN };

/* What hunspell says a root combines with, from its affix flags.  A root
 * with no flags has only SID_LEX_ROOT set.  Used to prefer, among several
 * candidate roots, one the dictionary says takes the affixes found. */
#define SID_LEX_ROOT ((uint64_t)1 << 0)    /* in the lexicon at all */
#define SID_LEX_FLAGGED ((uint64_t)1 << 1) /* hunspell gave it any flag */
#define SID_LEX_EXTRA ((uint64_t)1 << 2)   /* from roots-extra.txt */
#define SID_LEX_AN ((uint64_t)1 << 3)      /* -an alone (a0) */
#define SID_LEX_I ((uint64_t)1 << 4)       /* -i alone (i0) */
#define SID_LEX_KAN ((uint64_t)1 << 5)     /* -kan alone (k0) */
/* Hunspell's NEEDAFFIX flag (A2 in hunspell-id): the entry is a bound stem
 * that never stands alone (mengerti, bebastugas), not a free root. */
#define SID_LEX_BOUND ((uint64_t)1 << 6)
/* Prefix family `fam` alone (suf = SID_SUF_NONE: B0, M0 ...) or as a confix
 * with suffix `suf` (Ba ber-an, Mk meN-kan, Di di-i ...). */
#define SID_LEX_FAM(fam, suf) ((uint64_t)1 << (8 + 4 * (fam) + (suf)))
#define SID_LEX_FAM_ANY(fam) ((uint64_t)0xF << (8 + 4 * (fam)))

/* Returns the SID_LEX_* bits of `word` (`len` bytes), or 0 when it is not a
 * root in the lexicon. */
uint64_t sid_lexicon_lookup(const char *word, size_t len);

/* Number of hunspell roots in the lexicon; 0 when id_ID.dic was missing at
 * build time.  The first call with a missing dictionary prints a one-line
 * notice on stderr (once per process). */
size_t sid_lexicon_hunspell_count(void);

/* Number of roots that came from roots-extra.txt. */
size_t sid_lexicon_extra_count(void);

#endif
