// Counting facets by article for xc_rdb_search(): see facets.h and
// xc_search_opts in xc.h for what the value slots hold.
#include "facets.h"

#include <algorithm>
#include <deque>
#include <cstdint>
#include <cstdlib>
#include <unordered_set>
#include <utility>

namespace {

const uint32_t NO_ARTICLE = UINT32_MAX;

// Calls fn(field, value) for each value of each field of a facet value's
// fields: fields separated by sep, numbered from 0, each a list of values
// separated by '\n' (empty ones left out).  Stops when fn returns false;
// returns whether it never did.
template <typename F> bool each_value(std::string_view fields, char sep, F fn)
{
    for (unsigned field = 0;; field++) {
        std::string_view::size_type end = fields.find(sep);
        std::string_view list = fields.substr(0, end);
        while (!list.empty()) {
            std::string_view::size_type nl = list.find('\n');
            std::string_view one = list.substr(0, nl);
            if (!one.empty() && !fn(field, one))
                return false;
            if (nl == std::string_view::npos)
                break;
            list.remove_prefix(nl + 1);
        }
        if (end == std::string_view::npos)
            return true;
        fields.remove_prefix(end + 1);
    }
}

// The run start of a run slot entry: its document less the distance it
// holds.
Xapian::docid start_of(Xapian::docid did, const std::string &back)
{
    return did - Xapian::docid(std::strtoul(back.c_str(), nullptr, 10));
}

// One database's run starts read forward (xc_search_opts): a lead
// iterator over the run slot finds the last entry at or before a document
// (skipping to XC_RUN_STEP documents before it, where an entry of its run
// must be), which gives the run start; a lag one over the facet slot reads
// that start's value.  Both decode entries only on their way (Xapian's
// value streams), skip_to() without copying what it skips, and a run's
// value is copied once whatever the number of its passages that match.
struct RunReader {
    Xapian::Database db;
    Xapian::ValueIterator lead, lag;
    Xapian::docid at = 0;      // the last document looked up
    Xapian::docid run = 0;     // the run start of the last entry at or
                               // before it (0: none)
    Xapian::docid counted = 0; // the run start last counted

    // Positions the iterators at the streams' start.
    void restart(unsigned run_slot, unsigned slot)
    {
        lead = db.valuestream_begin(run_slot);
        lag = db.valuestream_begin(slot);
        at = run = counted = 0;
    }

    // Moves the lead iterator past `did`, keeping in `run` the run start
    // of the last entry at or before it.  Returns false when the entry of
    // did's run was skipped (an index without XC_RUN_STEP's promise).
    bool walk_to(Xapian::docid did)
    {
        bool lost = false;
        if (lead != Xapian::ValueIterator() && did > XC_RUN_STEP &&
            lead.get_docid() < did - XC_RUN_STEP + 1) {
            lead.skip_to(did - XC_RUN_STEP + 1);
            lost = true;
        }
        for (; lead != Xapian::ValueIterator() && lead.get_docid() <= did; ++lead) {
            run = start_of(lead.get_docid(), *lead);
            lost = false;
        }
        return !lost;
    }

    // The run start of `did` (0: none at or before it).  Documents are
    // asked for in id order; one before the last starts the streams again.
    Xapian::docid run_of(Xapian::docid did, unsigned run_slot, unsigned slot)
    {
        if (did < at)
            restart(run_slot, slot);
        at = did;
        if (!walk_to(did)) { /* walk every entry up to did instead */
            lead = db.valuestream_begin(run_slot);
            for (; lead != Xapian::ValueIterator() && lead.get_docid() <= did; ++lead)
                run = start_of(lead.get_docid(), *lead);
        }
        return run;
    }

    // The value of run start r (from run_of()).
    std::string value_of(Xapian::docid r)
    {
        lag.skip_to(r);
        return lag != Xapian::ValueIterator() && lag.get_docid() == r ? *lag : std::string();
    }
};

} // namespace

// One database's facet values in memory, read once from its value streams
// (in the manner of the "global ordinals" other engines keep per index
// reader): each run slot entry's article, and each article's values as
// numbers (field << 24 | ordinal) naming strings kept once per field.
struct xc_facet_memory {
    Xapian::rev revision = 0;           // the database's when read
    unsigned run_slot = 0, slot = 0;
    char sep = 0;
    std::vector<Xapian::docid> entry;   // the run slot's documents, in order
    std::vector<uint32_t> entry_article; // the article of each one's run
    std::vector<uint32_t> first;        // article a's values: values[first[a]
    std::vector<uint32_t> values;       //   .. first[a + 1])
    // field -> ordinal -> value (deques: a value never moves)
    std::deque<std::deque<std::string>> names;
    std::vector<uint32_t> mark;         // article -> the search last counting it
    uint32_t generation = 0;            // the search counting now
};

