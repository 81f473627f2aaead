/* Folding text for answer matching. */
#ifndef EVAL_FOLD_H
#define EVAL_FOLD_H

#include <stddef.h>

/* Returns a copy of the UTF-8 text s[0..len) in NFKC case-folded form (as
 * the tokenizer folds words), with each run of white space made one space
 * and none at either end, so that "Jawa  Timur" in a passage matches the
 * answer "jawa timur".  Invalid UTF-8 is copied byte for byte, lower-cased
 * in ASCII only.  The caller frees the result; NULL when out of memory. */
char *eval_fold(const char *s, size_t len);

#endif
