/*
 * cari-train: fits cari's learned ranking model to judged questions.
 *
 *   cari-train (--corpus FILE | --index DIR) --queries Q.tsv --qrels Q.qrels
 *              [--queries ... --qrels ...]... [--out MODEL] [options]
 *
 * For every question it asks cari for the first pass's best passages with
 * their features (cari_search_options.features, BM25 order), marks the
 * judged ones, and fits a linear model over the features (train.c).  It
 * reports k-fold cross-validated MRR@10 by question (the folds are fixed:
 * a question's fold is cari_shard_of(qid, K), a hash of its id), beside
 * the first pass's own ranking and, for a --corpus, plain Snowball BM25;
 * then fits the model on every question and writes it (--out).  With
 * --check it searches every question again with that model through
 * cari_search() and says whether the library ranks as the trainer did.
 *
 * Exit status: 0 done, 2 error (one line on stderr naming the problem).
 */
#define _GNU_SOURCE
#include "boost.h"
#include "build.h"
#include "collection.h"
#include "fail.h"
#include "metrics.h"
#include "strbuf.h"
#include "train.h"

#include "cari.h"

#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define PROG "cari-train"
#define MAX_SETS 16
#define CUTOFF 10
#define MAX_FEATURES 64   /* cari_feature_count() at most (checked in main) */

static const char usage[] =
    "usage: cari-train (--corpus FILE | --index DIR) --queries FILE --qrels FILE\n"
    "                  [--queries FILE --qrels FILE]... [options]\n"
    "\n"
    "Fits cari's learned ranking model (searcher --model) to judged questions and\n"
    "reports its k-fold cross-validated MRR@10 beside BM25's.\n"
    "\n"
    "  --corpus FILE        passages, pid<TAB>text: indexed as one article each\n"
    "                       (the qrels name pids)\n"
    "  --index DIR          or your own cari index: the qrels name article ids,\n"
    "                       or ARTICLE#PASSAGE to judge passages\n"
    "  --queries FILE       questions: qid<TAB>text (starts a set, named by the\n"
    "                       file's name up to its first '.')\n"
    "  --qrels FILE         TREC qrels of the set: qid 0 docid relevance\n"
    "  --out FILE           write the model fitted on every question\n"
    "  --folds K            cross-validation folds (default 5; 1: none)\n"
    "  --depth N            passages re-ranked per question (default 100)\n"
    "  --learner NAME       trees (default): gradient-boosted regression trees\n"
    "                       (XGBoost, pairwise ranking objective); linear: a\n"
    "                       weight per feature (listwise softmax)\n"
    "  --trees N            trees: boosting rounds (default 200)\n"
    "  --tree-depth N       trees: a tree's depth (default 4)\n"
    "  --eta X              trees: learning rate (default 0.1)\n"
    "  --without LIST       features the learner must not use (comma-separated\n"
    "                       names): held at 0, so the model ignores them\n"
    "  --l2 X               linear: L2 penalty on the weights (default 0.001)\n"
    "  --refine N           linear: rounds of coordinate ascent on MRR@10\n"
    "                       after the softmax fit (default 0: none)\n"
    "  --work DIR           --corpus: keep its indexes in DIR (default: a\n"
    "                       temporary folder, deleted at the end)\n"
    "  --reuse-index        with --work: use the indexes already there (when\n"
    "                       this cari can read them)\n"
    "  --no-baseline        --corpus: skip plain Snowball BM25\n"
    "  --check              search again with the fitted model through cari's\n"
    "                       library and compare (needs --out)\n"
    "  --markdown FILE      write the report to FILE too\n"
    "  --features FILE      write every candidate's features in the LETOR\n"
    "                       (SVMlight) format, for other learners\n"
    "  --limit-queries N    only the first N questions of each set\n"
    "  --threads N          search with N threads (default 2)\n"
    "  -q, --quiet          no progress on stderr\n"
    "  -h, --help           show this help\n"
    "\n"
    "Exit status: 0 done, 2 error.\n";

/* ---- questions and judgments -------------------------------------------- */

typedef struct {
    char *docid;
    int gain;
} judged;

typedef struct {
    char *id, *text;
    judged *rel;          /* gain > 0 only */
    size_t n_rel;
    unsigned fold;
    train_query tq;       /* its candidates */
    double rr_bm25, rr_cv, rr_soft, rr_base, recall, recall_base;
} question;

typedef struct {
    char *name;
    question *q;
    size_t n, n_judged;
} qset;

static void die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs(PROG ": ", stderr);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    exit(2);
}

static char *xstrdup(const char *s)
{
    char *d = strdup(s);
    if (!d)
        die("out of memory");
    return d;
}

