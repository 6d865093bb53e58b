#!/usr/bin/env python3
"""Extracts (source, keys) programs from other Vim emulators' test suites into vimdata cases.

Reads the test files straight from bare git mirrors (`git show COMMIT:PATH`) and writes JSONL
lines `{"source", "keys", "origin"}` for `examples/record_corpus.rs --cases`, which asks real Vim
for the result. Only the programs are taken: each suite's own expected texts are ignored, because
real Vim is the judge.

    scripts/import_foreign.py vscodevim GITDIR OUT.jsonl
    scripts/import_foreign.py ideavim   GITDIR OUT.jsonl
    scripts/import_foreign.py evil      GITDIR OUT.jsonl    (Emacs Evil's evil-tests.el)
    scripts/import_foreign.py vimgolf   GITDIR OUT.jsonl    (README.md write-ups of challenges)

The starting cursor: our contract starts every program on the first non-blank of line 1, so a
test's cursor at (line L, character C) becomes the prefix `{L}j0{C}l` (each part left out when
zero). `j`, `0` and `l` leave no trace a later command can see (no jump, no register, no undo
step); `l` sets the wanted column exactly as placing the cursor does. A cursor past the last
character (legal in those editors' Normal mode, not in Vim's) is put on the last character.
Tests with several cursors or a selection are dropped. See tests/data/FOREIGN.md.
"""
import json
import re
import subprocess
import sys

# Vim key names (`:help key-notation`) whose meaning is the same in the foreign suites' notation.
VIM_KEY_NAMES = {
    "esc", "cr", "enter", "return", "bs", "backspace", "tab", "del", "delete", "left", "right",
    "up", "down", "home", "end", "insert", "space", "bar", "lt", "bslash", "pageup", "pagedown",
    "nl", "s-tab", "c-left", "c-right", "s-left", "s-right", "c-home", "c-end", "s-up", "s-down",
}


def vim_key_token_ok(name):
    """Whether `<name>` is a key both Vim and the foreign notation read the same way."""
    low = name.lower()
    if low in VIM_KEY_NAMES:
        return True
    if re.fullmatch(r"c-[a-z@\[\]\\^_]", low):
        return True
    return re.fullmatch(r"f([1-9]|1[0-2])", low) is not None


def normalize_keys(keys):
    """Foreign key string -> our notation, or None when a bracketed name is not a Vim key."""
    out = []
    i = 0
    while i < len(keys):
        ch = keys[i]
        if ch == "<":
            close = keys.find(">", i + 1)
            inner = keys[i + 1:close] if close > 0 else ""
            if close > 0 and re.fullmatch(r"[A-Za-z0-9][-A-Za-z0-9\[\]\\^_@]*", inner):
                if not vim_key_token_ok(inner):
                    return None
                out.append("<" + inner + ">")
                i = close + 1
                continue
            out.append("<lt>")
        elif ch == "\n" or ch == "\r":
            out.append("<CR>")
        elif ch == "\t":
            out.append("<Tab>")
        elif ch == "\x1b":
            out.append("<Esc>")
        elif ord(ch) < 0x20:
            out.append("<C-%s>" % chr(ord(ch) + 0x60))
        else:
            out.append(ch)
        i += 1
    return "".join(out)


def cursor_prefix(lines, line, col):
    """Keys that move from the start (line 1, first non-blank) to (line, col), 0-based chars."""
    if line >= len(lines):
        return None
    col = min(col, max(len(lines[line]) - 1, 0))
    prefix = ("%dj" % line if line else "") + "0" + ("%dl" % col if col else "")
    return prefix


def case(lines, line, col, keys, origin):
    keys = normalize_keys(keys)
    prefix = cursor_prefix(lines, line, col)
    if keys is None or prefix is None or any("\0" in l for l in lines):
        return None
    return {"source": "\n".join(lines) + "\n", "keys": prefix + keys, "origin": origin}


