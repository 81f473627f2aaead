/* Escaping text for terminals and line-based formats (see safetext.h). */
#define _GNU_SOURCE
#include "safetext.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>

/* Decodes the UTF-8 character at s[0..len): its code point in *cp and its
 * length; 0 when s does not start with a well-formed character
 * (overlong forms, surrogates and truncated sequences included). */
static size_t utf8_char(const unsigned char *s, size_t len, uint32_t *cp)
{
    size_t n;
    uint32_t c, min;
    if (s[0] < 0x80) {
        *cp = s[0];
        return 1;
    }
    if ((s[0] & 0xe0) == 0xc0)
        n = 2, c = s[0] & 0x1f, min = 0x80;
    else if ((s[0] & 0xf0) == 0xe0)
        n = 3, c = s[0] & 0x0f, min = 0x800;
    else if ((s[0] & 0xf8) == 0xf0)
        n = 4, c = s[0] & 0x07, min = 0x10000;
    else
        return 0;
    if (len < n)
        return 0;
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xc0) != 0x80)
            return 0;
        c = c << 6 | (s[i] & 0x3f);
    }
    if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
        return 0;
    *cp = c;
    return n;
}

/* 1 when a terminal would obey code point c, or reorder the text around
 * it: C1 controls and the bidi embeddings, overrides and isolates. */
static int unsafe_wide(uint32_t c)
{
    return (c >= 0x80 && c <= 0x9f) || (c >= 0x202a && c <= 0x202e) ||
           (c >= 0x2066 && c <= 0x2069);
}

void cli_put_safe(FILE *out, const char *s, size_t len, cli_escape_mode mode)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0, plain = 0; /* p[plain..i) is safe and not yet written */
    while (i < len) {
        uint32_t c;
        size_t n = utf8_char(p + i, len - i, &c);
        int ws = n == 1 && (c == '\t' || c == '\n' || c == '\r');
        if (n && !(n == 1 && (c < 0x20 || c == 0x7f)) && !unsafe_wide(c) &&
            !(mode == CLI_ESCAPE_WORD && c == ' ') && !(mode == CLI_ESCAPE_FIELD && c == '\\')) {
            i += n;
            continue;
        }
        fwrite(p + plain, 1, i - plain, out);
        if (!n) {
            fprintf(out, "\\x%02x", p[i]);
            n = 1;
        } else if ((ws || c == ' ') && mode == CLI_ESCAPE_WORD) {
            fputc('_', out);
        } else if (ws && mode == CLI_ESCAPE_TSV) {
            fputc(' ', out);
        } else if (c == '\\') {
            fputs("\\\\", out);
        } else if (ws) {
            fputs(c == '\t' ? "\\t" : c == '\n' ? "\\n" : "\\r", out);
        } else if (n == 1) {
            fprintf(out, "\\x%02x", (unsigned)c);
        } else {
            fprintf(out, "\\u%04x", (unsigned)c);
        }
        i += n;
        plain = i;
    }
    fwrite(p + plain, 1, i - plain, out);
}

void cli_puts_safe(FILE *out, const char *s, cli_escape_mode mode)
{
    if (s) {
        size_t len = 0;
        while (s[len])
            len++;
        cli_put_safe(out, s, len, mode);
    }
}

int cli_printf_safe(FILE *out, const char *fmt, ...)
{
    char *msg;
    va_list ap;
    va_start(ap, fmt);
    int n = vasprintf(&msg, fmt, ap);
    va_end(ap);
    if (n < 0)
        return n;
    size_t len = (size_t)n, body = len && msg[len - 1] == '\n' ? len - 1 : len;
    cli_put_safe(out, msg, body, CLI_ESCAPE);
    if (body < len)
        fputc('\n', out);
    free(msg);
    return n;
}
