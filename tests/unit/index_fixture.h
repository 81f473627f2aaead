/* A suite fixture shared by the end-to-end unit tests: a small index built
 * through cari.h from a test's own articles in a temporary folder, and a
 * one-call search.  Header-only: each test binary includes it once. */
#ifndef CARI_TEST_INDEX_FIXTURE_H
#define CARI_TEST_INDEX_FIXTURE_H

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cari.h"
#include "temp_dir.h"

/* Makes a folder from `tmpl` (mkdtemp's XXXXXX) and indexes the n
 * articles (id, text) into index_path there. */
static void fixture_build(const char *tmpl, const char *const articles[][2], size_t n)
{
    cari_writer *w_db;
    temp_dir_make(tmpl);
    cr_assert_eq(cari_writer_open(&w_db, index_path, NULL), CARI_OK, "%s", cari_writer_errmsg(w_db));
    for (size_t i = 0; i < n; i++)
        cr_assert_eq(cari_add_text(w_db, articles[i][0], articles[i][1], strlen(articles[i][1]),
                                   NULL),
                     CARI_OK, "%s", cari_writer_errmsg(w_db));
    cr_assert_eq(cari_commit(w_db), CARI_OK);
    cari_writer_close(w_db);
}

/* Runs a query on the fixture's index; returns the result set (the caller
 * frees it).  Fails the test when the search fails. */
static cari_results *run(const char *query, const cari_search_options *o)
{
    cari_db *db;
    cari_results *res = NULL;
    cr_assert_eq(cari_open(&db, index_path, CARI_OPEN_READ), CARI_OK, "%s", cari_errmsg(db));
    cari_status st = cari_search(db, query, o, &res);
    cr_assert_eq(st, CARI_OK, "%s: %s", query, cari_errmsg(db));
    cari_close(db);
    return res;
}

/* The article ids of the hits for query with o, in rank order, joined by
 * spaces, into buf. */
static inline void hit_articles(const char *query, const cari_search_options *o, char *buf,
                                size_t cap)
{
    cari_results *res = run(query, o);
    buf[0] = '\0';
    for (size_t i = 0; i < cari_results_count(res); i++) {
        size_t n = strlen(buf);
        snprintf(buf + n, cap - n, "%s%s", n ? " " : "", cari_results_hit(res, i)->article);
    }
    cari_results_free(res);
}

#endif
