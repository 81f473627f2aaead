/* JSON Lines output of the searcher: see jsonout.h. */
#include "jsonout.h"

#include <string.h>

/* The length of the well-formed multi-byte UTF-8 sequence at s[0..len)
 * (s[0] >= 0x80), or 0 when it is not one. */
static size_t utf8_sequence(const unsigned char *s, size_t len)
{
    unsigned char c = s[0];
    size_t n = c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 && c < 0xF0 ? 3 : c >= 0xC2 && c < 0xE0 ? 2 : 0;
    size_t k = 1;
    while (n && k < n && k < len && (s[k] & 0xC0) == 0x80)
        k++;
    return n && k == n ? n : 0;
}

/* Writes s[0..len) as a JSON string.  Control characters are escaped and
 * invalid UTF-8 bytes become U+FFFD, so the output is always valid JSON. */
void json_string(FILE *out, const char *s, size_t len)
{
    const unsigned char *u = (const unsigned char *)s;
    fputc('"', out);
    size_t i = 0;
    while (i < len) {
        /* A run of what goes out as it is (printable ASCII other than '"'
         * and '\\', well-formed multi-byte sequences) goes out whole. */
        size_t run = i, n;
        for (;;) {
            while (run < len && (unsigned)(u[run] - 0x20) < 0x5F && u[run] != '"' && u[run] != '\\')
                run++;
            if (run == len || u[run] < 0x80 || !(n = utf8_sequence(u + run, len - run)))
                break;
            run += n;
        }
        if (run > i) {
            fwrite(s + i, 1, run - i, out);
            i = run;
            continue;
        }
        unsigned char c = u[i++];
        if (c == '"' || c == '\\') {
            fputc('\\', out);
            fputc(c, out);
        } else if (c == '\n') {
            fputs("\\n", out);
        } else if (c == '\t') {
            fputs("\\t", out);
        } else if (c == '\r') {
            fputs("\\r", out);
        } else if (c < 0x20 || c == 0x7f) {
            fprintf(out, "\\u%04x", c);
        } else {
            fputs("\\ufffd", out); /* a byte of no well-formed sequence */
        }
    }
    fputc('"', out);
}

/* Writes v in decimal at p; returns the digits written. */
static size_t put_size(char *p, size_t v)
{
    char tmp[24];
    size_t n = 0;
    do
        tmp[n++] = (char)('0' + v % 10);
    while (v /= 10);
    for (size_t k = 0; k < n; k++)
        p[k] = tmp[n - 1 - k];
    return n;
}

void json_spans(FILE *out, const cari_span *v, size_t n)
{
    char buf[64];
    fputc('[', out);
    for (size_t i = 0; i < n; i++) {
        size_t k = 0;
        if (i)
            buf[k++] = ',';
        buf[k++] = '[';
        k += put_size(buf + k, v[i].start);
        buf[k++] = ',';
        k += put_size(buf + k, v[i].end);
        buf[k++] = ']';
        fwrite(buf, 1, k, out);
    }
    fputc(']', out);
}

/* Starts a JSON Lines object of `type` ("hit", "suggestion", "summary"),
 * with the qid in a batch, leaving it open for the line's other keys. */
void json_begin(FILE *out, const char *type, const char *qid)
{
    fprintf(out, "{\"type\":\"%s\"", type);
    if (qid) {
        fputs(",\"qid\":", out);
        json_string(out, qid, strlen(qid));
    }
}
