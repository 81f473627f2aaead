/* The tokenizer (cari_tokenize() in cari.h); see tokenize.c. */
#ifndef CARI_TOKENIZE_H
#define CARI_TOKENIZE_H
#include "cari.h"
#endif
