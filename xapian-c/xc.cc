// The C wrapper over Xapian: see xc.h for the contract of each function.
//
// Every extern "C" function runs its body inside guard(), which turns any
// exception into an error (kind and message) in *errptr (Xapian::Error first, then
// std::exception, then anything else), so no C++ exception escapes.

#include "xc.h"
#include "facets.h"
#include "filters.h"

#include <xapian.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <fstream>
#include <memory>
#include <mutex>
#include <new>
#include <sstream>
#include <string>
#include <string_view>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include <exception>

#include <sys/stat.h>

struct xc_wdb {
    Xapian::WritableDatabase db;
    bool batch;   // no transaction (XC_BATCH)
};
struct xc_rdb {
    std::string path;
    Xapian::Database db;
    std::vector<Xapian::Database> local; // the local databases of db, to
                                         // reopen without a network trip
    xc_facet_memories facets;            // kept between searches
    std::shared_ptr<xc_filter_cache> filters = xc_filter_cache_new();
};
struct xc_doc {
    Xapian::Document doc;
};
struct xc_query {
    Xapian::Query q;
};

struct xc_mset {
    Xapian::MSet mset;
    std::vector<Xapian::Document> docs;   // one per item, loaded eagerly
    std::vector<std::string> data;        // document data, loaded eagerly
                                          // unless the search was lazy_data
    std::vector<char> loaded;             // data[i] is read
    std::deque<std::string> scratch;      // values handed out (a deque:
                                          // they never move)
    std::unique_ptr<xc_facet_tally> facets; // value -> articles, by facet
    std::vector<double> recent, age;      // each item's recency bonus, age
    std::vector<Xapian::doccount> at;     // each item's place in mset
                                          // (copies left out: n_copies)
    size_t facet_counted = 0;             // matches the facets counted
    bool facet_all = false;               // ... which were all of them
};

// A new error: see xc_err_new(); `remote` (the database that failed) may
// be empty.
extern "C" {
static xc_err *new_error(xc_err_kind kind, const char *msg, const char *remote);
}

namespace {

// Stores an error of `kind` with `msg` (and the remote database that
// failed, when known: "tcp://HOST:PORT") in *errptr, replacing an older
// one.  When the error itself cannot be allocated, stores the static
// out-of-memory error, so a failure is never lost.
void save_error(xc_err **errptr, xc_err_kind kind, const std::string &msg,
                const std::string &remote = std::string())
{
    if (!errptr)
        return;
    xc_err_free(*errptr);
    *errptr = new_error(kind, msg.c_str(), remote.c_str());
}

// The kind of a Xapian error.
xc_err_kind kind_of(const Xapian::Error &e)
{
    const std::string type = e.get_type();
    if (type == "DatabaseLockError")
        return XC_ERR_LOCK;
    if (type == "DatabaseNotFoundError" || type == "DatabaseOpeningError")
        return XC_ERR_NOTFOUND;
    if (type == "DatabaseCorruptError")
        return XC_ERR_CORRUPT;
    if (type == "DatabaseVersionError")
        return XC_ERR_VERSION;
    if (type == "QueryParserError" || type == "InvalidArgumentError")
        return XC_ERR_QUERY;
    if (type == "NetworkError" || type == "NetworkTimeoutError")
        return XC_ERR_NETWORK;
    if (type == "UnimplementedError")
        return XC_ERR_UNSUPPORTED;
    return XC_ERR_OTHER;
}

// Saves a Xapian error: its kind, and "Type: message" as its text.
void save_xapian_error(xc_err **errptr, const Xapian::Error &e)
{
    std::string msg = e.get_msg();
    if (msg.empty())
        msg = e.get_description();
    // A remote database's failure may name it: context "remote:tcp(HOST:PORT)".
    std::string remote, ctx = e.get_context();
    const std::string tcp = "remote:tcp(";
    if (ctx.size() > tcp.size() && !ctx.compare(0, tcp.size(), tcp) && ctx.back() == ')')
        remote = "tcp://" + ctx.substr(tcp.size(), ctx.size() - tcp.size() - 1);
    save_error(errptr, kind_of(e), e.get_type() + std::string(": ") + msg, remote);
}

// Runs `body`, translating every exception into *errptr.  Returns false
// when an exception was caught.
template <typename F> bool guard(xc_err **errptr, F body)
{
    try {
        body();
        return true;
    } catch (const Xapian::Error &e) {
        save_xapian_error(errptr, e);
    } catch (const std::bad_alloc &) {
        save_error(errptr, XC_ERR_NOMEM, "out of memory");
    } catch (const std::exception &e) {
        save_error(errptr, XC_ERR_OTHER, e.what());
    } catch (...) {
        save_error(errptr, XC_ERR_OTHER, "unknown C++ exception");
    }
    return false;
}

char *dup_string(const std::string &s, size_t *len)
{
    char *p = static_cast<char *>(std::malloc(s.size() + 1));
    if (!p)
        throw std::bad_alloc();
    std::memcpy(p, s.data(), s.size());
    p[s.size()] = '\0';
    if (len)
        *len = s.size();
    return p;
}

// Runs `body` on db, reopening and retrying (a few times) when a writer
// committed revisions the reader can no longer see.
template <typename F> bool with_retry(xc_rdb *db, xc_err **errptr, F body)
{
    for (int attempt = 0;; attempt++) {
        try {
            body();
            return true;
        } catch (const Xapian::DatabaseModifiedError &e) {
            if (attempt >= 5) {
                save_xapian_error(errptr, e);
                return false;
            }
            if (!guard(errptr, [&] { db->db.reopen(); }))
                return false;
        } catch (...) {
            // Let guard() translate the exception now in flight.
            std::exception_ptr ex = std::current_exception();
            return guard(errptr, [&] { std::rethrow_exception(ex); });
        }
    }
}

// The process-wide handler of failures Xapian cannot recover from (see
// xc_set_fatal_handler() in xc.h), and the terminate handler it replaced.
std::atomic<xc_fatal_fn> fatal_handler{nullptr};
std::terminate_handler previous_terminate = nullptr;

// Runs instead of std::terminate's default: names the exception in flight,
// if any, hands it to the fatal handler, then aborts as terminate would.
[[noreturn]] void on_terminate()
{
    std::string msg = "a failed write left Xapian unable to go on";
    if (std::exception_ptr ex = std::current_exception()) {
        try {
            std::rethrow_exception(ex);
        } catch (const Xapian::Error &e) {
            msg = e.get_description();
        } catch (const std::exception &e) {
            msg = e.what();
        } catch (...) {
            msg = "unknown C++ exception";
        }
    }
    xc_fatal_fn fn = fatal_handler.load();
    if (fn)
        fn(msg.c_str());
    else if (previous_terminate)
        previous_terminate();
    std::abort();
}

} // namespace

