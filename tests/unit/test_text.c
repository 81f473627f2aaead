/* Article format, passage splitting, UTF-8 repair and the stopword lists
 * (core internals). */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "article.h"
#include "passage.h"
#include "stopwords.h"
#include "utf8.h"

/* ---- article format --------------------------------------------------- */

/* What the reader reported: the title and the paragraphs with lines. */
typedef struct {
    char title[64];
    int has_title;
    char paras[16][128];
    size_t lines[16];
    size_t n;
} article_events;

static int on_title(void *ctx, const char *text, size_t len, size_t line)
{
    article_events *e = ctx;
    (void)line;
    snprintf(e->title, sizeof e->title, "%.*s", (int)len, text);
    e->has_title = 1;
    return 0;
}

static int on_para(void *ctx, const char *text, size_t len, size_t line)
{
    article_events *e = ctx;
    if (e->n < 16) {
        snprintf(e->paras[e->n], 128, "%.*s", (int)len, text);
        e->lines[e->n] = line;
    }
    e->n++;
    return 0;
}

/* Reads `text` through the streaming reader, `step` bytes at a time. */
static void read_article(const char *text, size_t step, int find_title, article_events *e)
{
    memset(e, 0, sizeof *e);
    cari_article_reader r;
    cari_article_init(&r, find_title, on_title, on_para, e);
    size_t len = strlen(text);
    for (size_t i = 0; i < len; i += step)
        cr_assert_eq(cari_article_feed(&r, text + i, len - i < step ? len - i : step), 0);
    cr_assert_eq(cari_article_finish(&r), 0);
}

/* Arrays, not pointers: Criterion runs each test in a new process. */
struct acase {
    char text[64];
    char title[32];      /* "": none */
    size_t paragraphs;
    char first[32];      /* first paragraph, "" if none */
    size_t first_line;   /* its line */
};

ParameterizedTestParameters(article, format)
{
    static struct acase cases[] = {
        {"Judul\n\nSatu.\nDua.\n", "Judul", 2, "Satu.", 3},
        {"Judul\r\n\r\nSatu.\r\n", "Judul", 1, "Satu.", 3},
        {"  Judul  \n \t\nSatu.\n\n\nDua.", "Judul", 2, "Satu.", 3},
        {"Bukan judul.\nParagraf dua.\n", "", 2, "Bukan judul.", 1},
        {"Satu baris saja", "", 1, "Satu baris saja", 1},
        {"Hanya judul\n\n", "Hanya judul", 0, "", 0},
        {"\nSatu.\n", "", 1, "Satu.", 2},
        {"", "", 0, "", 0},
    };
    return cr_make_param_array(struct acase, cases, sizeof cases / sizeof cases[0]);
}

ParameterizedTest(struct acase *c, article, format)
{
    /* Fed whole, and byte by byte: the same events. */
    size_t steps[] = {4096, 1};
    for (size_t k = 0; k < 2; k++) {
        article_events e;
        read_article(c->text, steps[k], 1, &e);
        cr_expect_eq(e.has_title, c->title[0] != 0, "text %s", c->text);
        if (c->title[0])
            cr_expect_str_eq(e.title, c->title);
        cr_expect_eq(e.n, c->paragraphs, "text %s", c->text);
        if (c->first[0]) {
            cr_expect_str_eq(e.paras[0], c->first);
            cr_expect_eq(e.lines[0], c->first_line);
        }
    }
}

Test(article, no_title_search_when_not_asked)
{
    article_events e;
    read_article("Judul\n\nSatu.\n", 100, 0, &e);
    cr_expect_eq(e.has_title, 0);
    cr_expect_eq(e.n, 2);
}

Test(article, overlong_lines_are_cut_at_spaces)
{
    /* 3 MiB of "kata " on one line, then a short line. */
    size_t len = 3 * CARI_LINE_MAX;
    char *text = malloc(len + 16);
    for (size_t i = 0; i < len; i++)
        text[i] = "kata "[i % 5];
    strcpy(text + len, "\nakhir\n");
    article_events e;
    read_article(text, 65536, 1, &e);
    cr_expect_eq(e.has_title, 0);
    cr_expect(e.n >= 4, "pieces: %zu", e.n);
    for (size_t i = 0; i + 1 < e.n && i < 16; i++)
        cr_expect_eq(e.lines[i], 1, "every piece is from line 1");
    cr_expect_str_eq(e.paras[e.n - 1], "akhir");
    cr_expect_eq(e.lines[e.n - 1], 2);
    free(text);
}

