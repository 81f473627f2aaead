/* JSON Lines output of the searcher: strings and the start of a line. */
#ifndef CARI_SEARCHER_JSONOUT_H
#define CARI_SEARCHER_JSONOUT_H

#include "cari.h"

#include <stddef.h>
#include <stdio.h>

/* Writes s[0..len) as a JSON string.  Control characters are escaped and
 * invalid UTF-8 bytes become U+FFFD, so the output is always valid JSON. */
void json_string(FILE *out, const char *s, size_t len);

/* Writes spans v[0..n) as a JSON array of [start,end] pairs. */
void json_spans(FILE *out, const cari_span *v, size_t n);

/* Starts a JSON Lines object of `type` ("hit", "suggestion", "facet",
 * "summary"), with the qid in a batch, leaving it open for the line's
 * other keys. */
void json_begin(FILE *out, const char *type, const char *qid);

#endif
