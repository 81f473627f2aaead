/*
 * Saved web pages: see html.h.  libxml2's HTML parser runs in push mode
 * with SAX callbacks, so no tree is built: the page streams through in
 * chunks, and what is kept is a depth counter, a few marks ("skipping
 * since depth d", "in the article since depth a"), the metadata and the
 * paragraphs' text.
 */
#include "html.h"
#include "alloc.h"

#include "article.h"

#include <jansson.h>
#include <libxml/HTMLparser.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define CHUNK (64 * 1024)
#define SMALL_MAX 4096            /* a title, a meta value */
#define LDJSON_MAX (1u << 20)     /* one JSON-LD script */

/* A growing byte buffer that stops at `max` bytes (then `cut` is set). */
typedef struct {
    char *p;
    size_t len, cap, max;
    int cut;
} buf;

/* Appends s[0..n) (what fits under b->max).  Returns 0, -1 when out of
 * memory. */
static int buf_add(buf *b, const char *s, size_t n)
{
    if (b->len + n > b->max) {
        b->cut = 1;
        n = b->max - b->len;
    }
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (cap < b->len + n + 1)
            cap *= 2;
        char *p = cari_realloc(b->p, cap);
        if (!p)
            return -1;
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
    return 0;
}

/* The date candidates, best first. */
enum { D_PUBLISHED, D_LDJSON, D_META, D_TIME_ARTICLE, D_TIME, D_N };

typedef struct {
    cari_html_warn_fn warn;
    void *warn_ctx;
    int depth;
    int skip_depth;          /* > 0: in a left-out element entered there */
    int ldjson;              /* the left-out element is a JSON-LD script */
    int article_depth;       /* > 0: in the article element entered there */
    int para_depth;          /* > 0: in a paragraph entered there */
    int title_depth;         /* > 0: in <title> */
    buf title, para, inside, outside, ld;
    char *og_title, *og_url, *canonical, *site_name, *lang, *ld_title, *ld_url,
        *ld_source, *ld_lang;
    char *dates[D_N];
    int ld_seen;             /* an article object of JSON-LD was read */
    cari_meta_fields meta;   /* authors and categories as they come */
    int nomem;
} page;

/* Keeps a copy of s as *slot unless it holds one already. */
static void keep(page *pg, char **slot, const char *s)
{
    if (*slot || !s || !*s)
        return;
    if (!(*slot = cari_strndup(s, SMALL_MAX)))
        pg->nomem = 1;
}

static const char *attr(const xmlChar **atts, const char *name)
{
    for (size_t i = 0; atts && atts[i]; i += 2)
        if (!strcasecmp((const char *)atts[i], name))
            return atts[i + 1] ? (const char *)atts[i + 1] : "";
    return NULL;
}

static int is_one_of(const char *name, const char *const *list)
{
    for (; *list; list++)
        if (!strcmp(name, *list))
            return 1;
    return 0;
}

/* Whether a class or id names boilerplate: comments, sharing, related
 * links, ads, navigation. */
static int boilerplate(const char *v)
{
    static const char *const marks[] = {
        "comment", "komentar", "share", "social", "related", "terkait", "baca-juga",
        "bacajuga", "advert", "iklan", "ads-", "-ads", "banner", "sidebar", "newsletter",
        "breadcrumb", "footer", "navbar", "menu", "cookie", "popular", "terpopuler",
        NULL,
    };
    if (!v)
        return 0;
    for (size_t i = 0; marks[i]; i++)
        if (strcasestr(v, marks[i]))
            return 1;
    return 0;
}

/* Adds a list field's value (an author who is a URL is not a name). */
static void add_meta(page *pg, cari_field f, const char *v)
{
    if (!v || !*v || (f == CARI_FIELD_AUTHORS && !strncasecmp(v, "http", 4)))
        return;
    if (cari_meta_set(&pg->meta, f, v, strlen(v)) < 0)
        pg->nomem = 1;
}

static void on_meta(page *pg, const xmlChar **atts)
{
    const char *key = attr(atts, "property");
    if (!key)
        key = attr(atts, "name");
    if (!key)
        key = attr(atts, "itemprop");
    const char *v = attr(atts, "content");
    if (!key || !v)
        return;
    static const char *const date_names[] = {
        "pubdate", "publishdate", "publish-date", "publish_date", "date", "dc.date",
        "dcterms.date", "dc.date.issued", "content_publisheddate", "datepublished",
        "og:published_time", "parsely-pub-date", "sailthru.date", NULL,
    };
    char lower[64];
    size_t n = strlen(key);
    if (n >= sizeof lower)
        return;
    for (size_t i = 0; i <= n; i++)
        lower[i] = (char)(key[i] >= 'A' && key[i] <= 'Z' ? key[i] + 32 : key[i]);
    if (!strcmp(lower, "og:title"))
        keep(pg, &pg->og_title, v);
    else if (!strcmp(lower, "og:url"))
        keep(pg, &pg->og_url, v);
    else if (!strcmp(lower, "og:site_name"))
        keep(pg, &pg->site_name, v);
    else if (!strcmp(lower, "article:published_time"))
        keep(pg, &pg->dates[D_PUBLISHED], v);
    else if (is_one_of(lower, date_names))
        keep(pg, &pg->dates[D_META], v);
    else if (!strcmp(lower, "author") || !strcmp(lower, "article:author") ||
             !strcmp(lower, "dc.creator"))
        add_meta(pg, CARI_FIELD_AUTHORS, v);
    else if (!strcmp(lower, "article:section"))
        add_meta(pg, CARI_FIELD_CATEGORIES, v);
}

