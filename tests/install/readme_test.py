"""Runs the examples of README.md through installed files.

    readme_test.py README BIN PYTHONPATH CORPUS

Every command of a ``sh`` block, every ``$ `` line of a plain block and
every ``build/bin/`` line runs in a scratch folder with BIN first on PATH
(``build/bin/`` stripped), on inputs made for it (the corpus, a single
article, JSON Lines, queries, stemmer gold files, two yearly indexes); the
``python`` block runs with the installed module; ./cari-index holds the
corpus.  A ``$ `` line's output
lines must appear in what it prints.  The shard server example runs on
127.0.0.1.  Build and install commands (make, cmake, cc, cpack, sudo) and
source-tree scripts are left to the tests of the build; a line that is
none of these and not run fails the test, so a new example cannot be
forgotten.
"""
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time

README, BIN, PYPATH, CORPUS = sys.argv[1:5]
# Lines the build's own tests cover (they need the source or build tree).
BUILD_TREE = re.compile(r"^(make|cmake|sudo|cc|\(cd build|stemmer-id/ablate\.sh|build/examples/)")
failures = []
ran = 0


def blocks(text):
    """Yields (language, lines) of each fenced block, its lines without
    the fence's indentation and trailing space."""
    lang, lines, indent = None, None, 0
    for line in text.splitlines():
        s = line.strip()
        if s.startswith("```"):
            if lines is None:
                lang, lines, indent = s[3:], [], len(line) - len(line.lstrip())
            else:
                yield lang, lines
                lines = None
        elif lines is not None:
            lines.append(line[indent:].rstrip())


def run(cmd, work, env, expect=()):
    """Runs one shell command line; records a failure."""
    global ran
    ran += 1
    p = subprocess.run(["sh", "-c", cmd], cwd=work, env=env, capture_output=True, text=True,
                       timeout=300)
    out = (p.stdout + p.stderr).splitlines()
    ok_status = p.returncode == 0 or (p.returncode == 1 and "cari-searcher" in cmd)
    if not ok_status:
        failures.append(f"{cmd}: exit {p.returncode}: {p.stderr.strip()[:300]}")
    for want in expect:
        if want not in out:
            failures.append(f"{cmd}: no line {want!r} in its output: {out[:8]}")


def make_inputs(work, env):
    shutil.copytree(CORPUS, os.path.join(work, "corpus"))
    os.makedirs(os.path.join(work, "news/2026"))
    with open(os.path.join(work, "news/2026/a.txt"), "w") as f:
        f.write("Banjir di Hulu\n\nBanjir merendam desa; korban jiwa belum ada.\n")
    with open(os.path.join(work, "articles.jsonl"), "w") as f:
        f.write('{"id": "j/1", "title": "Latihan", "text": "Pasukan berlatih menerbangkan drone."}\n'
                '{"id": "j/2", "text": "Harga beras naik lagi."}\n')
    with open(os.path.join(work, "queries.tsv"), "w") as f:
        f.write("q1\tdrone pelatihan\nq2\tbanjir\n")
    # Questions and judgments of the bundled corpus for the training example
    # (cari-train --queries q.tsv --qrels q.qrels), one article each.
    judged = [("banjir merendam desa", "bencana/banjir-rendam-lebakjati.txt"),
              ("gempa di pandanlaut", "bencana/gempa-guncang-pandanlaut.txt"),
              ("sekolah pilot drone", "bencana/sekolah-pilot-drone-tanggap-bencana.txt"),
              ("festival sastra lisan", "budaya/festival-sastra-lisan-lebakjati.txt"),
              ("suku bunga acuan", "ekonomi/bi-tahan-suku-bunga-acuan.txt"),
              ("harga cabai melonjak", "ekonomi/harga-cabai-melonjak-di-pasar-banyuarga.html"),
              ("ongkos kirim naik", "ekonomi/ongkos-kirim-naik-umkm-banyuarga.txt"),
              ("demam berdarah", "kesehatan/kasus-demam-berdarah-naik-di-sabra.txt"),
              ("mangrove ditanam warga", "lingkungan/warga-muarasari-tanam-mangrove.txt"),
              ("maraton pelari", "olahraga/maraton-banyuarga-diikuti-ribuan-pelari.txt"),
              ("pelatih baru persiwa", "olahraga/persiwa-wirasari-tunjuk-pelatih-baru.txt"),
              ("petani padi tahan kekeringan",
               "pertanian/petani-beralih-ke-padi-tahan-kekeringan.txt")]
    with open(os.path.join(work, "q.tsv"), "w") as q, \
         open(os.path.join(work, "q.qrels"), "w") as r:
        for i, (question, article) in enumerate(judged, 1):
            q.write(f"q{i}\t{question}\n")
            r.write(f"q{i} 0 {article} 1\n")
    os.makedirs(os.path.join(work, "PATH/TO"))
    for name in ("ud-dev.tsv", "sastrawi-cases.tsv"):
        with open(os.path.join(work, "PATH/TO", name), "w") as f:
            f.write("menulis\ttulis\nmengirim\tkirim\nrumah\trumah\n")
    run("cari-indexer -q -d cari-index corpus", work, env)  # the default index
    folders = sorted(f for f in os.listdir(os.path.join(work, "corpus"))
                     if os.path.isdir(os.path.join(work, "corpus", f)))
    for year, part in (("news-2025", folders[::2]), ("news-2026", folders[1::2])):
        for folder in part:
            run(f"cari-indexer -q -d {year} corpus/{folder}", work, env)


