/*
 * The features of a candidate passage (features.h), computed by reading
 * the passage's text again: its words, where they stand, how they are
 * written.  The first pass (Xapian, BM25 over stems) has ranked the
 * passages; this looks at the best of them only, so it can afford what
 * an index lookup cannot: the exact forms, the order of the words, their
 * capitalisation.  README "Ranking" lists what each feature means.
 *
 * A passage word counts for a query word when their stems are equal (or,
 * for the exact features, when the word is the one typed).  Stemming every
 * word of a hundred passages would cost more than the search, so a word is
 * stemmed only when it contains the tail of a query stem (its stem without
 * the first letter, which a nasal prefix may change: memukul -> pukul),
 * and each distinct word of a query's candidates is looked at once (a
 * small cache).  Query words that are stopwords (di, ke, yang) are not
 * inflected and match their own forms only, and a stopword in a passage
 * is no form of another word (oleh is no form of memperoleh).
 */
#include "rank_features.h"
#include "alloc.h"

#include "stopwords.h"
#include "terms.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define MAX_SEQ 64          /* query words the order features look at */
#define PAIR_GAP 3          /* "in order, at most this far apart" */

static const char *const feature_names[CARI_F_COUNT] = {
    "bm25", "bm25_rel", "title_bm25", "cover", "cover_exact", "all_words", "pairs",
    "pairs_exact", "triples", "run", "window", "who", "when", "how_many", "where",
    "why", "answer_near", "first", "position", "length", "proximity", "lead", "rarest",
    "density", "bm25_exact",
};

size_t cari_feature_count(void) { return CARI_F_COUNT; }

const char *cari_feature_name(size_t i)
{
    return i < CARI_F_COUNT ? feature_names[i] : NULL;
}

/* ---- word lists (sorted, for cari_sorted_has) ------------------------------ */

/* Words that ask, and are no part of what is asked about. */
static const char *const question_words[] = {
    "apa", "apakah", "bagaimana", "bagaimanakah", "berapa", "berapakah", "bilamana",
    "darimana", "dimana", "dimanakah", "kapan", "kapankah", "kemana", "kenapa", "mana",
    "manakah", "mengapa", "siapa", "siapakah",
};

static const char *const months[] = {
    "agu", "agustus", "apr", "april", "des", "desember", "feb", "februari", "jan",
    "januari", "jul", "juli", "jun", "juni", "mar", "maret", "mei", "nopember", "nov",
    "november", "okt", "oktober", "sep", "september",
};

static const char *const days[] = {
    "ahad", "jum'at", "jumat", "kamis", "minggu", "rabu", "sabtu", "selasa", "senin",
};

static const char *const number_words[] = {
    "belas", "delapan", "dua", "empat", "enam", "juta", "lima", "miliar", "milyar",
    "puluh", "ratus", "ribu", "satu", "sebelas", "sejuta", "sembilan", "sepuluh",
    "seratus", "seribu", "tiga", "tujuh", "triliun",
};

/* Words after which a capitalised word names a place. */
static const char *const place_cues[] = {
    "benua", "dari", "daerah", "danau", "desa", "di", "gunung", "ibukota", "jalan",
    "kabupaten", "kawasan", "ke", "kecamatan", "kelurahan", "kota", "laut", "negara",
    "negeri", "provinsi", "pulau", "samudera", "samudra", "selat", "sungai", "teluk",
    "wilayah",
};

static const char *const reason_words[] = {
    "akibat", "akibatnya", "alasan", "alasannya", "dikarenakan", "disebabkan", "karena",
    "lantaran", "menyebabkan", "penyebab", "penyebabnya", "sebab", "sehingga",
};

#define HAS(list, w, l) cari_sorted_has(list, sizeof list / sizeof list[0], w, l)

