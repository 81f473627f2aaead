/* Date ranges and the date order through cari.h, over an index of dated
 * articles whose expected answers are computed here by brute force: a
 * range is answered from year and month terms plus a value range where it
 * cuts a month (metaindex.c), and --sort date first looks at the newest
 * year or two (search.c); both must give exactly what reading every date
 * would. */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cari.h"
#include "index_fixture.h"

#define N_SPACED 120          /* articles a000..a119, about 8 days apart */
#define STEP (8 * 86400LL + 7 * 3600 + 13 * 60)
#define N_ARTICLES (N_SPACED + 4)

static long long dates[N_ARTICLES];
static char ids[N_ARTICLES][8];

/* Seconds of an ISO date (fails the test when it is none). */
static long long when(const char *iso)
{
    cari_meta m = {0};
    cr_assert_eq(cari_parse_date(iso, strlen(iso), &m), CARI_OK, "%s", iso);
    return m.date;
}

/* a000..a119 from 2022-11-20 05:00 WIB, every 8 days 7 hours 13 minutes;
 * then four on the edges of months and years in WIB.  Every article has
 * "pasar"; every tenth also "langka". */
static void build(void)
{
    static const char *const none[][2] = {{"kosong.txt", "Tanpa tanggal.\n"}};
    static const char *const edges[] = {"2024-01-01T00:00:00+07:00", "2023-12-31T23:59:59+07:00",
                                        "2024-03-01T00:00:00+07:00",
                                        "2024-02-29T23:59:59+07:00"};
    fixture_build("/tmp/cari-dates-XXXXXX", none, 1);
    cari_writer *w;
    cr_assert_eq(cari_writer_open(&w, index_path, NULL), CARI_OK, "%s", cari_writer_errmsg(w));
    long long base = when("2022-11-20T05:00:00+07:00");
    for (int i = 0; i < N_ARTICLES; i++) {
        dates[i] = i < N_SPACED ? base + i * STEP : when(edges[i - N_SPACED]);
        snprintf(ids[i], sizeof ids[i], "a%03d", i);
        char text[96];
        snprintf(text, sizeof text, "Berita pasar nomor %d%s.", i, i % 10 ? "" : ", beras langka");
        cari_meta m = {.has_date = 1, .date = dates[i], .date_offset = 420, .date_has_time = 1};
        cr_assert_eq(cari_add_article_meta(w, ids[i], NULL, text, strlen(text), &m, NULL), CARI_OK,
                     "%s", cari_writer_errmsg(w));
    }
    cr_assert_eq(cari_commit(w), CARI_OK);
    cari_writer_close(w);
}

TestSuite(dates, .init = build, .fini = remove_dir);

/* The ids of the articles dated within [lo, hi] with the word, newest
 * first (ties cannot happen: the dates differ), skipping `offset` and
 * keeping `limit`, into buf. */
static void expected(int has_lo, long long lo, int has_hi, long long hi, int rare,
                     unsigned offset, unsigned limit, char *buf, size_t cap)
{
    int order[N_ARTICLES], n = 0;
    for (int i = 0; i < N_ARTICLES; i++)
        if ((!has_lo || dates[i] >= lo) && (!has_hi || dates[i] <= hi) &&
            (!rare || (i < N_SPACED && i % 10 == 0)))
            order[n++] = i;
    for (int i = 1; i < n; i++)
        for (int j = i; j > 0 && dates[order[j]] > dates[order[j - 1]]; j--) {
            int t = order[j];
            order[j] = order[j - 1];
            order[j - 1] = t;
        }
    buf[0] = '\0';
    for (int i = (int)offset; i < n && i < (int)(offset + limit); i++) {
        size_t len = strlen(buf);
        snprintf(buf + len, cap - len, "%s%s", len ? " " : "", ids[order[i]]);
    }
}

struct rcase {
    char since[32], until[32]; /* "": open */
    int rare;                  /* 1: the query "langka", else "pasar" */
    unsigned offset, limit;
};

