"""Hugging Face `datasets`: `map(batched=True, num_proc=2)` in forked workers."""

import datasets

import vimdata


def judge(batch):
    return vimdata.validate_batch(batch["source"], batch["keys"], batch["target"])


def test_map_batched_num_proc_2():
    n = 4000
    rows = {
        "source": [f"word{i} other\n" for i in range(n)],
        "keys": ["dw" if i % 3 else "x:perldo 1<CR>" for i in range(n)],
        "target": ["other\n" if i % 5 else "wrong\n" for i in range(n)],
    }
    # The parent uses its worker pool first: forked children must build their own, not
    # wait forever on threads that did not survive the fork.
    expected = vimdata.validate_batch(rows["source"], rows["keys"], rows["target"])
    ds = datasets.Dataset.from_dict(rows)
    judged = ds.map(judge, batched=True, batch_size=500, num_proc=2)
    assert judged["verdict"] == expected["verdict"]
    assert judged["output"] == expected["output"]
    assert {"match", "mismatch", "unsupported"} <= set(judged["verdict"])
