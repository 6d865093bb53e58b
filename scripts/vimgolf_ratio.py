#!/usr/bin/env python3
"""The synthesiser against people on VimGolf: for each challenge in
tests/data/foreign_vimgolf.jsonl (public write-ups: start text, a person's solution, and the
text real Vim made of it), propose programs for (start, Vim's end text) and compare the
shortest proven one's keystrokes with the person's.

    python3 scripts/vimgolf_ratio.py [target/release/vimdata]

Prints the challenges, the median and quartiles of synthesiser keys / human keys.
"""
import json
import re
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def keystrokes(notation: str) -> int:
    """Keys in Vim notation: `<Esc>` is one key, every other character one."""
    return len(re.findall(r"<[^<>\s]+>|.", notation, re.S))


def main() -> None:
    cli = sys.argv[1] if len(sys.argv) > 1 else str(REPO / "target" / "release" / "vimdata")
    human = {}
    with tempfile.TemporaryDirectory() as tmp:
        pairs = Path(tmp) / "pairs.jsonl"
        with open(REPO / "tests" / "data" / "foreign_vimgolf.jsonl", encoding="utf-8") as f, open(pairs, "w", encoding="utf-8") as out:
            for line in f:
                case = json.loads(line)
                target = case["vim"].get("output")
                if target is None or target == case["source"]:
                    continue
                key = (case["source"], target)
                human[key] = min(human.get(key, 1 << 30), keystrokes(case["keys"]))
                out.write(json.dumps({"source": case["source"], "target": target}) + "\n")
        clean = Path(tmp) / "kept.jsonl"
        subprocess.run([cli, "propose", "--with", "synth", "--n", "3", str(pairs), "-o", str(clean)], check=True, stderr=subprocess.DEVNULL)
        best = {}
        for line in open(clean, encoding="utf-8"):
            r = json.loads(line)
            key = (r["source"], r["target"])
            best[key] = min(best.get(key, 1 << 30), r["keystrokes"])
    ratios = sorted(best[k] / human[k] for k in best)
    q1, median, q3 = statistics.quantiles(ratios, n=4)
    print(f"{len(ratios)} of {len(human)} challenges proven; synthesiser/human keystrokes: "
          f"median {median:.2f}, quartiles {q1:.2f}-{q3:.2f}; at most the human's on {sum(r <= 1 for r in ratios)}")


if __name__ == "__main__":
    main()
