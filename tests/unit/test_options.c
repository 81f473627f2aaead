/* Options that can grow: CARI_SEARCH_OPTIONS_INIT and
 * cari_search_options_init() agree; a version the library does not know
 * is refused by both init and search, with a message. */
#include "index_fixture.h"

static const char *const articles[][2] = {
    {"a.txt", "Banjir\n\nBanjir melanda kota setelah hujan deras.\n"},
};

static void setup(void)
{
    fixture_build("/tmp/cari-options-XXXXXX", articles, 1);
}

TestSuite(options, .init = setup, .fini = remove_dir);

Test(options, init_macro_and_function_agree)
{
    cari_search_options a = CARI_SEARCH_OPTIONS_INIT, b;
    memset(&b, 0xff, sizeof b);
    cr_assert_eq(cari_search_options_init(&b, CARI_SEARCH_OPTIONS_VERSION), CARI_OK);
    cr_expect_eq(a.version, CARI_SEARCH_OPTIONS_VERSION);
    cr_expect_eq(b.version, CARI_SEARCH_OPTIONS_VERSION);
    cr_expect_eq(a.limit, 10);
    cr_expect_eq(b.limit, 10);
    cr_expect_eq(a.k1, b.k1);
    cr_expect_eq(a.title_weight, b.title_weight);
    cr_expect_eq(a.snippet_words, b.snippet_words);
    cr_expect_null(b.synonyms);
    cr_expect_eq(b.feedback, 0);
    cari_results *res = run("banjir", &a);
    cr_expect_eq(cari_results_count(res), 1);
    cari_results_free(res);
}

Test(options, unknown_versions_are_refused)
{
    cari_search_options o = CARI_SEARCH_OPTIONS_INIT;
    cr_expect_eq(cari_search_options_init(&o, 0), CARI_INVALID);
    cr_expect_eq(cari_search_options_init(&o, CARI_SEARCH_OPTIONS_VERSION + 1), CARI_INVALID);
    cr_expect_eq(o.version, CARI_SEARCH_OPTIONS_VERSION, "left untouched");
    cari_db *db;
    cr_assert_eq(cari_open(&db, index_path, CARI_OPEN_READ), CARI_OK);
    cari_results *res = NULL;
    unsigned bad[] = {0, CARI_SEARCH_OPTIONS_VERSION + 1};
    for (size_t i = 0; i < 2; i++) {
        o.version = bad[i];
        cr_expect_eq(cari_search(db, "banjir", &o, &res), CARI_INVALID);
        cr_expect_null(res);
        cr_expect(strstr(cari_errmsg(db), "version") != NULL, "%s", cari_errmsg(db));
    }
    cari_close(db);
}