/* Reads the set of `queries` (first `limit`, 0: all) and `qrels`. */
static void load_set(qset *s, const char *queries, const char *qrels, size_t limit, unsigned folds)
{
    const char *base = strrchr(queries, '/');
    base = base ? base + 1 : queries;
    s->name = strndup(base, strcspn(base, "."));
    FILE *f = fopen(queries, "r");
    if (!f || !s->name)
        die("%s: %s", queries, f ? "out of memory" : strerror(errno));
    char *line = NULL;
    size_t cap = 0, cap_q = 0, no = 0;
    ssize_t len;
    while ((len = getline(&line, &cap, f)) > 0 && (!limit || s->n < limit)) {
        no++;
        while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            line[--len] = '\0';
        if (!len)
            continue;
        char *tab = strchr(line, '\t');
        if (!tab || tab == line)
            die("%s:%zu: want qid<TAB>question", queries, no);
        *tab = '\0';
        if (s->n == cap_q) {
            cap_q = cap_q ? 2 * cap_q : 1024;
            if (!(s->q = realloc(s->q, cap_q * sizeof *s->q)))
                die("out of memory");
        }
        question *q = &s->q[s->n++];
        memset(q, 0, sizeof *q);
        q->id = xstrdup(line);
        q->text = xstrdup(tab + 1);
        q->fold = cari_shard_of(q->id, folds);
    }
    if (ferror(f))
        die("%s: read error", queries);
    fclose(f);
    if (!(f = fopen(qrels, "r")))
        die("%s: %s", qrels, strerror(errno));
    no = 0;
    while ((len = getline(&line, &cap, f)) > 0) {
        no++;
        char qid[256], iter[64], doc[1024];
        int gain;
        if (sscanf(line, "%255s %63s %1023s %d", qid, iter, doc, &gain) != 4) {
            if (strspn(line, " \t\r\n") == (size_t)len)
                continue;
            die("%s:%zu: want qid iteration docid relevance", qrels, no);
        }
        if (gain <= 0)
            continue;
        for (size_t i = 0; i < s->n; i++) {   /* few judgments per question */
            question *q = &s->q[i];
            if (strcmp(q->id, qid))
                continue;
            if (!(q->rel = realloc(q->rel, (q->n_rel + 1) * sizeof *q->rel)))
                die("out of memory");
            q->rel[q->n_rel].docid = xstrdup(doc);
            q->rel[q->n_rel++].gain = gain;
            break;
        }
    }
    fclose(f);
    free(line);
    for (size_t i = 0; i < s->n; i++)
        s->n_judged += s->q[i].n_rel > 0;
}

/* The judged gain of a hit for q: by article id, or "article#passage". */
static int gain_of(const question *q, const cari_hit *h)
{
    char buf[1100];
    snprintf(buf, sizeof buf, "%s#%u", h->article, h->passage);
    for (size_t k = 0; k < q->n_rel; k++)
        if (!strcmp(q->rel[k].docid, h->article) || !strcmp(q->rel[k].docid, buf))
            return q->rel[k].gain;
    return 0;
}

/* ---- searching ------------------------------------------------------------ */

typedef struct {
    const char *index;
    int flags;                 /* cari_open flags (stemmer) */
    cari_search_options opts;
    int keep;                  /* 1: keep the candidates' features in q->tq */
    const unsigned char *without;   /* per feature: 1 to keep it at 0 (--without) */
    qset *sets;
    size_t n_sets;
    unsigned n_threads;
    double *rr;                /* per question (all sets, in order) */
    double *recall;
} job;

typedef struct {
    job *j;
    unsigned t;
    char *err;
} worker;

/* Searches question q into the worker's job: its RR@10 and recall and,
 * with keep, its candidates. */
static int search_one(worker *w, cari_db *db, question *q, size_t at)
{
    job *j = w->j;
    cari_results *res = NULL;
    cari_status st = cari_search(db, q->text, &j->opts, &res);
    j->rr[at] = j->recall[at] = 0;
    if (st == CARI_INVALID && !res && !strstr(cari_errmsg(db), "model"))
        return 0;   /* a question without words: nothing found */
    if (st)
        return eval_fail(&w->err, "%s: question %s: %s", j->index, q->id, cari_errmsg(db));
    size_t n = cari_results_count(res), F = cari_feature_count(), found = 0;
    int *gain = calloc(n ? n : 1, sizeof *gain);
    double *x = j->keep ? calloc((n ? n : 1) * F, sizeof *x) : NULL;
    if (!gain || (j->keep && !x)) {
        free(gain);
        cari_results_free(res);
        return eval_fail(&w->err, "out of memory");
    }
    for (size_t i = 0; i < n; i++) {
        const cari_hit *h = cari_results_hit(res, i);
        gain[i] = gain_of(q, h);
        found += gain[i] > 0;
        if (!j->rr[at] && gain[i] > 0 && i < CUTOFF)
            j->rr[at] = 1.0 / (double)(i + 1);
        if (x && h->n_features == F)
            for (size_t f = 0; f < F; f++)
                x[i * F + f] = j->without && j->without[f] ? 0 : h->features[f];
    }
    cari_results_free(res);
    j->recall[at] = q->n_rel ? (double)found / (double)q->n_rel : 0;
    if (j->keep) {
        q->tq.n = n;
        q->tq.x = x;
        q->tq.gain = gain;
        q->tq.n_rel = q->n_rel;
    } else {
        free(gain);
    }
    return 0;
}

