/*
 * cari-query-bench: cari's in-process query latency, through the public
 * API (cari.h) the searcher CLI uses, for as long as `cari-searcher` has no
 * batch mode: it shows what a batch mode would cost per query, while the
 * benchmark measures the real `cari-searcher` binary per process beside it.
 *
 *   cari-query-bench INDEX QUERIES [bm25 | learned [DEPTH [MODEL-FILE]]]
 *
 * One warm-up pass over the queries, then one timed pass; each query asks
 * for the top 10 with the searcher's default options (snippets, spelling
 * suggestions, the bundled synonym groups, the learned ranking unless
 * told bm25, re-ranking DEPTH passages with the bundled model or
 * MODEL-FILE) and reads every hit.  Prints
 * latency.h's figures.
 */
#define _POSIX_C_SOURCE 200809L
#include "cari.h"
#include "latency.h"

#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
    int bm25 = argc >= 4 && !strcmp(argv[3], "bm25");
    long depth = argc >= 5 ? strtol(argv[4], NULL, 10) : 0;
    if (argc < 3 || argc > 6 || (argc >= 4 && !bm25 && strcmp(argv[3], "learned")) ||
        (argc >= 5 && (bm25 || depth < 1))) {
        fputs("usage: cari-query-bench INDEX QUERIES [bm25 | learned [DEPTH [MODEL-FILE]]]\n",
              stderr);
        return 2;
    }
    cari_model *model = NULL;
    if (argc == 6 && cari_model_load(&model, argv[5])) {
        fprintf(stderr, "cari-query-bench: %s\n", cari_model_errmsg(model));
        return 2;
    }
    cari_db *db;
    if (cari_open(&db, argv[1], CARI_OPEN_READ) != CARI_OK) {
        fprintf(stderr, "cari-query-bench: %s: %s\n", argv[1],
                db ? cari_errmsg(db) : "out of memory");
        cari_close(db);
        return 2;
    }
    size_t nq;
    char **q = bench_read_queries(argv[2], &nq);
    if (!q)
        return 2;
    cari_search_options opts;
    cari_search_options_init(&opts, CARI_SEARCH_OPTIONS_VERSION);
    /* As searcher/main.c sets them by default. */
    opts.spelling = 1;
    if (bm25)
        opts.rank = CARI_RANK_BM25;
    opts.rerank_depth = (unsigned)depth;
    opts.model = model;
    cari_synonyms *syn = NULL;
    if (cari_synonyms_new(&syn) || cari_synonyms_add_default(syn)) {
        fputs("cari-query-bench: cannot load the default synonyms\n", stderr);
        return 2;
    }
    opts.synonyms = syn;
    double *lat = malloc((nq ? nq : 1) * sizeof *lat);
    double t0 = 0, c0 = 0;
    size_t sink = 0;
    for (int pass = 0; pass < 2; pass++) {
        if (pass) {
            t0 = bench_now();
            c0 = bench_cpu_now();
        }
        for (size_t i = 0; i < nq; i++) {
            double t = bench_now();
            cari_results *res;
            if (cari_search(db, q[i], &opts, &res) == CARI_OK) {
                for (size_t k = 0; k < cari_results_count(res); k++)
                    sink += cari_results_hit(res, k)->text_len;
                cari_results_free(res);
            }
            lat[i] = bench_now() - t;
        }
    }
    bench_report(lat, nq, bench_now() - t0, bench_cpu_now() - c0);
    cari_close(db);
    cari_model_free(model);
    cari_synonyms_free(syn);
    return sink == (size_t)-1;
}
