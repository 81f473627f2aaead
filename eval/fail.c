/* The one error path of cari-eval's modules: see fail.h. */
#define _GNU_SOURCE
#include "fail.h"

#include <stdarg.h>
#include <stdio.h>

int eval_fail(char **err, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    if (vasprintf(err, fmt, ap) < 0)
        *err = NULL;
    va_end(ap);
    return -1;
}
