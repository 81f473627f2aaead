/* Running one configuration over one query set, and scoring it. */
#ifndef EVAL_RUN_H
#define EVAL_RUN_H

#include "cari.h"
#include "collection.h"
#include "config.h"

#include <stdio.h>

#define EVAL_DEPTH 100   /* passages ranked per query (R@100, run files) */
#define EVAL_CUTOFF 10   /* MRR@10, nDCG@10, Ans@10 */

/* Mean scores of one configuration on one set. */
typedef struct {
    double mrr;          /* MRR@10 over the judged queries */
    double ndcg;         /* nDCG@10 over the judged queries */
    double recall;       /* Recall@100 over the judged queries */
    double ans;          /* share of the answered queries with an answer
                            string in one of the top 10 passages */
    size_t n_judged, n_answered;
    size_t n_empty;      /* queries cari refused (no words) or found
                            nothing for */
    double seconds;      /* wall-clock time of the searches */
    double *rr;          /* RR@10 of each query of the set, in its order
                            (0 for a query without judgments); free with
                            eval_scores_free() */
} eval_scores;

/* Frees s->rr.  NULL rr is allowed. */
void eval_scores_free(eval_scores *s);

/* Searches every query of `set` in the index at `index` (built from c
 * with cfg's stemmer) with cfg's options (with the synonym groups `syn`
 * when cfg->synonyms), ranks the EVAL_DEPTH best
 * distinct passages of each (a long passage that cari split counts once,
 * at its best rank), scores them into *out and, when `run` is not NULL,
 * writes them there as a TREC run ("qid Q0 pid rank score tag").  Uses
 * `threads` threads, each with its own cari_db.  Returns 0, or -1 with a
 * message in *err (caller frees). */
int eval_run(const char *index, const eval_config *cfg, const cari_synonyms *syn,
             const eval_corpus *c, const eval_set *set, unsigned threads, FILE *run,
             const char *tag, eval_scores *out, char **err);

#endif
