// Filters kept as document sets between searches (filters.cc): C++ inside
// the wrapper only, never included by C.
#ifndef XC_FILTERS_H
#define XC_FILTERS_H

#include <xapian.h>

#include <memory>

// The most document sets a reader handle keeps (a filter in one of its
// local databases each, a bit per document).
constexpr size_t XC_FILTER_CACHE_SETS = 64;

// What a reader handle keeps of the filters it searched with (filters.cc).
struct xc_filter_cache;

// A new, empty cache.  Throws bad_alloc.
std::shared_ptr<xc_filter_cache> xc_filter_cache_new();

// A query matching what `filter` matches, as a boolean filter of searches
// over local databases (a posting source of cari's own, which a remote
// server cannot run): the first search with a filter runs it as Xapian
// does; from the second on, each database's documents it matches are
// kept in `cache` as a bit set (made by one boolean match of the filter,
// again when the database moved to another revision), so that checking a
// candidate costs a bit test instead of a walk along posting lists.
// Throws what Xapian throws.
Xapian::Query xc_filter_cached(const std::shared_ptr<xc_filter_cache> &cache,
                               const Xapian::Query &filter);

#endif