def git_files(gitdir, commit, pattern):
    names = subprocess.run(["git", "-C", gitdir, "ls-tree", "-r", "--name-only", commit],
                           check=True, capture_output=True, text=True).stdout.split("\n")
    return [n for n in names if re.search(pattern, n)]


def git_show(gitdir, commit, path):
    return subprocess.run(["git", "-C", gitdir, "show", "%s:%s" % (commit, path)],
                          check=True, capture_output=True).stdout.decode("utf-8", "replace")


# ---------------------------------------------------------------- string-expression evaluator

class Unsupported(Exception):
    """An expression that is not a plain concatenation of literals (the test is dropped)."""


def read_js_string(src, i):
    """A JS string literal at src[i] ('...', "..." or `...` without ${}) -> (value, end)."""
    quote = src[i]
    out = []
    i += 1
    while i < len(src):
        ch = src[i]
        if ch == quote:
            return "".join(out), i + 1
        if ch == "\\":
            i += 1
            esc = src[i]
            simple = {"n": "\n", "t": "\t", "r": "\r", "\\": "\\", "'": "'", '"': '"', "`": "`",
                      "0": "\0", "b": "\b", "v": "\v", "f": "\f", "\n": ""}
            if esc in simple:
                out.append(simple[esc])
            elif esc == "u":
                if src[i + 1] == "{":
                    end = src.index("}", i)
                    out.append(chr(int(src[i + 2:end], 16)))
                    i = end
                else:
                    out.append(chr(int(src[i + 1:i + 5], 16)))
                    i += 4
            elif esc == "x":
                out.append(chr(int(src[i + 1:i + 3], 16)))
                i += 2
            else:
                out.append(esc)
        elif quote == "`" and src.startswith("${", i):
            raise Unsupported("template")
        elif ch == "\n" and quote != "`":
            raise Unsupported("newline in string")
        else:
            out.append(ch)
        i += 1
    raise Unsupported("unterminated")


def skip_ws(src, i):
    while i < len(src):
        if src[i].isspace():
            i += 1
        elif src.startswith("//", i):
            i = src.find("\n", i)
            i = len(src) if i < 0 else i
        elif src.startswith("/*", i):
            i = src.index("*/", i) + 2
        else:
            break
    return i


def js_string_expr(src, i, string_at=read_js_string):
    """`'a' + 'b'` (optionally `.repeat(n)` after a literal) -> (value, end)."""
    parts = []
    while True:
        i = skip_ws(src, i)
        if i >= len(src) or src[i] not in "'\"`":
            raise Unsupported("not a literal")
        value, i = string_at(src, i)
        m = re.match(r"\.repeat\((\d+)\)", src[i:])
        if m:
            value *= int(m.group(1))
            i += m.end()
        parts.append(value)
        j = skip_ws(src, i)
        if j < len(src) and src[j] == "+":
            i = j + 1
            continue
        return "".join(parts), i


def balanced_end(src, i):
    """Index just past the bracket group opening at src[i], skipping strings and comments."""
    depth = 0
    while i < len(src):
        ch = src[i]
        if ch in "'\"`":
            try:
                _, i = read_js_string(src, i)
            except (Unsupported, ValueError, IndexError):
                i += 1
            continue
        if src.startswith("//", i) or src.startswith("/*", i):
            i = skip_ws(src, i)
            continue
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    raise Unsupported("unbalanced")


# ---------------------------------------------------------------- VSCodeVim

def vscodevim(gitdir, out):
    commit = "HEAD"
    # Left out: plugins (keys that mean nothing to Vim), remapping/configuration, multi-cursor,
    # and ex commands that touch files, windows, tabs or the shell.
    skip = re.compile(r"test/(plugins|configuration|multicursor|completion|vimscript|util|state)/|"
                      r"cmd_line/(bang|grep|write|writequit|split|vsplit|tab|only|historyFile|"
                      r"bufferDelete|breakpoints|smile|tabCompletion)\.test")
    cases, dropped = [], {}
    for path in git_files(gitdir, commit, r"^test/.*\.test\.ts$"):
        if skip.search(path):
            continue
        src = git_show(gitdir, commit, path)
        for m in re.finditer(r"\bnewTest(Skip|Only)?\(\s*\{", src):
            def make():
                end = balanced_end(src, m.end() - 1)
                return vscodevim_test(src[m.end() - 1:end], path)
            take(make, cases, dropped, str)
    return write(cases, out, dropped)


