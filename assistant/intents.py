"""Question intents learned from examples (``assistant/data/intents.yaml``).

The classifier is TF-IDF on character n-grams (2–5, within words) and word n-grams (1–2)
of the folded question, with codes, years and numbers masked, and a multinomial logistic
regression on top: its probability is the intent's confidence. It was chosen by
measurement against nearest neighbours on MiniLM and on multilingual USE embeddings and
against a linear SVM (``python -m assistant.intent_compare``; numbers in
docs/question_understanding.md). Training on the bank takes about a second; one
prediction well under a millisecond.

Below :attr:`IntentClassifier.threshold` the top intent is not trusted: the caller should
answer by cited retrieval, not refuse. The threshold is fitted (:func:`fit_threshold`) on the
calibration wordings of ``heldout_intents.yaml`` (``own``) and stored in
``assistant/data/intent_model.yaml``; the eval-set questions written by others stay a clean test.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np

from assistant.entities import fold, load_data, phrase_regex

# Codes, years and other numbers are masked: the intent never depends on which code or year.
_CODE = re.compile(r"(?<![a-z0-9])(?:iop|iss|ss|op|is|s|o\.p)\s?[.\-]?\s?\d{1,2}(?:\s?[.\s-]\s?\d{1,2}){0,4}(?![\d])"
                   r"|(?<![a-z0-9])(?:iop|iss|ss|op|is)(?:\d{2}){2,5}(?![\d])")
_YEAR = re.compile(r"(?<!\d)20[0-4]\d(?!\d)")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")


@lru_cache(maxsize=1)
def source_phrase() -> re.Pattern[str]:
    """"según el reporte de cumplimiento", "according to the libraries compliance report": where the
    answer should come from (``source_leads`` and ``source_nouns`` of slots.yaml), not what is asked."""
    slots = load_data("slots.yaml")
    leads, nouns = phrase_regex(slots["source_leads"]).pattern, phrase_regex(slots["source_nouns"]).pattern
    return re.compile(rf"{leads}\s+(?:[a-z]+\s+){{0,3}}?{nouns}(?:\s+(?:de\s+cumplimiento|compliance))?")


def without_source(folded: str) -> str:
    """``folded`` without its source phrase, up to the comma that closes it when one comes soon
    ("según el decreto supremo que aprueba la PNBP, cómo se financia…": cómo se financia…)."""
    m = source_phrase().search(folded)
    if m is None:
        return folded
    end = m.end()
    comma = folded.find(",", end)
    if 0 <= comma - end <= SOURCE_TAIL_CHARS:
        end = comma + 1
    return f"{folded[:m.start()]} {folded[end:]}"


# How far past its noun a source phrase may run to the comma that closes it.
SOURCE_TAIL_CHARS = 60


def intent_text(text: str) -> str:
    """The text the classifier reads: folded, without a source phrase, codes → "xcodigo",
    years → "xanio", numbers → "xnum"."""
    folded = source_phrase().sub(" ", fold(text))
    folded = _CODE.sub(" xcodigo ", folded)
    folded = _YEAR.sub(" xanio ", folded)
    folded = _NUMBER.sub(" xnum ", folded)
    folded = folded.replace("%", " porciento ")
    return re.sub(r"\s+", " ", re.sub(r"[¿?¡!.,;:()\"]", " ", folded)).strip()


@dataclass(frozen=True)
class Example:
    """One labelled wording."""

    text: str
    intent: str


def load_examples() -> list[Example]:
    """The example bank (package data)."""
    bank = load_data("intents.yaml")["intents"]
    return [Example(text, intent) for intent, spec in bank.items() for text in spec["examples"]]


def load_heldout() -> dict[str, Any]:
    """Held-out wordings and the intent labels of other people's eval questions (never trained on)."""
    return load_data("heldout_intents.yaml")


def stored_threshold() -> float:
    """The confidence threshold fitted by ``python -m assistant.intent_compare --fit``."""
    return float(load_data("intent_model.yaml")["threshold"])


