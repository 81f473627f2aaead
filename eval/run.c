/* Running one configuration over one query set: see run.h. */
#define _GNU_SOURCE
#include "run.h"
#include "fail.h"

#include "cari.h"
#include "metrics.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Hits asked for first.  cari splits passages longer than 120 words, so
 * one corpus passage can give several hits; per_article = 1 makes Xapian
 * keep only the best of them, so EVAL_DEPTH hits are EVAL_DEPTH passages.
 * The loop below still skips repeats and asks for more when a result set
 * falls short, so the ranking stays right without that option. */
#define FIRST_LIMIT EVAL_DEPTH
#define MAX_LIMIT (EVAL_DEPTH * 64)

/* The ranked passages of one query. */
typedef struct {
    size_t passage[EVAL_DEPTH];  /* corpus indices, best first */
    double score[EVAL_DEPTH];
    size_t n;
} ranking;

/* What the threads share: each takes the queries i with i % n_threads ==
 * its number and fills rankings[i]. */
typedef struct {
    const char *index;
    const eval_config *cfg;
    const cari_synonyms *syn;
    const eval_corpus *c;
    const eval_set *set;
    ranking *rankings;
    unsigned n_threads;
} job;

typedef struct {
    const job *job;
    unsigned t;
    size_t n_empty;
    char *err;
} worker;


/* Ranks the passages of one query into *r.  `seen` has a slot per corpus
 * passage; a passage is taken when its slot differs from `stamp`.
 * Returns 0, or -1 with w->err set. */
static int rank_query(worker *w, cari_db *db, const cari_search_options *base,
                      const eval_query *q, unsigned *seen, unsigned stamp, ranking *r)
{
    const eval_corpus *c = w->job->c;
    cari_search_options opts = *base;
    r->n = 0;
    for (opts.limit = FIRST_LIMIT;; opts.limit *= 2) {
        cari_results *res = NULL;
        cari_status st = cari_search(db, q->text, &opts, &res);
        if (st == CARI_INVALID) {   /* a query without words */
            w->n_empty++;
            return 0;
        }
        if (st)
            return eval_fail(&w->err, "%s: query %s: %s", w->job->index, q->id, cari_errmsg(db));
        size_t n = cari_results_count(res);
        r->n = 0;
        stamp++;   /* a fresh mark for each attempt, see the caller */
        for (size_t i = 0; i < n && r->n < EVAL_DEPTH; i++) {
            const cari_hit *h = cari_results_hit(res, i);
            size_t p;
            if (!cli_strmap_get(&c->by_id, h->article, &p) || seen[p] == stamp)
                continue;
            seen[p] = stamp;
            r->passage[r->n] = p;
            r->score[r->n++] = h->score;
        }
        cari_results_free(res);
        if (r->n == EVAL_DEPTH || n < opts.limit || opts.limit >= MAX_LIMIT)
            break;
    }
    if (!r->n)
        w->n_empty++;
    return 0;
}

