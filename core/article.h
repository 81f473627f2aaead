/* The article format, read as a stream: title and paragraphs. */
#ifndef CARI_ARTICLE_H
#define CARI_ARTICLE_H

#include <stddef.h>

/* Lines longer than this are cut at a space (or a character boundary) and
 * their pieces become separate paragraphs, so memory stays bounded. */
#define CARI_LINE_MAX (1024 * 1024)

/* Called with the title or a paragraph: text[0..len) without its line
 * end, and the 1-based line it starts on.  A non-zero return stops the
 * reader, which then returns that value. */
typedef int (*cari_line_fn)(void *ctx, const char *text, size_t len,
                            size_t line);

/* A streaming reader of the article format:
 *  - the first line is the title when the second line is empty (white
 *    space only); otherwise the article has no title and its first line is
 *    a paragraph;
 *  - every other non-empty line is a paragraph; "\r\n" ends lines too. */
typedef struct {
    int find_title;          /* look for a title (0: all lines paragraphs) */
    cari_line_fn on_title, on_paragraph;
    void *ctx;
    /* private */
    int state;               /* 0 first line, 1 first line pending, 2 body */
    char *buf;               /* the line being assembled */
    size_t len, cap;
    char *pending;           /* the first line, until the second is seen */
    size_t pending_len;
    size_t line;             /* number of the line being assembled */
    size_t line_start;       /* line where the buffered text starts */
    int cut;                 /* the current line was cut into pieces */
} cari_article_reader;

/* Prepares a reader.  Never fails. */
void cari_article_init(cari_article_reader *r, int find_title,
                       cari_line_fn on_title, cari_line_fn on_paragraph,
                       void *ctx);

/* Feeds the next `len` bytes of the article.  Returns 0, a callback's
 * non-zero value, or -1 when out of memory. */
int cari_article_feed(cari_article_reader *r, const char *data, size_t len);

/* Ends the article (a last line without a newline counts).  Returns as
 * cari_article_feed().  Frees the reader's buffers in every case. */
int cari_article_finish(cari_article_reader *r);

/* Frees the reader's buffers without finishing (after an error). */
void cari_article_discard(cari_article_reader *r);

/* Reads up to `cap` bytes into buf through `read` (cari.h), as many as it
 * gives before the end.  Returns the count, or -1 on a read error (errno
 * set by `read`). */
long cari_read_fill(long (*read)(void *ctx, char *buf, size_t cap), void *ctx, char *buf,
                    size_t cap);

/* A buffer in memory read as an article: the ctx of cari_read_memory(). */
typedef struct {
    const char *p;    /* what is left to read */
    size_t left;      /* its length in bytes */
} cari_memory_reader;

/* A cari_read_fn over a cari_memory_reader: copies up to cap bytes of
 * what is left.  Returns the count, 0 at the end; never fails. */
long cari_read_memory(void *ctx, char *buf, size_t cap);

#endif
