"""cari: full-text search for Indonesian text, from Python.

A thin layer over libcari (the C library of the cari-indexer and
cari-searcher programs): an index is written through a :class:`Writer`
and searched through an :class:`Index`; a search gives :class:`Results`
whose :class:`Hit` objects carry the fields of ``cari-searcher --json``.

    import cari

    with cari.Writer("my-index") as w:      # commits when the block ends
        w.sync("corpus/")                   # add, update, remove by the files
        w.add("catatan/1", "Judul\\n\\nTentara melatih pilot drone.")

    with cari.Index("my-index") as idx:
        res = idx.search("drone pelatihan", limit=5)
        print(res.total, res.suggestion)
        for hit in res:
            print(hit.rank, hit.article, hit.passage, hit.snippet)

Errors raise :class:`Error` subclasses by kind (:class:`NotFoundError`,
:class:`LockedError`, :class:`CorruptError`, :class:`InvalidError`,
:class:`IOError`, :class:`MismatchError`); out of memory raises
MemoryError.
"""
from __future__ import annotations

import dataclasses
import datetime
import enum
import os
import time
from typing import Any, Iterator, Sequence, Union, overload

from . import _cari
from ._cari import (CorruptError, Error, InvalidError, IOError, LockedError,
                    MismatchError, NotFoundError)

__all__ = [
    "Index", "Writer", "Synonyms", "Model", "Results", "Hit", "ExplainPart", "ContextPassage",
    "Added", "Change", "Article", "InputWarning", "SyncReport", "Error", "NotFoundError",
    "LockedError", "CorruptError", "InvalidError", "IOError", "MismatchError",
    "version", "index_format", "stemmer_signature", "xapian_version", "parse_date",
    "__version__",
]

PathLike = Union[str, bytes, "os.PathLike[str]", "os.PathLike[bytes]"]

_STEMMERS = {"stemmer-id": 0, "snowball": _cari.STEM_SNOWBALL, "none": _cari.STEM_NONE}


def _stemmer_flag(stemmer: str) -> int:
    try:
        return _STEMMERS[stemmer]
    except KeyError:
        raise ValueError(f"stemmer: one of {', '.join(_STEMMERS)}, not {stemmer!r}") from None


def version() -> str:
    """The version of libcari, e.g. ``"0.1.0"``."""
    return _cari.version()


def index_format() -> int:
    """The index format this libcari reads and writes."""
    return _cari.index_format()


def stemmer_signature(stemmer: str = "stemmer-id") -> str:
    """What an index built with ``stemmer`` records about it."""
    return _cari.stemmer_signature(_stemmer_flag(stemmer))


def xapian_version() -> str:
    """The version of the Xapian library cari runs on."""
    return _cari.xapian_version()


def parse_date(text: str) -> tuple[int, bool]:
    """Reads a date the way cari reads an article's (ISO 8601, ``"12
    Januari 2025"``, ``"Senin, 12 Jan 2025 14:30 WIB"``,
    ``"12/01/2025 14:30"``; without a zone WIB): its seconds since 1970 UTC
    and whether it had a time of day.  Raises ValueError for text that is
    no date."""
    return _cari.parse_date(text)


__version__ = version()


class Change(enum.IntEnum):
    """What adding an article did."""
    ADDED = 1      #: the id was not indexed
    CHANGED = 2    #: it was, with other content: re-indexed
    UNCHANGED = 3  #: same content: nothing was done


@dataclasses.dataclass(frozen=True)
class Added:
    """The outcome of :meth:`Writer.add`: the change and the article's
    passages (0 while a fresh build indexes in the background)."""
    change: Change
    passages: int


@dataclasses.dataclass(frozen=True)
class Article:
    """An indexed article, as :meth:`Index.articles` lists it."""
    id: str
    passages: int
    hash: str
    group: str


@dataclasses.dataclass(frozen=True)
class InputWarning:
    """A problem with the input that did not stop indexing (e.g. invalid
    UTF-8 replaced); ``line`` is 0 when it concerns no line."""
    article: str
    line: int
    message: str


@dataclasses.dataclass
class SyncReport:
    """What :meth:`Writer.sync` did, as cari-indexer's summary counts it."""
    added: int = 0
    changed: int = 0
    unchanged: int = 0
    removed: int = 0
    skipped: int = 0
    problems: list[str] = dataclasses.field(default_factory=list)