static void *work(void *arg)
{
    worker *w = arg;
    job *j = w->j;
    cari_db *db = NULL;
    if (cari_open(&db, j->index, CARI_OPEN_READ | j->flags)) {
        eval_fail(&w->err, "%s", db ? cari_errmsg(db) : "out of memory");
        cari_close(db);
        return NULL;
    }
    size_t at = 0;
    for (size_t s = 0; s < j->n_sets && !w->err; s++)
        for (size_t i = 0; i < j->sets[s].n && !w->err; i++, at++)
            if (at % j->n_threads == w->t)
                search_one(w, db, &j->sets[s].q[i], at);
    cari_close(db);
    return NULL;
}

/* Runs the job on its threads; dies on an error. */
static void run_job(job *j)
{
    worker w[64];
    pthread_t tid[64];
    unsigned started = 1;
    for (unsigned t = 0; t < j->n_threads; t++)
        w[t] = (worker){j, t, NULL};
    while (started < j->n_threads && !pthread_create(&tid[started], NULL, work, &w[started]))
        started++;
    work(&w[0]);
    for (unsigned t = 1; t < started; t++)
        pthread_join(tid[t], NULL);
    for (unsigned t = started; t < j->n_threads; t++)
        work(&w[t]);
    for (unsigned t = 0; t < j->n_threads; t++)
        if (w[t].err)
            die("%s", w[t].err);
}

/* ---- the report ----------------------------------------------------------- */

typedef struct {
    FILE *md;
    int quiet;
} out;

static void say(out *o, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    if (o->md) {
        va_start(ap, fmt);
        vfprintf(o->md, fmt, ap);
        va_end(ap);
    }
}

/* Mean of v over the judged questions of s. */
static double mean_judged(const qset *s, size_t field)
{
    double sum = 0;
    for (size_t i = 0; i < s->n; i++)
        if (s->q[i].n_rel)
            sum += *(const double *)((const char *)&s->q[i] + field);
    return s->n_judged ? sum / (double)s->n_judged : 0;
}

/* The paired difference of two fields over the judged questions of s. */
static void diff_judged(const qset *s, size_t a, size_t b, double *mean, double *half)
{
    double *x = malloc((s->n ? s->n : 1) * sizeof *x), *y = malloc((s->n ? s->n : 1) * sizeof *y);
    unsigned char *use = malloc(s->n ? s->n : 1);
    if (!x || !y || !use)
        die("out of memory");
    for (size_t i = 0; i < s->n; i++) {
        x[i] = *(const double *)((const char *)&s->q[i] + a);
        y[i] = *(const double *)((const char *)&s->q[i] + b);
        use[i] = s->q[i].n_rel > 0;
    }
    eval_paired_diff(x, y, use, s->n, mean, half);
    free(x), free(y), free(use);
}

/* The command line. */
typedef struct {
    const char *corpus, *index, *out, *work, *markdown, *features;
    const char *queries[MAX_SETS], *qrels[MAX_SETS];
    size_t n_sets;
    unsigned folds, threads;
    size_t depth, limit;
    double l2;
    int refine;
    int linear;            /* --learner linear */
    unsigned char without[MAX_FEATURES];   /* per feature: 1 for --without */
    int any_without;
    boost_params boost;    /* --learner trees */
    int reuse, baseline, check, quiet;
} options;

/* A fitted model: its text (cari.h's format), the library's model read
 * from it, which scores every candidate as a search would, and what the
 * report shows of it: a linear model's weights, or how often a tree
 * model splits on each feature. */
typedef struct {
    char *text;
    cari_model *model;
    double weight[MAX_FEATURES], mean[MAX_FEATURES], scale[MAX_FEATURES];
    size_t splits[MAX_FEATURES];
} fitted;

/* Counts the splits of each feature in a tree model's body (lines "ID
 * NAME THRESHOLD YES NO MEAN") into splits[]. */
static void count_splits(const char *body, size_t *splits)
{
    for (const char *p = body; p && *p;) {
        char name[64];
        unsigned id;
        if (sscanf(p, "%u %63s", &id, name) == 2)
            for (size_t k = 0; k < cari_feature_count(); k++)
                if (!strcmp(cari_feature_name(k), name))
                    splits[k]++;
        p = strchr(p, '\n');
        p = p ? p + 1 : NULL;
    }
}