static void start_element(void *ctx, const xmlChar *xname, const xmlChar **atts)
{
    static const char *const left_out[] = {
        "script", "style", "noscript", "nav", "header", "footer", "aside", "form",
        "button", "select", "textarea", "iframe", "svg", "math", "template", "figure",
        "object", "embed", "canvas", "video", "audio", NULL,
    };
    static const char *const paragraphs[] = {"p", "h2", "h3", "h4", "h5", "h6", "li",
                                             "pre", "dd", NULL};
    page *pg = ctx;
    const char *name = (const char *)xname;
    pg->depth++;
    if (pg->skip_depth)
        return;
    if (!strcmp(name, "script")) {
        const char *type = attr(atts, "type");
        pg->ldjson = type && !strcasecmp(type, "application/ld+json");
        pg->ld.len = 0;
        pg->ld.cut = 0;
    }
    if (is_one_of(name, left_out) || boilerplate(attr(atts, "class")) ||
        boilerplate(attr(atts, "id"))) {
        /* <html> and <body> are never left out for their class. */
        if (strcmp(name, "html") && strcmp(name, "body")) {
            pg->skip_depth = pg->depth;
            return;
        }
    }
    if (!strcmp(name, "html")) {
        keep(pg, &pg->lang, attr(atts, "lang"));
    } else if (!strcmp(name, "title")) {
        if (!pg->title.len)
            pg->title_depth = pg->depth;
    } else if (!strcmp(name, "meta")) {
        on_meta(pg, atts);
    } else if (!strcmp(name, "link")) {
        const char *rel = attr(atts, "rel");
        if (rel && !strcasecmp(rel, "canonical"))
            keep(pg, &pg->canonical, attr(atts, "href"));
    } else if (!strcmp(name, "time")) {
        keep(pg, &pg->dates[pg->article_depth ? D_TIME_ARTICLE : D_TIME],
             attr(atts, "datetime"));
    } else if (!strcmp(name, "br")) {
        if (pg->para_depth && buf_add(&pg->para, " ", 1))
            pg->nomem = 1;
    }
    const char *itemprop = attr(atts, "itemprop");
    if (!pg->article_depth && (!strcmp(name, "article") || !strcmp(name, "main") ||
                               (itemprop && !strcasecmp(itemprop, "articleBody"))))
        pg->article_depth = pg->depth;
    if (!pg->para_depth && is_one_of(name, paragraphs))
        pg->para_depth = pg->depth;
}

/* Appends text to b with runs of white space collapsed to one space. */
static void add_text(page *pg, buf *b, const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        size_t j = i;
        while (j < n && !strchr(" \t\r\n\f", s[j]))
            j++;
        if (j > i && buf_add(b, s + i, j - i))
            pg->nomem = 1;
        if (j < n && b->len && b->p[b->len - 1] != ' ' && buf_add(b, " ", 1))
            pg->nomem = 1;
        while (j < n && strchr(" \t\r\n\f", s[j]))
            j++;
        i = j;
    }
}

static void characters(void *ctx, const xmlChar *ch, int len)
{
    page *pg = ctx;
    if (pg->skip_depth) {
        if (pg->ldjson && buf_add(&pg->ld, (const char *)ch, (size_t)len))
            pg->nomem = 1;
        return;
    }
    if (pg->title_depth)
        add_text(pg, &pg->title, (const char *)ch, (size_t)len);
    else if (pg->para_depth)
        add_text(pg, &pg->para, (const char *)ch, (size_t)len);
}

/* Moves the paragraph collected to the article's text or the page's. */
static void end_paragraph(page *pg)
{
    buf *p = &pg->para;
    size_t s = 0, n = p->len;
    while (s < n && p->p[s] == ' ')
        s++;
    while (n > s && p->p[n - 1] == ' ')
        n--;
    if (n > s) {
        buf *to = pg->article_depth ? &pg->inside : &pg->outside;
        if (pg->inside.len + pg->outside.len + (n - s) + 1 > CARI_HTML_TEXT_MAX)
            to->cut = 1;
        else if (buf_add(to, p->p + s, n - s) || buf_add(to, "\n", 1))
            pg->nomem = 1;
    }
    p->len = 0;
    p->cut = 0;
}

