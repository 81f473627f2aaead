/*
 * cari-eval: measures cari's retrieval quality on a passage collection.
 *
 *   cari-eval --corpus corpus.tsv --queries Q.tsv --qrels Q.qrels
 *             [--answers A.tsv] [--queries ... (more sets)] [options]
 *
 * It indexes the corpus once per stemmer and BM25 b through cari.h (each
 * passage one article; cari applies b as it indexes), runs every query of
 * every set under each configuration (stemmer x stopwords x BM25 k1 x b),
 * writes TREC run files, and prints
 * MRR@10, nDCG@10, Recall@100 and Ans@10 as a Markdown table with the best
 * configuration and its gain over plain Snowball BM25.
 *
 * Exit status: 0 done, 2 error (bad usage, unreadable input, failed
 * index or search).
 */
#define _GNU_SOURCE
#include "build.h"
#include "collection.h"
#include "config.h"
#include "report.h"
#include "run.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define PROG "cari-eval"
#define MAX_SETS 16

static const char usage[] =
    "usage: cari-eval --corpus FILE --queries FILE --qrels FILE [--answers FILE]\n"
    "                 [--queries FILE --qrels FILE [--answers FILE]]... [options]\n"
    "\n"
    "Measures cari's ranking on a passage collection: MRR@10, nDCG@10, Recall@100\n"
    "and Ans@10 (an answer string in one of the top 10 passages), for several\n"
    "configurations side by side.  Each --queries starts a query set, named by\n"
    "the file's name up to its first '.'; --qrels and --answers belong to it.\n"
    "\n"
    "  --corpus FILE        passages: pid<TAB>text\n"
    "  --queries FILE       questions: qid<TAB>text\n"
    "  --qrels FILE         TREC qrels: qid 0 pid relevance\n"
    "  --answers FILE       answer strings: qid<TAB>answer (optional)\n"
    "  --configs NAME       default: every stemmer x stopwords kept and dropped\n"
    "                       x synonyms off and on, k1=1.2 b=0.75; grid: those,\n"
    "                       then k1 0.9,1.2,1.5 x b 0.4,0.6,0.75,0.9 for the best\n"
    "                       of them and for the baseline's; full: everything\n"
    "                       crossed (default: default)\n"
    "  --stemmers LIST      of none,snowball,stemmer-id (replaces the named set's)\n"
    "  --stopwords LIST     of keep,drop\n"
    "  --synonyms LIST      of off,on (expand queries with synonym groups)\n"
    "  --synonyms-file FILE the groups (default: cari's bundled list)\n"
    "  --k1 LIST, --b LIST  BM25 parameters, comma-separated (cari applies b\n"
    "                       as it indexes: one index per stemmer and b)\n"
    "  --feedback LIST      feedback words (cari_search_options.feedback),\n"
    "                       comma-separated; 0: off (default: 0)\n"
    "  --work DIR           keep the indexes in DIR/<stemmer>-b<b> (default: a\n"
    "                       temporary folder, deleted at the end)\n"
    "  --reuse-index        with --work: search the indexes already there\n"
    "  --runs DIR           write DIR/<set>.<config>.run (TREC run format)\n"
    "  --markdown FILE      write the table to FILE too\n"
    "  --limit-queries N    only the first N queries of each set\n"
    "  --threads N          search with N threads (default 2)\n"
    "  -q, --quiet          no timings on stderr\n"
    "  -h, --help           show this help\n"
    "\n"
    "The baseline (snowball keep k1=1.2 b=0.75) is always measured.\n"
    "Exit status: 0 done, 2 error.\n";

typedef struct {
    const char *queries, *qrels, *answers;
} set_files;

typedef struct {
    const char *corpus;
    set_files sets[MAX_SETS];
    size_t n_sets;
    eval_grid grid;
    const char *work, *runs, *markdown, *synonyms;
    int reuse, quiet;
    size_t limit;
    unsigned threads;
} options;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static int usage_error(const char *msg, const char *arg)
{
    fprintf(stderr, PROG ": %s%s%s\n", msg, arg ? ": " : "", arg ? arg : "");
    fprintf(stderr, "Try '" PROG " --help'.\n");
    return 2;
}

