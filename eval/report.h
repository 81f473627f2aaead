/* The results table, in Markdown, and the comparison with the baseline. */
#ifndef EVAL_REPORT_H
#define EVAL_REPORT_H

#include "collection.h"
#include "config.h"
#include "run.h"

#include <stdio.h>

/* Writes to f: the queries of each set, the table (one row per
 * configuration and set: MRR@10, nDCG@10, R@100, Ans@10), the ten best
 * configurations by their mean MRR@10 over the sets, and the best one's
 * gain over the baseline on each set.  scores[i * n_sets + s] belongs to
 * cfgs[i] on sets[s]; cfgs holds eval_baseline. */
void eval_report(FILE *f, const eval_config *cfgs, size_t n_cfgs, const eval_set *sets,
                 size_t n_sets, const eval_scores *scores);

/* The index in cfgs of the configuration with the best mean MRR@10 (the
 * first among equals). */
size_t eval_best(size_t n_cfgs, size_t n_sets, const eval_scores *scores);

#endif
