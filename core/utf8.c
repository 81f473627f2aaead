/* UTF-8 validation and repair: see utf8.h. */
#include "utf8.h"
#include "alloc.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* Length of the valid sequence at text[pos], or 0 if it is invalid or NUL. */
static size_t valid_at(const char *text, size_t len, size_t pos)
{
    unsigned char c = (unsigned char)text[pos];
    if (c && c < 0x80)
        return 1;
    if (!c)
        return 0;
    utf8proc_int32_t cp;
    utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)text + pos,
                                          (utf8proc_ssize_t)(len - pos), &cp);
    return n > 0 ? (size_t)n : 0;
}

char *cari_utf8_repair(const char *text, size_t len, size_t *out_len,
                       cari_badline_fn bad, void *ctx, int *out_status)
{
    *out_status = 0;
    size_t pos = 0;
    while (pos < len) {
        size_t n = valid_at(text, len, pos);
        if (!n)
            break;
        pos += n;
    }
    if (pos == len)
        return NULL;

    /* At worst every byte becomes three. */
    char *out = cari_malloc(3 * len + 1);
    if (!out) {
        *out_status = -1;
        return NULL;
    }
    memcpy(out, text, pos);
    size_t o = pos, line = 1, last_bad_line = 0;
    for (size_t i = 0; i < pos; i++)
        line += text[i] == '\n';
    while (pos < len) {
        size_t n = valid_at(text, len, pos);
        if (n) {
            memcpy(out + o, text + pos, n);
            o += n;
            if (text[pos] == '\n')
                line++;
            pos += n;
            continue;
        }
        memcpy(out + o, "\xEF\xBF\xBD", 3);
        o += 3;
        pos++;
        if (line != last_bad_line && bad)
            bad(ctx, line);
        last_bad_line = line;
    }
    out[o] = '\0';
    *out_len = o;
    return out;
}
