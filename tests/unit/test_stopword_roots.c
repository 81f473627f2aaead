/*
 * Content words whose root is a stopword: memperoleh (oleh), berada and
 * keadaan (ada), pendapat (dapat), mengatasi (atas), menyampaikan (sampai),
 * bertentangan (tentang).  Their affixed forms must find each other and
 * never the bare stopword (terms.c gives them the marked stem "oleh+"),
 * while a stopword with clitics only (olehnya) is that stopword.
 *
 *   - stopword_roots/families: the six words above, table-driven, over
 *     one article per word;
 *   - stopword_roots/vocabulary: every word of the bundled vocabulary
 *     whose stem is a stopword, found at test time: hunspell-id's
 *     dictionary (which the stemmer's lexicon is built from), with every
 *     form its affix rules make of each stopword it lists, and the golden
 *     stemmer vocabulary;
 *   - stopword_roots/ranking: passages written for this test, where the
 *     stopword is frequent: every passage with a form of the word ranks
 *     before any passage that only has the stopword, and its highlights
 *     are the forms, never the stopword.
 */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "affix_forms.h"
#include "cari.h"
#include "index_fixture.h"
#include "stemmer_id.h"
#include "stopwords.h"
#include "terms.h"

/* Indexes one article per word of words[0..n), id "<word>.txt", whose only
 * word that differs from article to article is that word. */
static void index_words(char *const *words, size_t n)
{
    const char *(*arts)[2] = calloc(n ? n : 1, sizeof *arts);
    cr_assert_not_null(arts);
    for (size_t i = 0; i < n; i++) {
        char id[64], text[160];
        snprintf(id, sizeof id, "%s.txt", words[i]);
        snprintf(text, sizeof text, "Catatan harian: %s pada pagi hari.\n", words[i]);
        arts[i][0] = strdup(id);
        arts[i][1] = strdup(text);
        cr_assert(arts[i][0] && arts[i][1]);
    }
    fixture_build("/tmp/cari-swroots-XXXXXX", (const char *const(*)[2])arts, n);
    for (size_t i = 0; i < n; i++) {
        free((char *)arts[i][0]);
        free((char *)arts[i][1]);
    }
    free(arts);
}

/* Searches `query` (at most 1000 hits); the caller frees the results. */
static cari_results *search(const char *query)
{
    cari_search_options o;
    cari_search_options_init(&o, CARI_SEARCH_OPTIONS_VERSION);
    o.limit = 1000;
    return run(query, &o);
}

/* Whether the hits include the article of `word`. */
static int found(const cari_results *res, const char *word)
{
    char id[64];
    snprintf(id, sizeof id, "%s.txt", word);
    for (size_t h = 0; h < cari_results_count(res); h++)
        if (!strcmp(cari_results_hit(res, h)->article, id))
            return 1;
    return 0;
}

/* ---- the six words of the issue ------------------------------------------ */

#define MAX_WORDS 4
struct family {
    const char *forms[MAX_WORDS];     /* affixed forms of the root, NULL-ended */
    const char *stopwords[MAX_WORDS]; /* bare stopword occurrences */
};

static const struct family families[] = {
    {{"memperoleh", "diperoleh", "perolehan", NULL}, {"oleh", NULL}},
    {{"berada", "keadaan", "keberadaan", NULL}, {"ada", "adalah", NULL}},
    {{"pendapat", "mendapatkan", "didapat", NULL}, {"dapat", NULL}},
    {{"mengatasi", "diatasi", "teratasi", NULL}, {"atas", NULL}},
    {{"menyampaikan", "disampaikan", "penyampaian", NULL}, {"sampai", NULL}},
    {{"bertentangan", "pertentangan", "menentang", NULL}, {"tentang", NULL}},
};
#define N_FAMILIES (sizeof families / sizeof families[0])

static void index_families(void)
{
    char *words[N_FAMILIES * 2 * MAX_WORDS];
    size_t n = 0;
    for (size_t f = 0; f < N_FAMILIES; f++)
        for (size_t i = 0; i < MAX_WORDS; i++) {
            if (families[f].forms[i])
                words[n++] = (char *)families[f].forms[i];
            if (families[f].stopwords[i])
                words[n++] = (char *)families[f].stopwords[i];
        }
    index_words(words, n);
}

struct family_case {
    char query[32];
    size_t family;
};

