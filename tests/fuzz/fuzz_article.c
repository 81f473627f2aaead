/* Fuzzes the article reader and passage splitter: any bytes as an article
 * file, with the passage ranges checked to lie inside each paragraph. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "article.h"
#include "passage.h"
#include "utf8.h"

static int on_passage(void *ctx, size_t start, size_t end, size_t words)
{
    size_t len = *(size_t *)ctx;
    if (start > end || end > len || words == 0 || words > 120)
        abort();
    return 0;
}

static int on_paragraph(void *ctx, const char *text, size_t len)
{
    (void)ctx;
    size_t l = len;
    return cari_split_passages(text, len, 120, on_passage, &l);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    int st;
    size_t len = size;
    char *fixed = cari_utf8_repair((const char *)data, size, &len, NULL, NULL, &st);
    const char *text = fixed ? fixed : (const char *)data;
    cari_article a;
    cari_parse_article(&a, text, len, 1);
    if (a.title && (a.title < text || a.title + a.title_len > text + len))
        abort();
    cari_each_paragraph(&a, on_paragraph, NULL);
    free(fixed);
    return 0;
}
