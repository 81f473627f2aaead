// Filters kept as document sets between searches: see filters.h.  Search
// engines keep the documents of filters they ran in memory (a "filter
// cache"): a filter term such as a year covers a seventh of an index, and
// checking each candidate against its posting list decodes the list on the
// way, which costs more than the filter saves.  Here, Xapian's own boolean
// match of the filter fills a bit set once, and a posting source of ours
// answers from it.
#include "filters.h"

#include <cstdint>
#include <list>
#include <string>
#include <unordered_map>
#include <vector>

// The documents one filter matches in one database.
struct xc_filter_set {
    std::string key;                // the filter, serialised
    std::string uuid;               // the database's
    Xapian::rev revision;           // ... revision when made
    std::vector<uint64_t> bits;     // bit d set: document d matches
    Xapian::doccount count = 0;     // documents set
};

struct xc_filter_cache {
    // Searches that used each filter (so that a filter used once costs
    // nothing more); forgotten all at once past XC_FILTER_CACHE_KEYS.
    std::unordered_map<std::string, unsigned> uses;
    // The sets, most recently used first.
    std::list<std::shared_ptr<const xc_filter_set>> sets;
};

namespace {

constexpr size_t XC_FILTER_CACHE_KEYS = 1024;

// A match spy setting the bit of each match.
class BitSpy : public Xapian::MatchSpy {
    xc_filter_set &set;

  public:
    explicit BitSpy(xc_filter_set &s) : set(s) {}
    void operator()(const Xapian::Document &doc, double) override
    {
        Xapian::docid d = doc.get_docid();
        uint64_t &word = set.bits[d / 64];
        uint64_t bit = uint64_t(1) << (d % 64);
        set.count += !(word & bit);
        word |= bit;
    }
};

// The set of `filter` (serialised as key) in db, from the cache or made
// by a boolean match visiting every match (and put first in the cache,
// dropping the least recently used beyond XC_FILTER_CACHE_SETS).  Throws
// what Xapian throws.
std::shared_ptr<const xc_filter_set> set_of(xc_filter_cache &cache, const std::string &key,
                                            const Xapian::Query &filter,
                                            const Xapian::Database &db)
{
    std::string uuid = db.get_uuid();
    Xapian::rev revision = db.get_revision();
    for (auto it = cache.sets.begin(); it != cache.sets.end(); ++it)
        if ((*it)->key == key && (*it)->uuid == uuid) {
            if ((*it)->revision != revision) {
                cache.sets.erase(it);
                break;
            }
            cache.sets.splice(cache.sets.begin(), cache.sets, it);
            return cache.sets.front();
        }
    auto set = std::make_shared<xc_filter_set>();
    set->key = key;
    set->uuid = uuid;
    set->revision = revision;
    set->bits.assign(db.get_lastdocid() / 64 + 1, 0);
    BitSpy spy(*set);
    Xapian::Enquire enquire(db);
    enquire.set_query(filter);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    enquire.add_matchspy(&spy);
    enquire.get_mset(0, 0, db.get_doccount());
    cache.sets.push_front(set);
    if (cache.sets.size() > XC_FILTER_CACHE_SETS)
        cache.sets.pop_back();
    return set;
}

// A posting source over a filter's set in each database it is used on:
// weight 0, every document of the set.
class CachedFilter : public Xapian::PostingSource {
    std::shared_ptr<xc_filter_cache> cache;
    Xapian::Query filter;
    std::string key;
    std::shared_ptr<const xc_filter_set> set;
    Xapian::docid did = 0;  // the current document (0: before the first)
    bool ended = false;

    // Moves to the first document of the set at or after d.
    void first_from(Xapian::docid d)
    {
        size_t w = d / 64;
        if (w >= set->bits.size()) {
            ended = true;
            return;
        }
        uint64_t word = set->bits[w] & (~uint64_t(0) << (d % 64));
        while (!word) {
            if (++w == set->bits.size()) {
                ended = true;
                return;
            }
            word = set->bits[w];
        }
        did = Xapian::docid(w * 64 + unsigned(__builtin_ctzll(word)));
    }

  public:
    CachedFilter(std::shared_ptr<xc_filter_cache> c, Xapian::Query f, std::string k)
        : cache(std::move(c)), filter(std::move(f)), key(std::move(k))
    {
    }

    PostingSource *clone() const override { return new CachedFilter(cache, filter, key); }

    void init(const Xapian::Database &db) override
    {
        set = set_of(*cache, key, filter, db);
        did = 0;
        ended = false;
        set_maxweight(0);
    }

    Xapian::doccount get_termfreq_min() const override { return set->count; }
    Xapian::doccount get_termfreq_est() const override { return set->count; }
    Xapian::doccount get_termfreq_max() const override { return set->count; }
    Xapian::docid get_docid() const override { return did; }
    bool at_end() const override { return ended; }

    void next(double) override { first_from(did + 1); }

    void skip_to(Xapian::docid d, double) override
    {
        if (d > did)
            first_from(d);
    }

    bool check(Xapian::docid d, double) override
    {
        if (d < did) /* not asked of a posting source: stay where it is */
            return true;
        did = d;
        size_t w = d / 64;
        return w < set->bits.size() && (set->bits[w] >> (d % 64) & 1);
    }

    std::string get_description() const override { return "cari cached filter"; }
};

} // namespace

std::shared_ptr<xc_filter_cache> xc_filter_cache_new()
{
    return std::make_shared<xc_filter_cache>();
}

Xapian::Query xc_filter_cached(const std::shared_ptr<xc_filter_cache> &cache,
                               const Xapian::Query &filter)
{
    std::string key = filter.serialise();
    if (cache->uses.size() >= XC_FILTER_CACHE_KEYS && !cache->uses.count(key))
        cache->uses.clear();
    if (++cache->uses[key] < 2)
        return filter;
    return Xapian::Query((new CachedFilter(cache, filter, key))->release());
}