cari_intent cari_intent_of(char *const *words, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const char *w = words[i];
        if (!strcmp(w, "siapa") || !strcmp(w, "siapakah"))
            return CARI_INTENT_WHO;
        if (!strcmp(w, "kapan") || !strcmp(w, "kapankah") || !strcmp(w, "bilamana"))
            return CARI_INTENT_WHEN;
        if (!strcmp(w, "berapa") || !strcmp(w, "berapakah")) {
            /* tahun berapa, tanggal berapa, abad ke berapa: a date */
            for (size_t k = i > 2 ? i - 2 : 0; k < i; k++)
                if (!strcmp(words[k], "tahun") || !strcmp(words[k], "tanggal") ||
                    !strcmp(words[k], "abad") || !strcmp(words[k], "bulan") ||
                    !strcmp(words[k], "hari"))
                    return CARI_INTENT_WHEN;
            return CARI_INTENT_HOW_MANY;
        }
        if (!strcmp(w, "dimana") || !strcmp(w, "dimanakah") || !strcmp(w, "mana") ||
            !strcmp(w, "manakah") || !strcmp(w, "kemana") || !strcmp(w, "darimana"))
            return CARI_INTENT_WHERE;
        if (!strcmp(w, "mengapa") || !strcmp(w, "kenapa"))
            return CARI_INTENT_WHY;
    }
    return CARI_INTENT_NONE;
}

/* ---- the cache of passage words ------------------------------------------- */

/* What a word is, whatever its place (computed once per distinct word). */
enum {
    K_CALENDAR = 1,      /* a month or day name */
    K_NUMBER = 2,        /* digits, or a number word */
    K_DATE = 4,          /* a year, a month or day name, abad */
    K_REASON = 8,        /* karena, sebab, akibat, ... */
    K_PLACE_CUE = 16,    /* di, ke, dari, kota, pulau, ... */
};

typedef struct {
    char *word;          /* NUL-terminated; NULL: empty slot */
    size_t len;
    int cls;             /* the query word (index into fq->w) it stems to, -1 */
    int exact;           /* the query word it is, as typed, -1 */
    int kind;            /* K_* */
} fslot;

struct fcache {
    fslot *v;
    size_t cap, n;       /* cap a power of two */
};

static uint64_t hash_bytes(const char *s, size_t len)
{
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
    return h;
}

/* The slot of word[0..len) (existing, or the empty one it would take). */
static fslot *cache_slot(struct fcache *c, const char *word, size_t len)
{
    size_t i = hash_bytes(word, len) & (c->cap - 1);
    while (c->v[i].word && (c->v[i].len != len || memcmp(c->v[i].word, word, len)))
        i = (i + 1) & (c->cap - 1);
    return &c->v[i];
}

/* Doubles the table.  Returns 0 or -1 when out of memory. */
static int cache_grow(struct fcache *c)
{
    size_t cap = c->cap ? 2 * c->cap : 256;
    fslot *old = c->v;
    size_t old_cap = c->cap;
    if (!(c->v = cari_calloc(cap, sizeof *c->v))) {
        c->v = old;
        return -1;
    }
    c->cap = cap;
    for (size_t i = 0; i < old_cap; i++)
        if (old[i].word)
            *cache_slot(c, old[i].word, old[i].len) = old[i];
    free(old);
    return 0;
}

static void cache_free(struct fcache *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->cap; i++)
        free(c->v[i].word);
    free(c->v);
    free(c);
}

static int is_year(const char *w, size_t len)
{
    if (len != 4 || strspn(w, "0123456789") < 4)
        return 0;
    int y = atoi(w);
    return y >= 1000 && y <= 2099;
}

/* The kind of the NUL-terminated word w (K_*). */
static int word_kind(const char *w, size_t len)
{
    int kind = 0;
    if (HAS(months, w, len) || HAS(days, w, len))
        kind |= K_CALENDAR | K_DATE;
    if (strpbrk(w, "0123456789") || HAS(number_words, w, len))
        kind |= K_NUMBER;
    if (is_year(w, len) || !strcmp(w, "abad"))
        kind |= K_DATE;
    if (HAS(reason_words, w, len))
        kind |= K_REASON;
    if (HAS(place_cues, w, len))
        kind |= K_PLACE_CUE;
    return kind;
}

/* The cache's entry for the passage word term[0..len): the query word it
 * is or stems to, and its kind; NULL when out of memory. */