@dataclasses.dataclass(frozen=True)
class ExplainPart:
    """One query term's part of a hit's BM25 score:
    ``contribution = factor * idf * (k1 + 1) * tf / (k1 + tf)``."""
    term: str
    tf: float
    df: float
    idf: float
    length: float
    avg_length: float
    factor: float
    contribution: float


@dataclasses.dataclass(frozen=True)
class ContextPassage:
    """A passage shown around a hit (``context=N``)."""
    passage: int
    text: str


@dataclasses.dataclass(frozen=True)
class Hit:
    """One ranked passage, with the fields of ``cari-searcher --json``.

    ``highlights`` are ``(start, end)`` byte offsets of the matched words
    in ``text`` encoded as UTF-8, as in the JSON; :meth:`matched_words`
    gives the words themselves. ``explain`` and ``context`` are ``None``
    unless the search asked for them."""
    rank: int
    score: float
    article: str
    passage: int
    title: str | None
    text: str
    snippet: str
    highlights: list[tuple[int, int]]
    explain: list[ExplainPart] | None = None
    context: list[ContextPassage] | None = None
    snippet_highlights: list[tuple[int, int]] = dataclasses.field(default_factory=list)
    date: str | None = None          #: ISO 8601 with its offset, or a day
    url: str | None = None
    source: str | None = None
    authors: list[str] = dataclasses.field(default_factory=list)
    categories: list[str] = dataclasses.field(default_factory=list)
    lang: str | None = None

    def matched_words(self) -> list[str]:
        """The words of ``text`` that matched the query, in order."""
        raw = self.text.encode("utf-8")
        return [raw[s:e].decode("utf-8", "replace") for s, e in self.highlights]

    def to_json(self) -> dict[str, Any]:
        """The hit as ``cari-searcher --json`` prints it (same keys, same
        order, ``"type": "hit"`` first)."""
        d: dict[str, Any] = {"type": "hit", "rank": self.rank, "score": round(self.score, 6),
                             "article": self.article, "passage": self.passage,
                             "title": self.title, "text": self.text, "snippet": self.snippet,
                             "highlights": [list(h) for h in self.highlights],
                             "date": self.date, "url": self.url, "source": self.source,
                             "authors": self.authors, "categories": self.categories,
                             "lang": self.lang}
        if self.explain is not None:
            d["explain"] = [dataclasses.asdict(p) for p in self.explain]
        if self.context is not None:
            d["context"] = [dataclasses.asdict(c) for c in self.context]
        return d


@dataclasses.dataclass(frozen=True)
class Results(Sequence[Hit]):
    """The hits of a search, with the total of matching passages (Xapian's
    estimate, or exact when ``total_exact``), the offset, and the spelling
    suggestion (``None`` when no word needed one; ``fixed`` when the hits
    are the suggestion's). ``facets`` maps each facet asked for to its
    values and article counts, most first."""
    hits: list[Hit]
    total: int
    total_exact: bool
    offset: int
    suggestion: str | None
    fixed: bool
    facets: dict[str, list[tuple[str, int]]] = dataclasses.field(default_factory=dict)

    @overload
    def __getitem__(self, i: int) -> Hit: ...
    @overload
    def __getitem__(self, i: slice) -> list[Hit]: ...

    def __getitem__(self, i):  # type: ignore[no-untyped-def]
        return self.hits[i]

    def __len__(self) -> int:
        return len(self.hits)

    def __iter__(self) -> Iterator[Hit]:
        return iter(self.hits)

    def summary(self) -> dict[str, Any]:
        """The summary line of ``cari-searcher --json`` (without the time)."""
        return {"type": "summary", "total": self.total, "total_exact": self.total_exact,
                "offset": self.offset, "hits": len(self.hits)}


class Synonyms:
    """Synonym groups a search treats as one (``Korut``, ``Korea Utara``):
    the bundled list (``default=True``), a file of groups (``path``: one
    group per line, members separated by commas), or ``text`` in that
    format. Raises :class:`InvalidError` naming a bad line."""

    def __init__(self, *, default: bool = True, path: PathLike | None = None,
                 text: str | None = None) -> None:
        self._set = _cari.Synonyms(default=default, path=path,
                                   text=None if text is None else text.encode("utf-8"))

    def __len__(self) -> int:
        return self._set.count()


