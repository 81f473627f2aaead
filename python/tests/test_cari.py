"""The Python module through pytest: indexing, every search option, the
hits against cari-searcher --json, exceptions by kind, context managers,
folder sync, and the example script."""
import json
import os
import shutil
import subprocess
import sys
import threading

import pytest

import cari

SRC = os.environ["CARI_SOURCE_DIR"]
BIN = os.environ.get("CARI_BIN", "")
CORPUS = os.path.join(SRC, "corpus")


@pytest.fixture(scope="module")
def corpus_index(tmp_path_factory):
    """The bundled corpus indexed through the module."""
    path = str(tmp_path_factory.mktemp("idx") / "corpus-index")
    with cari.Writer(path) as w:
        report = w.sync(CORPUS)
    assert report.added > 10 and report.skipped == 0, report
    return path


def searcher_json(index, *args):
    """The lines of cari-searcher --json, or None without the programs."""
    exe = os.path.join(BIN, "cari-searcher")
    if not os.access(exe, os.X_OK):
        pytest.skip("cari-searcher not built")
    out = subprocess.run([exe, "-d", index, "--json", *args], capture_output=True, text=True)
    return [json.loads(line) for line in out.stdout.splitlines()]


def test_versions():
    assert cari.__version__ == cari.version()
    assert cari.version().count(".") == 2
    assert cari.index_format() >= 6
    assert cari.stemmer_signature().startswith("stemmer-id/")
    assert cari.stemmer_signature("snowball") == "snowball-indonesian"
    assert cari.xapian_version().startswith("1.4.")
    with pytest.raises(ValueError):
        cari.stemmer_signature("porter")


def test_hits_equal_the_searchers_json(corpus_index):
    with cari.Index(corpus_index) as idx:
        res = idx.search("drone pelatihan", limit=5)
    lines = searcher_json(corpus_index, "-n", "5", "drone", "pelatihan")
    hits = [l for l in lines if l["type"] == "hit"]
    summary = lines[-1]
    assert [h.to_json() for h in res] == hits
    assert res.summary() == {k: v for k, v in summary.items() if k != "elapsed_ms"}
    assert len(res) == 5 and res[0].rank == 1 and res.total >= 5
    assert all("drone" in w.lower() or "latih" in w.lower()
               for h in res for w in h.matched_words())


def test_every_search_option(corpus_index):
    with cari.Index(corpus_index) as idx:
        page = idx.search("drone", limit=4)
        second = idx.search("drone", limit=2, offset=2)
        assert [(h.article, h.passage) for h in second] == [(h.article, h.passage) for h in page[2:]]
        assert [h.rank for h in second] == [3, 4] and second.offset == 2
        exact = idx.count("drone")
        assert exact == len(idx.search("drone", limit=100000))
        assert idx.search("drone", exact_total=True, limit=1).total == exact
        assert 0 < idx.count("drone pelatihan", match_all=True) < idx.count("drone pelatihan")
        per = idx.search("drone", per_article=1, limit=100)
        assert len({h.article for h in per}) == len(per)
        ex = idx.search("Korut dilatih drone", explain=True, limit=3, rank="bm25")
        for h in ex:
            assert abs(sum(p.contribution for p in h.explain) - h.score) < 1e-5
        ctx = idx.search("drone", context=1, limit=3)
        assert all(h.context is not None for h in ctx)
        assert all(abs(c.passage - h.passage) == 1 for h in ctx for c in h.context)
        assert idx.search("Korut", limit=1)[0].matched_words()
        terms = lambda **o: [p.term for p in idx.search("Korut", explain=True, limit=1, rank="bm25",
                                                        **o)[0].explain]
        assert terms() == ["korut|korea utara"] and terms(synonyms=None) == ["korut"]
        assert idx.count("yang drone", keep_stopwords=True) > idx.count("yang drone")
        bm = lambda **o: idx.search("drone", limit=1, rank="bm25", **o)[0].score
        assert bm(title_weight=2) > bm(title_weight=0)
        assert bm(k1=0.5) != bm()
        fb = idx.search("drone pelatihan", feedback=10, limit=10)
        assert len(fb) == 10
        learned = idx.search("drone pelatihan", limit=10)
        bm25 = idx.search("drone pelatihan", limit=10, rank="bm25")
        assert [h.score for h in learned] != [h.score for h in bm25]
        assert [h.score for h in idx.search("drone pelatihan", limit=10, model=cari.Model())] \
            == [h.score for h in learned]
        shallow = idx.search("drone pelatihan", limit=10, rerank_depth=10)
        assert {(h.article, h.passage) for h in shallow} == {(h.article, h.passage) for h in bm25}
        with pytest.raises(ValueError):
            idx.search("drone", rank="tfidf")
        with pytest.raises(cari.IOError):
            idx.search("drone", model="/nonexistent/model.txt")
        plain = idx.search("drone", snippets=False, limit=1)[0]
        assert plain.snippet == "" and plain.highlights == []