def vscodevim_test(obj, path):
    if re.search(r"\bconfig\s*:|editorOptions\s*:|\bstub\s*:", obj):
        raise Unsupported("configured editor")
    start_at = re.search(r"\bstart\s*:\s*\[", obj)
    keys_at = re.search(r"\bkeysPressed\s*:", obj)
    if not start_at or not keys_at:
        raise Unsupported("no start/keysPressed")
    i = start_at.end()
    lines = []
    while True:
        i = skip_ws(obj, i)
        if obj[i] == "]":
            break
        value, i = js_string_expr(obj, i)
        lines.append(value)
        i = skip_ws(obj, i)
        if obj[i] == ",":
            i += 1
    keys, _ = js_string_expr(obj, keys_at.end())
    cursors = [(n, l.index("|")) for n, l in enumerate(lines) if "|" in l]
    if len(cursors) != 1 or lines[cursors[0][0]].count("|") != 1:
        raise Unsupported("not one cursor")
    line, col_units = cursors[0]
    text = lines[line]
    col = len(text[:col_units])  # Python strings are code points, like a Vim character
    lines[line] = text.replace("|", "", 1)
    return case(lines, line, col, keys, path)


# ---------------------------------------------------------------- IdeaVim

def kotlin_string(src, i, env):
    """A Kotlin string literal ("..." or \"\"\"...\"\"\" with `.trimIndent()`/`.trimMargin()`)
    -> (value with the caret as \\x01, end). `$c`/`${c}` is the caret; other templates fail."""
    raw = src.startswith('"""', i)
    if raw:
        end = src.index('"""', i + 3)
        while src.startswith('"', end + 3):  # """ followed by more quotes closes at the last
            end += 1
        body = src[i + 3:end]
        i = end + 3
    else:
        j = i + 1
        out = []
        while src[j] != '"':
            if src[j] == "\\":
                j += 1
                esc = src[j]
                table = {"n": "\n", "t": "\t", "r": "\r", "\\": "\\", '"': '"', "'": "'",
                         "$": "\x02", "b": "\b"}
                if esc == "u":
                    out.append(chr(int(src[j + 1:j + 5], 16)))
                    j += 4
                elif esc in table:
                    out.append(table[esc])
                else:
                    raise Unsupported("escape")
            elif src[j] == "\n":
                raise Unsupported("newline")
            else:
                out.append(src[j])
            j += 1
        body = "".join(out)
        i = j + 1
    body = kotlin_templates(body, env)
    m = re.match(r"\s*\.(trimIndent|trimMargin)\(\)", src[i:])
    if m:
        body = trim_indent(body) if m.group(1) == "trimIndent" else trim_margin(body)
        i += m.end()
    m = re.match(r"\.repeat\((\d+)\)", src[i:])
    if m:
        body *= int(m.group(1))
        i += m.end()
    return body.replace("\x02", "$"), i


def kotlin_templates(body, env):
    def sub(m):
        name = m.group(1) or m.group(2)
        if name == "c":
            return "\x01"
        if name in env:
            return env[name]
        raise Unsupported("template " + name)
    return re.sub(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)", sub, body)


def trim_indent(text):
    lines = text.split("\n")
    if lines and not lines[0].strip():
        lines = lines[1:]
    if lines and not lines[-1].strip():
        lines = lines[:-1]
    indents = [len(l) - len(l.lstrip()) for l in lines if l.strip()]
    cut = min(indents) if indents else 0
    return "\n".join(l[cut:] for l in lines)