class Model:
    """A learned ranking's model: the file at ``path`` (written by
    cari-train), or the bundled model. Raises :class:`InvalidError` for a
    malformed file, :class:`MismatchError` for another feature set."""

    def __init__(self, path: PathLike | None = None) -> None:
        self._model = _cari.Model(path)


_RANKS = {"learned": _cari.RANK_LEARNED, "bm25": _cari.RANK_BM25}

_default_synonyms: Synonyms | None = None


def _synonyms(arg: Any) -> Any:
    global _default_synonyms
    if arg is True:
        if _default_synonyms is None:
            _default_synonyms = Synonyms()
        return _default_synonyms._set
    if arg is None or arg is False:
        return None
    if isinstance(arg, Synonyms):
        return arg._set
    return Synonyms(default=False, path=arg)._set


def _hit(d: dict[str, Any]) -> Hit:
    explain = d.get("explain")
    context = d.get("context")
    return Hit(rank=d["rank"], score=d["score"], article=os.fsdecode(d["article"]),
               passage=d["passage"], title=d["title"], text=d["text"], snippet=d["snippet"],
               highlights=d["highlights"],
               explain=None if explain is None else [ExplainPart(**p) for p in explain],
               context=None if context is None else [ContextPassage(**c) for c in context],
               snippet_highlights=d["snippet_highlights"], date=d["date"], url=d["url"],
               source=d["source"], authors=d["authors"], categories=d["categories"],
               lang=d["lang"])


def _span(text: str) -> int | None:
    """The seconds of a span as cari-searcher reads one ("24h", "7d",
    "2w", "3m": 30 days each, "1y": 365 days), or None when text is none."""
    try:
        return _cari.parse_span(text)
    except ValueError:
        return None


def _seconds(t: datetime.date | float | str | None, until: bool = False,
             now: float | None = None) -> int | None:
    """A time bound as seconds since 1970 UTC: seconds as they are; a
    date its start, UTC; a naive datetime UTC; a string as
    cari-searcher's --since/--until read it (a date the way Indonesian
    sites print one, without a zone WIB, a day alone running to its end
    for `until`; or a span back from `now`, default the clock)."""
    if t is None or isinstance(t, (int, float)):
        return None if t is None else int(t)
    if isinstance(t, str):
        span = _span(t)
        if span is not None:
            return int((time.time() if now is None else now) - span)
        seconds, has_time = parse_date(t)
        return seconds + (86399 if until and not has_time else 0)
    if not isinstance(t, datetime.datetime):
        t = datetime.datetime(t.year, t.month, t.day)
    if t.tzinfo is None:
        t = t.replace(tzinfo=datetime.timezone.utc)
    return int(t.timestamp())


def _half_life(h: datetime.timedelta | float | str | None) -> float:
    """A recency half-life in seconds (0: off), or a span as
    cari-searcher's --recent reads one ("12h", "7d"); negative is an
    error."""
    if h is None:
        return 0.0
    if isinstance(h, str):
        span = _span(h)
        if span is None:
            raise ValueError(f"recent: a span such as 12h, 7d, 2w, 3m or 1y, not {h!r}")
        return float(span)
    h = h.total_seconds() if isinstance(h, datetime.timedelta) else float(h)
    if h < 0:
        raise ValueError(f"recent: a half-life of 0 or more, not {h}")
    return h


class _Handle:
    """What readers and writers share: closing, context management,
    listing and counting."""
    _h: Any

    def close(self) -> None:
        """Closes the handle (a writer's uncommitted changes are lost).
        Closing twice is fine."""
        self._h.close()

    def __enter__(self):  # type: ignore[no-untyped-def]
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def articles(self) -> list[Article]:
        """Every indexed article, in id order (a writer sees its
        uncommitted changes)."""
        return [Article(os.fsdecode(i), p, h, os.fsdecode(g)) for i, p, h, g in self._h.articles()]


