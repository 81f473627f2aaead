/* Front matter: metadata between two "---" lines at the top of a text
 * article, the convention of static-site generators:
 *
 *     ---
 *     date: Senin, 12 Jan 2025 14:30 WIB
 *     source: Kabar Lebakjati
 *     url: https://kabar.example/banjir
 *     authors: [Rina Wulandari, Agus Salim]
 *     categories: bencana, banjir
 *     ---
 *     Title
 *
 *     First paragraph...
 */
#ifndef CARI_FRONTMATTER_H
#define CARI_FRONTMATTER_H

#include "meta.h"

#include <stddef.h>

/* Front matter must close within this many bytes from the start. */
#define CARI_FRONTMATTER_MAX (64 * 1024)

/* Called with a problem at a 1-based line of the front matter. */
typedef void (*cari_fm_warn_fn)(void *ctx, size_t line, const char *msg);

/* Reads the front matter at the start of text[0..len) (the whole text, or
 * at least its first CARI_FRONTMATTER_MAX bytes) into m.  Keys are those
 * of cari_meta_field(); other keys are ignored, as are blank lines and
 * "#" comments.  Values may be quoted; list fields (authors, categories)
 * take "a, b", "[a, b]", or "- item" lines under the key.  A value that
 * cannot be used (a date not understood, a line without "key:") gets a
 * warning through `warn` and is left out.
 * Returns 1 and the offset of the article's first byte after the closing
 * "---" line in *out_body and the number of lines it took in *out_lines;
 * 0 when the text has no front matter (it does not start with a "---"
 * line, or that block never closes, which gets a warning: the text is
 * then read as it is); -1 when out of memory. */
int cari_frontmatter_read(const char *text, size_t len, cari_meta_fields *m,
                          cari_fm_warn_fn warn, void *ctx, size_t *out_body,
                          size_t *out_lines);

#endif
