/* Fuzzes the metadata readers: any bytes as a date, as front matter, and
 * as a saved web page, with what they return checked (a date formats and
 * reads back to the same instant; the body offset lies inside the text;
 * the page's text is no longer than its cap and holds no NUL). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "frontmatter.h"
#include "html.h"

typedef struct {
    const uint8_t *p;
    size_t left;
} mem;

static long read_mem(void *ctx, char *buf, size_t cap)
{
    mem *m = ctx;
    size_t n = m->left < cap ? m->left : cap;
    if (n > 7) /* uneven pieces, as files are read */
        n = n / 2 + 1;
    memcpy(buf, m->p, n);
    m->p += n;
    m->left -= n;
    return (long)n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    cari_date d, again;
    if (size < 256 && cari_date_parse((const char *)data, size, &d) == CARI_DATE_OK) {
        char iso[40];
        size_t n = cari_date_format(&d, iso, sizeof iso);
        if (cari_date_parse(iso, n, &again) || again.seconds != d.seconds)
            abort();
    }
    cari_meta_fields m = {0};
    size_t body = 0, lines = 0;
    int rc = cari_frontmatter_read((const char *)data, size, &m, NULL, NULL, &body, &lines);
    if (rc == 1 && (body > size || lines < 2))
        abort();
    cari_meta_clear(&m);
    mem r = {data, size};
    cari_html_page page;
    if (cari_html_extract(read_mem, &r, NULL, NULL, &page) == CARI_OK) {
        if (page.len > CARI_HTML_TEXT_MAX || strlen(page.text) != page.len)
            abort();
        cari_html_page_free(&page);
    }
    return 0;
}
