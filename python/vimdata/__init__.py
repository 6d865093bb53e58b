"""vimdata: a faithful Vim engine in Rust, from Python.

The engine applies a keystroke program to a text exactly as Vim 9.0 does under the project's
contract (keys typed into ``vim -u NONE -N``, then ``<Esc><C-\\><C-N>:wq<CR>``), or refuses
with :class:`Unsupported` naming the key it does not model. It never guesses.

>>> import vimdata
>>> vimdata.apply("hello world\\n", "wcwthere<Esc>")
'hello there\\n'

The batch functions take columns (lists, pandas Series, pyarrow arrays) and return a dict of
lists, the shape ``datasets.Dataset.map(batched=True)`` and ``pandas.DataFrame`` take. They
release the interpreter lock and run on worker threads of their own, built on first use in each
process (so ``num_proc`` forks and Spark's Python workers each get theirs); see
:func:`set_num_threads`.
"""

from typing import Any, Dict, Iterable, List, Optional

from vimdata._native import (
    LimitExceeded,
    NoResult,
    ParseError,
    Unsupported,
    Vim,
    VimdataError,
    apply,
    canonical_keys,
    get_num_threads,
    read_record,
    set_num_threads,
)
from vimdata import _native

__all__ = [
    "LimitExceeded",
    "NoResult",
    "ParseError",
    "Unsupported",
    "Vim",
    "VimdataError",
    "apply",
    "apply_batch",
    "canonical_keys",
    "get_num_threads",
    "read_record",
    "reward_batch",
    "set_num_threads",
    "validate_batch",
]


def _column(values: Iterable[Any]) -> List[Optional[str]]:
    """A column as a list of str or None: lists pass through; pandas, numpy and pyarrow
    columns are converted (a missing value, None or NaN, becomes None)."""
    if isinstance(values, list):
        return values
    if hasattr(values, "to_pylist"):  # pyarrow
        return values.to_pylist()
    if hasattr(values, "tolist"):  # pandas, numpy
        values = values.tolist()
    return [v if isinstance(v, str) else None for v in values]


def apply_batch(sources: Iterable[Optional[str]], keys: Iterable[Optional[str]], keys_format: str = "notation") -> Dict[str, list]:
    """Apply each record's keys to its source, in parallel.

    Returns ``{"output": [str | None], "error": [dict | None]}``: the records
    ``vimdata apply --jsonl`` writes, as columns (an error is ``{"kind", "message"}`` with
    kind ``unsupported``, ``limit``, ``no-result``, ``encoding`` or ``parse``).
    """
    return _native.apply_batch(_column(sources), _column(keys), keys_format)


def validate_batch(
    sources: Iterable[Optional[str]],
    keys: Iterable[Optional[str]],
    targets: Iterable[Optional[str]],
    exact: bool = False,
    keys_format: str = "notation",
) -> Dict[str, list]:
    """Judge each record as ``vimdata validate`` does, in parallel.

    Returns the :func:`apply_batch` columns plus ``verdict``: ``"match"``, ``"mismatch"``,
    ``"unsupported"`` (real Vim must judge it) or ``"error"``. Without ``exact`` a missing
    final newline does not count, as in the CLI.
    """
    return _native.validate_batch(_column(sources), _column(keys), _column(targets), exact, keys_format)


def _completion_text(completion: Any) -> Optional[str]:
    """The key program in a completion: a str, or the last message's ``content`` of a
    conversational completion (a list of ``{"role", "content"}`` dicts)."""
    if isinstance(completion, str):
        return completion
    if isinstance(completion, list) and completion and isinstance(completion[-1], dict):
        content = completion[-1].get("content")
        return content if isinstance(content, str) else None
    return None


def reward_batch(
    sources: Optional[Iterable[Optional[str]]] = None,
    targets: Optional[Iterable[Optional[str]]] = None,
    completions: Optional[Iterable[Any]] = None,
    *,
    partial_weight: float = 0.5,
    keystroke_penalty: float = 0.001,
    failure_score: float = 0.0,
    strip: bool = True,
    exact: bool = False,
    keys_format: str = "notation",
    source: Optional[Iterable[Optional[str]]] = None,
    target: Optional[Iterable[Optional[str]]] = None,
    **_: Any,
) -> List[float]:
    """Score model completions (key programs) by running them on the sources.

    1.0 when the output matches the target; else ``partial_weight`` times the similarity of
    the output to the target (1 - characters inserted and deleted / characters in both); minus
    ``keystroke_penalty`` per key. A program without a result (a key the engine does not model,
    a limit) scores ``failure_score``. With ``strip``, whitespace around a completion is
    removed first (a model's final newline is not meant as a key).

    The signature is the one TRL's ``GRPOTrainer(reward_funcs=[vimdata.reward_batch])``
    calls: ``completions`` and the dataset's columns as keyword arguments, so a dataset with
    columns ``source`` and ``target`` works as it is (``prompts`` and other columns are
    ignored).
    """
    sources = sources if sources is not None else source
    targets = targets if targets is not None else target
    if sources is None or targets is None or completions is None:
        raise TypeError("reward_batch needs sources (or a `source` column), targets (or `target`) and completions")
    programs = [_completion_text(c) for c in completions]
    if strip:
        programs = [p.strip() if p is not None else None for p in programs]
    return _native.reward_scores(
        _column(sources),
        _column(targets),
        programs,
        partial_weight,
        keystroke_penalty,
        failure_score,
        exact,
        keys_format,
    )
