/* UTF-8 validation and repair for article text. */
#ifndef CARI_UTF8_H
#define CARI_UTF8_H

#include <stddef.h>

/* Called once for each line (1-based) that held invalid bytes. */
typedef void (*cari_badline_fn)(void *ctx, size_t line);

/* Checks `text` (`len` bytes).  If it is valid UTF-8 without NUL bytes,
 * returns NULL and sets *out_status to 0.  Otherwise returns a malloc'd,
 * NUL-terminated copy in which every invalid byte (and NUL) is replaced by
 * U+FFFD, stores its length in *out_len, calls `bad` for each affected
 * line, and sets *out_status to 0; the caller frees the copy.  When out of
 * memory returns NULL with *out_status = -1. */
char *cari_utf8_repair(const char *text, size_t len, size_t *out_len,
                       cari_badline_fn bad, void *ctx, int *out_status);

#endif
