/*
 * Unit tests of stemmer-id: one table per rule family, Snowball mode, the
 * NULL and out-of-memory contracts, reduplication and clitics.  The words
 * are everyday Indonesian vocabulary chosen by hand for each rule.
 */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>

#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "stemmer_id.h"

/* Parameters are copied into each test's process, where pointers into this
 * binary need not be valid (Criterion re-executes it): hence arrays. */
struct stem_case {
    char word[24];
    char stem[24];
};

#define CASES(arr) cr_make_param_array(struct stem_case, arr, \
                                       sizeof arr / sizeof arr[0])

/* Stems c->word with a fresh stemmer in `mode` and checks the result, both
 * through the cache and through the explain path. */
static void check(stemmer_id_mode mode, const struct stem_case *c)
{
    stemmer_id *s = stemmer_id_new(mode);
    cr_assert_not_null(s);
    for (int pass = 0; pass < 2; pass++) { /* the second pass hits the cache */
        size_t n = 0;
        const char *r = stemmer_id_stem(s, c->word, strlen(c->word), &n);
        cr_assert_not_null(r, "%s", c->word);
        cr_expect_eq(n, strlen(r), "%s: length %zu for \"%s\"", c->word, n, r);
        cr_expect_str_eq(r, c->stem, "%s -> %s, expected %s", c->word, r,
                         c->stem);
    }
    const char *rule = NULL;
    const char *r = stemmer_id_stem_explain(s, c->word, strlen(c->word), NULL,
                                            &rule);
    cr_assert_not_null(r);
    cr_expect_str_eq(r, c->stem, "explain: %s -> %s", c->word, r);
    cr_expect(rule && *rule, "%s: no explanation", c->word);
    stemmer_id_delete(s);
}

/* ---- meN-: each nasal and the letter it replaced ------------------------ */

ParameterizedTestParameters(recoding, men)
{
    static struct stem_case cases[] = {
        {"menyapu", "sapu"},      /* meny- -> s */
        {"menyusun", "susun"},
        {"menulis", "tulis"},     /* men- -> t */
        {"menarik", "tarik"},
        {"mencari", "cari"},      /* men- before c, d, j */
        {"mendengar", "dengar"},
        {"menjual", "jual"},
        {"memukul", "pukul"},     /* mem- -> p */
        {"memotong", "potong"},
        {"memakan", "makan"},     /* mem- keeps m */
        {"meminum", "minum"},
        {"membaca", "baca"},      /* mem- before b */
        {"membeli", "beli"},
        {"mengirim", "kirim"},    /* meng- -> k */
        {"mengupas", "kupas"},
        {"mengambil", "ambil"},   /* meng- before a vowel */
        {"menganggap", "anggap"},
        {"mengganti", "ganti"},   /* meng- before g, h */
        {"menghapus", "hapus"},
        {"mengebom", "bom"},      /* menge- before a one-syllable root */
        {"mengecat", "cat"},
        {"melihat", "lihat"},     /* me- before l, r, w, ny */
        {"merasa", "rasa"},
        {"menyanyi", "nyanyi"},
    };
    return CASES(cases);
}

ParameterizedTest(struct stem_case *c, recoding, men)
{
    check(STEMMER_ID_FULL, c);
}

/* ---- peN-, per-, pe- ----------------------------------------------------- */

ParameterizedTestParameters(recoding, pen)
{
    static struct stem_case cases[] = {
        {"penyusun", "susun"},  /* peny- -> s */
        {"penulis", "tulis"},   /* pen- -> t */
        {"penonton", "tonton"},
        {"pemukul", "pukul"},   /* pem- -> p */
        {"pemilih", "pilih"},
        {"pembaca", "baca"},    /* pem- before b */
        {"pengirim", "kirim"},  /* peng- -> k */
        {"pengguna", "guna"},   /* peng- before g */
        {"pendengar", "dengar"},
        {"penjual", "jual"},
        {"perampok", "rampok"}, /* pe- before r */
        {"perkuat", "kuat"},    /* per- */
        {"perbaiki", "baik"},
    };
    return CASES(cases);
}

