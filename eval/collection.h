/*
 * A test collection: the passages, and sets of queries with their
 * judgments (TREC qrels) and answer strings.
 *
 * Formats (UTF-8, one record a line, blank lines skipped, a trailing CR
 * dropped):
 *   corpus    pid<TAB>passage
 *   queries   qid<TAB>query
 *   qrels     qid iteration pid relevance   (white-space separated; a
 *             relevance of 0 or less means not relevant)
 *   answers   qid<TAB>answer               (several lines per qid allowed)
 */
#ifndef EVAL_COLLECTION_H
#define EVAL_COLLECTION_H

#include "strmap.h"

#include <stddef.h>

typedef struct {
    char *id;        /* pid */
    char *text;      /* the passage, as in the file */
    size_t len;
    char *folded;    /* eval_fold(text), for answer matching */
} eval_passage;

typedef struct {
    eval_passage *v;
    size_t n;
    cli_strmap by_id;   /* pid -> index in v */
} eval_corpus;

#define EVAL_NOT_IN_CORPUS ((size_t)-1)

/* A judged relevant passage of a query. */
typedef struct {
    size_t passage;  /* index in the corpus, or EVAL_NOT_IN_CORPUS */
    int gain;        /* > 0 */
} eval_judgment;

typedef struct {
    char *id;
    char *text;
    eval_judgment *rel;  /* relevant passages, by decreasing gain */
    size_t n_rel;
    int *ideal;          /* their gains, in the same order */
    char **answers;      /* folded with eval_fold() */
    size_t n_answers;
} eval_query;

typedef struct {
    char *name;          /* the queries file's name up to its first '.' */
    eval_query *q;
    size_t n;
    size_t n_judged;     /* queries with at least one relevant passage */
    size_t n_answered;   /* queries with at least one answer */
    size_t n_rel_missing; /* judged passages absent from the corpus */
} eval_set;

/* Reads the corpus at `path` into *out.  Returns 0, or -1 with a message
 * ("FILE:LINE: problem") in *err for the caller to free; *out is then
 * empty.  A pid seen twice is an error. */
int eval_load_corpus(eval_corpus *out, const char *path, char **err);

void eval_free_corpus(eval_corpus *c);

/* Reads a query set: the first `limit` queries of `queries` (all when
 * limit is 0), their judgments from `qrels` and, when `answers` is not
 * NULL, their answers.  Judgments and answers of other qids are ignored.
 * Returns 0, or -1 with a message in *err (caller frees). */
int eval_load_set(eval_set *out, const eval_corpus *c, const char *queries,
                  const char *qrels, const char *answers, size_t limit,
                  char **err);

void eval_free_set(eval_set *s);

/* The judged gain of passage `p` for query q, 0 when not judged. */
int eval_gain(const eval_query *q, size_t p);

#endif
