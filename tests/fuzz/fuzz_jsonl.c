/* Fuzzes the JSON Lines reader of cari-indexer: any bytes as a --jsonl
 * file, read on its thread, with each line's result checked (lines in
 * order; a problem, or an article with a non-empty id and a text of its
 * stated length; an id given twice pointing back to an earlier line). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsonl.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!size)
        return 0;
    FILE *f = fmemopen((void *)data, size, "rb");
    if (!f)
        return 0;
    jsonl_reader *r = jsonl_open(f);
    if (!r) {
        fclose(f);
        return 0;
    }
    const jsonl_article *a;
    size_t last = 0;
    while ((a = jsonl_next(r))) {
        if (a->lineno <= last)
            abort();
        last = a->lineno;
        if (a->problem) {
            if (!*a->problem)
                abort();
            continue;
        }
        if (!a->id || !*a->id || !a->text || strlen(a->text) != a->text_len ||
            !a->meta)
            abort();
        for (size_t k = 0; k < a->n_warnings; k++)
            if (!memchr(a->warnings[k], '\0', sizeof a->warnings[k]))
                abort();
    }
    jsonl_close(r);
    fclose(f);
    return 0;
}