ParameterizedTestParameters(stopword_roots, families)
{
    static struct family_case cases[N_FAMILIES * MAX_WORDS];
    size_t n = 0;
    for (size_t f = 0; f < N_FAMILIES; f++)
        for (size_t i = 0; i < MAX_WORDS && families[f].forms[i]; i++) {
            snprintf(cases[n].query, sizeof cases[n].query, "%s", families[f].forms[i]);
            cases[n++].family = f;
        }
    return cr_make_param_array(struct family_case, cases, n);
}

ParameterizedTest(struct family_case *c, stopword_roots, families, .init = index_families,
                  .fini = remove_dir)
{
    cari_results *res = search(c->query);
    const struct family *fam = &families[c->family];
    for (size_t i = 0; i < MAX_WORDS && fam->forms[i]; i++)
        cr_expect(found(res, fam->forms[i]), "%s does not find %s", c->query, fam->forms[i]);
    for (size_t i = 0; i < MAX_WORDS && fam->stopwords[i]; i++)
        cr_expect(!found(res, fam->stopwords[i]), "%s finds the stopword %s", c->query,
                  fam->stopwords[i]);
    cr_expect_eq(cari_results_count(res), 3, "%s: %zu hits", c->query, cari_results_count(res));
    cari_results_free(res);
}

/* A stopword with clitics only is the stopword: olehnya finds oleh, and
 * none of the content words. */
Test(stopword_roots, clitics_keep_the_stopword, .init = index_families, .fini = remove_dir)
{
    cari_results *res = search("olehnya");
    cr_expect(found(res, "oleh"));
    cr_expect(!found(res, "memperoleh") && !found(res, "diperoleh"));
    cari_results_free(res);
}

/* ---- every stopword root in the bundled vocabulary ------------------------ */

/* A growing list of words. */
typedef struct {
    char **v;
    size_t n, cap;
} wordlist;

static void push(wordlist *l, const char *w)
{
    for (size_t i = 0; i < l->n; i++)
        if (!strcmp(l->v[i], w))
            return;
    if (l->n == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 64;
        l->v = realloc(l->v, l->cap * sizeof *l->v);
        cr_assert_not_null(l->v);
    }
    l->v[l->n] = strdup(w);
    cr_assert_not_null(l->v[l->n]);
    l->n++;
}

static void wordlist_free(wordlist *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->v[i]);
    free(l->v);
}

struct collect {
    stemmer_id *st;
    wordlist *forms;
    size_t kept;
};

/* Keeps word w (lower-case ASCII or not, any case) when it is no stopword
 * and its stem is one. */
static void keep_form(const char *w, void *ctx)
{
    struct collect *c = ctx;
    char word[64];
    size_t n = strlen(w);
    if (n == 0 || n >= sizeof word)
        return;
    for (size_t i = 0; i < n; i++) {
        word[i] = (char)tolower((unsigned char)w[i]);
        if (word[i] < 'a' || word[i] > 'z')
            return;
    }
    word[n] = '\0';
    if (cari_is_stopword(word, n))
        return;
    size_t sl;
    const char *stem = stemmer_id_stem(c->st, word, n, &sl);
    cr_assert_not_null(stem);
    if (cari_is_stopword(stem, sl)) {
        push(c->forms, word);
        c->kept++;
    }
}

/* Reads the words of `path`, one per line up to a '/' (hunspell's flags)
 * or a tab, and keeps those whose stem is a stopword.  With `dic`, the
 * path is that hunspell dictionary, and each stopword it holds also gives
 * every form its affix rules make.  Returns how many words it kept. */
static size_t read_forms(const char *path, int dic, stemmer_id *st, wordlist *forms)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return 0;
    struct collect c = {st, forms, 0};
    char line[256];
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "/\t\r\n")] = '\0';
        keep_form(line, &c);
        if (dic && cari_is_stopword(line, strlen(line)))
            cr_assert_geq(affix_forms(path, line, keep_form, &c), 0, "%s", path);
    }
    fclose(f);
    return c.kept;
}

/* The stopword a form's stem is, as a static string. */
static const char *root_of(stemmer_id *st, const char *w)
{
    size_t sl;
    const char *stem = stemmer_id_stem(st, w, strlen(w), &sl);
    return cari_stopword(stem, sl);
}