static const fslot *word_info(cari_db *db, cari_fquery *fq, const char *term, size_t len)
{
    struct fcache *c = fq->cache;
    if (c->n * 2 >= c->cap && cache_grow(c))
        return NULL;
    fslot *s = cache_slot(c, term, len);
    if (s->word)
        return s;
    int cls = -1, exact = -1;
    for (size_t j = 0; j < fq->n && exact < 0; j++)
        if (strlen(fq->w[j].word) == len && !memcmp(fq->w[j].word, term, len))
            cls = exact = (int)j;
    /* A function word in the passage is no form of a content word whose
     * stem it is (oleh is no form of memperoleh). */
    for (size_t j = 0; j < fq->n && cls < 0; j++) {
        const cari_fword *w = &fq->w[j];
        if (!w->tail || !memmem(term, len, w->tail, w->tail_len) || cari_is_stopword(term, len))
            continue;
        size_t got;
        const char *stem = cari_stem_term(db->stemmer, term, len, &got);
        if (!stem)
            return NULL;
        for (size_t k = 0; k < fq->n && cls < 0; k++)
            if (strlen(fq->w[k].stem) == got && !memcmp(fq->w[k].stem, stem, got))
                cls = (int)k;
        break;
    }
    if (!(s->word = cari_strndup(term, len)))
        return NULL;
    s->len = len;
    s->cls = cls;
    s->exact = exact;
    s->kind = fq->intent != CARI_INTENT_NONE ? word_kind(s->word, len) : 0;
    c->n++;
    return s;
}

/* ---- the query ------------------------------------------------------------- */

void cari_fquery_clear(cari_fquery *fq)
{
    for (size_t i = 0; i < fq->n; i++) {
        free(fq->w[i].word);
        free(fq->w[i].stem);
    }
    free(fq->w);
    free(fq->seq);
    free(fq->cls);
    cache_free(fq->cache);
    memset(fq, 0, sizeof *fq);
}

cari_status cari_fquery_init(cari_db *db, const cari_query *q, double k1, cari_fquery *out)
{
    char term[CARI_TERM_MAX + 1];
    xc_err *err = NULL;
    memset(out, 0, sizeof *out);
    out->k1 = k1;
    size_t nq = q->n_qwords < MAX_SEQ ? q->n_qwords : MAX_SEQ;
    char **typed = cari_malloc((nq ? nq : 1) * sizeof *typed);
    out->w = cari_calloc(nq ? nq : 1, sizeof *out->w);
    out->seq = cari_malloc((nq ? nq : 1) * sizeof *out->seq);
    out->cls = cari_malloc((nq ? nq : 1) * sizeof *out->cls);
    out->cache = cari_calloc(1, sizeof *out->cache);
    if (!typed || !out->w || !out->seq || !out->cls || !out->cache || cache_grow(out->cache)) {
        free(typed);
        return cari_fail(&db->error, CARI_NOMEM, "out of memory");
    }
    for (size_t i = 0; i < nq; i++)
        typed[i] = q->qwords[i].word;
    out->intent = cari_intent_of(typed, nq);
    free(typed);
    double n_docs = xc_rdb_doccount(db->r, &err);
    int any_content = 0;
    for (size_t i = 0; i < nq && !err; i++) {
        const char *word = q->qwords[i].word;
        size_t wl = strlen(word), sl;
        if (HAS(question_words, word, wl))
            continue;   /* no part of the answer's words */
        size_t j = 0;
        while (j < out->n && strcmp(out->w[j].word, word))
            j++;
        if (j == out->n) {
            const char *stem = cari_stem_term(db->stemmer, word, wl, &sl);
            cari_fword *w = &out->w[out->n];
            if (!stem || !(w->word = cari_strdup(word)))
                return cari_fail(&db->error, CARI_NOMEM, "out of memory");
            out->n++; /* from here cari_fquery_clear() frees its strings */
            if (!(w->stem = cari_strndup(stem, sl)))
                return cari_fail(&db->error, CARI_NOMEM, "out of memory");
            w->content = !cari_is_stopword(word, wl);
            /* Passage words are stemmed only when they hold this tail
             * (none for a stopword, which matches its own form only). */
            if (!cari_is_stopword(word, wl)) {
                w->tail = sl >= 3 ? w->stem + 1 : w->stem;
                w->tail_len = strlen(w->tail);
            }
            any_content |= w->content;
            cari_make_term(term, CARI_PREFIX_STEM, w->stem, sl);
            double df = xc_rdb_termfreq(db->r, term, &err);
            w->idf = log(1 + (n_docs - df + 0.5) / (df + 0.5));
        }
        out->seq[out->n_seq++] = j;
    }
    if (err)
        return cari_fail_xc(&db->error, err, db->path);
    /* Words that share a stem are one word for the features: the later
     * ones point at the first (by stem, below). */
    for (size_t j = 0; j < out->n; j++) {
        if (!any_content)
            out->w[j].content = 1;
        out->cls[j] = (int)j;
        for (size_t k = 0; k < j; k++)
            if (!strcmp(out->w[k].stem, out->w[j].stem)) {
                out->w[j].content = 0;   /* counted once, as k */
                out->cls[j] = (int)k;
                break;
            }
        if (out->w[j].content)
            out->idf_sum += out->w[j].idf;
    }
    return CARI_OK;
}

