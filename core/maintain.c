/* What an index holds: listing articles, totals, and the consistency
 * check behind `indexer --check`. */
#include "build.h"
#include "db.h"
#include "fsutil.h"
#include "records.h"
#include "terms.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    cari_db *db;
    cari_article_fn fn;
    void *ctx;
    int stopped;
    size_t bad;             /* malformed records */
} list_state;

/* Turns one metadata record into a cari_article_info (an xc_meta_fn). */
static int on_record(void *ctx, const char *key, size_t klen, const char *value,
                     size_t vlen)
{
    list_state *s = ctx;
    (void)key;
    (void)klen;
    cari_record r;
    if (cari_record_parse(value, vlen, &r)) {
        s->bad++;
        return 0;
    }
    char *group = strndup(r.group, r.group_len), *id = strndup(r.id, r.id_len);
    int rc = 0;
    if (!group || !id) {
        rc = -1;
    } else {
        cari_article_info a = {id, r.passages, r.hash, group};
        rc = s->fn(s->ctx, &a);
        s->stopped = rc != 0;
    }
    free(group);
    free(id);
    return rc;
}

cari_status cari_list_articles(cari_db *db, cari_article_fn fn, void *ctx)
{
    cari_clear_error(db);
    if (db->builder)
        return cari_build_list(db, fn, ctx);
    list_state s = {db, fn, ctx, 0, 0};
    xc_err *err = NULL;
    if (db->w)
        xc_wdb_metadata_each(db->w, CARI_META_ARTICLE, on_record, &s, &err);
    else
        xc_rdb_metadata_each(db->r, CARI_META_ARTICLE, on_record, &s, &err);
    if (err)
        return cari_fail_xc(db, err, db->path);
    if (s.stopped)
        return cari_fail(db, CARI_ERROR, "listing stopped");
    return CARI_OK;
}

static int count_article(void *ctx, const cari_article_info *a)
{
    (void)a;
    ++*(size_t *)ctx;
    return 0;
}

cari_status cari_get_stats(cari_db *db, cari_stats *out)
{
    memset(out, 0, sizeof *out);
    if (!db->r)
        return cari_fail(db, CARI_INVALID, "%s: index not open for reading", db->path);
    cari_status st = cari_list_articles(db, count_article, &out->articles);
    if (st)
        return st;
    xc_err *err = NULL;
    out->passages = xc_rdb_doccount(db->r, &err);
    out->terms = xc_rdb_term_count(db->r, "", &err);
    char *sig = xc_rdb_get_metadata(db->r, CARI_META_STEMMER, NULL, &err);
    if (err) {
        xc_free(sig);
        return cari_fail_xc(db, err, db->path);
    }
    snprintf(out->stemmer, sizeof out->stemmer, "%s", sig ? sig : "");
    xc_free(sig);
    out->bm25_b = db->bm25_b;
    /* Articles with each field: the "XF" terms of their first passages. */
    size_t *with[] = {&out->with_date, &out->with_url, &out->with_source,
                      &out->with_authors, &out->with_categories, &out->with_lang};
    for (size_t i = 0; i < 6; i++) {
        char term[4] = {'X', 'F', "dusacl"[i], '\0'};
        *with[i] = xc_rdb_termfreq(db->r, term, &err);
    }
    if (err)
        return cari_fail_xc(db, err, db->path);
    out->bytes = cari_tree_bytes(db->path);
    return CARI_OK;
}

typedef struct {
    cari_db *db;
    cari_problem_fn fn;
    void *ctx;
    size_t problems;
    size_t passages;        /* sum of the records' passage counts */
    xc_err *err;
} check_state;

/* Reports one problem (printf-style). */
static void problem(check_state *s, const char *fmt, ...)
#ifdef __GNUC__
    __attribute__((format(printf, 2, 3)))
#endif
    ;
static void problem(check_state *s, const char *fmt, ...)
{
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    s->problems++;
    if (s->fn)
        s->fn(s->ctx, buf);
}

/* Checks one article's passages: "Q" id "#" k for k = 1..n, and no n+1. */
static int check_article(void *ctx, const cari_article_info *a)
{
    check_state *s = ctx;
    char term[CARI_TERM_MAX + 1];
    size_t idlen = strlen(a->id);
    char *uid = malloc(idlen + 24);
    if (!uid)
        return -1;
    if (strlen(a->hash) != CARI_HASH_LEN)
        problem(s, "%s: no content hash recorded", a->id);
    s->passages += a->passages;
    for (size_t k = 1; k <= a->passages + 1; k++) {
        sprintf(uid, "%s#%zu", a->id, k);
        cari_make_term(term, CARI_PREFIX_UID, uid, strlen(uid));
        int exists = xc_rdb_term_exists(s->db->r, term, &s->err);
        if (s->err)
            break;
        if (k <= a->passages && !exists)
            problem(s, "%s: passage %zu is missing", a->id, k);
        else if (k > a->passages && exists)
            problem(s, "%s: passage %zu exists beyond the recorded count", a->id, k);
    }
    free(uid);
    return s->err ? -1 : 0;
}

cari_status cari_check(cari_db *db, cari_problem_fn fn, void *ctx, size_t *out_problems)
{
    *out_problems = 0;
    if (!db->r)
        return cari_fail(db, CARI_INVALID, "%s: index not open for reading", db->path);
    char *report = NULL;
    xc_err *err = NULL;
    long errors = xc_check(db->path, &report, &err);
    if (errors < 0)
        return cari_fail_xc(db, err, db->path);
    check_state s = {db, fn, ctx, 0, 0, NULL};
    if (errors > 0) {
        /* Hand on Xapian's report line by line. */
        char *save, *line = strtok_r(report, "\n", &save);
        for (; line; line = strtok_r(NULL, "\n", &save))
            problem(&s, "xapian: %s", line);
        if (!s.problems)
            problem(&s, "xapian: check found %ld errors", errors);
    }
    xc_free(report);
    list_state ls = {db, check_article, &s, 0, 0};
    xc_rdb_metadata_each(db->r, CARI_META_ARTICLE, on_record, &ls, &err);
    if (err || s.err) {
        xc_err_free(s.err);
        return cari_fail_xc(db, err ? err : NULL, db->path);
    }
    if (ls.bad)
        problem(&s, "%zu malformed article records", ls.bad);
    /* Every passage belongs to a recorded article. */
    unsigned docs = xc_rdb_doccount(db->r, &err);
    if (err)
        return cari_fail_xc(db, err, db->path);
    if (docs != s.passages)
        problem(&s, "the index holds %u passages but the article records count %zu",
                docs, s.passages);
    *out_problems = s.problems;
    return CARI_OK;
}