/* Fits o's learner to the queries with use[i] (all when use is NULL).
 * For the linear learner with --refine, rr_soft (when not NULL) gets the
 * RR@10 of each query left out, before the refinement.  Dies on an error. */
static fitted fit(const options *o, const train_query *tq, size_t total,
                  const unsigned char *use, question **qp)
{
    size_t F = cari_feature_count(), len = 0;
    fitted out = {NULL, NULL, {0}, {0}, {0}, {0}};
    if (eval_appendf(&out.text, &len, "cari-rank-model %d\nfeature-set %d\n", o->linear ? 1 : 2,
                     CARI_FEATURE_SET))
        die("out of memory");
    if (o->linear) {
        train_model m;
        if (train_fit(tq, total, use, F, o->l2, &m))
            die("out of memory");
        for (size_t i = 0; i < total && qp && use; i++)
            if (!use[i])
                qp[i]->rr_soft = train_rr(&m, &tq[i], CUTOFF);
        if (o->refine && train_refine(tq, total, use, CUTOFF, o->refine, &m) < 0)
            die("out of memory");
        for (size_t k = 0; k < F; k++) {
            if (eval_appendf(&out.text, &len, "%-12s %.17g %.17g %.17g\n", cari_feature_name(k),
                             m.weight[k], m.mean[k], m.scale[k]))
                die("out of memory");
            out.weight[k] = m.weight[k];
            out.mean[k] = m.mean[k];
            out.scale[k] = m.scale[k];
        }
        train_model_free(&m);
    } else {
        char *body = NULL, *err = NULL;
        if (boost_fit(tq, total, use, F, &o->boost, &body, &err))
            die("%s", err ? err : "out of memory");
        int oom = eval_appendf(&out.text, &len, "%s", body);
        count_splits(body, out.splits);
        free(body);
        if (oom)
            die("out of memory");
    }
    if (cari_model_parse(&out.model, "the fitted model", out.text, len))
        die("%s", cari_model_errmsg(out.model));
    return out;
}

static void fitted_free(fitted *m)
{
    free(m->text);
    cari_model_free(m->model);
}

/* The RR@10 of q's candidates ranked by model m. */
static double model_rr(const cari_model *m, const train_query *q)
{
    size_t F = cari_feature_count();
    double *s = malloc((q->n ? q->n : 1) * sizeof *s);
    if (!s)
        die("out of memory");
    for (size_t c = 0; c < q->n; c++)
        s[c] = cari_model_score(m, q->x + c * F);
    double rr = train_rr_scores(q, s, CUTOFF);
    free(s);
    return rr;
}

/* Writes the fitted model m to path with a header saying how it was made;
 * dies on failure. */
static void write_model(const char *path, const fitted *m, const options *o, const qset *sets,
                        size_t n_sets)
{
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    FILE *f = fopen(tmp, "w");
    if (!f)
        die("%s: %s", tmp, strerror(errno));
    if (o->linear) {
        fprintf(f, "# cari ranking model, fitted by cari-train (listwise softmax, L2 %g", o->l2);
        if (o->refine)
            fprintf(f, "; then %d rounds of coordinate ascent on MRR@10", o->refine);
        fprintf(f, ")\n");
    } else {
        fprintf(f, "# cari ranking model, fitted by cari-train: %u regression trees of depth %u"
                   " (XGBoost, pairwise ranking objective, learning rate %g, rows %g and "
                   "features %g a tree, seed 0)\n",
                o->boost.trees, o->boost.depth, o->boost.eta, o->boost.subsample,
                o->boost.colsample);
    }
    if (o->any_without) {
        fprintf(f, "# without the features:");
        for (size_t k = 0; k < cari_feature_count(); k++)
            if (o->without[k])
                fprintf(f, " %s", cari_feature_name(k));
        fprintf(f, " (held at 0 while fitting)\n");
    }
    fprintf(f, "# on the first pass's best %zu passages of every question of:", o->depth);
    for (size_t s = 0; s < n_sets; s++)
        fprintf(f, " %s (%zu judged)", sets[s].name, sets[s].n_judged);
    fprintf(f, "\n# %u-fold cross-validated MRR@10:", o->folds);
    for (size_t s = 0; s < n_sets; s++)
        fprintf(f, " %s %.4f (first pass %.4f)", sets[s].name,
                mean_judged(&sets[s], offsetof(question, rr_cv)),
                mean_judged(&sets[s], offsetof(question, rr_bm25)));
    fprintf(f, "\n# %s\n", o->linear ? "score = sum of WEIGHT * (value - MEAN) / SCALE"
                                       : "score = base + each tree's leaf (cari.h)");
    fputs(m->text, f);
    if (ferror(f) | fclose(f) || rename(tmp, path))
        die("%s: %s", path, strerror(errno));
}

/* Prints the model's make-up into the report: a linear model's weights, or
 * how often each feature splits a tree. */
