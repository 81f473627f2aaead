/* What an index holds, through a reader: listing articles, totals, and
 * the consistency check behind `cari-indexer --check`.  A reader of a
 * sharded index (or of several) walks each database's article records in
 * turn: Xapian reads metadata from the first database only. */
#include "fsutil.h"
#include "alloc.h"
#include "reader.h"
#include "records.h"
#include "signature.h"
#include "terms.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Calls fn for the records of every database of the reader, one after
 * another; counts malformed records in *out_bad (may be NULL). */
static cari_status list_all(cari_db *db, cari_article_fn fn, void *ctx, size_t *out_bad)
{
    if (out_bad)
        *out_bad = 0;
    if (db->n_shards == 1)
        return cari_record_list(&db->error, db->path, NULL, db->r, fn, ctx, out_bad);
    for (size_t i = 0; i < db->n_shards; i++) {
        xc_err *err = NULL;
        xc_rdb *one = xc_rdb_open(db->shards[i], &err);
        if (!one)
            return cari_fail_xc(&db->error, err, db->shards[i]);
        size_t bad = 0;
        cari_status st = cari_record_list(&db->error, db->shards[i], NULL, one, fn, ctx, &bad);
        xc_rdb_close(one);
        if (out_bad)
            *out_bad += bad;
        if (st)
            return st;
    }
    return CARI_OK;
}

cari_status cari_list_articles(cari_db *db, cari_article_fn fn, void *ctx)
{
    cari_clear_error(&db->error);
    return list_all(db, fn, ctx, NULL);
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
    cari_clear_error(&db->error);
    cari_status st = list_all(db, count_article, &out->articles, NULL);
    if (st)
        return st;
    xc_err *err = NULL;
    out->passages = xc_rdb_doccount(db->r, &err);
    out->terms = xc_rdb_term_count(db->r, "", &err);
    char *sig = xc_rdb_get_metadata(db->r, CARI_META_STEMMER, NULL, &err);
    if (err) {
        xc_free(sig);
        return cari_reader_fail(db, err);
    }
    snprintf(out->stemmer, sizeof out->stemmer, "%s", sig ? sig : "");
    xc_free(sig);
    out->bm25_b = db->bm25_b;
    for (size_t i = 0; i < db->n_shards; i++)
        out->bytes += cari_tree_bytes(db->shards[i]);
    /* Articles with each field: the "XF" terms of their first passages. */
    size_t *with[] = {&out->with_date, &out->with_url, &out->with_source,
                      &out->with_authors, &out->with_categories, &out->with_lang};
    for (size_t i = 0; i < 6; i++) {
        char term[4] = {'X', 'F', "dusacl"[i], '\0'};
        *with[i] = xc_rdb_termfreq(db->r, term, &err);
    }
    if (err)
        return cari_reader_fail(db, err);
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
    char *uid = cari_malloc(idlen + 24);
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

/* Whether a failure while checking is the index's damage (reported as a
 * problem) rather than the check's own (out of memory). */
static int damage(const xc_err *err)
{
    return xc_err_kind_of(err) != XC_ERR_NOMEM;
}

/* Runs Xapian's check on one database, handing on its report line by
 * line.  Damage that stops Xapian's check (it throws on a block it cannot
 * read) is a problem too.  Returns a status. */
static cari_status xapian_check(check_state *s, const char *path)
{
    char *report = NULL;
    xc_err *err = NULL;
    long errors = xc_check(path, &report, &err);
    if (errors < 0 && damage(err)) {
        problem(s, "xapian: %s: %s", path, xc_err_msg(err));
        xc_err_free(err);
        return CARI_OK;
    }
    if (errors < 0)
        return cari_fail_xc(&s->db->error, err, path);
    size_t before = s->problems;
    if (errors > 0) {
        char *save, *line = strtok_r(report, "\n", &save);
        for (; line; line = strtok_r(NULL, "\n", &save))
            problem(s, "xapian: %s", line);
        if (s->problems == before)
            problem(s, "xapian: check found %ld errors", errors);
    }
    xc_free(report);
    return CARI_OK;
}

cari_status cari_check(cari_db *db, cari_problem_fn fn, void *ctx, size_t *out_problems)
{
    *out_problems = 0;
    cari_clear_error(&db->error);
    check_state s = {db, fn, ctx, 0, 0, NULL};
    for (size_t i = 0; i < db->n_shards; i++) {
        cari_status st = xapian_check(&s, db->shards[i]);
        if (st)
            return st;
    }
    size_t bad = 0;
    cari_status st = list_all(db, check_article, &s, &bad);
    if ((s.err && damage(s.err)) || (!s.err && (st == CARI_CORRUPT || st == CARI_ERROR))) {
        /* Records or passages that cannot be read: the damage is the
         * finding; counting passages against them means nothing. */
        problem(&s, "%s", s.err ? xc_err_msg(s.err) : cari_error_msg(&db->error));
        xc_err_free(s.err);
        cari_clear_error(&db->error);
        *out_problems = s.problems;
        return CARI_OK;
    }
    if (s.err)
        return cari_fail_xc(&db->error, s.err, db->path);
    if (st)
        return st;
    if (bad)
        problem(&s, "%zu malformed article records", bad);
    /* Every passage belongs to a recorded article. */
    xc_err *err = NULL;
    unsigned docs = xc_rdb_doccount(db->r, &err);
    if (err && damage(err)) {
        problem(&s, "%s", xc_err_msg(err));
        xc_err_free(err);
        *out_problems = s.problems;
        return CARI_OK;
    }
    if (err)
        return cari_reader_fail(db, err);
    if (docs != s.passages)
        problem(&s, "the index holds %u passages but the article records count %zu",
                docs, s.passages);
    *out_problems = s.problems;
    return CARI_OK;
}
