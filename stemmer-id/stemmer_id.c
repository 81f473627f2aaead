/*
 * stemmer-id: the stemmer object, its modes, the cache, reduplication and the
 * fallback to Snowball.  The morphology itself is in rules.c, the root
 * lexicon in lexicon.c.
 */
#include "stemmer_id.h"

#include "alloc.h"
#include "cache.h"
#include "lexicon.h"
#include "rules.h"

#include <libstemmer.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MIN_LETTERS 4    /* shorter words are left alone */
#define EXPLAIN_MAX 512

struct stemmer_id {
    stemmer_id_mode mode;
    struct sb_stemmer *snowball; /* NULL in STEMMER_ID_NONE mode */
    sid_cache *cache;            /* STEMMER_ID_FULL only */
    char *buf;                   /* the last result, when not the cache's */
    size_t cap;
    int explaining;              /* keep an account of this call in why */
    size_t whylen;
    char why[EXPLAIN_MAX];
    char signature[96];
};

stemmer_id *stemmer_id_new(stemmer_id_mode mode)
{
    stemmer_id *s = sid_calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->mode = mode;
    s->cap = 2 * SID_WORD_MAX + 8;
    s->buf = sid_malloc(s->cap);
    if (!s->buf)
        goto fail;
    if (mode == STEMMER_ID_FULL) {
        s->cache = sid_calloc(1, sizeof *s->cache);
        if (!s->cache)
            goto fail;
    }
    if (mode != STEMMER_ID_NONE) {
        s->snowball = sb_stemmer_new("indonesian", "UTF_8");
        if (!s->snowball)
            goto fail;
    }
    if (mode == STEMMER_ID_NONE)
        strcpy(s->signature, "none");
    else if (mode == STEMMER_ID_SNOWBALL)
        strcpy(s->signature, "snowball-indonesian");
    else if (sid_lexicon_hunspell_count())
        snprintf(s->signature, sizeof s->signature,
                 "stemmer-id/4 lexicon=hunspell-id:%zu+extra:%zu",
                 sid_lexicon_hunspell_count(), sid_lexicon_extra_count());
    else
        snprintf(s->signature, sizeof s->signature,
                 "stemmer-id/4 lexicon=none+extra:%zu",
                 sid_lexicon_extra_count());
    return s;
fail:
    stemmer_id_delete(s);
    return NULL;
}

stemmer_id_mode stemmer_id_get_mode(const stemmer_id *s)
{
    return s->mode;
}

void stemmer_id_delete(stemmer_id *s)
{
    if (!s)
        return;
    if (s->snowball)
        sb_stemmer_delete(s->snowball);
    if (s->cache)
        sid_cache_release(s->cache);
    free(s->cache);
    free(s->buf);
    free(s);
}

/* Appends text to the explanation of this call, if one is being kept. */
static void explain(stemmer_id *s, const char *text)
{
    if (!s->explaining)
        return;
    size_t n = strlen(text);
    if (s->whylen + n >= EXPLAIN_MAX)
        n = EXPLAIN_MAX - 1 - s->whylen;
    memcpy(s->why + s->whylen, text, n);
    s->whylen += n;
    s->why[s->whylen] = '\0';
}

/* Makes s->buf hold at least n bytes.  Returns 0 when out of memory. */
static int reserve(stemmer_id *s, size_t n)
{
    if (n <= s->cap)
        return 1;
    char *nb = sid_realloc(s->buf, n);
    if (!nb)
        return 0;
    s->buf = nb;
    s->cap = n;
    return 1;
}

/* Returns word as its own stem, copied into s->buf; NULL when out of
 * memory. */
static const char *identity(stemmer_id *s, const char *word, size_t len,
                            size_t *out_len)
{
    if (!reserve(s, len + 1))
        return NULL;
    memcpy(s->buf, word, len);
    s->buf[len] = '\0';
    *out_len = len;
    return s->buf;
}

/* Whether a word the lexicon holds may still be a derived form to analyse
 * rather than a root to keep: 0 no, 1 an unflagged entry, 2 bel-/pel-, 3 a
 * bound stem.  Hunspell-id lists as bare entries (no affix
 * flags) many derived words its affix rules cannot generate (kepulauan,
 * apatah); it marks bound stems NEEDAFFIX (mengerti: erti with meN-); and
 * bel-/pel- are the irregular ber-/peR- of belajar and pelajar. */
static int entry_may_be_derived(const char *word, size_t len, uint64_t bits)
{
    if (bits & SID_LEX_EXTRA)
        return 0;
    if (SID_RULE_ON(SID_R_BOUND) && (bits & SID_LEX_BOUND))
        return 3;
    if (SID_RULE_ON(SID_R_BEL) && len >= 7 &&
        (!memcmp(word, "belajar", 7) || !memcmp(word, "pelajar", 7)))
        return 2;
    return SID_RULE_ON(SID_R_ENTRY) && !(bits & SID_LEX_FLAGGED);
}

