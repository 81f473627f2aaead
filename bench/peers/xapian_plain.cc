/*
 * xapian-plain: a plain Xapian program as a peer in cari's benchmark.
 *
 * This file is the only C++ and the only Xapian code outside xapian-c/,
 * against STYLE.md's rule on purpose: it exists only to be measured against
 * cari (what the textbook Xapian program costs), and nothing of cari links
 * it.
 *
 *   xapian-plain build DB PARAGRAPHS [--shards N] [--no-termlist]
 *                                      one document per line of PARAGRAPHS
 *   xapian-plain query DB QUERIES      warm-up pass, then one timed pass;
 *                                      prints latency.h's figures
 *   xapian-plain one DB QUERY          one query, hits on stdout (the
 *                                      one-query process)
 *
 * Building is the textbook loop: TermGenerator with Stem("indonesian")
 * (its default STEM_SOME: words with positions plus "Z" stems), the
 * paragraph as document data, add_document(), Xapian's default flushing,
 * one commit at the end.  The options are experiments for cari's design,
 * never the peer's figures: --shards N builds N databases in N threads and
 * merges them with Database::compact(); --no-termlist passes
 * DB_NO_TERMLIST (no per-document term lists: smaller and faster, but
 * documents can then no longer be deleted or replaced).  Querying: QueryParser with the same stemmer,
 * words OR-ed, Enquire with BM25Weight, top 10, and for each hit its data
 * and an MSet::snippet(), as cari's searcher returns a snippet.
 */
#include <xapian.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "latency.h"

/* Indexes every `step`-th line of `paragraphs`, from line `first`, into a
 * new database at `path`; stores the number of documents in *out_docs. */
static void build_shard(const std::string &path, const char *paragraphs,
                        unsigned first, unsigned step, int flags,
                        unsigned long *out_docs)
{
    Xapian::WritableDatabase db(path, Xapian::DB_CREATE_OR_OVERWRITE | flags);
    Xapian::TermGenerator tg;
    tg.set_stemmer(Xapian::Stem("indonesian"));
    std::ifstream in(paragraphs);
    std::string line;
    unsigned long docs = 0, n = 0;
    while (std::getline(in, line)) {
        if (n++ % step != first)
            continue;
        Xapian::Document doc;
        tg.set_document(doc);
        tg.index_text(line);
        doc.set_data(line);
        db.add_document(doc);
        docs++;
    }
    db.commit();
    *out_docs = docs;
}

/* The plain build, or with `shards` > 1 the same loop in that many
 * threads, each into its own database, merged by Xapian's compaction (an
 * experiment for cari's design, not the peer's default). */
static int build(const char *path, const char *paragraphs, unsigned shards,
                 int flags)
{
    if (!std::ifstream(paragraphs)) {
        std::fprintf(stderr, "xapian-plain: %s: cannot open\n", paragraphs);
        return 2;
    }
    unsigned long docs = 0;
    if (shards <= 1) {
        build_shard(path, paragraphs, 0, 1, flags, &docs);
    } else {
        std::vector<std::thread> threads;
        std::vector<unsigned long> counts(shards);
        std::vector<std::string> names;
        for (unsigned k = 0; k < shards; k++)
            names.push_back(std::string(path) + ".shard" + std::to_string(k));
        std::exception_ptr failed;
        std::mutex m;
        for (unsigned k = 0; k < shards; k++)
            threads.emplace_back([&, k] {
                try {
                    build_shard(names[k], paragraphs, k, shards, flags, &counts[k]);
                } catch (...) {
                    std::lock_guard<std::mutex> lock(m);
                    failed = std::current_exception();
                }
            });
        for (auto &t : threads)
            t.join();
        if (failed)
            std::rethrow_exception(failed);
        Xapian::Database all;
        for (unsigned k = 0; k < shards; k++) {
            all.add_database(Xapian::Database(names[k]));
            docs += counts[k];
        }
        all.compact(path);
        all.close();
        for (const auto &name : names)
            std::filesystem::remove_all(name);
    }
    std::printf("docs=%lu\n", docs);
    return 0;
}

struct searcher {
    Xapian::Database db;
    Xapian::Enquire enquire;
    Xapian::QueryParser qp;
    Xapian::Stem stem;

    explicit searcher(const char *path)
        : db(path), enquire(db), stem("indonesian")
    {
        enquire.set_weighting_scheme(Xapian::BM25Weight());
        qp.set_database(db);
        qp.set_stemmer(stem);
        qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
        qp.set_default_op(Xapian::Query::OP_OR);
    }

    /* Runs one query; returns the number of hits. */
    int run(const std::string &q, bool print)
    {
        enquire.set_query(qp.parse_query(q));
        Xapian::MSet m = enquire.get_mset(0, 10);
        int hits = 0;
        for (Xapian::MSetIterator i = m.begin(); i != m.end(); ++i) {
            std::string data = i.get_document().get_data();
            std::string snip = m.snippet(data, 200, stem);
            if (print)
                std::printf("%u\t%.3f\t%s\n", *i, i.get_weight(), snip.c_str());
            hits++;
        }
        return hits;
    }
};

static int query(const char *path, const char *queries, bool one)
{
    searcher s(path);
    if (one)
        return s.run(queries, true) == 0;
    size_t nq;
    char **q = bench_read_queries(queries, &nq);
    if (!q)
        return 2;
    for (size_t i = 0; i < nq; i++)      // warm-up
        s.run(q[i], false);
    std::vector<double> lat(nq ? nq : 1);
    double t0 = bench_now(), c0 = bench_cpu_now();
    for (size_t i = 0; i < nq; i++) {
        double t = bench_now();
        s.run(q[i], false);
        lat[i] = bench_now() - t;
    }
    bench_report(lat.data(), nq, bench_now() - t0, bench_cpu_now() - c0);
    return 0;
}

int main(int argc, char **argv)
{
    try {
        if (argc >= 4 && !std::strcmp(argv[1], "build")) {
            unsigned shards = 1;
            int flags = 0;
            for (int a = 4; a < argc; a++) {
                if (!std::strcmp(argv[a], "--shards") && a + 1 < argc)
                    shards = (unsigned)std::atoi(argv[++a]);
                else if (!std::strcmp(argv[a], "--no-termlist"))
                    flags |= Xapian::DB_NO_TERMLIST;
                else
                    argc = 0;     // falls through to the usage
            }
            if (argc)
                return build(argv[2], argv[3], shards, flags);
        }
        if (argc == 4 && !std::strcmp(argv[1], "query"))
            return query(argv[2], argv[3], false);
        if (argc == 4 && !std::strcmp(argv[1], "one"))
            return query(argv[2], argv[3], true);
    } catch (const Xapian::Error &e) {
        std::fprintf(stderr, "xapian-plain: %s\n", e.get_description().c_str());
        return 2;
    }
    std::fputs("usage: xapian-plain build DB PARAGRAPHS [--shards N] [--no-termlist] | query DB QUERIES | one DB QUERY\n",
               stderr);
    return 2;
}
