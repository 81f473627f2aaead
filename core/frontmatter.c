/* Front matter: see frontmatter.h. */
#include "frontmatter.h"

#include <stdio.h>
#include <string.h>

/* Whether line[0..len) is "---" (trailing white space allowed). */
static int is_fence(const char *line, size_t len)
{
    while (len && (line[len - 1] == ' ' || line[len - 1] == '\t' || line[len - 1] == '\r'))
        len--;
    return len == 3 && !memcmp(line, "---", 3);
}

/* Strips one pair of matching quotes around v[0..*len) (after trimming). */
static const char *unquote(const char *v, size_t *len)
{
    while (*len && (*v == ' ' || *v == '\t')) {
        v++;
        (*len)--;
    }
    while (*len && (v[*len - 1] == ' ' || v[*len - 1] == '\t' || v[*len - 1] == '\r'))
        (*len)--;
    if (*len >= 2 && (v[0] == '"' || v[0] == '\'') && v[*len - 1] == v[0]) {
        v++;
        *len -= 2;
    }
    return v;
}

/* Adds a list value: "[a, b]" or "a, b", each item unquoted.  Returns as
 * cari_meta_set() (1: some item dropped). */
static int add_list(cari_meta_fields *m, cari_field f, const char *v, size_t len)
{
    v = unquote(v, &len);
    if (len >= 2 && v[0] == '[' && v[len - 1] == ']') {
        v++;
        len -= 2;
    }
    int full = 0;
    while (len) {
        const char *comma = memchr(v, ',', len);
        size_t n = comma ? (size_t)(comma - v) : len;
        size_t il = n;
        const char *item = unquote(v, &il);
        int rc = cari_meta_set(m, f, item, il);
        if (rc < 0)
            return -1;
        full |= rc;
        v += comma ? n + 1 : n;
        len -= comma ? n + 1 : n;
    }
    return full;
}

/* Sets one field from the value of its line; warns about what it cannot
 * use.  Returns -1 when out of memory, else 0. */
static int set_value(cari_meta_fields *m, cari_field f, const char *key, size_t klen,
                     const char *v, size_t vlen, size_t line, cari_fm_warn_fn warn,
                     void *ctx)
{
    char msg[160];
    if (f == CARI_FIELD_AUTHORS || f == CARI_FIELD_CATEGORIES) {
        int rc = add_list(m, f, v, vlen);
        if (rc > 0 && warn) {
            snprintf(msg, sizeof msg, "more than %d %.*s, the rest ignored",
                     CARI_META_LIST_MAX, (int)klen, key);
            warn(ctx, line, msg);
        }
        return rc < 0 ? -1 : 0;
    }
    v = unquote(v, &vlen);
    if (f != CARI_FIELD_DATE)
        return cari_meta_set(m, f, v, vlen) < 0 ? -1 : 0;
    if (!vlen)
        return 0;
    int rc = cari_meta_set_date(m, v, vlen);
    if (rc && warn) {
        snprintf(msg, sizeof msg, "%.*s \"%.*s\" %s, ignored", (int)klen, key,
                 (int)(vlen > 60 ? 60 : vlen), v,
                 rc == CARI_DATE_RANGE ? "is out of range" : "is not a date");
        warn(ctx, line, msg);
    }
    return 0;
}

int cari_frontmatter_read(const char *text, size_t len, cari_meta_fields *m,
                          cari_fm_warn_fn warn, void *ctx, size_t *out_body,
                          size_t *out_lines)
{
    if (len > CARI_FRONTMATTER_MAX)
        len = CARI_FRONTMATTER_MAX;
    const char *nl = memchr(text, '\n', len);
    if (!nl || !is_fence(text, (size_t)(nl - text)))
        return 0;
    /* Find the closing fence first: without one, nothing is taken. */
    const char *p = nl + 1, *end = text + len, *close = NULL;
    size_t lines = 1;
    while (p < end) {
        const char *e = memchr(p, '\n', (size_t)(end - p));
        size_t n = e ? (size_t)(e - p) : (size_t)(end - p);
        lines++;
        if (is_fence(p, n) && (e || len < CARI_FRONTMATTER_MAX)) {
            close = p;
            break;
        }
        if (!e)
            break;
        p = e + 1;
    }
    if (!close) {
        if (warn)
            warn(ctx, 1, "front matter never ends (no closing \"---\" line), read as text");
        return 0;
    }
    cari_field list = CARI_FIELD_NONE; /* the list key "- item" lines extend */
    const char *list_key = NULL;
    size_t list_klen = 0, line = 1;
    for (p = nl + 1; p < close;) {
        const char *e = memchr(p, '\n', (size_t)(close - p));
        size_t n = (size_t)(e - p);
        line++;
        size_t i = 0;
        while (i < n && (p[i] == ' ' || p[i] == '\t'))
            i++;
        const char *colon = memchr(p, ':', n);
        if (i == n || p[i] == '#' || (i + 1 == n && p[i] == '\r')) {
            /* blank or comment */
        } else if (p[i] == '-' && (i + 1 == n || p[i + 1] == ' ')) {
            if (list != CARI_FIELD_NONE &&
                set_value(m, list, list_key, list_klen, p + i + 1, n - i - 1, line, warn, ctx))
                return -1;
        } else if (colon && i == 0) {
            size_t klen = (size_t)(colon - p);
            while (klen && (p[klen - 1] == ' ' || p[klen - 1] == '\t'))
                klen--;
            cari_field f = cari_meta_field(p, klen);
            list = f == CARI_FIELD_AUTHORS || f == CARI_FIELD_CATEGORIES ? f : CARI_FIELD_NONE;
            list_key = p;
            list_klen = klen;
            if (f != CARI_FIELD_NONE &&
                set_value(m, f, p, klen, colon + 1, n - (size_t)(colon - p) - 1, line, warn,
                          ctx))
                return -1;
        } else if (i == 0 && warn) {
            warn(ctx, line, "front matter line is not \"key: value\", ignored");
        }
        p = e + 1;
    }
    const char *body = memchr(close, '\n', (size_t)(end - close));
    *out_body = body ? (size_t)(body + 1 - text) : len;
    *out_lines = lines;
    return 1;
}
