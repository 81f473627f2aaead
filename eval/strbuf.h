/* A growing string for the evaluation programs (strbuf.c). */
#ifndef CARI_EVAL_STRBUF_H
#define CARI_EVAL_STRBUF_H

#include <stddef.h>

/* Appends printf-style text to the malloc'd string *buf, *len bytes so
 * far (NULL and 0 to start; the caller frees *buf).  Returns 0, or -1
 * when out of memory (*buf is then unchanged). */
int eval_appendf(char **buf, size_t *len, const char *fmt, ...)
#ifdef __GNUC__
    __attribute__((format(printf, 3, 4)))
#endif
    ;

#endif