namespace {

// Reads db's facet values (xc_search_opts's slots) into memory.  Returns
// them, or nullptr when a field number or the values of a field do not fit
// the numbers.  Throws what Xapian throws (and bad_alloc).
std::shared_ptr<xc_facet_memory> read_memory(const Xapian::Database &db, unsigned run_slot,
                                             unsigned slot, char sep)
{
    auto m = std::make_shared<xc_facet_memory>();
    m->revision = db.get_revision();
    m->run_slot = run_slot;
    m->slot = slot;
    m->sep = sep;
    std::unordered_map<std::string, uint32_t> article_of;
    // Each field's values as views of m->names' strings, so that a value
    // seen before costs no copy.
    std::vector<std::unordered_map<std::string_view, uint32_t>> ordinal_of;
    std::vector<std::pair<Xapian::docid, uint32_t>> starts; // run start, article
    for (Xapian::ValueIterator it = db.valuestream_begin(slot); it != db.valuestream_end(slot);
         ++it) {
        std::string v = *it;
        std::string::size_type nul = v.find('\0');
        if (nul == std::string::npos)
            continue;
        auto got = article_of.emplace(v.substr(0, nul), uint32_t(article_of.size()));
        starts.emplace_back(it.get_docid(), got.first->second);
        if (!got.second)
            continue;
        m->first.push_back(uint32_t(m->values.size()));
        bool fits = each_value(std::string_view(v).substr(nul + 1), m->sep,
                               [&](unsigned field, std::string_view one) {
            if (field > 255)
                return false;
            if (field >= ordinal_of.size()) {
                ordinal_of.resize(field + 1);
                m->names.resize(field + 1);
            }
            auto &ordinals = ordinal_of[field];
            auto o = ordinals.find(one);
            if (o == ordinals.end()) {
                if (m->names[field].size() >= (1u << 24))
                    return false;
                uint32_t ordinal = uint32_t(m->names[field].size());
                const std::string &kept = m->names[field].emplace_back(one);
                o = ordinals.emplace(kept, ordinal).first;
            }
            m->values.push_back(uint32_t(field) << 24 | o->second);
            return true;
        });
        if (!fits)
            return nullptr;
    }
    m->first.push_back(uint32_t(m->values.size()));
    for (Xapian::ValueIterator it = db.valuestream_begin(run_slot);
         it != db.valuestream_end(run_slot); ++it) {
        Xapian::docid start = start_of(it.get_docid(), *it);
        auto s = std::lower_bound(starts.begin(), starts.end(),
                                  std::make_pair(start, uint32_t(0)));
        m->entry.push_back(it.get_docid());
        m->entry_article.push_back(s != starts.end() && s->first == start ? s->second
                                                                          : NO_ARTICLE);
    }
    m->mark.assign(article_of.size(), 0);
    return m;
}

} // namespace

struct xc_facet_spy::impl {
    unsigned run_slot, slot;
    char sep;
    std::vector<std::vector<size_t>> facets_of; // field -> its facets
    std::vector<unsigned> field_of;             // facet -> its field
    size_t seen = 0;                            // matches seen
    size_t part = 0;                            // the database matching
    std::unique_ptr<xc_facet_tally> tally;      // facet -> value -> articles

    // Streaming: the databases' value streams, the articles counted.
    std::vector<RunReader> readers;
    std::unordered_set<std::string_view> articles; // ids, views of keys

    // From memory: by database, its values, the index of the run slot
    // entry at or before the last match, that match, and for each facet
    // its counts by ordinal.
    std::vector<std::shared_ptr<xc_facet_memory>> memory;
    std::vector<size_t> cursor;
    std::vector<Xapian::docid> last;
    std::vector<std::vector<std::vector<uint32_t>>> counts;

    // Counts a match at `did` of database k, from its streams.
    void stream(size_t k, Xapian::docid did)
    {
        RunReader &part = readers[k];
        Xapian::docid run = part.run_of(did, run_slot, slot);
        if (!run || run == part.counted) /* none, or the run just counted */
            return;
        part.counted = run;
        std::string v = part.value_of(run);
        std::string::size_type nul = v.find('\0');
        if (nul == std::string::npos)
            return;
        std::string_view all(v);
        if (articles.find(all.substr(0, nul)) != articles.end())
            return;
        articles.insert(tally->keys.emplace_back(all.substr(0, nul)));
        each_value(all.substr(nul + 1), sep, [&](unsigned field, std::string_view one) {
            if (field < facets_of.size())
                for (size_t f : facets_of[field])
                    add(f, one, 1);
            return true;
        });
    }

