/* JSON Lines output of the searcher: see jsonout.h. */
#include "jsonout.h"

#include <string.h>

/* Writes s[0..len) as a JSON string.  Control characters are escaped and
 * invalid UTF-8 bytes become U+FFFD, so the output is always valid JSON. */
void json_string(FILE *out, const char *s, size_t len)
{
    fputc('"', out);
    for (size_t i = 0; i < len; i++) {
        /* A run of printable ASCII other than '"' and '\\' goes out whole. */
        size_t run = i;
        while (run < len && (unsigned char)s[run] >= 0x20 && (unsigned char)s[run] < 0x7f &&
               s[run] != '"' && s[run] != '\\')
            run++;
        if (run > i) {
            fwrite(s + i, 1, run - i, out);
            i = run - 1;
            continue;
        }
        unsigned char c = (unsigned char)s[i];
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
        } else if (c < 0x80) {
            fputc(c, out);
        } else {
            /* Copy a well-formed multi-byte sequence; replace anything else. */
            size_t n = c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 && c < 0xE0 ? 2 : 0;
            if (c >= 0xF5)
                n = 0;
            size_t k = 1;
            while (n && k < n && i + k < len && ((unsigned char)s[i + k] & 0xC0) == 0x80)
                k++;
            if (n && k == n) {
                fwrite(s + i, 1, n, out);
                i += n - 1;
            } else {
                fputs("\\ufffd", out);
            }
        }
    }
    fputc('"', out);
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