/* The first query word with the stem of word j. */
static int stem_class(const cari_fquery *fq, int j)
{
    return fq->cls[j];
}

/* ---- a passage's words ----------------------------------------------------- */

enum { T_NAME = 1, T_DATE = 2, T_NUMBER = 4, T_PLACE = 8, T_REASON = 16 };

typedef struct {
    int cls;             /* stem class (index into fq->w), -1 none */
    int exact;           /* the word typed, as an index into fq->w, -1 */
    int types;           /* T_* of a word that is no query word */
} ftok;

typedef struct {
    cari_db *db;
    cari_fquery *fq;
    const char *text;
    ftok *v;
    size_t n, cap;
    size_t prev_end;     /* end of the previous word */
    int prev_place;      /* the previous word was a place cue or place */
    int rc;
} scan;

/* Whether text[from..to) (between two words) ends a sentence. */
static int sentence_break(const char *text, size_t from, size_t to)
{
    if (from == 0)
        return 1;
    for (size_t i = from; i < to; i++) {
        unsigned char c = (unsigned char)text[i];
        if (c == '.' || c == '!' || c == '?' || c == ':' || c == '"' || c == '\n')
            return 1;
        if (c == 0xE2 && i + 2 < to && (unsigned char)text[i + 1] == 0x80 &&
            (unsigned char)text[i + 2] == 0x9C) /* “ */
            return 1;
    }
    return 0;
}

static int add_token(void *ctx, const cari_token *tok)
{
    scan *s = ctx;
    if (s->n == s->cap) {
        size_t cap = s->cap ? 2 * s->cap : 128;
        ftok *v = cari_realloc(s->v, cap * sizeof *v);
        if (!v)
            return s->rc = CARI_NOMEM;
        s->v = v;
        s->cap = cap;
    }
    ftok *t = &s->v[s->n++];
    const fslot *info = word_info(s->db, s->fq, tok->term, tok->term_len);
    if (!info)
        return s->rc = CARI_NOMEM;
    t->cls = info->cls >= 0 ? stem_class(s->fq, info->cls) : -1;
    t->exact = info->exact;
    t->types = 0;
    int kind = info->kind;
    int caps = s->text[tok->start] >= 'A' && s->text[tok->start] <= 'Z';
    int place = 0;
    int starts = sentence_break(s->text, s->prev_end, tok->start) && !tok->joined;
    if (t->cls < 0) {
        if (kind & K_NUMBER)
            t->types |= T_NUMBER;
        if (kind & K_DATE)
            t->types |= T_DATE;
        if (caps && !starts && !(kind & K_CALENDAR))
            t->types |= T_NAME;
        if (caps && !(kind & K_CALENDAR) && s->prev_place && !starts)
            t->types |= T_PLACE, place = 1;
        if (kind & K_REASON)
            t->types |= T_REASON;
    }
    /* di, ke, kota...: a cue, lower-case or opening a sentence; a place
     * goes on over the capitalised words after it (Jawa Barat). */
    s->prev_place = place || ((kind & K_PLACE_CUE) && (!caps || starts)) ||
                    (caps && s->prev_place && !starts);
    s->prev_end = tok->end;
    return 0;
}

