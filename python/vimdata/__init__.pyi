"""Type stubs for vimdata (the Rust extension vimdata._native and its Python wrappers)."""

from typing import Any, Dict, Iterable, List, Optional, Tuple, TypedDict

class ErrorRecord(TypedDict):
    kind: str
    message: str

class Register(TypedDict):
    text: str
    lines: List[str]
    type: str

class VimdataError(Exception):
    """Any error of vimdata's."""
    kind: str

class Unsupported(VimdataError):
    """The engine does not model a key in this state; real Vim must judge the program."""
    key: str
    position: Optional[int]
    reason: str
    feature: str
    """What kind of thing was refused: normal, insert, visual, command-line, 'ex :name', regex, text."""

class LimitExceeded(VimdataError):
    """A bound on counts, steps or text size was exceeded."""
    limit: str
    position: int

class NoResult(VimdataError):
    """Real Vim gives no result for this program (it needs a terminal, or never finishes)."""

class ParseError(VimdataError):
    """A dataset line is not a record."""

class Vim:
    """An embedded Vim editing a text, as ``vim -u NONE -N`` does after reading it as a file."""
    def __init__(self, text: str = "", keys: str = "", keys_format: str = "notation") -> None: ...
    def feed(self, keys: str, keys_format: str = "notation") -> "Vim":
        """Type ``keys``; on an error the editor stays as it was before this call."""
    @property
    def text(self) -> str: ...
    @property
    def lines(self) -> List[str]: ...
    @property
    def cursor(self) -> Tuple[int, int]:
        """(line, byte column), 0-based."""
    @property
    def mode(self) -> str:
        """normal, insert, replace, visual, visual_line, visual_block, command_line or operator_pending."""
    @property
    def mode_code(self) -> str:
        """The mode as Vim's mode(1) spells it."""
    @property
    def has_quit(self) -> bool: ...
    def register(self, name: str) -> Optional[Register]: ...
    def mark(self, name: str) -> Optional[Tuple[int, int]]: ...
    def finish(self) -> str:
        """The contract's result from here (types <Esc><C-\\><C-N>:wq<CR>); the editor is unchanged."""

def apply(source: str, keys: str, keys_format: str = "notation") -> str:
    """The file's text after typing ``keys`` into Vim editing ``source`` (and the contract's closing keys)."""

def read_record(line: str) -> Dict[str, Optional[str]]:
    """Parse one JSONL dataset line as ``vimdata validate`` does; raises ParseError."""

def canonical_keys(keys: str, keys_format: str = "notation") -> str:
    """Keys in canonical Vim notation (``vimdata keys``)."""

def set_num_threads(n: Optional[int] = None) -> None:
    """Worker threads for the batch functions in this process (None: VIMDATA_NUM_THREADS, else every core)."""

def get_num_threads() -> int: ...

def apply_batch(sources: Iterable[Optional[str]], keys: Iterable[Optional[str]], keys_format: str = "notation") -> Dict[str, List[Any]]:
    """{"output": [str | None], "error": [ErrorRecord | None]}, as ``vimdata apply --jsonl``."""

def validate_batch(
    sources: Iterable[Optional[str]],
    keys: Iterable[Optional[str]],
    targets: Iterable[Optional[str]],
    exact: bool = False,
    keys_format: str = "notation",
) -> Dict[str, List[Any]]:
    """The apply_batch columns plus "verdict": match, mismatch, unsupported or error."""

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
    **kwargs: Any,
) -> List[float]:
    """TRL reward function: 1.0 on a match, else partial_weight x similarity, minus keystroke_penalty per key."""