static void *work(void *arg)
{
    worker *w = arg;
    const job *j = w->job;
    cari_db *db = NULL;
    unsigned *seen = calloc(j->c->n ? j->c->n : 1, sizeof *seen);
    cari_status st = cari_open(&db, j->index, CARI_OPEN_READ | eval_stemmer_flag(j->cfg->stemmer));
    if (!seen) {
        eval_fail(&w->err, "out of memory");
    } else if (st) {
        eval_fail(&w->err, "%s: %s", j->index, db ? cari_errmsg(db) : cari_status_str(st));
    } else {
        cari_search_options opts;
        cari_search_options_init(&opts, CARI_SEARCH_OPTIONS_VERSION);
        opts.k1 = j->cfg->k1;
        opts.keep_stopwords = j->cfg->keep_stopwords;
        opts.feedback = j->cfg->feedback;
        opts.title_weight = 0;   /* passages have no titles */
        opts.per_article = 1;    /* one hit per corpus passage */
        opts.no_snippets = 1;    /* ids, scores and text are all it reads */
        opts.rank = CARI_RANK_BM25; /* the configurations are BM25's (the
                                       learned ranking: cari-train) */
        if (j->cfg->synonyms)
            opts.synonyms = j->syn;
        /* A query searches at most log2(MAX_LIMIT / FIRST_LIMIT) + 1 < 16
         * times; give each attempt of each query its own stamp. */
        unsigned stamp = 0;
        for (size_t i = w->t; i < j->set->n && !w->err; i += j->n_threads) {
            if (rank_query(w, db, &opts, &j->set->q[i], seen, stamp, &j->rankings[i]))
                break;
            stamp += 16;
        }
    }
    cari_close(db);
    free(seen);
    return NULL;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Scores the rankings and writes the run file. */
static void score(const job *j, FILE *run, const char *tag, eval_scores *out)
{
    int gains[EVAL_DEPTH];
    const char *texts[EVAL_CUTOFF];
    for (size_t i = 0; i < j->set->n; i++) {
        const eval_query *q = &j->set->q[i];
        const ranking *r = &j->rankings[i];
        for (size_t k = 0; k < r->n; k++) {
            gains[k] = eval_gain(q, r->passage[k]);
            if (k < EVAL_CUTOFF)
                texts[k] = j->c->v[r->passage[k]].folded;
            if (run)
                fprintf(run, "%s Q0 %s %zu %.6f %s\n", q->id, j->c->v[r->passage[k]].id, k + 1,
                        r->score[k], tag);
        }
        if (q->n_rel) {
            out->rr[i] = eval_rr(gains, r->n, EVAL_CUTOFF);
            out->mrr += out->rr[i];
            out->ndcg += eval_ndcg(gains, r->n, q->ideal, q->n_rel, EVAL_CUTOFF);
            out->recall += eval_recall(gains, r->n, q->n_rel, EVAL_DEPTH);
            out->n_judged++;
        }
        if (q->n_answers) {
            out->ans += eval_answer_in(texts, r->n, (const char *const *)q->answers,
                                       q->n_answers, EVAL_CUTOFF);
            out->n_answered++;
        }
    }
    if (out->n_judged) {
        out->mrr /= (double)out->n_judged;
        out->ndcg /= (double)out->n_judged;
        out->recall /= (double)out->n_judged;
    }
    if (out->n_answered)
        out->ans /= (double)out->n_answered;
}

int eval_run(const char *index, const eval_config *cfg, const cari_synonyms *syn,
             const eval_corpus *c, const eval_set *set, unsigned threads, FILE *run,
             const char *tag, eval_scores *out, char **err)
{
    memset(out, 0, sizeof *out);
    if (threads < 1)
        threads = 1;
    if (threads > 64)
        threads = 64;
    job j = {index, cfg, syn, c, set, calloc(set->n ? set->n : 1, sizeof(ranking)), threads};
    worker w[64];
    pthread_t tid[64];
    out->rr = calloc(set->n ? set->n : 1, sizeof *out->rr);
    if (!j.rankings || !out->rr) {
        free(j.rankings);
        eval_scores_free(out);
        return eval_fail(err, "out of memory");
    }
    for (unsigned t = 0; t < threads; t++)
        w[t] = (worker){&j, t, 0, NULL};
    double t0 = now();
    unsigned started = 1;
    while (started < threads && !pthread_create(&tid[started], NULL, work, &w[started]))
        started++;
    work(&w[0]);   /* the calling thread is worker 0 */
    for (unsigned t = 1; t < started; t++)
        pthread_join(tid[t], NULL);
    out->seconds = now() - t0;
    int rc = 0;
    for (unsigned t = 0; t < threads; t++) {
        if (w[t].err && !rc) {
            *err = w[t].err;
            rc = -1;
        } else {
            free(w[t].err);
        }
        out->n_empty += w[t].n_empty;
    }
    if (!rc && started < threads) {
        /* A thread could not start: run its share here. */
        for (unsigned t = started; t < threads && !rc; t++) {
            work(&w[t]);
            if (w[t].err) {
                *err = w[t].err;
                rc = -1;
            }
            out->n_empty += w[t].n_empty;
        }
        out->seconds = now() - t0;
    }
    if (!rc)
        score(&j, run, tag, out);
    else
        eval_scores_free(out);
    free(j.rankings);
    return rc;
}

void eval_scores_free(eval_scores *s)
{
    free(s->rr);
    s->rr = NULL;
}