ParameterizedTest(struct stem_case *c, recoding, pen)
{
    check(STEMMER_ID_FULL, c);
}

/* ---- the other prefixes ------------------------------------------------- */

ParameterizedTestParameters(prefix, plain)
{
    static struct stem_case cases[] = {
        {"berenang", "renang"}, /* be- before r */
        {"bekerja", "kerja"},   /* be- before CerC */
        {"bermain", "main"},
        {"berjalan", "jalan"},
        {"tertulis", "tulis"},
        {"terbakar", "bakar"},
        {"teratur", "atur"},
        {"dibaca", "baca"},
        {"ditulis", "tulis"},
        {"ketiga", "tiga"},
        {"sebuah", "buah"},
        {"sebanyak", "banyak"},
        {"kuambil", "ambil"},
        {"kaulihat", "lihat"},
    };
    return CASES(cases);
}

ParameterizedTest(struct stem_case *c, prefix, plain)
{
    check(STEMMER_ID_FULL, c);
}

/* ---- confixes and stacked prefixes -------------------------------------- */

ParameterizedTestParameters(prefix, confix)
{
    static struct stem_case cases[] = {
        {"pembangunan", "bangun"},
        {"keadilan", "adil"},
        {"perjalanan", "jalan"},
        {"pendidikan", "didik"},
        {"kesehatan", "sehat"},
        {"penulisan", "tulis"},
        {"menyenangkan", "senang"},
        {"mewarnai", "warna"},
        {"memberikan", "beri"},
        {"memperkuat", "kuat"},      /* memper- */
        {"diperbaiki", "baik"},      /* diper- -i */
        {"mempermainkan", "main"},   /* memper- -kan */
        {"dipertanyakan", "tanya"},
        {"keberhasilan", "hasil"},   /* keber- -an */
        {"ketidakmampuan", "mampu"}, /* ketidak- -an */
    };
    return CASES(cases);
}

ParameterizedTest(struct stem_case *c, prefix, confix)
{
    check(STEMMER_ID_FULL, c);
}

/* ---- suffixes and clitics ------------------------------------------------ */

ParameterizedTestParameters(suffix, clitics)
{
    static struct stem_case cases[] = {
        {"tulisan", "tulis"},   /* -an */
        {"makanan", "makan"},
        {"datangi", "datang"},  /* -i */
        {"tuliskan", "tulis"},  /* -kan */
        {"bacalah", "baca"},    /* particles */
        {"siapakah", "siapa"},
        {"apapun", "apa"},
        {"bukunya", "buku"},    /* possessives */
        {"rumahku", "rumah"},
        {"mobilmu", "mobil"},
        {"hamba-ku", "hamba"},  /* a clitic after a hyphen */
    };
    return CASES(cases);
}

ParameterizedTest(struct stem_case *c, suffix, clitics)
{
    check(STEMMER_ID_FULL, c);
}

/* ---- reduplication ------------------------------------------------------- */

ParameterizedTestParameters(reduplication, halves)
{
    static struct stem_case cases[] = {
        {"anak-anak", "anak"},
        {"tentara-tentara", "tentara"},
        {"berlari-lari", "lari"},
        {"anak-anaknya", "anak"},
        {"buku-bukunya", "buku"},
        {"bersama-sama", "sama"},
        {"tolong-menolong", "tolong"},
        {"sayur-mayur", "sayur"}, /* halves rhyme: the first half */
        {"lauk-pauk", "lauk"},
        {"hitam-putih", "hitam-putih"}, /* a compound: kept whole */
        {"a-b-c-d", "a-b-c-d"},   /* not a reduplication */
        {"-nya", "-nya"},
    };
    return CASES(cases);
}

