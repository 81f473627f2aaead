/*
 * The tokenizer: splits UTF-8 text into normalized words with byte offsets.
 *
 * A word is a run of letters, combining marks and digits of any script
 * (Unicode categories L*, M*, N*).  Inside a run:
 *   - '.' and ',' between two digits join a number: "11.000", "2,5";
 *     dots that group thousands are then dropped, so "11.000" is the term
 *     "11000" (a dot before a group of other than three digits, as in
 *     "10.30" or "1.4.22", stays);
 *   - an apostrophe between two letters stays inside the word ("jum'at");
 *   - a currency or unit glued to a number is a word of its own, joined
 *     to the number as a hyphen joins ("Rp11.000" is "rp" "11000",
 *     "5km" is "5" "km": glued_split()), so the number matches "11.000"
 *     written alone.
 * A hyphen between two runs joins them: each run is its own token and the
 * second is marked `joined`, so "AK-12" and "tentara-tentara" are findable
 * by their parts and, as a phrase of the parts, by the whole.
 * Everything else (spaces, punctuation, quotes, dashes, symbols, invalid
 * bytes) separates words.  Terms are NFKC case-folded by utf8proc.
 */
#include "tokenize.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

#define MAX_TERM_BYTES 64   /* longer words are not indexed */

/* Decodes the code point at text[pos]; stores it in *cp and returns its
 * length in bytes, or -1 (with *cp = -1) for an invalid byte. */
static int decode(const char *text, size_t len, size_t pos, int32_t *cp)
{
    if ((unsigned char)text[pos] < 0x80) { /* ASCII: most of the text, no call */
        *cp = (unsigned char)text[pos];
        return 1;
    }
    utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)text + pos,
                                          (utf8proc_ssize_t)(len - pos), cp);
    if (n <= 0) {
        *cp = -1;
        return -1;
    }
    return (int)n;
}

static int is_word_cp(int32_t cp)
{
    if (cp < 0)
        return 0;
    if (cp < 0x80)
        return (cp >= '0' && cp <= '9') || ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z');
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT: case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
    case UTF8PROC_CATEGORY_ND: case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
        return 1;
    default:
        return 0;
    }
}

static int is_digit_cp(int32_t cp)
{
    if (cp >= '0' && cp <= '9')
        return 1;
    return cp > 0x7f && utf8proc_category(cp) == UTF8PROC_CATEGORY_ND;
}

static int is_letter_cp(int32_t cp)
{
    return is_word_cp(cp) && !is_digit_cp(cp);
}

static int is_hyphen_cp(int32_t cp)
{
    return cp == '-' || cp == 0x2010 || cp == 0x2011;
}

static int is_apostrophe_cp(int32_t cp)
{
    return cp == '\'' || cp == 0x2019;
}

/* Finds the end of the run starting at `pos` (a word character).  Returns
 * the byte offset just past it. */
static size_t scan_run(const char *text, size_t len, size_t pos)
{
    int32_t prev = -1, cp, next;
    while (pos < len) {
        int n = decode(text, len, pos, &cp);
        if (n < 0)
            break;
        if (is_word_cp(cp)) {
            prev = cp;
            pos += (size_t)n;
            continue;
        }
        /* A joiner stays only between the right neighbours. */
        int joins = 0;
        if (pos + (size_t)n < len && decode(text, len, pos + (size_t)n, &next) > 0) {
            if ((cp == '.' || cp == ',') && is_digit_cp(prev) && is_digit_cp(next))
                joins = 1;
            else if (is_apostrophe_cp(cp) && is_letter_cp(prev) && is_letter_cp(next))
                joins = 1;
        }
        if (!joins)
            break;
        prev = cp;
        pos += (size_t)n;
    }
    return pos;
}

/* Scans the run of ASCII letters and digits at text[pos] (one of them)
 * into *end, and *digits whether it holds a digit.  Returns 1 when
 * scan_run() would end the run there too (the next character neither
 * continues nor joins it), 0 when scan_run() must decide: most words of
 * most text take this way, without decoding each character again. */
