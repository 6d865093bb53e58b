"""A 100,000-record batch from Python: the CLI's records, with the interpreter lock released."""

import json
import threading

import vimdata
from conftest import run_cli

PROGRAMS = ["dw", "x", "ciwnew<Esc>", "yyp", "A!<Esc>", "2dd", "gUiw", ">>", "J", "o<C-r>\"<Esc>", "x:perldo 1<CR>", "3~", "u", "ddP"]
SOURCES = ["alpha beta gamma\n", "one\ntwo\nthree\n", "  indented line\nnext\n", "x = f(a, b)\n", ""]


def batch(n):
    sources = [SOURCES[i % len(SOURCES)] + str(i) for i in range(n)]
    keys = [PROGRAMS[(i * 5) % len(PROGRAMS)] for i in range(n)]
    return sources, keys


def test_100k_records_equal_the_cli(cli, tmp_path):
    n = 100_000
    sources, keys = batch(n)
    got = vimdata.apply_batch(sources, keys)
    assert len(got["output"]) == n and len(got["error"]) == n

    path = tmp_path / "batch.jsonl"
    with open(path, "w", encoding="utf-8") as f:
        for s, k in zip(sources, keys):
            f.write(json.dumps({"source": s, "keys": k}) + "\n")
    done = run_cli(cli, "apply", "--jsonl", str(path))
    assert done.returncode == 0, done.stderr.decode()
    expected = [json.loads(line) for line in done.stdout.decode().splitlines()]
    # Compared record by record: a failing `==` on two 100,000-item lists makes pytest
    # compute a diff that takes hours.
    for i, e in enumerate(expected):
        assert (e.get("output"), e.get("error")) == (got["output"][i], got["error"][i]), f"record {i}: {sources[i]!r} {keys[i]!r}"
    kinds = {e["kind"] for e in got["error"] if e}
    assert "unsupported" in kinds


def test_other_threads_run_while_a_batch_runs():
    # The batch releases the interpreter lock: a Python thread makes progress meanwhile.
    sources, keys = batch(200_000)
    ticks = []
    stop = threading.Event()

    def tick():
        while not stop.is_set():
            ticks.append(1)
            stop.wait(0.001)

    t = threading.Thread(target=tick)
    t.start()
    vimdata.apply_batch(sources, keys)
    stop.set()
    t.join()
    assert len(ticks) > 1


def test_columns_from_pandas_and_pyarrow():
    import pandas as pd
    import pyarrow as pa

    frame = pd.DataFrame({"source": ["ab\n", None, "cd\n"], "keys": ["x", "x", "dd"], "target": ["b", "", ""]})
    out = vimdata.validate_batch(frame["source"], frame["keys"], frame["target"])
    assert out["verdict"] == ["match", "error", "match"]
    table = pa.table(frame)
    out = vimdata.apply_batch(table.column("source"), table.column("keys"))
    assert out["output"] == ["b\n", None, ""]
    assert pd.DataFrame(out).shape == (3, 2)
