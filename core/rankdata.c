/*
 * Rank data (rankdata.h): what the second stage of a search needs of a
 * passage, worked out once when the passage is indexed instead of at
 * every search (tokenizing a candidate again cost as much as the whole
 * first pass).  For each word of the passage's text, then of its title:
 *
 *   3 bytes   the 24-bit hash of the normalized word (cari_rank_hash)
 *   1 byte    bits 0-4 its answer types (CARI_T_*), bit 5 a stopword,
 *             bit 6 its term-stem differs from the word, bit 7 zero
 *   3 bytes   only with bit 6: the hash of its term-stem
 *
 * after a header: the passage's number in its article and the number of
 * its text's words, each a varint (7 bits a byte, low first).  A search
 * compares the hashes with its query words' (rank_features.c): two words
 * of a passage and a query agree by 24 bits,
 * so a candidate of 40 words against a query of 5 takes a word for
 * another about once in 40,000 candidates, and only in its features.
 *
 * The answer types are rules over the passage's words (README "Ranking:
 * learned"): a capitalised word inside a sentence is a name, after a
 * place cue (di, ke, kota, pulau...) a place; a year, a month or a day is
 * a date; digits or a number word a number; karena, sebab... a reason.
 */
#include "rankdata.h"
#include "alloc.h"

#include "hash.h"
#include "stopwords.h"
#include "terms.h"

#include <stdlib.h>
#include <string.h>

/* ---- word lists (sorted, for cari_sorted_has) ------------------------------ */

static const char *const months[] = {
    "agu", "agustus", "apr", "april", "des", "desember", "feb", "februari", "jan",
    "januari", "jul", "juli", "jun", "juni", "mar", "maret", "mei", "nopember", "nov",
    "november", "okt", "oktober", "sep", "september",
};

static const char *const days[] = {
    "ahad", "jum'at", "jumat", "kamis", "minggu", "rabu", "sabtu", "selasa", "senin",
};

static const char *const number_words[] = {
    "belas", "delapan", "dua", "empat", "enam", "juta", "lima", "miliar", "milyar",
    "puluh", "ratus", "ribu", "satu", "sebelas", "sejuta", "sembilan", "sepuluh",
    "seratus", "seribu", "tiga", "tujuh", "triliun",
};

/* Words after which a capitalised word names a place. */
static const char *const place_cues[] = {
    "benua", "dari", "daerah", "danau", "desa", "di", "gunung", "ibukota", "jalan",
    "kabupaten", "kawasan", "ke", "kecamatan", "kelurahan", "kota", "laut", "negara",
    "negeri", "provinsi", "pulau", "samudera", "samudra", "selat", "sungai", "teluk",
    "wilayah",
};

static const char *const reason_words[] = {
    "akibat", "akibatnya", "alasan", "alasannya", "dikarenakan", "disebabkan", "karena",
    "lantaran", "menyebabkan", "penyebab", "penyebabnya", "sebab", "sehingga",
};

#define HAS(list, w, l) cari_sorted_has(list, sizeof list / sizeof list[0], w, l)

enum {
    K_CALENDAR = 1,      /* a month or day name */
    K_NUMBER = 2,        /* digits, or a number word */
    K_DATE = 4,          /* a year, a month or day name, abad */
    K_REASON = 8,        /* karena, sebab, akibat, ... */
    K_PLACE_CUE = 16,    /* di, ke, dari, kota, pulau, ... */
};

static int is_year(const char *w, size_t len)
{
    if (len != 4)
        return 0;
    int y = 0;
    for (size_t i = 0; i < 4; i++) {
        if (w[i] < '0' || w[i] > '9')
            return 0;
        y = y * 10 + (w[i] - '0');
    }
    return y >= 1000 && y <= 2099;
}

/* The kind (K_*) of the normalized word w[0..len). */
static int word_kind(const char *w, size_t len)
{
    int kind = 0;
    if (HAS(months, w, len) || HAS(days, w, len))
        kind |= K_CALENDAR | K_DATE;
    int digit = 0;
    for (size_t i = 0; i < len && !digit; i++)
        digit = w[i] >= '0' && w[i] <= '9';
    if (digit || HAS(number_words, w, len))
        kind |= K_NUMBER;
    if (is_year(w, len) || (len == 4 && !memcmp(w, "abad", 4)))
        kind |= K_DATE;
    if (HAS(reason_words, w, len))
        kind |= K_REASON;
    if (HAS(place_cues, w, len))
        kind |= K_PLACE_CUE;
    return kind;
}

/* Whether text[from..to) (between two words) ends a sentence. */
static int sentence_break(const char *text, size_t from, size_t to)
{
    if (from == 0)
        return 1;
    for (size_t i = from; i < to; i++) {
        unsigned char c = (unsigned char)text[i];
        if (c == '.' || c == '!' || c == '?' || c == ':' || c == '"' || c == '\n')
            return 1;
        if (c == 0xE2 && i + 2 < to && (unsigned char)text[i + 1] == 0x80 &&
            (unsigned char)text[i + 2] == 0x9C) /* “ */
            return 1;
    }
    return 0;
}

/* ---- encoding ---------------------------------------------------------------- */

uint32_t cari_rank_hash(const char *word, size_t len)
{
    uint64_t h = cari_fnv1a(CARI_FNV_BASIS, word, len);
    return (uint32_t)((h ^ (h >> 24) ^ (h >> 48)) & 0xFFFFFF);
}

void cari_rankdata_reset(cari_rankdata *rd)
{
    rd->len = 0;
    rd->n_text = 0;
    rd->in_title = 0;
    rd->prev_end = 0;
    rd->prev_place = 0;
}

