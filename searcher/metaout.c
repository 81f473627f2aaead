/* The searcher's article metadata: see metaout.h. */
#include "metaout.h"

#include "jsonout.h"
#include "safetext.h"

#include <stdlib.h>
#include <string.h>

int parse_when(const char *arg, int until, long long now, long long *out)
{
    long long span;
    if (cari_parse_span(arg, &span) == CARI_OK) {
        *out = now - span;
        return 0;
    }
    cari_meta m;
    if (cari_parse_date(arg, strlen(arg), &m))
        return -1;
    *out = m.date + (until && !m.date_has_time ? 86399 : 0);
    return 0;
}

/* Writes a list of strings as a JSON array. */
static void json_list(FILE *out, const char *const *items, size_t n)
{
    fputc('[', out);
    for (size_t i = 0; i < n; i++) {
        if (i)
            fputc(',', out);
        json_string(out, items[i], strlen(items[i]));
    }
    fputc(']', out);
}

/* Writes ,"key":value-or-null. */
static void json_key(FILE *out, const char *key, const char *value)
{
    fprintf(out, ",\"%s\":", key);
    if (value)
        json_string(out, value, strlen(value));
    else
        fputs("null", out);
}

void print_meta_json(FILE *out, const cari_hit *h)
{
    char date[40];
    cari_format_date(&h->meta, date, sizeof date);
    json_key(out, "date", h->meta.has_date ? date : NULL);
    json_key(out, "url", h->meta.url);
    json_key(out, "source", h->meta.source);
    fputs(",\"authors\":", out);
    json_list(out, h->meta.authors, h->meta.n_authors);
    fputs(",\"categories\":", out);
    json_list(out, h->meta.categories, h->meta.n_categories);
    json_key(out, "lang", h->meta.lang);
}

void print_meta_text(FILE *out, const cari_hit *h)
{
    if (h->meta.has_date) {
        char date[40];
        cari_format_date(&h->meta, date, sizeof date);
        /* "2025-01-12T14:30:00+07:00" -> "2025-01-12 14:30" */
        if (h->meta.date_has_time) {
            date[10] = ' ';
            date[16] = '\0';
        }
        fprintf(out, "  %s", date);
    }
    if (h->meta.source)
        cli_printf_safe(out, "%s%s", h->meta.has_date ? " · " : "  ", h->meta.source);
}

void print_facets(FILE *out, const cari_results *res, int json, const char *qid)
{
    int all;
    size_t counted = cari_results_facet_counted(res, &all);
    for (size_t k = 0; k < cari_results_facet_count(res); k++) {
        const cari_facet *f = cari_results_facet(res, k);
        if (json) {
            json_begin(out, "facet", qid);
            fprintf(out, ",\"name\":\"%s\",\"values\":[", f->name);
            for (size_t i = 0; i < f->n_values; i++) {
                fputs(i ? ",{\"value\":" : "{\"value\":", out);
                json_string(out, f->values[i].value, strlen(f->values[i].value));
                fprintf(out, ",\"count\":%zu}", f->values[i].count);
            }
            fprintf(out, "],\"passages_counted\":%zu,\"exact\":%s}\n", counted,
                    all ? "true" : "false");
            continue;
        }
        fprintf(out, "%s:", f->name);
        for (size_t i = 0; i < f->n_values; i++)
            cli_printf_safe(out, "%s %s (%zu)", i ? "," : "", f->values[i].value,
                            f->values[i].count);
        fputs(f->n_values ? "\n" : " -\n", out);
    }
    if (!json && cari_results_facet_count(res) && !all)
        fprintf(out, "(counted over %zu of about %zu matching passages)\n", counted,
                cari_results_total(res));
}
