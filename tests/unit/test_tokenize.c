/* Tokenizer: table-driven cases for the Indonesian rules, Unicode
 * normalization, offsets and invalid UTF-8. */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <stdio.h>
#include <string.h>

#include "cari.h"

/* Renders the tokens of a text as "term term +joined ...". */
typedef struct {
    char out[512];
    size_t n;
    const char *text;
    int offsets_ok;
} render;

static int on_token(void *ctx, const cari_token *t)
{
    render *r = ctx;
    size_t used = strlen(r->out);
    snprintf(r->out + used, sizeof r->out - used, "%s%s%.*s", used ? " " : "",
             t->joined ? "+" : "", (int)t->term_len, t->term);
    if (t->start >= t->end)
        r->offsets_ok = 0;
    r->n++;
    return 0;
}

static void tokens(const char *text, render *r)
{
    memset(r, 0, sizeof *r);
    r->text = text;
    r->offsets_ok = 1;
    cr_assert_eq(cari_tokenize(text, strlen(text), on_token, r), 0);
}

/* Arrays, not pointers: Criterion runs each test in a new process, where
 * the parent's pointers mean nothing. */
struct tcase {
    char input[64];
    char expected[64];
};

ParameterizedTestParameters(tokenize, table)
{
    static struct tcase cases[] = {
        {"Drone Pelatihan", "drone pelatihan"},
        {"11.000 tentara", "11000 tentara"},
        {"Rp 2.500.000,50", "rp 2500000,50"},
        {"naik 2,5 persen", "naik 2,5 persen"},
        {"harga Rp11.000 per kg", "harga rp +11000 per kg"},
        {"RP11.000,50 dan Rp.5.000", "rp +11000,50 dan rp 5000"},
        {"USD20 atau US$5", "usd +20 atau us 5"},
        {"jarak 5km, 2,5jt, 100rb", "jarak 5 +km 2,5 +jt 100 +rb"},
        {"Rp5jt dan 40kWh", "rp +5 +jt dan 40 +kwh"},
        {"KTT G20, jaringan 5G, mp3", "ktt g20 jaringan 5g mp3"},
        {"rpx5 5kmx 5km5", "rpx5 5kmx 5km5"},
        {"pukul 10.30 WIB", "pukul 10.30 wib"},
        {"versi 1.4.22.", "versi 1.4.22"},
        {"tahun 2020. Lalu", "tahun 2020 lalu"},
        {"tentara-tentara itu", "tentara +tentara itu"},
        {"senapan AK-12 dan anti-tank", "senapan ak +12 dan anti +tank"},
        {"“Kami siap,” katanya.", "kami siap katanya"},
        {"drone—serangan", "drone serangan"},
        {"kata-kata -- lalu", "kata +kata lalu"},
        {"Jum'at dan Jum’at", "jum'at dan jum'at"},
        {"ÉCOLE Straße", "école strasse"},
        {"ﬁnal", "final"},
        {"e\xCC\x81", "\xC3\xA9"},
        {"(DPR/MPR)", "dpr mpr"},
        {"", ""},
        {"  ... !!", ""},
        {"bad\xFF" "byte", "bad byte"},
        {"\xC3", ""},
        {"日本語 テスト", "日本語 テスト"},
    };
    return cr_make_param_array(struct tcase, cases, sizeof cases / sizeof cases[0]);
}

ParameterizedTest(struct tcase *c, tokenize, table)
{
    render r;
    tokens(c->input, &r);
    cr_expect_str_eq(r.out, c->expected, "input \"%s\"", c->input);
    cr_expect(r.offsets_ok);
}

/* Offsets point at the original bytes of each word. */
typedef struct {
    const char *text;
    char words[8][32];
    size_t n;
} spans;

static int on_span(void *ctx, const cari_token *t)
{
    spans *s = ctx;
    if (s->n < 8)
        snprintf(s->words[s->n++], 32, "%.*s", (int)(t->end - t->start), s->text + t->start);
    return 0;
}

Test(tokenize, offsets_are_original_bytes)
{
    spans s = {.text = "“Tentara-TENTARA” mengirim 11.000 drone."};
    cari_tokenize(s.text, strlen(s.text), on_span, &s);
    cr_assert_eq(s.n, 5);
    cr_expect_str_eq(s.words[0], "Tentara");
    cr_expect_str_eq(s.words[1], "TENTARA");
    cr_expect_str_eq(s.words[2], "mengirim");
    cr_expect_str_eq(s.words[3], "11.000");
    cr_expect_str_eq(s.words[4], "drone");
}

static int stop_at_two(void *ctx, const cari_token *t)
{
    (void)t;
    return ++*(int *)ctx == 2 ? 42 : 0;
}

Test(tokenize, callback_stops_and_its_value_is_returned)
{
    int count = 0;
    cr_expect_eq(cari_tokenize("satu dua tiga", 13, stop_at_two, &count), 42);
    cr_expect_eq(count, 2);
}

Test(tokenize, overlong_words_are_skipped)
{
    char text[300];
    memset(text, 'a', 200);
    strcpy(text + 200, " kata");
    render r;
    tokens(text, &r);
    cr_expect_str_eq(r.out, "kata");
}
