/* The metadata keys of a JSON Lines article: see jsonmeta.h. */
#include "jsonmeta.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void jsonmeta_warn(jsonmeta *m, const char *fmt, ...)
{
    if (m->n_warnings >= JSONMETA_WARNINGS)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(m->warnings[m->n_warnings++], sizeof m->warnings[0], fmt, ap);
    va_end(ap);
}

static const char *type_name(const json_t *v)
{
    switch (json_typeof(v)) {
    case JSON_OBJECT: return "an object";
    case JSON_ARRAY: return "an array";
    case JSON_STRING: return "a string";
    case JSON_INTEGER:
    case JSON_REAL: return "a number";
    case JSON_TRUE:
    case JSON_FALSE: return "true or false";
    default: return "null";
    }
}

/* The string value of key `key`, NULL when absent or null; a value of
 * another type gets a warning. */
static const char *string_of(json_t *obj, const char *key, jsonmeta *m)
{
    json_t *v = json_object_get(obj, key);
    if (!v || json_is_null(v))
        return NULL;
    if (json_is_string(v))
        return json_string_value(v);
    jsonmeta_warn(m, "\"%s\" is %s, not a string: ignored", key, type_name(v));
    return NULL;
}

/* Reads a list field from its plural key (a string or an array of
 * strings) and its singular key (a string) into items. */
static size_t list_of(json_t *obj, const char *one, const char *many, const char **items,
                      jsonmeta *m)
{
    size_t n = 0;
    const char *single = string_of(obj, one, m);
    if (single)
        items[n++] = single;
    json_t *v = json_object_get(obj, many);
    if (!v || json_is_null(v))
        return n;
    if (json_is_string(v)) {
        if (n < JSONMETA_LIST_MAX)
            items[n++] = json_string_value(v);
        return n;
    }
    if (!json_is_array(v)) {
        jsonmeta_warn(m, "\"%s\" is %s, not a list of strings: ignored", many, type_name(v));
        return n;
    }
    size_t i;
    json_t *item;
    int bad = 0;
    json_array_foreach(v, i, item)
    {
        if (!json_is_string(item))
            bad = 1;
        else if (n < JSONMETA_LIST_MAX)
            items[n++] = json_string_value(item);
    }
    if (bad)
        jsonmeta_warn(m, "\"%s\" holds an item that is not a string: left out", many);
    if (json_array_size(v) + (single != NULL) > JSONMETA_LIST_MAX)
        jsonmeta_warn(m, "\"%s\" has more than %d items: the rest ignored", many,
                      JSONMETA_LIST_MAX);
    return n;
}

void jsonmeta_read(json_t *obj, jsonmeta *m)
{
    memset(&m->meta, 0, sizeof m->meta);
    json_t *date = json_object_get(obj, "date");
    if (date && json_is_number(date)) {
        jsonmeta_warn(m, "\"date\" is a number, not a date string (\"2025-01-12\"): ignored");
    } else {
        const char *d = string_of(obj, "date", m);
        if (d && cari_parse_date(d, strlen(d), &m->meta))
            jsonmeta_warn(m, "\"date\" \"%.60s\" is not a date (or out of range): ignored", d);
    }
    m->meta.url = string_of(obj, "url", m);
    m->meta.source = string_of(obj, "source", m);
    m->meta.lang = string_of(obj, "lang", m);
    m->meta.n_authors = list_of(obj, "author", "authors", m->authors, m);
    m->meta.authors = m->authors;
    m->meta.n_categories = list_of(obj, "category", "categories", m->categories, m);
    m->meta.categories = m->categories;
}
