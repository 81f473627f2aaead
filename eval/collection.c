/* Reading a test collection: see collection.h. */
#define _GNU_SOURCE
#include "collection.h"
#include "fail.h"

#include "fold.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


/* Reads a file line by line.  Lines lose their "\n" and a trailing "\r". */
typedef struct {
    const char *path;
    FILE *f;
    char *line;
    size_t cap;
    size_t lineno;
} reader;


/* Makes room for one more element of `size` bytes in the array *v of n
 * elements and capacity *cap (doubling it).  Returns 0, or -1 with *err
 * set when out of memory (the array is unchanged then). */
static int reserve(void **v, size_t *cap, size_t n, size_t size, char **err)
{
    if (n < *cap)
        return 0;
    size_t c = *cap ? 2 * *cap : 1024;
    void *grown = realloc(*v, c * size);
    if (!grown)
        return eval_fail(err, "out of memory");
    *v = grown;
    *cap = c;
    return 0;
}
static int reader_open(reader *r, const char *path, char **err)
{
    memset(r, 0, sizeof *r);
    r->path = path;
    r->f = fopen(path, "r");
    return r->f ? 0 : eval_fail(err, "%s: %s", path, strerror(errno));
}

/* Stores the next non-blank line in r->line and its length in *len;
 * returns 1, or 0 at the end of the file, -1 on a read error. */
static int reader_next(reader *r, size_t *len, char **err)
{
    for (;;) {
        errno = 0;
        ssize_t n = getline(&r->line, &r->cap, r->f);
        if (n < 0)
            return errno ? eval_fail(err, "%s: %s", r->path, strerror(errno)) : 0;
        r->lineno++;
        while (n > 0 && (r->line[n - 1] == '\n' || r->line[n - 1] == '\r'))
            r->line[--n] = '\0';
        if (strspn(r->line, " \t") < (size_t)n) {
            *len = (size_t)n;
            return 1;
        }
    }
}

static void reader_close(reader *r)
{
    if (r->f)
        fclose(r->f);
    free(r->line);
}

/* Splits a "key<TAB>value" line in place; returns the value, or NULL when
 * the line has no tab or an empty key. */
static char *split_tab(char *line)
{
    char *tab = strchr(line, '\t');
    if (!tab || tab == line)
        return NULL;
    *tab = '\0';
    return tab + 1;
}

int eval_load_corpus(eval_corpus *out, const char *path, char **err)
{
    memset(out, 0, sizeof *out);
    reader r;
    if (reader_open(&r, path, err))
        return -1;
    size_t cap = 0, len;
    int rc = 0, bad = 0;
    while (!bad && (rc = reader_next(&r, &len, err)) > 0) {
        char *text = split_tab(r.line);
        if (!text) {
            bad = eval_fail(err, "%s:%zu: expected pid<TAB>passage", path, r.lineno);
            break;
        }
        if ((bad = reserve((void **)&out->v, &cap, out->n, sizeof *out->v, err)))
            break;
        eval_passage *p = &out->v[out->n];
        p->len = len - (size_t)(text - r.line);
        p->id = strdup(r.line);
        p->text = strdup(text);
        p->folded = eval_fold(text, p->len);
        out->n++;
        if (!p->id || !p->text || !p->folded) {
            bad = eval_fail(err, "out of memory");
            break;
        }
        int put = cli_strmap_put(&out->by_id, p->id, out->n - 1, NULL);
        if (put)
            bad = put < 0 ? eval_fail(err, "out of memory")
                          : eval_fail(err, "%s:%zu: pid %s seen twice", path, r.lineno, p->id);
    }
    reader_close(&r);
    if (bad || rc < 0) {
        eval_free_corpus(out);
        return -1;
    }
    return 0;
}

void eval_free_corpus(eval_corpus *c)
{
    for (size_t i = 0; i < c->n; i++) {
        free(c->v[i].id);
        free(c->v[i].text);
        free(c->v[i].folded);
    }
    free(c->v);
    cli_strmap_free(&c->by_id);
    memset(c, 0, sizeof *c);
}

/* "dir/tydi.queries.train.tsv" -> "tydi". */
static char *set_name(const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    return strndup(base, strcspn(base, "."));
}

static int read_queries(eval_set *s, cli_strmap *by_id, const char *path, size_t limit,
                        char **err)
{
    reader r;
    if (reader_open(&r, path, err))
        return -1;
    size_t cap = 0, len;
    int rc = 0, bad = 0;
    while (!bad && (!limit || s->n < limit) && (rc = reader_next(&r, &len, err)) > 0) {
        char *text = split_tab(r.line);
        if (!text) {
            bad = eval_fail(err, "%s:%zu: expected qid<TAB>query", path, r.lineno);
            break;
        }
        if ((bad = reserve((void **)&s->q, &cap, s->n, sizeof *s->q, err)))
            break;
        eval_query *q = &s->q[s->n];
        memset(q, 0, sizeof *q);
        q->id = strdup(r.line);
        q->text = strdup(text);
        s->n++;
        if (!q->id || !q->text) {
            bad = eval_fail(err, "out of memory");
            break;
        }
        int put = cli_strmap_put(by_id, q->id, s->n - 1, NULL);
        if (put)
            bad = put < 0 ? eval_fail(err, "out of memory")
                          : eval_fail(err, "%s:%zu: qid %s seen twice", path, r.lineno, q->id);
    }
    if (!bad && limit && s->n == limit)
        rc = 0;
    reader_close(&r);
    return bad || rc < 0 ? -1 : 0;
}

