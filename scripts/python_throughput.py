#!/usr/bin/env python3
"""Records/s of the Python module against the CLI on one JSONL dataset (README's numbers).

    python3 scripts/python_throughput.py /tmp/edits1m.jsonl [--spark] [--cli target/release/vimdata]

Reading the file into columns is timed apart: `apply_batch` and `validate_batch` are timed on
columns already in memory, as `datasets.map` and pandas hand them over. The CLI's time is the
whole `vimdata validate FILE` run, reading included. With --spark, a local[2] session runs
validate_batch in mapInPandas over the file.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import time

import vimdata


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("dataset")
    parser.add_argument("--cli", default="target/release/vimdata")
    parser.add_argument("--spark", action="store_true")
    args = parser.parse_args()

    started = time.perf_counter()
    sources, keys, targets = [], [], []
    with open(args.dataset, encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            sources.append(r.get("source"))
            keys.append(r.get("keys"))
            targets.append(r.get("target"))
    n = len(sources)
    print(f"read {n} records into columns: {time.perf_counter() - started:.2f} s")

    started = time.perf_counter()
    subprocess.run([args.cli, "validate", args.dataset], check=False, stdout=subprocess.DEVNULL)
    cli = time.perf_counter() - started
    print(f"vimdata validate (CLI):  {cli:.2f} s  {n / cli:>10.0f} records/s")

    for name, run in (
        ("apply_batch", lambda: vimdata.apply_batch(sources, keys)),
        ("validate_batch", lambda: vimdata.validate_batch(sources, keys, targets)),
    ):
        started = time.perf_counter()
        run()
        seconds = time.perf_counter() - started
        print(f"{name + ' (Python):':24} {seconds:.2f} s  {n / seconds:>10.0f} records/s  ({cli / seconds:.2f}x the CLI)")

    if args.spark:
        spark_run(args.dataset, n)


def validate_partitions(frames):
    import pandas as pd

    for frame in frames:
        yield pd.DataFrame({"verdict": vimdata.validate_batch(frame["source"], frame["keys"], frame["target"])["verdict"]})


def spark_run(path: str, n: int) -> None:
    from pyspark.sql import SparkSession
    from pyspark.sql.types import StringType, StructField, StructType

    os.environ["PYSPARK_PYTHON"] = sys.executable
    spark = SparkSession.builder.master("local[2]").config("spark.ui.enabled", "false").getOrCreate()
    schema = StructType([StructField(c, StringType()) for c in ("source", "keys", "target")])
    started = time.perf_counter()
    counts = dict(
        spark.read.schema(schema).json(path).mapInPandas(validate_partitions, schema="verdict string").groupBy("verdict").count().collect()
    )
    seconds = time.perf_counter() - started
    spark.stop()
    print(f"Spark local[2] mapInPandas: {seconds:.2f} s  {n / seconds:>10.0f} records/s  {counts}")


if __name__ == "__main__":
    main()