/* Whether a root with lexicon bits `bits` takes -kan, alone or in any
 * confix (Mk, Dk, Ok ...). */
static int takes_kan(uint64_t bits)
{
    if (bits & SID_LEX_KAN)
        return 1;
    for (int f = 0; f < SID_FAM_COUNT; f++)
        if (bits & SID_LEX_FAM(f, SID_SUF_KAN))
            return 1;
    return 0;
}

/* Whether reading a of a lexicon entry is strong enough to replace the
 * entry.  Hunspell's flags on a root of its own must attest the affixes,
 * and one affix alone is not enough evidence, for hunspell also lists bare
 * many words that only look derived: lexicalised se-, peN-, ber- and Ce-
 * forms (sejati, pendekar, beruang) and chance endings (naskah, selaku).
 * Two affixes (kepulauan: ke-...-an) are, and so are the clitics -pun and
 * -tah, the loan suffixes -isme, -isasi, -is and a bare repeated first
 * syllable when their rules are on (rules.h: shipped off), pe- before a
 * root that takes ber- (pelari), and -kan after a root that takes -kan in
 * any form (belikan: membelikan), which hardly ends a root by chance.
 * `why` is entry_may_be_derived()'s answer. */
static int derived_entry_reading(const sid_analysis *a, int why)
{
    static const char *const single[] = {"-pun", "-tah",   "-isme",
                                         "-isasi", "-is", "Ce-"};
    if (why == 2) /* bel-, pel-: the rules know these */
        return 1;
    uint64_t root = sid_lexicon_lookup(a->root, a->len);
    if (!(root & SID_LEX_FLAGGED))
        return 0;
    if (SID_RULE_ON(SID_R_KAN_ENTRY) && a->nsteps == 1 &&
        !strcmp(a->steps[0].name, "-kan") && takes_kan(root))
        return 1;
    if (!a->attested)
        return 0;
    if (a->nsteps >= 2 || why == 3) /* why 3: a bound stem */
        return 1;
    for (size_t i = 0; i < sizeof single / sizeof single[0]; i++)
        if (a->nsteps == 1 && !strcmp(a->steps[0].name, single[i]))
            return 1;
    /* pe- without a nasal makes the agent of a ber- verb (pelari of
     * berlari, as petinju of bertinju): hunspell lists some bare. */
    return SID_RULE_ON(SID_R_PE_BER) && a->nsteps == 1 &&
           !strcmp(a->steps[0].name, "pe-") &&
           (root & SID_LEX_FAM_ANY(SID_FAM_BER));
}

/* Does `w` (n bytes) end with `suf`? */
static int ends_with(const char *w, size_t n, const char *suf)
{
    size_t k = strlen(suf);
    return n >= k && memcmp(w + n - k, suf, k) == 0;
}

/* The answer for a word none of whose readings reaches a known root:
 * Snowball's, guarded.  Snowball's cuts of clitics and of prefixes stand;
 * its cut of -i or -an from an unknown word mostly lops the end off a name
 * or a loan (emoji, debian, teritori), so it stands only together with a
 * prefix (a confix, memproduksi) and with at least five letters left.  A
 * cut of -kan, which hardly ends a word by chance, stands (isikan).
 * Otherwise the word keeps all but its clitics. */