/* ---- the features ---------------------------------------------------------- */

/* BM25 of the content words among toks[0..n) (a title). */
static double title_bm25(const cari_fquery *fq, const ftok *v, size_t n)
{
    double sum = 0;
    for (size_t j = 0; j < fq->n; j++) {
        if (!fq->w[j].content)
            continue;
        double tf = 0;
        for (size_t i = 0; i < n; i++)
            tf += v[i].cls == (int)j;
        if (tf > 0)
            sum += fq->w[j].idf * tf * (fq->k1 + 1) / (tf + fq->k1);
    }
    return sum;
}

/* Whether the typed words seq[i..i+k) stand in order at v[p..p+k) (by stem),
 * for some p. */
static int adjacent(const cari_fquery *fq, const ftok *v, size_t n, size_t i, size_t k)
{
    for (size_t p = 0; p + k <= n; p++) {
        size_t j = 0;
        while (j < k && v[p + j].cls == stem_class(fq, (int)fq->seq[i + j]))
            j++;
        if (j == k)
            return 1;
    }
    return 0;
}

/* The order and nearness features into out. */
static void order_features(const cari_fquery *fq, const ftok *v, size_t n, double *out)
{
    /* Pairs of adjacent content words of the query, in order, near. */
    size_t cseq[MAX_SEQ], nc = 0;
    for (size_t i = 0; i < fq->n_seq; i++) {
        int c = stem_class(fq, (int)fq->seq[i]);
        if (fq->w[c].content && (!nc || cseq[nc - 1] != (size_t)c))
            cseq[nc++] = (size_t)c;
    }
    size_t found = 0;
    for (size_t i = 0; i + 1 < nc; i++) {
        int hit = 0;
        for (size_t p = 0; p < n && !hit; p++)
            if (v[p].cls == (int)cseq[i])
                for (size_t d = 1; d <= PAIR_GAP && p + d < n && !hit; d++)
                    hit = v[p + d].cls == (int)cseq[i + 1];
        found += hit;
    }
    out[CARI_F_PAIRS] = nc > 1 ? (double)found / (double)(nc - 1) : 0;

    /* Every typed word (stopwords too): pairs as typed, triples and runs by stem. */
    size_t ns = fq->n_seq;
    found = 0;
    for (size_t i = 0; i + 1 < ns; i++) {
        int hit = 0;
        for (size_t p = 0; p + 1 < n && !hit; p++)
            hit = v[p].exact == (int)fq->seq[i] && v[p + 1].exact == (int)fq->seq[i + 1];
        found += hit;
    }
    out[CARI_F_PAIRS_EXACT] = ns > 1 ? (double)found / (double)(ns - 1) : 0;
    found = 0;
    for (size_t i = 0; i + 2 < ns; i++)
        found += adjacent(fq, v, n, i, 3);
    out[CARI_F_TRIPLES] = ns > 2 ? (double)found / (double)(ns - 2) : 0;
    size_t run[MAX_SEQ] = {0}, best = 0;
    for (size_t p = 0; p < n; p++)
        for (size_t i = ns; i-- > 0;) {
            run[i] = v[p].cls >= 0 && v[p].cls == stem_class(fq, (int)fq->seq[i])
                         ? (i ? run[i - 1] : 0) + 1
                         : 0;
            if (run[i] > best)
                best = run[i];
        }
    out[CARI_F_RUN] = ns > 1 && best > 1 ? (double)best / (double)ns : 0;

    /* The smallest window holding every content word the passage has. */
    size_t want = 0;
    size_t count[MAX_SEQ] = {0};
    for (size_t p = 0; p < n; p++)
        if (v[p].cls >= 0 && fq->w[v[p].cls].content && !count[v[p].cls]++)
            want++;
    out[CARI_F_WINDOW] = 0;
    if (want > 1) {
        memset(count, 0, sizeof count);
        size_t have = 0, from = 0, bestw = n + 1;
        for (size_t p = 0; p < n; p++) {
            int c = v[p].cls;
            if (c < 0 || !fq->w[c].content)
                continue;
            have += !count[c]++;
            while (have == want) {
                int f = v[from].cls;
                if (f >= 0 && fq->w[f].content) {
                    if (p - from + 1 < bestw)
                        bestw = p - from + 1;
                    if (!--count[f])
                        have--;
                }
                from++;
            }
        }
        out[CARI_F_WINDOW] = (double)want / (double)bestw;
    }
}

