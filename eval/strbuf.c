/* A growing string: see strbuf.h. */
#include "strbuf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

int eval_appendf(char **buf, size_t *len, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *b = n < 0 ? NULL : realloc(*buf, *len + (size_t)n + 1);
    if (!b)
        return -1;
    va_start(ap, fmt);
    vsnprintf(b + *len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    *buf = b;
    *len += (size_t)n;
    return 0;
}