static size_t fallback(stemmer_id *s, const char *word, size_t len, char *out)
{
    char w[SID_WORD_MAX + 1];
    size_t n = len;
    memcpy(w, word, len);
    if (SID_RULE_ON(SID_R_GUARD)) {
        static const char *const particles[] = {"lah", "kah", "tah", "pun"};
        static const char *const possessives[] = {"nya", "ku", "mu"};
        for (int i = 0; i < 4; i++)
            if (ends_with(w, n, particles[i]) && n >= 3 + MIN_LETTERS) {
                n -= 3;
                break;
            }
        /* -nya, which hardly ends a word by chance, may leave three
         * letters (dvdnya, webnya); -ku and -mu need four (buku, ilmu). */
        for (int i = 0; i < 3; i++) {
            size_t keep =
                i == 0 && SID_RULE_ON(SID_R_NYA3) ? 3 : MIN_LETTERS;
            if (ends_with(w, n, possessives[i]) &&
                n >= strlen(possessives[i]) + keep) {
                n -= strlen(possessives[i]);
                break;
            }
        }
    }
    w[n] = '\0';
    const sb_symbol *r =
        sb_stemmer_stem(s->snowball, (const sb_symbol *)w, (int)n);
    size_t rn = r ? (size_t)sb_stemmer_length(s->snowball) : 0;
    if (!r || rn > SID_WORD_MAX) { /* Snowball only shortens; be safe */
        r = (const sb_symbol *)w;
        rn = n;
    }
    const char *stem = (const char *)r;
    if (SID_RULE_ON(SID_R_GUARD) && rn < n) {
        /* Only a prefix cut (perhaps with a nasal's letter put back) leaves
         * the stem's end at the word's end. */
        int prefix_only =
            memcmp(w + n - rn, stem, rn) == 0 ||
            (rn >= 3 && memcmp(w + n - (rn - 1), stem + 1, rn - 1) == 0);
        int prefix_cut = memcmp(w, stem, rn) != 0;
        int kan_cut = SID_RULE_ON(SID_R_KAN) && n >= 5 && rn >= 3 &&
                      ends_with(w, n, "kan") &&
                      memcmp(w + n - 5, stem + rn - 2, 2) == 0;
        if (!prefix_only && !kan_cut && !(prefix_cut && rn >= 5)) {
            explain(s, "snowball cut refused, clitics only");
            memcpy(out, w, n + 1);
            return n;
        }
    }
    explain(s, "snowball");
    memcpy(out, stem, rn);
    out[rn] = '\0';
    return rn;
}

/* Stems one hyphen-free word (lower-case ASCII, at most SID_WORD_MAX bytes)
 * into out (SID_WORD_MAX + 1 bytes).  When `prefer` is not NULL and the word
 * is not itself a root, a reading that reaches the root `prefer` wins.
 * Returns the stem's length. */
static size_t stem_single(stemmer_id *s, const char *word, size_t len,
                          const char *prefer, char *out)
{
    if (len < MIN_LETTERS) {
        explain(s, "short");
        memcpy(out, word, len);
        out[len] = '\0';
        return len;
    }
    uint64_t bits = sid_lexicon_lookup(word, len);
    sid_analysis a;
    if (bits) {
        int why = entry_may_be_derived(word, len, bits);
        if (!why ||
            !sid_rules_analyze(word, len, prefer, prefer ? strlen(prefer) : 0,
                               &a) ||
            !derived_entry_reading(&a, why)) {
            explain(s, "lexicon");
            memcpy(out, word, len);
            out[len] = '\0';
            return len;
        }
        explain(s, "derived entry, ");
    } else if (!sid_rules_analyze(word, len, prefer,
                                  prefer ? strlen(prefer) : 0, &a)) {
        return fallback(s, word, len, out);
    }
    if (s->explaining) {
        explain(s, "rules:");
        for (int i = 0; i < a.nsteps; i++) {
            explain(s, " ");
            explain(s, a.steps[i].name);
        }
        explain(s, a.attested ? " (attested)" : " (unattested)");
    }
    memcpy(out, a.root, a.len + 1);
    return a.len;
}

static int is_clitic(const char *p, size_t n)
{
    static const char *const clitics[] = {"nya", "ku", "mu", "lah",
                                          "kah", "tah", "pun"};
    for (size_t i = 0; i < sizeof clitics / sizeof clitics[0]; i++)
        if (strlen(clitics[i]) == n && memcmp(clitics[i], p, n) == 0)
            return 1;
    return 0;
}

static int same(const char *a, size_t na, const char *b, size_t nb)
{
    return na == nb && memcmp(a, b, na) == 0;
}

/* Stems a hyphenated word into s->buf.  A clitic after the last hyphen
 * (hamba-ku, buku-buku-nya) is dropped.  Two halves that reach one root make
 * a reduplication: tentara-tentara, berlari-lari, anak-anaknya,
 * tolong-menolong, and meniru-nirukan, whose second half lost its meN-.
 * Halves that do not reach one root but rhyme (serta-merta, asal-muasal) are
 * a reduplication with a sound change: the first half's stem stands for the
 * word.  Other hyphenated words, and any of more than two parts, are left as
 * they are. */
