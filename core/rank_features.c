/*
 * The features of a candidate passage (rank_features.h), computed from
 * its rank data (rankdata.c): for each of its words, hashes of the word
 * and of its stem and the kind of answer it is, kept when the passage was
 * indexed.  The first pass (Xapian, BM25 over stems) has ranked the
 * passages; this looks at the best of them only, so it can afford what an
 * index lookup cannot: the exact forms, the order of the words, what
 * kind of answer stands near them.  README "Ranking" lists what each
 * feature means.
 *
 * A passage word counts for a query word when their stems are equal (or,
 * for the exact features, when the word is the one typed).  Query words
 * that are stopwords (di, ke, yang) are not inflected and match their own
 * forms only, and a stopword in a passage is no form of another word
 * (oleh is no form of memperoleh).
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

/* ---- word lists (sorted, for cari_sorted_has) ------------------------------ */

/* Words that ask, and are no part of what is asked about. */
static const char *const question_words[] = {
    "apa", "apakah", "bagaimana", "bagaimanakah", "berapa", "berapakah", "bilamana",
    "darimana", "dimana", "dimanakah", "kapan", "kapankah", "kemana", "kenapa", "mana",
    "manakah", "mengapa", "siapa", "siapakah",
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
    free(fq->words.v);
    free(fq->toks);
    memset(fq, 0, sizeof *fq);
}

cari_status cari_fquery_init(cari_db *db, const cari_query *q, double k1, cari_fquery *out)
{
    char term[CARI_TERM_MAX + 1];
    xc_err *err = NULL;
    memset(out, 0, sizeof *out);
    out->k1 = k1;
    size_t nq = q->n_qwords < MAX_SEQ ? q->n_qwords : MAX_SEQ;
    char **typed = cari_calloc(nq ? nq : 1, sizeof *typed);
    out->w = cari_calloc(nq ? nq : 1, sizeof *out->w);
    out->seq = cari_malloc((nq ? nq : 1) * sizeof *out->seq);
    out->cls = cari_malloc((nq ? nq : 1) * sizeof *out->cls);
    if (!typed || !out->w || !out->seq || !out->cls) {
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
            /* Counted first, so that cari_fquery_clear() frees a word
             * whose stem could not be copied. */
            cari_fword *w = &out->w[out->n++];
            if (!stem || !(w->word = cari_strdup(word)) || !(w->stem = cari_strndup(stem, sl)))
                return cari_fail(&db->error, CARI_NOMEM, "out of memory");
            w->content = !cari_is_stopword(word, wl);
            /* A stopword matches its own form only. */
            w->by_stem = !cari_is_stopword(word, wl);
            w->hform = cari_rank_hash(word, wl);
            w->hstem = cari_rank_hash(stem, sl);
            any_content |= w->content;
            cari_make_term(term, CARI_PREFIX_STEM, w->stem, sl);
            double df = xc_rdb_termfreq(db->r, term, &err);
            w->idf = log(1 + (n_docs - df + 0.5) / (df + 0.5));
        }
        out->seq[out->n_seq++] = j;
    }
    if (err)
        return cari_reader_fail(db, err);
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

typedef struct ftok {
    int cls;             /* stem class (index into fq->w), -1 none */
    int exact;           /* the word typed, as an index into fq->w, -1 */
    int types;           /* CARI_T_* of a word that is no query word */
} ftok;

/* The query words that the rank data's words v[0..n) are, into t[0..n). */
static void match_words(const cari_fquery *fq, const cari_rword *v, size_t n, ftok *t)
{
    for (size_t p = 0; p < n; p++) {
        int cls = -1, exact = -1;
        for (size_t j = 0; j < fq->n; j++)
            if (fq->w[j].hform == v[p].form) {
                cls = exact = (int)j;
                break;
            }
        /* A function word in the passage is no form of a content word whose
         * stem it is (oleh is no form of memperoleh). */
        for (size_t j = 0; j < fq->n && cls < 0 && !v[p].stopword; j++)
            if (fq->w[j].by_stem && fq->w[j].hstem == v[p].stem)
                cls = (int)j;
        t[p].cls = cls >= 0 ? stem_class(fq, cls) : -1;
        t[p].exact = exact;
        t[p].types = cls < 0 ? v[p].types : 0;
    }
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
    static const int want[] = {0, CARI_T_NAME, CARI_T_DATE, CARI_T_NUMBER, CARI_T_PLACE,
                               CARI_T_REASON};
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

cari_status cari_features(cari_fquery *fq, const char *rank, size_t len, double bm25,
                          double best_bm25, double *out)
{
    memset(out, 0, CARI_F_COUNT * sizeof *out);
    int rc = cari_rankdata_decode(rank, len, &fq->words);
    if (rc)
        return rc == -1 ? CARI_CORRUPT : CARI_NOMEM;
    size_t n_text = fq->words.n_text, n_all = fq->words.n;
    unsigned passage = fq->words.passage;
    if (n_all > fq->toks_cap) {
        ftok *t = cari_realloc(fq->toks, n_all * sizeof *t);
        if (!t)
            return CARI_NOMEM;
        fq->toks = t;
        fq->toks_cap = n_all;
    }
    ftok *v = fq->toks, *title = fq->toks + n_text;
    size_t n = n_text, n_title = n_all - n_text;
    match_words(fq, fq->words.v, n_all, v);
    int held[MAX_SEQ] = {0}, held_exact[MAX_SEQ] = {0};
    out[CARI_F_TITLE_BM25] = title_bm25(fq, title, n_title);
    for (size_t p = 0; p < n_all; p++) {
        if (v[p].cls >= 0)
            held[v[p].cls] = 1;
        if (v[p].exact >= 0)
            held_exact[stem_class(fq, v[p].exact)] = 1;
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
    order_features(fq, v, n, out);
    spread_features(fq, v, n, out);
    out[CARI_F_BM25_EXACT] = exact_bm25(fq, v, n);
    intent_features(fq, v, n, out);
    out[CARI_F_FIRST] = passage <= 1;
    out[CARI_F_POSITION] = 1.0 / (passage ? passage : 1);
    out[CARI_F_LENGTH] = log(1.0 + (double)n);
    return CARI_OK;
}
