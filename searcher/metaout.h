/* The searcher's article metadata: --since/--until values, metadata on
 * each hit, facet counts. */
#ifndef CARI_SEARCHER_METAOUT_H
#define CARI_SEARCHER_METAOUT_H

#include "cari.h"

#include <stdio.h>

/* Reads the value of --since (until 0) or --until (until 1): a date
 * (cari_parse_date(); a day only means its start, or for --until its
 * end), or a span back from `now` (seconds since 1970; cari_parse_span()).
 * Returns 0 with the time in *out, -1 when it is neither. */
int parse_when(const char *arg, int until, long long now, long long *out);

/* Writes the metadata keys of a hit's JSON line: ,"date":...,"url":...,
 * "source":...,"authors":[...],"categories":[...],"lang":... (null or []
 * when the article has none). */
void print_meta_json(FILE *out, const cari_hit *h);

/* Writes "  DATE · SOURCE" for the result line of a hit (nothing when it
 * has neither); the date as written, to the minute, in its zone. */
void print_meta_text(FILE *out, const cari_hit *h);

/* Prints the facets of res: a JSON line each ({"type":"facet","name":...,
 * "values":[{"value":...,"count":N},...]}) with `json`, else a block per
 * facet ("source: Kabar Lebakjati 3, Warta Timur 1"), and a line saying
 * how many passages were counted when that was not every match.  The JSON
 * lines end with "passages_counted" and "exact".  `qid` as for
 * json_begin(). */
void print_facets(FILE *out, const cari_results *res, int json, const char *qid);

#endif
