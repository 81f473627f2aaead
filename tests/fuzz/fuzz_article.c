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

static int on_line(void *ctx, const char *text, size_t len, size_t line)
{
    (void)ctx;
    if (line == 0)
        abort();
    size_t l = len;
    return cari_split_passages(text, len, 120, on_passage, &l);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    int st;
    size_t len = size;
    char *fixed = cari_utf8_repair((const char *)data, size, &len, NULL, NULL, &st);
    const char *text = fixed ? fixed : (const char *)data;
    /* Feed in uneven pieces, as a reader would. */
    cari_article_reader r;
    cari_article_init(&r, 1, on_line, on_line, NULL);
    size_t pos = 0, step = 1;
    int rc = 0;
    while (!rc && pos < len) {
        size_t n = len - pos < step ? len - pos : step;
        rc = cari_article_feed(&r, text + pos, n);
        pos += n;
        step = step * 3 + 1;
    }
    if (rc)
        cari_article_discard(&r);
    else
        cari_article_finish(&r);
    free(fixed);
    return 0;
}
