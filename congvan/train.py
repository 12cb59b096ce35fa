"""`congvan train`: the obligation model (extractors.model) trained from the annotated letters.

The examples come from ``corpus/letters`` and ``corpus/gold`` only (never the
evaluation corpus in shared/): pipeline.train_data cuts them, whole letters
are split into train and dev with a fixed seed, spaCy trains a small
tok2vec + textcat + spancat pipeline offline, the dev letters are scored,
and the best model is written without its training-only parts.

    .venv/bin/python -c "from pathlib import Path; from congvan.train import train; train(Path('models/obligations'), 0)"
"""
from __future__ import annotations

import json
import logging
import shutil
import tempfile
import time
from pathlib import Path

from pipeline.train_data import LABELS, SPAN_LABELS, Example, corpus_examples, split

log = logging.getLogger("congvan")

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
SPANS_KEY = "sc"
MAX_SPAN_TOKENS = 16       # longest ASSIGNEE / DEADLINE the spancat suggests, in tokens (97 % of the gold)

# Blank Vietnamese with spaCy's rule-based tokenizer: the "vi" default splits on
# whitespace only (use_pyvi false), which glues commas and brackets to syllables
# ("vụ,") so that spans ending before punctuation cannot be annotated.
CONFIG = """
[paths]
train = null
dev = null

[system]
gpu_allocator = null
seed = {seed}

[nlp]
lang = "vi"
pipeline = ["tok2vec","textcat","spancat"]
batch_size = 64
tokenizer = {{"@tokenizers":"spacy.Tokenizer.v1"}}

[components]

[components.tok2vec]
factory = "tok2vec"

[components.tok2vec.model]
@architectures = "spacy.Tok2Vec.v2"

[components.tok2vec.model.embed]
@architectures = "spacy.MultiHashEmbed.v2"
width = 96
attrs = ["NORM","PREFIX","SUFFIX","SHAPE"]
rows = [5000,1000,2500,500]
include_static_vectors = false

[components.tok2vec.model.encode]
@architectures = "spacy.MaxoutWindowEncoder.v2"
width = 96
depth = 4
window_size = 1
maxout_pieces = 3

[components.textcat]
factory = "textcat"
threshold = 0.0

[components.textcat.model]
@architectures = "spacy.TextCatEnsemble.v2"
nO = null

[components.textcat.model.tok2vec]
@architectures = "spacy.Tok2VecListener.v1"
width = ${{components.tok2vec.model.encode.width}}
upstream = "tok2vec"

[components.textcat.model.linear_model]
@architectures = "spacy.TextCatBOW.v3"
exclusive_classes = true
length = 65536
ngram_size = 2
no_output_layer = false

[components.spancat]
factory = "spancat"
spans_key = "{spans_key}"
threshold = 0.5
max_positive = 1

[components.spancat.model]
@architectures = "spacy.SpanCategorizer.v1"

[components.spancat.model.reducer]
@layers = "spacy.mean_max_reducer.v1"
hidden_size = 128

[components.spancat.model.scorer]
@layers = "spacy.LinearLogistic.v1"

[components.spancat.model.tok2vec]
@architectures = "spacy.Tok2VecListener.v1"
width = ${{components.tok2vec.model.encode.width}}
upstream = "tok2vec"

[components.spancat.suggester]
@misc = "spacy.ngram_range_suggester.v1"
min_size = 1
max_size = {max_span}

[corpora]

[corpora.train]
@readers = "spacy.Corpus.v1"
path = ${{paths.train}}
max_length = 0

[corpora.dev]
@readers = "spacy.Corpus.v1"
path = ${{paths.dev}}
max_length = 0

[training]
seed = ${{system.seed}}
gpu_allocator = ${{system.gpu_allocator}}
dropout = 0.1
accumulate_gradient = 1
patience = 1600
max_epochs = 0
max_steps = {max_steps}
eval_frequency = 200
frozen_components = []
annotating_components = []
dev_corpus = "corpora.dev"
train_corpus = "corpora.train"
before_to_disk = null
before_update = null

[training.batcher]
@batchers = "spacy.batch_by_words.v1"
discard_oversize = false
tolerance = 0.2

[training.batcher.size]
@schedules = "compounding.v1"
start = 100
stop = 1000
compound = 1.001

[training.logger]
@loggers = "spacy.ConsoleLogger.v1"
progress_bar = false

[training.optimizer]
@optimizers = "Adam.v1"
beta1 = 0.9
beta2 = 0.999
L2_is_weight_decay = true
L2 = 0.01
grad_clip = 1.0
use_averages = false
eps = 0.00000001
learn_rate = 0.001

[training.score_weights]
cats_macro_f = 0.5
spans_{spans_key}_f = 0.5

[pretraining]

[initialize]
vectors = null
init_tok2vec = null
vocab_data = null
lookups = null
before_init = null
after_init = null

[initialize.components]

[initialize.components.textcat]
labels = {labels}

[initialize.components.spancat]
labels = {span_labels}

[initialize.tokenizer]
"""