extern "C" {

void xc_set_fatal_handler(xc_fatal_fn fn)
{
    static std::once_flag installed;
    fatal_handler.store(fn);
    std::call_once(installed, [] { previous_terminate = std::set_terminate(on_terminate); });
}

#if defined(__SANITIZE_ADDRESS__)
// Sanitizer builds only: Xapian 1.4.22's Database::check() deletes one of
// its own table objects through a pointer of another size, inside
// libxapian (not our code), which AddressSanitizer reports as a
// new-delete-type-mismatch.  Every other check stays on.
__attribute__((visibility("default"))) const char *__asan_default_options(void);
const char *__asan_default_options(void) { return "new_delete_type_mismatch=0"; }
#endif

void xc_free(void *p) { std::free(p); }

struct xc_err {
    xc_err_kind kind;
    size_t remote;      // where the remote database's name starts in msg,
                        // after the message's NUL; 0: none
    char msg[1];        // NUL-terminated, allocated to its length (and the
                        // remote's)
};

// The error stored when memory for an error cannot be found.
static xc_err nomem_error = {XC_ERR_NOMEM, 0, ""};

static xc_err *new_error(xc_err_kind kind, const char *msg, const char *remote)
{
    size_t n = std::strlen(msg), r = std::strlen(remote);
    xc_err *e = static_cast<xc_err *>(std::malloc(sizeof *e + n + (r ? r + 1 : 0)));
    if (!e)
        return &nomem_error;
    e->kind = kind;
    std::memcpy(e->msg, msg, n + 1);
    e->remote = r ? n + 1 : 0;
    if (r)
        std::memcpy(e->msg + n + 1, remote, r + 1);
    return e;
}

xc_err *xc_err_new(xc_err_kind kind, const char *msg) { return new_error(kind, msg, ""); }

xc_err_kind xc_err_kind_of(const xc_err *e) { return e ? e->kind : XC_ERR_OTHER; }

const char *xc_err_msg(const xc_err *e)
{
    return !e ? "unknown error" : e == &nomem_error ? "out of memory" : e->msg;
}

const char *xc_err_remote(const xc_err *e)
{
    return e && e->remote ? e->msg + e->remote : NULL;
}

void xc_err_free(xc_err *e)
{
    if (e != &nomem_error)
        std::free(e);
}

const char *xc_version(void) { return Xapian::version_string(); }

/* ---- writing ---------------------------------------------------------- */

xc_wdb *xc_wdb_open(const char *path, int flags, xc_err **errptr)
{
    xc_wdb *w = nullptr;
    guard(errptr, [&] {
        int action = (flags & XC_CREATE) ? Xapian::DB_CREATE_OR_OPEN
                                         : Xapian::DB_OPEN;
        if (flags & XC_NO_SYNC)
            action |= Xapian::DB_NO_SYNC;
        std::unique_ptr<xc_wdb> opened(
            new xc_wdb{Xapian::WritableDatabase(path, action), (flags & XC_BATCH) != 0});
        // All changes stay in one transaction until xc_wdb_commit(), so
        // Xapian never flushes a partial batch that readers could see.
        if (!(flags & XC_BATCH))
            opened->db.begin_transaction(false);
        w = opened.release();
    });
    return w;
}

void xc_wdb_close(xc_wdb *db)
{
    if (!db)
        return;
    // Uncommitted changes live in the open transaction: cancelling it
    // discards them, so close() has nothing left to commit implicitly.
    // Each step is guarded on its own, so that a failed cancel (a full
    // disk) still closes and the destructor finds nothing left to write:
    // an exception out of a destructor would end the process.
    if (!db->batch)
        guard(nullptr, [&] { db->db.cancel_transaction(); });
    guard(nullptr, [&] { db->db.close(); });
    guard(nullptr, [&] { delete db; });
}

unsigned xc_wdb_replace(xc_wdb *db, const char *uid, const xc_doc *doc,
                        xc_err **errptr)
{
    unsigned id = 0;
    guard(errptr, [&] {
        if (uid)
            id = db->db.replace_document(uid, doc->doc);
        else
            id = db->db.add_document(doc->doc);
    });
    return id;
}

void xc_wdb_delete_term(xc_wdb *db, const char *term, xc_err **errptr)
{
    guard(errptr, [&] { db->db.delete_document(term); });
}

void xc_wdb_commit(xc_wdb *db, xc_err **errptr)
{
    guard(errptr, [&] {
        if (db->batch) {
            db->db.commit();
            return;
        }
        db->db.commit_transaction();
        db->db.commit();
        db->db.begin_transaction(false);
    });
}

void xc_wdb_set_metadata(xc_wdb *db, const char *key, const char *value,
                         size_t len, xc_err **errptr)
{
    guard(errptr, [&] { db->db.set_metadata(key, std::string(value, len)); });
}

char *xc_wdb_get_metadata(xc_wdb *db, const char *key, size_t *len,
                          xc_err **errptr)
{
    char *out = nullptr;
    guard(errptr, [&] {
        std::string v = db->db.get_metadata(key);
        if (!v.empty())
            out = dup_string(v, len);
    });
    return out;
}

unsigned xc_wdb_doccount(xc_wdb *db, xc_err **errptr)
{
    unsigned n = 0;
    guard(errptr, [&] { n = db->db.get_doccount(); });
    return n;
}

// Walks the metadata keys of any database starting with `prefix`.
static int metadata_each(const Xapian::Database &db, const char *prefix,
                         xc_meta_fn fn, void *ctx)
{
    for (Xapian::TermIterator it = db.metadata_keys_begin(prefix);
         it != db.metadata_keys_end(prefix); ++it) {
        const std::string key = *it;
        const std::string value = db.get_metadata(key);
        int rc = fn(ctx, key.data(), key.size(), value.data(), value.size());
        if (rc)
            return rc;
    }
    return 0;
}

int xc_wdb_metadata_each(xc_wdb *db, const char *prefix, xc_meta_fn fn,
                         void *ctx, xc_err **errptr)
{
    int rc = 0;
    guard(errptr, [&] { rc = metadata_each(db->db, prefix, fn, ctx); });
    return rc;
}

char *xc_wdb_term_data(xc_wdb *db, const char *term, size_t *len,
                       xc_err **errptr)
{
    char *out = nullptr;
    guard(errptr, [&] {
        Xapian::PostingIterator p = db->db.postlist_begin(term);
        if (p != db->db.postlist_end(term))
            out = dup_string(db->db.get_document(*p).get_data(), len);
    });
    return out;
}

/* ---- documents -------------------------------------------------------- */

xc_doc *xc_doc_new(xc_err **errptr)
{
    xc_doc *d = nullptr;
    guard(errptr, [&] { d = new xc_doc; });
    return d;
}

void xc_doc_free(xc_doc *doc) { guard(nullptr, [&] { delete doc; }); }

void xc_doc_add_posting(xc_doc *doc, const char *term, size_t len,
                        unsigned pos, unsigned wdf_inc, xc_err **errptr)
{
    guard(errptr, [&] {
        doc->doc.add_posting(std::string(term, len), pos, wdf_inc);
    });
}

void xc_doc_add_term(xc_doc *doc, const char *term, size_t len,
                     unsigned wdf_inc, xc_err **errptr)
{
    guard(errptr, [&] {
        if (wdf_inc)
            doc->doc.add_term(std::string(term, len), wdf_inc);
        else
            doc->doc.add_boolean_term(std::string(term, len));
    });
}

void xc_doc_set_data(xc_doc *doc, const char *data, size_t len, xc_err **errptr)
{
    guard(errptr, [&] { doc->doc.set_data(std::string(data, len)); });
}

void xc_doc_set_value(xc_doc *doc, unsigned slot, const char *data,
                      size_t len, xc_err **errptr)
{
    guard(errptr, [&] { doc->doc.add_value(slot, std::string(data, len)); });
}

/* ---- reading ---------------------------------------------------------- */

// Opens the remote database at "HOST:PORT" ("[HOST]:PORT" for IPv6),
// whose server must connect and answer each message within timeout_ms;
// `what` names it in errors.
static Xapian::Database open_tcp(const std::string &hostport, const std::string &what,
                                 unsigned timeout_ms)
{
    std::string::size_type colon = hostport.rfind(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 == hostport.size())
        throw Xapian::InvalidArgumentError("expected HOST:PORT in " + what);
    std::string host = hostport.substr(0, colon);
    if (host.size() > 2 && host.front() == '[' && host.back() == ']')
        host = host.substr(1, host.size() - 2);
    char *end;
    unsigned long port = std::strtoul(hostport.c_str() + colon + 1, &end, 10);
    if (*end || port == 0 || port > 65535)
        throw Xapian::InvalidArgumentError("bad port in " + what);
    return Xapian::Remote::open(host, (unsigned)port, timeout_ms, timeout_ms);
}

// 1 when `path` is a Xapian stub file: a regular file that is not a
// single-file glass database (whose first bytes are its magic).
static bool is_stub(const std::string &path)
{
    struct stat st;
    if (stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode))
        return false;
    static const char magic[] = "\x0f\x0dXapian Glass";
    char head[sizeof magic - 1] = {0};
    FILE *f = std::fopen(path.c_str(), "rb");
    if (!f)
        return false; // Xapian's open names the error
    size_t got = std::fread(head, 1, sizeof head, f);
    std::fclose(f);
    return got < sizeof head || std::memcmp(head, magic, sizeof head) != 0;
}