#define LEAD_WORDS 12

/* Proximity, lead, rarest and density into out. */
static void spread_features(const cari_fquery *fq, const ftok *v, size_t n, double *out)
{
    /* The last place of each content word as the passage is read: each
     * word's nearest neighbour of every other word, to its left. */
    size_t last[MAX_SEQ];
    double near[MAX_SEQ][MAX_SEQ];   /* 1 / the least distance seen */
    int lead[MAX_SEQ] = {0};
    size_t matched = 0;
    for (size_t j = 0; j < fq->n; j++) {
        last[j] = (size_t)-1;
        for (size_t k = 0; k < fq->n; k++)
            near[j][k] = 0;
    }
    for (size_t p = 0; p < n; p++) {
        int c = v[p].cls;
        if (c < 0 || !fq->w[c].content)
            continue;
        matched++;
        if (p < LEAD_WORDS)
            lead[c] = 1;
        for (size_t k = 0; k < fq->n; k++)
            if ((int)k != c && last[k] != (size_t)-1) {
                double d = 1.0 / (double)(p - last[k]);
                if (d > near[c][k])
                    near[c][k] = near[k][c] = d;
            }
        last[c] = p;
    }
    double prox = 0, pairs = 0, lead_idf = 0, rare_idf = -1;
    int rare_held = 0;
    for (size_t j = 0; j < fq->n; j++) {
        if (!fq->w[j].content)
            continue;
        lead_idf += lead[j] ? fq->w[j].idf : 0;
        if (fq->w[j].idf > rare_idf) {
            rare_idf = fq->w[j].idf;
            rare_held = last[j] != (size_t)-1;
        }
        for (size_t k = j + 1; k < fq->n; k++) {
            if (!fq->w[k].content)
                continue;
            double w = fq->w[j].idf < fq->w[k].idf ? fq->w[j].idf : fq->w[k].idf;
            prox += w * near[j][k];
            pairs += w;
        }
    }
    out[CARI_F_PROXIMITY] = pairs > 0 ? prox / pairs : 0;
    out[CARI_F_LEAD] = fq->idf_sum > 0 ? lead_idf / fq->idf_sum : 0;
    out[CARI_F_RAREST] = rare_held;
    out[CARI_F_DENSITY] = n ? (double)matched / (double)n : 0;
}

/* BM25 of the typed forms (every word but the question words, by their
 * stem's idf), over the passage's n words. */
static double exact_bm25(const cari_fquery *fq, const ftok *v, size_t n)
{
    double tf[MAX_SEQ] = {0}, sum = 0;
    for (size_t p = 0; p < n; p++)
        if (v[p].exact >= 0)
            tf[v[p].exact]++;
    double norm = 0.25 + 0.75 * (double)n / 80.0;
    for (size_t j = 0; j < fq->n; j++)
        if (tf[j] > 0) {
            double t = tf[j] / norm;
            sum += fq->w[fq->cls[j]].idf * t * (fq->k1 + 1) / (t + fq->k1);
        }
    return sum;
}

