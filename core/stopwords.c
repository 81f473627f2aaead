/*
 * Indonesian stopwords: function words too common to help ranking, and the
 * question words that open natural questions ("Siapakah yang melatih ...?"),
 * which say what kind of answer is wanted but not what it is about.
 * The list is sorted (tests/unit/test_text.c finds every member) for
 * binary search.
 */
#include "stopwords.h"

#include "terms.h"


static const char *const stopwords[] = {
    "ada", "adalah", "agar", "akan", "akankah", "aku", "anda", "antara",
    "apa", "apabila", "apakah", "atas", "atau", "bagaimana",
    "bagaimanakah", "bagi", "bahwa", "beberapa", "belum", "berapa",
    "berapakah", "bilamana", "bisa", "bukan", "dalam", "dan", "dapat",
    "dari", "daripada", "dengan", "di", "dia", "dimana", "dimanakah",
    "ialah", "ini", "itu", "jika", "juga", "kah", "kami", "kamu", "kapan",
    "kapankah", "karena", "ke", "kenapa", "kepada", "ketika", "kita",
    "lagi", "lah", "maka", "mana", "manakah", "masih", "mengapa",
    "mereka", "merupakan", "namun", "nya", "oleh", "pada", "para",
    "pun", "saat", "saja", "sampai", "sebagai", "secara", "sedang",
    "sejak", "seperti", "serta", "setelah", "siapa", "siapakah", "sudah",
    "supaya", "telah", "tentang", "terhadap", "tersebut",
    "tetapi", "tidak", "untuk", "yaitu", "yakni", "yang",
};

int cari_is_stopword(const char *term, size_t len)
{
    return cari_sorted_has(stopwords, sizeof stopwords / sizeof stopwords[0], term, len);
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
