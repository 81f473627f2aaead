/* A passage's rank data (core/rankdata.c): what the indexer keeps of each
 * word for the learned ranking, decoded as written, and malformed data
 * refused. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "cari.h"
#include "rankdata.h"

/* Adds every word of text to rd, each its own stem except the words whose
 * stem `stems` gives as "word=stem" pairs. */
typedef struct {
    cari_rankdata *rd;
    const char *text;
    const char *const *stems;
} adder;

static int add(void *ctx, const cari_token *tok)
{
    adder *a = ctx;
    const char *stem = tok->term;
    size_t stem_len = tok->term_len;
    for (const char *const *s = a->stems; s && *s; s++) {
        size_t wl = strcspn(*s, "=");
        if (wl == tok->term_len && !memcmp(*s, tok->term, wl)) {
            stem = *s + wl + 1;
            stem_len = strlen(stem);
        }
    }
    return cari_rankdata_add(a->rd, a->text, tok, stem, stem_len);
}

static void add_text(cari_rankdata *rd, const char *text, const char *const *stems)
{
    adder a = {rd, text, stems};
    cr_assert_eq(cari_tokenize(text, strlen(text), add, &a), 0);
}

typedef struct {
    const char *word;
    int types;
} want_word;

Test(rankdata, words_kinds_and_title_as_written)
{
    static const char *const stems[] = {"diresmikan=resmi", "memperoleh=oleh+", NULL};
    static const char text[] = "Jembatan itu diresmikan di Kota Lintang pada Maret 2019 karena "
                               "Budi memperoleh tiga izin.";
    static const want_word want[] = {
        {"jembatan", 0},  /* opens the sentence: no name */
        {"itu", 0},
        {"diresmikan", 0},
        {"di", 0},
        {"kota", CARI_T_NAME | CARI_T_PLACE}, /* after di */
        {"lintang", CARI_T_NAME | CARI_T_PLACE},
        {"pada", 0},
        {"maret", CARI_T_DATE},   /* a month is no name */
        {"2019", CARI_T_DATE | CARI_T_NUMBER},
        {"karena", CARI_T_REASON},
        {"budi", CARI_T_NAME},
        {"memperoleh", 0},
        {"tiga", CARI_T_NUMBER},
        {"izin", 0},
    };
    size_t nw = sizeof want / sizeof want[0];
    cari_rankdata rd = {0};
    cari_rankdata_reset(&rd);
    add_text(&rd, text, stems);
    cari_rankdata_title(&rd);
    add_text(&rd, "Jembatan Baru", NULL);
    size_t len;
    const char *v = cari_rankdata_value(&rd, 3, &len);
    cr_assert_not_null(v);

    cari_rank_words w = {0};
    cr_assert_eq(cari_rankdata_decode(v, len, &w), 0);
    cr_expect_eq(w.passage, 3);
    cr_assert_eq(w.n_text, nw);
    cr_assert_eq(w.n, nw + 2);
    for (size_t i = 0; i < nw; i++) {
        cr_expect_eq(w.v[i].form, cari_rank_hash(want[i].word, strlen(want[i].word)), "%s",
                     want[i].word);
        cr_expect_eq(w.v[i].types, want[i].types, "%s: types %d, want %d", want[i].word,
                     w.v[i].types, want[i].types);
    }
    cr_expect_eq(w.v[2].stem, cari_rank_hash("resmi", 5));
    cr_expect_eq(w.v[11].stem, cari_rank_hash("oleh+", 5));
    cr_expect_eq(w.v[0].stem, w.v[0].form, "its own stem");
    cr_expect(w.v[1].stopword && w.v[3].stopword && !w.v[0].stopword);
    cr_expect_eq(w.v[nw].form, cari_rank_hash("jembatan", 8));
    cr_expect_eq(w.v[nw + 1].types, 0, "no answer types in a title");

    /* Reset for the next passage: nothing of this one stays. */
    cari_rankdata_reset(&rd);
    v = cari_rankdata_value(&rd, 4, &len);
    cr_assert_eq(cari_rankdata_decode(v, len, &w), 0);
    cr_expect(w.n == 0 && w.n_text == 0 && w.passage == 4);
    free(w.v);
    cari_rankdata_free(&rd);
}

Test(rankdata, malformed_data_is_refused)
{
    static const struct {
        const char *data;
        size_t len;
    } bad[] = {
        {"", 0},                          /* no header */
        {"\x01", 1},                      /* no word count */
        {"\x01\x01\x61\x62", 4},          /* a word cut short */
        {"\x01\x01\x61\x62\x63\x80", 6},  /* bit 7 set */
        {"\x01\x01\x61\x62\x63\x40\x01", 7}, /* a stem hash cut short */
        {"\x01\x02\x61\x62\x63\x00", 6},  /* more text words than words */
        {"\x01\xff\xff\xff\xff\xff\x01", 7}, /* an endless varint */
    };
    cari_rank_words w = {0};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        cr_expect_eq(cari_rankdata_decode(bad[i].data, bad[i].len, &w), -1, "case %zu", i);
    cr_expect_eq(cari_rankdata_decode("\x01\x01\x61\x62\x63\x00", 6, &w), 0);
    free(w.v);
}
