/*
 * xapian-plain: a plain Xapian program as a peer in cari's benchmark.
 *
 * This file is the only C++ and the only Xapian code outside xapian-c/,
 * against STYLE.md's rule on purpose: it exists only to be measured against
 * cari (what the textbook Xapian program costs), and nothing of cari links
 * it.
 *
 *   xapian-plain build DB PARAGRAPHS   one document per line of PARAGRAPHS
 *   xapian-plain query DB QUERIES      warm-up pass, then one timed pass;
 *                                      prints latency.h's figures
 *   xapian-plain one DB QUERY          one query, hits on stdout (the
 *                                      one-query process)
 *
 * Building is the textbook loop: TermGenerator with Stem("indonesian")
 * (its default STEM_SOME: words with positions plus "Z" stems), the
 * paragraph as document data, add_document(), Xapian's default flushing,
 * one commit at the end.  Querying: QueryParser with the same stemmer,
 * words OR-ed, Enquire with BM25Weight, top 10, and for each hit its data
 * and an MSet::snippet(), as cari's searcher returns a snippet.
 */
#include <xapian.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "latency.h"

static int build(const char *path, const char *paragraphs)
{
    Xapian::WritableDatabase db(path, Xapian::DB_CREATE_OR_OVERWRITE);
    Xapian::TermGenerator tg;
    tg.set_stemmer(Xapian::Stem("indonesian"));
    std::ifstream in(paragraphs);
    if (!in) {
        std::fprintf(stderr, "xapian-plain: %s: cannot open\n", paragraphs);
        return 2;
    }
    std::string line;
    unsigned long docs = 0;
    while (std::getline(in, line)) {
        Xapian::Document doc;
        tg.set_document(doc);
        tg.index_text(line);
        doc.set_data(line);
        db.add_document(doc);
        docs++;
    }
    db.commit();
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
    double t0 = bench_now();
    for (size_t i = 0; i < nq; i++) {
        double t = bench_now();
        s.run(q[i], false);
        lat[i] = bench_now() - t;
    }
    bench_report(lat.data(), nq, bench_now() - t0);
    return 0;
}

int main(int argc, char **argv)
{
    try {
        if (argc == 4 && !std::strcmp(argv[1], "build"))
            return build(argv[2], argv[3]);
        if (argc == 4 && !std::strcmp(argv[1], "query"))
            return query(argv[2], argv[3], false);
        if (argc == 4 && !std::strcmp(argv[1], "one"))
            return query(argv[2], argv[3], true);
    } catch (const Xapian::Error &e) {
        std::fprintf(stderr, "xapian-plain: %s\n", e.get_description().c_str());
        return 2;
    }
    std::fputs("usage: xapian-plain build DB PARAGRAPHS | query DB QUERIES | one DB QUERY\n",
               stderr);
    return 2;
}