def test_spelling_and_synonyms(corpus_index, tmp_path):
    with cari.Index(corpus_index) as idx:
        res = idx.search("dronne pelatihn")
        assert res.suggestion == "drone pelatihan" and not res.fixed and len(res) == 0
        fixed = idx.search("dronne", fix=True)
        assert fixed.fixed and len(fixed) > 0
        assert idx.search("dronne", spelling=False).suggestion is None
        syn = tmp_path / "syn.txt"
        syn.write_text("nirawak, drone\n")
        assert len(idx.search("nirawak", synonyms=str(syn))) > 0
        assert len(idx.search("nirawak", synonyms=cari.Synonyms(text="nirawak, drone"))) > 0
        assert len(cari.Synonyms()) > 10
    syn.write_text("sendirian\n")
    with pytest.raises(cari.InvalidError, match="syn.txt:1"):
        cari.Synonyms(path=syn)


def test_writer_add_update_remove(tmp_path):
    path = str(tmp_path / "idx")
    with cari.Writer(path) as w:
        a = w.add("a/1", "Kapal Selam\n\nKapal selam itu menyelam ke palung.")
        assert a.change == cari.Change.ADDED
        w.add("b/1", "Gunung api meletus pagi tadi.\nWarga mengungsi.", title="Gunung Api")
    with cari.Index(path) as idx:
        hit = idx.search("menyelam")[0]
        assert hit.article == "a/1" and hit.title == "Kapal Selam"
        assert idx.search("mengungsi")[0].title == "Gunung Api"
        assert {a.id: a.passages for a in idx.articles()} == {"a/1": 1, "b/1": 2}
        assert idx.stats()["articles"] == 2 and idx.check() == []
    with cari.Writer(path) as w:
        assert w.update("a/1", "Kapal Selam\n\nKapal selam itu menyelam ke palung.").change \
            == cari.Change.UNCHANGED
        assert w.update("a/1", "Kapal Selam\n\nKapal selam itu berlayar.").change \
            == cari.Change.CHANGED
        w.remove("b/1")
    with cari.Index(path) as idx:
        assert len(idx.search("palung")) == 0 and len(idx.search("berlayar")) == 1
        assert [a.id for a in idx.articles()] == ["a/1"]


def test_writer_discards_on_exception(tmp_path):
    path = str(tmp_path / "idx")
    with cari.Writer(path) as w:
        w.add("a", "Satu\n\nPertama kali.")
    with pytest.raises(RuntimeError):
        with cari.Writer(path) as w:
            w.add("b", "Dua\n\nKedua kali.")
            raise RuntimeError("stop")
    with cari.Index(path) as idx:
        assert [a.id for a in idx.articles()] == ["a"]


def test_errors_by_kind(tmp_path):
    with pytest.raises(cari.NotFoundError) as e:
        cari.Index(str(tmp_path / "none"))
    assert "none" in str(e.value.args[0])
    path = str(tmp_path / "idx")
    w = cari.Writer(path)
    with pytest.raises(cari.LockedError):
        cari.Writer(path)
    w.close()
    with cari.Writer(path) as w:
        w.add("a", "Satu\n\nPertama kali.")
    with pytest.raises(cari.MismatchError):
        cari.Index(path, stemmer="snowball")
    with cari.Index(path) as idx:
        with pytest.raises(cari.InvalidError):
            idx.search("?!")
    (tmp_path / "file").write_text("x")
    with pytest.raises(cari.CorruptError):
        cari.Writer(str(tmp_path / "file"))
    assert issubclass(cari.LockedError, cari.Error)
    idx = cari.Index(path)
    idx.close()
    with pytest.raises(ValueError):
        idx.search("satu")


