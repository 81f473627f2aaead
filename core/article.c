/* The article format: see article.h. */
#include "article.h"

#include <string.h>

static int is_blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\f' && s[i] != '\v')
            return 0;
    return 1;
}

/* Length of the line starting at text[pos] without its '\n' or "\r\n". */
static size_t line_len(const char *text, size_t len, size_t pos, size_t *next)
{
    const char *nl = memchr(text + pos, '\n', len - pos);
    size_t end = nl ? (size_t)(nl - text) : len;
    *next = nl ? end + 1 : len;
    if (end > pos && text[end - 1] == '\r')
        end--;
    return end - pos;
}

void cari_parse_article(cari_article *out, const char *text, size_t len,
                        int find_title)
{
    out->text = text;
    out->len = len;
    out->title = NULL;
    out->title_len = 0;
    out->body = 0;
    if (!find_title || !len)
        return;
    size_t second, third;
    size_t first_len = line_len(text, len, 0, &second);
    if (second >= len || is_blank(text, first_len))
        return; /* a single line, or a blank first line: no title */
    size_t second_len = line_len(text, len, second, &third);
    if (!is_blank(text + second, second_len))
        return;
    out->title = text;
    out->title_len = first_len;
    /* Trim the title's surrounding white space. */
    while (out->title_len && is_blank(out->title, 1))
        out->title++, out->title_len--;
    while (out->title_len && is_blank(out->title + out->title_len - 1, 1))
        out->title_len--;
    out->body = third;
}

int cari_each_paragraph(const cari_article *art, cari_para_fn fn, void *ctx)
{
    size_t pos = art->body;
    while (pos < art->len) {
        size_t next;
        size_t n = line_len(art->text, art->len, pos, &next);
        if (!is_blank(art->text + pos, n)) {
            int rc = fn(ctx, art->text + pos, n);
            if (rc)
                return rc;
        }
        pos = next;
    }
    return 0;
}