static void report_model(out *rep, const fitted *m, int linear)
{
    say(rep, "Model fitted on every question (%s):\n\n",
        linear ? "weights over standardised features" : "splits per feature");
    say(rep, linear ? "| feature | weight | mean | scale |\n|---|--:|--:|--:|\n"
                    : "| feature | splits |\n|---|--:|\n");
    for (size_t k = 0; k < cari_feature_count(); k++)
        if (linear)
            say(rep, "| %s | %+.4f | %.4g | %.4g |\n", cari_feature_name(k), m->weight[k],
                m->mean[k], m->scale[k]);
        else
            say(rep, "| %s | %zu |\n", cari_feature_name(k), m->splits[k]);
}

/* Writes every judged question's candidates to `path` in the LETOR
 * (SVMlight) format: "GAIN qid:N 1:V ... # QID FOLD SET RANK", N counting
 * the questions from 1, features numbered from 1 in cari_feature_name()
 * order, RANK the first pass's (from 1).  Dies on a write error. */
static void write_features(const char *path, const qset *sets, size_t n_sets)
{
    FILE *f = fopen(path, "w");
    if (!f)
        die("%s: %s", path, strerror(errno));
    size_t F = cari_feature_count(), n = 0;
    fprintf(f, "# cari-train features:");
    for (size_t k = 0; k < F; k++)
        fprintf(f, " %zu=%s", k + 1, cari_feature_name(k));
    fputc('\n', f);
    for (size_t s = 0; s < n_sets; s++)
        for (size_t i = 0; i < sets[s].n; i++) {
            const question *q = &sets[s].q[i];
            n++;
            if (!q->n_rel)
                continue;
            for (size_t c = 0; c < q->tq.n; c++) {
                fprintf(f, "%d qid:%zu", q->tq.gain[c], n);
                for (size_t k = 0; k < F; k++)
                    fprintf(f, " %zu:%.9g", k + 1, q->tq.x[c * F + k]);
                fprintf(f, " # %s %u %s %zu\n", q->id, q->fold, sets[s].name, c + 1);
            }
        }
    if (ferror(f) | fclose(f))
        die("%s: write error", path);
}

/* ---- main ------------------------------------------------------------------ */


static double number(const char *opt, const char *arg, double min, double max)
{
    char *end;
    errno = 0;
    double v = strtod(arg, &end);
    if (errno || end == arg || *end || !(v >= min && v <= max))
        die("%s: expected a number from %g to %g, got %s", opt, min, max, arg);
    return v;
}

/* Marks the features named in the comma-separated list; dies on an
 * unknown name. */
static void without(options *o, const char *list)
{
    char *copy = xstrdup(list), *save = NULL;
    for (char *name = strtok_r(copy, ",", &save); name; name = strtok_r(NULL, ",", &save)) {
        size_t f = 0;
        while (f < cari_feature_count() && strcmp(cari_feature_name(f), name))
            f++;
        if (f == cari_feature_count())
            die("--without: no feature named %s", name);
        o->without[f] = 1;
        o->any_without = 1;
    }
    free(copy);
}