static int cmp_judgment(const void *a, const void *b)
{
    const eval_judgment *x = a, *y = b;
    if (x->gain != y->gain)
        return x->gain > y->gain ? -1 : 1;
    return (x->passage > y->passage) - (x->passage < y->passage);
}

static int read_qrels(eval_set *s, const cli_strmap *by_id, const eval_corpus *c,
                      const char *path, char **err)
{
    reader r;
    if (reader_open(&r, path, err))
        return -1;
    size_t len, qi;
    int rc = 0, bad = 0;
    while (!bad && (rc = reader_next(&r, &len, err)) > 0) {
        char qid[512], iter[64], pid[512];
        int gain;
        if (sscanf(r.line, "%511s %63s %511s %d", qid, iter, pid, &gain) != 4) {
            bad = eval_fail(err, "%s:%zu: expected qid iteration pid relevance", path, r.lineno);
            break;
        }
        if (gain <= 0 || !cli_strmap_get(by_id, qid, &qi))
            continue;
        eval_query *q = &s->q[qi];
        size_t p;
        if (!cli_strmap_get(&c->by_id, pid, &p)) {
            p = EVAL_NOT_IN_CORPUS;
            s->n_rel_missing++;
        }
        size_t j;
        for (j = 0; j < q->n_rel; j++)
            if (p != EVAL_NOT_IN_CORPUS && q->rel[j].passage == p)
                break;
        if (j < q->n_rel) {   /* judged twice: keep the higher gain */
            if (gain > q->rel[j].gain)
                q->rel[j].gain = gain;
            continue;
        }
        eval_judgment *v = realloc(q->rel, (q->n_rel + 1) * sizeof *v);
        if (!v) {
            bad = eval_fail(err, "out of memory");
            break;
        }
        q->rel = v;
        q->rel[q->n_rel++] = (eval_judgment){p, gain};
    }
    reader_close(&r);
    if (bad || rc < 0)
        return -1;
    for (size_t i = 0; i < s->n; i++) {
        eval_query *q = &s->q[i];
        if (!q->n_rel)
            continue;
        s->n_judged++;
        qsort(q->rel, q->n_rel, sizeof *q->rel, cmp_judgment);
        q->ideal = malloc(q->n_rel * sizeof *q->ideal);
        if (!q->ideal)
            return eval_fail(err, "out of memory");
        for (size_t j = 0; j < q->n_rel; j++)
            q->ideal[j] = q->rel[j].gain;
    }
    return 0;
}

static int read_answers(eval_set *s, const cli_strmap *by_id, const char *path, char **err)
{
    reader r;
    if (reader_open(&r, path, err))
        return -1;
    size_t len, qi;
    int rc = 0, bad = 0;
    while (!bad && (rc = reader_next(&r, &len, err)) > 0) {
        char *answer = split_tab(r.line);
        if (!answer) {
            bad = eval_fail(err, "%s:%zu: expected qid<TAB>answer", path, r.lineno);
            break;
        }
        if (!cli_strmap_get(by_id, r.line, &qi))
            continue;
        eval_query *q = &s->q[qi];
        char *folded = eval_fold(answer, strlen(answer));
        char **v = folded ? realloc(q->answers, (q->n_answers + 1) * sizeof *v) : NULL;
        if (!v) {
            free(folded);
            bad = eval_fail(err, "out of memory");
            break;
        }
        q->answers = v;
        if (!*folded) {   /* an empty answer matches everything: skip it */
            free(folded);
            continue;
        }
        q->answers[q->n_answers++] = folded;
    }
    reader_close(&r);
    if (bad || rc < 0)
        return -1;
    for (size_t i = 0; i < s->n; i++)
        s->n_answered += s->q[i].n_answers > 0;
    return 0;
}

int eval_load_set(eval_set *out, const eval_corpus *c, const char *queries,
                  const char *qrels, const char *answers, size_t limit, char **err)
{
    memset(out, 0, sizeof *out);
    cli_strmap by_id = {0};
    int rc = -1;
    if (!(out->name = set_name(queries)))
        eval_fail(err, "out of memory");
    else if (!read_queries(out, &by_id, queries, limit, err) &&
             !read_qrels(out, &by_id, c, qrels, err) &&
             (!answers || !read_answers(out, &by_id, answers, err)))
        rc = 0;
    cli_strmap_free(&by_id);
    if (rc)
        eval_free_set(out);
    return rc;
}

void eval_free_set(eval_set *s)
{
    for (size_t i = 0; i < s->n; i++) {
        eval_query *q = &s->q[i];
        free(q->id);
        free(q->text);
        free(q->rel);
        free(q->ideal);
        for (size_t j = 0; j < q->n_answers; j++)
            free(q->answers[j]);
        free(q->answers);
    }
    free(s->q);
    free(s->name);
    memset(s, 0, sizeof *s);
}

int eval_gain(const eval_query *q, size_t p)
{
    for (size_t j = 0; j < q->n_rel; j++)
        if (q->rel[j].passage == p)
            return q->rel[j].gain;
    return 0;
}
