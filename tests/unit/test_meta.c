/* Article metadata readers (core internals): dates as Indonesian sites
 * print them, front matter, and saved web pages. */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "frontmatter.h"
#include "html.h"

/* ---- dates ------------------------------------------------------------ */

struct dcase {
    char text[64];
    int rc;            /* CARI_DATE_* */
    char iso[40];      /* cari_date_format() of the result */
};

ParameterizedTestParameters(date, parse)
{
    static struct dcase cases[] = {
        {"2025-01-12", CARI_DATE_OK, "2025-01-12"},
        {"2025-01-12T14:30:05+07:00", CARI_DATE_OK, "2025-01-12T14:30:05+07:00"},
        {"2025-01-12T14:30:05.123456+0700", CARI_DATE_OK, "2025-01-12T14:30:05+07:00"},
        {"2025-01-12T07:30:05Z", CARI_DATE_OK, "2025-01-12T07:30:05+00:00"},
        {"2025-01-12 14:30", CARI_DATE_OK, "2025-01-12T14:30:00+07:00"},
        {"2025/01/12 14:30:00", CARI_DATE_OK, "2025-01-12T14:30:00+07:00"},
        {"12 Januari 2025", CARI_DATE_OK, "2025-01-12"},
        {"  12 januari 2025  ", CARI_DATE_OK, "2025-01-12"},
        {"Senin, 12 Jan 2025 14:30 WIB", CARI_DATE_OK, "2025-01-12T14:30:00+07:00"},
        {"Jum'at, 3 Okt 2025 pukul 09.15 WITA", CARI_DATE_OK, "2025-10-03T09:15:00+08:00"},
        {"Sabtu, 30 Agu. 2025 | 21:05 WIT", CARI_DATE_OK, "2025-08-30T21:05:00+09:00"},
        {"12/01/2025 14:30", CARI_DATE_OK, "2025-01-12T14:30:00+07:00"},
        {"12-01-2025", CARI_DATE_OK, "2025-01-12"},
        {"January 12, 2025", CARI_DATE_OK, "2025-01-12"},
        {"29 Februari 2024", CARI_DATE_OK, "2024-02-29"},
        {"2025-01-12 14:30:00 UTC+7", CARI_DATE_OK, "2025-01-12T14:30:00+07:00"},
        {"1969-12-31T23:59:59Z", CARI_DATE_OK, "1969-12-31T23:59:59+00:00"},
        {"29 Februari 2025", CARI_DATE_RANGE, ""},
        {"32/01/2025", CARI_DATE_RANGE, ""},
        {"2025-13-01", CARI_DATE_RANGE, ""},
        {"2025-01-12T24:00", CARI_DATE_RANGE, ""},
        {"0000-01-01", CARI_DATE_RANGE, ""},
        {"kemarin", CARI_DATE_SYNTAX, ""},
        {"", CARI_DATE_SYNTAX, ""},
        {"12 Januari 2025 oleh Rina", CARI_DATE_SYNTAX, ""},
        {"12 Januari 20255", CARI_DATE_SYNTAX, ""},
        {"2025-01-12T14:30+15:00", CARI_DATE_SYNTAX, ""},
        {"1736667000", CARI_DATE_SYNTAX, ""},
    };
    return cr_make_param_array(struct dcase, cases, sizeof cases / sizeof cases[0]);
}

ParameterizedTest(struct dcase *c, date, parse)
{
    cari_date d;
    int rc = cari_date_parse(c->text, strlen(c->text), &d);
    cr_assert_eq(rc, c->rc, "%s: %d", c->text, rc);
    if (rc)
        return;
    char iso[40];
    cari_date_format(&d, iso, sizeof iso);
    cr_assert_str_eq(iso, c->iso, "%s", c->text);
}

Test(date, same_instant_in_every_zone)
{
    const char *forms[] = {"Senin, 12 Jan 2025 14:30 WIB", "12 Jan 2025 15:30 WITA",
                           "12/01/2025 16:30 WIT", "2025-01-12T07:30:00Z",
                           "2025-01-12 14:30"};
    for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
        cari_date d;
        cr_assert_eq(cari_date_parse(forms[i], strlen(forms[i]), &d), 0, "%s", forms[i]);
        cr_assert_eq(d.seconds, 1736667000LL, "%s: %lld", forms[i], d.seconds);
    }
}

Test(date, year_in_its_own_zone)
{
    cari_date d;
    const char *t = "1 Jan 2025 03:00 WIB"; /* still 2024 in UTC */
    cr_assert_eq(cari_date_parse(t, strlen(t), &d), 0);
    cr_assert_eq(cari_date_year(&d), 2025);
    cr_assert_eq(cari_date_epoch(1970, 1, 1, 0, 0, 0), 0);
    cr_assert_eq(cari_date_epoch(2000, 3, 1, 0, 0, 0), 951868800LL);
}