static void add_database(xc_rdb *db, const std::string &path, unsigned timeout_ms, int depth);

// Adds each database a stub file lists, as Xapian would open them (its
// line types auto, glass, chert, remote, inmemory), except that a remote
// one gets timeout_ms as a tcp:// one does.  Throws on a bad line,
// naming the file and line.
static void add_stub(xc_rdb *db, const std::string &stub, unsigned timeout_ms, int depth)
{
    std::ifstream in(stub);
    if (!in)
        throw Xapian::DatabaseOpeningError(stub + ": cannot read the stub file");
    std::string dir = stub.substr(0, stub.rfind('/') + 1);
    std::string line;
    for (unsigned n = 1; std::getline(in, line); n++) {
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        if (line.empty() || line[0] == '#')
            continue;
        std::string::size_type space = line.find(' ');
        std::string type = line.substr(0, space);
        std::string rest = space == std::string::npos ? std::string() : line.substr(space + 1);
        std::string where = stub + ":" + std::to_string(n);
        if (type == "auto" || type == "glass" || type == "chert") {
            if (rest.empty())
                throw Xapian::DatabaseOpeningError(where + ": no path after \"" + type + "\"");
            add_database(db, rest[0] == '/' ? rest : dir + rest, timeout_ms, depth + 1);
        } else if (type == "remote" && !rest.empty() && rest[0] == ':') {
            std::string::size_type sp = rest.find(' ');
            std::string prog = rest.substr(1, sp == std::string::npos ? sp : sp - 1);
            std::string args = sp == std::string::npos ? std::string() : rest.substr(sp + 1);
            db->db.add_database(Xapian::Remote::open(prog, args, timeout_ms));
        } else if (type == "remote") {
            db->db.add_database(open_tcp(rest, where, timeout_ms));
        } else if (type == "inmemory") {
            db->db.add_database(Xapian::Database(std::string(), Xapian::DB_BACKEND_INMEMORY));
        } else {
            throw Xapian::DatabaseOpeningError(where + ": unknown database type \"" + type + "\"");
        }
    }
}

