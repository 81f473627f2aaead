/* Saved web pages: an article's text and metadata out of its HTML. */
#ifndef CARI_HTML_H
#define CARI_HTML_H

#include "cari.h"
#include "meta.h"

#include <stddef.h>

/* Most bytes of text kept from one page (the rest is dropped with a
 * warning), so memory stays bounded whatever the page. */
#define CARI_HTML_TEXT_MAX (32u << 20)

/* What a page gave. */
typedef struct {
    cari_meta_fields meta;   /* title, date, url, source, authors,
                                categories, lang (what the page has) */
    char *text;              /* paragraphs separated by '\n' (malloc'd,
                                NUL-terminated; "" when none) */
    size_t len;
} cari_html_page;

/* Called with a problem of the page (a date not understood, text cut). */
typedef void (*cari_html_warn_fn)(void *ctx, const char *msg);

/* Reads a page through `read` with libxml2's HTML parser (as browsers do:
 * unclosed and stray tags are repaired; entities decoded; the encoding
 * from the page's declaration, except that a page whose first 64 KiB are
 * valid UTF-8 is read as UTF-8 whatever it declares, and an undeclared
 * page that is not UTF-8 as Windows-1252).
 *  - title: og:title, else JSON-LD headline, else <title>;
 *  - date: article:published_time, else JSON-LD datePublished, else a
 *    publish-date meta tag, else the first <time datetime>;
 *  - url: <link rel=canonical>, else og:url, else JSON-LD url;
 *  - source: og:site_name, else JSON-LD publisher name;
 *  - authors: meta author, JSON-LD author names; categories:
 *    article:section, JSON-LD articleSection; lang: <html lang>;
 *  - text: the text of the paragraphs (<p>, <h2>-<h4>, <li>, <pre>) of
 *    the page's <article> (or itemprop=articleBody, or <main>) when it has
 *    some, else of the whole page; never of <script>, <style>, <nav>,
 *    <header>, <footer>, <aside>, <form>, comments, nor of elements whose
 *    class or id marks them as boilerplate (comments, share buttons,
 *    related links, ads).  White space is collapsed.
 * Memory stays bounded (the text at CARI_HTML_TEXT_MAX, nesting costs
 * nothing per level).  Returns CARI_OK with *out filled (free with
 * cari_html_page_free()), CARI_IO when `read` fails (errno set), or
 * CARI_NOMEM. */
cari_status cari_html_extract(cari_read_fn read, void *ctx, cari_html_warn_fn warn,
                              void *warn_ctx, cari_html_page *out);

/* Frees what a page holds and zeroes it.  NULL is allowed. */
void cari_html_page_free(cari_html_page *page);

#endif