/* ---- front matter ----------------------------------------------------- */

typedef struct {
    char msgs[8][160];
    size_t lines[8];
    size_t n;
} warnings;

static void fm_warn(void *ctx, size_t line, const char *msg)
{
    warnings *w = ctx;
    if (w->n < 8) {
        snprintf(w->msgs[w->n], 160, "%s", msg);
        w->lines[w->n] = line;
    }
    w->n++;
}

struct fcase {
    char text[320];
    int rc;
    char body[40];        /* the text after the front matter */
    char date[40];        /* "": none */
    char source[32];
    char url[40];
    size_t authors, categories;
    char first_category[24];
    size_t warnings;
    size_t warn_line;
};

ParameterizedTestParameters(frontmatter, read)
{
    static struct fcase cases[] = {
        {"---\ndate: 12 Januari 2025\nsource: Kabar Lebakjati\nurl: https://k.example/a\n"
         "---\nJudul\n\nIsi.\n",
         1, "Judul\n\nIsi.\n", "2025-01-12", "Kabar Lebakjati", "https://k.example/a", 0, 0,
         "", 0, 0},
        {"---\r\ntanggal: \"2025-01-12 14:30\"\r\nsumber: 'Warta'\r\n---\r\nIsi.",
         1, "Isi.", "2025-01-12T14:30:00+07:00", "Warta", "", 0, 0, "", 0, 0},
        {"---\nauthors: [Rina Wulandari, \"Agus Salim\"]\ncategories: bencana, banjir\n"
         "categories: banjir\n---\nIsi.\n",
         1, "Isi.\n", "", "", "", 2, 2, "bencana", 0, 0},
        {"---\nkategori:\n  - ekonomi\n  - pasar\npenulis: Rina\n# komentar\n\nlayout: post\n"
         "---\nIsi.\n",
         1, "Isi.\n", "", "", "", 1, 2, "ekonomi", 0, 0},
        {"---\ndate: kemarin sore\nsource: Warta\n---\nIsi.\n", 1, "Isi.\n", "", "Warta", "",
         0, 0, "", 1, 2},
        {"---\ndate: 31 April 2025\n---\nIsi.\n", 1, "Isi.\n", "", "", "", 0, 0, "", 1, 2},
        {"---\ncuma teks\n---\nIsi.\n", 1, "Isi.\n", "", "", "", 0, 0, "", 1, 2},
        {"---\ndate: 2025-01-12\nIsi tanpa penutup.\n", 0, "", "", "", "", 0, 0, "", 1, 1},
        {"Judul\n\n---\ndate: 2025-01-12\n---\n", 0, "", "", "", "", 0, 0, "", 0, 0},
        {"----\ndate: 2025-01-12\n---\n", 0, "", "", "", "", 0, 0, "", 0, 0},
        {"---\n---\n", 1, "", "", "", "", 0, 0, "", 0, 0},
    };
    return cr_make_param_array(struct fcase, cases, sizeof cases / sizeof cases[0]);
}

ParameterizedTest(struct fcase *c, frontmatter, read)
{
    cari_meta_fields m = {0};
    warnings w = {0};
    size_t body = 0, lines = 0, len = strlen(c->text);
    int rc = cari_frontmatter_read(c->text, len, &m, fm_warn, &w, &body, &lines);
    cr_assert_eq(rc, c->rc, "%s", c->text);
    cr_assert_eq(w.n, c->warnings, "%s: %zu warnings (%s)", c->text, w.n, w.msgs[0]);
    if (w.n)
        cr_assert_eq(w.lines[0], c->warn_line, "%s", w.msgs[0]);
    if (rc == 1) {
        cr_assert_str_eq(c->text + body, c->body);
        char date[40] = "";
        if (m.has_date)
            cari_date_format(&m.date, date, sizeof date);
        cr_assert_str_eq(date, c->date);
        cr_assert_str_eq(m.source ? m.source : "", c->source);
        cr_assert_str_eq(m.url ? m.url : "", c->url);
        cr_assert_eq(m.n_authors, c->authors);
        cr_assert_eq(m.n_categories, c->categories);
        if (m.n_categories)
            cr_assert_str_eq(m.categories[0], c->first_category);
    }
    cari_meta_clear(&m);
}

Test(frontmatter, never_ends_within_the_limit)
{
    /* A "---" first line whose block does not close in the first
     * CARI_FRONTMATTER_MAX bytes is text, however long the file. */
    size_t len = CARI_FRONTMATTER_MAX + 100;
    char *t = malloc(len + 1);
    memset(t, 'a', len);
    memcpy(t, "---\n", 4);
    memcpy(t + len - 5, "\n---\n", 5);
    t[len] = '\0';
    cari_meta_fields m = {0};
    warnings w = {0};
    size_t body, lines;
    cr_assert_eq(cari_frontmatter_read(t, len, &m, fm_warn, &w, &body, &lines), 0);
    cr_assert_eq(w.n, 1);
    cr_assert(strstr(w.msgs[0], "never ends"));
    free(t);
}