/* The string of a JSON-LD value: a string, or an object's "name". */
static const char *ld_string(json_t *v)
{
    if (json_is_object(v))
        v = json_object_get(v, "name");
    return json_is_string(v) ? json_string_value(v) : NULL;
}

/* Adds each name of a JSON-LD value (a string, an object, or an array of
 * them) to field f. */
static void ld_names(page *pg, cari_field f, json_t *v)
{
    if (json_is_array(v)) {
        size_t i;
        json_t *item;
        json_array_foreach(v, i, item) add_meta(pg, f, ld_string(item));
    } else {
        add_meta(pg, f, ld_string(v));
    }
}

/* Takes the fields of the first JSON-LD object that describes an article
 * (one with a datePublished or a headline), looking into arrays and
 * "@graph" down to a few levels. */
static void ld_visit(page *pg, json_t *v, int level)
{
    if (pg->ld_seen || level > 6)
        return;
    if (json_is_array(v)) {
        size_t i;
        json_t *item;
        json_array_foreach(v, i, item) ld_visit(pg, item, level + 1);
        return;
    }
    if (!json_is_object(v))
        return;
    json_t *graph = json_object_get(v, "@graph");
    if (graph)
        ld_visit(pg, graph, level + 1);
    json_t *date = json_object_get(v, "datePublished");
    json_t *headline = json_object_get(v, "headline");
    if (pg->ld_seen || (!json_is_string(date) && !json_is_string(headline)))
        return;
    pg->ld_seen = 1;
    keep(pg, &pg->dates[D_LDJSON], json_string_value(date));
    keep(pg, &pg->ld_title, json_string_value(headline));
    keep(pg, &pg->ld_url, json_string_value(json_object_get(v, "url")));
    keep(pg, &pg->ld_source, ld_string(json_object_get(v, "publisher")));
    keep(pg, &pg->ld_lang, json_string_value(json_object_get(v, "inLanguage")));
    ld_names(pg, CARI_FIELD_AUTHORS, json_object_get(v, "author"));
    ld_names(pg, CARI_FIELD_CATEGORIES, json_object_get(v, "articleSection"));
}

static void end_element(void *ctx, const xmlChar *name)
{
    page *pg = ctx;
    (void)name;
    if (pg->depth == pg->skip_depth) {
        pg->skip_depth = 0;
        if (pg->ldjson && pg->ld.len && !pg->ld.cut) {
            json_t *root = json_loadb(pg->ld.p, pg->ld.len, 0, NULL);
            ld_visit(pg, root, 0);
            json_decref(root);
        }
        pg->ldjson = 0;
    }
    if (pg->depth == pg->para_depth) {
        end_paragraph(pg);
        pg->para_depth = 0;
    }
    if (pg->depth == pg->title_depth)
        pg->title_depth = 0;
    if (pg->depth == pg->article_depth)
        pg->article_depth = 0;
    if (pg->depth > 0)
        pg->depth--;
}

/* Whether s[0..n) is valid UTF-8; a sequence cut by the end of the chunk
 * counts as valid unless `at_end`. */
static int valid_utf8(const unsigned char *s, size_t n, int at_end)
{
    size_t i = 0;
    while (i < n) {
        unsigned c = s[i];
        size_t k = c < 0x80 ? 0 : (c >> 5) == 6 ? 1 : (c >> 4) == 14 ? 2 : (c >> 3) == 30 ? 3 : 9;
        if (k == 9 || (k == 1 && c < 0xC2) || (k == 3 && c > 0xF4))
            return 0;
        for (size_t j = 1; j <= k; j++) {
            if (i + j >= n)
                return !at_end;
            if ((s[i + j] & 0xC0) != 0x80)
                return 0;
        }
        i += k + 1;
    }
    return 1;
}

