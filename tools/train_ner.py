"""Train the CRF mention recogniser from the open NER gold in ../shared/corpora/ner (`make model`).

    python tools/train_ner.py                     # fit on ANERcorp train + dev, write the model
    python tools/train_ner.py --tune              # fit on train, score the CRF alone on dev

Never reads a test split: ANERcorp's test.conll (and NewsFANE's, the same text) is for reporting
only (`kg eval-ner`). The model goes to kg/resources/models/ner-crf.crfsuite (CC BY-SA 4.0).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.eval import read_conll, score_spans  # noqa: E402
from kg.extract.crf import MODEL, CRFRecognizer, train  # noqa: E402


def conll(path: Path) -> list[tuple[list[str], list[str]]]:
    out, words, tags = [], [], []
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if not line.strip():
            if words:
                out.append((words, tags))
            words, tags = [], []
            continue
        token, tag = line.split("\t")[0], line.split("\t")[-1]
        words.append(token)
        tags.append(tag)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ner", type=Path, default=ROOT.parent / "shared" / "corpora" / "ner")
    parser.add_argument("--tune", action="store_true", help="train on train only and score on dev")
    parser.add_argument("--out", type=Path, default=MODEL)
    parser.add_argument("--c1", type=float, default=0.05)
    parser.add_argument("--c2", type=float, default=0.05)
    parser.add_argument("--iterations", type=int, default=150)
    args = parser.parse_args()
    corpus = args.ner / "anercorp_camel"
    data = conll(corpus / "train.conll")
    if not args.tune:
        data += conll(corpus / "dev.conll")
    out = args.out if not args.tune else Path("/tmp/kg-ner-tune.crfsuite")
    started = time.process_time()
    train(data, out, c1=args.c1, c2=args.c2, iterations=args.iterations)
    print(f"trained on {len(data)} sentences in {time.process_time() - started:.0f} CPU-s → {out} "
          f"({out.stat().st_size // 1024} KiB)")
    if args.tune:
        gold = read_conll(corpus / "dev.conll")
        crf = CRFRecognizer(out)
        predicted = []
        for sent in gold:
            tags = crf.tag(list(sent.tokens))
            spans, i = set(), 0
            while i < len(tags):
                if tags[i] == "O":
                    i += 1
                    continue
                kind, j = tags[i][2:], i + 1
                while j < len(tags) and tags[j] == f"I-{kind}":
                    j += 1
                spans.add((i, j, {"PER": "PERS"}.get(kind, kind)))
                i = j
            predicted.append(spans)
        report = score_spans(gold, predicted)
        per_tag = {t: s["f1"] for t, s in report["tags"].items()}
        print("dev, the CRF alone:", per_tag, "micro", report["micro"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
