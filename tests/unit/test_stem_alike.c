/*
 * Index and query stem alike: short articles, each holding one affixed form
 * of a root, are indexed through cari.h; searching for any form of a root
 * must find the articles of every other form of that root, and nothing
 * else.  This is what breaks with plain Snowball (mengirim -> irim but
 * dikirim -> kirim), and the last test checks that it does, so that this
 * test would notice an index or a query stemmed some other way.
 */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cari.h"
#include "temp_dir.h"

/* The word families: forms of one root, each indexed as its own article
 * ("g<family>/<form>.txt").  A NULL ends a family. */
#define MAX_FORMS 6
static const char *const families[][MAX_FORMS] = {
    {"mengirim", "dikirim", "pengiriman", "kiriman", "terkirim", NULL},
    {"melatih", "pelatihan", "dilatih", "berlatih", "latihan", NULL},
    {"menulis", "penulis", "tulisan", "ditulis", NULL},
    {"tentara-tentara", "tentara", "ketentaraan", NULL},
    {"membaca", "pembaca", "bacaan", "dibacakan", NULL},
};
#define N_FAMILIES (sizeof families / sizeof families[0])

/* Builds an index of one article per form, stemmed as `flags` say. */
static void build(int flags)
{
    cari_writer *w_db;
    cari_write_options wo = CARI_WRITE_OPTIONS_INIT;
    wo.flags = flags;
    temp_dir_make("/tmp/cari-alike-XXXXXX");
    cr_assert_eq(cari_writer_open(&w_db, index_path, &wo), CARI_OK,
                 "%s", cari_writer_errmsg(w_db));
    for (size_t f = 0; f < N_FAMILIES; f++)
        for (size_t i = 0; i < MAX_FORMS && families[f][i]; i++) {
            char id[64], text[160];
            snprintf(id, sizeof id, "g%zu/%s.txt", f, families[f][i]);
            /* The other words are the same in every article, so only the
             * form itself tells the articles apart. */
            int n = snprintf(text, sizeof text,
                             "Catatan harian: %s pada pagi hari.\n",
                             families[f][i]);
            cr_assert_eq(cari_add_text(w_db, id, text, (size_t)n, NULL), CARI_OK,
                         "%s: %s", id, cari_writer_errmsg(w_db));
        }
    cr_assert_eq(cari_commit(w_db), CARI_OK, "%s", cari_writer_errmsg(w_db));
    cari_writer_close(w_db);
}

static void build_stemmer_id(void) { build(0); }
static void build_snowball(void) { build(CARI_OPEN_STEM_SNOWBALL); }

/* Searches `query` and stores in found[f][i] whether the article of form i
 * of family f is among the hits.  Returns the number of hits. */
static size_t search(const char *query, int flags,
                     int found[N_FAMILIES][MAX_FORMS])
{
    memset(found, 0, sizeof(int) * N_FAMILIES * MAX_FORMS);
    cari_db *db;
    cr_assert_eq(cari_open(&db, index_path, CARI_OPEN_READ | flags), CARI_OK,
                 "%s", cari_errmsg(db));
    cari_search_options o;
    cari_search_options_init(&o, CARI_SEARCH_OPTIONS_VERSION);
    o.limit = 100;
    cari_results *res = NULL;
    cr_assert_eq(cari_search(db, query, &o, &res), CARI_OK, "%s: %s", query,
                 cari_errmsg(db));
    size_t n = cari_results_count(res);
    for (size_t h = 0; h < n; h++) {
        const cari_hit *hit = cari_results_hit(res, h);
        for (size_t f = 0; f < N_FAMILIES; f++)
            for (size_t i = 0; i < MAX_FORMS && families[f][i]; i++) {
                char id[64];
                snprintf(id, sizeof id, "g%zu/%s.txt", f, families[f][i]);
                if (!strcmp(hit->article, id))
                    found[f][i] = 1;
            }
    }
    cari_results_free(res);
    cari_close(db);
    return n;
}

/* One query: a form of family `family`, as a user might type it. */
struct alike_case {
    char query[32];
    int family;
};

ParameterizedTestParameters(alike, every_form_finds_its_family)
{
    static struct alike_case cases[N_FAMILIES * MAX_FORMS + 4];
    size_t n = 0;
    for (size_t f = 0; f < N_FAMILIES; f++)
        for (size_t i = 0; i < MAX_FORMS && families[f][i]; i++) {
            if (strchr(families[f][i], '-'))
                continue; /* see reduplicated_query below */
            snprintf(cases[n].query, sizeof cases[n].query, "%s",
                     families[f][i]);
            cases[n++].family = (int)f;
        }
    /* The query goes through the same tokenizer: case, clitics. */
    static const struct alike_case extra[] = {
        {"MENGIRIM", 0}, {"Pelatihannya", 1}, {"tulisanmu", 2},
        {"Tentaranya", 3}};
    for (size_t i = 0; i < sizeof extra / sizeof extra[0]; i++)
        cases[n++] = extra[i];
    return cr_make_param_array(struct alike_case, cases, n);
}

ParameterizedTest(struct alike_case *c, alike, every_form_finds_its_family,
                  .init = build_stemmer_id, .fini = remove_dir)
{
    int found[N_FAMILIES][MAX_FORMS];
    search(c->query, 0, found);
    for (size_t f = 0; f < N_FAMILIES; f++)
        for (size_t i = 0; i < MAX_FORMS && families[f][i]; i++) {
            if ((int)f == c->family)
                cr_expect(found[f][i], "query %s does not find %s", c->query,
                          families[f][i]);
            else
                cr_expect(!found[f][i], "query %s finds %s, another root",
                          c->query, families[f][i]);
        }
}

/* A reduplicated query word: the index holds tentara-tentara as its parts,
 * and the query parser reads two joined parts with one stem as that one
 * word, so the query finds the whole family. */
Test(alike, reduplicated_query, .init = build_stemmer_id, .fini = remove_dir)
{
    static const char *const queries[] = {"tentara-tentara",
                                          "tentara-tentaranya"};
    int found[N_FAMILIES][MAX_FORMS];
    for (size_t q = 0; q < 2; q++) {
        search(queries[q], 0, found);
        for (size_t i = 0; i < MAX_FORMS && families[3][i]; i++)
            cr_expect(found[3][i], "query %s does not find %s", queries[q],
                      families[3][i]);
    }
}

/* The same index and queries under plain Snowball: some form of some family
 * must miss its kin, or this test could not tell the stemmers apart. */
Test(alike, snowball_does_not, .init = build_snowball, .fini = remove_dir)
{
    int found[N_FAMILIES][MAX_FORMS];
    int missed = 0;
    for (size_t f = 0; f < N_FAMILIES; f++)
        for (size_t i = 0; i < MAX_FORMS && families[f][i]; i++) {
            search(families[f][i], CARI_OPEN_STEM_SNOWBALL, found);
            for (size_t j = 0; j < MAX_FORMS && families[f][j]; j++)
                missed += !found[f][j];
        }
    cr_expect_gt(missed, 0, "Snowball found every family whole");
}