/* ---- passages --------------------------------------------------------- */

typedef struct {
    size_t start[64], end[64], words[64];
    size_t n;
} plist;

static int on_passage(void *ctx, size_t start, size_t end, size_t words)
{
    plist *p = ctx;
    p->start[p->n] = start;
    p->end[p->n] = end;
    p->words[p->n++] = words;
    return 0;
}

/* Builds `sentences` sentences of `words` words each. */
static char *make_text(int sentences, int words)
{
    char *t = malloc((size_t)sentences * (size_t)words * 8 + 1);
    char *o = t;
    for (int s = 0; s < sentences; s++)
        for (int w = 0; w < words; w++)
            o += sprintf(o, "%s%s", w == 0 ? (s ? " Kata" : "Kata") : " kata",
                         w == words - 1 ? "." : "");
    return t;
}

Test(passage, short_paragraph_is_one_passage)
{
    plist p = {0};
    const char *t = "Satu dua tiga. Empat lima.";
    cari_split_passages(t, strlen(t), 120, on_passage, &p);
    cr_assert_eq(p.n, 1);
    cr_expect_eq(p.start[0], 0);
    cr_expect_eq(p.end[0], strlen(t));
    cr_expect_eq(p.words[0], 5);
}

Test(passage, long_paragraph_splits_at_sentence_ends)
{
    char *t = make_text(10, 30); /* 300 words in sentences of 30 */
    plist p = {0};
    cari_split_passages(t, strlen(t), 120, on_passage, &p);
    cr_assert_eq(p.n, 3);
    size_t total = 0;
    for (size_t i = 0; i < p.n; i++) {
        cr_expect(p.words[i] <= 120);
        cr_expect_eq(p.words[i] % 30, 0, "cut inside a sentence");
        cr_expect_eq(t[p.end[i] - 1], '.', "passage %zu ends mid-sentence", i);
        cr_expect_eq(strncmp(t + p.start[i], "Kata", 4), 0);
        total += p.words[i];
    }
    cr_expect_eq(total, 300);
    free(t);
}

Test(passage, overlong_sentence_is_cut_between_words)
{
    char *t = make_text(1, 250);
    plist p = {0};
    cari_split_passages(t, strlen(t), 120, on_passage, &p);
    cr_assert_eq(p.n, 3);
    cr_expect_eq(p.words[0], 120);
    cr_expect_eq(p.words[1], 120);
    cr_expect_eq(p.words[2], 10);
    cr_expect_neq(t[p.start[1]], ' ');
    free(t);
}

Test(passage, closing_quote_stays_with_its_sentence)
{
    /* 3 words, then a quoted sentence end, with a limit of 4 words. */
    const char *t = "“Kami siap tempur.” Kata komandan itu.";
    plist p = {0};
    cari_split_passages(t, strlen(t), 4, on_passage, &p);
    cr_assert_eq(p.n, 2);
    cr_expect_eq(strncmp(t + p.end[0] - 3, "”", 3), 0);
    cr_expect_eq(strncmp(t + p.start[1], "Kata", 4), 0);
}

Test(passage, no_words_no_passage)
{
    plist p = {0};
    cari_split_passages("... — !", 9, 120, on_passage, &p);
    cr_expect_eq(p.n, 0);
}

/* ---- UTF-8 repair ----------------------------------------------------- */

static size_t bad_lines[8], n_bad;
static void on_bad(void *ctx, size_t line)
{
    (void)ctx;
    bad_lines[n_bad++] = line;
}

Test(utf8, valid_text_needs_no_copy)
{
    int st;
    size_t len;
    n_bad = 0;
    cr_expect_null(cari_utf8_repair("Tentara “Korut”", 19, &len, on_bad, NULL, &st));
    cr_expect_eq(st, 0);
    cr_expect_eq(n_bad, 0);
}

Test(utf8, invalid_bytes_are_replaced_and_lines_named)
{
    const char text[] = "baik\nru\xFFsak\xC3\nbaik\n\xE2\x82";
    int st;
    size_t len;
    n_bad = 0;
    char *out = cari_utf8_repair(text, sizeof text - 1, &len, on_bad, NULL, &st);
    cr_assert_not_null(out);
    cr_expect_str_eq(out, "baik\nru\xEF\xBF\xBDsak\xEF\xBF\xBD\nbaik\n\xEF\xBF\xBD\xEF\xBF\xBD");
    cr_expect_eq(len, strlen(out));
    cr_assert_eq(n_bad, 2);
    cr_expect_eq(bad_lines[0], 2);
    cr_expect_eq(bad_lines[1], 4);
    free(out);
}