// Adds one local database, stub file, or "tcp://HOST:PORT" remote one to
// db (a local one also to db->local); a remote server must connect and
// answer each message within timeout_ms.
static void add_database(xc_rdb *db, const std::string &path, unsigned timeout_ms, int depth)
{
    const std::string tcp = "tcp://";
    if (path.compare(0, tcp.size(), tcp) == 0) {
        db->db.add_database(open_tcp(path.substr(tcp.size()), path, timeout_ms));
        return;
    }
    if (is_stub(path)) {
        if (depth > 8)
            throw Xapian::DatabaseOpeningError(path + ": stub files nested too deep");
        add_stub(db, path, timeout_ms, depth);
        return;
    }
    Xapian::Database one(path);
    db->db.add_database(one);
    db->local.push_back(one);
}

xc_rdb *xc_rdb_open(const char *path, xc_err **errptr)
{
    return xc_rdb_open_many(&path, 1, XC_REMOTE_TIMEOUT_MS, errptr);
}

xc_rdb *xc_rdb_open_many(const char *const *paths, size_t n, unsigned remote_timeout_ms,
                         xc_err **errptr)
{
    xc_rdb *r = nullptr;
    guard(errptr, [&] {
        if (n == 0)
            throw Xapian::InvalidArgumentError("no database given");
        std::unique_ptr<xc_rdb> db(new xc_rdb{paths[0], Xapian::Database(), {}, {}, xc_filter_cache_new()});
        for (size_t i = 0; i < n; i++) {
            try {
                add_database(db.get(), paths[i], remote_timeout_ms, 0);
            } catch (const Xapian::NetworkError &e) {
                // Name the shard that did not answer: "tcp://H:P: Type: msg".
                save_error(errptr, XC_ERR_NETWORK,
                           std::string(paths[i]) + ": " + e.get_type() + ": " + e.get_msg());
                return;
            }
        }
        r = db.release();
    });
    return r;
}

int xc_rdb_reopen(xc_rdb *db, xc_err **errptr)
{
    // A Database added to another shares its internals: reopening each
    // local one moves db->db.  Remote ones stay (a server serves a copy).
    int moved = 0;
    for (Xapian::Database &one : db->local)
        if (!guard(errptr, [&] { moved |= one.reopen() ? 1 : 0; }))
            return -1;
    return moved;
}

void xc_rdb_close(xc_rdb *db)
{
    if (!db)
        return;
    guard(nullptr, [&] { db->db.close(); });
    guard(nullptr, [&] { delete db; });
}

char *xc_rdb_get_metadata(xc_rdb *db, const char *key, size_t *len,
                          xc_err **errptr)
{
    char *out = nullptr;
    with_retry(db, errptr, [&] {
        std::string v = db->db.get_metadata(key);
        if (!v.empty())
            out = dup_string(v, len);
    });
    return out;
}

int xc_rdb_metadata_each(xc_rdb *db, const char *prefix, xc_meta_fn fn,
                         void *ctx, xc_err **errptr)
{
    int rc = 0;
    with_retry(db, errptr, [&] { rc = metadata_each(db->db, prefix, fn, ctx); });
    return rc;
}

int xc_rdb_term_exists(xc_rdb *db, const char *term, xc_err **errptr)
{
    int yes = 0;
    with_retry(db, errptr, [&] { yes = db->db.term_exists(term); });
    return yes;
}

unsigned long long xc_rdb_term_count(xc_rdb *db, const char *prefix, xc_err **errptr)
{
    unsigned long long n = 0;
    with_retry(db, errptr, [&] {
        n = 0;
        for (Xapian::TermIterator it = db->db.allterms_begin(prefix);
             it != db->db.allterms_end(prefix); ++it)
            n++;
    });
    return n;
}

void xc_compact(const char *const *sources, size_t n, const char *dest,
                xc_err **errptr)
{
    guard(errptr, [&] {
        Xapian::Database all;
        for (size_t i = 0; i < n; i++)
            all.add_database(Xapian::Database(sources[i]));
        all.compact(dest, n > 3 ? Xapian::DBCOMPACT_MULTIPASS : 0);
    });
}

long xc_check(const char *path, char **out_report, xc_err **errptr)
{
    long errors = -1;
    *out_report = nullptr;
    guard(errptr, [&] {
        std::ostringstream report;
        errors = (long)Xapian::Database::check(path, 0, &report);
        *out_report = dup_string(report.str(), nullptr);
    });
    return errors;
}

unsigned xc_rdb_doccount(xc_rdb *db, xc_err **errptr)
{
    unsigned n = 0;
    with_retry(db, errptr, [&] { n = db->db.get_doccount(); });
    return n;
}

unsigned xc_rdb_termfreq(xc_rdb *db, const char *term, xc_err **errptr)
{
    unsigned n = 0;
    with_retry(db, errptr, [&] { n = db->db.get_termfreq(term); });
    return n;
}

int xc_rdb_value_bounds(xc_rdb *db, unsigned slot, double *lo, double *hi,
                        xc_err **errptr)
{
    int found = 0;
    with_retry(db, errptr, [&] {
        found = 0;
        if (!db->db.get_value_freq(slot))
            return;
        *lo = Xapian::sortable_unserialise(db->db.get_value_lower_bound(slot));
        *hi = Xapian::sortable_unserialise(db->db.get_value_upper_bound(slot));
        found = 1;
    });
    return found;
}

/* ---- queries ---------------------------------------------------------- */

xc_query *xc_query_term(const char *term, size_t len, xc_err **errptr)
{
    xc_query *q = nullptr;
    guard(errptr, [&] { q = new xc_query{Xapian::Query(std::string(term, len))}; });
    return q;
}

