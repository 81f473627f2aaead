/* The Xapian wrapper: every Xapian exception becomes an error of the right
 * kind with a message, never a crash. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "temp_dir.h"
#include "xc.h"

static void make_dir(void)
{
    temp_dir_make("/tmp/cari-xc-XXXXXX");
}

TestSuite(xc, .init = make_dir, .fini = remove_dir);


Test(xc, missing_database_is_notfound)
{
    xc_err *err = NULL;
    char path[128];
    snprintf(path, sizeof path, "%s/none", dir);
    cr_expect_null(xc_rdb_open(path, &err));
    cr_expect_eq(xc_err_kind_of(err), XC_ERR_NOTFOUND, "got %s", xc_err_msg(err));
    xc_err_free(err);
    err = NULL;
    cr_expect_null(xc_wdb_open(path, XC_OPEN, &err));
    cr_expect_not_null(err);
    xc_err_free(err);
}

Test(xc, second_writer_gets_lock_error)
{
    xc_err *err = NULL;
    char path[128];
    snprintf(path, sizeof path, "%s/db", dir);
    xc_wdb *a = xc_wdb_open(path, XC_CREATE, &err);
    cr_assert_not_null(a, "%s", xc_err_msg(err));
    xc_wdb *b = xc_wdb_open(path, XC_CREATE, &err);
    cr_expect_null(b);
    cr_expect_eq(xc_err_kind_of(err), XC_ERR_LOCK, "got %s", xc_err_msg(err));
    xc_err_free(err);
    xc_wdb_close(a);
}

Test(xc, corrupt_database_reports_an_error)
{
    xc_err *err = NULL;
    char path[128], file[160];
    snprintf(path, sizeof path, "%s/db", dir);
    xc_wdb *w = xc_wdb_open(path, XC_CREATE, &err);
    cr_assert_not_null(w);
    xc_doc *d = xc_doc_new(&err);
    xc_doc_add_posting(d, "kata", 4, 1, 1, &err);
    xc_wdb_replace(w, NULL, d, &err);
    xc_wdb_commit(w, &err);
    cr_assert_null(err);
    xc_doc_free(d);
    xc_wdb_close(w);
    /* Overwrite the version file with garbage. */
    snprintf(file, sizeof file, "%s/iamglass", path);
    FILE *f = fopen(file, "wb");
    cr_assert_not_null(f);
    fputs("this is not a glass database", f);
    fclose(f);
    cr_expect_null(xc_rdb_open(path, &err));
    cr_expect_not_null(err);
    xc_err_free(err);
}

Test(xc, uncommitted_changes_are_discarded_on_close)
{
    xc_err *err = NULL;
    char path[128];
    snprintf(path, sizeof path, "%s/db", dir);
    xc_wdb *w = xc_wdb_open(path, XC_CREATE, &err);
    xc_wdb_commit(w, &err);
    xc_doc *d = xc_doc_new(&err);
    xc_wdb_replace(w, NULL, d, &err);
    xc_doc_free(d);
    cr_assert_null(err);
    xc_wdb_close(w);
    xc_rdb *r = xc_rdb_open(path, &err);
    cr_assert_not_null(r, "%s", xc_err_msg(err));
    cr_expect_eq(xc_rdb_doccount(r, &err), 0);
    xc_rdb_close(r);
}

Test(xc, too_long_term_is_an_error_not_a_crash)
{
    xc_err *err = NULL;
    char path[128], term[400];
    snprintf(path, sizeof path, "%s/db", dir);
    memset(term, 'x', sizeof term);
    xc_wdb *w = xc_wdb_open(path, XC_CREATE, &err);
    xc_doc *d = xc_doc_new(&err);
    xc_doc_add_term(d, term, sizeof term, 1, &err);
    xc_wdb_replace(w, NULL, d, &err);
    xc_wdb_commit(w, &err);
    cr_expect_not_null(err);
    xc_err_free(err);
    xc_doc_free(d);
    xc_wdb_close(w);
}