def build_pipeline(c: float = 10.0) -> Any:
    """TF-IDF char 2–5 (within words) + word 1–2 → multinomial logistic regression."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline, make_union

    features = make_union(
        TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=1),
        TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True, token_pattern=r"[a-z0-9ñ%]+"),
    )
    # newton-cg reaches the same (convex) optimum as lbfgs in a third of the time here.
    return make_pipeline(features, LogisticRegression(C=c, solver="newton-cg", max_iter=2000))


class IntentClassifier:
    """Predicts intents with confidences; trained on examples when built.

    Training uses scikit-learn; prediction reads the fitted vocabularies, IDF weights and
    coefficients directly (scikit-learn's per-call validation costs ~10 ms for one question,
    this ~0.3 ms). :meth:`predict_sklearn` is the reference it is tested against.
    """

    def __init__(self, examples: list[Example], threshold: float = 0.0) -> None:
        from threadpoolctl import threadpool_limits

        self.pipeline = build_pipeline()
        # One BLAS thread: on a busy 2-core machine more threads made training 4× slower (7 s vs 1.8 s).
        with threadpool_limits(1):
            self.pipeline.fit([intent_text(e.text) for e in examples], [e.intent for e in examples])
        self.labels: list[str] = [str(label) for label in self.pipeline.classes_]
        self.threshold = threshold
        union, model = self.pipeline.steps[0][1], self.pipeline.steps[-1][1]
        self._blocks = []
        offset = 0
        for _, vectorizer in union.transformer_list:
            vocab = vectorizer.vocabulary_
            self._blocks.append((vectorizer.build_analyzer(), vocab, vectorizer.idf_, offset))
            offset += len(vocab)
        self._coef = np.asarray(model.coef_, dtype=np.float64)
        self._intercept = np.asarray(model.intercept_, dtype=np.float64)

    def _features(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        cols: list[int] = []
        vals: list[float] = []
        for analyzer, vocab, idf, offset in self._blocks:
            counts: dict[int, int] = {}
            for gram in analyzer(text):
                j = vocab.get(gram)
                if j is not None:
                    counts[j] = counts.get(j, 0) + 1
            if not counts:
                continue
            idx = np.fromiter(counts, dtype=np.int64, count=len(counts))
            weights = (1.0 + np.log(np.fromiter(counts.values(), dtype=np.float64, count=len(counts)))) * idf[idx]
            weights /= np.linalg.norm(weights)
            cols.extend((idx + offset).tolist())
            vals.extend(weights.tolist())
        return np.asarray(cols, dtype=np.int64), np.asarray(vals, dtype=np.float64)

    def probabilities(self, text: str) -> np.ndarray:
        """Class probabilities (in :attr:`labels` order) of one question."""
        cols, vals = self._features(intent_text(text))
        scores = self._intercept + (self._coef[:, cols] @ vals if len(cols) else 0.0)
        scores = np.exp(scores - scores.max())
        return scores / scores.sum()

    def predict(self, text: str) -> list[tuple[str, float]]:
        """(intent, confidence) for every intent, most likely first; confidences sum to 1."""
        probs = self.probabilities(text)
        ranked = sorted(zip(self.labels, (float(p) for p in probs)), key=lambda e: -e[1])
        return [(label, round(p, 4)) for label, p in ranked]

    def predict_sklearn(self, text: str) -> np.ndarray:
        """The same probabilities computed by scikit-learn (reference for the tests)."""
        return self.pipeline.predict_proba([intent_text(text)])[0]


def fit_threshold(confidences: list[float], correct: list[bool], wrong_cost: float = 2.0,
                  fallback_value: float = 0.5) -> float:
    """The confidence below which a prediction is not trusted, fitted on labelled predictions.

    Maximises (right answers kept) − ``wrong_cost`` × (wrong answers kept) + ``fallback_value``
    × (questions sent to cited retrieval): a wrongly routed question costs more than a right
    one gains, and a cited retrieval answer counts as half right. Ties go to the lowest threshold.
    """
    best_t, best_u = 0.0, float("-inf")
    for t in sorted({0.0, *confidences}):
        kept = [ok for c, ok in zip(confidences, correct) if c >= t]
        dropped = len(confidences) - len(kept)
        utility = sum(kept) - wrong_cost * (len(kept) - sum(kept)) + fallback_value * dropped
        if utility > best_u + 1e-12:
            best_t, best_u = t, utility
    return round(best_t, 4)


@lru_cache(maxsize=1)
def default_classifier() -> IntentClassifier:
    """The classifier trained on the packaged bank, built on first use (≈0.5 s)."""
    return IntentClassifier(load_examples(), stored_threshold())