static Xapian::Query::op map_op(int op)
{
    switch (op) {
    case XC_OP_AND: return Xapian::Query::OP_AND;
    case XC_OP_OR: return Xapian::Query::OP_OR;
    case XC_OP_AND_NOT: return Xapian::Query::OP_AND_NOT;
    case XC_OP_AND_MAYBE: return Xapian::Query::OP_AND_MAYBE;
    case XC_OP_FILTER: return Xapian::Query::OP_FILTER;
    case XC_OP_PHRASE: return Xapian::Query::OP_PHRASE;
    case XC_OP_NEAR: return Xapian::Query::OP_NEAR;
    case XC_OP_SYNONYM: return Xapian::Query::OP_SYNONYM;
    }
    throw Xapian::InvalidArgumentError("unknown query operator");
}

xc_query *xc_query_combine(int op, xc_query *const *subs, size_t n,
                           unsigned window, xc_err **errptr)
{
    xc_query *q = nullptr;
    guard(errptr, [&] {
        std::vector<Xapian::Query> v;
        v.reserve(n);
        for (size_t i = 0; i < n; i++)
            v.push_back(subs[i]->q);
        q = new xc_query{Xapian::Query(map_op(op), v.begin(), v.end(), window)};
    });
    return q;
}

xc_query *xc_rdb_filter(xc_rdb *db, const xc_query *filter, xc_err **errptr)
{
    xc_query *q = nullptr;
    guard(errptr, [&] {
        bool local = !db->local.empty() && db->local.size() == db->db.size();
        q = new xc_query{local ? xc_filter_cached(db->filters, filter->q) : filter->q};
    });
    return q;
}

xc_query *xc_query_scale(const xc_query *sub, double factor, xc_err **errptr)
{
    xc_query *q = nullptr;
    guard(errptr, [&] {
        q = new xc_query{Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, sub->q, factor)};
    });
    return q;
}

xc_query *xc_query_wildcard(const char *prefix, size_t len,
                            unsigned max_expansion, xc_err **errptr)
{
    xc_query *q = nullptr;
    guard(errptr, [&] {
        q = new xc_query{Xapian::Query(Xapian::Query::OP_WILDCARD,
                                       std::string(prefix, len), max_expansion,
                                       Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT,
                                       Xapian::Query::OP_SYNONYM)};
    });
    return q;
}

xc_query *xc_query_value_range(unsigned slot, const char *lo, size_t lo_len,
                               const char *hi, size_t hi_len, xc_err **errptr)
{
    xc_query *q = nullptr;
    guard(errptr, [&] {
        if (lo && hi)
            q = new xc_query{Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot,
                                           std::string(lo, lo_len), std::string(hi, hi_len))};
        else if (lo)
            q = new xc_query{Xapian::Query(Xapian::Query::OP_VALUE_GE, slot,
                                           std::string(lo, lo_len))};
        else
            q = new xc_query{Xapian::Query(Xapian::Query::OP_VALUE_LE, slot,
                                           std::string(hi ? hi : "", hi ? hi_len : 0))};
    });
    return q;
}

size_t xc_sortable_serialise(double v, char *out)
{
    std::string s = Xapian::sortable_serialise(v);
    memcpy(out, s.data(), s.size());
    return s.size();
}

xc_query *xc_query_all(xc_err **errptr)
{
    xc_query *q = nullptr;
    guard(errptr, [&] { q = new xc_query{Xapian::Query::MatchAll}; });
    return q;
}

void xc_query_free(xc_query *q) { guard(nullptr, [&] { delete q; }); }

/* ---- searching -------------------------------------------------------- */

namespace {

// The recency bonus of a document whose time key is k (xc_search_opts):
// weight * 2^(-age / half_life), age = (now - k) steps, 0 for a key after
// now, nothing past XC_RECENT_HALF_LIVES half-lives.  Stores the age in
// seconds in *age.  The map and the explanation both call it, so they
// agree to the last bit.
double recency(const xc_search_opts *o, double weight, double k, double *age)
{
    double seconds = std::max(0.0, o->recent_now - k) * o->recent_unit;
    *age = seconds;
    if (seconds > XC_RECENT_HALF_LIVES * o->recent_half_life)
        return 0;
    return weight * std::exp2(-seconds / o->recent_half_life);
}

// The recency bonus as a query of Xapian's own serialisable classes (so
// that a stock xapian-tcpsrv runs it): a ValueMapPostingSource over the
// key slot mapping each key from the oldest still worth a bonus to now
// onto its bonus, OR-ed, when some key is after now, with the full bonus
// FILTERed to those keys.  It matches every document with a key; combined
// with the query by OP_AND_MAYBE it adds to the scores of matches and
// matches nothing of its own.  Its upper bound is the weight, so Xapian
// still prunes.  An empty query when no document has a key.
Xapian::Query recency_query(const Xapian::Database &db, const xc_search_opts *o,
                            double weight)
{
    unsigned slot = o->recent_slot;
    if (!db.get_value_freq(slot))
        return Xapian::Query();
    double lo = Xapian::sortable_unserialise(db.get_value_lower_bound(slot));
    double hi = Xapian::sortable_unserialise(db.get_value_upper_bound(slot));
    double span = std::floor(XC_RECENT_HALF_LIVES * o->recent_half_life / o->recent_unit);
    double age;
    std::unique_ptr<Xapian::ValueMapPostingSource> map(new Xapian::ValueMapPostingSource(slot));
    for (double k = std::max(lo, o->recent_now - span); k <= std::min(hi, o->recent_now); k++)
        map->add_mapping(Xapian::sortable_serialise(k), recency(o, weight, k, &age));
    Xapian::Query q(map.release()->release());
    if (hi > o->recent_now) {
        Xapian::Query later(Xapian::Query::OP_FILTER,
                            Xapian::Query((new Xapian::FixedWeightPostingSource(weight))->release()),
                            Xapian::Query(Xapian::Query::OP_VALUE_GE, slot,
                                          Xapian::sortable_serialise(o->recent_now + 1)));
        q = Xapian::Query(Xapian::Query::OP_OR, q, later);
    }
    return q;
}

} // namespace

