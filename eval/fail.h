/* The one error path of cari-eval's modules. */
#ifndef CARI_EVAL_FAIL_H
#define CARI_EVAL_FAIL_H

/* Stores a malloc'd printf-style message in *err (NULL if out of memory;
 * the caller frees it) and returns -1. */
int eval_fail(char **err, const char *fmt, ...)
#ifdef __GNUC__
    __attribute__((format(printf, 2, 3)))
#endif
    ;

#endif