static int ascii_run(const char *text, size_t len, size_t pos, size_t *end, int *digits)
{
    size_t e = pos;
    int d = 0;
    for (; e < len; e++) {
        unsigned char c = (unsigned char)text[e];
        if (c >= '0' && c <= '9')
            d = 1;
        else if ((c | 0x20) < 'a' || (c | 0x20) > 'z')
            break;
    }
    *end = e;
    *digits = d;
    if (e == len)
        return 1;
    unsigned char c = (unsigned char)text[e];
    if (c >= 0x80 || c == '\'')
        return 0;   /* a letter of another script, an apostrophe */
    /* '.' and ',' join digits only. */
    return !((c == '.' || c == ',') && text[e - 1] >= '0' && text[e - 1] <= '9');
}

/* Lower-cases text[start..end), ASCII, into buf: normalize() for a run
 * of ASCII letters and digits.  Returns its length, or 0 when too long. */
static long lower_ascii(const char *text, size_t start, size_t end, char *buf)
{
    size_t n = end - start;
    if (n > MAX_TERM_BYTES)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = text[start + i];
        buf[i] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
    }
    return (long)n;
}

static int is_ascii_digit(char c) { return c >= '0' && c <= '9'; }
static int is_ascii_letter(char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }

/* Whether text[0..n) is, case-insensitively, one of the NULL-ended list. */
static int one_of(const char *text, size_t n, const char *const *list)
{
    for (; *list; list++)
        if (strlen(*list) == n && !strncasecmp(text, *list, n))
            return 1;
    return 0;
}

/* Currencies written before a number (Rp11.000, IDR 5, USD20, RM3), and
 * units written after one (5km, 2,5jt, 100rb, 40kWh).  A short list of
 * what Indonesian news writes; letters glued to digits otherwise (G20,
 * 5G, mp3) stay one word: "g" is no unit here, for 5G's sake. */
static const char *const currencies[] = {"rp", "idr", "usd", "sgd", "myr", "eur", "jpy",
                                         "cny", "aud", "gbp", "rm", "km", NULL};
static const char *const units[] = {"km", "m", "cm", "mm", "kg", "gr", "mg", "ton",
                                    "l", "ml", "ha", "kw", "kwh", "mw", "gb", "mb", "tb",
                                    "rb", "ribu", "jt", "juta", "miliar", "triliun", NULL};

/* Where the run text[pos..end) splits between a currency and its number,
 * or a number and its unit: the offset of the second part, or 0 when the
 * run is one word. */
static size_t glued_split(const char *text, size_t pos, size_t end)
{
    size_t k = pos;
    while (k < end && is_ascii_letter(text[k]))
        k++;
    if (k > pos && k < end && is_ascii_digit(text[k]) && one_of(text + pos, k - pos, currencies))
        return k;
    k = end;
    while (k > pos && is_ascii_letter(text[k - 1]))
        k--;
    if (k == end || k == pos || !is_ascii_digit(text[k - 1]))
        return 0;
    for (size_t i = pos; i < k; i++)
        if (!is_ascii_digit(text[i]) && text[i] != '.' && text[i] != ',')
            return 0;
    return one_of(text + k, end - k, units) ? k : 0;
}

/* Removes thousands-separating dots from the numbers inside term[0..len)
 * (ASCII digits, the form every number takes after NFKC).  A number
 * "d{1,3}(.ddd)+", optionally followed by ",d+", loses its dots; any other
 * chain of digits and dots is kept as it is.  Returns the new length. */
static size_t drop_thousands_dots(char *t, size_t len)
{
    size_t i = 0, out = 0;
    while (i < len) {
        if (!is_ascii_digit(t[i])) {
            t[out++] = t[i++];
            continue;
        }
        size_t j = i;
        while (j < len && is_ascii_digit(t[j]))
            j++;
        size_t lead = j - i, k = j, groups = 0;
        while (k + 4 <= len && t[k] == '.' && is_ascii_digit(t[k + 1]) &&
               is_ascii_digit(t[k + 2]) && is_ascii_digit(t[k + 3]) &&
               (k + 4 == len || !is_ascii_digit(t[k + 4]))) {
            k += 4;
            groups++;
        }
        if (lead <= 3 && groups > 0 && (k == len || t[k] != '.')) {
            for (size_t p = i; p < k; p++)
                if (t[p] != '.')
                    t[out++] = t[p];
            i = k;
        } else {
            /* Not a thousands number: copy its whole chain unchanged. */
            while (i < len && (is_ascii_digit(t[i]) || t[i] == '.' || t[i] == ','))
                t[out++] = t[i++];
        }
    }
    return out;
}

