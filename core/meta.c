/* An article's metadata fields: see meta.h. */
#include "meta.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

cari_field cari_meta_field(const char *key, size_t len)
{
    static const struct {
        const char *name;
        cari_field f;
    } keys[] = {
        {"title", CARI_FIELD_TITLE},       {"judul", CARI_FIELD_TITLE},
        {"date", CARI_FIELD_DATE},         {"tanggal", CARI_FIELD_DATE},
        {"published", CARI_FIELD_DATE},    {"url", CARI_FIELD_URL},
        {"link", CARI_FIELD_URL},          {"tautan", CARI_FIELD_URL},
        {"source", CARI_FIELD_SOURCE},     {"sumber", CARI_FIELD_SOURCE},
        {"author", CARI_FIELD_AUTHORS},    {"authors", CARI_FIELD_AUTHORS},
        {"penulis", CARI_FIELD_AUTHORS},   {"category", CARI_FIELD_CATEGORIES},
        {"categories", CARI_FIELD_CATEGORIES}, {"kategori", CARI_FIELD_CATEGORIES},
        {"tags", CARI_FIELD_CATEGORIES},   {"lang", CARI_FIELD_LANG},
        {"language", CARI_FIELD_LANG},     {"bahasa", CARI_FIELD_LANG},
    };
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        if (strlen(keys[i].name) == len && !strncasecmp(keys[i].name, key, len))
            return keys[i].f;
    return CARI_FIELD_NONE;
}

/* value[0..len) without the white space around it, cut at
 * CARI_META_VALUE_MAX bytes (at a character boundary), as a malloc'd
 * string; "" gives NULL with *empty set.  NULL with *empty 0: no memory. */
static char *trimmed(const char *value, size_t len, int *empty)
{
    while (len && (*value == ' ' || *value == '\t' || *value == '\r' || *value == '\n')) {
        value++;
        len--;
    }
    while (len && (value[len - 1] == ' ' || value[len - 1] == '\t' ||
                   value[len - 1] == '\r' || value[len - 1] == '\n'))
        len--;
    *empty = len == 0;
    if (!len)
        return NULL;
    if (len > CARI_META_VALUE_MAX) {
        len = CARI_META_VALUE_MAX;
        while (len && ((unsigned char)value[len] & 0xC0) == 0x80)
            len--;
    }
    return strndup(value, len);
}

/* Adds v to a list (taking it), unless it is there already or the list is
 * full.  Returns as cari_meta_set(). */
static int add_item(char ***list, size_t *n, char *v)
{
    for (size_t i = 0; i < *n; i++)
        if (!strcmp((*list)[i], v)) {
            free(v);
            return 0;
        }
    if (*n >= CARI_META_LIST_MAX) {
        free(v);
        return 1;
    }
    char **grown = realloc(*list, (*n + 1) * sizeof **list);
    if (!grown) {
        free(v);
        return -1;
    }
    grown[(*n)++] = v;
    *list = grown;
    return 0;
}

int cari_meta_set(cari_meta_fields *m, cari_field f, const char *value, size_t len)
{
    int empty;
    char *v = trimmed(value, len, &empty);
    if (!v)
        return empty ? 0 : -1;
    char **single = f == CARI_FIELD_TITLE    ? &m->title
                    : f == CARI_FIELD_URL    ? &m->url
                    : f == CARI_FIELD_SOURCE ? &m->source
                    : f == CARI_FIELD_LANG   ? &m->lang
                                             : NULL;
    if (single) {
        free(*single);
        *single = v;
        return 0;
    }
    if (f == CARI_FIELD_AUTHORS)
        return add_item(&m->authors, &m->n_authors, v);
    if (f == CARI_FIELD_CATEGORIES)
        return add_item(&m->categories, &m->n_categories, v);
    free(v);
    return 0;
}

int cari_meta_set_date(cari_meta_fields *m, const char *value, size_t len)
{
    cari_date d;
    int rc = cari_date_parse(value, len, &d);
    if (!rc) {
        m->date = d;
        m->has_date = 1;
    }
    return rc;
}

static void free_list(char **list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(list[i]);
    free(list);
}

void cari_meta_clear(cari_meta_fields *m)
{
    if (!m)
        return;
    free(m->title);
    free(m->url);
    free(m->source);
    free(m->lang);
    free_list(m->authors, m->n_authors);
    free_list(m->categories, m->n_categories);
    memset(m, 0, sizeof *m);
}