Test(stopword_roots, vocabulary, .fini = remove_dir)
{
    const char *src = getenv("CARI_SOURCE_DIR");
    cr_assert_not_null(src, "CARI_SOURCE_DIR is not set");
    char voc[512];
    snprintf(voc, sizeof voc, "%s/tests/golden/stemmer/voc.txt", src);
    stemmer_id *st = stemmer_id_new(STEMMER_ID_FULL);
    cr_assert_not_null(st);
    wordlist forms = {0};
    size_t from_dic = read_forms(CARI_TEST_DIC, 1, st, &forms);
    size_t from_voc = read_forms(voc, 0, st, &forms);
    cr_assert_gt(from_voc, 0, "%s: no word whose stem is a stopword", voc);
    /* hunspell-id is one of the packages the build installs; without it
     * the lexicon is empty and so would this list be. */
    cr_assert_gt(from_dic, 20, "%s: %zu words whose stem is a stopword", CARI_TEST_DIC,
                 from_dic);

    /* One article per form and per stopword. */
    wordlist all = {0};
    for (size_t i = 0; i < forms.n; i++) {
        push(&all, forms.v[i]);
        push(&all, root_of(st, forms.v[i]));
    }
    index_words(all.v, all.n);

    /* The term each form is matched by: the marked stopword, or the
     * stopword itself when only clitics were peeled. */
    int *clitic_only = calloc(forms.n, sizeof *clitic_only);
    cr_assert_not_null(clitic_only);
    for (size_t i = 0; i < forms.n; i++) {
        const char *w = forms.v[i], *root = root_of(st, w);
        size_t rl = strlen(root), tl;
        const char *term = cari_stem_term(st, w, strlen(w), &tl);
        cr_assert_not_null(term);
        clitic_only[i] = tl == rl && !memcmp(term, root, rl);
        char marked[64];
        snprintf(marked, sizeof marked, "%s" CARI_STEM_MARK, root);
        if (!clitic_only[i])
            cr_expect(tl == strlen(marked) && !memcmp(term, marked, tl),
                      "%s: term %.*s, expected %s", w, (int)tl, term, marked);
        else
            cr_expect(strncmp(w, root, rl) == 0, "%s: %s is not the stopword plus clitics",
                      w, root);
    }

    /* Each form finds the other affixed forms of its root and never the
     * stopword; a stopword with clitics finds the stopword. */
    for (size_t i = 0; i < forms.n; i++) {
        const char *root = root_of(st, forms.v[i]);
        cari_results *res = search(forms.v[i]);
        cr_expect(found(res, forms.v[i]), "%s does not find itself", forms.v[i]);
        cr_expect(clitic_only[i] == found(res, root), "%s %s the stopword %s", forms.v[i],
                  clitic_only[i] ? "does not find" : "finds", root);
        for (size_t j = 0; j < forms.n; j++)
            if (root_of(st, forms.v[j]) == root && clitic_only[j] == clitic_only[i])
                cr_expect(found(res, forms.v[j]), "%s does not find %s", forms.v[i],
                          forms.v[j]);
        cari_results_free(res);
    }
    free(clitic_only);
    wordlist_free(&all);
    wordlist_free(&forms);
    stemmer_id_delete(st);
}

/* ---- ranking over passages written for this test -------------------------- */

/* Each article: passages with forms of one stopword root (marked '+' in
 * the first column) and passages that only have the bare stopword, often,
 * so that by the stopword alone they would outrank the others. */
struct passage {
    int has_form;
    const char *text;
};