static void parse(options *o, int argc, char **argv)
{
    enum { CORPUS = 256, INDEX, QUERIES, QRELS, OUT, FOLDS, DEPTH, L2, WORK, REUSE, NOBASE,
           CHECK, MARKDOWN, LIMIT, THREADS, REFINE, FEATURES, LEARNER, TREES, TDEPTH, ETA, WITHOUT };
    static const struct option longopts[] = {
        {"corpus", required_argument, NULL, CORPUS}, {"index", required_argument, NULL, INDEX},
        {"queries", required_argument, NULL, QUERIES}, {"qrels", required_argument, NULL, QRELS},
        {"out", required_argument, NULL, OUT}, {"folds", required_argument, NULL, FOLDS},
        {"depth", required_argument, NULL, DEPTH}, {"l2", required_argument, NULL, L2},
        {"refine", required_argument, NULL, REFINE},
        {"learner", required_argument, NULL, LEARNER}, {"trees", required_argument, NULL, TREES},
        {"tree-depth", required_argument, NULL, TDEPTH}, {"eta", required_argument, NULL, ETA},
        {"without", required_argument, NULL, WITHOUT},
        {"work", required_argument, NULL, WORK}, {"reuse-index", no_argument, NULL, REUSE},
        {"no-baseline", no_argument, NULL, NOBASE}, {"check", no_argument, NULL, CHECK},
        {"markdown", required_argument, NULL, MARKDOWN},
        {"features", required_argument, NULL, FEATURES},
        {"limit-queries", required_argument, NULL, LIMIT},
        {"threads", required_argument, NULL, THREADS}, {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0},
    };
    memset(o, 0, sizeof *o);
    o->folds = 5;
    o->threads = 2;
    o->depth = CARI_DEFAULT_RERANK_DEPTH;
    o->l2 = 0.001;
    o->refine = 0;
    boost_params_init(&o->boost);
    o->baseline = 1;
    int c;
    size_t qrels = 0;
    while ((c = getopt_long(argc, argv, "qh", longopts, NULL)) != -1) {
        switch (c) {
        case CORPUS: o->corpus = optarg; break;
        case INDEX: o->index = optarg; break;
        case QUERIES:
            if (o->n_sets == MAX_SETS)
                die("at most %d query sets", MAX_SETS);
            if (qrels != o->n_sets)
                die("--queries %s: the previous set has no --qrels", optarg);
            o->queries[o->n_sets++] = optarg;
            break;
        case QRELS:
            if (qrels + 1 != o->n_sets)
                die("--qrels %s: give it after its --queries", optarg);
            o->qrels[qrels++] = optarg;
            break;
        case OUT: o->out = optarg; break;
        case FOLDS: o->folds = (unsigned)number("--folds", optarg, 1, 100); break;
        case DEPTH: o->depth = (size_t)number("--depth", optarg, 1, 10000); break;
        case L2: o->l2 = number("--l2", optarg, 1e-9, 1e6); break;
        case REFINE: o->refine = (int)number("--refine", optarg, 0, 100); break;
        case LEARNER:
            if (strcmp(optarg, "trees") && strcmp(optarg, "linear"))
                die("--learner: want trees or linear, got %s", optarg);
            o->linear = !strcmp(optarg, "linear");
            break;
        case TREES: o->boost.trees = (unsigned)number("--trees", optarg, 1, 10000); break;
        case TDEPTH: o->boost.depth = (unsigned)number("--tree-depth", optarg, 1, 10); break;
        case ETA: o->boost.eta = number("--eta", optarg, 1e-4, 1); break;
        case WITHOUT: without(o, optarg); break;
        case WORK: o->work = optarg; break;
        case REUSE: o->reuse = 1; break;
        case NOBASE: o->baseline = 0; break;
        case CHECK: o->check = 1; break;
        case MARKDOWN: o->markdown = optarg; break;
        case FEATURES: o->features = optarg; break;
        case LIMIT: o->limit = (size_t)number("--limit-queries", optarg, 1, 1e9); break;
        case THREADS: o->threads = (unsigned)number("--threads", optarg, 1, 64); break;
        case 'q': o->quiet = 1; break;
        case 'h': fputs(usage, stdout); exit(0);
        default: fputs(usage, stderr); exit(2);
        }
    }
    if (optind < argc)
        die("unexpected argument %s (try --help)", argv[optind]);
    if (!o->corpus == !o->index)
        die("give --corpus or --index (one of them)");
    if (!o->n_sets || qrels != o->n_sets)
        die("every --queries needs its --qrels");
    if (o->reuse && !o->work)
        die("--reuse-index needs --work");
    if (o->check && !o->out)
        die("--check needs --out");
    if (o->index)
        o->baseline = 0;
    if (o->refine && !o->linear)
        die("--refine is for --learner linear");
    o->boost.threads = o->threads;
}

/* Makes sure the corpus index for stemmer s is at dir/name; returns its path. */
static char *corpus_index(const options *o, const char *work, const eval_corpus *corpus,
                          eval_stemmer s)
{
    char *path = NULL;
    if (asprintf(&path, "%s/%s-b0.75", work, eval_stemmer_name(s)) < 0)
        die("out of memory");
    if (o->reuse && eval_index_exists(path)) {
        /* Reused only when this cari reads it (same stemmer and format). */
        cari_db *db = NULL;
        cari_status st = cari_open(&db, path, CARI_OPEN_READ | eval_stemmer_flag(s));
        cari_close(db);
        if (!st)
            return path;
    }
    char *err = NULL;
    if (!o->quiet)
        fprintf(stderr, PROG ": indexing %zu passages (%s)\n", corpus->n, eval_stemmer_name(s));
    if (eval_build_index(path, s, 0.75, corpus, &err))
        die("%s", err ? err : "out of memory");
    return path;
}

