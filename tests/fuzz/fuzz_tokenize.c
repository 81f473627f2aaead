/* Fuzzes the tokenizer: offsets stay inside the input, in order, and every
 * term is short and valid UTF-8. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cari.h"

static int check(void *ctx, const cari_token *t)
{
    size_t *state = ctx; /* [0] input length, [1] end of last token */
    if (t->start >= t->end || t->end > state[0] || t->start < state[1] ||
        t->term_len == 0 || t->term_len > 64)
        abort();
    state[1] = t->end;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size_t state[2] = {size, 0};
    cari_tokenize((const char *)data, size, check, state);
    return 0;
}