static size_t stem_hyphenated(stemmer_id *s, const char *word, size_t len)
{
    char *out = s->buf; /* cap >= 2 * SID_WORD_MAX + 8 */
    const char *parts[3];
    size_t plen[3];
    int n = 0;
    const char *p = word, *end = word + len;
    while (p <= end) {
        const char *h = memchr(p, '-', (size_t)(end - p));
        const char *e = h ? h : end;
        if (n == 3 || e == p)
            goto alone;
        parts[n] = p;
        plen[n++] = (size_t)(e - p);
        p = e + 1;
    }
    if (n > 1 && is_clitic(parts[n - 1], plen[n - 1])) {
        explain(s, "clitic after hyphen; ");
        n--;
    }
    if (n == 1)
        return stem_single(s, parts[0], plen[0], NULL, out);
    if (n != 2)
        goto alone;

    char ra[SID_WORD_MAX + 1], rb[SID_WORD_MAX + 1];
    explain(s, "reduplication [");
    size_t nb = stem_single(s, parts[1], plen[1], NULL, rb);
    explain(s, " | ");
    size_t na = stem_single(s, parts[0], plen[0], rb, ra);
    explain(s, "]");
    if (!same(ra, na, rb, nb)) {
        explain(s, " [");
        nb = stem_single(s, parts[1], plen[1], ra, rb);
        explain(s, "]");
    }
    if (!same(ra, na, rb, nb) && plen[1] + 2 <= SID_WORD_MAX &&
        !sid_lexicon_lookup(parts[1], plen[1])) {
        char me[SID_WORD_MAX + 1];
        memcpy(me, "me", 2);
        memcpy(me + 2, parts[1], plen[1]);
        explain(s, " [me-");
        nb = stem_single(s, me, plen[1] + 2, ra, rb);
        explain(s, "]");
    }
    if (same(ra, na, rb, nb)) {
        memcpy(out, ra, na + 1);
        return na;
    }
    /* Halves that rhyme are a reduplication with a sound change (sayur-mayur,
     * serta-merta, lauk-pauk): the first half carries the meaning.  Other
     * pairs are compounds (non-keuangan, hitam-putih): kept whole. */
    if (na >= 2 && nb >= 2 && memcmp(ra + na - 2, rb + nb - 2, 2) == 0) {
        explain(s, ": halves rhyme, first half");
        memcpy(out, ra, na + 1);
        return na;
    }
    explain(s, ": halves differ, ");
alone:
    explain(s, "left alone");
    memcpy(out, word, len);
    out[len] = '\0';
    return len;
}

/* The full algorithm without the cache.  Returns NULL when the word is to
 * be left as it is (then the caller copies it, whatever its length). */
static const char *stem_full(stemmer_id *s, const char *word, size_t len,
                             size_t *out_len)
{
    int hyphen = 0, plain = len > 0 && len <= SID_WORD_MAX;
    for (size_t i = 0; i < len && plain; i++) {
        char c = word[i];
        if (c == '-')
            hyphen = 1;
        else if (c < 'a' || c > 'z')
            plain = 0;
    }
    if (!plain) {
        explain(s, "left alone: not a lower-case word");
        return NULL;
    }
    if (hyphen)
        *out_len = stem_hyphenated(s, word, len);
    else
        *out_len = stem_single(s, word, len, NULL, s->buf);
    return s->buf;
}

/* The stem in FULL mode, with or without the cache. */
static const char *stem_mode_full(stemmer_id *s, const char *word, size_t len,
                                  size_t *out_len, int use_cache)
{
    if (use_cache) {
        const char *hit = sid_cache_get(s->cache, word, len, out_len);
        if (hit)
            return hit;
    }
    const char *r = stem_full(s, word, len, out_len);
    if (!r) /* left alone: it may be any length */
        return identity(s, word, len, out_len);
    if (use_cache)
        sid_cache_put(s->cache, word, len, r, *out_len);
    return r;
}

static const char *stem(stemmer_id *s, const char *word, size_t len,
                        size_t *out_len, int use_cache)
{
    size_t n = 0;
    const char *r;
    if (len == 0)
        word = ""; /* word may be NULL then */
    if (s->mode == STEMMER_ID_NONE) {
        explain(s, "none: identity");
        r = identity(s, word, len, &n);
    } else if (s->mode == STEMMER_ID_SNOWBALL) {
        explain(s, "snowball");
        const sb_symbol *sb =
            sb_stemmer_stem(s->snowball, (const sb_symbol *)word, (int)len);
        r = (const char *)sb;
        if (sb)
            n = (size_t)sb_stemmer_length(s->snowball);
    } else {
        r = stem_mode_full(s, word, len, &n, use_cache);
    }
    if (r && out_len)
        *out_len = n;
    return r;
}

const char *stemmer_id_stem(stemmer_id *s, const char *word, size_t len,
                            size_t *out_len)
{
    return stem(s, word, len, out_len, 1);
}

const char *stemmer_id_stem_explain(stemmer_id *s, const char *word,
                                    size_t len, size_t *out_len,
                                    const char **out_rule)
{
    s->why[0] = '\0';
    s->whylen = 0;
    s->explaining = 1;
    const char *r = stem(s, word, len, out_len, 0);
    s->explaining = 0;
    if (out_rule)
        *out_rule = s->why;
    return r;
}

const char *stemmer_id_signature(const stemmer_id *s)
{
    return s->signature;
}
