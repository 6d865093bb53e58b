"""A local Spark session validates a JSONL file with `mapInPandas`: the same counts as
`vimdata validate` on that file."""

import json
import os
import re
import sys
import time

import vimdata
from conftest import run_cli


def validate_partitions(frames):
    """mapInPandas: one pandas frame of records in, the verdicts out."""
    import pandas as pd

    for frame in frames:
        out = vimdata.validate_batch(frame["source"], frame["keys"], frame["target"])
        yield pd.DataFrame({"verdict": out["verdict"]})


def test_spark_counts_equal_the_cli(cli, corpus, tmp_path):
    from pyspark.sql import SparkSession
    from pyspark.sql.types import StringType, StructField, StructType

    path = tmp_path / "records.jsonl"
    n = 0
    with open(path, "w", encoding="utf-8") as f:
        for i, c in enumerate(corpus):
            target = c["vim"].get("output", "") + ("wrong" if i % 89 == 0 else "")
            f.write(json.dumps({"source": c["source"], "keys": c["keys"], "target": target}, ensure_ascii=False) + "\n")
            n += 1
        f.write('{"keys": "x", "target": "no source"}\n')
        n += 1

    done = run_cli(cli, "validate", str(path))
    summary = re.search(r"(\d+) records: (\d+) matched, (\d+) mismatched, (\d+) unsupported, (\d+) errors", done.stdout.decode())
    assert summary, done.stdout.decode() + done.stderr.decode()
    total, matched, mismatched, unsupported, errors = map(int, summary.groups())
    assert total == n

    # Spark's Python workers run this interpreter, where vimdata is installed.
    os.environ["PYSPARK_PYTHON"] = sys.executable
    spark = (
        SparkSession.builder.master("local[2]")
        .appName("vimdata-test")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .getOrCreate()
    )
    try:
        schema = StructType([StructField(name, StringType()) for name in ("source", "keys", "target")])
        records = spark.read.schema(schema).json(str(path)).repartition(4)
        started = time.perf_counter()
        counts = dict(
            records.mapInPandas(validate_partitions, schema="verdict string").groupBy("verdict").count().collect()
        )
        seconds = time.perf_counter() - started
        print(f"\nSpark local[2]: {n} records in {seconds:.1f} s ({n / seconds:.0f} records/s)")
    finally:
        spark.stop()
    assert counts.get("match", 0) == matched
    assert counts.get("mismatch", 0) == mismatched
    assert counts.get("unsupported", 0) == unsupported
    assert counts.get("error", 0) == errors
    assert sum(counts.values()) == n