ParameterizedTest(struct stem_case *c, reduplication, halves)
{
    check(STEMMER_ID_FULL, c);
}

/* ---- words left alone ---------------------------------------------------- */

ParameterizedTestParameters(alone, words)
{
    static struct stem_case cases[] = {
        {"berita", "berita"}, /* roots that look affixed */
        {"kepala", "kepala"},
        {"makan", "makan"},
        {"ibu", "ibu"},       /* short */
        {"dan", "dan"},
        {"2024", "2024"},     /* not letters */
        {"covid-19", "covid-19"},
        {"Jakarta", "Jakarta"}, /* not lower case */
        {"kafé", "kafé"},
        {"", ""},
    };
    return CASES(cases);
}

ParameterizedTest(struct stem_case *c, alone, words)
{
    check(STEMMER_ID_FULL, c);
}

/* ---- hunspell entries that are derived forms ---------------------------- */

ParameterizedTestParameters(entry, derived)
{
    static struct stem_case cases[] = {
        {"adapun", "ada"},           /* bare entry + -pun */
        {"bebuahan", "buah"},        /* Ce- ... -an */
        {"pelari", "lari"},          /* pe- before a ber- root: berlari */
        {"belikan", "beli"},         /* -kan after a root that takes it */
        {"tidakadil", "adil"},       /* a NEEDAFFIX (bound) entry */
        {"belajar", "ajar"},         /* bel-: the irregular ber- */
        {"pelajaran", "ajar"},       /* pel-: the irregular peR- */
        {"pembelajaran", "ajar"},
        {"naskah", "naskah"},        /* one chance affix is not enough */
        {"beruang", "beruang"},
        {"selaku", "selaku"},
        {"berita", "berita"},        /* flagged entries stay */
    };
    return CASES(cases);
}

ParameterizedTest(struct stem_case *c, entry, derived)
{
    check(STEMMER_ID_FULL, c);
}

/* ---- loans and lexicalised reduplication kept whole --------------------- */

ParameterizedTestParameters(entry, kept)
{
    static struct stem_case cases[] = {
        {"nasionalisme", "nasionalisme"}, /* -isme is part of the loan */
        {"finalis", "finalis"},           /* so is -is */
        {"liberalis", "liberalis"},
        {"globalisasi", "globalisasi"},   /* and -isasi */
        {"agensi", "agensi"},   /* -si: agens does not take -i */
        {"fasilitasi", "fasilitasi"},
        {"mengatasi", "atas"},  /* meN-...-i still goes */
        {"pepaya", "pepaya"},   /* Ce- without -an: a word of its own */
        {"jejaring", "jejaring"},
        {"tetikus", "tetikus"},
        {"dedaunan", "daun"},   /* Ce- with -an: the collective */
        {"pepohonan", "pohon"},
        {"pelampung", "pelampung"}, /* lampung takes no ber- */
    };
    return CASES(cases);
}

ParameterizedTest(struct stem_case *c, entry, kept)
{
    check(STEMMER_ID_FULL, c);
}

/* ---- men-/pen- that kept the root's t or s ------------------------------ */

ParameterizedTestParameters(recoding, nasal_kept)
{
    static struct stem_case cases[] = {
        {"mentaatinya", "taat"},
        {"pentaatan", "taat"},
        {"mentransfer", "transfer"},
    };
    return CASES(cases);
}

ParameterizedTest(struct stem_case *c, recoding, nasal_kept)
{
    check(STEMMER_ID_FULL, c);
}

/* ---- the guard on the Snowball fallback (words not in the lexicon) ------ */

ParameterizedTestParameters(fallback, guard)
{
    static struct stem_case cases[] = {
        {"wasabi", "wasabi"},     /* Snowball cuts -i: refused */
        {"sushinya", "sushi"},    /* clitics still go */
        {"dvdnya", "dvd"},        /* -nya down to three letters */
        {"ilmu", "ilmu"},         /* but -mu and -ku leave four */
        {"kimonoku", "kimono"},
        {"mentolerir", "tolerir"}, /* Snowball's prefix cut stands */
        {"diijinkan", "ijin"},    /* and its -kan cut */
        {"debian", "debian"},     /* but not a bare -an cut */
    };
    return CASES(cases);
}

