"""The query words of a change of the kill-loop corpus (gen_corpus.py).

  changed_words.py OLD NEW NEWWORDS OLDWORDS
OLD and NEW are version files written by gen_corpus.py (a missing OLD:
every article at version 0).  Writes to NEWWORDS the unique words of the
articles whose version differs, at their new versions, and to OLDWORDS the
same articles' words at their old versions; prints how many articles.
"""
import sys


def load(path):
    versions = {}
    try:
        for line in open(path):
            k, v = line.split()
            versions[int(k)] = int(v)
    except FileNotFoundError:
        pass
    return versions


old, new = load(sys.argv[1]), load(sys.argv[2])
changed = [k for k in new if new[k] != old.get(k, 0)]
open(sys.argv[3], "w").write(" ".join("kode%05dv%d" % (k, new[k]) for k in changed))
open(sys.argv[4], "w").write(" ".join("kode%05dv%d" % (k, old.get(k, 0)) for k in changed))
print(len(changed))