xc_mset *xc_rdb_search(xc_rdb *db, const xc_query *q,
                       const xc_search_opts *opts, xc_err **errptr)
{
    xc_mset *m = nullptr;
    bool ok = with_retry(db, errptr, [&] {
        Xapian::Enquire enquire(db->db);
        enquire.set_query(q->q);
        enquire.set_weighting_scheme(
            Xapian::BM25Weight(opts->k1, 0, 1, opts->b, opts->min_normlen));
        double bonus = 0;
        if (opts->recent_half_life > 0) {
            // The bonus's scale: a share of the best score of a match.
            bonus = opts->recent_share * enquire.get_mset(0, 1).get_max_attained();
            Xapian::Query r = bonus > 0 ? recency_query(db->db, opts, bonus) : Xapian::Query();
            if (!r.empty())
                enquire.set_query(Xapian::Query(Xapian::Query::OP_AND_MAYBE, q->q, r));
        }
        // With copies, every copy of a match may come before the next
        // match: ask for n_copies times as many and drop the copies below.
        Xapian::doccount copies = opts->n_copies > 1 ? opts->n_copies : 1;
        Xapian::doccount per_key = opts->collapse_max ? opts->collapse_max : 1;
        Xapian::doccount first = opts->offset, count = opts->count;
        if (copies > 1) {
            first = 0;
            count = (opts->offset + opts->count) * copies;
            if (opts->count && count / copies != opts->offset + opts->count)
                count = Xapian::doccount(-1);
        }
        if (opts->collapse_slot >= 0)
            enquire.set_collapse_key(opts->collapse_slot, per_key * copies);
        // Equal scores in a stable order whatever the document ids: by the
        // tie-break value (the article id), then by document id, which
        // follows passage order within an article.
        if (opts->sort_by_value)
            enquire.set_sort_by_value_then_relevance(opts->sort_slot, true);
        else if (opts->tie_slot >= 0)
            enquire.set_sort_by_relevance_then_value(opts->tie_slot, false);
        std::unique_ptr<xc_facet_spy> spy;
        Xapian::doccount check = opts->check_at_least;
        // Facets are counted first, by a boolean match of their own over
        // each database (xc_facet_pass()): its first facet_depth matches in
        // index order, or all of them (facet_depth 0).  The ranked match
        // then prunes as it does without them, unless they saw every match:
        // then it visits them all too, so that its total is as exact as the
        // counts.  One database with facet_depth 0 counts in the ranked
        // match itself, which visits every match anyway (check_at_least).
        bool own_pass = opts->n_facets && (opts->facet_depth || db->db.size() > 1);
        Xapian::doccount upper = 0;
        if (opts->n_facets) {
            spy.reset(new xc_facet_spy(db->local, db->db.size(), &db->facets, opts));
            for (size_t k = 0; own_pass && k < db->local.size(); k++) {
                spy->database(k);
                Xapian::doccount depth = opts->facet_depth;
                upper += xc_facet_pass(db->local[k], q->q, spy.get(),
                                       depth ? depth : db->local[k].get_doccount());
            }
            if (!own_pass)
                enquire.add_matchspy(spy.get());
            if (!own_pass || spy->seen() >= upper)
                check = std::max<Xapian::doccount>(check, opts->facet_depth);
        }
        std::unique_ptr<xc_mset> res(new xc_mset);
        res->mset = enquire.get_mset(first, count, check);
        if (spy) {
            if (!own_pass)
                upper = res->mset.get_uncollapsed_matches_upper_bound();
            enquire.clear_matchspies();
            res->facets = spy->take();
            res->facet_counted = spy->seen();
            res->facet_all = spy->seen() >= upper;
        }
        std::unordered_set<std::string> seen;
        std::unordered_map<std::string, Xapian::doccount> kept;
        Xapian::doccount skip = copies > 1 ? opts->offset : 0, place = 0;
        for (Xapian::MSetIterator it = res->mset.begin(); it != res->mset.end();
             ++it, ++place) {
            Xapian::Document d = it.get_document();
            if (copies > 1) {
                std::string key = d.get_value(opts->same_slots[0]);
                key += '\0';
                key += d.get_value(opts->same_slots[1]);
                if (!seen.insert(key).second)
                    continue;
                if (opts->collapse_slot >= 0 &&
                    ++kept[d.get_value(opts->collapse_slot)] > per_key)
                    continue;
                if (skip) {
                    skip--;
                    continue;
                }
                if (res->docs.size() >= opts->count)
                    break;
            }
            res->at.push_back(place);
            res->data.push_back(opts->lazy_data ? std::string() : d.get_data());
            res->loaded.push_back(!opts->lazy_data);
            res->docs.push_back(d);
            std::string v = bonus > 0 ? d.get_value(opts->recent_slot) : std::string();
            double age = 0;
            res->recent.push_back(
                v.empty() ? 0 : recency(opts, bonus, Xapian::sortable_unserialise(v), &age));
            res->age.push_back(age);
        }
        delete m;
        m = res.release();
    });
    if (!ok) {
        delete m;
        return nullptr;
    }
    return m;
}

namespace {

// Accepts the terms of one prefix that are words: the prefix followed by
// a lower-case ASCII letter or a non-ASCII byte.
class WordDecider : public Xapian::ExpandDecider {
    std::string prefix;

  public:
    explicit WordDecider(const char *p) : prefix(p) {}
    bool operator()(const std::string &t) const override
    {
        if (t.size() <= prefix.size() || t.compare(0, prefix.size(), prefix) != 0)
            return false;
        unsigned char c = static_cast<unsigned char>(t[prefix.size()]);
        return (c >= 'a' && c <= 'z') || c >= 0x80;
    }
};

} // namespace