/* Parses the command line into *o.  Returns 0, 1 after --help, or 2. */
static int parse_args(int argc, char **argv, options *o)
{
    enum { CORPUS = 256, QUERIES, QRELS, ANSWERS, CONFIGS, STEMMERS, STOPWORDS, SYNONYMS,
           SYNFILE, K1, B, WORK, REUSE, RUNS, MARKDOWN, LIMIT, THREADS, FEEDBACK };
    static const struct option longopts[] = {
        {"corpus", required_argument, NULL, CORPUS},
        {"queries", required_argument, NULL, QUERIES},
        {"qrels", required_argument, NULL, QRELS},
        {"answers", required_argument, NULL, ANSWERS},
        {"configs", required_argument, NULL, CONFIGS},
        {"stemmers", required_argument, NULL, STEMMERS},
        {"stopwords", required_argument, NULL, STOPWORDS},
        {"synonyms", required_argument, NULL, SYNONYMS},
        {"synonyms-file", required_argument, NULL, SYNFILE},
        {"k1", required_argument, NULL, K1},
        {"b", required_argument, NULL, B},
        {"feedback", required_argument, NULL, FEEDBACK},
        {"work", required_argument, NULL, WORK},
        {"reuse-index", no_argument, NULL, REUSE},
        {"runs", required_argument, NULL, RUNS},
        {"markdown", required_argument, NULL, MARKDOWN},
        {"limit-queries", required_argument, NULL, LIMIT},
        {"threads", required_argument, NULL, THREADS},
        {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    memset(o, 0, sizeof *o);
    o->threads = 2;
    eval_grid_named(&o->grid, "default");
    /* --stemmers and friends refine the named grid, wherever they come. */
    const char *lists[6] = {NULL, NULL, NULL, NULL, NULL, NULL};
    static const char what[6] = {'s', 'w', 'k', 'b', 'y', 'f'};
    int c;
    char *end;
    while ((c = getopt_long(argc, argv, "qh", longopts, NULL)) != -1) {
        set_files *cur = o->n_sets ? &o->sets[o->n_sets - 1] : NULL;
        switch (c) {
        case CORPUS: o->corpus = optarg; break;
        case QUERIES:
            if (o->n_sets == MAX_SETS)
                return usage_error("too many query sets", NULL);
            o->sets[o->n_sets++] = (set_files){optarg, NULL, NULL};
            break;
        case QRELS:
        case ANSWERS:
            if (!cur)
                return usage_error(c == QRELS ? "--qrels before any --queries"
                                              : "--answers before any --queries", NULL);
            if (c == QRELS)
                cur->qrels = optarg;
            else
                cur->answers = optarg;
            break;
        case CONFIGS:
            if (eval_grid_named(&o->grid, optarg))
                return usage_error("--configs is default, grid or full, not", optarg);
            break;
        case STEMMERS: lists[0] = optarg; break;
        case STOPWORDS: lists[1] = optarg; break;
        case SYNONYMS: lists[4] = optarg; break;
        case SYNFILE: o->synonyms = optarg; break;
        case K1: lists[2] = optarg; break;
        case B: lists[3] = optarg; break;
        case FEEDBACK: lists[5] = optarg; break;
        case WORK: o->work = optarg; break;
        case REUSE: o->reuse = 1; break;
        case RUNS: o->runs = optarg; break;
        case MARKDOWN: o->markdown = optarg; break;
        case LIMIT:
            errno = 0;
            o->limit = strtoul(optarg, &end, 10);
            if (errno || end == optarg || *end || !o->limit)
                return usage_error("--limit-queries needs a positive number, not", optarg);
            break;
        case THREADS: {
            unsigned long t = strtoul(optarg, &end, 10);
            if (end == optarg || *end || t < 1 || t > 64)
                return usage_error("--threads needs a number from 1 to 64, not", optarg);
            o->threads = (unsigned)t;
            break;
        }
        case 'q': o->quiet = 1; break;
        case 'h': fputs(usage, stdout); return 1;
        default: return usage_error("bad usage", NULL);
        }
    }
    for (int i = 0; i < 6; i++)
        if (lists[i] && eval_grid_set(&o->grid, what[i], lists[i]))
            return usage_error("bad list", lists[i]);
    if (optind < argc)
        return usage_error("unexpected argument", argv[optind]);
    if (!o->corpus)
        return usage_error("no --corpus given", NULL);
    if (!o->n_sets)
        return usage_error("no --queries given", NULL);
    for (size_t s = 0; s < o->n_sets; s++)
        if (!o->sets[s].qrels)
            return usage_error("no --qrels for", o->sets[s].queries);
    if (o->reuse && !o->work)
        return usage_error("--reuse-index needs --work", NULL);
    return 0;
}

/* Creates `dir` unless it exists.  Returns 0 or -1 (message printed). */
static int make_dir(const char *dir)
{
    if (mkdir(dir, 0777) && errno != EEXIST) {
        fprintf(stderr, PROG ": %s: %s\n", dir, strerror(errno));
        return -1;
    }
    return 0;
}

/* The indexes of a run: one per stemmer and b (b is applied when cari
 * indexes), built when a configuration first needs it. */
#define MAX_INDEXES (EVAL_N_STEMMERS * EVAL_MAX_VALUES)
typedef struct {
    char path[MAX_INDEXES][4096];
    size_t n;
} index_list;

/* Stores in `index` the folder of c's index (WORK/<stemmer>-b<b>) and
 * builds it unless this run built it already, or o->reuse finds it there.
 * Returns 0 or -1 (message printed). */
static int need_index(const options *o, const char *work, const eval_corpus *corpus,
                      const eval_config *c, index_list *built, char *index, size_t cap)
{
    snprintf(index, cap, "%s/%s-b%g", work, eval_stemmer_name(c->stemmer), c->b);
    for (size_t i = 0; i < built->n; i++)
        if (!strcmp(built->path[i], index))
            return 0;
    if (built->n == MAX_INDEXES) {
        fprintf(stderr, PROG ": too many indexes\n");
        return -1;
    }
    snprintf(built->path[built->n++], sizeof built->path[0], "%s", index);
    if (o->reuse && eval_index_exists(index))
        return 0;
    double t = now();
    char *err = NULL;
    if (eval_build_index(index, c->stemmer, c->b, corpus, &err)) {
        fprintf(stderr, PROG ": %s\n", err ? err : "out of memory");
        free(err);
        return -1;
    }
    if (!o->quiet)
        fprintf(stderr, PROG ": indexed with %s, b = %g in %.2f s\n",
                eval_stemmer_name(c->stemmer), c->b, now() - t);
    return 0;
}

/* Runs the configurations cfgs[from..n_cfgs) on every set into scores.
 * Returns 0 or -1 (message printed). */
static int run_configs(const options *o, const char *work, const cari_synonyms *syn,
                       const eval_corpus *corpus, const eval_set *sets,
                       const eval_config *cfgs, size_t from, size_t n_cfgs,
                       index_list *built, eval_scores *scores)
{
    char index[4096], tag[128], path[4096];
    for (size_t i = from; i < n_cfgs; i++) {
        if (need_index(o, work, corpus, &cfgs[i], built, index, sizeof index))
            return -1;
        eval_config_tag(&cfgs[i], tag, sizeof tag);
        for (size_t s = 0; s < o->n_sets; s++) {
            FILE *run = NULL;
            if (o->runs) {
                snprintf(path, sizeof path, "%s/%s.%s.run", o->runs, sets[s].name, tag);
                if (!(run = fopen(path, "w"))) {
                    fprintf(stderr, PROG ": %s: %s\n", path, strerror(errno));
                    return -1;
                }
            }
            char *err = NULL;
            eval_scores *sc = &scores[i * o->n_sets + s];
            int rc = eval_run(index, &cfgs[i], syn, corpus, &sets[s], o->threads, run, tag, sc,
                              &err);
            if (run && (ferror(run) | fclose(run)) && !rc) {
                fprintf(stderr, PROG ": %s: write failed\n", path);
                return -1;
            }
            if (rc) {
                fprintf(stderr, PROG ": %s\n", err ? err : "out of memory");
                free(err);
                return -1;
            }
            if (!o->quiet)
                fprintf(stderr, PROG ": %-30s %-8s %6zu queries in %6.2f s (%.0f q/s)%s\n", tag,
                        sets[s].name, sets[s].n, sc->seconds,
                        sc->seconds > 0 ? (double)sets[s].n / sc->seconds : 0.0,
                        sc->n_empty ? " (some found nothing)" : "");
        }
    }
    return 0;
}

int main(int argc, char **argv)
{
    options o;
    int rc = parse_args(argc, argv, &o);
    if (rc)
        return rc == 1 ? 0 : 2;

    double t0 = now();
    eval_corpus corpus;
    eval_set sets[MAX_SETS];
    size_t n_loaded = 0;
    eval_config *cfgs = NULL;
    eval_scores *scores = NULL;
    size_t n_cfgs = 0;
    char *err = NULL;
    char tmp[] = "/tmp/cari-eval.XXXXXX";
    const char *work = o.work;
    index_list *built = NULL;
    cari_synonyms *syn = NULL;
    rc = 2;

    if (eval_load_corpus(&corpus, o.corpus, &err)) {
        fprintf(stderr, PROG ": %s\n", err ? err : "out of memory");
        free(err);
        return 2;
    }
    for (; n_loaded < o.n_sets; n_loaded++) {
        const set_files *f = &o.sets[n_loaded];
        if (eval_load_set(&sets[n_loaded], &corpus, f->queries, f->qrels, f->answers, o.limit,
                          &err)) {
            fprintf(stderr, PROG ": %s\n", err ? err : "out of memory");
            goto done;
        }
        if (sets[n_loaded].n_rel_missing)
            fprintf(stderr, PROG ": %s: %zu judged passages are not in %s\n", f->qrels,
                    sets[n_loaded].n_rel_missing, o.corpus);
    }
    if (eval_grid_expand(&o.grid, &cfgs, &n_cfgs) ||
        !(scores = calloc(n_cfgs * o.n_sets, sizeof *scores))) {
        fprintf(stderr, PROG ": out of memory\n");
        goto done;
    }
    if (o.runs && make_dir(o.runs))
        goto done;
    if (cari_synonyms_new(&syn) ||
        (o.synonyms ? cari_synonyms_add_file(syn, o.synonyms) : cari_synonyms_add_default(syn))) {
        fprintf(stderr, PROG ": %s%s%s\n", o.synonyms ? o.synonyms : "synonyms",
                syn ? ": " : ": out of memory", syn ? cari_synonyms_errmsg(syn) : "");
        goto done;
    }
    if (work ? make_dir(work) : !(work = mkdtemp(tmp))) {
        if (!work)
            fprintf(stderr, PROG ": %s: %s\n", tmp, strerror(errno));
        goto done;
    }
    if (!o.quiet)
        fprintf(stderr, PROG ": read %zu passages and %zu query sets in %.2f s\n", corpus.n,
                o.n_sets, now() - t0);

    if (!(built = calloc(1, sizeof *built))) {
        fprintf(stderr, PROG ": out of memory\n");
        goto done;
    }
    if (run_configs(&o, work, syn, &corpus, sets, cfgs, 0, n_cfgs, built, scores))
        goto done;
    if (o.grid.two_stage) {
        /* Tune k1 and b for the best stemmer and stopwords, and for the
         * baseline's, so that each is compared at its best. */
        size_t first = n_cfgs;
        eval_config best = cfgs[eval_best(n_cfgs, o.n_sets, scores)];
        eval_scores *more = NULL;
        if (eval_grid_tune(&o.grid, &best, &cfgs, &n_cfgs) ||
            eval_grid_tune(&o.grid, &eval_baseline, &cfgs, &n_cfgs) ||
            !(more = realloc(scores, n_cfgs * o.n_sets * sizeof *scores))) {
            fprintf(stderr, PROG ": out of memory\n");
            goto done;
        }
        scores = more;
        memset(scores + first * o.n_sets, 0, (n_cfgs - first) * o.n_sets * sizeof *scores);
        if (run_configs(&o, work, syn, &corpus, sets, cfgs, first, n_cfgs, built, scores))
            goto done;
    }

    eval_report(stdout, cfgs, n_cfgs, sets, o.n_sets, scores);
    if (o.markdown) {
        FILE *md = fopen(o.markdown, "w");
        if (md)
            eval_report(md, cfgs, n_cfgs, sets, o.n_sets, scores);
        if (!md || (ferror(md) | fclose(md))) {
            fprintf(stderr, PROG ": %s: %s\n", o.markdown, md ? "write failed" : strerror(errno));
            goto done;
        }
    }
    if (fflush(stdout)) {
        fprintf(stderr, PROG ": stdout: %s\n", strerror(errno));
        goto done;
    }
    if (!o.quiet)
        fprintf(stderr, PROG ": %zu configurations x %zu sets in %.1f s\n", n_cfgs, o.n_sets,
                now() - t0);
    rc = 0;

done:
    free(err);
    if (work && !o.work) {   /* our temporary folder */
        for (size_t i = 0; built && i < built->n; i++) {
            char *e = NULL;
            eval_remove_index(built->path[i], &e);
            free(e);
        }
        rmdir(work);
    }
    free(built);
    cari_synonyms_free(syn);
    for (size_t i = 0; scores && i < n_cfgs * o.n_sets; i++)
        eval_scores_free(&scores[i]);
    free(scores);
    free(cfgs);
    for (size_t s = 0; s < n_loaded; s++)
        eval_free_set(&sets[s]);
    eval_free_corpus(&corpus);
    return rc;
}
