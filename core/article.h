/* The article format: title and paragraphs of a text file. */
#ifndef CARI_ARTICLE_H
#define CARI_ARTICLE_H

#include <stddef.h>

typedef struct {
    const char *text;        /* the whole article */
    size_t len;
    const char *title;       /* points into text; NULL when none */
    size_t title_len;
    size_t body;             /* byte where the paragraphs start */
} cari_article;

/* Finds the title of `text` when `find_title` is set: the first line is
 * the title when the second line is empty (white space only); otherwise
 * the article has no title and its first line is a paragraph.  Never
 * fails; the result points into text. */
void cari_parse_article(cari_article *out, const char *text, size_t len,
                        int find_title);

/* Called for each paragraph: text[0..len) of one non-empty line, without
 * its line end.  A non-zero return stops the walk. */
typedef int (*cari_para_fn)(void *ctx, const char *text, size_t len);

/* Calls `fn` for every paragraph of the article in order.  Returns 0 or
 * the callback's non-zero value. */
int cari_each_paragraph(const cari_article *art, cari_para_fn fn, void *ctx);

#endif