def shard_server(block, work, env):
    """Serves the shard the block names on 127.0.0.1; returns the process
    and the block with the address replaced."""
    text = "\n".join(block)
    m = re.search(r"xapian-tcpsrv --interface (\S+) --port (\d+) (\S+)", text)
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    shard = os.path.join(work, m.group(3).replace("/srv/cari/", ""))
    srv = subprocess.Popen(["xapian-tcpsrv", "--interface", "127.0.0.1", "--port", str(port),
                            "--quiet", shard], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(80):
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                break
        time.sleep(0.1)
    text = text.replace(f"{m.group(1)}:{m.group(2)}", f"127.0.0.1:{port}")
    return srv, [l for l in text.splitlines() if not l.startswith("xapian-tcpsrv")]


def main():
    work = tempfile.mkdtemp(prefix="cari-readme.")
    env = {"PATH": f"{BIN}:/usr/bin:/bin", "HOME": work, "PYTHONPATH": PYPATH,
           "CARI_INDEX": os.path.join(work, "my-index"), "LANG": "C.UTF-8"}
    try:
        make_inputs(work, env)
        text = open(README, encoding="utf-8").read()
        for lang, block in blocks(text):
            if lang == "python":
                with open(os.path.join(work, "example.py"), "w") as f:
                    f.write("\n".join(block) + "\n")
                run("python3 example.py", work, env)
                continue
            srv = None
            if any(l.startswith("xapian-tcpsrv") for l in block):
                srv, block = shard_server(block, work, env)
            i = 0
            while i < len(block):
                line = block[i]
                i += 1
                prompt = line.startswith("$ ")
                cmd = line[2:] if prompt else line
                if lang not in ("sh", "") or not cmd or cmd.startswith("#"):
                    continue
                if not (lang == "sh" or prompt or cmd.startswith("build/bin/")):
                    continue
                if BUILD_TREE.match(cmd):
                    continue
                expect = []
                while prompt and i < len(block) and block[i] and not block[i].startswith("$ "):
                    expect.append(re.sub(r"\s+\(on stderr\)$", "", block[i]))
                    i += 1
                if not re.match(r"(build/bin/)?cari-|echo |printf ", cmd):
                    failures.append(f"an example neither run nor left to the build: {cmd}")
                    continue
                run(cmd.replace("build/bin/", ""), work, env, expect)
            if srv:
                srv.kill()
                srv.wait()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    for f in failures:
        print("FAIL:", f, file=sys.stderr)
    print(f"README examples: {ran} run, {len(failures)} failed")
    return 1 if failures or ran < 20 else 0


sys.exit(main())