void cari_rankdata_free(cari_rankdata *rd)
{
    free(rd->buf);
    memset(rd, 0, sizeof *rd);
}

void cari_rankdata_title(cari_rankdata *rd)
{
    rd->in_title = 1;
    rd->prev_end = 0;
    rd->prev_place = 0;
}

/* The answer types of tok in text (and the place state after it). */
static int word_types(cari_rankdata *rd, const char *text, const cari_token *tok)
{
    int kind = word_kind(tok->term, tok->term_len);
    int caps = text[tok->start] >= 'A' && text[tok->start] <= 'Z';
    int starts = sentence_break(text, rd->prev_end, tok->start) && !tok->joined;
    int types = 0;
    if (kind & K_NUMBER)
        types |= CARI_T_NUMBER;
    if (kind & K_DATE)
        types |= CARI_T_DATE;
    if (caps && !starts && !(kind & K_CALENDAR))
        types |= CARI_T_NAME;
    if (caps && !(kind & K_CALENDAR) && rd->prev_place && !starts)
        types |= CARI_T_PLACE;
    if (kind & K_REASON)
        types |= CARI_T_REASON;
    /* di, ke, kota...: a cue, lower-case or opening a sentence; a place
     * goes on over the capitalised words after it (Jawa Barat). */
    rd->prev_place = ((kind & K_PLACE_CUE) && (!caps || starts)) ||
                     (caps && rd->prev_place && !starts);
    rd->prev_end = tok->end;
    return types;
}

static void put24(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)(v & 0xFF);
    p[1] = (unsigned char)((v >> 8) & 0xFF);
    p[2] = (unsigned char)((v >> 16) & 0xFF);
}

int cari_rankdata_add(cari_rankdata *rd, const char *text, const cari_token *tok,
                      const char *stem, size_t stem_len)
{
    if (rd->cap - rd->len < 7) {
        size_t cap = rd->cap ? 2 * rd->cap : 512;
        char *buf = cari_realloc(rd->buf, cap);
        if (!buf)
            return -1;
        rd->buf = buf;
        rd->cap = cap;
    }
    int types = rd->in_title ? 0 : word_types(rd, text, tok);
    int differs = stem_len != tok->term_len || memcmp(stem, tok->term, stem_len);
    unsigned char *p = (unsigned char *)rd->buf + rd->len;
    put24(p, cari_rank_hash(tok->term, tok->term_len));
    p[3] = (unsigned char)(types | (cari_is_stopword(tok->term, tok->term_len) ? 32 : 0) |
                           (differs ? 64 : 0));
    rd->len += 4;
    if (differs) {
        put24(p + 4, cari_rank_hash(stem, stem_len));
        rd->len += 3;
    }
    rd->n_text += !rd->in_title;
    return 0;
}

/* Writes v as a varint (7 bits a byte, low first) at p; returns its bytes. */
static size_t put_varint(char *p, size_t v)
{
    size_t n = 0;
    for (;; v >>= 7) {
        p[n++] = (char)((v & 0x7F) | (v >> 7 ? 0x80 : 0));
        if (!(v >> 7))
            return n;
    }
}

const char *cari_rankdata_value(cari_rankdata *rd, unsigned passage, size_t *len)
{
    /* The header goes in front: the buffer keeps room for it. */
    size_t h = put_varint(rd->head, passage);
    h += put_varint(rd->head + h, rd->n_text);
    if (rd->cap - rd->len < h) {
        char *buf = cari_realloc(rd->buf, rd->len + h);
        if (!buf)
            return NULL;
        rd->buf = buf;
        rd->cap = rd->len + h;
    }
    memmove(rd->buf + h, rd->buf, rd->len);
    memcpy(rd->buf, rd->head, h);
    rd->len += h;
    *len = rd->len;
    return rd->buf;
}

/* ---- decoding ---------------------------------------------------------------- */

static uint32_t get24(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16;
}

/* Reads a varint at *p (before end) into *v.  Returns 0, or -1. */
static int get_varint(const unsigned char **p, const unsigned char *end, size_t *v)
{
    *v = 0;
    for (int shift = 0;; shift += 7) {
        if (*p == end || shift > 28)
            return -1;
        *v |= (size_t)(**p & 0x7F) << shift;
        if (!(*(*p)++ & 0x80))
            return 0;
    }
}

int cari_rankdata_decode(const char *data, size_t len, cari_rank_words *out)
{
    const unsigned char *p = (const unsigned char *)data, *end = p + len;
    size_t passage, text;
    if (get_varint(&p, end, &passage) || get_varint(&p, end, &text))
        return -1;
    size_t k = 0;
    while (p < end) {
        if (end - p < 4 || (p[3] & 0x80) || ((p[3] & 64) && end - p < 7))
            return -1;
        if (k == out->cap) {
            size_t c = out->cap ? 2 * out->cap : 128;
            cari_rword *v = cari_realloc(out->v, c * sizeof *v);
            if (!v)
                return -2;
            out->v = v;
            out->cap = c;
        }
        cari_rword *w = &out->v[k++];
        w->form = w->stem = get24(p);
        w->types = p[3] & 31;
        w->stopword = (p[3] & 32) != 0;
        if (p[3] & 64) {
            w->stem = get24(p + 4);
            p += 3;
        }
        p += 4;
    }
    if (text > k)
        return -1;
    out->passage = (unsigned)passage;
    out->n_text = text;
    out->n = k;
    return 0;
}
