"""The pipeline's outputs load in Hugging Face `datasets` as they are written: the clean set
as JSONL and as Parquet, with the same columns and rows."""

import json

import datasets

from conftest import run_cli


PAIRS = [
    {"source": "let x = 1;\nlet y = 2;\n", "target": "let x = 10;\nlet y = 2;\n", "repo": "r", "path": "a.rs", "depth": "hunk"},
    {"source": "def f(a, b):\n    return a\n", "target": "def f(a, b):\n    return b\n", "lang": "python"},
    {"source": "one two three\n", "target": "one three\n"},
    {"source": "a\nb\nc\n", "target": "a\nc\nb\n"},
]


def test_clean_set_loads_as_json_and_parquet(cli, tmp_path):
    pairs = tmp_path / "pairs.jsonl"
    pairs.write_text("".join(json.dumps(p) + "\n" for p in PAIRS), encoding="utf-8")
    clean = tmp_path / "kept.jsonl"
    parquet = tmp_path / "kept.parquet"
    done = run_cli(cli, "propose", "--with", "synth", "--n", "2", str(pairs), "-o", str(clean), "--parquet", str(parquet))
    assert done.returncode == 0, done.stderr.decode()

    as_json = datasets.load_dataset("json", data_files=str(clean), split="train")
    as_parquet = datasets.load_dataset("parquet", data_files=str(parquet), split="train")
    assert len(as_json) >= len(PAIRS), "every pair has at least one proven program"
    assert as_json.column_names == as_parquet.column_names
    assert as_json.to_list() == as_parquet.to_list()
    for row in as_parquet:
        assert row["proven_by"] in ("emulator", "vim")
        assert row["vim_version"] == "9.0.1378"
        assert row["keystrokes"] > 0
    # Every kept program really turns its source into its target (checked by the module).
    import vimdata

    judged = vimdata.validate_batch(as_parquet["source"], as_parquet["keys"], as_parquet["target"])
    assert set(judged["verdict"]) == {"match"}
