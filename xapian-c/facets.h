// Counting facets for xc_rdb_search() (facets.cc): C++ inside the
// wrapper only, never included by C.  What the value slots hold is
// xc_search_opts's contract (xc.h).
#ifndef XC_FACETS_H
#define XC_FACETS_H

#include "xc.h"

#include <xapian.h>

#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

// What facets counted: for facet k, value -> articles, the values being
// views of keys, which never move.
struct xc_facet_tally {
    std::deque<std::string> keys;
    std::vector<std::unordered_map<std::string_view, size_t>> counts;
};

// The most runs (facet values) of one database that searches keep in
// memory: about 30 bytes each, and a value per field of each article.
constexpr Xapian::doccount XC_FACET_MEMORY_MAX = 4000000;

// One local database's facet values held in memory (facets.cc).
struct xc_facet_memory;

// What a reader handle keeps for facets between its searches: the number
// of searches that counted facets, and from the second one on each local
// database's facet values in memory (one per database of the handle).
struct xc_facet_memories {
    unsigned searches = 0;
    std::vector<std::shared_ptr<xc_facet_memory>> parts;
};

// Xapian's match spy counting facets by article (xc_search_opts), over
// the databases `local` (all of the handle's), one at a time: a match of
// a database of its own (Xapian gives a spy the document id within its
// database, not which one), after database() named it.  The first search of a
// handle reads the value streams on its way through the matches; later
// ones count from each database's values in memory (`memories`, made or
// remade at the second search and when a database moved to another
// revision, unless it has more than XC_FACET_MEMORY_MAX runs).  The
// constructor throws UnimplementedError when `n_databases` (the handle's)
// is not the number of local ones, and what Xapian throws.
class xc_facet_spy : public Xapian::MatchSpy {
  public:
    xc_facet_spy(const std::vector<Xapian::Database> &local, size_t n_databases,
                 xc_facet_memories *memories, const xc_search_opts *o);
    ~xc_facet_spy() override;
    void operator()(const Xapian::Document &doc, double wt) override;

    // The matches from now on are of local[k] (0 until called).
    void database(size_t k);

    // The matches seen so far.
    size_t seen() const;
    // The counts so far, handed over (the spy counts no more).
    std::unique_ptr<xc_facet_tally> take();

    struct impl;

  private:
    std::unique_ptr<impl> p;
};

// Shows spy the first `depth` matches of q in index order (all of them
// when fewer) and returns the upper bound of the number of matches.  A
// boolean match in one database stops as soon as it has seen `depth`
// matches (Xapian's matcher ends a forward boolean match there), and
// computes no weights.  Throws what Xapian throws.
Xapian::doccount xc_facet_pass(const Xapian::Database &db, const Xapian::Query &q,
                               Xapian::MatchSpy *spy, Xapian::doccount depth);

#endif
