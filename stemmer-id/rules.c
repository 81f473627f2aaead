/*
 * The candidate analyses of an Indonesian word and the order they are tried
 * in (see rules.h for the overview).
 */
#include "rules.h"

#include "lexicon.h"

#include <string.h>

#define ROOT_MIN 3       /* shorter candidate roots are not looked up */
#define MAX_CANDIDATES 12
/* A root this short (bom, cat, tik) is taken only when hunspell's flags
 * attest the affixes: otherwise names and loans (peter, semar, asean) lose a
 * "prefix" or "suffix" to a chance three-letter root. */
#define SHORT_ROOT 3

static int is_vowel(char c)
{
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

/* A consonant letter; '\0' (past the end) is not one. */
static int is_cons(char c)
{
    return c >= 'a' && c <= 'z' && !is_vowel(c);
}

static int starts(const char *w, const char *p)
{
    return strncmp(w, p, strlen(p)) == 0;
}

static int ends(const char *w, size_t n, const char *s)
{
    size_t k = strlen(s);
    return n >= k && memcmp(w + n - k, s, k) == 0;
}

/* A word in the middle of the search. */
struct form {
    char w[SID_WORD_MAX + 1];
    size_t len;
    sid_step steps[SID_STEPS_MAX];
    int nsteps;
};

/* One way to read the start of a word as a prefix: drop `skip` bytes, then
 * put `add` in front of what is left (the letter a nasal prefix replaced). */
struct pcand {
    const char *name;
    uint8_t skip;
    const char *add;
    int family;
};

struct search {
    sid_analysis best;
    int have; /* best holds a root */
    int done; /* best is attested: stop looking */
    const char *prefer; /* a root to take as soon as it is reached, or NULL */
    size_t prefer_len;
};

/* ---- prefixes ------------------------------------------------------------ */

#define CAND(name_, skip_, add_, fam_)                                        \
    do {                                                                      \
        if (n < MAX_CANDIDATES)                                               \
            out[n++] = (struct pcand){name_, skip_, add_, fam_};              \
    } while (0)

/* Lists the prefix readings of w in rule order (the numbers are the rules of
 * Asian et al. / Sastrawi).  Returns how many were written to out. */
static int prefix_candidates(const char *w, struct pcand *out)
{
    int n = 0;
    /* plain prefixes */
    if (starts(w, "di"))
        CAND("di-", 2, "", SID_FAM_DI);
    if (starts(w, "ke"))
        CAND("ke-", 2, "", SID_FAM_KE);
    if (starts(w, "se"))
        CAND("se-", 2, "", SID_FAM_SE);
    /* ber-, be- (rules 1-5) */
    if (starts(w, "ber")) {
        if (is_vowel(w[3])) {
            CAND("ber-", 3, "", SID_FAM_BER);
            CAND("be-", 2, "", SID_FAM_BER); /* be- before a root in r */
        } else if (is_cons(w[3]) && w[3] != 'r') {
            CAND("ber-", 3, "", SID_FAM_BER);
        }
    }
    if (starts(w, "belajar"))
        CAND("bel-", 3, "", SID_FAM_BER);
    if (starts(w, "be") && is_cons(w[2]) && w[2] != 'r' && w[2] != 'l' &&
        w[3] == 'e' && w[4] == 'r' && is_cons(w[5]))
        CAND("be-", 2, "", SID_FAM_BER); /* bekerja */
    /* ter-, te- (rules 6-9, 35) */
    if (starts(w, "ter")) {
        if (is_vowel(w[3])) {
            CAND("ter-", 3, "", SID_FAM_TER);
            CAND("te-", 2, "", SID_FAM_TER);
        } else if (is_cons(w[3]) && w[3] != 'r') {
            CAND("ter-", 3, "", SID_FAM_TER);
        }
    }
    if (starts(w, "te") && is_cons(w[2]) && w[2] != 'r' && w[3] == 'e' &&
        w[4] == 'r' && is_cons(w[5]))
        CAND("te-", 2, "", SID_FAM_TER);
    /* meN- (rules 10-19) */
    if (starts(w, "me")) {
        if (strchr("lrwy", w[2]) && w[2] && is_vowel(w[3]))
            CAND("me-", 2, "", SID_FAM_MEN);
        if (w[2] == 'm') {
            if (w[3] && strchr("bfv", w[3]))
                CAND("mem-", 3, "", SID_FAM_MEN);
            if (starts(w, "mempe"))
                CAND("mem-", 3, "", SID_FAM_MEN); /* memper-, mempe- */
            if (is_vowel(w[3]) || (w[3] == 'r' && is_vowel(w[4]))) {
                CAND("me-", 2, "", SID_FAM_MEN);     /* memakan: makan */
                CAND("mem-:p", 3, "p", SID_FAM_MEN); /* memukul: pukul */
            }
            if (w[3] == 'p' && is_vowel(w[4]) && w[4] != 'e')
                CAND("mem-", 3, "", SID_FAM_MEN); /* mempunyai */
        } else if (w[2] == 'n' && w[3] == 'g') {
            if (w[4] && strchr("ghqk", w[4]))
                CAND("meng-", 4, "", SID_FAM_MEN);
            if (is_vowel(w[4])) {
                CAND("meng-", 4, "", SID_FAM_MEN);
                CAND("meng-:k", 4, "k", SID_FAM_MEN);
                if (w[4] == 'e')
                    CAND("menge-", 5, "", SID_FAM_MEN); /* mengebom */
                CAND("me-", 2, "", SID_FAM_MEN);        /* menganga */
            }
        } else if (w[2] == 'n' && w[3] == 'y') {
            if (is_vowel(w[4])) {
                CAND("me-", 2, "", SID_FAM_MEN);
                CAND("meny-:s", 4, "s", SID_FAM_MEN);
            }
        } else if (w[2] == 'n') {
            if (w[3] && strchr("cdjsz", w[3]))
                CAND("men-", 3, "", SID_FAM_MEN);
            if (is_vowel(w[3])) {
                CAND("me-", 2, "", SID_FAM_MEN);
                CAND("men-:t", 3, "t", SID_FAM_MEN);
            }
            /* men- that kept the t of its root, common in loans and
             * everyday writing (mentaati, mentransfer) */
            if (w[3] == 't' && SID_RULE_ON(SID_R_NASAL_KEEP))
                CAND("men-", 3, "", SID_FAM_MEN);
        }
    }
    /* peN-, per-, pe- (rules 20-36) */
    if (starts(w, "pe")) {
        if (w[2] && strchr("wy", w[2]) && is_vowel(w[3]))
            CAND("pe-", 2, "", SID_FAM_PEN);
        if (w[2] == 'r') {
            if (is_vowel(w[3])) {
                CAND("per-", 3, "", SID_FAM_PER);
                CAND("pe-", 2, "", SID_FAM_PEN);
            } else if (is_cons(w[3]) && w[3] != 'r') {
                CAND("per-", 3, "", SID_FAM_PER);
            }
        } else if (w[2] == 'm') {
            if (w[3] && strchr("bfv", w[3]))
                CAND("pem-", 3, "", SID_FAM_PEN);
            if (is_vowel(w[3]) || (w[3] == 'r' && is_vowel(w[4]))) {
                CAND("pe-", 2, "", SID_FAM_PEN);
                CAND("pem-:p", 3, "p", SID_FAM_PEN);
            }
        } else if (w[2] == 'n' && w[3] == 'g') {
            if (is_cons(w[4]))
                CAND("peng-", 4, "", SID_FAM_PEN);
            if (is_vowel(w[4])) {
                CAND("peng-", 4, "", SID_FAM_PEN);
                CAND("peng-:k", 4, "k", SID_FAM_PEN);
                if (w[4] == 'e')
                    CAND("penge-", 5, "", SID_FAM_PEN);
            }
        } else if (w[2] == 'n' && w[3] == 'y') {
            if (is_vowel(w[4])) {
                CAND("pe-", 2, "", SID_FAM_PEN);
                CAND("peny-:s", 4, "s", SID_FAM_PEN);
            }
        } else if (w[2] == 'n') {
            if (w[3] && strchr("cdjz", w[3]))
                CAND("pen-", 3, "", SID_FAM_PEN);
            if (w[3] && strchr("st", w[3]) && SID_RULE_ON(SID_R_NASAL_KEEP))
                CAND("pen-", 3, "", SID_FAM_PEN); /* penstabil, pentaat */
            if (is_vowel(w[3])) {
                CAND("pe-", 2, "", SID_FAM_PEN);
                CAND("pen-:t", 3, "t", SID_FAM_PEN);
            }
        } else if (w[2] == 'l' && is_vowel(w[3])) {
            if (starts(w, "pelajar"))
                CAND("pel-", 3, "", SID_FAM_PEN);
            else
                CAND("pe-", 2, "", SID_FAM_PEN);
        } else if (is_cons(w[2]) && !strchr("rwylmn", w[2])) {
            CAND("pe-", 2, "", SID_FAM_PEN); /* pekerja, petani */
        }
    }
    /* ku-, kau- (rule 41); ketidak- */
    if (starts(w, "kau"))
        CAND("kau-", 3, "", SID_FAM_KU);
    else if (starts(w, "ku"))
        CAND("ku-", 2, "", SID_FAM_KU);
    if (starts(w, "tidak"))
        CAND("tidak-", 5, "", SID_FAM_NONE);
    return n;
}

/* ---- candidate evaluation ----------------------------------------------- */

/* Confixes that Indonesian does not form (Nazief-Adriani's disallowed
 * prefix/suffix pairs): a reading with one is never taken. */
static int disallowed_pair(int family, const char *suffix)
{
    if (family == SID_FAM_BER)
        return strcmp(suffix, "-i") == 0;
    if (family == SID_FAM_DI)
        return strcmp(suffix, "-an") == 0;
    if (family == SID_FAM_KE)
        return strcmp(suffix, "-kan") == 0;
    if (family == SID_FAM_MEN)
        return strcmp(suffix, "-an") == 0;
    if (family == SID_FAM_SE)
        return strcmp(suffix, "-i") == 0 || strcmp(suffix, "-kan") == 0;
    if (family == SID_FAM_TER)
        return strcmp(suffix, "-an") == 0;
    return 0;
}

/* The SID_SUF_* of a derivational suffix step's name. */
static int suffix_kind(const char *name)
{
    if (strcmp(name, "-kan") == 0)
        return SID_SUF_KAN;
    if (strcmp(name, "-an") == 0)
        return SID_SUF_AN;
    if (strcmp(name, "-i") == 0)
        return SID_SUF_I;
    return SID_SUF_NONE; /* -isasi, -isme: no flag speaks for them */
}

/* Does hunspell say a root with `bits` (SID_LEX_*) takes f's affixes?
 * One prefix: its family alone, or with the derivational suffix as a confix
 * (Mk for meN-...-kan), or alone with the suffix alone (M0 and k0).  Stacked
 * prefixes: any of their families.  No prefix: the suffix alone. */
static int attested(const struct form *f, uint64_t bits)
{
    if (bits & SID_LEX_EXTRA)
        return 1;
    int fams[SID_STEPS_MAX], nfam = 0;
    int suf = SID_SUF_NONE, deriv = 0, particle = 0;
    for (int i = 0; i < f->nsteps; i++) {
        const sid_step *s = &f->steps[i];
        if (s->kind == SID_STEP_PREFIX && s->family != SID_FAM_NONE)
            fams[nfam++] = s->family;
        else if (s->kind == SID_STEP_DERIV) {
            deriv = 1;
            suf = suffix_kind(s->name);
        } else if (s->kind == SID_STEP_CLITIC && strlen(s->name) == 4 &&
                   strcmp(s->name, "-nya") != 0)
            particle = 1; /* -lah -kah -tah -pun */
        else if (s->kind == SID_STEP_INFIX)
            return 0;
        /* SID_STEP_REDUP: a repeated first syllable says nothing about
         * which affixes the root takes; judge the rest. */
    }
    static const uint64_t alone[] = {0, SID_LEX_AN, SID_LEX_I, SID_LEX_KAN};
    if (nfam == 1) {
        int fam = fams[0];
        return (bits & SID_LEX_FAM(fam, suf)) != 0 ||
               (suf != SID_SUF_NONE &&
                (bits & SID_LEX_FAM(fam, SID_SUF_NONE)) &&
                (bits & alone[suf]));
    }
    if (nfam > 1) {
        for (int i = 0; i < nfam; i++)
            if (bits & SID_LEX_FAM_ANY(fams[i]))
                return 1;
        return 0;
    }
    if (deriv)
        return suf == SID_SUF_NONE || (bits & alone[suf]) != 0;
    /* Clitics go with any word, so no flag speaks for them; but a particle
     * cut off to leave a root hunspell knows nothing about (menikah: meni
     * -kah) is a weak reading: let a prefix reading beat it. */
    if (particle)
        return (bits & SID_LEX_FLAGGED) != 0;
    return 1;
}

/* Considers f as an analysis: keeps it when its root is in the lexicon and
 * it is better than what the search holds. */
static int popcount(uint64_t x)
{
    int n = 0;
    for (; x; x &= x - 1)
        n++;
    return n;
}

/* Whether f reads a word in -si as a root in s plus -i alone (clitics
 * aside).  Loans from -cy, -sion, -sis end in -si (agensi, fasilitasi,
 * politisi, Bekasi); a root in s takes -i alone only where hunspell's flags
 * say so (atasi), so score() refuses this reading when they do not. */
static int loan_si(const struct form *f)
{
    int i_alone = 0;
    for (int i = 0; i < f->nsteps; i++) {
        const sid_step *st = &f->steps[i];
        if (st->kind == SID_STEP_DERIV)
            i_alone = strcmp(st->name, "-i") == 0;
        else if (st->kind != SID_STEP_CLITIC)
            return 0;
    }
    return i_alone && f->len > 0 && f->w[f->len - 1] == 's';
}

/* How good a reading f is: -1 when it cannot be taken (its root is not in
 * the lexicon, or it pairs a prefix and a suffix Indonesian never pairs, or
 * an unattested root is too short), 0 for a root whose affixes hunspell does
 * not attest, and more for an attested one: 1 + the number of SID_LEX_*
 * bits of the root, so that a root hunspell describes richly (a common,
 * productive root) outranks a rare one. */
static int score(const struct search *s, const struct form *f)
{
    if (f->len < ROOT_MIN)
        return -1;
    uint64_t bits = sid_lexicon_lookup(f->w, f->len);
    if (!bits)
        return -1;
    /* belajar and pelajar are ber- and peR- before ajar (bel-, pel-, the
     * one irregular allomorph each has), though hunspell lists them. */
    if (SID_RULE_ON(SID_R_BEL) && f->len == 7 &&
        (!memcmp(f->w, "belajar", 7) || !memcmp(f->w, "pelajar", 7)))
        return -1;
    /* The outermost prefix and the derivational suffix must form a confix
     * Indonesian has. */
    int outer = SID_FAM_NONE;
    const char *deriv = NULL;
    for (int i = 0; i < f->nsteps; i++) {
        if (f->steps[i].kind == SID_STEP_PREFIX && outer == SID_FAM_NONE)
            outer = f->steps[i].family;
        if (f->steps[i].kind == SID_STEP_DERIV)
            deriv = f->steps[i].name;
    }
    if (deriv && disallowed_pair(outer, deriv))
        return -1;
    if (s->prefer && f->len == s->prefer_len &&
        memcmp(f->w, s->prefer, f->len) == 0)
        return 1000; /* the root the caller expects: take it */
    if (attested(f, bits))
        return 1 + popcount(bits);
    if (SID_RULE_ON(SID_R_LOAN_SI) && loan_si(f))
        return -1;
    return f->len <= SHORT_ROOT ? -1 : 0;
}

/* Keeps the reading f, of score sc, when it is better than what the search
 * holds: the first attested reading wins; failing any, the first root.
 * consider() scores f first. */
static void take(struct search *s, const struct form *f, int sc)
{
    if (s->done || sc < 0 || (s->have && sc == 0))
        return;
    memcpy(s->best.root, f->w, f->len + 1);
    s->best.len = f->len;
    memcpy(s->best.steps, f->steps, (size_t)f->nsteps * sizeof f->steps[0]);
    s->best.nsteps = f->nsteps;
    s->best.attested = sc > 0;
    s->have = 1;
    s->done = sc > 0;
}

static void consider(struct search *s, const struct form *f)
{
    if (!s->done)
        take(s, f, score(s, f));
}

/* Writes into *to the reading of f given by prefix candidate c.  Returns 0
 * when the result would be too short or have too many steps. */
static int apply_prefix(const struct form *f, const struct pcand *c,
                        struct form *to)
{
    size_t addn = strlen(c->add);
    if (f->len < (size_t)c->skip || f->len - c->skip + addn < ROOT_MIN ||
        f->nsteps == SID_STEPS_MAX)
        return 0;
    /* The same prefix twice (di-di-, ber-ber-) is not Indonesian, and di-,
     * meN-, ku- and kau- only ever come first (pengudara is not peng-ku-). */
    for (int i = 0; i < f->nsteps; i++)
        if (f->steps[i].kind == SID_STEP_PREFIX &&
            (f->steps[i].family == c->family || c->family == SID_FAM_DI ||
             c->family == SID_FAM_MEN || c->family == SID_FAM_KU))
            return 0;
    size_t rest = f->len - c->skip;
    memcpy(to->w, c->add, addn);
    memcpy(to->w + addn, f->w + c->skip, rest + 1);
    to->len = addn + rest;
    memcpy(to->steps, f->steps, (size_t)f->nsteps * sizeof f->steps[0]);
    to->nsteps = f->nsteps;
    to->steps[to->nsteps++] =
        (sid_step){c->name, c->family, SID_STEP_PREFIX};
    return 1;
}

/* Writes into *to the form f with `k` bytes cut from its end, recording a
 * step named `name`.  Returns 0 when that leaves too little. */
static int cut_suffix(const struct form *f, size_t k, const char *name,
                      uint8_t kind, struct form *to)
{
    if (f->len < k + ROOT_MIN || f->nsteps == SID_STEPS_MAX)
        return 0;
    *to = *f;
    to->len -= k;
    to->w[to->len] = '\0';
    to->steps[to->nsteps++] = (sid_step){name, SID_FAM_NONE, kind};
    return 1;
}

/* The successive suffix removals of f: particle, possessive, derivational
 * suffix, each only when present.  Fills st and returns how many. */
static int suffix_states(const struct form *f, struct form st[3])
{
    static const char *const particles[] = {"lah", "kah", "tah", "pun"};
    static const char *const particle_names[] = {"-lah", "-kah", "-tah",
                                                 "-pun"};
    static const char *const possessives[] = {"nya", "ku", "mu"};
    static const char *const possessive_names[] = {"-nya", "-ku", "-mu"};
    /* -isasi and -isme (borrowed: modernisasi, nasionalisme) before the
     * -i and -an they end like. */
    static const char *const derivs[] = {"isasi", "isme", "is",
                                         "kan",   "an",   "i"};
    static const char *const deriv_names[] = {"-isasi", "-isme", "-is",
                                              "-kan",   "-an",   "-i"};
    const struct form *cur = f;
    int n = 0;
    for (int i = 0; i < 4; i++)
        if (ends(cur->w, cur->len, particles[i])) {
            if (cut_suffix(cur, 3, particle_names[i], SID_STEP_CLITIC,
                           &st[n]))
                cur = &st[n++];
            break;
        }
    for (int i = 0; i < 3; i++)
        if (ends(cur->w, cur->len, possessives[i])) {
            if (cut_suffix(cur, strlen(possessives[i]), possessive_names[i],
                           SID_STEP_CLITIC, &st[n]))
                cur = &st[n++];
            break;
        }
    for (int i = 0; i < 6; i++)
        if (ends(cur->w, cur->len, derivs[i])) {
            if ((i == 0 && !SID_RULE_ON(SID_R_ISASI)) ||
                (i == 1 && !SID_RULE_ON(SID_R_ISME)))
                continue;
            /* -is only after -al: nasionalis, idealis (not habis, manis) */
            if (i == 2 && (!SID_RULE_ON(SID_R_IS) ||
                           !ends(cur->w, cur->len - 2, "al")))
                continue;
            if (cut_suffix(cur, strlen(derivs[i]), deriv_names[i],
                           SID_STEP_DERIV, &st[n]))
                cur = &st[n++];
            break;
        }
    return n;
}

/* Tries up to 3 stacked prefixes on f: at each depth every reading is
 * looked up before any is peeled further.  With `suffixes`, each reading's
 * suffix removals are tried too (for the be-lah, me-i ... confixes). */
static void prefix_chains(struct search *s, const struct form *f, int depth,
                          int suffixes)
{
    struct pcand c[MAX_CANDIDATES];
    struct form next[MAX_CANDIDATES];
    int n = prefix_candidates(f->w, c);
    int ok[MAX_CANDIDATES], sc[MAX_CANDIDATES];
    /* When several readings of this prefix reach attested roots (mengawal:
     * awal or kawal; beragam: agam or ragam), the richest root comes first. */
    int best = -1;
    for (int i = 0; i < n; i++) {
        ok[i] = apply_prefix(f, &c[i], &next[i]);
        sc[i] = ok[i] ? score(s, &next[i]) : -1;
        if (sc[i] > 0 && (best < 0 || sc[i] > sc[best]))
            best = i;
    }
    if (best >= 0)
        take(s, &next[best], sc[best]);
    for (int i = 0; i < n && !s->done; i++) {
        if (!ok[i])
            continue;
        take(s, &next[i], sc[i]);
        if (suffixes) {
            struct form st[3];
            int k = suffix_states(&next[i], st);
            for (int j = 0; j < k; j++)
                consider(s, &st[j]);
        }
    }
    if (depth + 1 >= 3)
        return;
    for (int i = 0; i < n && !s->done; i++)
        if (ok[i])
            prefix_chains(s, &next[i], depth + 1, suffixes);
}

/* The infixes -er- -el- -em- -in- (gerigi, telunjuk, gemetar, kinerja):
 * only ever a last resort, and only when the shorter word is a root. */
static void infixes(struct search *s, const struct form *f)
{
    static const char *const names[] = {"-er-", "-el-", "-em-", "-in-"};
    if (!is_cons(f->w[0]) || f->nsteps == SID_STEPS_MAX)
        return;
    for (int i = 0; i < 4; i++) {
        const char *inf = names[i] + 1;
        if (f->w[1] == inf[0] && f->w[2] == inf[1] && is_vowel(f->w[3]) &&
            f->len >= 2 + ROOT_MIN) {
            struct form g = *f;
            g.w[0] = f->w[0];
            memmove(g.w + 1, f->w + 3, f->len - 2);
            g.len = f->len - 2;
            g.steps[g.nsteps++] =
                (sid_step){names[i], SID_FAM_NONE, SID_STEP_INFIX};
            consider(s, &g);
        }
    }
}

/* Whether f has had the suffix -an cut. */
static int has_an(const struct form *f)
{
    for (int i = 0; i < f->nsteps; i++)
        if (f->steps[i].kind == SID_STEP_DERIV &&
            strcmp(f->steps[i].name, "-an") == 0)
            return 1;
    return 0;
}

/* Partial reduplication (dwipurwa): the first consonant repeated with e,
 * with -an the collective of the root (dedaunan, pepohonan, reruntuhan).
 * Without -an (pepaya, tetikus, jejaring, rerata) it mostly makes a word of
 * its own, so it is tried only when SID_R_CE_BARE is on.  A last resort,
 * and only when at least four letters remain. */
static void redup_ce(struct search *s, const struct form *f)
{
    if (!SID_RULE_ON(SID_R_CE_BARE) && !has_an(f))
        return;
    if (!is_cons(f->w[0]) || f->w[1] != 'e' || f->w[2] != f->w[0] ||
        f->len < 6 || f->nsteps == SID_STEPS_MAX)
        return;
    struct form g = *f;
    memmove(g.w, f->w + 2, f->len - 1);
    g.len = f->len - 2;
    g.steps[g.nsteps++] = (sid_step){"Ce-", SID_FAM_NONE, SID_STEP_REDUP};
    consider(s, &g);
}

/* Sastrawi's precedence rule: these confixes lose their prefix first. */
static int prefix_first(const char *w, size_t n)
{
    return (starts(w, "be") && (ends(w, n, "lah") || ends(w, n, "an"))) ||
           ((starts(w, "me") || starts(w, "di") || starts(w, "pe") ||
             starts(w, "ter")) &&
            ends(w, n, "i"));
}

int sid_rules_analyze(const char *word, size_t len, const char *prefer,
                      size_t prefer_len, sid_analysis *out)
{
    struct search s;
    s.have = s.done = 0;
    s.prefer = prefer;
    s.prefer_len = prefer_len;
    struct form f0;
    memcpy(f0.w, word, len);
    f0.w[len] = '\0';
    f0.len = len;
    f0.nsteps = 0;

    if (prefix_first(word, len))
        prefix_chains(&s, &f0, 0, 1);

    struct form st[3];
    int n = suffix_states(&f0, st);
    for (int i = 0; i < n; i++)
        consider(&s, &st[i]);
    const struct form *last = n ? &st[n - 1] : &f0;
    prefix_chains(&s, last, 0, 0);

    /* ECS: put the suffixes back one at a time, innermost first; a -kan may
     * have been -an after a root ending in k. */
    for (int i = n - 1; i >= 0 && !s.done; i--) {
        const sid_step *cut = &st[i].steps[st[i].nsteps - 1];
        if (strcmp(cut->name, "-kan") == 0) {
            struct form g = st[i];
            g.w[g.len++] = 'k';
            g.w[g.len] = '\0';
            g.steps[g.nsteps - 1].name = "-an";
            consider(&s, &g);
            prefix_chains(&s, &g, 0, 0);
        }
        const struct form *subject = i ? &st[i - 1] : &f0;
        prefix_chains(&s, subject, 0, 0);
    }
    if (!s.done && SID_RULE_ON(SID_R_CE)) {
        redup_ce(&s, last);
        redup_ce(&s, &f0);
    }
    if (!s.done) {
        infixes(&s, last);
        infixes(&s, &f0);
    }
    if (s.have)
        *out = s.best;
    return s.have;
}