ParameterizedTest(struct stem_case *c, fallback, guard)
{
    check(STEMMER_ID_FULL, c);
}

/* ---- Snowball mode gives Snowball's answers, misses included ------------ */

ParameterizedTestParameters(snowball, plain)
{
    static struct stem_case cases[] = {
        {"menulis", "ulis"},
        {"mengirim", "irim"},
        {"memakan", "pakan"},
        {"berita", "ita"},
        {"kepala", "pala"},
        {"sebanyak", "sebanyak"},
        {"anak-anak", "anak-anak"},
        {"pembangunan", "bangun"},
    };
    return CASES(cases);
}

ParameterizedTest(struct stem_case *c, snowball, plain)
{
    check(STEMMER_ID_SNOWBALL, c);
}

ParameterizedTestParameters(none, identity)
{
    static struct stem_case cases[] = {
        {"menulis", "menulis"},
        {"anak-anak", "anak-anak"},
    };
    return CASES(cases);
}

ParameterizedTest(struct stem_case *c, none, identity)
{
    check(STEMMER_ID_NONE, c);
}

/* ---- contracts ----------------------------------------------------------- */

Test(contract, delete_null)
{
    stemmer_id_delete(NULL);
}

Test(contract, empty_word_may_be_null)
{
    stemmer_id_mode modes[] = {STEMMER_ID_FULL, STEMMER_ID_SNOWBALL,
                               STEMMER_ID_NONE};
    for (int i = 0; i < 3; i++) {
        stemmer_id *s = stemmer_id_new(modes[i]);
        cr_assert_not_null(s);
        size_t n = 1;
        const char *r = stemmer_id_stem(s, NULL, 0, &n);
        cr_assert_not_null(r);
        cr_expect_str_eq(r, "");
        cr_expect_eq(n, 0);
        stemmer_id_delete(s);
    }
}

Test(contract, out_len_may_be_null)
{
    stemmer_id *s = stemmer_id_new(STEMMER_ID_FULL);
    cr_assert_not_null(s);
    cr_expect_str_eq(stemmer_id_stem(s, "menulis", 7, NULL), "tulis");
    stemmer_id_delete(s);
}

Test(contract, not_nul_terminated)
{
    stemmer_id *s = stemmer_id_new(STEMMER_ID_FULL);
    cr_assert_not_null(s);
    size_t n;
    const char *r = stemmer_id_stem(s, "menulisXYZ", 7, &n);
    cr_expect_eq(n, 5);
    cr_expect_str_eq(r, "tulis");
    stemmer_id_delete(s);
}

Test(contract, signature)
{
    stemmer_id *s = stemmer_id_new(STEMMER_ID_FULL);
    cr_assert_not_null(s);
    const char *sig = stemmer_id_signature(s);
    cr_expect(strncmp(sig, "stemmer-id/4 lexicon=", 21) == 0, "%s", sig);
    stemmer_id_delete(s);
    s = stemmer_id_new(STEMMER_ID_SNOWBALL);
    cr_assert_not_null(s);
    cr_expect_str_eq(stemmer_id_signature(s), "snowball-indonesian");
    stemmer_id_delete(s);
}

Test(contract, explain_names_the_rule)
{
    stemmer_id *s = stemmer_id_new(STEMMER_ID_FULL);
    cr_assert_not_null(s);
    const char *rule;
    cr_expect_str_eq(stemmer_id_stem_explain(s, "menyapu", 7, NULL, &rule),
                     "sapu");
    cr_expect(strstr(rule, "meny-:s") != NULL, "%s", rule);
    stemmer_id_stem_explain(s, "berita", 6, NULL, &rule);
    cr_expect_str_eq(rule, "lexicon");
    stemmer_id_delete(s);
}

