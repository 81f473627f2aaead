/*
 * The morphology of stemmer-id: the affixes of Indonesian, the recodings of
 * nasal prefixes, and the order in which candidate analyses are tried.
 *
 * An analysis is a root plus the affixes peeled off to reach it.  The search
 * (sid_rules_analyze) enumerates candidate analyses in the order of the
 * Nazief-Adriani algorithm as refined by Sastrawi's CS/ECS variants: clitics
 * and derivational suffixes first (prefixes first for the confixes be-lah,
 * be-an, me-i, di-i, pe-i, ter-i), then up to three stacked prefixes, each
 * with its recodings (meny- -> s, men- -> t, mem- -> m/p, meng- -> k/0 ...),
 * then the ECS "suffix restoring" loop.  Only a candidate whose root is in the
 * lexicon counts.  Among those, the first one whose root hunspell's affix
 * flags say takes the affixes found ("attested") wins; failing that, the
 * first root found.  When sibling readings of one prefix all reach attested
 * roots (mengawal: awal, kawal), the root with the richer set of flags comes
 * first, a stand-in for the more common, more productive root.
 *
 * Words reach here already checked: lower-case ASCII letters only, no hyphen,
 * at most SID_WORD_MAX bytes.  Nothing here allocates.
 */
#ifndef STEMMER_ID_RULES_H
#define STEMMER_ID_RULES_H

#include <stddef.h>
#include <stdint.h>

/* Rule switches for the ablation study (ablate.sh): a build with
 * -DSID_RULES_OFF=MASK leaves out the rules whose bits MASK has.  Normal
 * builds leave out the loan suffixes and the bare Ce- reduplication:
 * -isasi, -isme and -is are part of the borrowed word, as UD lemmatizes it
 * (globalisasi is not global, nasionalisme not nasional, finalis not final),
 * and a Ce- form without -an is mostly a word of its own (pepaya is not
 * paya, tetikus not tikus, jejaring not jaring), while with -an it is the
 * collective of its root (dedaunan, pepohonan). */
#ifndef SID_RULES_OFF
#define SID_RULES_OFF                                                         \
    (SID_R_ISASI | SID_R_IS | SID_R_ISME | SID_R_CE_BARE)
#endif
#define SID_RULE_ON(r) ((SID_RULES_OFF & (r)) == 0)
enum {
    SID_R_GUARD = 1 << 0,   /* guard on the Snowball fallback */
    SID_R_ENTRY = 1 << 1,   /* unflagged hunspell entries may be derived */
    SID_R_BOUND = 1 << 2,   /* NEEDAFFIX entries are not free roots */
    SID_R_CE = 1 << 3,      /* partial reduplication Ce- with -an (dedaunan) */
    SID_R_BEL = 1 << 4,     /* bel-/pel- entries (belajar) are derived */
    SID_R_IS = 1 << 5,      /* -is after -al (nasionalis; off) */
    SID_R_ISASI = 1 << 6,   /* -isasi (off) */
    SID_R_NASAL_KEEP = 1 << 7, /* men-/pen- keeping the root's t or s */
    SID_R_ISME = 1 << 8,    /* -isme (off) */
    SID_R_KAN = 1 << 9,     /* the guard lets Snowball's -kan cut stand */
    SID_R_CE_BARE = 1 << 10, /* Ce- without a suffix (rerata; off) */
    SID_R_LOAN_SI = 1 << 11, /* a lone -i after s needs the root's flag */
    SID_R_PE_BER = 1 << 12,  /* pe- entries of ber- roots (pelari) */
    SID_R_KAN_ENTRY = 1 << 13, /* root + -kan entries (belikan) */
    SID_R_NYA3 = 1 << 14     /* the guard cuts -nya down to 3 letters */
};

#define SID_WORD_MAX 48  /* longer words are left alone by the caller */
#define SID_STEPS_MAX 8  /* 3 prefixes + 3 suffixes + a restored letter */

/* One affix peeled off. */
typedef struct {
    const char *name; /* static, e.g. "meny-:s" (meny-, root begins with s) */
    int family;       /* SID_FAM_* of a prefix; SID_FAM_NONE otherwise */
    uint8_t kind;     /* SID_STEP_* */
} sid_step;

enum {
    SID_STEP_PREFIX = 0,
    SID_STEP_DERIV = 1,  /* -kan, -an, -i */
    SID_STEP_CLITIC = 2, /* -lah -kah -tah -pun, -ku -mu -nya */
    SID_STEP_INFIX = 3,  /* -er- -el- -em- -in- */
    SID_STEP_REDUP = 4   /* Ce-, partial reduplication: dedaunan */
};

typedef struct {
    char root[SID_WORD_MAX + 1]; /* NUL-terminated */
    size_t len;
    sid_step steps[SID_STEPS_MAX]; /* outermost first within each side */
    int nsteps;
    int attested; /* hunspell's flags for root allow these affixes */
} sid_analysis;

/* Searches for a root of `word` (`len` bytes, see above for what it may
 * contain).  Returns 1 and fills *out when some candidate's root is in the
 * lexicon, 0 when none is (then *out is unspecified).  The word itself is
 * not looked up: the caller does that first.  When `prefer` is not NULL,
 * a candidate whose root is those `prefer_len` bytes wins as soon as it is
 * reached (reduplication: the other half's root). */
int sid_rules_analyze(const char *word, size_t len, const char *prefer,
                      size_t prefer_len, sid_analysis *out);

#endif