/* Normalizes text[start..end) into buf (NFKC + case folding); returns the
 * term length, 0 for a word to skip (too long), or -1 when out of memory. */
static long normalize(const char *text, size_t start, size_t end, char *buf)
{
    size_t n = end - start;
    int ascii = 1;
    for (size_t i = start; i < end; i++)
        if ((unsigned char)text[i] >= 0x80) {
            ascii = 0;
            break;
        }
    size_t len;
    if (ascii) {
        if (!(len = (size_t)lower_ascii(text, start, end, buf)))
            return 0;
    } else {
        if (n > 4 * MAX_TERM_BYTES)
            return 0;
        utf8proc_uint8_t *mapped = NULL;
        utf8proc_ssize_t m = utf8proc_map(
            (const utf8proc_uint8_t *)text + start, (utf8proc_ssize_t)n, &mapped,
            UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT |
                UTF8PROC_CASEFOLD | UTF8PROC_IGNORE);
        if (m == UTF8PROC_ERROR_NOMEM)
            return -1;
        if (m <= 0 || m > MAX_TERM_BYTES) {
            free(mapped);
            return 0;
        }
        memcpy(buf, mapped, (size_t)m);
        free(mapped);
        len = (size_t)m;
        /* U+2019 becomes an ASCII apostrophe so both spellings match. */
        char *q = buf;
        for (size_t i = 0; i < len; i++) {
            if (i + 2 < len && (unsigned char)buf[i] == 0xE2 &&
                (unsigned char)buf[i + 1] == 0x80 && (unsigned char)buf[i + 2] == 0x99) {
                *q++ = '\'';
                i += 2;
            } else {
                *q++ = buf[i];
            }
        }
        len = (size_t)(q - buf);
    }
    if (memchr(buf, '.', len))
        len = drop_thousands_dots(buf, len);
    return (long)len;
}

int cari_tokenize(const char *text, size_t len, cari_token_fn fn, void *ctx)
{
    char buf[4 * MAX_TERM_BYTES + 8];
    size_t pos = 0;
    int joined = 0;
    while (pos < len) {
        int32_t cp;
        int n = decode(text, len, pos, &cp);
        if (n < 0) {
            pos++;
            joined = 0;
            continue;
        }
        if (!is_word_cp(cp)) {
            pos += (size_t)n;
            joined = 0;
            continue;
        }
        size_t end;
        int digits;
        int plain = ascii_run(text, len, pos, &end, &digits);
        if (!plain)
            end = scan_run(text, len, pos);
        /* A currency or a unit needs a digit beside it. */
        size_t glued = !plain || digits ? glued_split(text, pos, end) : 0;
        if (glued)
            end = glued;
        long tlen = plain ? lower_ascii(text, pos, end, buf) : normalize(text, pos, end, buf);
        if (tlen < 0)
            return CARI_NOMEM;
        if (tlen > 0) {
            cari_token tok = {pos, end, buf, (size_t)tlen, joined};
            int rc = fn(ctx, &tok);
            if (rc)
                return rc;
        }
        pos = end;
        if (glued) {
            joined = tlen > 0; /* the rest of the run, as after a hyphen */
            continue;
        }
        /* A hyphen followed by a word character joins the next run. */
        joined = 0;
        if (pos < len) {
            int32_t h, next;
            int hn = decode(text, len, pos, &h);
            if (hn > 0 && is_hyphen_cp(h) && pos + (size_t)hn < len &&
                decode(text, len, pos + (size_t)hn, &next) > 0 && is_word_cp(next) &&
                tlen > 0) {
                joined = 1;
                pos += (size_t)hn;
            }
        }
    }
    return 0;
}