Test(contract, new_fails_cleanly_when_out_of_memory)
{
    /* stemmer_id_new makes three allocations of its own: each may fail. */
    for (long k = 0; k < 3; k++) {
        sid_alloc_fail_after(k);
        stemmer_id *s = stemmer_id_new(STEMMER_ID_FULL);
        sid_alloc_fail_after(-1);
        cr_expect_null(s, "allocation %ld failed but got a stemmer", k);
        stemmer_id_delete(s);
    }
}

Test(contract, stem_returns_null_when_out_of_memory)
{
    stemmer_id *s = stemmer_id_new(STEMMER_ID_FULL);
    cr_assert_not_null(s);
    size_t len = 10000; /* too long to stem: copied to a grown buffer */
    char *word = malloc(len);
    cr_assert_not_null(word);
    memset(word, 'a', len);
    sid_alloc_fail_after(0);
    cr_expect_null(stemmer_id_stem(s, word, len, NULL));
    sid_alloc_fail_after(-1);
    /* The stemmer is still usable afterwards. */
    size_t n;
    const char *r = stemmer_id_stem(s, word, len, &n);
    cr_assert_not_null(r);
    cr_expect_eq(n, len);
    cr_expect_str_eq(stemmer_id_stem(s, "menulis", 7, NULL), "tulis");
    free(word);
    stemmer_id_delete(s);
}

/* ---- properties over many generated words ------------------------------- */

/* Random syllable soup: prefixes, suffixes and hyphens turn up often, so the
 * rules' corner cases are reached.  Checks that every stem is a valid
 * string no longer than its word, and that the cached path, the uncached
 * (explain) path and a fresh stemmer all agree. */
Test(property, generated_words)
{
    static const char *const pieces[] = {
        "me", "mem", "men", "meng", "meny", "pe", "pem", "pen", "peng",
        "peny", "ber", "be", "ter", "te", "di", "ke", "se", "ku", "kau",
        "per", "ka", "ta", "nya", "kan", "an", "i", "lah", "pun", "ku", "mu",
        "a", "e", "ra", "la", "sa", "tu", "ri", "-", "ng", "isasi"};
    const size_t npieces = sizeof pieces / sizeof pieces[0];
    stemmer_id *s = stemmer_id_new(STEMMER_ID_FULL);
    stemmer_id *fresh = stemmer_id_new(STEMMER_ID_FULL);
    cr_assert(s && fresh);
    unsigned long x = 12345;
    char word[128], first[128];
    for (int t = 0; t < 20000; t++) {
        size_t len = 0;
        int k = 1 + (int)((x >> 16) % 6);
        for (int j = 0; j < k; j++) {
            x = x * 6364136223846793005ul + 1442695040888963407ul;
            const char *p = pieces[(x >> 33) % npieces];
            if (len + strlen(p) >= sizeof word)
                break;
            memcpy(word + len, p, strlen(p));
            len += strlen(p);
        }
        size_t n;
        const char *r = stemmer_id_stem(s, word, len, &n);
        cr_assert_not_null(r);
        cr_assert_eq(strlen(r), n, "%.*s", (int)len, word);
        cr_assert_leq(n, len, "%.*s -> %s", (int)len, word, r);
        memcpy(first, r, n + 1);
        r = stemmer_id_stem(s, word, len, &n); /* from the cache */
        cr_assert_str_eq(r, first, "%.*s", (int)len, word);
        r = stemmer_id_stem_explain(s, word, len, &n, NULL);
        cr_assert_str_eq(r, first, "%.*s", (int)len, word);
        r = stemmer_id_stem_explain(fresh, word, len, &n, NULL);
        cr_assert_str_eq(r, first, "%.*s", (int)len, word);
    }
    stemmer_id_delete(s);
    stemmer_id_delete(fresh);
}