class Index(_Handle):
    """An index open for searching: one path, or several (shards, a
    sharded index, a Xapian stub file, ``tcp://HOST:PORT``) read as one.
    Raises :class:`NotFoundError` when there is no index,
    :class:`MismatchError` when it was built by another stemmer.
    One thread at a time may use an Index; open one per thread."""

    def __init__(self, path: PathLike | Sequence[PathLike], *, stemmer: str = "stemmer-id") -> None:
        paths = [path] if isinstance(path, (str, bytes, os.PathLike)) else list(path)
        self._h = _cari.Index(paths, stemmer=_stemmer_flag(stemmer))

    def search(self, query: str, *, limit: int = 10, offset: int = 0, match_all: bool = False,
               per_article: int = 0, exact_total: bool = False, explain: bool = False,
               context: int = 0, synonyms: bool | Synonyms | PathLike | None = True,
               spelling: bool = True, fix: bool = False, keep_stopwords: bool = False,
               title_weight: float = 0.5, feedback: int = 0, k1: float = 1.2,
               snippets: bool = True, rank: str = "learned", rerank_depth: int = 0,
               model: Model | PathLike | None = None,
               since: datetime.date | float | str | None = None,
               until: datetime.date | float | str | None = None, sort: str = "relevance",
               source: str | None = None, author: str | None = None,
               category: str | None = None, lang: str | None = None,
               facets: str | Sequence[str] | None = None,
               recent: datetime.timedelta | float | str | None = None,
               now: datetime.date | float | str | None = None) -> Results:
        """Ranks the passages that match ``query`` (cari-searcher's query
        language: words, ``"a phrase"``, ``+must``, ``-not``, AND/OR/NOT,
        NEAR, ``prefix*``, ``judul:``, ``artikel:``) with BM25.

        The options are cari-searcher's: ``limit`` (-n), ``offset``,
        ``match_all`` (--all), ``per_article``, ``exact_total`` (count every
        match: --count), ``explain``, ``context``, ``synonyms`` (True: the
        bundled list; None: none; a :class:`Synonyms` or a file path),
        ``spelling`` (suggest corrections), ``fix``, ``keep_stopwords``,
        ``title_weight``, ``feedback``, ``k1``, ``rank`` (``"learned"``: the
        best BM25 passages re-ranked by a model; ``"bm25"``: BM25 alone),
        ``rerank_depth`` (0: the default), ``model`` (a :class:`Model` or a
        model file; None: the bundled one), the metadata filters
        ``since`` and ``until`` (datetimes, dates, seconds since 1970, or
        strings as --since/--until read them: ``"2025-01-12"``,
        ``"12 Januari 2025"``, ``"7d"``),
        ``source``, ``author``, ``category``, ``lang``, ``sort`` (``"date"``:
        newest first) and ``facets`` (``"source,category,year,author"`` or
        a list: counted into ``Results.facets``), ``recent`` (--recent: a
        half-life, a timedelta, seconds or a span such as ``"7d"``) and
        ``now`` (--now: the time
        ages are counted from; None: the clock); ``snippets=False`` skips
        snippets and highlights. Raises :class:`InvalidError` for a query
        without words."""
        if rank not in _RANKS:
            raise ValueError(f"rank: learned or bm25, not {rank!r}")
        if model is not None and not isinstance(model, Model):
            model = Model(model)
        if sort not in ("relevance", "date"):
            raise ValueError(f"sort: relevance or date, not {sort!r}")
        if facets is not None and not isinstance(facets, str):
            facets = ",".join(facets)
        clock = _seconds(now)
        hits, total, suggestion, fixed, counted = self._h.search(
            query, limit=limit, offset=offset, match_all=match_all, per_article=per_article,
            exact_total=exact_total, explain=explain, context=context,
            synonyms=_synonyms(synonyms), spelling=spelling, fix=fix,
            keep_stopwords=keep_stopwords, title_weight=title_weight, feedback=feedback, k1=k1,
            snippets=snippets, rank=_RANKS[rank], rerank_depth=rerank_depth,
            model=None if model is None else model._model, since=_seconds(since, now=clock),
            until=_seconds(until, until=True, now=clock),
            sort=_cari.SORT_DATE if sort == "date" else 0,
            source=source, author=author, category=category, lang=lang, facets=facets,
            recent=_half_life(recent), now=clock)
        return Results([_hit(h) for h in hits], total, exact_total, offset, suggestion, fixed,
                       {name: values for name, values in counted})

    def count(self, query: str, **options: Any) -> int:
        """The exact number of passages matching ``query`` (--count)."""
        return self.search(query, limit=0, exact_total=True, spelling=False, **options).total

    def stats(self) -> dict[str, Any]:
        """Totals: articles, passages, terms, bytes, stemmer, bm25_b."""
        return self._h.stats()

    def check(self) -> list[str]:
        """Verifies the index (Xapian's check, then cari's invariants) and
        returns the problems found: empty when it is sound."""
        return self._h.check()