def trim_margin(text):
    lines = text.split("\n")
    if lines and not lines[0].strip():
        lines = lines[1:]
    if lines and not lines[-1].strip():
        lines = lines[:-1]
    return "\n".join(re.sub(r"^\s*\|", "", l) for l in lines)


def kotlin_expr(src, i, env):
    """Concatenation of Kotlin literals / known `val`s, or `listOf(...)` of them, joined."""
    i = skip_ws(src, i)
    for wrapper in ("injector.parser.parseKeys(", "parseKeys(", "listOf(", "keys(",
                    "Lists.newArrayList(", "mutableListOf(", "arrayOf("):
        if src.startswith(wrapper, i):
            parts = []
            i += len(wrapper)
            while True:
                value, i = kotlin_expr(src, i, env)
                parts.append(value)
                i = skip_ws(src, i)
                if src[i] == ",":
                    i = skip_ws(src, i + 1)
                    if src[i] == ")":
                        return "".join(parts), i + 1
                    continue
                if src[i] == ")":
                    return "".join(parts), i + 1
                raise Unsupported("call")
    parts = []
    while True:
        i = skip_ws(src, i)
        if src.startswith('"', i):
            value, i = kotlin_string(src, i, env)
        else:
            m = re.match(r"[A-Za-z_][A-Za-z0-9_]*", src[i:])
            if not m or m.group(0) not in env:
                raise Unsupported("expression")
            value = env[m.group(0)]
            i += m.end()
        parts.append(value)
        j = skip_ws(src, i)
        if src.startswith("+", j) and not src.startswith("+=", j):
            i = j + 1
            continue
        return "".join(parts), i


def ideavim(gitdir, out):
    commit = "HEAD"
    # Left out: extensions (plugins), options and IDE integration, vimscript functions and
    # expressions, folds, UI, split-mode and property tests.
    keep = re.compile(r"^src/test/java/org/jetbrains/plugins/ideavim/(action|ex/implementation/"
                      r"commands|group/search|regex)/.*\.kt$")
    cases, dropped = [], {}
    for path in git_files(gitdir, commit, r"\.kt$"):
        if not keep.search(path) or "/fold/" in path:
            continue
        src = git_show(gitdir, commit, path)
        for m in re.finditer(r"\n\s*fun\s+(`[^`]*`|[A-Za-z0-9_]+)\s*\([^)]*\)\s*(:\s*Unit\s*)?\{",
                             src):
            def make():
                end = balanced_end(src, m.end() - 1)
                return ideavim_test(src[m.end():end - 1], path)
            take(make, cases, dropped, lambda e: str(e).split(" ")[0])
    return write(cases, out, dropped)


IDEAVIM_PASSIVE = re.compile(r"(assert[A-Za-z]*|println|kotlin\.test\.assert[A-Za-z]*|"
                             r"assertEquals|assertTrue|assertFalse|assertNull)$")


def ideavim_test(body, path):
    """Interprets a test body statement by statement; returns a case, "none" or raises."""
    state = {"env": {}, "source": None, "keys": ""}
    ideavim_block(body, state)
    source, keys = state["source"], state["keys"]
    if source is None:
        return "none"
    if "\x01" in keys:
        raise Unsupported("caret-in-keys")
    if source.count("\x01") > 1:
        raise Unsupported("carets")
    lines = source.split("\n")
    line, col = 0, 0
    for n, l in enumerate(lines):
        if "\x01" in l:
            line, col = n, l.index("\x01")
            lines[n] = l.replace("\x01", "")
    return case(lines, line, col, keys, path)