xc_query *xc_rdb_expand(xc_rdb *db, const xc_query *q, const xc_search_opts *opts,
                        unsigned n_terms, const char *prefix, double weight,
                        xc_err **errptr)
{
    xc_query *out = nullptr;
    bool ok = with_retry(db, errptr, [&] {
        Xapian::Enquire enquire(db->db);
        enquire.set_query(q->q);
        enquire.set_weighting_scheme(
            Xapian::BM25Weight(opts->k1, 0, 1, opts->b, opts->min_normlen));
        if (opts->collapse_slot >= 0)
            enquire.set_collapse_key(opts->collapse_slot,
                                     opts->collapse_max ? opts->collapse_max : 1);
        if (opts->tie_slot >= 0)
            enquire.set_sort_by_relevance_then_value(opts->tie_slot, false);
        Xapian::MSet top = enquire.get_mset(0, 1);
        std::vector<Xapian::Query> terms;
        if (!top.empty() && n_terms) {
            Xapian::RSet rset;
            rset.add_document(*top.begin());
            WordDecider decider(prefix);
            Xapian::ESet eset = enquire.get_eset(n_terms, rset, &decider);
            for (Xapian::ESetIterator it = eset.begin(); it != eset.end(); ++it)
                terms.push_back(Xapian::Query(*it));
        }
        Xapian::Query x = q->q;
        if (!terms.empty())
            x = Xapian::Query(Xapian::Query::OP_OR, x,
                              Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT,
                                            Xapian::Query(Xapian::Query::OP_OR, terms.begin(),
                                                          terms.end()),
                                            weight));
        delete out;
        out = new xc_query{x};
    });
    if (!ok) {
        delete out;
        return nullptr;
    }
    return out;
}

size_t xc_mset_size(const xc_mset *m) { return m->docs.size(); }
unsigned xc_mset_matches_lower(const xc_mset *m) { return m->mset.get_matches_lower_bound(); }
unsigned xc_mset_matches_estimated(const xc_mset *m) { return m->mset.get_matches_estimated(); }

double xc_mset_weight(const xc_mset *m, size_t i)
{
    double w = 0;
    guard(nullptr, [&] { w = m->mset[m->at.at(i)].get_weight(); });
    return w;
}

const char *xc_mset_data(xc_mset *m, size_t i, size_t *len, xc_err **errptr)
{
    if (i >= m->data.size()) {
        save_error(errptr, XC_ERR_OTHER, "result index out of range");
        return nullptr;
    }
    if (!m->loaded[i] && !guard(errptr, [&] {
            m->data[i] = m->docs[i].get_data();
            m->loaded[i] = 1;
        }))
        return nullptr;
    *len = m->data[i].size();
    return m->data[i].c_str();
}

const char *xc_mset_value(xc_mset *m, size_t i, unsigned slot, size_t *len,
                          xc_err **errptr)
{
    const char *out = nullptr;
    guard(errptr, [&] {
        if (i >= m->docs.size())
            throw Xapian::RangeError("result index out of range");
        m->scratch.push_back(m->docs[i].get_value(slot));
        *len = m->scratch.back().size();
        out = m->scratch.back().c_str();
    });
    return out;
}

unsigned xc_mset_wdf(xc_mset *m, size_t i, const char *term, xc_err **errptr)
{
    unsigned wdf = 0;
    guard(errptr, [&] {
        Xapian::TermIterator t = m->docs.at(i).termlist_begin();
        t.skip_to(term);
        if (t != m->docs.at(i).termlist_end() && *t == term)
            wdf = t.get_wdf();
    });
    return wdf;
}

int xc_mset_facet_each(const xc_mset *m, size_t k, xc_facet_fn fn, void *ctx)
{
    if (!m->facets || k >= m->facets->counts.size())
        return 0;
    for (const auto &v : m->facets->counts[k])
        if (int rc = fn(ctx, v.first.data(), v.first.size(), v.second))
            return rc;
    return 0;
}

double xc_mset_recent(const xc_mset *m, size_t i, double *out_age)
{
    if (out_age)
        *out_age = i < m->age.size() ? m->age[i] : 0;
    return i < m->recent.size() ? m->recent[i] : 0;
}

size_t xc_mset_facet_counted(const xc_mset *m, int *out_all)
{
    *out_all = m->facet_all;
    return m->facet_counted;
}

void xc_mset_free(xc_mset *m) { guard(nullptr, [&] { delete m; }); }

/* ---- spelling --------------------------------------------------------- */

void xc_wdb_add_spelling(xc_wdb *db, const char *word, size_t len,
                         unsigned freq, xc_err **errptr)
{
    guard(errptr, [&] { db->db.add_spelling(std::string(word, len), freq); });
}

char *xc_rdb_spelling(xc_rdb *db, const char *word, unsigned max_edit,
                      xc_err **errptr)
{
    char *out = nullptr;
    with_retry(db, errptr, [&] {
        std::string s = db->db.get_spelling_suggestion(word, max_edit);
        if (!s.empty() && s != word)
            out = dup_string(s, nullptr);
    });
    return out;
}

/* ---- explaining a score ----------------------------------------------- */

namespace {

// BM25 exactly as Xapian 1.4's BM25Weight computes it (k2 = 0, k3 = 1, no
// relevance set), recording each part it hands out.  Every leaf of the
// query gets its own clone; a clone initialised with factor 0 is the
// term-independent part, which BM25 without k2 does not have.
class ExplainWeight : public Xapian::Weight {
    double k1, b, min_normlen;
    std::shared_ptr<std::vector<xc_explain_part>> log;
    double factor = 0, idf = 0, termweight = 0, len_factor = 0;

    void init(double f) override
    {
        factor = f;
        if (f == 0)
            return;
        double n = get_termfreq();
        double r = (get_collection_size() - n + 0.5) / (n + 0.5);
        if (r < 2)
            r = r * 0.5 + 1;
        idf = std::log(r);
        double wqf = get_wqf();
        termweight = idf * f * 2.0 * wqf / (1.0 + wqf) * (k1 + 1);
        double av = get_average_length();
        len_factor = (b == 0 || k1 == 0 || av == 0) ? 0 : 1 / av;
    }