Test(utf8, nul_bytes_are_replaced)
{
    int st;
    size_t len;
    n_bad = 0;
    char *out = cari_utf8_repair("a\0b", 3, &len, NULL, NULL, &st);
    cr_assert_not_null(out);
    cr_expect_str_eq(out, "a\xEF\xBF\xBD" "b");
    free(out);
}

/* ---- passage records (document data) ---------------------------------- */

#include "docdata.h"

Test(docdata, round_trip_with_any_bytes)
{
    const char *ids[] = {"a.txt", "folder/nama dengan spasi.txt", "baris\nbaru 12 3\n.txt"};
    const char *titles[] = {NULL, "", "Judul 5 - 7\n"};
    for (size_t i = 0; i < 3; i++)
        for (size_t t = 0; t < 3; t++) {
            const char text[] = "Teks 1 2 - \n bagian.";
            size_t len;
            const char meta[] = "s\tKabar 5\n";
            char *data = cari_docdata_encode(7, ids[i], titles[t], meta, sizeof meta - 1, text,
                                             sizeof text - 1, &len);
            cr_assert_not_null(data);
            cari_docdata d;
            cr_assert_eq(cari_docdata_decode(data, len, &d), 0);
            cr_expect_eq(d.passage, 7);
            cr_expect_eq(d.article_len, strlen(ids[i]));
            cr_expect(!memcmp(d.article, ids[i], d.article_len));
            if (titles[t]) {
                cr_assert_not_null(d.title);
                cr_expect_eq(d.title_len, strlen(titles[t]));
                cr_expect(!memcmp(d.title, titles[t], d.title_len));
            } else {
                cr_expect_null(d.title);
            }
            cr_expect_eq(d.meta_len, sizeof meta - 1);
            cr_expect(!memcmp(d.meta, meta, d.meta_len));
            cr_expect_eq(d.text_len, sizeof text - 1);
            cr_expect(!memcmp(d.text, text, d.text_len));
            free(data);
        }
}

Test(docdata, malformed_data_is_refused)
{
    const char *bad[] = {"",        "x",           "1",           "1 ",
                         "1 5 - 0\nabc", "1 2 9 0\nab", "1 a - 0\n", "-1 2 - 0\nab",
                         "1 2 -\nab", "1 2 - 9\nab"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        cari_docdata d;
        cr_expect_eq(cari_docdata_decode(bad[i], strlen(bad[i]), &d), -1, "\"%s\"", bad[i]);
    }
}

/* ---- stopwords -------------------------------------------------------- */

/* Both lists are searched by bisection: every member must be found (an
 * unsorted list loses some), and the position-less words are stopwords
 * that keep no word of meaning out of phrases. */
Test(stopwords, lists_are_found_whole)
{
    static const char *const positionless[] = {
        "adalah", "atau", "bagi", "bahwa", "dan", "dengan", "ialah", "ini",
        "itu", "juga", "kepada", "merupakan", "oleh", "pada", "para",
        "sebagai", "serta", "tersebut", "untuk", "yaitu", "yakni", "yang",
    };
    for (size_t i = 0; i < sizeof positionless / sizeof positionless[0]; i++) {
        const char *w = positionless[i];
        cr_expect(cari_is_positionless(w, strlen(w)), "%s", w);
        cr_expect(cari_is_stopword(w, strlen(w)), "%s", w);
    }
    static const char *const stopwords_only[] = {
        "ada", "apakah", "dalam", "di", "ke", "dari", "tidak", "bukan", "belum",
        "siapakah", "tetapi", "atas", "antara",
    };
    for (size_t i = 0; i < sizeof stopwords_only / sizeof stopwords_only[0]; i++)
        cr_expect(cari_is_stopword(stopwords_only[i], strlen(stopwords_only[i])), "%s",
                  stopwords_only[i]);
    static const char *const positional[] = {"dalam", "di", "ke", "dari", "tidak", "bukan",
                                             "drone", "yan", "yangg", ""};
    for (size_t i = 0; i < sizeof positional / sizeof positional[0]; i++)
        cr_expect(!cari_is_positionless(positional[i], strlen(positional[i])), "%s",
                  positional[i]);
}