Test(xc, bad_query_operator_is_an_error)
{
    xc_err *err = NULL;
    xc_query *t = xc_query_term("a", 1, &err);
    xc_query *q = xc_query_combine(99, &t, 1, 0, &err);
    cr_expect_null(q);
    cr_expect_eq(xc_err_kind_of(err), XC_ERR_QUERY, "got %s", xc_err_msg(err));
    xc_err_free(err);
    xc_query_free(t);
}

Test(xc, mset_index_out_of_range_is_an_error)
{
    xc_err *err = NULL;
    char path[128];
    snprintf(path, sizeof path, "%s/db", dir);
    xc_wdb *w = xc_wdb_open(path, XC_CREATE, &err);
    xc_doc *d = xc_doc_new(&err);
    xc_doc_add_posting(d, "kata", 4, 1, 1, &err);
    xc_doc_set_data(d, "Kata", 4, &err);
    xc_wdb_replace(w, NULL, d, &err);
    xc_wdb_commit(w, &err);
    xc_doc_free(d);
    xc_wdb_close(w);
    cr_assert_null(err);
    xc_rdb *r = xc_rdb_open(path, &err);
    xc_query *q = xc_query_term("kata", 4, &err);
    xc_search_opts o = {.k1 = 1.2, .b = 0.75, .min_normlen = 0.5, .count = 10, .collapse_slot = -1, .tie_slot = -1};
    xc_mset *m = xc_rdb_search(r, q, &o, &err);
    cr_assert_not_null(m, "%s", xc_err_msg(err));
    cr_expect_eq(xc_mset_size(m), 1);
    size_t len;
    const char *data = xc_mset_data(m, 0, &len, &err);
    cr_expect_eq(len, 4);
    cr_expect(!memcmp(data, "Kata", 4));
    cr_expect_null(xc_mset_data(m, 5, &len, &err));
    cr_expect_not_null(err);
    xc_err_free(err);
    err = NULL;
    cr_expect_null(xc_mset_value(m, 5, 0, &len, &err));
    cr_expect_not_null(err);
    xc_err_free(err);
    xc_mset_free(m);
    xc_query_free(q);
    xc_rdb_close(r);
}

Test(xc, term_data_sees_uncommitted_documents)
{
    xc_err *err = NULL;
    char path[128];
    snprintf(path, sizeof path, "%s/db", dir);
    xc_wdb *w = xc_wdb_open(path, XC_CREATE, &err);
    cr_assert_not_null(w, "%s", xc_err_msg(err));
    size_t len = 99;
    cr_expect_null(xc_wdb_term_data(w, "Qa", &len, &err));
    cr_expect_null(err);
    xc_doc *d = xc_doc_new(&err);
    xc_doc_add_term(d, "Qa", 2, 0, &err);
    xc_doc_set_data(d, "isi\0a", 5, &err);
    xc_wdb_replace(w, NULL, d, &err);
    xc_doc_free(d);
    cr_assert_null(err, "%s", xc_err_msg(err));
    char *data = xc_wdb_term_data(w, "Qa", &len, &err);
    cr_assert_not_null(data, "%s", xc_err_msg(err));
    cr_expect_eq(len, 5);
    cr_expect_eq(memcmp(data, "isi\0a", 5), 0);
    xc_free(data);
    cr_expect_null(xc_wdb_term_data(w, "Qb", &len, &err));
    xc_wdb_close(w);
}

Test(xc, errors_replace_older_messages)
{
    xc_err *err = NULL;
    xc_rdb_open("/nonexistent/a", &err);
    xc_rdb_open("/nonexistent/b", &err);
    cr_expect(strstr(xc_err_msg(err), "b") != NULL);
    xc_err_free(err);
}

/* Errors made by callers: their kind and message are kept; the error
 * that stands in when memory runs out says so and may be freed. */
Test(xc, errors_made_by_callers_keep_kind_and_message)
{
    xc_err *e = xc_err_new(XC_ERR_CORRUPT, "a passage's data is malformed");
    cr_expect_eq(xc_err_kind_of(e), XC_ERR_CORRUPT);
    cr_expect_str_eq(xc_err_msg(e), "a passage's data is malformed");
    xc_err_free(e);
    cr_expect_eq(xc_err_kind_of(NULL), XC_ERR_OTHER);
    xc_err_free(NULL);
}