  public:
    ExplainWeight(double k1_, double b_, double mn,
                  std::shared_ptr<std::vector<xc_explain_part>> l)
        : k1(k1_), b(b_), min_normlen(mn), log(std::move(l))
    {
        need_stat(COLLECTION_SIZE);
        need_stat(TERMFREQ);
        need_stat(WDF);
        need_stat(WDF_MAX);
        need_stat(WQF);
        need_stat(DOC_LENGTH);
        need_stat(AVERAGE_LENGTH);
    }
    Xapian::Weight *clone() const override
    {
        return new ExplainWeight(k1, b, min_normlen, log);
    }
    double get_sumpart(Xapian::termcount wdf, Xapian::termcount len,
                       Xapian::termcount) const override
    {
        if (factor == 0)
            return 0;
        double normlen = std::max(len * len_factor, min_normlen);
        double denom = k1 * (normlen * b + (1 - b)) + wdf;
        double w = denom > 0 ? termweight * (wdf / denom) : 0;
        log->push_back({double(wdf), double(get_termfreq()), idf, double(len),
                        get_average_length(), factor, w});
        return w;
    }
    double get_maxpart() const override { return termweight; }
    double get_sumextra(Xapian::termcount, Xapian::termcount) const override
    {
        return 0;
    }
    double get_maxextra() const override { return 0; }
};

} // namespace

namespace {

// Whether the parts v[keep] add up to `w`.
bool sums_to(const std::vector<xc_explain_part> &v, const std::vector<bool> &keep, double w)
{
    double sum = 0;
    for (size_t i = 0; i < v.size(); i++)
        if (keep[i])
            sum += v[i].contribution;
    return std::fabs(sum - w) <= 1e-9 * std::max(1.0, std::fabs(w));
}

// Picks, among the logged parts, those of the document's weight `w`.
// Xapian 1.4 weighs a phrase's terms before it checks their positions, and
// may weigh a subquery positioned on a later document, so the log can
// hold parts that never reached the score: first drop those of another
// length, then (when the rest still exceeds w) the fewest runs of
// consecutive parts (a phrase's terms are logged together) that make the
// sum exact.  Returns false when no such choice exists.
bool pick_parts(std::vector<xc_explain_part> &v, double doclen, double w)
{
    std::vector<xc_explain_part> same;
    for (const auto &x : v)
        if (x.doclen == doclen)
            same.push_back(x);
    v.swap(same);
    size_t n = v.size();
    std::vector<bool> keep(n, true);
    if (sums_to(v, keep, w))
        return true;
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j <= n; j++) {
            std::fill(keep.begin(), keep.end(), true);
            std::fill(keep.begin() + i, keep.begin() + j, false);
            if (sums_to(v, keep, w))
                goto found;
            for (size_t k = j; k < n; k++)
                for (size_t l = k + 1; l <= n; l++) {
                    std::vector<bool> k2(keep);
                    std::fill(k2.begin() + k, k2.begin() + l, false);
                    if (sums_to(v, k2, w)) {
                        keep.swap(k2);
                        goto found;
                    }
                }
        }
    return false;
found:
    std::vector<xc_explain_part> kept;
    for (size_t i = 0; i < n; i++)
        if (keep[i])
            kept.push_back(v[i]);
    v.swap(kept);
    return true;
}

// Takes the parts logged while Xapian weighed one document (`target`):
// the matcher weighs each candidate, then asks the decider about it.
class SliceDecider : public Xapian::MatchDecider {
    Xapian::docid target;
    std::shared_ptr<std::vector<xc_explain_part>> log;
    mutable size_t last = 0;

  public:
    mutable std::vector<xc_explain_part> slice;
    SliceDecider(Xapian::docid t, std::shared_ptr<std::vector<xc_explain_part>> l)
        : target(t), log(std::move(l)) {}
    bool operator()(const Xapian::Document &doc) const override
    {
        if (doc.get_docid() == target)
            slice.assign(log->begin() + last, log->end());
        last = log->size();
        return false;
    }
};

} // namespace

size_t xc_rdb_explain(xc_rdb *db, const xc_query *q, const char *filter,
                      const xc_search_opts *opts, double score,
                      xc_explain_part **out, xc_err **errptr)
{
    *out = nullptr;
    size_t n = 0;
    with_retry(db, errptr, [&] {
        auto log = std::make_shared<std::vector<xc_explain_part>>();
        Xapian::Enquire enquire(db->db);
        enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, q->q,
                                        Xapian::Query(filter)));
        enquire.set_weighting_scheme(
            ExplainWeight(opts->k1, opts->b, opts->min_normlen, log));
        Xapian::MSet m = enquire.get_mset(0, 10);
        xc_free(*out);
        *out = nullptr;
        n = 0;
        if (m.empty() || log->empty())
            return;
        Xapian::docid target = *m.begin();
        double doclen = db->db.get_doclength(target);
        std::vector<xc_explain_part> parts(*log);
        if (!pick_parts(parts, doclen, score)) {
            // The search counted something the filtered run did not (see
            // xc.h): weigh the query in its own shape, over every
            // document, and take what was logged for this one.
            log->clear();
            SliceDecider decider(target, log);
            Xapian::Enquire whole(db->db);
            whole.set_query(q->q);
            whole.set_weighting_scheme(
                ExplainWeight(opts->k1, opts->b, opts->min_normlen, log));
            whole.get_mset(0, 10, 0, nullptr, &decider);
            parts = decider.slice;
            if (!pick_parts(parts, doclen, score)) {
                // Still not: keep the parts of this document's length and
                // give what is left a part of its own (factor 0, tf 0), so
                // that the parts keep adding up to the score.
                parts.clear();
                double sum = 0;
                for (const auto &x : decider.slice)
                    if (x.doclen == doclen) {
                        sum += x.contribution;
                        parts.push_back(x);
                    }
                parts.push_back({0, 0, 0, doclen, db->db.get_avlength(), 0, score - sum});
            }
        }
        log->swap(parts);
        if (log->empty())
            return;
        *out = static_cast<xc_explain_part *>(
            std::malloc(log->size() * sizeof(xc_explain_part)));
        if (!*out)
            throw std::bad_alloc();
        std::memcpy(*out, log->data(), log->size() * sizeof(xc_explain_part));
        n = log->size();
    });
    return n;
}

} // extern "C"
