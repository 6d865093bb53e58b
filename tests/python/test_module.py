"""The module's single-program API: apply, Vim, and the exceptions each error maps to."""

import pickle

import pytest

import vimdata


def test_apply_gives_the_contract_result():
    assert vimdata.apply("hello world\n", "wcwthere<Esc>") == "hello there\n"
    assert vimdata.apply("one two", "dw") == "two\n"


def test_keys_formats():
    assert vimdata.apply("abc\n", "x\x1bx", keys_format="raw") == "c\n"
    assert vimdata.apply("abc\n", "ix\\e", keys_format="seed") == "xabc\n"
    with pytest.raises(ValueError):
        vimdata.apply("abc\n", "x", keys_format="emacs")


def test_canonical_keys_as_the_cli():
    assert vimdata.canonical_keys("ifoo<esc>") == "ifoo<Esc>"


def test_vim_state():
    vim = vimdata.Vim("hello world\n", "wcwthere<Esc>")
    assert vim.text == "hello there\n"
    assert vim.lines == ["hello there"]
    assert vim.cursor == (0, 10)
    assert vim.mode == "normal"
    assert vim.register('"') == {"text": "world", "lines": ["world"], "type": "v"}
    vim.feed("ma0").feed("d")
    assert vim.mode == "operator_pending"
    assert vim.mark("a") == (0, 10)
    assert vim.register("z") is None
    assert vim.finish() == "hello there\n"
    assert not vim.has_quit


def test_linewise_register():
    vim = vimdata.Vim("a\nb\n", "yy")
    assert vim.register("0") == {"text": "a\n", "lines": ["a"], "type": "V"}


def test_unsupported_carries_key_and_position():
    with pytest.raises(vimdata.Unsupported) as raised:
        vimdata.apply("abc\n", "x:perldo 1<CR>")
    err = raised.value
    assert isinstance(err, vimdata.VimdataError)
    assert err.kind == "unsupported"
    # Refused when <CR> runs the command, named by the command.
    assert (err.key, err.position) == (":perldo", 10)
    assert isinstance(err.reason, str)
    assert err.feature == "ex :perldo"


def test_a_failed_feed_leaves_the_editor_as_it_was():
    vim = vimdata.Vim("abc\n", "x")
    with pytest.raises(vimdata.Unsupported):
        vim.feed("x:perldo 1<CR>")
    assert vim.text == "bc\n"


def test_limit_exceeded():
    with pytest.raises(vimdata.LimitExceeded) as raised:
        vimdata.apply("abc\n", "qaq" + "qa@aq@a")
    assert raised.value.kind == "limit"
    assert isinstance(raised.value.limit, str)
    assert isinstance(raised.value.position, int)


def test_no_result():
    with pytest.raises(vimdata.NoResult) as raised:
        vimdata.apply("abc\n", "ix<Esc>[")
    assert raised.value.kind == "no-result"


def test_parse_error():
    assert vimdata.read_record('{"source": "a", "keys": "x", "target": ""}') == {"source": "a", "keys": "x", "target": ""}
    with pytest.raises(vimdata.ParseError):
        vimdata.read_record('{"keys": "x"}')


def test_functions_pickle_by_reference():
    for f in (vimdata.apply, vimdata.apply_batch, vimdata.validate_batch, vimdata.reward_batch):
        assert pickle.loads(pickle.dumps(f)) is f


def test_thread_count_control():
    vimdata.set_num_threads(1)
    assert vimdata.get_num_threads() == 1
    assert vimdata.apply_batch(["a\n"] * 10, ["x"] * 10)["output"] == ["\n"] * 10
    vimdata.set_num_threads(None)
    assert vimdata.get_num_threads() >= 1


def test_batch_columns_must_have_one_length():
    with pytest.raises(ValueError):
        vimdata.apply_batch(["a"], [])


def test_missing_values_are_error_records():
    out = vimdata.validate_batch([None, "a\n", "b\n"], ["x", None, ""], ["", "a", "b"])
    assert out["verdict"] == ["error", "error", "match"]
    assert [e and e["kind"] for e in out["error"]] == ["parse", "parse", None]


def test_reward_batch():
    sources = ["hello world\n"] * 4
    targets = ["hello there\n"] * 4
    completions = ["wcwthere<Esc>", "wcwthe<Esc>", "x:perldo 1<CR>", [{"role": "assistant", "content": " wcwthere<Esc>\n"}]]
    scores = vimdata.reward_batch(sources, targets, completions, keystroke_penalty=0.0)
    assert scores[0] == 1.0
    assert 0.0 < scores[1] < 0.5
    assert scores[2] == 0.0
    assert scores[3] == 1.0
    penalised = vimdata.reward_batch(source=sources[:1], target=targets[:1], completions=completions[:1], prompts=["p"], keystroke_penalty=0.01)
    assert penalised == [pytest.approx(1.0 - 0.01 * 9)]
