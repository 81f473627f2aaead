"""Writes a corpus of N small generated articles for the kill-loop tests.

Each article holds one word unique to it, "kodeNNNNNvV" (N its number, V a
version), so a search for that word must find exactly that article.
  gen_corpus.py DIR N [--bump K SEED]   write N articles, or rewrite K of
                                       them (chosen by SEED) at a new version
"""
import os
import random
import sys

WORDS = ("tentara drone pelatihan kapal harga beras pasar kota desa gempa banjir "
         "sekolah guru murid rumah sakit dokter jalan kereta petani sawah hujan").split()


def write(root, k, version):
    rnd = random.Random(k * 1000 + version)
    path = os.path.join(root, "bagian%02d" % (k % 17), "artikel-%05d.txt" % k)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    paras = []
    for p in range(3):
        words = [rnd.choice(WORDS) for _ in range(25)]
        if p == 1:
            words.insert(5, "kode%05dv%d" % (k, version))
        paras.append(" ".join(words).capitalize() + ".")
    with open(path, "w") as f:
        f.write("Judul artikel %d\n\n%s\n" % (k, "\n".join(paras)))


def main():
    root, n = sys.argv[1], int(sys.argv[2])
    if len(sys.argv) > 3 and sys.argv[3] == "--bump":
        count, seed = int(sys.argv[4]), int(sys.argv[5])
        rnd = random.Random(seed)
        state = os.path.join(root, "..", "versions")
        versions = {}
        if os.path.exists(state):
            for line in open(state):
                k, v = line.split()
                versions[int(k)] = int(v)
        for k in rnd.sample(range(n), count):
            versions[k] = versions.get(k, 0) + 1
            write(root, k, versions[k])
        with open(state, "w") as f:
            for k, v in sorted(versions.items()):
                f.write("%d %d\n" % (k, v))
    else:
        for k in range(n):
            write(root, k, 0)


main()