/* Picks the fields of the page in their order of preference. */
static void settle(page *pg, cari_html_page *out)
{
    cari_meta_fields *m = &pg->meta;
    const char *title = pg->og_title ? pg->og_title : pg->ld_title ? pg->ld_title : pg->title.p;
    const char *url = pg->canonical ? pg->canonical : pg->og_url ? pg->og_url : pg->ld_url;
    const char *source = pg->site_name ? pg->site_name : pg->ld_source;
    const char *lang = pg->lang ? pg->lang : pg->ld_lang;
    if ((title && cari_meta_set(m, CARI_FIELD_TITLE, title, strlen(title)) < 0) ||
        (url && cari_meta_set(m, CARI_FIELD_URL, url, strlen(url)) < 0) ||
        (source && cari_meta_set(m, CARI_FIELD_SOURCE, source, strlen(source)) < 0) ||
        (lang && cari_meta_set(m, CARI_FIELD_LANG, lang, strlen(lang)) < 0))
        pg->nomem = 1;
    const char *first = NULL;
    for (int i = 0; i < D_N && !m->has_date; i++)
        if (pg->dates[i]) {
            if (!first)
                first = pg->dates[i];
            cari_meta_set_date(m, pg->dates[i], strlen(pg->dates[i]));
        }
    if (first && !m->has_date && pg->warn) {
        char msg[160];
        snprintf(msg, sizeof msg, "date \"%.60s\" is not a date, ignored", first);
        pg->warn(pg->warn_ctx, msg);
    }
    buf *text = pg->inside.len ? &pg->inside : &pg->outside;
    if (text->cut && pg->warn) {
        char msg[96];
        snprintf(msg, sizeof msg, "page text over %u MiB, the rest ignored",
                 CARI_HTML_TEXT_MAX >> 20);
        pg->warn(pg->warn_ctx, msg);
    }
    out->meta = *m;
    memset(m, 0, sizeof *m);
    if (text->len && text->p[text->len - 1] == '\n')
        text->p[--text->len] = '\0';
    out->text = text->p ? text->p : cari_strdup("");
    out->len = text->len;
    if (!out->text)
        pg->nomem = 1;
    text->p = NULL;
}

static void free_page(page *pg)
{
    free(pg->title.p);
    free(pg->para.p);
    free(pg->inside.p);
    free(pg->outside.p);
    free(pg->ld.p);
    free(pg->og_title);
    free(pg->og_url);
    free(pg->canonical);
    free(pg->site_name);
    free(pg->lang);
    free(pg->ld_title);
    free(pg->ld_url);
    free(pg->ld_source);
    free(pg->ld_lang);
    for (int i = 0; i < D_N; i++)
        free(pg->dates[i]);
    cari_meta_clear(&pg->meta);
}

cari_status cari_html_extract(cari_read_fn read, void *ctx, cari_html_warn_fn warn,
                              void *warn_ctx, cari_html_page *out)
{
    memset(out, 0, sizeof *out);
    page pg = {0};
    pg.warn = warn;
    pg.warn_ctx = warn_ctx;
    pg.title.max = pg.para.max = SMALL_MAX;
    pg.para.max = CARI_HTML_TEXT_MAX;
    pg.inside.max = pg.outside.max = CARI_HTML_TEXT_MAX;
    pg.ld.max = LDJSON_MAX;
    char *chunk = cari_malloc(CHUNK);
    if (!chunk)
        return CARI_NOMEM;
    long n = cari_read_fill(read, ctx, chunk, CHUNK);
    if (n < 0) {
        int e = errno;
        free(chunk);
        errno = e;
        return CARI_IO;
    }
    htmlSAXHandler sax;
    memset(&sax, 0, sizeof sax);
    sax.startElement = start_element;
    sax.endElement = end_element;
    sax.characters = characters;
    sax.cdataBlock = characters;
    /* UTF-8 when it looks like UTF-8, whatever the page declares (a wrong
     * declaration is the commonest encoding fault); else the declaration
     * or libxml2's fallback. */
    int utf8 = valid_utf8((const unsigned char *)chunk, (size_t)n, n < CHUNK);
    htmlParserCtxtPtr px = htmlCreatePushParserCtxt(
        &sax, &pg, NULL, 0, NULL, utf8 ? XML_CHAR_ENCODING_UTF8 : XML_CHAR_ENCODING_NONE);
    if (!px) {
        free(chunk);
        return CARI_NOMEM;
    }
    htmlCtxtUseOptions(px, HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                               HTML_PARSE_NONET | HTML_PARSE_COMPACT |
                               (utf8 ? HTML_PARSE_IGNORE_ENC : 0));
    cari_status st = CARI_OK;
    while (n > 0 && !pg.nomem) {
        htmlParseChunk(px, chunk, (int)n, 0);
        n = cari_read_fill(read, ctx, chunk, CHUNK);
    }
    int e = errno;
    if (n < 0)
        st = CARI_IO;
    else
        htmlParseChunk(px, NULL, 0, 1);
    htmlFreeParserCtxt(px);
    free(chunk);
    if (!st && !pg.nomem)
        settle(&pg, out);
    if (pg.nomem && !st)
        st = CARI_NOMEM;
    free_page(&pg);
    if (st) {
        cari_html_page_free(out);
        errno = e;
    }
    return st;
}

void cari_html_page_free(cari_html_page *page)
{
    if (!page)
        return;
    cari_meta_clear(&page->meta);
    free(page->text);
    memset(page, 0, sizeof *page);
}