def ideavim_block(body, state):
    """Runs the statements of a test body (or of a set-up lambda) into `state`."""
    env = state["env"]
    i = 0
    while True:
        i = skip_ws(body, i)
        if i >= len(body):
            break
        m = re.match(r"(val|var)\s+([A-Za-z_][A-Za-z0-9_]*)\s*(:\s*[A-Za-z<>]+\s*)?=\s*", body[i:])
        if m:
            value, i = kotlin_expr(body, i + m.end(), env)
            env[m.group(2)] = value
            continue
        m = re.match(r"setupChecks\s*\{", body[i:])
        if m:  # IdeaVim's own Neovim cross-check settings: no effect on the program
            i = balanced_end(body, i + m.end() - 1)
            continue
        m = re.match(r"([A-Za-z_][A-Za-z0-9_.]*)\s*\(", body[i:])
        if not m:
            raise Unsupported("statement")
        name = m.group(1)
        call_end = balanced_end(body, i + m.end() - 1)
        args_at = i + m.end()
        typed = ("typeText", "enterCommand", "enterSearch")
        if name in typed and state["source"] is None:
            raise Unsupported("no-text")
        if name == "configureByText":
            if state["source"] is not None or state["keys"]:
                raise Unsupported("reconfigure")
            state["source"], _ = kotlin_expr(body, args_at, env)
        elif name == "typeText":
            k, _ = kotlin_expr(body, args_at, env)
            state["keys"] += k
        elif name == "enterCommand":
            k, _ = kotlin_expr(body, args_at, env)
            state["keys"] += ":" + k + "\n"
        elif name == "enterSearch":
            k, j = kotlin_expr(body, args_at, env)
            if body[skip_ws(body, j)] != ")":
                raise Unsupported("enterSearch")
            state["keys"] += "/" + k + "\n"
        elif name in ("doTest", "typeTextInFile"):
            if state["source"] is not None or state["keys"]:
                raise Unsupported("reconfigure")
            k, j = kotlin_expr(body, args_at, env)
            j = skip_ws(body, j)
            if body[j] != ",":
                raise Unsupported(name)
            state["source"], _ = kotlin_expr(body, j + 1, env)
            lam = re.match(r"\s*\{", body[call_end:])
            if lam and name == "doTest":  # set-up lambda: runs before the keys are typed
                lam_end = balanced_end(body, call_end + lam.end() - 1)
                ideavim_block(body[call_end + lam.end():lam_end - 1], state)
                call_end = lam_end
            state["keys"] += k
        elif IDEAVIM_PASSIVE.match(name):
            pass
        else:
            raise Unsupported("call " + name)
        i = call_end


# ---------------------------------------------------------------- Evil (Emacs)

def read_sexp(src, i):
    """One Emacs Lisp datum at src[i] -> (value, end). Strings are str, lists are ("list", [..]),
    vectors ("vector", [..]), characters ("char", c), symbols and keywords ("sym", name)."""
    i = skip_lisp_ws(src, i)
    ch = src[i]
    if ch == '"':
        out = []
        i += 1
        while src[i] != '"':
            if src[i] == "\\":
                i += 1
                esc = src[i]
                table = {"n": "\n", "t": "\t", "r": "\r", "e": "\x1b", "\\": "\\", '"': '"',
                         "\n": "", "a": "\x07", "s": " ", "d": "\x7f"}
                if esc in table:
                    out.append(table[esc])
                elif esc == "C" and src[i + 1] == "-":
                    out.append(chr(ord(src[i + 2].lower()) & 0x1f))
                    i += 2
                elif esc == "^":
                    out.append(chr(ord(src[i + 1].lower()) & 0x1f))
                    i += 1
                else:
                    raise Unsupported("string escape")
            else:
                out.append(src[i])
            i += 1
        return "".join(out), i + 1
    if ch in "([":
        close = ")" if ch == "(" else "]"
        items = []
        i += 1
        while True:
            i = skip_lisp_ws(src, i)
            if src[i] == close:
                return ("list" if ch == "(" else "vector", items), i + 1
            item, i = read_sexp(src, i)
            items.append(item)
    if ch == "'":
        item, i = read_sexp(src, i + 1)
        return ("list", [("sym", "quote"), item]), i
    if ch == "?":
        if src[i + 1] == "\\":
            if src.startswith("C-", i + 2):
                return ("char", chr(ord(src[i + 4].lower()) & 0x1f)), i + 5
            esc = {"n": "\n", "t": "\t", "r": "\r", "e": "\x1b", "s": " ", "d": "\x7f"}
            c = src[i + 2]
            return ("char", esc.get(c, c)), i + 3
        return ("char", src[i + 1]), i + 2
    m = re.match(r"[^\s()\[\]\"';]+", src[i:])
    if not m:
        raise Unsupported("sexp")
    return ("sym", m.group(0)), i + m.end()


