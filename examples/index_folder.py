#!/usr/bin/env python3
"""Indexes a folder of articles with the cari module and prints the hits
of a query as JSON Lines, as cari-searcher --json does (the summary last).

    python3 examples/index_folder.py INDEX FOLDER QUERY...

Run it again after changing the folder: only what changed is re-indexed.
"""
import json
import sys

import cari


def main(argv: list[str]) -> int:
    if len(argv) < 4:
        print(f"usage: {argv[0]} INDEX FOLDER QUERY...", file=sys.stderr)
        return 2
    index, folder, query = argv[1], argv[2], " ".join(argv[3:])
    try:
        with cari.Writer(index) as w:
            report = w.sync(folder)
        for problem in report.problems:
            print(f"{argv[0]}: {problem}", file=sys.stderr)
        with cari.Index(index) as idx:
            res = idx.search(query)
    except cari.Error as e:
        print(f"{argv[0]}: {e.args[0]}", file=sys.stderr)
        return 2
    for hit in res:
        print(json.dumps(hit.to_json(), ensure_ascii=False))
    print(json.dumps(res.summary()))
    return 0 if len(res) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
