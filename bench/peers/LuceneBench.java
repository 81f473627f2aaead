/*
 * LuceneBench: Lucene 4.10 (Debian's liblucene4.10-java) as a peer in
 * cari's benchmark.  Like xapian_plain.cc it exists only to be measured
 * against cari; run.sh compiles it with javac when a JDK and the jars are
 * there, and leaves Lucene out (saying so) when they are not.
 *
 *   LuceneBench build DIR PARAGRAPHS   one document per line of PARAGRAPHS
 *   LuceneBench query DIR QUERIES      warm-up pass, then one timed pass;
 *                                      prints latency.h's figures
 *   LuceneBench one DIR QUERY          one query, hits on stdout
 *
 * The textbook program: IndonesianAnalyzer (its stopwords and stemmer),
 * the paragraph as one stored TextField, IndexWriter's default flushing,
 * one commit; BM25Similarity for indexing and search; the classic
 * QueryParser with its default OR; top 10, each hit's stored text and a
 * highlighted fragment (Highlighter with a QueryScorer), as cari returns a
 * snippet.
 */
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.id.IndonesianAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.highlight.Highlighter;
import org.apache.lucene.search.highlight.QueryScorer;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Version;

public final class LuceneBench {
    private static final Version V = Version.LUCENE_4_10_4;
    private static final String FIELD = "body";

    /* Indexes one document per line; prints docs=N. */
    static int build(String dir, String paragraphs) throws IOException {
        Analyzer an = new IndonesianAnalyzer(V);
        IndexWriterConfig cfg = new IndexWriterConfig(V, an);
        cfg.setOpenMode(IndexWriterConfig.OpenMode.CREATE);
        cfg.setSimilarity(new BM25Similarity());
        long docs = 0;
        try (IndexWriter w = new IndexWriter(FSDirectory.open(new File(dir)), cfg);
             BufferedReader in = Files.newBufferedReader(Paths.get(paragraphs), StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                Document d = new Document();
                d.add(new TextField(FIELD, line, Field.Store.YES));
                w.addDocument(d);
                docs++;
            }
            w.commit();
        }
        System.out.println("docs=" + docs);
        return 0;
    }

    static final class Searcher {
        final DirectoryReader reader;
        final IndexSearcher searcher;
        final Analyzer an = new IndonesianAnalyzer(V);
        final QueryParser qp = new QueryParser(V, FIELD, an);

        Searcher(String dir) throws IOException {
            reader = DirectoryReader.open(FSDirectory.open(new File(dir)));
            searcher = new IndexSearcher(reader);
            searcher.setSimilarity(new BM25Similarity());
        }

        /* Runs one query; returns the number of hits (0 for a query the
         * analyzer leaves empty, as a query of stopwords only). */
        int run(String text, boolean print) throws Exception {
            Query q = qp.parse(QueryParser.escape(text));
            TopDocs top = searcher.search(q, 10);
            Highlighter hl = new Highlighter(new QueryScorer(q, FIELD));
            int hits = 0;
            for (ScoreDoc sd : top.scoreDocs) {
                String body = searcher.doc(sd.doc).get(FIELD);
                String frag = hl.getBestFragment(an, FIELD, body);
                if (print)
                    System.out.printf(Locale.ROOT, "%d\t%.3f\t%s%n", sd.doc, sd.score, frag);
                hits++;
            }
            return hits;
        }
    }

    static double cpuSeconds() {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean)
            return ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime() * 1e-9;
        return 0;
    }

    static double percentile(double[] v, double p) {
        if (v.length == 0)
            return 0;
        int k = (int) (p / 100.0 * v.length + 0.999999);
        k = Math.max(1, Math.min(v.length, k));
        return v[k - 1];
    }

    /* The queries file as latency.h reads it: "kind<TAB>query" or a query. */
    static List<String> readQueries(String path) throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(Paths.get(path), StandardCharsets.UTF_8)) {
            int tab = line.lastIndexOf('\t');
            String q = tab >= 0 ? line.substring(tab + 1) : line;
            if (!q.isEmpty())
                out.add(q);
        }
        return out;
    }

    static int query(String dir, String queries) throws Exception {
        Searcher s = new Searcher(dir);
        List<String> qs = readQueries(queries);
        for (String q : qs) // warm-up (and the JIT's)
            s.run(q, false);
        double[] lat = new double[qs.size()];
        long t0 = System.nanoTime();
        double c0 = cpuSeconds();
        for (int i = 0; i < qs.size(); i++) {
            long t = System.nanoTime();
            s.run(qs.get(i), false);
            lat[i] = (System.nanoTime() - t) * 1e-9;
        }
        double total = (System.nanoTime() - t0) * 1e-9, cpu = cpuSeconds() - c0;
        double sum = 0;
        for (double x : lat)
            sum += x;
        Arrays.sort(lat);
        int n = lat.length;
        System.out.printf(Locale.ROOT,
                "queries=%d p50_ms=%.3f p95_ms=%.3f p99_ms=%.3f mean_ms=%.3f qps=%.1f cpu_ms=%.3f%n",
                n, 1e3 * percentile(lat, 50), 1e3 * percentile(lat, 95), 1e3 * percentile(lat, 99),
                n > 0 ? 1e3 * sum / n : 0.0, total > 0 ? n / total : 0.0, n > 0 ? 1e3 * cpu / n : 0.0);
        return 0;
    }

    public static void main(String[] args) {
        int st = 2;
        try {
            if (args.length == 3 && args[0].equals("build"))
                st = build(args[1], args[2]);
            else if (args.length == 3 && args[0].equals("query"))
                st = query(args[1], args[2]);
            else if (args.length == 3 && args[0].equals("one"))
                st = new Searcher(args[1]).run(args[2], true) > 0 ? 0 : 1;
            else
                System.err.println("usage: LuceneBench build DIR PARAGRAPHS | query DIR QUERIES | one DIR QUERY");
        } catch (Exception e) {
            System.err.println("LuceneBench: " + e);
            st = 2;
        }
        System.out.flush();
        System.exit(st);
    }
}