    // Counts a match at `did` of database k, from its memory.
    void recall(size_t k, Xapian::docid did)
    {
        xc_facet_memory &m = *memory[k];
        if (did < last[k])
            cursor[k] = 0;
        last[k] = did;
        auto from = m.entry.begin() + cursor[k];
        auto after = std::upper_bound(from, m.entry.end(), did);
        if (after == m.entry.begin()) /* no run starts at or before did */
            return;
        size_t at = size_t(after - m.entry.begin()) - 1;
        cursor[k] = at;
        uint32_t a = m.entry_article[at];
        if (a == NO_ARTICLE || m.mark[a] == m.generation)
            return;
        m.mark[a] = m.generation;
        for (uint32_t i = m.first[a]; i < m.first[a + 1]; i++) {
            uint32_t field = m.values[i] >> 24;
            if (field < facets_of.size())
                for (size_t f : facets_of[field])
                    counts[k][f][m.values[i] & 0xffffff]++;
        }
    }

    // Adds n articles under `value` of facet f.
    void add(size_t f, std::string_view value, size_t n)
    {
        auto &c = tally->counts[f];
        auto it = c.find(value);
        if (it != c.end())
            it->second += n;
        else
            c.emplace(tally->keys.emplace_back(value), n);
    }
};

xc_facet_spy::xc_facet_spy(const std::vector<Xapian::Database> &local, size_t n_databases,
                           xc_facet_memories *memories, const xc_search_opts *o)
    : p(new impl)
{
    if (local.size() != n_databases)
        throw Xapian::UnimplementedError("facets count local databases only");
    p->run_slot = o->facet_run_slot;
    p->slot = o->facet_slot;
    p->sep = o->facet_sep;
    p->tally.reset(new xc_facet_tally);
    p->tally->counts.resize(o->n_facets);
    for (size_t f = 0; f < o->n_facets; f++) {
        if (o->facet_fields[f] >= p->facets_of.size())
            p->facets_of.resize(o->facet_fields[f] + 1);
        p->facets_of[o->facet_fields[f]].push_back(f);
        p->field_of.push_back(o->facet_fields[f]);
    }
    bool recall = ++memories->searches >= 2;
    if (recall) {
        memories->parts.resize(local.size());
        for (size_t k = 0; k < local.size() && recall; k++) {
            std::shared_ptr<xc_facet_memory> &m = memories->parts[k];
            if (!m || m->revision != local[k].get_revision() || m->run_slot != p->run_slot ||
                m->slot != p->slot || m->sep != p->sep)
                m = local[k].get_value_freq(p->slot) <= XC_FACET_MEMORY_MAX
                        ? read_memory(local[k], p->run_slot, p->slot, p->sep)
                        : nullptr;
            recall = m != nullptr;
        }
    }
    if (recall) {
        p->memory = memories->parts;
        p->cursor.assign(local.size(), 0);
        p->last.assign(local.size(), 0);
        p->counts.resize(local.size());
        for (size_t k = 0; k < local.size(); k++) {
            xc_facet_memory &m = *p->memory[k];
            if (++m.generation == 0) { /* marks of 2^32 searches ago */
                std::fill(m.mark.begin(), m.mark.end(), 0);
                m.generation = 1;
            }
            p->counts[k].resize(o->n_facets);
            for (size_t f = 0; f < o->n_facets; f++)
                p->counts[k][f].assign(
                    o->facet_fields[f] < m.names.size() ? m.names[o->facet_fields[f]].size() : 0,
                    0);
        }
        return;
    }
    for (const Xapian::Database &one : local) {
        p->readers.emplace_back();
        p->readers.back().db = one;
        p->readers.back().restart(p->run_slot, p->slot);
    }
}

xc_facet_spy::~xc_facet_spy() = default;

void xc_facet_spy::database(size_t k)
{
    p->part = k;
}

void xc_facet_spy::operator()(const Xapian::Document &doc, double)
{
    p->seen++;
    if (p->memory.empty())
        p->stream(p->part, doc.get_docid());
    else
        p->recall(p->part, doc.get_docid());
}

size_t xc_facet_spy::seen() const
{
    return p->seen;
}

std::unique_ptr<xc_facet_tally> xc_facet_spy::take()
{
    for (size_t k = 0; k < p->memory.size(); k++) {
        const xc_facet_memory &m = *p->memory[k];
        for (size_t f = 0; f < p->counts[k].size(); f++) {
            const std::vector<uint32_t> &c = p->counts[k][f];
            for (size_t ord = 0; ord < c.size(); ord++)
                if (c[ord])
                    p->add(f, m.names[p->field_of[f]][ord], c[ord]);
        }
        p->counts[k].clear();
    }
    std::unique_ptr<xc_facet_tally> t = std::move(p->tally);
    p->tally.reset(new xc_facet_tally);
    return t;
}

Xapian::doccount xc_facet_pass(const Xapian::Database &db, const Xapian::Query &q,
                               Xapian::MatchSpy *spy, Xapian::doccount depth)
{
    Xapian::Enquire enquire(db);
    enquire.set_query(q);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    enquire.add_matchspy(spy);
    return enquire.get_mset(0, 0, depth).get_uncollapsed_matches_upper_bound();
}