def test_one_thread_at_a_time(corpus_index):
    """Two threads on one Index: the second is refused, never a crash."""
    idx = cari.Index(corpus_index)
    errors, done = [], threading.Event()

    def loop():
        while not done.is_set():
            try:
                idx.search("drone pelatihan", limit=50)
            except RuntimeError as e:
                errors.append(e)

    t = threading.Thread(target=loop)
    t.start()
    for _ in range(200):
        try:
            idx.search("gempa", limit=50)
        except RuntimeError as e:
            errors.append(e)
    done.set()
    t.join()
    idx.close()
    assert all("one thread" in str(e) for e in errors)


def test_sync_a_folder(tmp_path):
    folder = tmp_path / "berita"
    shutil.copytree(CORPUS, folder)
    (folder / "rusak.txt").write_bytes(b"Judul\n\nBaris \xff rusak tentang gajah.\n")
    (folder / "biner.txt").write_bytes(b"\x00\x01")
    path = str(tmp_path / "idx")
    with cari.Writer(path) as w:
        first = w.sync(folder)
    n = len([f for f in folder.rglob("*") if f.suffix in (".txt", ".html", ".htm")])
    assert (first.added, first.skipped) == (n - 1, 1), first
    assert any("biner.txt: binary file" in p for p in first.problems), first.problems
    # A problem inside a file is named with its file and line, as cari-indexer names it.
    assert any(p.endswith("rusak.txt:3: invalid UTF-8 replaced by U+FFFD")
               for p in first.problems), first.problems
    victim = sorted(folder.rglob("*.txt"))[0]
    victim.unlink()
    (folder / "rusak.txt").write_text("Judul\n\nKini tentang harimau.\n")
    with cari.Writer(path) as w:
        second = w.sync(folder)
    assert (second.added, second.changed, second.removed) == (0, 1, 1), second
    assert second.unchanged == n - 3  # less the removed, the changed and the binary
    with cari.Index(path) as idx:
        assert len(idx.search("harimau")) == 1 and len(idx.search("gajah")) == 0
    # The same index state as cari-indexer's: nothing left to do for it.
    exe = os.path.join(BIN, "cari-indexer")
    if os.access(exe, os.X_OK):
        out = subprocess.run([exe, "-d", path, str(folder)], capture_output=True, text=True)
        assert " 0 added, 0 changed," in out.stdout and " 0 removed" in out.stdout, out


def test_sync_keeps_ids_and_rebuilds(tmp_path):
    # Two folders with one relative name: the first keeps the id, the second
    # is named and skipped.  A subfolder synced alone keeps its parent's ids.
    for name, text in (("a", "Judul A\n\nBanjir di kota lama.\n"),
                       ("b", "Judul B\n\nBanjir di kota baru.\n")):
        (tmp_path / name / "sub").mkdir(parents=True)
        (tmp_path / name / "sub" / "x.txt").write_text(text)
    path = str(tmp_path / "idx")
    with cari.Writer(path) as w:
        r = w.sync(tmp_path / "a", tmp_path / "b")
    assert (r.added, r.skipped) == (1, 1), r
    assert any("x.txt" in p for p in r.problems), r.problems
    with cari.Writer(path) as w:
        r = w.sync(tmp_path / "a" / "sub")
    assert (r.added, r.unchanged, r.removed) == (0, 1, 0), r
    with cari.Index(path) as idx:
        assert [a.id for a in idx.articles()] == ["sub/x.txt"]
    # keep_missing: a deleted file's article stays; without it, it goes.
    (tmp_path / "a" / "sub" / "x.txt").unlink()
    with cari.Writer(path) as w:
        assert w.sync(tmp_path / "a", keep_missing=True).removed == 0
    with cari.Writer(path, rebuild=True) as w:
        r = w.sync()
    assert r.removed == 1, r
    with cari.Index(path) as idx:
        assert idx.articles() == []
    with pytest.raises(cari.NotFoundError):
        with cari.Writer(path) as w:
            w.sync(tmp_path / "nowhere")