def skip_lisp_ws(src, i):
    while i < len(src):
        if src[i].isspace():
            i += 1
        elif src[i] == ";":
            j = src.find("\n", i)
            i = len(src) if j < 0 else j
        else:
            break
    return i


EVIL_KEYS = {"escape": "<Esc>", "return": "<CR>", "backspace": "<BS>", "tab": "<Tab>",
             "delete": "<Del>", "left": "<Left>", "right": "<Right>", "up": "<Up>",
             "down": "<Down>", "home": "<Home>", "end": "<End>", "insert": "<Insert>",
             "deletechar": "<Del>", "RET": "<CR>", "ESC": "<Esc>", "TAB": "<Tab>",
             "DEL": "<BS>", "SPC": " ", "<left>": "<Left>", "<right>": "<Right>",
             "<up>": "<Up>", "<down>": "<Down>", "<escape>": "<Esc>", "<return>": "<CR>"}


def evil_char(c):
    if c == "<":
        return "<lt>"
    if c in ("\r", "\n"):
        return "<CR>"
    if c == "\x1b":
        return "<Esc>"
    if c == "\t":
        return "<Tab>"
    if c == "\x7f":
        return "<BS>"
    if ord(c) < 0x20:
        return "<C-%s>" % chr(ord(c) + 0x60)
    return c


def evil_keys(item):
    """A key list element of evil-test-buffer -> our notation (raises when unknown)."""
    if isinstance(item, str):
        return "".join(evil_char(c) for c in item)
    kind, value = item
    if kind == "char":
        return evil_char(value)
    if kind == "sym" and value in EVIL_KEYS:
        return EVIL_KEYS[value]
    if kind == "vector":
        return "".join(evil_keys(v) for v in value)
    if kind == "list" and value and value[0] == ("sym", "kbd") and isinstance(value[1], str):
        out = []
        for tok in value[1].split():
            m = re.fullmatch(r"C-([a-z\[\]\\^_@])", tok)
            if tok in EVIL_KEYS:
                out.append(EVIL_KEYS[tok])
            elif m:
                out.append("<C-%s>" % m.group(1))
            elif len(tok) == 1:
                out.append(evil_char(tok))
            else:
                raise Unsupported("kbd " + tok)
        return "".join(out)
    raise Unsupported("key form")


def evil(gitdir, out):
    """Evil's `(evil-test-buffer [:keyword value]... "BEFORE" (KEYS) "AFTER" (KEYS) ...)` forms.
    The program is BEFORE with every key list in order; the AFTER texts are Evil's assertions."""
    src = git_show(gitdir, "HEAD", "evil-tests.el")
    cases, dropped = [], {}
    for m in re.finditer(r"\(evil-test-buffer\b", src):
        def make():
            (_, items), _ = read_sexp(src, m.start())
            return evil_test(items[1:], "evil-tests.el")
        take(make, cases, dropped, lambda e: str(e).split(" ")[0] or "parse")
    return write(cases, out, dropped)