class Writer(_Handle):
    """An index open for writing (created when missing; with
    ``rebuild=True`` built afresh beside the live one). One writer at a
    time: another raises :class:`LockedError`, or waits up to ``wait``
    seconds. ``b`` sets BM25's b of a new or rebuilt index.

    Changes become visible to searchers at :meth:`commit`, all at once.
    Used in a ``with`` block, the writer commits when the block ends
    normally and discards the changes when it raises."""

    def __init__(self, path: PathLike, *, rebuild: bool = False, stemmer: str = "stemmer-id",
                 wait: float = 0.0, b: float | None = None) -> None:
        self._h = _cari.Index([path], write=True, rebuild=rebuild,
                              stemmer=_stemmer_flag(stemmer), wait=wait)
        if b is not None:
            self._h.set_bm25_b(b)

    def __exit__(self, exc_type: object, *rest: object) -> None:
        try:
            if exc_type is None:
                self.commit()
        finally:
            self.close()

    def add(self, id: str, text: str, title: str | None = None) -> Added:
        """Adds or replaces the article ``id``. Without ``title``, ``text``
        is an article file's contents (the first line is the title when
        the second is empty); with it, ``text`` is the paragraphs, one per
        line. Unchanged content is left alone (``Change.UNCHANGED``)."""
        raw = text.encode("utf-8", "surrogateescape")
        if title is None:
            change, passages = self._h.add_text(id, raw)
        else:
            change, passages = self._h.add_article(id, title, raw)
        return Added(Change(change), passages)

    update = add  # replacing is what adding an indexed id does

    def add_file(self, id: str, path: PathLike) -> Added:
        """Adds or replaces ``id`` from an article file (``.html`` or
        ``.htm``: a saved web page, its metadata and article text taken
        from the page), read in pieces and not at all when its content is
        already indexed. Raises OSError when it cannot be read,
        :class:`InvalidError` for a binary file."""
        html = os.fsdecode(path).lower().endswith((".html", ".htm"))
        change, passages = self._h.add_file(id, path, html)
        return Added(Change(change), passages)

    def remove(self, id: str) -> None:
        """Removes the article ``id`` (not an error when it is absent)."""
        self._h.remove(id)

    def sync(self, *folders: PathLike, keep_missing: bool = False) -> SyncReport:
        """Brings the index to the state of the article files (``*.txt``,
        ``*.html``, ``*.htm``) under ``folders`` (folders, or single
        files), as ``cari-indexer FOLDER...`` does, through the library's
        folder sync: new files added, changed ones re-indexed, unchanged
        ones left alone, and the articles whose files are gone removed
        (unless ``keep_missing``). Ids are paths relative to the folder,
        or to the outermost folder the index records that holds it; a file
        or folder that cannot be read, or a binary file, is skipped, its
        articles kept, and named in the report's ``problems``. On a writer
        opened with ``rebuild=True``, every folder the old index records
        is read again and what the new index does not hold is counted as
        removed. Nothing is committed: :meth:`commit`, or the end of a
        ``with`` block, does that. Raises :class:`NotFoundError` for a
        path that does not exist."""
        for f in folders:
            if not os.path.exists(f):
                raise NotFoundError(f"{os.fsdecode(f)}: no such file or folder", 3)
        added, changed, unchanged, removed, skipped, problems = self._h.sync_folders(
            list(folders), keep_missing=keep_missing)
        return SyncReport(added, changed, unchanged, removed, skipped, problems)

    def commit(self) -> None:
        """Makes every change since the last commit durable and visible to
        searchers, at once."""
        self._h.commit()

    def compact(self) -> None:
        """Commits, then rewrites the index compactly and swaps it in."""
        self._h.compact()

    def warnings(self) -> list[InputWarning]:
        """The warnings about the input since the last call (invalid UTF-8
        replaced, an empty article, ...)."""
        return [InputWarning(os.fsdecode(i), n, m) for i, n, m in self._h.take_warnings()]