def config_text(seed: int, max_steps: int = 4000) -> str:
    """The spaCy training config of the obligation model."""
    return CONFIG.format(seed=seed, spans_key=SPANS_KEY, max_span=MAX_SPAN_TOKENS, max_steps=max_steps,
                         labels=json.dumps(list(LABELS)), span_labels=json.dumps(list(SPAN_LABELS)))


def train(out: Path, seed: int, corpus: Path = CORPUS, max_steps: int = 4000) -> dict:
    """Train on ``corpus``'s letters, score the dev letters, write the model to ``out``; the metrics."""
    from spacy.cli.train import train as spacy_train

    started = time.monotonic()
    examples = corpus_examples(corpus / "letters", corpus / "gold")
    if not examples:
        raise FileNotFoundError(f"no letters with gold files under {corpus}/letters and {corpus}/gold")
    train_names, dev_names = split(list(examples), seed=seed)
    with tempfile.TemporaryDirectory(prefix="congvan-train-") as work:
        work = Path(work)
        config = work / "config.cfg"
        config.write_text(config_text(seed, max_steps), encoding="utf-8")
        nlp = _blank(config)
        dropped = _write_docbin(nlp, [e for n in train_names for e in examples[n]], work / "train.spacy")
        dropped += _write_docbin(nlp, [e for n in dev_names for e in examples[n]], work / "dev.spacy")
        spacy_train(config, work / "output", overrides={"paths.train": str(work / "train.spacy"),
                                                        "paths.dev": str(work / "dev.spacy")})
        metrics = evaluate(work / "output" / "model-best", [e for n in dev_names for e in examples[n]])
        _install(work / "output" / "model-best", Path(out))
    metrics.update(seed=seed, train_letters=len(train_names), dev_letters=dev_names,
                   examples=sum(len(v) for v in examples.values()), spans_not_aligned=dropped,
                   seconds=round(time.monotonic() - started, 1), size_bytes=_size(Path(out)))
    (Path(out) / "training.json").write_text(json.dumps(metrics, ensure_ascii=False, indent=2) + "\n",
                                             encoding="utf-8")
    return metrics


def _blank(config: Path):
    import spacy
    from spacy import util

    cfg = util.load_config(config)
    return spacy.blank("vi", config={"nlp": {"tokenizer": cfg["nlp"]["tokenizer"]}})


def to_doc(nlp, example: Example):
    """The example as a spaCy Doc with its gold category and spans, and how many spans were left out
    (a span that cuts a token, or one longer than the suggester's longest n-gram)."""
    doc = nlp.make_doc(example.text)
    doc.cats = {label: float(label == example.label) for label in LABELS}
    spans = [doc.char_span(s, e, label=label, alignment_mode="strict") for label, s, e in example.spans]
    doc.spans[SPANS_KEY] = [s for s in spans if s is not None and len(s) <= MAX_SPAN_TOKENS]
    return doc, len(spans) - len(doc.spans[SPANS_KEY])


def _write_docbin(nlp, examples: list[Example], path: Path) -> int:
    from spacy.tokens import DocBin

    docbin, dropped = DocBin(store_user_data=False), 0
    for example in examples:
        doc, lost = to_doc(nlp, example)
        docbin.add(doc)
        dropped += lost
    docbin.to_disk(path)
    return dropped


def evaluate(model: Path, examples: list[Example]) -> dict:
    """Textcat accuracy and macro F, span precision / recall / F (exact boundaries) on ``examples``."""
    import spacy
    from spacy.training import Example as SpacyExample

    nlp = spacy.load(model)
    gold = [to_doc(nlp, e)[0] for e in examples]
    scores = nlp.evaluate([SpacyExample(nlp.make_doc(d.text), d) for d in gold])
    predicted = [max(d.cats, key=d.cats.get) for d in nlp.pipe(e.text for e in examples)]
    accuracy = sum(p == e.label for p, e in zip(predicted, examples)) / max(1, len(examples))
    per_type = scores.get(f"spans_{SPANS_KEY}_per_type") or {}
    return {
        "textcat": {"accuracy": round(accuracy, 3), "macro_f": round(scores["cats_macro_f"], 3),
                    "per_label": {k: {m: round(v, 3) for m, v in d.items()}
                                  for k, d in scores["cats_f_per_type"].items()}},
        "spans": {"p": round(scores[f"spans_{SPANS_KEY}_p"], 3), "r": round(scores[f"spans_{SPANS_KEY}_r"], 3),
                  "f": round(scores[f"spans_{SPANS_KEY}_f"], 3),
                  "per_label": {k: {m: round(v, 3) for m, v in d.items()} for k, d in per_type.items()}},
        "dev_examples": len(examples),
    }


def _install(best: Path, out: Path) -> None:
    """Copy the best model to ``out`` without the training corpus paths in its config."""
    from spacy import util

    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(best, out)
    cfg = util.load_config(out / "config.cfg", interpolate=False)
    cfg["paths"]["train"] = None
    cfg["paths"]["dev"] = None
    cfg.to_disk(out / "config.cfg")
    meta = json.loads((out / "meta.json").read_text(encoding="utf-8"))
    meta.update(name="congvan_obligations", license="GPL-3.0-or-later",
                description="Body items of Vietnamese official letters: task or not (textcat), "
                            "assignee and deadline spans (spancat). Trained by `congvan train`.")
    (out / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def _size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