ParameterizedTestParameters(dates, ranges_and_date_order)
{
    static struct rcase cases[] = {
        /* whole years and months, open ends */
        {"2024-01-01", "", 0, 0, 200},
        {"", "2023-12-31T23:59:59+07:00", 0, 0, 200},
        {"2023-01-01", "2023-12-31T23:59:59+07:00", 0, 0, 200},
        {"2024-02-01", "2024-02-29T23:59:59+07:00", 0, 0, 200},
        /* cut months, cut by a second, in another zone */
        {"2023-03-15T10:00:00+07:00", "2024-07-20T00:00:00+07:00", 0, 0, 200},
        {"2024-01-01T00:00:01+07:00", "2024-02-29T23:59:58+07:00", 0, 0, 200},
        {"2023-12-31T23:59:59+07:00", "2024-01-01T00:00:00+07:00", 0, 0, 200},
        {"2023-06-30T17:00:00Z", "2023-08-31T23:00:00+08:00", 0, 0, 200},
        {"2024-02-10", "2024-02-12", 0, 0, 200},
        /* before, after and outside every date */
        {"", "2020-01-01", 0, 0, 200},
        {"2026-01-01", "", 0, 0, 200},
        {"2024-05-01", "2024-04-01", 0, 0, 200},
        /* the date order alone: pages that the newest month, the newest
         * 4 and 16 months fill, paging across them, and a rare word whose
         * newest 64 months cannot fill the page */
        {"", "", 0, 0, 2},
        {"", "", 0, 10, 3},
        {"", "", 0, 0, 5},
        {"", "", 0, 3, 5},
        {"", "", 0, 30, 10},
        {"", "", 1, 0, 5},
        {"", "", 1, 2, 5},
        {"2023-05-01", "", 1, 0, 4},
    };
    return cr_make_param_array(struct rcase, cases, sizeof cases / sizeof cases[0]);
}

ParameterizedTest(struct rcase *c, dates, ranges_and_date_order)
{
    cari_search_options o = CARI_SEARCH_OPTIONS_INIT;
    if (*c->since) {
        o.has_since = 1;
        o.since = when(c->since);
    }
    if (*c->until) {
        o.has_until = 1;
        o.until = when(c->until);
    }
    o.sort = CARI_SORT_DATE;
    o.per_article = 1;
    o.offset = c->offset;
    o.limit = c->limit;
    char got[2048], want[2048];
    hit_articles(c->rare ? "langka" : "pasar", &o, got, sizeof got);
    expected(o.has_since, o.since, o.has_until, o.until, c->rare, c->offset, c->limit, want,
             sizeof want);
    cr_expect_str_eq(got, want, "since %s until %s", c->since, c->until);
}

/* Undated articles come last in the date order, and only without a range. */
Test(dates, undated_last_and_never_in_a_range)
{
    cari_search_options o = CARI_SEARCH_OPTIONS_INIT;
    o.sort = CARI_SORT_DATE;
    o.limit = 200;
    char got[2048];
    hit_articles("tanggal OR pasar", &o, got, sizeof got);
    size_t n = strlen(got);
    cr_expect(n > 10 && !strcmp(got + n - 10, "kosong.txt"), "%s", got);
    o.has_since = 1;
    o.since = 0;
    hit_articles("tanggal", &o, got, sizeof got);
    cr_expect_str_eq(got, "");
}

/* --recent with a fixed now (seconds after the newest article, a000..a119
 * spaced STEP apart): the first hit, and that the bonus (an explained
 * part) halves every half-life of age.  Ages count in whole hours under a
 * week's half-life and in whole days (WIB) from it on; an article dated
 * after now is 0 old (never negative) and gets the whole bonus; past 24
 * half-lives an age gets nothing. */
struct recent_case {
    double half_life;
    long long now;
    char first[8];          /* an array: Criterion copies the cases to its test processes */
};

ParameterizedTestParameters(dates, recency_blends_age_into_the_score)
{
    static struct recent_case cases[] = {
        {30 * 86400.0, 86400, "a119"},
        {12 * 3600.0, 5 * 3600 + 1234, "a119"},
        {3 * 86400.0, -(2 * 86400), "a119"},  /* the newest is 2 days ahead */
        /* two ahead of now: equally new, in id order */
        {30 * 86400.0, -(9 * 86400), "a118"},
        /* a071..a119 ahead of now: a071 first */
        {365 * 86400.0, -(400 * 86400LL), "a071"},
    };
    return cr_make_param_array(struct recent_case, cases, sizeof cases / sizeof cases[0]);
}