def test_example_script(tmp_path):
    script = os.path.join(SRC, "examples", "index_folder.py")
    out = subprocess.run([sys.executable, script, str(tmp_path / "idx"), CORPUS,
                          "drone", "pelatihan"], capture_output=True, text=True, check=True)
    lines = [json.loads(l) for l in out.stdout.splitlines()]
    assert lines[0]["type"] == "hit" and lines[0]["rank"] == 1
    assert lines[-1]["type"] == "summary" and lines[-1]["hits"] == len(lines) - 1


def test_metadata_filters_sort_facets(tmp_path):
    import datetime
    path = str(tmp_path / "idx")
    with cari.Writer(path) as w:
        w.add("a", "---\ndate: 2025-01-12\nsource: Kabar Lebakjati\nauthors: Siti, Budi\n"
                   "categories: politik\nlang: id\n---\nBanjir Besar\n\nBanjir merendam desa.\n")
        w.add("b", "---\ndate: 2024-03-02 14:30 WIB\nsource: Warta Timur\n---\n"
                   "Banjir Lagi\n\nBanjir kembali datang ke kota.\n")
        w.add("c", "Tanpa Tanggal\n\nBanjir tanpa tanggal.\n")
    with cari.Index(path) as idx:
        res = idx.search("banjir", sort="date", facets=["source", "year"])
        assert [h.article for h in res] == ["a", "b", "c"]
        a, b = res[0], res[1]
        assert (a.date, a.source, a.authors, a.categories, a.lang) == \
            ("2025-01-12", "Kabar Lebakjati", ["Siti", "Budi"], ["politik"], "id")
        assert b.date == "2024-03-02T14:30:00+07:00" and b.authors == []
        assert res.facets == {"source": [("Kabar Lebakjati", 1), ("Warta Timur", 1)],
                              "year": [("2024", 1), ("2025", 1)]}
        assert [h.article for h in idx.search("banjir", source="warta timur")] == ["b"]
        assert [h.article for h in idx.search("banjir", author="Siti")] == ["a"]
        assert [h.article for h in idx.search("banjir", category="politik")] == ["a"]
        assert [h.article for h in idx.search("banjir", lang="id")] == ["a"]
        assert [h.article for h in idx.search("banjir", since=datetime.date(2025, 1, 1))] == ["a"]
        assert [h.article for h in idx.search("banjir", until=datetime.date(2024, 12, 31))] == ["b"]
        with pytest.raises(ValueError):
            idx.search("banjir", sort="oldest")
        # recency: b is older; with a short half-life a leads, and the
        # bonus is an explained part
        now = datetime.datetime(2025, 2, 1, tzinfo=datetime.timezone.utc)
        r = idx.search("banjir", rank="bm25", recent=datetime.timedelta(days=7), now=now,
                       explain=True)
        assert r[0].article == "a"
        assert any(p.term == "(recency)" for p in r[0].explain)
        with pytest.raises(ValueError):
            idx.search("banjir", recent=-1)
        # strings as cari-searcher reads them: dates (no zone: WIB; a day
        # alone runs to its end for until), spans back from now
        def arts(**kw):
            return sorted(h.article for h in idx.search("banjir", **kw))
        assert arts(since="12 Januari 2025") == ["a"]
        assert arts(until="2024-03-02") == ["b"]              # 14:30 WIB that day
        assert arts(until="2024-03-02T14:00:00+07:00") == []
        assert arts(since="30d", now="2025-02-01") == ["a"]   # a: 20 days before
        assert arts(since="2y", now="2025-02-01") == ["a", "b"]
        assert idx.search("banjir", rank="bm25", recent="7d", now=now)[0].article == "a"
        assert cari.parse_date("Senin, 12 Jan 2025 14:30 WIB") == (1736667000, True)
        assert cari.parse_date("12 Januari 2025") == (1736614800, False)
        with pytest.raises(ValueError):
            idx.search("banjir", since="kemarin")
        with pytest.raises(ValueError):
            idx.search("banjir", recent="seminggu")
        for flag, value in (("until", "2024-03-02"), ("since", "12 Januari 2025")):
            cli = searcher_json(path, "--" + flag, value, "banjir")
            assert sorted(l["article"] for l in cli if l["type"] == "hit") == \
                arts(**{flag: value})
    lines = searcher_json(path, "--sort", "date", "banjir")
    assert [h.to_json() for h in res] == [l for l in lines if l["type"] == "hit"]