/* ---- saved web pages -------------------------------------------------- */

typedef struct {
    const char *p;
    size_t left;
    size_t step;       /* bytes per read, to cut the page anywhere */
} reader;

static long read_mem(void *ctx, char *b, size_t cap)
{
    reader *r = ctx;
    size_t n = r->left < cap ? r->left : cap;
    if (n > r->step)
        n = r->step;
    memcpy(b, r->p, n);
    r->p += n;
    r->left -= n;
    return (long)n;
}

static void html_warn(void *ctx, const char *msg)
{
    fm_warn(ctx, 0, msg);
}

static cari_html_page parse_page(const char *html, size_t len, size_t step, warnings *w)
{
    reader r = {html, len, step};
    cari_html_page pg;
    cr_assert_eq(cari_html_extract(read_mem, &r, html_warn, w, &pg), CARI_OK);
    return pg;
}

struct hcase {
    char html[900];
    char title[48];
    char date[40];
    char url[40];
    char source[24];
    char text[200];
    char author[24];     /* the first author, "" none */
    char category[24];   /* the first category */
    char lang[8];
    size_t warnings;
};

ParameterizedTestParameters(html, extract)
{
    static struct hcase cases[] = {
        /* Open Graph and a canonical link; the article's paragraphs only. */
        {"<!DOCTYPE html><html lang=\"id\"><head><title>Banjir | Kabar</title>"
         "<meta property=\"og:title\" content=\"Banjir Rendam Lebakjati\">"
         "<meta property=\"og:site_name\" content=\"Kabar Lebakjati\">"
         "<meta property=\"article:published_time\" content=\"2025-01-12T14:30:00+07:00\">"
         "<meta name=\"author\" content=\"Rina Wulandari\">"
         "<meta property=\"article:section\" content=\"Bencana\">"
         "<link rel=\"canonical\" href=\"https://kabar.example/banjir\">"
         "<style>p{color:red}</style><script>var p = '<p>bukan</p>';</script></head>"
         "<body><nav><p>Beranda</p></nav><header><p>Menu</p></header>"
         "<article><h1>Banjir</h1><p>Air naik &amp; warga   mengungsi.</p>"
         "<!-- <p>komentar HTML</p> --><p>Dua<br>baris.</p>"
         "<div class=\"baca-juga\"><p>Baca juga: lain</p></div></article>"
         "<div id=\"comments\"><p>Komentar pembaca</p></div>"
         "<footer><p>Hak cipta</p></footer></body></html>",
         "Banjir Rendam Lebakjati", "2025-01-12T14:30:00+07:00", "https://kabar.example/banjir",
         "Kabar Lebakjati", "Air naik & warga mengungsi.\nDua baris.", "Rina Wulandari",
         "Bencana", "id", 0},
        /* JSON-LD in a @graph; <title> when there is no og:title. */
        {"<html><head><title>Gempa &#8211; Warta</title>"
         "<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\","
         "\"@graph\":[{\"@type\":\"WebSite\",\"name\":\"x\"},{\"@type\":\"NewsArticle\","
         "\"datePublished\":\"2025-02-03T08:00:00+08:00\",\"url\":\"https://w.example/g\","
         "\"author\":[{\"@type\":\"Person\",\"name\":\"Agus\"}],"
         "\"publisher\":{\"name\":\"Warta Timur\"},\"articleSection\":[\"Nasional\"]}]}"
         "</script></head><body><p>Gempa mengguncang.</p></body></html>",
         "Gempa \xe2\x80\x93 Warta", "2025-02-03T08:00:00+08:00", "https://w.example/g",
         "Warta Timur", "Gempa mengguncang.", "Agus", "Nasional", "", 0},
        /* <time datetime>, broken markup: unclosed tags, a stray </div>. */
        {"<html><body><main><time datetime=\"2024-12-01\">1 Des</time>"
         "<p>Satu <b>dua</div> tiga<p>Empat</main></body>",
         "", "2024-12-01", "", "", "Satu dua tiga\nEmpat", "", "", "", 0},
        /* A date meta tag that is not a date: a warning, no date. */
        {"<html><head><meta name=\"pubdate\" content=\"kemarin\"></head>"
         "<body><p>Isi.</p></body></html>",
         "", "", "", "", "Isi.", "", "", "", 1},
        /* A page without article text. */
        {"<html><head><title>Kosong</title></head><body><div>menu</div></body></html>",
         "Kosong", "", "", "", "", "", "", "", 0},
        /* A charset declaration that is wrong: the bytes are UTF-8. */
        {"<html><head><meta charset=\"iso-8859-1\"></head><body><p>Caf\xc3\xa9 "
         "\xe2\x80\x9c" "baru\xe2\x80\x9d</p></body></html>",
         "", "", "", "", "Caf\xc3\xa9 \xe2\x80\x9c" "baru\xe2\x80\x9d", "", "", "", 0},
        /* Latin-1 bytes, declared. */
        {"<html><head><meta charset=\"iso-8859-1\"></head><body><p>Caf\xe9</p></body></html>",
         "", "", "", "", "Caf\xc3\xa9", "", "", "", 0},
    };
    return cr_make_param_array(struct hcase, cases, sizeof cases / sizeof cases[0]);
}