/* The age that recency gives an article dated `date` at `now`: whole
 * steps of its time key, none after now. */
static double key_age(long long date, long long now, double half_life)
{
    int daily = half_life >= 7 * 86400.0;
    long long step = daily ? 86400 : 3600, shift = daily ? 7 * 3600 : 0;
    long long steps = (now + shift) / step - (date + shift) / step;
    return steps > 0 ? (double)(steps * step) : 0;
}

ParameterizedTest(struct recent_case *c, dates, recency_blends_age_into_the_score)
{
    cari_search_options o = CARI_SEARCH_OPTIONS_INIT;
    o.rank = CARI_RANK_BM25;
    o.limit = 5;
    o.recent_half_life = c->half_life;
    o.now = dates[N_SPACED - 1] + c->now;
    o.explain = 1;
    cari_results *res = run("pasar", &o);
    cr_assert_eq(cari_results_count(res), 5);
    cr_expect_str_eq(cari_results_hit(res, 0)->article, c->first);
    double first = -1;
    for (size_t i = 0; i < 5; i++) {
        const cari_hit *h = cari_results_hit(res, i);
        long long date = dates[atoi(h->article + 1)];
        double sum = 0, bonus = 0, age = key_age(date, o.now, c->half_life);
        for (size_t k = 0; k < h->n_explain; k++) {
            sum += h->explain[k].contribution;
            if (!strcmp(h->explain[k].term, "(recency)")) {
                bonus = h->explain[k].contribution;
                cr_expect_float_eq(h->explain[k].value, age / 86400, 1e-9, "%s", h->article);
                cr_expect_geq(h->explain[k].value, 0);
            }
        }
        cr_expect_float_eq(sum, h->score, 1e-9, "%s", h->article);
        if (age <= 24 * c->half_life)
            cr_expect_gt(bonus, 0, "%s", h->article);
        else
            cr_expect_eq(bonus, 0, "%s", h->article);
        /* The whole bonus of age 0, from the first hit's. */
        if (first < 0)
            first = bonus / exp2(-age / c->half_life);
        else if (bonus > 0)
            cr_expect_float_eq(bonus / first, exp2(-age / c->half_life), 1e-9, "%s",
                               h->article);
    }
    cari_results_free(res);
}

/* A negative half-life is refused. */
Test(dates, recency_of_a_negative_half_life)
{
    cari_search_options o = CARI_SEARCH_OPTIONS_INIT;
    cari_results *res;
    cari_db *db;
    cr_assert_eq(cari_open(&db, index_path, CARI_OPEN_READ), CARI_OK);
    o.recent_half_life = -1;
    cr_expect_eq(cari_search(db, "pasar", &o, &res), CARI_INVALID);
    cari_close(db);
}

Test(dates, spans_as_since_and_recent_take_them)
{
    static const struct {
        const char *text;
        long long seconds; /* -1: not a span */
    } cases[] = {{"24h", 24 * 3600},   {"7d", 7 * 86400},       {"2w", 14 * 86400},
                 {"3m", 90 * 86400},   {"1y", 365 * 86400},     {"0d", 0},
                 {"99999h", 99999LL * 3600}, {"100000h", -1},   {"7", -1},
                 {"d", -1},            {"-1d", -1},             {"7dd", -1},
                 {"7x", -1},           {"", -1}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        long long s = -7;
        cari_status st = cari_parse_span(cases[i].text, &s);
        if (cases[i].seconds < 0)
            cr_expect_eq(st, CARI_INVALID, "\"%s\" is no span", cases[i].text);
        else
            cr_expect(st == CARI_OK && s == cases[i].seconds, "\"%s\": %d, %lld", cases[i].text,
                      st, s);
    }
    cr_expect_eq(cari_parse_span(NULL, NULL), CARI_INVALID);
}
