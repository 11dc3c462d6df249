"""Articles to v1 records: run the pipeline, in one process or several, in input order.

Input is streamed through a bounded window of batches, so memory stays flat however
long the input is; results come back in the order the articles went in.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.config import MAX_ARTICLE_CHARS
from newsgraph.errors import InputError
from newsgraph.nlp import load
from newsgraph.records import Article

Record = dict[str, Any]
Result = Record | InputError

#: Articles sent to a worker at a time; large enough to amortise pickling, small enough to stream.
BATCH_SIZE = 16


def default_workers() -> int:
    """All cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def make_doc(nlp: Language, article: Article) -> Doc:
    """A tokenised Doc of the article's text, carrying the article for later components."""
    doc = nlp.make_doc(article.text[:MAX_ARTICLE_CHARS])
    doc._.article = article
    return doc


def record_from_doc(doc: Doc) -> Record:
    """The v1 output record of one annotated Doc."""
    return {
        "article": doc._.article.to_dict(),
        "entities": [entity.to_dict() for entity in doc._.entities or ()],
        "events": [event.to_dict() for event in doc._.events or ()],
        "claims": [claim.to_dict() for claim in doc._.claims or ()],
        "quantities": [quantity.to_dict() for quantity in doc._.quantities or ()],
    }


def annotate(nlp: Language, articles: list[Article]) -> list[Result]:
    """Run the pipeline over a batch; an article that breaks a component fails alone."""
    try:
        docs = nlp.pipe(make_doc(nlp, article) for article in articles)
        return [record_from_doc(doc) for doc in docs]
    except Exception:
        if len(articles) == 1:
            raise
    results: list[Result] = []
    for article in articles:
        try:
            results.extend(annotate(nlp, [article]))
        except Exception as exc:
            results.append(
                InputError(article.id, f"extraction failed ({type(exc).__name__}: {exc})")
            )
    return results


_worker_nlp: Language | None = None


def _init_worker(model: str | None) -> None:
    global _worker_nlp
    _worker_nlp = load(model)


def _annotate_in_worker(articles: list[Article]) -> list[Result]:
    assert _worker_nlp is not None, "worker not initialised"
    return annotate(_worker_nlp, articles)


def _batches(items: Iterable[Article | InputError]) -> Iterator[list[Article] | InputError]:
    """Group articles into batches; input errors pass through in their place."""
    batch: list[Article] = []
    for item in items:
        if isinstance(item, InputError):
            if batch:
                yield batch
                batch = []
            yield item
            continue
        batch.append(item)
        if len(batch) >= BATCH_SIZE:
            yield batch
            batch = []
    if batch:
        yield batch


def extract_records(
    items: Iterable[Article | InputError],
    *,
    model: str | None = None,
    workers: int | None = None,
) -> Iterator[Result]:
    """Records (or errors) for each input, in input order."""
    workers = workers or default_workers()
    if workers <= 1:
        nlp = load(model)
        for batch in _batches(items):
            if isinstance(batch, InputError):
                yield batch
            else:
                yield from annotate(nlp, batch)
        return
    window: deque[Future[list[Result]] | InputError] = deque()
    with _worker_pool(workers, model) as pool:
        for batch in _batches(items):
            if isinstance(batch, InputError):
                window.append(batch)
            else:
                window.append(pool.submit(_annotate_in_worker, batch))
            while len(window) > 2 * workers:
                yield from _drain(window.popleft())
        while window:
            yield from _drain(window.popleft())


def _worker_pool(workers: int, model: str | None) -> ProcessPoolExecutor:
    """Worker processes with the pipeline loaded: forked from a loaded parent where the OS
    allows (as spaCy's own ``n_process`` does), so the model is shared copy-on-write."""
    if "fork" in multiprocessing.get_all_start_methods():
        _init_worker(model)
        return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))
    return ProcessPoolExecutor(workers, initializer=_init_worker, initargs=(model,))


def _drain(entry: Future[list[Result]] | InputError) -> Iterator[Result]:
    if isinstance(entry, InputError):
        yield entry
    else:
        yield from entry.result()