ParameterizedTest(struct hcase *c, html, extract)
{
    size_t steps[] = {1 << 20, 7};
    for (size_t s = 0; s < 2; s++) {
        warnings w = {0};
        cari_html_page pg = parse_page(c->html, strlen(c->html), steps[s], &w);
        char date[40] = "";
        if (pg.meta.has_date)
            cari_date_format(&pg.meta.date, date, sizeof date);
        cr_assert_str_eq(pg.text, c->text);
        cr_assert_eq(pg.len, strlen(c->text));
        cr_assert_str_eq(pg.meta.title ? pg.meta.title : "", c->title);
        cr_assert_str_eq(date, c->date);
        cr_assert_str_eq(pg.meta.url ? pg.meta.url : "", c->url);
        cr_assert_str_eq(pg.meta.source ? pg.meta.source : "", c->source);
        cr_assert_str_eq(pg.meta.n_authors ? pg.meta.authors[0] : "", c->author);
        cr_assert_str_eq(pg.meta.n_categories ? pg.meta.categories[0] : "", c->category);
        cr_assert_str_eq(pg.meta.lang ? pg.meta.lang : "", c->lang);
        cr_assert_eq(w.n, c->warnings, "%s", w.msgs[0]);
        cari_html_page_free(&pg);
    }
}

/* A reader that generates `n` copies of a piece after a head and before
 * a tail, without holding the page in memory. */
typedef struct {
    const char *head, *piece, *tail;
    size_t n, i, off;
    int part;          /* 0 head, 1 pieces, 2 tail, 3 done */
} generator;

static long read_gen(void *ctx, char *b, size_t cap)
{
    generator *g = ctx;
    size_t got = 0;
    while (got < cap && g->part < 3) {
        const char *s = g->part == 0 ? g->head : g->part == 1 ? g->piece : g->tail;
        size_t len = strlen(s), n = len - g->off;
        if (n > cap - got)
            n = cap - got;
        memcpy(b + got, s + g->off, n);
        got += n;
        g->off += n;
        if (g->off == len) {
            g->off = 0;
            if (g->part != 1 || ++g->i == g->n)
                g->part++;
        }
    }
    return (long)got;
}

Test(html, deep_nesting_is_bounded)
{
    /* 100,000 nested <div>s around one paragraph. */
    generator open = {"<html><body>", "<div>", "<p>Dalam sekali.</p>", 100000, 0, 0, 0};
    warnings w = {0};
    cari_html_page pg;
    cr_assert_eq(cari_html_extract(read_gen, &open, html_warn, &w, &pg), CARI_OK);
    cr_assert_str_eq(pg.text, "Dalam sekali.");
    cari_html_page_free(&pg);
}

Test(html, huge_page_text_is_capped)
{
    /* About 100 MB of paragraphs: the text stops at CARI_HTML_TEXT_MAX
     * with a warning. */
    static const char para[] = "<p>Warga Lebakjati membersihkan lumpur sisa banjir di "
                               "rumah mereka sejak pagi hari.</p>\n";
    generator g = {"<html><body><article>", para, "</article></body></html>",
                   (100u << 20) / (sizeof para - 1), 0, 0, 0};
    warnings w = {0};
    cari_html_page pg;
    cr_assert_eq(cari_html_extract(read_gen, &g, html_warn, &w, &pg), CARI_OK);
    cr_assert_leq(pg.len, CARI_HTML_TEXT_MAX);
    cr_assert_gt(pg.len, CARI_HTML_TEXT_MAX / 2);
    cr_assert_eq(w.n, 1);
    cr_assert(strstr(w.msgs[0], "the rest ignored"));
    cari_html_page_free(&pg);
}

static long read_fail(void *ctx, char *b, size_t cap)
{
    (void)ctx, (void)b, (void)cap;
    errno = EIO;
    return -1;
}

Test(html, read_error)
{
    cari_html_page pg;
    cr_assert_eq(cari_html_extract(read_fail, NULL, NULL, NULL, &pg), CARI_IO);
    cr_assert_null(pg.text);
}