static const struct passage articles[][5] = {
    {{1, "Para petani di lereng itu memperoleh harga gabah yang lebih baik dari tahun lalu."},
     {0, "Pupuk dibagikan oleh dinas, diangkut oleh truk, dan diterima oleh kelompok tani "
         "oleh karena jalan desa sudah diperbaiki oleh warga."},
     {1, "Izin usaha diperoleh setelah pemeriksaan lapangan selesai."},
     {1, "Perolehan panen musim ini dicatat koperasi setiap pekan."},
     {0, NULL}},
    {{1, "Gudang logistik berada di tepi sungai, jauh dari permukiman."},
     {0, "Ada jalan baru, ada jembatan baru, dan ada pasar yang adalah pusat kegiatan; "
         "adalah wajar bila ada antrean."},
     {1, "Keadaan gudang membaik setelah atapnya diganti."},
     {0, NULL}},
    {{1, "Pendapat warga dikumpulkan lewat rapat terbuka di balai desa."},
     {0, "Warga dapat bertanya, dapat mengusulkan, dan dapat menolak; semua dapat hadir."},
     {1, "Desa itu mendapatkan bantuan sumur bor dari pemerintah daerah."},
     {0, NULL}},
    {{1, "Tim gabungan mengatasi kebakaran lahan dalam dua hari."},
     {0, "Di atas bukit, di atas menara, dan di atas atap rumah terpasang sirene."},
     {1, "Banjir di jalan utama akhirnya teratasi menjelang sore."},
     {0, NULL}},
    {{1, "Kepala sekolah menyampaikan jadwal ujian kepada orang tua murid."},
     {0, "Rapat berlangsung sampai malam, sampai semua usul dibahas, sampai selesai."},
     {1, "Keluhan itu disampaikan langsung kepada bupati."},
     {0, NULL}},
    {{1, "Rencana tambang itu bertentangan dengan aturan tata ruang kabupaten."},
     {0, "Buku tentang sungai, tentang hutan, dan tentang sawah dipajang di perpustakaan."},
     {1, "Nelayan menentang pembangunan dermaga di muara."},
     {0, NULL}},
};
static const char *const queries[] = {"memperoleh", "berada", "pendapat",
                                      "mengatasi", "menyampaikan", "bertentangan"};
#define N_ARTICLES (sizeof articles / sizeof articles[0])

static void index_articles(void)
{
    static char ids[N_ARTICLES][32], texts[N_ARTICLES][2048];
    const char *arts[N_ARTICLES][2];
    for (size_t a = 0; a < N_ARTICLES; a++) {
        size_t len = 0;
        snprintf(ids[a], sizeof ids[a], "a%zu.txt", a);
        for (size_t p = 0; articles[a][p].text; p++)
            len += (size_t)snprintf(texts[a] + len, sizeof texts[a] - len, "%s\n",
                                    articles[a][p].text);
        arts[a][0] = ids[a];
        arts[a][1] = texts[a];
    }
    fixture_build("/tmp/cari-swroots-XXXXXX", arts, N_ARTICLES);
}

struct rank_case {
    char query[32];
    size_t article;
};

ParameterizedTestParameters(stopword_roots, ranking)
{
    static struct rank_case cases[N_ARTICLES];
    for (size_t a = 0; a < N_ARTICLES; a++) {
        snprintf(cases[a].query, sizeof cases[a].query, "%s", queries[a]);
        cases[a].article = a;
    }
    return cr_make_param_array(struct rank_case, cases, N_ARTICLES);
}

ParameterizedTest(struct rank_case *c, stopword_roots, ranking, .init = index_articles,
                  .fini = remove_dir)
{
    cari_results *res = search(c->query);
    char id[32];
    snprintf(id, sizeof id, "a%zu.txt", c->article);
    size_t forms = 0, expected = 0;
    int stopword_seen = 0;
    for (size_t p = 0; articles[c->article][p].text; p++)
        expected += (size_t)articles[c->article][p].has_form;
    for (size_t h = 0; h < cari_results_count(res); h++) {
        const cari_hit *hit = cari_results_hit(res, h);
        if (strcmp(hit->article, id))
            continue;
        const struct passage *ps = &articles[c->article][hit->passage - 1];
        if (!ps->has_form) {
            stopword_seen = 1;
            continue;
        }
        cr_expect(!stopword_seen, "%s: passage %u ranks below one with only the stopword",
                  c->query, hit->passage);
        forms++;
        /* Every highlight is a form of the word, never the bare stopword. */
        cr_expect_gt(hit->n_highlights, 0, "%s: passage %u has no highlight", c->query,
                     hit->passage);
        for (size_t k = 0; k < hit->n_highlights; k++) {
            const cari_span *sp = &hit->highlights[k];
            char word[64];
            snprintf(word, sizeof word, "%.*s", (int)(sp->end - sp->start),
                     hit->text + sp->start);
            for (char *q = word; *q; q++)
                *q = (char)tolower((unsigned char)*q);
            cr_expect(!cari_is_stopword(word, strlen(word)), "%s: highlights %s", c->query,
                      word);
        }
    }
    cr_expect_eq(forms, expected, "%s: %zu of %zu passages with its forms found", c->query,
                 forms, expected);
    cari_results_free(res);
}
