/* The article format, read as a stream: see article.h. */
#include "article.h"
#include "alloc.h"

#include <stdlib.h>
#include <string.h>

static int is_blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\f' && s[i] != '\v')
            return 0;
    return 1;
}

void cari_article_init(cari_article_reader *r, int find_title,
                       cari_line_fn on_title, cari_line_fn on_paragraph, void *ctx)
{
    memset(r, 0, sizeof *r);
    r->find_title = find_title;
    r->on_title = on_title;
    r->on_paragraph = on_paragraph;
    r->ctx = ctx;
    r->state = find_title ? 0 : 2;
    r->line = 1;
    r->line_start = 1;
}

void cari_article_discard(cari_article_reader *r)
{
    free(r->buf);
    free(r->pending);
    r->buf = r->pending = NULL;
    r->len = r->cap = r->pending_len = 0;
}

/* Trims white space around text[0..*len) in place; returns the start. */
static const char *trim(const char *text, size_t *len)
{
    while (*len && is_blank(text, 1))
        text++, (*len)--;
    while (*len && is_blank(text + *len - 1, 1))
        (*len)--;
    return text;
}

static int paragraph(cari_article_reader *r, const char *text, size_t len, size_t line)
{
    if (is_blank(text, len))
        return 0;
    return r->on_paragraph(r->ctx, text, len, line);
}

/* The pending first line turned out not to be a title. */
static int flush_pending(cari_article_reader *r)
{
    int rc = 0;
    if (r->state == 1)
        rc = paragraph(r, r->pending, r->pending_len, 1);
    free(r->pending);
    r->pending = NULL;
    r->state = 2;
    return rc;
}

/* Handles one whole line (without its end) starting at line `line`. */
static int whole_line(cari_article_reader *r, const char *text, size_t len, size_t line)
{
    if (len && text[len - 1] == '\r')
        len--;
    switch (r->state) {
    case 0:
        if (is_blank(text, len)) {
            r->state = 2;   /* a blank first line: no title */
            return 0;
        }
        r->pending = cari_malloc(len ? len : 1);
        if (!r->pending)
            return -1;
        memcpy(r->pending, text, len);
        r->pending_len = len;
        r->state = 1;
        return 0;
    case 1:
        if (is_blank(text, len)) {
            size_t tlen = r->pending_len;
            const char *t = trim(r->pending, &tlen);
            int rc = r->on_title(r->ctx, t, tlen, 1);
            free(r->pending);
            r->pending = NULL;
            r->state = 2;
            return rc;
        } else {
            int rc = flush_pending(r);
            return rc ? rc : paragraph(r, text, len, line);
        }
    default:
        return paragraph(r, text, len, line);
    }
}

/* The buffered line outgrew CARI_LINE_MAX: hands on its head, cut at the
 * last space (else at a character boundary), and keeps the rest. */
static int cut_line(cari_article_reader *r)
{
    size_t cut = r->len;
    while (cut > r->len / 2 && r->buf[cut - 1] != ' ' && r->buf[cut - 1] != '\t')
        cut--;
    if (cut <= r->len / 2) {
        /* No space: cut before the last character's first byte, so no
         * character is split (that one may go on in the next piece). */
        cut = r->len - 1;
        while (cut > 1 && ((unsigned char)r->buf[cut] & 0xC0) == 0x80)
            cut--;
    }
    int rc = 0;
    if (r->state != 2)
        rc = r->state == 1 ? flush_pending(r) : (r->state = 2, 0);
    if (!rc)
        rc = paragraph(r, r->buf, cut, r->line_start);
    memmove(r->buf, r->buf + cut, r->len - cut);
    r->len -= cut;
    r->cut = 1;
    return rc;
}

static int append(cari_article_reader *r, const char *data, size_t n)
{
    if (n == 0)
        return 0;
    if (r->len + n > r->cap) {
        size_t cap = r->cap ? r->cap : 4096;
        while (cap < r->len + n)
            cap *= 2;
        char *b = cari_realloc(r->buf, cap);
        if (!b)
            return -1;
        r->buf = b;
        r->cap = cap;
    }
    memcpy(r->buf + r->len, data, n);
    r->len += n;
    return 0;
}

int cari_article_feed(cari_article_reader *r, const char *data, size_t len)
{
    while (len) {
        const char *nl = memchr(data, '\n', len);
        size_t n = nl ? (size_t)(nl - data) : len;
        /* Take at most what keeps the buffer within CARI_LINE_MAX. */
        size_t room = CARI_LINE_MAX - r->len;
        size_t take = n < room ? n : room;
        int rc;
        if (append(r, data, take))
            return -1;
        data += take;
        len -= take;
        if (take < n || (!nl && r->len == CARI_LINE_MAX)) {
            if ((rc = cut_line(r)))
                return rc;
            continue;
        }
        if (!nl)
            return 0; /* the line goes on in the next piece */
        /* A whole line (or the last piece of a cut one). */
        rc = r->cut ? paragraph(r, r->buf, r->len, r->line_start)
                    : whole_line(r, r->buf, r->len, r->line);
        r->len = 0;
        r->cut = 0;
        r->line++;
        r->line_start = r->line;
        data++;
        len--;
        if (rc)
            return rc;
    }
    return 0;
}

int cari_article_finish(cari_article_reader *r)
{
    int rc = 0;
    if (r->len)
        rc = r->cut ? paragraph(r, r->buf, r->len, r->line_start)
                    : whole_line(r, r->buf, r->len, r->line);
    if (!rc && r->state == 1)
        rc = flush_pending(r); /* a single line: no title */
    cari_article_discard(r);
    return rc;
}

long cari_read_fill(long (*read)(void *ctx, char *buf, size_t cap), void *ctx, char *buf,
                    size_t cap)
{
    size_t got = 0;
    while (got < cap) {
        long n = read(ctx, buf + got, cap - got);
        if (n < 0)
            return -1;
        if (n == 0)
            break;
        got += (size_t)n;
    }
    return (long)got;
}

long cari_read_memory(void *ctx, char *buf, size_t cap)
{
    cari_memory_reader *m = ctx;
    size_t n = m->left < cap ? m->left : cap;
    memcpy(buf, m->p, n);
    m->p += n;
    m->left -= n;
    return (long)n;
}