int main(int argc, char **argv)
{
    if (cari_feature_count() > MAX_FEATURES)
        die("this libcari has %zu features, cari-train at most %d", cari_feature_count(),
            MAX_FEATURES);
    options o;
    parse(&o, argc, argv);
    qset sets[MAX_SETS] = {{0}};
    size_t total = 0;
    for (size_t s = 0; s < o.n_sets; s++) {
        load_set(&sets[s], o.queries[s], o.qrels[s], o.limit, o.folds);
        total += sets[s].n;
    }
    out rep = {NULL, o.quiet};
    if (o.markdown && !(rep.md = fopen(o.markdown, "w")))
        die("%s: %s", o.markdown, strerror(errno));

    /* The indexes: the user's, or the corpus's (stemmer-id for cari's
     * first pass, Snowball for the baseline). */
    char tmp[] = "/tmp/cari-train-XXXXXX";
    const char *work = o.work;
    eval_corpus corpus = {0};
    char *index = NULL, *base_index = NULL;
    if (o.corpus) {
        char *err = NULL;
        if (eval_load_corpus(&corpus, o.corpus, &err))
            die("%s", err ? err : "out of memory");
        if (work ? (mkdir(work, 0777) && errno != EEXIST) : !(work = mkdtemp(tmp)))
            die("%s: %s", work ? work : tmp, strerror(errno));
        index = corpus_index(&o, work, &corpus, EVAL_STEM_ID);
        if (o.baseline)
            base_index = corpus_index(&o, work, &corpus, EVAL_STEM_SNOWBALL);
    } else {
        index = xstrdup(o.index);
    }

    double *rr = calloc(total ? total : 1, sizeof *rr), *recall = calloc(total ? total : 1, sizeof *recall);
    if (!rr || !recall)
        die("out of memory");
    job j = {index, 0, {0}, 1, o.any_without ? o.without : NULL, sets, o.n_sets, o.threads, rr,
             recall};
    cari_search_options_init(&j.opts, CARI_SEARCH_OPTIONS_VERSION);
    j.opts.rank = CARI_RANK_BM25;
    j.opts.features = 1;
    j.opts.limit = (unsigned)o.depth;
    j.opts.no_snippets = 1;
    cari_synonyms *syn = NULL;
    if (cari_synonyms_new(&syn) || cari_synonyms_add_default(syn))
        die("synonyms: %s", cari_synonyms_errmsg(syn));
    j.opts.synonyms = syn;
    int passages = 0;   /* the qrels judge passages: ARTICLE#N */
    for (size_t s = 0; s < o.n_sets; s++)
        for (size_t i = 0; i < sets[s].n; i++)
            for (size_t k = 0; k < sets[s].q[i].n_rel; k++)
                passages |= o.index && strchr(sets[s].q[i].rel[k].docid, '#') != NULL;
    j.opts.per_article = passages ? 0 : 1;
    if (o.corpus)
        j.opts.title_weight = 0;   /* passages have no titles */
    if (!o.quiet)
        fprintf(stderr, PROG ": searching %zu questions for their best %zu passages\n", total,
                o.depth);
    run_job(&j);
    size_t at = 0;
    for (size_t s = 0; s < o.n_sets; s++)
        for (size_t i = 0; i < sets[s].n; i++, at++) {
            sets[s].q[i].rr_bm25 = rr[at];
            sets[s].q[i].recall = recall[at];
        }
    if (base_index) {
        job b = j;
        b.index = base_index;
        b.flags = CARI_OPEN_STEM_SNOWBALL;
        b.keep = 0;
        b.opts.features = 0;
        b.opts.keep_stopwords = 1;
        b.opts.synonyms = NULL;
        if (!o.quiet)
            fprintf(stderr, PROG ": the baseline, plain Snowball BM25\n");
        run_job(&b);
        at = 0;
        for (size_t s = 0; s < o.n_sets; s++)
            for (size_t i = 0; i < sets[s].n; i++, at++) {
                sets[s].q[i].rr_base = rr[at];
                sets[s].q[i].recall_base = recall[at];
            }
    }

    if (o.features)
        write_features(o.features, sets, o.n_sets);

    /* Everything in one list for the fitting. */
    train_query *tq = calloc(total ? total : 1, sizeof *tq);
    unsigned char *use = malloc(total ? total : 1);
    question **qp = calloc(total ? total : 1, sizeof *qp);
    if (!tq || !use || !qp)
        die("out of memory");
    at = 0;
    for (size_t s = 0; s < o.n_sets; s++)
        for (size_t i = 0; i < sets[s].n; i++, at++) {
            qp[at] = &sets[s].q[i];
            tq[at] = sets[s].q[i].tq;
        }
    for (unsigned k = 0; k < o.folds && o.folds > 1; k++) {
        for (size_t i = 0; i < total; i++)
            use[i] = qp[i]->fold != k;
        fitted m = fit(&o, tq, total, use, qp);
        for (size_t i = 0; i < total; i++)
            if (!use[i])
                qp[i]->rr_cv = model_rr(m.model, &tq[i]);
        fitted_free(&m);
        if (!o.quiet)
            fprintf(stderr, PROG ": fold %u of %u fitted\n", k + 1, o.folds);
    }
    fitted final = fit(&o, tq, total, NULL, NULL);

    /* The report. */
    say(&rep, "## cari-train: learned ranking, %u-fold cross-validation by question\n\n",
        o.folds);
    say(&rep, "Folds: a question's fold is cari_shard_of(qid, %u) (FNV-1a of its id). "
              "Each fold's questions are ranked by a model fitted on the other folds "
              "only; the first %zu passages of cari's first pass (BM25: stemmer-id, "
              "stopwords dropped, synonyms) are re-ranked, so R@%zu is the first pass's.\n\n",
        o.folds, o.depth, o.depth);
    char base_recall[64];
    snprintf(base_recall, sizeof base_recall, " baseline R@%zu |", o.depth);
    say(&rep, "| set | questions | judged |%s cari BM25 MRR@10 | learned (CV) MRR@10 | "
              "gain over cari BM25 |%s R@%zu |%s\n",
        base_index ? " baseline MRR@10 |" : "", base_index ? " gain over baseline |" : "",
        o.depth, base_index ? base_recall : "");
    say(&rep, "|---|--:|--:|%s--:|--:|--:|%s--:|%s\n", base_index ? "--:|" : "",
        base_index ? "--:|" : "", base_index ? "--:|" : "");
    for (size_t s = 0; s < o.n_sets; s++) {
        const qset *S = &sets[s];
        double d1, h1, d2 = 0, h2 = 0;
        diff_judged(S, offsetof(question, rr_cv), offsetof(question, rr_bm25), &d1, &h1);
        if (base_index)
            diff_judged(S, offsetof(question, rr_cv), offsetof(question, rr_base), &d2, &h2);
        say(&rep, "| %s | %zu | %zu |", S->name, S->n, S->n_judged);
        if (base_index)
            say(&rep, " %.4f |", mean_judged(S, offsetof(question, rr_base)));
        say(&rep, " %.4f | %.4f | %+.4f (±%.4f) |", mean_judged(S, offsetof(question, rr_bm25)),
            o.folds > 1 ? mean_judged(S, offsetof(question, rr_cv)) : NAN, d1, h1);
        if (base_index)
            say(&rep, " %+.4f (±%.4f) |", d2, h2);
        say(&rep, " %.4f |", mean_judged(S, offsetof(question, recall)));
        if (base_index)
            say(&rep, " %.4f |", mean_judged(S, offsetof(question, recall_base)));
        say(&rep, "\n");
    }
    say(&rep, "\n(± is the 95%% confidence interval of the paired per-question difference.)\n");
    if (o.linear && o.refine && o.folds > 1) {
        say(&rep, "Without the coordinate ascent (softmax fit only), cross-validated MRR@10:");
        for (size_t s = 0; s < o.n_sets; s++)
            say(&rep, " %s %.4f", sets[s].name, mean_judged(&sets[s], offsetof(question, rr_soft)));
        say(&rep, ".\n");
    }
    say(&rep, "\n");
    report_model(&rep, &final, o.linear);
    if (o.out)
        write_model(o.out, &final, &o, sets, o.n_sets);

    if (o.check) {
        /* In-sample RR with the fitted model, and the library's own. */
        cari_model *cm = NULL;
        if (cari_model_load(&cm, o.out))
            die("%s", cari_model_errmsg(cm));
        job c = j;
        c.keep = 0;
        c.opts.rank = CARI_RANK_LEARNED;
        c.opts.features = 0;
        c.opts.model = cm;
        c.opts.rerank_depth = (unsigned)o.depth;
        c.opts.limit = CUTOFF;
        run_job(&c);
        size_t differ = 0;
        double a = 0, b = 0;
        for (size_t i = 0; i < total; i++) {
            double mine = model_rr(final.model, &tq[i]);
            differ += fabs(mine - rr[i]) > 1e-12;
            a += mine;
            b += rr[i];
        }
        say(&rep, "\nCheck: searching with the written model through cari_search() gives "
                  "the trainer's ranking for %zu of %zu questions (sum of RR@10: %.4f "
                  "trainer, %.4f library).\n",
            total - differ, total, a, b);
        cari_model_free(cm);
    }
    fitted_free(&final);

    for (size_t i = 0; i < total; i++) {
        free((double *)tq[i].x);
        free((int *)tq[i].gain);
    }
    free(tq), free(use), free(qp), free(rr), free(recall);
    for (size_t s = 0; s < o.n_sets; s++) {
        for (size_t i = 0; i < sets[s].n; i++) {
            for (size_t k = 0; k < sets[s].q[i].n_rel; k++)
                free(sets[s].q[i].rel[k].docid);
            free(sets[s].q[i].rel);
            free(sets[s].q[i].id);
            free(sets[s].q[i].text);
        }
        free(sets[s].q);
        free(sets[s].name);
    }
    if (o.corpus && !o.work) {   /* our temporary folder */
        char *err = NULL;
        eval_remove_index(index, &err);
        if (base_index)
            eval_remove_index(base_index, &err);
        free(err);
        rmdir(work);
    }
    free(index);
    free(base_index);
    eval_free_corpus(&corpus);
    cari_synonyms_free(syn);
    if (rep.md && fclose(rep.md))
        die("%s: write error", o.markdown);
    return 0;
}