def evil_test(items, origin):
    i = 0
    while i < len(items) and items[i][0] == "sym" and items[i][1].startswith(":"):
        if items[i][1] != ":tags":
            raise Unsupported("keyword " + items[i][1])  # a state, selection or marker option
        i += 2
    before = items[i]
    if not isinstance(before, str):
        raise Unsupported("before")
    keys = []
    for item in items[i + 1:]:
        if isinstance(item, str):
            continue  # an expected state
        kind, value = item
        if kind != "list":
            raise Unsupported("form")
        if value and value[0][0] == "sym" and value[0][1] not in ("kbd",):
            # (evil-foo ...) calls run Lisp, not keys; a plain key list starts with a key.
            if value[0][1] not in EVIL_KEYS and not re.fullmatch(r"\?.", value[0][1]):
                raise Unsupported("lisp")
        keys.extend(evil_keys(v) for v in value)
    if not keys:
        raise Unsupported("no-keys")
    text = before
    if "<" in text and ">" in text and re.search(r"<[^<>]*>", text) and "[" not in text:
        raise Unsupported("selection")
    marks = re.findall(r"\[(.?)\]", text)
    if text.count("[") != 1 or text.count("]") != 1 or len(marks) != 1:
        raise Unsupported("point")
    at = text.index("[")
    text = text[:at] + marks[0] + text[at + 2 + len(marks[0]):]
    if text.endswith("\n"):
        text = text[:-1]
    lines = text.split("\n")
    line = text[:at].count("\n")
    col = at - (text.rfind("\n", 0, at) + 1)
    notation = "".join(keys)
    prefix = cursor_prefix(lines, line, col)
    if prefix is None:
        return None
    return {"source": "\n".join(lines) + "\n", "keys": prefix + notation, "origin": origin}


# ---------------------------------------------------------------- VimGolf

def vimgolf(gitdir, out):
    """Repositories of VimGolf write-ups in Markdown: a `Start file` code block, an `End file`
    block, then solutions in code blocks under a `VimGolf Solution` heading or a `**N step**`
    line. VimGolf's keys are already Vim notation (`<Esc>`, `<CR>`, `<C-V>`), typed from the
    start of the file as here. Several GITDIRs may be given, comma-separated."""
    cases, dropped = [], {}
    for one in gitdir.split(","):
        for path in git_files(one, "HEAD", r"(^|/)README\.md$"):
            for c in vimgolf_markdown(git_show(one, "HEAD", path), path):
                cases.append(c)
    return write(cases, out, dropped)


def vimgolf_markdown(text, origin):
    start, label = None, ""
    for m in re.finditer(r"^(#+ [^\n]*|\*\*[^\n]*\*\*)$|^```[^\n]*\n(.*?)\n```$", text, re.S | re.M):
        if m.group(1) is not None:
            label = m.group(1)
            continue
        block = m.group(2)
        if "Start file" in label:
            start, label = block, ""
        elif start is not None and ("VimGolf Solution" in label or re.search(r"\d+ step", label)):
            if "\n" not in block:
                yield {"source": start + "\n", "keys": block, "origin": origin}


# ---------------------------------------------------------------- output

def take(make, cases, dropped, reason):
    """One test: keep the case `make()` reads from it, or count why there is none (`reason`
    names a failure; None: no keys or cursor to take; "none": a test with nothing to check)."""
    try:
        got = make()
    except (Unsupported, ValueError, IndexError) as e:
        key = reason(e)
        dropped[key] = dropped.get(key, 0) + 1
        return
    if got is None:
        dropped["keys or cursor"] = dropped.get("keys or cursor", 0) + 1
    elif got != "none":
        cases.append(got)


def write(cases, out, dropped):
    seen = set()
    kept = 0
    with open(out, "w", encoding="utf-8") as f:
        for c in cases:
            key = (c["source"], c["keys"])
            if key in seen or len(c["source"]) > 20000:
                continue
            seen.add(key)
            f.write(json.dumps(c, ensure_ascii=False) + "\n")
            kept += 1
    print("%s: %d programs kept (%d duplicates), dropped: %s" %
          (out, kept, len(cases) - kept, json.dumps(dropped, sort_keys=True)), file=sys.stderr)


if __name__ == "__main__":
    suites = {"vscodevim": vscodevim, "ideavim": ideavim, "evil": evil, "vimgolf": vimgolf}
    if len(sys.argv) != 4 or sys.argv[1] not in suites:
        sys.exit(__doc__)
    suites[sys.argv[1]](sys.argv[2], sys.argv[3])
