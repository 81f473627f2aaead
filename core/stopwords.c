/*
 * Indonesian stopwords: function words too common to help ranking, and the
 * question words that open natural questions ("Siapakah yang melatih ...?"),
 * which say what kind of answer is wanted but not what it is about.
 * The list is sorted (tests/unit/test_text.c finds every member) for
 * binary search.  It is part of the index format (CARI_FORMAT_VERSION in
 * signature.h): a stopword is indexed as itself, and a content word whose
 * stem is a stopword by that stem marked (terms.c, cari_stem_term()).
 */
#include "stopwords.h"

#include "terms.h"

/* The stopwords, sorted; X(word) for each. */
#define STOPWORDS \
    X("ada") X("adalah") X("agar") X("akan") X("akankah") X("aku") X("anda") \
    X("antara") X("apa") X("apabila") X("apakah") X("atas") X("atau") \
    X("bagaimana") X("bagaimanakah") X("bagi") X("bahwa") X("beberapa") \
    X("belum") X("berapa") X("berapakah") X("bilamana") X("bisa") X("bukan") \
    X("dalam") X("dan") X("dapat") X("dari") X("daripada") X("dengan") X("di") \
    X("dia") X("dimana") X("dimanakah") X("ialah") X("ini") X("itu") X("jika") \
    X("juga") X("kah") X("kami") X("kamu") X("kapan") X("kapankah") \
    X("karena") X("ke") X("kenapa") X("kepada") X("ketika") X("kita") \
    X("lagi") X("lah") X("maka") X("mana") X("manakah") X("masih") \
    X("mengapa") X("mereka") X("merupakan") X("namun") X("nya") X("oleh") \
    X("pada") X("para") X("pun") X("saat") X("saja") X("sampai") X("sebagai") \
    X("secara") X("sedang") X("sejak") X("seperti") X("serta") X("setelah") \
    X("siapa") X("siapakah") X("sudah") X("supaya") X("telah") X("tentang") \
    X("terhadap") X("tersebut") X("tetapi") X("tidak") X("untuk") X("yaitu") \
    X("yakni") X("yang")

#define X(w) w,
static const char *const stopwords[] = {STOPWORDS};
#undef X

/* The same words marked (CARI_STEM_MARK appended), index for index. */
#define X(w) w CARI_STEM_MARK,
static const char *const marked[] = {STOPWORDS};
#undef X

#define N_STOPWORDS (sizeof stopwords / sizeof stopwords[0])

int cari_is_stopword(const char *term, size_t len)
{
    return cari_sorted_find(stopwords, N_STOPWORDS, term, len) < N_STOPWORDS;
}

const char *cari_stopword(const char *term, size_t len)
{
    size_t i = cari_sorted_find(stopwords, N_STOPWORDS, term, len);
    return i < N_STOPWORDS ? stopwords[i] : NULL;
}

const char *cari_stopword_marked(const char *term, size_t len)
{
    size_t i = cari_sorted_find(stopwords, N_STOPWORDS, term, len);
    return i < N_STOPWORDS ? marked[i] : NULL;
}

/* The most frequent function words whose place in a phrase any other
 * word may take without changing what the phrase names: indexed without
 * positions (index.c), they are half of all stopword occurrences.  Left
 * out on purpose: negations (tidak, bukan, belum), words that tell
 * names apart (dalam: Menteri Dalam Negeri, not Luar Negeri) and
 * direction or place (di, ke, dari, atas, antara).  A change here is a
 * change of the index format (CARI_FORMAT_VERSION in signature.h).  Sorted. */
static const char *const positionless[] = {
    "adalah", "atau", "bagi", "bahwa", "dan", "dengan", "ialah", "ini",
    "itu", "juga", "kepada", "merupakan", "oleh", "pada", "para",
    "sebagai", "serta", "tersebut", "untuk", "yaitu", "yakni", "yang",
};

int cari_is_positionless(const char *term, size_t len)
{
    return cari_sorted_has(positionless, sizeof positionless / sizeof positionless[0], term,
                           len);
}
