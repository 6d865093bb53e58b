"""The recorded corpus through the module gives the CLI's records, byte for byte."""

import json

import vimdata
from conftest import run_cli


def write_jsonl(path, records):
    with open(path, "w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


def test_apply_batch_equals_apply_jsonl(cli, corpus, tmp_path):
    records = [{"source": c["source"], "keys": c["keys"]} for c in corpus]
    path = tmp_path / "programs.jsonl"
    write_jsonl(path, records)
    done = run_cli(cli, "apply", "--jsonl", str(path))
    assert done.returncode == 0, done.stderr.decode()
    expected = [json.loads(line) for line in done.stdout.decode().splitlines()]
    assert len(expected) == len(records)

    got = vimdata.apply_batch([r["source"] for r in records], [r["keys"] for r in records])
    assert set(got) == {"output", "error"}
    for i, want in enumerate(expected):
        assert got["output"][i] == want.get("output"), (i, records[i])
        assert got["error"][i] == want.get("error"), (i, records[i])
    # The corpus is Vim's: every program the engine runs gives the recorded output.
    assert sum(o is not None for o in got["output"]) > len(records) // 2


def test_apply_equals_the_recorded_vim_output(corpus):
    checked = 0
    for case in corpus[::50]:
        try:
            out = vimdata.apply(case["source"], case["keys"])
        except vimdata.Unsupported:
            continue
        except (vimdata.LimitExceeded, vimdata.NoResult):
            assert "error" in case["vim"], case
            continue
        assert out == case["vim"]["output"], case
        checked += 1
    assert checked > 100


def test_validate_batch_equals_validate_report(cli, corpus, tmp_path):
    # Targets from the recording, a few made wrong and one missing, as a dataset would have.
    records = []
    for i, c in enumerate(corpus):
        target = c["vim"].get("output", "")
        if i % 97 == 0:
            target = target + "wrong"
        record = {"source": c["source"], "keys": c["keys"], "target": target}
        if i == 5:
            del record["target"]
        records.append(record)
    path = tmp_path / "dataset.jsonl"
    report = tmp_path / "report.jsonl"
    write_jsonl(path, records)
    done = run_cli(cli, "validate", str(path), "--report", str(report))
    assert done.returncode in (0, 1), done.stderr.decode()
    expected = [json.loads(line) for line in report.read_text(encoding="utf-8").splitlines()]
    assert len(expected) == len(records)

    got = vimdata.validate_batch(
        [r["source"] for r in records], [r["keys"] for r in records], [r.get("target") for r in records]
    )
    for i, want in enumerate(expected):
        assert got["verdict"][i] == want["verdict"], (i, records[i])
        assert got["output"][i] == want["output"], (i, records[i])
        assert got["error"][i] == want["error"], (i, records[i])
    verdicts = set(got["verdict"])
    assert {"match", "mismatch", "error"} <= verdicts