/* The intent features into out. */
static void intent_features(const cari_fquery *fq, const ftok *v, size_t n, double *out)
{
    static const int want[] = {0, T_NAME, T_DATE, T_NUMBER, T_PLACE, T_REASON};
    static const int feature[] = {0, CARI_F_WHO, CARI_F_WHEN, CARI_F_HOW_MANY, CARI_F_WHERE,
                                  CARI_F_WHY};
    out[CARI_F_ANSWER_NEAR] = 0;
    if (fq->intent == CARI_INTENT_NONE)
        return;
    int type = want[fq->intent];
    size_t last_match = (size_t)-1, nearest = (size_t)-1;
    int any = 0;
    /* Forward and backward: the distance to the nearest content match. */
    for (size_t p = 0; p < n; p++) {
        if (v[p].cls >= 0 && fq->w[v[p].cls].content)
            last_match = p;
        if (v[p].types & type) {
            any = 1;
            if (last_match != (size_t)-1 && p - last_match < nearest)
                nearest = p - last_match;
        }
    }
    last_match = (size_t)-1;
    for (size_t p = n; p-- > 0;) {
        if (v[p].cls >= 0 && fq->w[v[p].cls].content)
            last_match = p;
        if ((v[p].types & type) && last_match != (size_t)-1 && last_match - p < nearest)
            nearest = last_match - p;
    }
    out[feature[fq->intent]] = any;
    if (nearest != (size_t)-1)
        out[CARI_F_ANSWER_NEAR] = 1.0 / (double)nearest;
}

/* Tokenizes text[0..len) into s (reset first).  Returns a status. */
static cari_status scan_text(scan *s, const char *text, size_t len)
{
    s->text = text;
    s->n = 0;
    s->prev_end = 0;
    s->prev_place = 0;
    s->rc = 0;
    int rc = cari_tokenize(text, len, add_token, s);
    return s->rc ? (cari_status)s->rc : rc ? CARI_NOMEM : CARI_OK;
}

cari_status cari_features(cari_db *db, cari_fquery *fq, const char *text, size_t len,
                          const char *title, size_t title_len, unsigned passage, double bm25,
                          double best_bm25, double *out)
{
    memset(out, 0, CARI_F_COUNT * sizeof *out);
    scan s = {db, fq, NULL, NULL, 0, 0, 0, 0, 0};
    int held[MAX_SEQ] = {0}, held_exact[MAX_SEQ] = {0};
    cari_status st = CARI_OK;
    if (title && (st = scan_text(&s, title, title_len)) == CARI_OK) {
        out[CARI_F_TITLE_BM25] = title_bm25(fq, s.v, s.n);
        for (size_t p = 0; p < s.n; p++) {
            if (s.v[p].cls >= 0)
                held[s.v[p].cls] = 1;
            if (s.v[p].exact >= 0)
                held_exact[stem_class(fq, s.v[p].exact)] = 1;
        }
    }
    if (!st)
        st = scan_text(&s, text, len);
    if (st) {
        free(s.v);
        return st;
    }
    for (size_t p = 0; p < s.n; p++) {
        if (s.v[p].cls >= 0)
            held[s.v[p].cls] = 1;
        if (s.v[p].exact >= 0)
            held_exact[stem_class(fq, s.v[p].exact)] = 1;
    }
    out[CARI_F_BM25] = bm25;
    out[CARI_F_BM25_REL] = best_bm25 > 0 ? bm25 / best_bm25 : 0;
    double cover = 0, exact = 0;
    int all = 1;
    for (size_t j = 0; j < fq->n; j++) {
        if (!fq->w[j].content)
            continue;
        cover += held[j] ? fq->w[j].idf : 0;
        exact += held_exact[j] ? fq->w[j].idf : 0;
        all &= held[j];
    }
    if (fq->idf_sum > 0) {
        out[CARI_F_COVER] = cover / fq->idf_sum;
        out[CARI_F_COVER_EXACT] = exact / fq->idf_sum;
    }
    out[CARI_F_ALL_WORDS] = fq->idf_sum > 0 && all;
    order_features(fq, s.v, s.n, out);
    spread_features(fq, s.v, s.n, out);
    out[CARI_F_BM25_EXACT] = exact_bm25(fq, s.v, s.n);
    intent_features(fq, s.v, s.n, out);
    out[CARI_F_FIRST] = passage <= 1;
    out[CARI_F_POSITION] = 1.0 / (passage ? passage : 1);
    out[CARI_F_LENGTH] = log(1.0 + (double)s.n);
    free(s.v);
    return CARI_OK;
}
