#!/usr/bin/env python3
"""Case matrices for the recorded corpus: every command of a family crossed with texts that
make Vim's special cases show (identical neighbouring lines, empty lines, tabs, multibyte,
brackets and quotes), a few positions to start from, and a suffix that shows where the cursor
ended (`ix<Esc>`) or what `.`/`u` do next.

    python3 scripts/matrices.py undo_identical_lines > /tmp/cases.jsonl
    cargo run --release --example record_corpus -- --cases /tmp/cases.jsonl tests/data/undo_identical_lines.jsonl

Each matrix is deterministic (its own seed); the files in tests/data/ were made this way, so a
matrix can be re-recorded after a Vim upgrade and compared.
"""
import json
import os
import random
import sys

TRICKY = [
    "one two three four five\nsix seven eight\n\nnine ten\n",
    "  x = foo(a, b);\n\ty = [2, 3];\n  z = \"s t\";\n",
    "café naïve résumé\nÜber straße fünf\n",
    "a\nb\nc\nd\ne\nf\n",
]


def undo_identical_lines(rng):
    texts = ["abc\n\n\ndef\n", "a\na\na\nb\n", "x\n\n\n\ny\n", "\n\n\n", "  abc\n\nx\n", "b\nb\nb\nb\n", "a\nb\na\nb\n"]
    progs = ["o<Esc>u", "O<Esc>u", "yypu", "yyPu", "ddu", "2ddu", "ddpu", "Ju", "yy2pu", "ofoo<Esc>u",
             "o<Esc>o<Esc>u", "dju", "dku", "3o<Esc>u", "ccx<Esc>u", ">>u", "yyjpu", "o<Esc>ku", "p", "P"]
    for t in texts:
        for p in progs:
            for q in ["", "j", "jj", "G", "Gk"]:
                yield t, q + p + "ix<Esc>"


def undo_redo(rng):
    texts = ["abc\n\n\ndef\n", "a\na\na\nb\n", "  one two\n\tthree four\n\nfive\n", "x = 1\ny = 2\nx = 1\n",
             "café naïve\nÜber\n", "fn f() {\n    g();\n}\n", "\n\n\n", "word\n"]
    changes = ["dd", "dw", "x", "3x", "D", "cwnew<Esc>", "ccnew<Esc>", "o<Esc>", "Oab<Esc>", "yyp", "yyP", "J",
               "3J", ">>", "<<", "guu", "g~w", "rX", "3rX", "ix<CR>y<Esc>", "A end<Esc>", "p", "ddp", "dj", "dG",
               "dgg", "yy3p", "S<Esc>", "cjX<Esc>", "xp", "~", "ofoo<CR>bar<Esc>", "2o<Esc>", "d}", "d{"]
    undos = ["u", "uu", "u<C-r>", "uu<C-r>", "U", "UU", "u<C-r>u", "<C-r>", "3u", "2u<C-r>", "uU"]
    for t in texts:
        for c in changes:
            for u in undos:
                second = rng.choice(changes) if rng.random() < 0.4 else ""
                yield t, rng.choice(["", "j", "jj", "G", "$", "w"]) + c + rng.choice(["", "j", "k", "w"]) + second + u + "ix<Esc>"


def normal_commands(rng):
    texts = ["abc\n\n\ndef\n", "a\na\na\nb\n", "  one two\n\tthree four\n\nfive\n", "x = 1;  \ny = (2, [3]);\n",
             "café naïve résumé\nÜber straße\n", "fn f() {\n    g(a, b);\n}\n", "\n\n\n", "w\n",
             "a b\tc  d\n  \n\t\te\n", "foo.bar(baz)->qux\n'quoted' \"dq\" `bt`\n", "one. two! three?\n\nfour.  five\n"]
    motions = ["w", "b", "e", "ge", "W", "B", "E", "gE", "0", "^", "$", "g_", "|", "3|", "fa", "Fa", "ta", "Ta", ";",
               ",", "%", "{", "}", "(", ")", "_", "+", "-", "<CR>", "<BS>", "<Space>", "gg", "G", "2G", "j", "k", "h",
               "l", "5l", "3w", "2e", "<End>", "<Home>", "<Left>", "<Right>", "<Up>", "<Down>", "H", "L", "M", "go",
               "5go", "gm", "gM", "g0", "g$", "gj", "gk"]
    ops = ["d", "c", "y", "gu", "gU", "g~", ">", "<", "g?", "="]
    cmds = ["x", "X", "D", "C", "s", "S", "J", "gJ", "~", "p", "P", "gp", "gP", "r-", "3rz", "Y", "<Del>", "dd", "cc",
            "yy", ">>", "<<", "guu", "gUU", "g??", "3x", "2J", "xp", "ddp", "A!<Esc>", "I#<Esc>", "o<Esc>", "O<Esc>",
            "gi<Esc>", "gI<Esc>", "a<BS><Esc>", "R12<Esc>", "3.", "."]
    pre = ["", "j", "jj", "G", "$", "w", "2w", "jw", "G$", "e"]
    reveal = ["ix<Esc>", "ix<Esc>", "yl$p", ""]
    for t in texts:
        for m in motions:
            for _ in range(3):
                yield t, rng.choice(pre) + rng.choice(["", "2", "3"]) + m + rng.choice(reveal)
            o = rng.choice(ops)
            yield t, rng.choice(pre) + o + m + ("Z<Esc>" if o == "c" else "") + rng.choice(reveal)
        for c in cmds:
            for _ in range(3):
                yield t, rng.choice(pre) + rng.choice(["", "2"]) + c + rng.choice(["", "j.", "w.", "u"]) + rng.choice(reveal)


def registers(rng):
    texts = ["one two three\nfour five\n\nsix\n", "a\nb\nc\nd\ne\n", "  x = 1;\n\ty = 2;\n", "café naïve\nÜber straße\n", "word\n", "\n\n"]
    fills = ["dd", "dw", "yy", "yw", "x", "3x", "D", "2dd", "dj", "yiw", "diw", "daw", "cwZ<Esc>", "ccZ<Esc>", "d$", "y$",
             "J", "\"ayy", "\"Ayw", "\"ayw", "\"bdd", "\"Bdw", "\"_dd", "\"-yw", "\"1yy", "\"add\"Add", "yyjdd", "dwjdd",
             "xjx", "ddjddjdd"]
    puts = ["p", "P", "gp", "gP", "3p", "2P", "\"1p", "\"2p", "\"1p..", "\"1pu.", "\"ap", "\"AP", "\"bp", "\"-p", "\"0p",
            "\"_p", "]p", "[p", "\"ap\"bp", "p.", "2p.", "\"9p", "\"3P", "xp", "\"\"p"]
    for t in texts:
        for f in fills:
            for p in puts:
                if rng.random() < 0.55:
                    yield t, (rng.choice(["", "j", "jj", "G", "$", "w"]) + f + rng.choice(["", "j", "k", "w", "$"])
                              + rng.choice(["", f]) + p + rng.choice(["ix<Esc>", ""]))


def insert_keys(rng):
    texts = ["one two three\nfour five\n\nsix\n", "  x = foo(a, b);\n\ty = 2;\n", "café naïve\nÜber straße\n", "w\n", "\n\n", "a.b-c_d e\n"]
    starts = ["i", "a", "I", "A", "o", "O", "3i", "2a", "2o", "cw", "cc", "C", "s", "S", "R", "2R", "gI", "gi", "ciw", "3s"]
    keys = ["<BS>", "<C-h>", "<C-w>", "<C-u>", "<CR>", "<Tab>", "<Del>", "<Left>", "<Right>", "<Up>", "<Down>", "<Home>",
            "<End>", "<C-o>l", "<C-o>$", "<C-o>0", "<C-o>w", "<C-r>\"", "<C-r>a", "<Insert>", "<C-v>x", "<C-t>", "<C-d>",
            "0<C-d>", "<C-e>", "<C-y>", "<C-a>", "<C-@>", "<C-k>e'", "<S-Left>", "<C-Right>"]
    words = ["ab", "x y", "  ", "é", "q.r"]
    for t in texts:
        for s in starts:
            for _ in range(14):
                k = rng.choice(["", "j", "$", "w", "jw", "G"]) + rng.choice(["", "\"ayiw"]) + s
                for _ in range(rng.randint(1, 3)):
                    k += rng.choice(words) + rng.choice(keys)
                yield t, k + rng.choice(words) + "<Esc>" + rng.choice(["", "j.", "w.", "u", "3.", "ix<Esc>"])


def dot_repeat(rng):
    texts = TRICKY + ["if (a) { b(c); }\n"]
    changes = ["dw", "2dw", "d2w", "cwX<Esc>", "ceX<Esc>", "ciwX<Esc>", "caw<Esc>", "diw", "daw", "di(", "ci(Q<Esc>",
               "dt ", "df ", "d;", "x", "3x", "X", "D", "C!<Esc>", "s+<Esc>", "S=<Esc>", "r*", "3r*", "~", "3~", "g~w",
               "gUiw", "guu", "J", "3J", ">>", "2>>", "<<", "dd", "2dd", "cc#<Esc>", "o-<Esc>", "O+<Esc>", "A;<Esc>",
               "I/<Esc>", "3ix<Esc>", "2ay<Esc>", "p", "P", "<C-a>", "5<C-x>", "ix<BS>y<Esc>", "Rab<Esc>", "2Rq<Esc>",
               "iab<Left>c<Esc>", "ia<C-o>lb<Esc>", "dj", "yyp", "xp", "gJ", "g??", "!!", "=="]
    for t in texts:
        for c in changes:
            for _ in range(6):
                yield t, (rng.choice(["", "j", "w", "$", "jw", "2w", "e"]) + c
                          + rng.choice(["j", "w", "k", "l", "b", "0", "$", "G", "gg", ""])
                          + rng.choice([".", "2.", "..", "3.", "u.", ".u"]) + rng.choice(["", "w.", "ix<Esc>", "j."]))


def operator_motions(rng):
    texts = TRICKY + ["if (a) { b(c); }\nelse { d(); }\n", "one. two! three?\n\nfour.  five six.\n", "x\n  \ny\n"]
    ops = ["d", "c", "y", "gu", "gU", "g~", ">", "<", "g?", "J"]
    motions = ["w", "b", "e", "ge", "W", "B", "E", "gE", "0", "^", "$", "g_", "|", "f.", "F ", "t,", "T(", ";", ",", "%",
               "{", "}", "(", ")", "_", "+", "-", "<CR>", "<BS>", "<Space>", "gg", "G", "j", "k", "h", "l", "<End>",
               "<Home>", "H", "L", "iw", "aw", "iW", "aW", "is", "as", "ip", "ap", "i(", "a(", "i{", "a{", "i[", "i\"",
               "a\"", "i'", "it", "go", "`a", "'a", "gj", "gk", "gm", "g0"]
    for t in texts:
        for m in motions:
            for _ in range(8):
                o = rng.choice(ops)
                yield t, (rng.choice(["", "j", "w", "$", "jw", "2w", "e", "G", "jj$", "ma3w"]) + rng.choice(["", "2", "3"])
                          + o + rng.choice(["", "2", "5"]) + m + ("Z<Esc>" if o == "c" else "")
                          + rng.choice(["", "ix<Esc>", "u", "."]))
            yield t, (rng.choice(["", "j", "w"]) + "qa" + rng.choice(["", "2"]) + m
                      + rng.choice(["x", "ix<Esc>", "~", "dw", ""]) + "q" + rng.choice(["@a", "2@a", "@@", "@a@@", "3@a"]))


def increment_and_join(rng):
    texts = ["x = 0x1f + 017 - 0b101 + -9\n", "a9b 007 -0 0x 0b 1e5\n", "v1.2.3 and -5-5 --3\n",
             "0xFF 0Xab 0B11 08 09 0777\n", "18446744073709551615 -9223372036854775808\n", "word\n  42\n\t-1\n",
             "abc-12def\nxx 999999999999999999999\n"]
    ops = ["<C-a>", "<C-x>", "5<C-a>", "3<C-x>", "100<C-a>", "<C-a>.", "<C-x>u", "<C-a>j.", "2<C-a>3."]
    pre = ["", "w", "2w", "3w", "$", "j", "e", "fx", "f-", "f0", "tb", "4l", "jw", "0", "G$"]
    for t in texts:
        for o in ops:
            for p in pre:
                yield t, p + o + rng.choice(["", "ix<Esc>"])
    joins = ["a\n  b\n", "a  \nb\n", "a\n)b\n", "a.\nb\n", "a\n\nb\n", "\n\nb\n", "a\n\t\tb c\n", "x)\n y\n",
             "é\n  ü\n", "a?\n  b\n", "a \n  \n b\n"]
    for t in joins:
        for o in ["J", "gJ", "3J", "3gJ", "J.", "Ju", "2J", "dd", "5J", "Jx"]:
            for p in ["", "j", "$"]:
                yield t, p + o + rng.choice(["", "ix<Esc>"])


def prose_motions(rng):
    texts = ["Hello world. This is it!  Next one?\nYes.\n\nNew para here.\n  Indented. Text\n",
             "Mr. Smith went. (He said.) \"Quoted.\" Done\n\n\n\nEnd.\n",
             "a.b.c. d  e.\n.\n \n\t\nx\n",
             "foo_bar baz-qux 3.14 x=y+z; // c\n\t  leading\n",
             "end.)]'\" next\nno period\n\n",
             "\n\nstart after blanks. here\n"]
    motions = ["(", ")", "{", "}", "w", "W", "b", "B", "e", "E", "ge", "gE", "is", "as", "ip", "ap", "iw", "aw", "iW", "aW"]
    for t in texts:
        for m in motions:
            for _ in range(10):
                start = rng.choice(["", "j", "jj", "w", "3w", "$", "G", "Gk", "e", "f.", "f "])
                count = rng.choice(["", "2", "3", "5"])
                if m[0] in "ia":
                    op = rng.choice(["d", "c", "y", "gU", "v"])
                else:
                    op = "" if rng.random() < 0.5 else rng.choice(["d", "c", "y", "gU"])
                keys = start + op + count + m + ("Z<Esc>" if op == "c" else "")
                yield t, keys + rng.choice(["ix<Esc>", "yl$p", ""])


def searches(rng):
    texts = ["one two\nthree two\nfour\n", "foo bar foo\nbaz foo_bar foo\n\nfoo.\n", "café naïve café\nÜber café\n",
             "x = a + b; y = a - b;\nz = a;\n", "abc\n\n\nabc def abc\n", "the cat\tthe dog\n  the end\n"]
    patterns = ["two", "foo", "a", "the", "café", "abc", "b;", "cat", "zz", "q", "e d", "o", "  ", "\t", "é"]
    typed = [f"{count}{d}{p}<CR>" for p in patterns for d in "/?" for count in ["", "2" if d == "/" else "3"]]
    repeats = ["n", "N", "2n", "nN", "*", "#", "2*", "3#", "**", "#n", "*N"]
    for t in texts:
        for _ in range(140):
            start = rng.choice(["", "j", "w", "$", "jw", "G", "e", "2w", "jj$", "G$"])
            r = rng.random()
            if r < 0.35:
                keys = start + rng.choice(typed) + rng.choice(["", "n", "N", "2n"]) + rng.choice(["ix<Esc>", "x", ""])
            elif r < 0.55:
                keys = start + rng.choice(repeats) + rng.choice(["ix<Esc>", "x", ""])
            elif r < 0.85:
                op = rng.choice(["d", "c", "y", "gU", "g~", ">"])
                keys = (start + op + rng.choice(typed + ["n", "N", "*", "#"]) + ("Z<Esc>" if op == "c" else "")
                        + rng.choice(["", "j.", "n.", "u", "$p"]))
            else:
                keys = start + rng.choice(typed) + "qa" + rng.choice(["x", "dw", "ix<Esc>"]) + "nq" + rng.choice(["@a", "2@a", "@a@@"])
            yield t, keys
    # Every start column against patterns that match beside, at and across the cursor.
    texts = ["ab xab ab\nab\n", "a b a b\n\nb a\n", "xyx yxy\nyx\n", "word, word; word.\nword\n", "éa aé éa\naé\n", "tab\tab\tab\n"]
    for t in texts:
        first = t.split("\n")[0]
        for col in range(len(first)):
            to_col = "0" + (f"{col}l" if col else "")
            for p in ["ab", "a", "b", "word", "éa", ",", "; ", "\t", ". ", "zq", "b a", "ab\t"]:
                for d in "/?":
                    if rng.random() < 0.5:
                        yield t, to_col + d + p + "<CR>" + rng.choice(["ix<Esc>", "x", "nx", "Nx", "2nx"])
            for w in ["*", "#", "2*", "2#", "*n", "#N"]:
                yield t, to_col + w + "ix<Esc>"
        for keys in ["/ab<BS><BS>x<CR>x", "/abc<BS><CR>x", "/ab<C-u>b<CR>x", "/ab<Esc>x", "d/ab<Esc>x", "/<BS>x",
                     "ia<C-o>/ab<CR>x<Esc>", "2d/ab<CR>", "d2/ab<CR>", "y/b<CR>P", "d?b<CR>", "c?a<CR>Z<Esc>.", "d/a<CR>u."]:
            yield t, keys
    # Patterns that overlap themselves, where 'cpoptions' c decides which matches there are.
    texts = ["aaaa aa a\naaa\n", "ababa bab aba\nbaba\n", "zzz zz\nz zzz\n", "a  b   c    d\n  \n", "xyxyx xyx\nyxy\n", "aa\naa\naa\n"]
    for t in texts:
        first = t.split("\n")[0]
        for col in range(len(first)):
            for p in ["aa", "aaa", "aba", "bab", "zz", "zzz", "  ", "   ", "xyx", "yxy", "a"]:
                for d in "/?":
                    if rng.random() < 0.4:
                        yield t, "0" + (f"{col}l" if col else "") + d + p + "<CR>" + rng.choice(["ix<Esc>", "nix<Esc>", "Nix<Esc>", "2nix<Esc>"])
        for keys in ["*ix<Esc>", "#ix<Esc>", "w*ix<Esc>", "w#ix<Esc>", "*nix<Esc>", "d/aa<CR>", "d?aa<CR>", "jd/aa<CR>.", "G$?aa<CR>ix<Esc>", "G$/aa<CR>ix<Esc>"]:
            yield t, keys


def visual(rng):
    """Visual mode: every entry (v V <C-v>, counts, switching) x motions (with counts, `$`,
    `o`, text objects) x every operator on the selection, over texts with tabs, multibyte and
    double-width characters, empty, short and ragged lines."""
    texts = ["one two three\nfour five\n\nsix\n", "  x = foo(a, b);\n\ty = [2, 3];\n  z = \"s t\";\n",
             "café naïve résumé\nÜber straße fünf\n", "a\tb\tc\n\td\te\nfg\n", "日本語 テキスト\nabc 日本\n\n",
             "short\n\nlonger line here\nx\n", "abc\n", "\n\n\n", "  \n\t\n   end\n",
             "if (a) {\n    b(c, \"d\");\n}\n", "The cat. The dog!\n\nA b c.\n", "<a><b>x</b> y</a>\n"]
    starts = ["", "w", "$", "j", "jl", "G", "2l", "e", "jw", "f(", "j$"]
    entries = ["v", "V", "<C-v>", "2v", "3v", "2V", "vV", "Vv", "v<C-v>", "<C-v>v", "V<C-v>"]
    motions = ["", "l", "h", "j", "k", "w", "b", "e", "W", "B", "E", "ge", "$", "0", "^", "g_", "2l", "3l", "2j", "jj",
               "j$", "$j", "$k", "k$", "G", "gg", "}", "{", "(", ")", "%", "fa", "t ", "Fe", "5|", "20|", "<Space>",
               "<BS>", "2<BS>", "+", "-", "_", "o", "oh", "ol", "oj", "$o", "jo", "iw", "aw", "iW", "aW", "2iw",
               "iwiw", "ip", "ap", "is", "as", "i(", "a(", "ib", "i{", "a{", "i[", "i\"", "a\"", "it", "at",
               "<Right>", "<Left>", "<Down>", "<Up>", "<End>", "<Home>", "ll$", "lo$", "jjk", "3w", "2e", "n", "*"]
    ops = ["d", "x", "X", "D", "y", "Y", "c<Esc>", "cZZ<Esc>", "s-<Esc>", "C-<Esc>", "S-<Esc>", "R<Esc>", "rx",
           "r日", "ré", "J", "gJ", ">", "<lt>", "2>", "3<lt>", "~", "u", "U", "g~", "gu", "gU", "g?", "<Esc>",
           "<C-c>", "v", "V", "<C-v>", "<Del>", "\"ay", "\"_d", "\"Ad"]
    suffixes = ["", "ix<Esc>", "p", "P", "u", "uix<Esc>", "gvd", "gvy$p", "ia<Esc>", "jx", "$x"]
    for t in texts:
        for _ in range(260):
            keys = rng.choice(starts) + rng.choice(entries) + rng.choice(motions)
            if rng.random() < 0.3:
                keys += rng.choice(motions)
            keys += rng.choice(ops) + rng.choice(suffixes)
            yield t, keys
    # Every operator over every motion on two texts, deterministically.
    for t in ["one two\tthree\nfour\n\nfive six\n", "aé日 b\n\tc d\nee\n"]:
        for e in ["v", "V"]:
            for m in ["", "l", "j", "$", "e", "w", "iw", "ap", "o", "j$"]:
                for o in ["d", "y", "c-<Esc>", "rx", "J", ">", "~", "U", "X", "Y"]:
                    yield t, "l" + e + m + o + "ix<Esc>"
    # Blocks over ragged lines, tabs and wide characters: every block operator, I, A, $A,
    # O, and putting the block back.
    btexts = ["abcdef\nab\nabcdefgh\n\nabcd\n", "a\tb\tc\n\td\te\nfg\n", "日本語 テキスト\nabc 日本\n\nxy\n",
              "one two three\nfour five\n\nsix\n", "  x = 1;\n  yy = 22;\n  zzz = 333;\n", "café\nnaïve\nrésumé\n", "x\n\n\ny\n"]
    bstarts = ["", "l", "2l", "w", "$", "j", "jl", "e"]
    bmoves = ["j", "jj", "2j", "G", "jl", "jjll", "j$", "$j", "jjh", "jw", "je", "k", "jjo", "jjO", "j3l", "jj$h", "ip", "}"]
    bends = ["I// <Esc>", "Ix<Esc>", "A;<Esc>", "$A;<Esc>", "Aab<Esc>", "I<Esc>", "A<Esc>", "Ié<Esc>", "I日<Esc>",
             "d", "y", "x", "D", "X", "Y", "rx", "r-", "~", "U", "u", "J", "gJ", "ygvd", "yP", "yp", "y$p", "y2P",
             "IX<Esc>u", "OA!<Esc>", "Oy0P", "cX<Esc>", "c<Esc>", "cab<Esc>", "s-<Esc>", "C;<Esc>", "c日<Esc>",
             "\"ac1<Esc>", "cé<Esc>"]
    for t in btexts:
        for _ in range(110):
            yield t, rng.choice(bstarts) + "<C-v>" + rng.choice(bmoves) + rng.choice(bends) + rng.choice(["", "ix<Esc>", "u", "p", "uix<Esc>"])
    # p and P over a selection, with every shape of register.
    ptexts = ["one two three\nfour five\n\nsix\n", "café naïve\nÜber straße\n", "a\tb\tc\n\td\te\nfg\n", "x = foo(a, b);\ny = bar;\n", "ab\ncd\nef\n"]
    for t in ptexts:
        for _ in range(110):
            keys = rng.choice(["yiw", "yy", "yw", "y$", "2yy", "yj", "ye", "dd", "x", "yl"]) + rng.choice(["", "j", "w", "jw", "G", "$", "e", "2j", "k"])
            keys += rng.choice(["viw", "vw", "ve", "v$", "V", "Vj", "vj", "v", "vjh", "vl", "V$", "vip", "Vip"]) + rng.choice(["p", "P", "2p"])
            yield t, keys + rng.choice(["", "ix<Esc>", "u", "p", "\"-p", "\"1p", "uix<Esc>"])
    # `.` after an operator on a selection: the same size again from the cursor.
    dtexts = ["one two three\nfour five\n\nsix seven\neight\n", "  x = 1;\n\ty = 2;\n  z = 3;\nw\n",
              "café naïve résumé\nÜber straße fünf\nabc\n", "a\tb\tc\n\td\te\nfg\nhij\n", "日本語 テキスト\nabc 日本\n\nxy\n"]
    dsel = ["v", "V", "vl", "vj", "Vj", "ve", "v$", "vjl", "Vjj", "viw", "vw", "v2l", "vip", "Vip", "vjh", "v$j"]
    dops = ["d", "x", ">", "<lt>", "~", "U", "u", "rx", "J", "gJ", "c-<Esc>", "cab<Esc>", "X", "D", "2>", "g?", "\"ad"]
    dmoves = ["", "j", "jj", "w", "0", "$", "G", "gg", "l", "k", "2j"]
    for t in dtexts:
        for _ in range(90):
            keys = rng.choice(["", "w", "j", "l"]) + rng.choice(dsel) + rng.choice(dops) + rng.choice(dmoves) + "."
            yield t, keys + rng.choice(["", rng.choice(dmoves) + "."]) + rng.choice(["", "ix<Esc>", "u", "uix<Esc>"])
    # I and A on charwise and linewise selections.
    for t in ["abc def\nghi jkl\nmno\n", "\tx = 1;\n  y\n\n", "日本語 テキスト\nabc 日本\n", "café naïve\nÜber\n", "a\n\nb\n"]:
        for _ in range(60):
            keys = rng.choice(["", "w", "j", "jw", "$", "l", "e", "G", "0"]) + rng.choice(["v", "V", "vl", "vh", "vj", "vk", "Vk", "ve", "v$", "viw", "vb", "vl$", "vlh", "vo"])
            yield t, keys + rng.choice(["AX<Esc>", "IX<Esc>", "Aab<Esc>", "Iab<Esc>", "A<Esc>", "I<Esc>", "A<CR><Esc>"]) + rng.choice(["", "ix<Esc>", "u", ".", "uix<Esc>"])
    for keys in ["vjy:'<,'>d<CR>", "vj:<Esc>ix<Esc>", "Vj:<C-u>d<CR>", "vj<Esc>'<x", "vj<Esc>`>x", "Vj<Esc>'>x",
                 "vjd.", "vjdu", "Vjdu<C-r>", "vy3vd", "vjygvd", "v<C-\\><C-n>x", "vj<C-c>gvd"]:
        for t in texts[:6]:
            yield t, keys
def ex(rng):
    """The ex command line: every command crossed with ranges, patterns and replacements over
    code and prose (tabs, é, 日本, empty lines), :g with nested commands, :normal, :sort,
    command-line editing, and a suffix that shows the cursor, the registers or undo."""
    texts = [
        "one two three\nfour five six\n\nseven eight\nnine ten\n",
        "def f(x):\n\treturn x + 1\n\ndef g(y):\n    return y * 2\n",
        "  int a = 1;\n\tint b = 22;\n  // note\nint c = 333;\n\n  a = b + c;\n",
        "café naïve résumé\nÜber straße fünf\n日本語 text here\nplain line\n",
        "b\na\nc\na\nB\n10\n9\n-3\nx2y\n\n",
        "foo bar foo\nbar baz\n\tfoo\n  qux foo bar\nend\n",
        "x\n\n\ny\n  \nz\n",
        "The cat sat. The dog ran.\nA cat, a dog; a bird!\n  the end\n",
    ]
    ranges = ["", "%", "1", "2", "$", ".", ".,+2", "2,4", "1,$", "/a/", "?e?", "/o/,/e/", "/o/;+1", ".-1,.+1",
              "$-2,$", ",3", "2,", "2;+2", "99", "5,2", "'a", "'a,'b", "3,3", "+", "-", "+2", "0"]
    pats = ["o", "a", "e", "foo", "the", "^", "$", "\\s\\+", "[aeiou]", "\\<\\w", "\\d\\+", "o\\+", ".", "x*",
            "\\(\\w\\+\\) \\(\\w\\+\\)", "é", "\\t", "^\\s*", "\\w\\+$", "zz", "a\\|e", "\\<the\\>", "[[:upper:]]", "\\S"]
    reps = ["X", "", "&&", "[&]", "\\0", "\\2-\\1", "\\u&", "\\U&\\E!", "\\L&", "\\r", "\\t", "~", "a\\/b",
            "\\\\", "<&>", "\\n"]
    flags = ["", "g", "g", "i", "gi", "I", "e", "n", "gn", "&", "ge"]
    nested = ["d", "s//X/", "s/o/0/g", "normal Ax", "norm! >>", "m0", "t$", "j", ">", "y A", "normal dw", "s/$/;/", "d|$put",
              "normal! 0x", "co0", "-1j", ".,+1d"]
    simple = ["d", "d a", "d 2", "d _", "y a", "y 3", ">", ">>", "<", "< 2", "m0", "m$", "m 2", "m-2", "t.", "t0", "co$", "j",
              "j!", "j 3", "pu", "pu a", "pu!", "0pu", "k a", "mark b", "normal Ax", "norm! dw", "normal x", "normal 2J",
              "norm ix\x16\x1b", "undo", "redo", "noh", "sort", "sort!", "sort i", "sort n", "sort u", "sort nu", "sort! n",
              "sort iu", "&&", "&", "~", "s", "s//X/", "le", "set ic", "set noic|s/THE/x/", "set nows", "ju"]
    suffixes = ["", "ix<Esc>", "ix<Esc>", "u", "uix<Esc>", "p", "\"ap", "n", "x", "<CR>ix<Esc>", "u<C-r>", "jx"]
    starts = ["", "", "j", "jj", "G", "w", "2j$", "majjmb", "jmajmbgg", "G$"]
    for t in texts:
        for _ in range(420):
            start = rng.choice(starts)
            r = rng.random()
            if r < 0.32:
                cmd = rng.choice(ranges) + rng.choice(simple)
            elif r < 0.62:
                d = rng.choice("/////#,")
                rep = rng.choice(reps)
                if d != "/":
                    rep = rep.replace("\\/", "/")
                cmd = rng.choice(ranges) + "s" + d + rng.choice(pats) + d + rep + d + rng.choice(flags)
                if rng.random() < 0.2:
                    cmd += rng.choice(["|s//Y/", "|&&", "|~", "|d", " 2", "|normal ix", "|s"])
            elif r < 0.8:
                cmd = rng.choice(["", "", "2,4", ".,$", "1,3"]) + rng.choice(["g", "g", "v", "g!"]) + "/" + rng.choice(pats) + "/" + rng.choice(nested)
            elif r < 0.88:
                cmd = rng.choice(["", "%", "2,$", "1,3"]) + rng.choice(["sort", "sor", "sort!", "sort i", "sort n", "sort u", "sort! u", "sort n!", "sort x"])
            else:
                cmd = rng.choice(ranges) + rng.choice(simple) + "|" + rng.choice(ranges) + rng.choice(simple)
            cmd = cmd.replace("\x16\x1b", "<C-v><Esc>")
            keys = start + ":" + cmd + "<CR>" + rng.choice(suffixes)
            yield t, keys
    # Command-line editing and counts before `:`.
    edits = [":s/o/X<BS>Y/<CR>", ":abc<C-u>d<CR>", ":3d<Left><Left>1,<CR>", ":s/o/Y/ <C-w><C-w>Z/<CR>", ":d<Esc>x",
             ":<BS>x", ":2,3<Home>1<End>d<CR>", ":s/e/E/g<C-b>%<CR>", "3:d<CR>", "2:s/o/0/<CR>", "4:>|<<CR>",
             "yiw:s/<C-r>\"/X/<CR>", "yiw:%s/<C-r>0/[&]/g<CR>", ":s/<C-v>\t/T/<CR>", ":1d<C-c>x", ":s/o/<Del>X/<CR>",
             ":%s/o/0/g<Left><Left><Del><CR>", ":2d|3d<CR>", ":s/o/O/|s/e/E/<CR>", ":d<Right><BS><CR>", ":<C-w>d<CR>",
             ":%s/\\w\\+<C-w>e/X/<CR>", ":2<CR>:<C-r>:<CR>"]
    for t in texts:
        for e in edits:
            for suffix in ["ix<Esc>", "u", ""]:
                yield t, rng.choice(["", "j", "G"]) + e + suffix
    # Everyday programs, alignment, joins through :s, macros from :g and :normal, and what
    # the cursor and the wanted column are after each command.
    everyday = [":%s/foo/bar/g", ":g/^$/d", ":2,$norm A;", ":sort u", ":m0", ":t.", ":%s/\\s\\+$//e", ":%norm I# ",
                ":v/\\S/d", ":%s/\\n//", ":1,3s/\\n/ /", ":%j", ":%le", ":%ce", ":%ri", ":%le 4", ":ce 40", ":ri 30",
                ":2,3le|%ri", ":g/a/normal @q", ":%normal @q", ":%s/o/0/|&&", ":%s/e/E/|:%~", ":s/o/0/|s", ":&&",
                ":%s/\\(\\w\\+\\)/\\u\\1/g", ":%s/[a-z]\\+/\\U&/", ":%s/,/\\r/g", ":2;+1y", ":2;+1d", ":$;-1d",
                ":/e/,$d", ":.,/e/-1d", ":'a,'bd", ":%s/a/b/g|%s/b/c/g", ":g/e/s/e/E/g|s/o/O/", ":g!/e/normal 0Dix",
                ":set ic|%s/THE/x/g", ":set ic scs|%s/The/x/g", ":%s/é/e/g", ":%s/日本/ja/", ":s/ /\\t/g", ":%s/\\t/ /g"]
    follow = ["", "ix<Esc>", "jx", "kx", "$x", "n", "u", "<CR>x", " x", "ux", "jjx"]
    for t in texts:
        for e in everyday:
            for _ in range(3):
                pre = rng.choice(["", "j", "jj$", "G", "qqA!<Esc>q", "majmb", "w", "2j$", "qqx<Esc>q"])
                yield t, pre + e + "<CR>" + rng.choice(follow)
    # Backwards ranges (Vim's swap question reads typed keys), and the wanted column after
    # `;` and other ex commands.
    for case in [
        ("a\nb\nc\nd\ne\nf\n", ":4,2d<CR>yx"),
        ("a\nb\nc\nd\ne\nf\n", ":4,2d<CR>nx"),
        ("a\nb\nc\nd\ne\nf\n", ":4,2d<CR>xyx"),
        ("a\nb\nc\nd\ne\nf\n", ":4,2d<CR>y<CR>x"),
        ("a\nb\nc\nd\ne\nf\n", ":4,2d<CR>yjx"),
        ("a\nb\nc\nd\ne\nf\n", ":4,1d<CR>yjx"),
        ("a\nb\nc\nd\ne\nf\n", ":4,1d<CR>y<CR>x"),
        ("a\nb\nc\nd\ne\nf\n", ":4,2d|1d<CR>yx"),
        ("a\nb\nc\nd\ne\nf\n", ":4,2s/$/!/<CR>yux"),
        ("a\nb\nc\nd\ne\nf\n", ":4,2d<CR><Esc>x"),
        ("a\nb\nc\nd\ne\nf\n", ":4,2y<CR>yp"),
        ("a\nb\nc\nd\ne\nf\n", ":5,2>|1d<CR>ykx"),
        ("a\nb\nc\nd\ne\nf\n", ":4,2d<CR>y"),
        ("a\nb\nc\nd\ne\nf\n", "$:2;+1y<CR>kx"),
        ("a\nb\nc\nd\ne\nf\n", "qqA!<Esc>q:2;+1d<CR>jx"),
        ("one\ntwo\nthree\nfour\n", "$:3;-1y<CR>jx"),
        ("one two\nthree\nfour five\n", "w:3<CR>kx"),
        ("one two\nthree\nfour five\n", "w:%s/o/0/g<CR>kx"),
        ("one two\nthree\nfour five\n", "w:1t$<CR>kx"),
    ]:
        yield case


def ex_more(rng):
    """A second draw of `ex` (another seed), sampled, with texts that are CRLF, lack a final
    newline or repeat lines; the cases `ex_matrix` already has are left out."""
    cases = list(ex(rng))
    pick = random.Random(9)
    out = set(pick.sample(cases, 2500))
    for t in ["one two\r\nthree four\r\n\r\nfive\r\n", "no newline at end", "\tx = 1\n\t\ty = 2\n\n\tz = 3\n", "aaa\naaa\nbbb\naaa\n"]:
        out.update((t, k) for _, k in pick.sample(cases, 150))
    known = set(ex(random.Random(MATRICES["ex_matrix"][1])))
    return [case for case in out if case not in known]


def ex_programs(rng):
    """Everyday ex programs of the kind people and models write (imports, config, markdown),
    with a sample of a third draw of `ex`; cases the other ex matrices have are left out."""
    out = set(random.Random(5).sample(list(ex(rng)), 1500))
    texts = ["import os\nimport sys\n\ndef main():\n    print('hi')\n    return 0\n",
             "# Title\n\nSome text here.\nMore text.\n\n## Section\nitem one\nitem two\n", "key=value\nname = vim\n  port=80\n"]
    progs = [":%s/\\s*=\\s*/ = /<CR>", ":g/^import/m$<CR>", ":2,$s/^/    /<CR>", ":%s/'/\"/g<CR>", ":g/^$/d<CR>", ":v/./d<CR>",
             ":%s/\\(\\w\\+\\)=\\(\\w\\+\\)/\\2=\\1/<CR>", ":%norm A;<CR>", ":g/item/s/item/- item/<CR>", ":1,/^$/d<CR>",
             ":/^#/+1,$d<CR>", ":%s/text/TEXT/g|g/TEXT/normal I> <CR>", ":sort<CR>", ":%sort!<CR>", ":$t0<CR>",
             ":%s/^\\(.\\)/\\u\\1/<CR>", ":g/^\\s/normal >><CR>", ":%le<CR>", ":%s/ \\+$//e<CR>", ":2d|3d|4d<CR>", ":3,$j<CR>",
             ":%s/o/0/gc<CR>yyq", ":%s/e\\|o//g<CR>u<C-r>", ":g/i/t.<CR>", ":2ka|4kb|'a,'bs/e/E/g<CR>", ":%s/$/ \\\\/<CR>",
             ":,+2y|$pu<CR>", ":%s/\\<\\w/\\U&/g<CR>", ":2,3!sort<CR>", ":r !ls<CR>", ":e other<CR>", ":w<CR>", ":x<CR>"]
    for t in texts:
        for p in progs:
            for suffix in ["", "ix<Esc>", "u", "jx"]:
                out.add((t, p + suffix))
    known = set(ex(random.Random(MATRICES["ex_matrix"][1]))) | set(ex_more(random.Random(MATRICES["ex_more_matrix"][1])))
    return [case for case in out if case not in known]


def ex_fuzz(rng):
    """Random ex command lines built from real pieces (addresses, commands, `|`, editing keys),
    two draws with different pieces; most are odd, which is the point."""
    toks = ["1", "2", "$", ".", "%", "'a", "/a/", "?b?", "+1", "-1", ",", ";", "d", "y", "m0", "t$", "j", "j!", ">", "<", "pu",
            "s/a/X/", "s/b/\\r/g", "s/^/#/", "g/a/", "v/b/", "normal x", "normal! Ay", "sort", "sort n", "&&", "~", "k a", "|",
            " ", "u", "le", "ce", "ri", "s//Z/g", "s/a*/-/g", "co.", "undo", "redo", "g!/c/", "s/\\(a\\)\\(b\\)/\\2\\1/",
            "s/a/&&/gi", "s/[ab]/\\U&/"]
    texts = ["a\nb\nc\nab\nba\n", "abc\n\nbca\n  cab\n\tabc\n", "x a y\nb\n\na b\n", "aé\nbü\n日a\n"]
    r = random.Random(11)
    cases = set()
    while len(cases) < 900:
        k = "ma" + r.choice(["", "j", "jj", "G"]) + ":" + "".join(r.choice(toks) for _ in range(r.randint(1, 6))) + "<CR>" + r.choice(["", "x", "u", "ix<Esc>", "<CR>x", "jx", "p"])
        cases.add((r.choice(texts), k))
    toks = ["1", "2", "$", ".", "%", "'a", "/a/", "?b?", "+1", "-1", ",", ";", "d", "y", "m0", "t$", "j", ">", "pu", "s/a/X/",
            "s/b/\\r/g", "s/^/#/", "g/a/", "v/b/", "normal x", "normal! Ay<Esc>", "norm dd", "sort", "sort u", "&&", "~", "k b",
            "|", " ", "s//Z/g", "s/a*/-/g", "s/\\s\\+$//e", "g/^$/d", "%s/b/B/g", "le 2", "ce 20", "ri 10", "s/é/e/",
            "s/\\<./\\u&/g", "y a", "pu a", "d b", "s/x/y/", "s/a/\\t/", "'b"]
    edits = ["", "<BS>", "<C-w>", "<Left><Del>", "<C-u>", ""]
    texts = texts + ["one\n"]
    r = random.Random(12)
    more = set()
    while len(more) < 900:
        k = (r.choice(["", "ma", "majmb", "jmaGmb"]) + r.choice(["", "j", "jj", "G", "$"]) + ":"
             + "".join(r.choice(toks) for _ in range(r.randint(1, 5))) + r.choice(edits) + "<CR>"
             + r.choice(["", "x", "u", "ix<Esc>", "<CR>x", "jx", "p", "\"ap", "n", "u<C-r>"]))
        more.add((r.choice(texts), k))
    # :g with nested commands and :normal (whose argument takes the `|` too).
    toks = ["g/a/", "g/b/", "v/a/", "g/^/", "g/\\w/", "d", "s/a/X/g", "s//Y/", "normal Ax", "normal 0x", "normal dd", "normal J",
            "normal @q", "m0", "t$", "j", ">", "<", "y A", "pu", "s/$/!/", "co0", "normal ~", "normal yyp", "s/\\(b\\)/\\1\\1/",
            "-1d", "+1d", ".,+1j", "normal! ddp", "s/^\\s\\+//", "normal >>"]
    texts = ["a\nb\nc\nab\nba\n", "abc\n\nbca\n  cab\n\tabc\n", "x a y\nb\n\na b\n", "aé\nbü\n日a\n", "a\na\na\n"]
    r = random.Random(99)
    nested = set()
    while len(nested) < 700:
        k = (r.choice(["", "qqxq", "qqA.<Esc>q", "j", "G"]) + ":" + r.choice(["", "%", "2,$", "1,3"]) + r.choice(toks[:5])
             + r.choice(toks[5:]) + r.choice(["", "|" + r.choice(toks[5:])]) + "<CR>" + r.choice(["", "x", "ix<Esc>", "<CR>x", "jx", "p"]))
        nested.add((r.choice(texts), k))
    return sorted(cases | more | nested)
# Texts of realistic code and prose for the regex searches, with tabs, é/ü, 日本 and empty lines.
SEARCH_TEXTS = [
    "fn main() {\n\tlet x = foo(a, b);\n\tlet y = bar(x);\n\n\tprintln!(\"{} {}\", x, y);\n}\n",
    "The quick brown fox jumps over the lazy dog.\nA dog, a cat; the END.\n\nthe end\n",
    "café naïve résumé\nÜber straße fünf café\n日本語 テキスト 日本\n",
    "  if (a == b) { return a; }\n  else if (a != b) return b;\n\n  x = a[1] + b[2];\n",
    "foo_bar = 1\nfooBar = 2\nFOO = 3\nfoo = foo + 1\n",
    "aaa bbb aaa\nab ba ab\n\naaa\n",
    "key: value\n  - item one\n  - item two\n\t# comment\n",
    "x\n\n\ny\n\n",
    "word. Another word! End? ok\nsecond line here\n",
    "a.b*c [d] ~e $f ^g \\h /i ?j\n.b* [d] /i\n",
]

REGEX_PATTERNS = [
    # literal, classes, multis
    "foo", "a", "the", "x", "é", "日本", "\\d", "\\d\\+", "\\w\\+", "\\s\\+", "\\S\\+", "\\a\\+", "\\u", "\\l\\+",
    "[abc]", "[^a ]\\+", "[a-z]\\+", "[[:upper:]]", "[[:digit:]]", "\\x\\+", "\\h\\w*", "\\k\\+",
    "a*", "a\\+", "a\\=b", "a\\{2}", "a\\{1,2}", "a\\{-1,}", ".", ".\\{3}", "b.*b", "o.\\{-}o",
    # groups, branches, words
    "\\(a\\|b\\)", "\\%(foo\\|bar\\)", "foo\\|bar", "\\<a\\>", "\\<\\w", "\\w\\>", "\\<the\\>", "\\(a\\)\\1",
    "\\<x", "\\v(a|b)+", "\\v<\\w+>", "\\Vfoo", "\\V.", "\\Mfoo*", "\\cTHE", "\\Cthe", "\\cfoo",
    # anchors, zero-width
    "^", "$", "^\\s*", "\\s*$", "^$", "^\\w", "\\w$", "^\\t", "\\zsb", "a\\zsb", "a\\zeb", "foo\\zs", "\\ze.",
    "\\(foo\\)\\@<=bar", "a\\(b\\)\\@=", "a\\(b\\)\\@!", "\\%^", "\\%$", "\\%2l", "\\%3c", "\\%>2c.",
    # multi-line
    "\\n", "\\n\\n", "a\\nb", "\\_s\\+", "\\_.\\{3}", "\\n\\zs", "\\n\\zsx", "\\_^", "\\_$", "}\\n",
    # punctuation that is special
    "\\.", "\\*", "\\[", "\\~", "\\$", "\\^", "\\/", "a.b", "\\\\",
    # errors and no match
    "\\(", "zzz", "\\%[", "a\\{", "[",
]

OFFSETS = ["", "/", "/e", "/e+1", "/e-1", "/s", "/s+2", "/s-1", "/b", "/b+1", "/b-2", "/+1", "/-1", "/+2", "/2", "/-", "/+", "/e+3", "/s+10"]


def search_regex(rng):
    """`/` and `?` with patterns over Vim's syntax, counts, n/N, and searches as operator
    motions, over code and prose."""
    starts = ["", "j", "w", "$", "jw", "G", "e", "2w", "jj$", "G$", "3l", "gg"]
    ends = ["ix<Esc>", "x", "", "ax<Esc>"]
    for t in SEARCH_TEXTS:
        for p in REGEX_PATTERNS:
            for _ in range(3):
                d = rng.choice("/?")
                pat = p.replace("?", "\\?") if d == "?" else p.replace("/", "\\/")
                count = rng.choice(["", "", "2", "3"])
                r = rng.random()
                start = rng.choice(starts)
                if r < 0.5:
                    keys = start + count + d + pat + "<CR>" + rng.choice(["", "n", "N", "2n", "nn"]) + rng.choice(ends)
                elif r < 0.8:
                    op = rng.choice(["d", "c", "y", "gU", ">"])
                    keys = start + op + count + d + pat + "<CR>" + ("Z<Esc>" if op == "c" else "") + rng.choice(["", "j.", "n.", "u", "$p", "P"])
                else:
                    keys = start + d + pat + "<CR>" + rng.choice(["dn", "dN", "cnZ<Esc>", "yNP", "d2n", "qadnq@a", "dn."])
                yield t, keys


def search_offsets(rng):
    """Offsets `/pat/e+1` `/pat/s-1` `/pat/b` `/pat/+2`, `?pat?e`, `;` chains, `//` reusing the
    last pattern, n/N keeping the offset, operators over offset searches, the "/ register."""
    pats = ["a", "foo", "the", "é", "\\w\\+", "b", "end", "o", "\\<x\\>", "$", "^", "日本", "\\n", "a\\|b", "x"]
    starts = ["", "j", "w", "$", "G", "G$", "2w", "jj"]
    for t in SEARCH_TEXTS:
        for _ in range(75):
            d = rng.choice("/?")
            p = rng.choice(pats)
            off = rng.choice(OFFSETS).replace("/", d)
            start = rng.choice(starts)
            count = rng.choice(["", "", "2"])
            r = rng.random()
            if r < 0.4:
                keys = start + count + d + p + off + "<CR>" + rng.choice(["", "n", "N", "2n", "nN", "nnn"]) + rng.choice(["ix<Esc>", "x", "ax<Esc>"])
            elif r < 0.65:
                op = rng.choice(["d", "c", "y", "gU", "g~"])
                keys = start + op + d + p + off + "<CR>" + ("Z<Esc>" if op == "c" else "") + rng.choice(["", ".", "n.", "u", "P", "jp"])
            elif r < 0.8:
                p2 = rng.choice(pats)
                d2 = rng.choice("/?")
                off2 = rng.choice(OFFSETS).replace("/", d2)
                keys = start + d + p + d + rng.choice(["", "e", "e+1", "s-1", "+1"]) + ";" + d2 + p2 + off2 + "<CR>" + rng.choice(["", "n", "N"]) + rng.choice(["ix<Esc>", "x"])
            elif r < 0.92:
                keys = start + d + p + "<CR>" + rng.choice(["//e<CR>", "??e<CR>", "/<CR>", "?<CR>", "//+1<CR>", "//s+1<CR>", "//;//<CR>", "?/<CR>"]) + rng.choice(["", "n", "N"]) + rng.choice(["ix<Esc>", "x"])
            else:
                keys = start + d + p + off + "<CR>" + rng.choice(['"/P', '"/p', "o<C-r>/<Esc>", "i<C-r>/<Esc>", '"/yw', "o<C-r>/x<Esc>n."])
            yield t, keys


def search_words(rng):
    """`*` `#` `g*` `g#` on keywords, punctuation runs, é and 日本 words, with counts, n/N,
    under operators, and with 'ignorecase'/'smartcase' not applied (nothing sets them here)."""
    for t in SEARCH_TEXTS:
        lines = t.split("\n")
        for li, line in enumerate(lines[:-1]):
            for col in range(len(line)):
                if rng.random() < 0.35:
                    go = (f"{li + 1}G" if li else "gg") + "0" + (f"{col}l" if col else "")
                    cmd = rng.choice(["*", "#", "g*", "g#", "2*", "2#", "*n", "#N", "g*n", "d*", "d#", "c*Z<Esc>", "y#P", "*N", "3g#"])
                    yield t, go + cmd + rng.choice(["ix<Esc>", "x", ""])
        for keys in ["*``x", "#``x", "*''x", '*"/p', "*/<CR>x", "#?<CR>x", "*//e<CR>x"]:
            yield t, keys


def gn_ops(rng):
    """`dgn` `cgn` `ygn` `dgN` with counts, `.` repeating them, after `/`, `*`, `#` and `?`."""
    pats = ["foo", "a", "the", "é", "\\w\\+", "b", "end", "o\\w", "\\<x\\>", "日本", "a\\|b", "\\d", "[()]", "zz"]
    starts = ["", "j", "w", "$", "G", "G$", "2w", "jj", "3l"]
    for t in SEARCH_TEXTS:
        for _ in range(40):
            search = rng.choice(["/", "?"]) + rng.choice(pats) + "<CR>" if rng.random() < 0.8 else rng.choice(["*", "#", "w*", "g*"])
            op = rng.choice(["dgn", "dgN", "cgnX<Esc>", "cgNX<Esc>", "ygnP", "d2gn", "2dgn", "gUgn", "c3gnY<Esc>"])
            yield t, rng.choice(starts) + search + rng.choice(["", "gg", "G$", "w", "N"]) + op + rng.choice(["", ".", "..", "u", "n.", "ix<Esc>"])
        # Which register a gn delete fills (a Visual area: "- for a small one, unlike d/pat).
        # Where the pattern ends: collections and escapes hide the delimiter (\\v and \\V only).
        for keys in ['/\\M[d]/e<CR>x', '/\\V[d]/e<CR>x', '/[d]/e<CR>x', '/\\v[/]<CR>x', '?\\?j?e<CR>x', '/\\/i/e<CR>x', '/[/]/e<CR>x']:
            yield t, keys
        for keys in ['/o<CR>dgn"1p', '/o<CR>dgn"-p', 'd/o<CR>"-p', 'd/o<CR>"1p', '/\\_s<CR>dgn"1p', '/\\w\\+\\n\\s*\\w<CR>dgnp', 'gg/e\\_.*\\a<CR>dgn']:
            yield t, keys


def search_random(rng, n=4000):
    """Random search programs (not recorded in tests/data: a check to run by hand): patterns
    from a pool of atoms and multis, offsets, counts, n/N, gn and searches under operators."""
    atoms = ["a", "b", "o", "e", "x", "é", "日", " ", "\\t", ".", "\\.", "\\w", "\\s", "\\d", "\\a", "[a-c]", "[^ ]", "\\n",
             "\\_s", "\\_.", "^", "$", "\\<", "\\>", "\\zs", "\\ze", "\\(a\\|o\\)", "\\%(e\\|x\\)", "f", "(", ")", ";", "\\u", "\\l", "\\k", "\\h"]
    multis = ["", "", "", "*", "\\+", "\\=", "\\{2}", "\\{-}", "\\{1,3}", "\\{-1,}"]
    offs = ["", "", "/e", "/e+1", "/e-1", "/s+1", "/s-1", "/b+2", "/+1", "/-1", "/e+2", "/s-2"]
    for _ in range(n):
        t = rng.choice(SEARCH_TEXTS)
        d = rng.choice("/?")
        p = "".join(rng.choice(atoms) + rng.choice(multis) for _ in range(rng.randint(1, 4)))
        p = p.replace("?", "\\?") if d == "?" else p.replace("/", "\\/")
        o = rng.choice(offs).replace("/", d)
        start = rng.choice(["", "j", "w", "$", "G", "G$", "3l", "jw", "2j$"])
        tail = rng.choice(["x", "ix<Esc>", "nx", "Nx", "2nx", "d" + d + p + o + "<CR>", "dn", "dN", "cnZ<Esc>", "dgn", "cgnQ<Esc>u", "yNP", "nnx"])
        yield t, start + rng.choice(["", "", "2", "3"]) + d + p + o + "<CR>" + tail


def search_regex_matrix(rng):
    """The three search families above, in one recorded file."""
    for family in (search_regex, search_offsets, search_words, gn_ops):
        yield from family(rng)



def search_pattern_items(rng):
    """`/pat`, `?pat`, `:s/pat/rep/`, `:g/pat/`, `n`, `N` and `*` with patterns built from
    Vim's pattern items (lookarounds, `\\&`, `\\%[]`, back-references, `\\{-n,m}`,
    `\\zs`/`\\ze`, classes and collections, magic levels), over code and prose."""
    atoms = ["a", "e", "o", "x", "the", "é", ".", "\\w", "\\s", "\\d", "\\a", "\\u", "\\l", "\\k", "\\h", "\\x",
             "[a-e]", "[^ a]", "[[:alpha:]]", "[[:digit:]_]", "\\_s", "\\n", "^", "$", "\\<", "\\>", "\\zs", "\\ze",
             "\\(a\\|e\\)", "\\%(o\\|x\\)", "\\%[abc]", "\\(\\w\\)\\1", "\\%d97", "\\%x61", "\\e", "\\t"]
    multis = ["", "", "", "*", "\\+", "\\=", "\\?", "\\{2}", "\\{-}", "\\{1,3}", "\\{-1,}", "\\@=", "\\@!", "\\@<=", "\\@<!"]
    prefixes = ["", "", "", "\\v", "\\M", "\\V", "\\c", "\\C"]
    starts = ["", "j", "w", "$", "G", "jw", "3l"]
    for _ in range(1100):
        t = rng.choice(SEARCH_TEXTS)
        pat = "".join(rng.choice(atoms) + rng.choice(multis) for _ in range(rng.randint(1, 3)))
        if rng.random() < 0.15:
            pat += "\\&" + rng.choice(atoms)
        pat = rng.choice(prefixes) + pat
        slashed = pat.replace("/", "\\/")
        r = rng.random()
        start = rng.choice(starts)
        if r < 0.4:
            d = rng.choice("/?")
            p = pat.replace("?", "\\?") if d == "?" else slashed
            keys = start + d + p + "<CR>" + rng.choice(["", "n", "N", "nn", "2n"]) + rng.choice(["x", "ix<Esc>", "D"])
        elif r < 0.75:
            rep = rng.choice(["X", "[&]", "\\1", "", "<\\0>", "\\u&"])
            keys = ":" + rng.choice(["%", "", "2,$"]) + "s/" + slashed + "/" + rep + "/" + rng.choice(["g", "", "ge", "e"]) + "<CR>" + rng.choice(["", "u", "n"])
        elif r < 0.85:
            keys = ":g/" + slashed + "/" + rng.choice(["d", "s//Z/", "normal Ax"]) + "<CR>"
        else:
            keys = start + "/" + slashed + "<CR>" + rng.choice(["*x", "#x", "dn", "cgnZ<Esc>", "*Nx"])
        yield t, keys


def cross_visual_ex_search(rng):
    """Visual selections handed to ex commands (`'<,'>`), `:normal` leaving Visual mode
    active, ex patterns reused by `n`, `//`, `~`, `&` and `gn`, and searches reused by ex."""
    texts = ["alpha beta\ngamma alpha\nbeta gamma\nalpha\n", "  x = foo(a, b);\n\ty = [2, 3];\n  z = \"s t\";\nfoo\n",
             "one\ntwo\nthree\nfour\nfive\nsix\n", "café naïve\nÜber straße\ncafé\n", "a1\nb2\na3\nb4\na5\n"]
    sel = ["V", "Vj", "Vjj", "vj", "vjl", "<C-v>j", "<C-v>jl", "jV", "jVk", "GVk", "vip", "Vip"]
    ex = [":d<CR>", ":s/a/X/g<CR>", ":s/^/# /<CR>", ":normal Ax<CR>", ":>", ":<lt><CR>", ":j<CR>", ":m$<CR>", ":t0<CR>", ":sort<CR>",
          ":sort!<CR>", ":y<CR>P", ":g/a/d<CR>", ":v/a/d<CR>", ":s/\\w\\+/[&]/<CR>", ":d|s/a/b/<CR>", ":normal! 0x<CR>", ":co.<CR>", ":g/./s/$/;/<CR>"]
    after = ["", "u", "gv", "gvd", "n", "ix<Esc>", "`<ix<Esc>", "'>ix<Esc>", ":'<,'>d<CR>"]
    searches = ["/a<CR>", "/b\\d<CR>", "/\\<\\w<CR>", "/a/e<CR>", "/a/+1<CR>", "?a?<CR>", "*", "#"]
    for t in texts:
        for s in sel:
            for e in ex:
                for a in rng.sample(after, 3):
                    yield t, s + e + a
        for e in [":s/a/X/<CR>", ":%s/a/X/g<CR>", ":g/a/s//Y/<CR>", ":/b/d<CR>", ":/a/+1d<CR>", ":?a?-1d<CR>", ":2;/a/d<CR>"]:
            for a in ["n", "N", "nn", "/<CR>", "//e<CR>", "/~<CR>", "n:s//Z/<CR>", ":s/~/W/<CR>", "&", "g&", ":&&<CR>",
                      "*:s//Q/<CR>", "cgnQ<Esc>", "dgn.", "ix<Esc>"]:
                yield t, e + a + "ix<Esc>"
        for s in searches:
            for e in [":s//X/<CR>", ":g//d<CR>", ":normal nD<CR>", "V:s//-/g<CR>", ":%s//+/<CR>", "vn:s/\\%V./#/<CR>"]:
                yield t, s + e
        for s in ["Vj", "vjj", "V"]:
            for n in [":normal Vjj<CR>x", ":normal vj<CR>d", ":normal Vj<CR>:d<CR>", ":g/a/normal Vj<CR>d", ":normal Vjd<CR>",
                      ":normal V<CR><Esc>x", ":normal vj<CR>y$p"]:
                yield t, s + "<Esc>" + n


def marks_in_shortened_lines(rng):
    """Marks whose line got shorter after they were set: past the end they go to the last
    character (the line break in Visual mode), inside a multibyte character to its start."""
    texts = ["日本語 text mixed\n", "abc def ghi\nxyz\n", "café—naïve x\n", "a\tb\tc\n", "一二三四五\n"]
    for t in texts:
        for setup in ["$ma", "$hma", "2wma", "ma", "3lma", "wma"]:
            for shorten in ["0D", "hD", "0d$", "bD", "x", "0dw", "2x", "$x"]:
                for use in ["`ax", "d`a", "y`aP", "`aix<Esc>", "v`ad", "c`aZ<Esc>", "`a", "'ax", "d`a.", "g`ax"]:
                    yield t, setup + shorten + use
    # Found by make_dataset: `.` of d`a with the mark inside a character (a panic before).
    yield "日本語 text mixed\n", "2A—x<Esc>qawDq@ama<Left>d`a."


def reseeded(rng):
    """The Visual, ex and search generators again with other seeds, 2,500 cases each: cases
    their authors never looked at (they found the :mark column, the empty-line block delete
    and the :quit address)."""
    for make, seed in [(ex_fuzz, 77), (search_random, 99), (visual, 7), (ex_more, 11)]:
        cases = sorted(set(make(random.Random(seed))))
        random.Random(1).shuffle(cases)
        yield from cases[:2500]


def reseeded_more(rng):
    """A second round of generators with new seeds (it found `:s//` with no previous pattern
    giving two messages, and `n` resetting the wanted column even when it fails)."""
    jobs = [(visual, 8), (visual, 9), (ex_fuzz, 78), (search_random, 100), (ex_programs, 5), (ex_more, 12),
            (cross_visual_ex_search, 7), (ex, 3)]
    for make, seed in jobs:
        cases = sorted(set(make(random.Random(seed))))
        random.Random(2).shuffle(cases)
        yield from cases[:2500]


def crossed(rng, texts, firsts, seconds, lasts, k):
    """Every text with every first and second part of a program, each followed by `k` of the
    last parts drawn at random."""
    for t in texts:
        for first in firsts:
            for second in seconds:
                for last in rng.sample(lasts, k):
                    yield t, first + second + last


def drawn_last(rng, texts, firsts, middles, lasts, times=2):
    """Every text with every first and middle part of a program, `times` times, each time
    followed by a last part drawn at random."""
    for t in texts:
        for first in firsts:
            for middle in middles:
                for _ in range(times):
                    yield t, first + middle + rng.choice(lasts)


def marks_follow_edits(rng):
    """Marks set, then lines inserted, deleted, joined or put above, on or below them, then
    the marks used: Vim moves them (mark_adjust(), mark_col_adjust() for joins), deletes the
    named ones and `''` with their line, and keeps the Visual area on the first deleted line."""
    texts = ["one\ntwo\nthree\nfour\nfive\nsix\n",
             "  alpha beta\n\tgamma\n    delta epsilon\n\nzeta eta theta\niota\n",
             "a\nb\nc\n",
             "fn f() {\n    let x = 1;\n    x + 2\n}\n\nfn g() {}\n",
             "café naïve\n  日本語 text\n\tx y z\nend.\n  (paren\n",
             "b\na\nb\na\nc\nc\na\n"]
    setups = ["ma", "jjma", "jj$ma", "3Gwma", "Gma", "jjmaggmb", "jjwmajjmb", "G", "3Gjgg", "jjVj<Esc>", "jvjl<Esc>gg",
              "jjwma2Gmb", "4G$ma"]
    edits = ["ggO<Esc>", "ggo<Esc>", "jjo<Esc>", "Go<Esc>", "ggdd", "jjdd", "jj2dd", "Gdd", "ggdj", "ggdG", "jjdk",
             "ggJ", "gg3J", "jjJ", "gggJ", "ggVjJ", "jjcc<Esc>", "jjcj<Esc>", "ggS<Esc>", "ggyyp", "ggyyP", "Gyyp",
             "gg2yyjp", "ggyjGp", "jjd}", "gg$d/th<CR>", "ggwd2w", "gglvjd", "ggVjd", "jjvjc<Esc>", "ggwr<CR>",
             "ggi<CR><Esc>", "jjA<CR>x<Esc>", "ggwi<CR><Esc>", "gg3o<Esc>", "jj2O<Esc>", "ggwv$y$p", "ggvjy$p",
             "gg2dd.", "ggJ.", "ggo<Esc>.", "jjddp", "jjddP", "ggyy3p", "gg:2d<CR>", "gg:3,4j<CR>", "Gdgg",
             ":2,3m$<CR>", ":4m0<CR>", ":1,2m4<CR>", ":5m1<CR>", ":3m2<CR>", ":2t4<CR>", ":1,2co$<CR>", ":t0<CR>",
             ":sort<CR>", ":%sort!<CR>", ":sort u<CR>", ":2,5sort u<CR>", ":g/e/d<CR>", ":v/a/d<CR>", ":g/^$/d<CR>",
             ":2,4j<CR>", ":%j!<CR>", ":g/a/m0<CR>", ":g/t/t.<CR>"]
    uses = ["'aix<Esc>", "`aix<Esc>", "''ix<Esc>", "``ix<Esc>", "'<ix<Esc>", "`>ix<Esc>", "d'a", "y`aP",
            ":'a,'bd<CR>", ":'<,'>d<CR>", "`bix<Esc>", "'bdd", "c`az<Esc>", "ggd'a", ":'ad<CR>"]
    yield from crossed(rng, texts, setups, edits, uses, 3)


def curswant_after_failed_motions(rng):
    """A motion that fails after `$` (or a `$` block): Vim's nv_findpar() and nv_brace() set
    w_set_curswant before they fail, so the next vertical move takes the cursor's column and a
    `$` block is no longer to the line ends; other motions leave the wanted column alone."""
    texts = ["# config\nname = vimdata\nversion = 0.1.0\n\n[deps]\nropey = 1\n",
             "short\na much longer line here\nmid line\n",
             "\tx = 1;\n\ty = 22;\nzzz\n"]
    starts = ["$", "G$", "v$", "<C-v>$", "<C-v>G$", "V$", "j$", "2$", "<C-v>j$"]
    motions = ["9(", "9)", "9{", "9}", "20{", "20}", "(", ")", "{", "}", "9w", "9b", "9e", "9W", "9ge", "%",
               "9[(", "9])", "9[{", "9]}", "9]]", "9[[", "9;", "fz", "tq", "9n", "99|", "9h", "9l", "9j", "9k"]
    follows = ["jx", "kx", "Ax<Esc>", "d", "jd", "kd", "ix<Esc>", "jAx<Esc>", "y$p"]
    yield from crossed(rng, texts, starts, motions, follows, 3)


def brackets(rng):
    """`[(` `[{` `])` `]}` (the unclosed bracket, counts, quotes and escaped brackets on the
    way) and `[[` `]]` `[]` `][` (sections: `{`/`}` in the first column, form feeds, nroff
    macros), moving, under operators and in Visual mode; other `[x` stay refused."""
    texts = ["int f(int a) {\n    if (a) {\n        g(a, \"(x\", ')');\n    }\n    return (a +\n        1);\n}\n\nint h() {\n}\n",
             "fn main() {\n    let v = vec![(1, 2), (3, 4)];\n    for (a, b) in v { println!(\"{}\", a); }\n}\n",
             "a (b (c \\( d) e) f\n{\nx\n}\n\f\n.SH NAME\ntext\n",
             "def f(x):\n    return {'a': (x, [1, 2]),\n            'b': 3}\n",
             "plain text\nno brackets here\n"]
    starts = ["", "j", "jj", "jjw", "3j$", "G", "Gk", "5G", "j$", "jjf(", "jf{"]
    motions = ["[(", "[{", "])", "]}", "2[(", "2[{", "3])", "2]}", "[[", "]]", "[]", "][", "2]]", "2[[", "3][", "9]]",
               "[p", "]m", "[*", "[#", "['"]
    ops = ["", "d", "c", "y", "v", "V", "<C-v>", "gU"]
    follows = ["ix<Esc>", "x", "p", "jix<Esc>"]
    for t in texts:
        for start in starts:
            for motion in motions:
                for op in rng.sample(ops, 3):
                    after = "Z<Esc>" if op == "c" else ("d" if op in ("v", "V", "<C-v>") else "")
                    yield t, start + op + motion + after + rng.choice(follows)
# Realistic code and prose for the broad ex generator: tabs, indents, é/日本, empty lines.
EX_WIDE_TEXTS = [
    "fn main() {\n\tlet x = foo(a, b);\n\tlet y = bar(x);\n\n\tprintln!(\"{} {}\", x, y);\n}\n",
    "import os\nimport sys\n\ndef main(argv):\n    if argv:\n        return 1\n    return 0\n",
    "The quick brown fox jumps over the lazy dog.\nA dog, a cat; the end.\n\nthe end\n",
    "café naïve résumé\nÜber straße fünf café\n日本語 テキスト 日本\n",
    "  int a = 1;\n\tint b = 22;\n  // note\nint c = 333;\n\n  a = b + c;\n",
    "key=value\nname = vim\n  port=80\n# comment\ncount = 10\n",
    "b\na\nc\na\nB\n10\n9\n-3\nx2y\n\n",
    "# Title\n\nSome text here.\nMore text.\n\n## Section\n- item one\n- item two\n",
    "foo bar foo\nbar baz\n\tfoo\n  qux foo bar\nend\n",
    "\tif (x) {\n\t\ty = 1;    \n\t}\n    z = 2;\t\n",
]


def ex_wide(rng, n=3200):
    """A broad random draw of ex programs over every item of the ex issue: ranges with marks,
    patterns, offsets and `;` (backwards ones too), `:s` with flags and specials, `:g`/`:v` with
    nested commands (`:normal`, `:s`), the line commands, `:sort`, alignment, `:retab`,
    `:undo N`, `:redo`, marks, `:noh`, `:let @r=`, `:set` of the listed options, command-line
    editing keys, `|` chains, `@:` and counts before `:`."""
    addrs = ["1", "2", "3", "$", ".", "'a", "'b", "/e/", "?o?", "/^$/", "/\\<a/", "+", "-", "+2", "$-1", ".+1", ".-1",
             "/e/+1", "?a?-1", "\\/", "\\?", "\\&", "0", "'<", "'>"]
    pats = ["o", "a", "e", "foo", "the", "^", "$", "\\s\\+", "[aeiou]", "\\<\\w", "\\d\\+", "o\\+", ".", "x*", "é", "\\t",
            "^\\s*", "\\w\\+$", "zz", "a\\|e", "\\<the\\>", "[[:upper:]]", "\\S", "\\(\\w\\+\\) \\(\\w\\+\\)", "\\s\\+$", "=", "(", "\\."]
    reps = ["X", "", "&&", "[&]", "\\0", "\\1", "\\u&", "\\U&\\E!", "\\L&", "\\r", "\\t", "~", "\\\\", "<&>", "\\n", "-\\2-\\1-",
            "\\l&", "\\u\\1"]
    sflags = ["", "", "g", "i", "gi", "I", "e", "ge", "n", "&", "gn", "#", "p", "l", "gp", "c"]
    set_opts = ["ic", "noic", "scs", "ws", "nows", "magic", "nomagic", "sw=4", "sw=2", "ts=4", "ts=8", "sts=4", "et", "noet",
                "ai", "noai", "tw=20", "tw=0", "isk+=-", "nf=alpha", "nf=", "js", "nojs", "gd", "nogd", "sol", "nosol",
                "ww=h,l", "bs=", "bs=2", "sw=8", "ic scs", "hls", "nohls", "report=0", "list", "nu"]
    def addr():
        a = rng.choice(addrs)
        if rng.random() < 0.15:
            a += rng.choice(["+1", "-1", "+", "-", "2"])
        return a
    def rng_range():
        r = rng.random()
        if r < 0.25:
            return ""
        if r < 0.35:
            return "%"
        if r < 0.6:
            return addr()
        return addr() + rng.choice([",", ",", ";"]) + addr()
    def sub():
        d = rng.choice("////#,")
        rep = rng.choice(reps)
        return "s" + d + rng.choice(pats) + d + rep + d + rng.choice(sflags) + rng.choice(["", "", " 2"])
    def simple():
        return rng.choice([
            "d", "d a", "d 2", "d A", "y a", "y 3", "y A", ">", ">>", "<", "< 2", "> 3", "m0", "m$", "m 2", "m-2", "m'a",
            "m/e/", "t.", "t0", "co$", "copy 1", "t'b", "j", "j!", "j 3", "j! 2", "pu", "pu a", "pu!", "put! b", "0pu",
            "k a", "ka", "mark b", "mark c", "normal Ax", "norm! dw", "normal x", "normal 2J", "normal ciwZ", "normal >>",
            "normal @q", "norm! yyp", "undo", "undo 0", "undo 1", "undo 2", "u 3", "redo", "red", "noh", "nohlsearch",
            "sort", "sort!", "sort i", "sort n", "sort u", "sort nu", "sort! n", "sort /\\w\\+ /", "sort /\\d/ r", "sort x",
            "sort f", "sort o", "sort b", "&&", "&", "~", "s", "s//X/", "&g", "s g", "le", "le 4", "ri", "ri 30", "ce",
            "ce 40", "retab", "retab 4", "retab!", "retab! 4", "ret 2", "let @a='xyz'", "let @b=\"q\\tq\"", "let @/='e'",
            "let @a .= 'tail'", "let @A='x'", "let @\"='p'", "marks", "reg", "dis", "ju", "changes", "set " + rng.choice(set_opts),
            "setl " + rng.choice(set_opts), sub(), sub(), sub()])
    nested = ["d", "s//X/", "s/o/0/g", "normal Ax", "norm! >>", "m0", "t$", "j", ">", "y A", "normal dw", "s/$/;/",
              "d|$put", "normal! 0x", "co0", "-1j", ".,+1d", "normal @q", "s/e/E/|s/o/O/", "normal ciwW", "<", "le 2",
              "normal J", "normal yyp", "t.", "m-2", "k a", "pu"]
    starts = ["", "", "j", "jj", "G", "w", "2j$", "majjmb", "jmajmbgg", "G$", "qqA!<Esc>q", "qqx<Esc>q", "Vj<Esc>",
              "jVj<Esc>gg", "vj<Esc>"]
    suffixes = ["", "ix<Esc>", "ix<Esc>", "u", "uix<Esc>", "p", "\"ap", "n", "x", "<CR>ix<Esc>", "u<C-r>", "jx", "@:",
                "u@:", "\"bp", "'ax"]
    edits = [("", ""), ("<BS>", "x"), ("<C-h>", "x"), ("<C-w>", "foo"), ("<C-u>", "zz"), ("<Left><Del>", ""),
             ("<Home><Right><Del>", ""), ("<C-b>", ""), ("<End>", ""), ("<C-r>a", ""), ("<C-r><C-w>", ""), ("<C-v>u", "")]
    out = []
    for _ in range(n):
        t = rng.choice(EX_WIDE_TEXTS)
        r = rng.random()
        if r < 0.3:
            cmd = rng_range() + simple()
        elif r < 0.55:
            cmd = rng_range() + sub()
        elif r < 0.72:
            cmd = rng.choice(["", "", "2,4", ".,$", "1,3", "/e/,$", "'a,'b"]) + rng.choice(["g", "g", "v", "g!"]) + \
                "/" + rng.choice(pats) + "/" + rng.choice(nested)
        elif r < 0.85:
            cmd = "|".join(rng_range() + simple() for _ in range(rng.randint(2, 3)))
        else:
            cmd = rng_range() + simple()
            junk, fix = rng.choice(edits)
            # a typed slip and its correction: the slip is erased by the editing key
            if junk in ("<BS>", "<C-h>"):
                cmd = cmd + fix + junk
            elif junk == "<C-w>":
                cmd = cmd + " " + fix + junk + "<BS>"
            elif junk == "<C-u>":
                cmd = fix + junk + cmd
            elif junk == "<C-r>a":
                cmd = "s/<C-r>a/Y/"
            elif junk == "<C-r><C-w>":
                cmd = "s/<C-r><C-w>/W/g"
            elif junk == "<C-v>u":
                cmd = "s/<C-v><Tab>/T/g"
            else:
                cmd = cmd + junk
        count = rng.choice(["", "", "", "", "", "2", "3"])
        pre = rng.choice(starts)
        keys = pre + count + ":" + cmd + "<CR>" + rng.choice(suffixes)
        if "<C-r>a" in keys and "\"a" not in pre:
            keys = "\"ayiw" + keys
        out.append((t, keys))
    return out
def visual_broad(rng, n=3200):
    """Random Visual programs over every item of issue 14, with fresh seeds: entries and
    switching (v V <C-v>, counts, 1v), o and O, every motion, search and growing text object,
    every operator on the selection, block I/A/$A/c, gv after an operator and after p, `:`
    giving '<,'>, `.` repeats, and the Normal commands the issue lists (go, U, g; g, & g&),
    over texts with tabs, multibyte and double-width characters, empty and short lines."""
    texts = ["one two three\nfour five\n\nsix seven\n", "\tx = foo(a, [b]);\n  y = \"s t\";\n}\n",
             "café naïve résumé\nÜber straße\nfünf\n", "a\tbc\td\n\tef\tg\nh\n", "日本語 テキスト\nab 日本\n\nxyz\n",
             "x\n\nlong line of words here\nab\n", "<a><b>x y</b> z</a>\n<c>w</c>\n", "The cat. The dog!\n\nA b. C d.\n",
             "(a (b c) d)\n{e [f] g}\n", "  \n\t\nend\n"]
    starts = ["", "w", "$", "j", "jl", "G", "2l", "e", "jw", "f(", "j$", "3go", "gg", "}"]
    entries = ["v", "V", "<C-v>", "2v", "1v", "2V", "vV", "Vv", "v<C-v>", "<C-v>v", "V<C-v>", "<C-v>V"]
    motions = ["l", "h", "j", "k", "w", "b", "e", "W", "B", "E", "ge", "$", "0", "^", "g_", "3l", "2j", "j$", "$j",
               "G", "gg", "}", "{", "(", ")", "%", "fa", "t ", "Fe", ";", ",", "5|", "<Space>", "<BS>", "+", "-",
               "o", "O", "oh", "jo", "$o", "iw", "aw", "iW", "aW", "2iw", "iwiw", "awaw", "ip", "ap", "ipip", "is",
               "as", "i(", "a(", "i(i(", "ib", "aB", "i[", "a[", "i\"", "a\"", "it", "at", "itit", "i<lt>", "a<lt>",
               "/e<CR>", "?a<CR>", "n", "N", "*", "#", "H", "L", "M", "3go", "gv", "1v"]
    ops = ["d", "x", "X", "D", "<Del>", "y", "Y", "c<Esc>", "cZ<Esc>", "s-<Esc>", "C-<Esc>", "S-<Esc>", "R<Esc>",
           "rx", "r日", "J", "gJ", "2J", ">", "<lt>", "2>", "~", "u", "U", "g~", "gu", "gU", "g?", "p", "P",
           "\"ay", "\"_d", "\"Ad", "IX<Esc>", "AY<Esc>", "$A;<Esc>", ":s/^/#/<CR>", ":d<CR>", ":<Esc>"]
    after = ["", "gvd", "gvy", "gv<Esc>ix<Esc>", ".", "j.", "u", "uU", "U", "g;ix<Esc>", "g,x", "1vd", "p", "P",
             "ix<Esc>", "&", "g&", "3gox"]
    for _ in range(n):
        keys = rng.choice(["", "yiw", "yy", "dd"]) if rng.random() < 0.15 else ""
        keys += rng.choice(starts) + rng.choice(entries) + rng.choice(motions)
        if rng.random() < 0.35:
            keys += rng.choice(motions)
        keys += rng.choice(ops) + rng.choice(after)
        if rng.random() < 0.2:
            keys += rng.choice(after)
        yield rng.choice(texts), keys


def marks_after_many_moves(rng):
    """Marks read after more line changes than the engine keeps moves for (it moves the
    marks to where they are and drops the list): named marks, `''` and the Visual area."""
    texts = ["one\ntwo\nthree\nfour\n", "  a\n\tb\nc\n\nd\n"]
    setups = ["jma", "jjmaggmb", "G", "jVj<Esc>", "jjwma"]
    loops = ["qqyypq70@q", "qqggOx<Esc>q80@q", "qqddpq90@q", "qqjyyPq70@q", ":g/^/t.|t.<CR>:g/^/t.|t.|t.<CR>",
             "qqyyp''q70@q", "ggqqyyPjq70@q", "qqJuq0", "100ox<Esc>"]
    uses = ["'aix<Esc>", "`bix<Esc>", "''ix<Esc>", "``ix<Esc>", "'<ix<Esc>", "`>ix<Esc>", ":'a,'bd<CR>", "d'a", "gvd"]
    for t in texts:
        for setup in setups:
            for loop in loops:
                for use in uses:
                    yield t, setup + loop + use


def block_ops_on_empty_lines(rng):
    """Block operators on a selection within one empty line: Vim's op_delete() returns before
    yanking (registers keep what they had, a bad register name included), the change operator
    goes on; over several lines the registers are filled."""
    texts = ["x = 007 + 0x1f - 10\ncount: -5 items\n", "ab\n\ncd\n", "\n\n\n", "  a\n\n\tb\n\n"]
    setups = ["yyD", "yyj", "D", "yyo<Esc>", "yyGo<Esc>", "ywjj", "\"ayyj"]
    selections = ["<C-v>", "<C-v>$", "<C-v>l", "<C-v>j", "<C-v>jk", "4<C-v>)1-", "v", "V"]
    ops = ["x", "d", "X", "D", "y", "cZ<Esc>", "\"ax", "\".x", "\"_x", "<Del>", "sZ<Esc>"]
    ends = ["p", "P", "\"-p", "\"1p", "\"ap", "\"0p", "u"]
    for t in texts:
        for setup in setups:
            for sel in selections:
                for op in ops:
                    yield t, setup + sel + op + rng.choice(ends)


def case_mapping(rng):
    """The case operators over letters beyond ASCII: Vim converts them by its own tables
    (`casemap=internal`), `gU` makes the sharp s "SS", a title-case digraph is only raised,
    `g?` leaves them alone, and a letter whose other case is longer or shorter in UTF-8 is
    refused (Vim's cursor then lands by byte column)."""
    texts = ["straße STRASSE ẞ\nΑλφα βήτα ΓΆΜΜΑ ς\n",
             "Привет мир ЁЖИК ёжик\nÿ µ ǅ ǆ Ǆ ǈ\n",
             "ÀÉÎÕÜ àéîõü Ÿ æÆ øØ þÞ\nİ ı i I\n",
             "ａｂ ＡＢ Ꭰ ꭰ\nＺ 𐐀 𐐨 ǰ ﬁ Ǳ ǲ ǳ Ⱥ\n",
             "mixed Café ΣΊΣΥΦΟΣ\n  Ωmega ωμέγα\n"]
    moves = ["", "w", "j", "jw", "$", "2w", "e", "j$", "jfμ"]
    ops = ["~", "3~", "10~", "g~~", "gUU", "guu", "g??", "g~w", "gUw", "guw", "gUiw", "gU$", "gu$", "g~$", "g?$",
           "gUj", "guj", "g~j", "vllU", "vllu", "vll~", "VU", "Vu", "V~", "v$U", "vjU", "vju", "<C-v>jlU",
           "<C-v>jlu", "<C-v>jl~", "<C-v>j$U", "gU2e", "g~ip", "gUip", "guip"]
    follows = ["", "ix<Esc>", ".", "j.", "u", "x", "ax<Esc>", "p"]
    yield from crossed(rng, texts, moves, ops, follows, 3)


def window_commands(rng):
    """`H`, `M`, `L`, `<C-d>`, `<C-u>` on the 80x24 screen: short buffers, buffers longer
    than the window, lines that wrap (tabs, long lines, a wide character), counts (which set
    'scroll' for `<C-d>`/`<C-u>`), under operators and in Visual mode, after scrolling
    commands and edits that move lines; each followed by an edit that shows where the cursor
    went."""
    texts = ["a\nb\nc\n",
             "".join("line %d\n" % i for i in range(1, 41)),
             "".join(("    " if i % 3 else "") + "row %d " % i + ("x" * (100 if i % 7 == 0 else 3)) + "\n" for i in range(1, 31)),
             "\tone\n\t\ttwo\n" + "".join("w%d\n" % i for i in range(20)) + "x" * 170 + "\nend\n",
             "日本語 テキスト\n" * 12 + "longer " * 15 + "\n" + "z\n" * 10,
             "\n\n  indented\n\n" * 7,
             "fn main() {\n" + "".join("    let v%d = %d;\n" % (i, i) for i in range(22)) + "}\n"]
    starts = ["", "j", "5j", "10j", "15G", "22G", "$", "3j$", "ggO<Esc>", "yy5p", "5dd", "Ax<Esc>", "2<C-d>",
              "jjma", "G", "zz", "vj"]
    moves = ["H", "M", "L", "2H", "3L", "99H", "99L", "<C-d>", "<C-u>", "<C-d><C-d>", "<C-d><C-u>", "3<C-d>",
             "30<C-d>", "5<C-d><C-u>", "<C-d>L", "<C-d>H", "<C-d>M", "dH", "dL", "dM", "yL", "c2LZ<Esc>", "gUM",
             ">L", "VHd", "vLy", "<C-v>Mx", "d<C-d>", "y<C-u>", "<C-d><C-d><C-d>H", "L<C-u>", "M<C-d>", "LM"]
    follows = ["ix<Esc>", "x", "dd", "p", "jix<Esc>", "Hix<Esc>", "Lx", "Mx", "<C-d>x", "<C-u>x", "ggM"]
    yield from crossed(rng, texts, starts, moves, follows, 2)


def last_insert_typed_again(rng):
    """`<C-a>`, `<C-r>.` and `<C-@>` in Insert and Replace mode type the last inserted text
    again (Vim's stuff_inserted()): after inserts with special keys (<BS>, <C-w>, <CR>,
    arrows, <C-o>), after `r`, `r<CR>`, counts and `.`; with `.` repeating them."""
    texts = ["one two\nthree four\n", "\tx = 1;\n  y\n", "café 日本\n"]
    firsts = ["ifoo<Esc>", "Abar<BS>z<Esc>", "ia b<C-w>c<Esc>", "ox<CR>y<Esc>", "3ihi <Esc>", "rZ", "r<CR>",
              "cwnew<Esc>", "ia<Left>b<Esc>", "iab<C-o>lc<Esc>", "Rxy<Esc>", "ix<Esc>ay<Esc>", "i<Tab>t<Esc>",
              "A 0<Esc>", "A ^<Esc>", "r<C-v><C-a>", "ia<C-u>b<Esc>", "I- <Esc>j."]
    seconds = ["i<C-a><Esc>", "a<C-a><C-a><Esc>", "o<C-r>.<Esc>", "A<C-@>", "3i<C-a><Esc>", "R<C-a><Esc>",
               "i<C-@>x", "cw<C-a><Esc>", "ix<C-a>y<Esc>", "i<C-r>.<C-r>.<Esc>", "2A<C-@>", "ix<Esc>i<C-a><Esc>",
               "O<C-a><CR><C-a><Esc>"]
    lasts = ["", ".", "j.", "u", "\".p", "3.", "i<C-a><Esc>", "ggdd."]
    yield from crossed(rng, texts, firsts, seconds, lasts, 3)
    for t in texts:
        for second in seconds:
            yield t, second
def visual_put_empty(rng):
    """Visual `p`/`P` with an empty register: nv_put_opt() deletes the selection first, then
    do_put() fails with E353; the registers end as the delete left them (`P` keeps them), the
    cursor comes back onto the line, and a macro stops there."""
    texts = ["one two three\nfour five\n\nsix seven\n", "\tx = foo(a, [b]);\n  y = \"s t\";\n}\n",
             "café naïve résumé\nÜber straße\nfünf\n", "a\tbc\td\n\tef\tg\nh\n", "日本語 テキスト\nab 日本\n\nxyz\n",
             "x\n\nlong line of words here\nab\n", "a\n", "\n"]
    starts = ["", "w", "$", "j", "jl", "G", "e", "j$", "gg", "G$", "\"ayiwj", "yiw\"_dd"]
    selections = ["v", "vl", "ve", "v$", "vj", "vjj", "v$j", "vG", "V", "Vj", "VG", "Vgg", "ggVG", "<C-v>", "<C-v>jl",
                  "<C-v>j$", "<C-v>Gl", "2v", "vh", "vb", "viw", "vip", "Vip", "v0"]
    puts = ["p", "P", "\"bp", "\"bP", "\"-p", "\"1p", "\"9P", "3p", "\"Bp", "\"\"p", "\"0p"]
    follows = ["", "ix<Esc>", "ax<Esc>", ".", "u", "p", "P", "\"-p", "\"1p", "\"2p", "gvd", "x", "jx", "i<C-r>\"<Esc>",
               "u<C-r>", "yyp"]
    for t in texts:
        for start in starts:
            for sel in rng.sample(selections, 10):
                for put in rng.sample(puts, 4):
                    yield t, start + sel + put + rng.choice(follows)
    # `.` after a Visual put, empty or not, repeats the delete (`vd`, `"_vd` after `P`) on an
    # area of the same size.
    for t in texts[:6]:
        for yank in ["", "yiw", "yy", "\"ayiw", "yl"]:
            for sel in rng.sample(selections, 6):
                for put in ["p", "P", "\"ap", "\"aP"]:
                    yield t, yank + sel + put + rng.choice([".", "j.", "0.", "u.", "w.", "2j."])
    # In a macro the error stops the rest of the register.
    for t in texts[:4]:
        for body in ["vlp", "Vp", "<C-v>jp", "veP"]:
            for tail in ["ix<Esc>", "jdd", ""]:
                yield t, "qq" + body + tail + "q" + rng.choice(["", "u", "@q", "j@q", "2@q"])


def block_shift(rng):
    """`>` and `<` on a Visual block (ops.c shift_block()): the text from the block's left
    edge moves by count shiftwidths; right, the white space around the edge is rebuilt as tabs
    then spaces; left, only white space inside the block is taken and a tab it stops in
    becomes spaces; empty lines and lines ending before the edge stay."""
    texts = ["ab   cd\n\t  x  y\n  b\t\tz\n", "one two three\nfour five\n\nsix seven\n",
             "\tx = foo(a, [b]);\n  y = \"s t\";\n}\n", "a\tbc\td\n\tef\tg\nh\n",
             "        x\n\t\ty\n    \t z\n", "café  naïve\nÜber\t straße\nfünf\n", "日本語 テキスト\nab 日本\n\nxyz\n",
             "x\n\nlong   line of words here\nab\n", "  a  b  c\n   d   e\n  \n f\n"]
    starts = ["", "l", "w", "e", "$", "j", "jw", "2l", "5|", "9|", "fb", "ll", "gg3l"]
    selections = ["<C-v>", "<C-v>j", "<C-v>jj", "<C-v>G", "<C-v>jl", "<C-v>j$", "<C-v>3j", "<C-v>jjw", "<C-v>jo",
                  "<C-v>jO", "<C-v>k", "<C-v>}", "<C-v>2j$"]
    ops = [">", "<lt>", "2>", "2<lt>", "3>", "9<lt>", "1>"]
    follows = ["", "ix<Esc>", "u", ".", "j.", "u<C-r>", "gv>", "gv<lt>", "x", "$x", "p", "3."]
    for t in texts:
        for start in starts:
            for sel in rng.sample(selections, 6):
                for op in rng.sample(ops, 4):
                    yield t, start + sel + op + rng.choice(follows)


def ex_cmdline_register(rng):
    """The `":` register and the cursor around command lines: a chain of `|` commands stopped
    by an error (before or after the `|` is separated off), command lines from a macro, `@:`
    (which drops a pending line), `:normal` whose own command lines fail, negative addresses
    beside `;` and `,`, and `:undo`/`:redo`, which keep the wanted column unless the cursor
    changes lines; each followed by what shows `":` and the cursor (`@:`, `":p`, `jx`)."""
    texts = ["foo bar foo\nbar baz\n\tfoo\n  qux foo bar\nend\n",
             "one two three\nfour five six\n\nseven eight\n",
             "  a = 1;\n\tb = 22;\n  c = 333;\nd\n",
             "café naïve\n日本語 foo\n\nx\n"]
    firsts = ["", "j", "jj", "G", "$", "w", "j$", "Gk", "ma", "jjmb", "$x0", "2w", "3|", "jf "]
    cmdlines = [":s/foo/X/<CR>", ":s/zzz/y/|d<CR>", ":s/o/0/g|s/zzz/y/<CR>", ":d|zzz<CR>", ":zzz|d<CR>", ":2|d<CR>",
                ":s/a/A/|<CR>", ":4d|1d<CR>", ":9d|1d<CR>", ":d x|d<CR>", ":undo<CR>", ":redo<CR>", ":undo|redo<CR>",
                ":red<CR>", ":u<CR>", ":--1;--1d<CR>", ":-5,2d<CR>", ":.-9;+1d<CR>", ":-3;+1y<CR>", ":2;+1d<CR>",
                ":.-1,3normal >>|-&<CR>", ":normal &<CR>", ":%normal :s/o/0/\r<CR>", ":%norm! A;<CR>", ":2,3normal x<CR>",
                "qq:s/o/0/<CR>q", "qq:s/zzz/y/|d<CR>q", ":<CR>", ":<Esc>", ":y|d 0<CR>", ":s/e/E/ 0|d<CR>", ":sort|d<CR>",
                "xu:undo<CR>", "x:undo<CR>:redo<CR>", "ddj:undo<CR>", "dd:u|red<CR>", "Ax<Esc>:undo<CR>", "jdd:undo<CR>k",
                ":undo|redo<CR>:zzz<CR>", ":undo|redo<CR>:s/o/0/<CR>", ":undo|redo<CR>:d<CR>", ":u|red<CR>:u|red<CR>",
                ":undo|redo<CR>/o<CR>", ":undo|redo<CR>:<Esc>", ":zzz|zzz<CR>", ":2zzz<CR>", ":'zzzz<CR>", ":$;+1zzz<CR>",
                ":sg<CR>", ":dl<CR>", ":delp<CR>", ":kx|'xd<CR>", ":sgarbage<CR>", ":zz2<CR>", ":Zzz<CR>"]
    seconds = ["", "j", "$", "0", "x", "u", "jj", ":s/o/Q/<CR>", ":zzz<CR>"]
    lasts = ["@:", "j@:", "\":p", "\":P", "jx", "kx", "ix<Esc>", "@qj@:", ":<C-r>:<BS><BS>x<CR>", "u", "@:u", "2@:", "j.", "x"]
    for t in texts:
        for first in firsts:
            for c in cmdlines:
                for _ in range(2):
                    yield t, first + c + rng.choice(seconds) + rng.choice(lasts)


def ex_address_searches(rng):
    """Ex addresses that search: `/pat/` and `?pat?` after another address (`.+2/e/`,
    `'a/x/`, `/a//b/`, `3?o?`), `\\/`, `\\?` and `\\&` repeating the last search or
    substitute pattern from the cursor or from an address, with offsets, `;`, 'wrapscan',
    'ignorecase'/'smartcase' and patterns set by `*`, `/`, `:s` and `:g` before."""
    texts = ["foo bar\nbaz foo\n\nqux Foo\nfoo end\nlast\n",
             "one two three\nfour five six\n\nseven eight\nnine two\n",
             "  a = 1;\n\tb = 22;\n  c = 333;\nd\n  a = 4;\n",
             "café naïve\n日本語 foo\n\nx café\n"]
    setups = ["", "j", "G", "jj", "*", "#", "/o<CR>", "?a<CR>", ":s/o/0/<CR>", ":g/a/s/a/A/<CR>", "ma", "Gma", "jjmagg",
              ":set nows<CR>", ":set ic<CR>", ":set ic scs<CR>/F<CR>", "w*", "/two\\|a<CR>gg"]
    addrs = ["\\/", "\\?", "\\&", ".\\/", "$\\?", "'a\\/", "2\\/", "\\/+1", "\\?-1", "\\/;\\/", "\\&,$",
             ".+2/o/", "'a/e/", "/a//o/", "3?o?", "1/e/-1", "$?a?", "/o/+1/e/", ".,.+1/a/", "\\//o/", "/x/;//",
             "0\\/", "9\\/", "\\x", "1,\\/", "\\?,.", "2;/o//e/", "/zzz//o/", "\\/zzz"]
    cmds = ["d", "y|$pu", "s/o/#/", "normal Ax", "m0", "t$", "j", ">", "", "k b|'bd"]
    lasts = ["", "jx", "ix<Esc>", "n", "Nx", "u", "@:", "p"]
    for t in texts:
        for s_ in setups:
            for a in addrs:
                for _ in range(2):
                    yield t, s_ + ":" + a + rng.choice(cmds) + "<CR>" + rng.choice(lasts)


def visual_lines_insert(rng):
    """`I` and `A` on charwise and linewise selections (v_visop() makes them linewise, then
    op_insert()): `A` goes after the end of the selection only when the operator's screen
    columns differ, and those are left over from earlier Visual operators (a block, a `$`
    selection, one line or several); counts repeat the insert; `.` selects as many lines from
    the cursor; `u`, `gv` and the marks after them."""
    texts = ["one two three\nfour five\n\nsix seven\n", "\tx = foo(a, [b]);\n  y = \"s t\";\n}\n",
             "café naïve résumé\nÜber straße\nfünf é\n", "a\tbc\td\n\tef\tg\nh\n", "日本語 テキスト\nab 日本\n\nxyz 語\n",
             "x\n\nlong line of words here\nab\n", "a\n", "\n", "ab\ncd\nef\ngh\nij\n", "  a\n\t\n  b\n\n"]
    befores = ["", "", "", "vly", "v$y", "vy", "<C-v>jly", "<C-v>y", "<C-v>j$y", "Vjy", "vjy", "lvy", "wviwy",
               "vl<Esc>", "vjd", "Vu", "vlU", "jv$y", ":normal vly<CR>", "vl:<C-u><CR>", "<C-v>l:<C-u><CR>", "yyp"]
    starts = ["", "w", "$", "j", "jl", "G", "e", "j$", "gg", "G$", "2l", "jw"]
    selections = ["v", "vl", "ve", "v$", "vj", "vjj", "v$j", "vG", "V", "Vj", "VG", "Vgg", "ggVG", "vk", "Vk", "vjh",
                  "vjl", "vj$", "v2j", "vip", "Vip", "v0", "vb", "vh", "vjjo", "Vjo", "v$h", "vj0", "vjw", "vje"]
    inserts = ["A!<Esc>", "I#<Esc>", "Aab<Esc>", "Ix <Esc>", "2A-<Esc>", "3I*<Esc>", "A<Esc>", "Aé<Esc>", "I日<Esc>",
               "A\t<Esc>", "\"aA;<Esc>"]
    follows = ["", "", "ix<Esc>", ".", "j.", "u", "gvd", "`<ix<Esc>", "'>x", "jj.", "G.", "u.", "$.", "0j.", "w.", "p",
               "u<C-r>", "k."]
    for t in texts:
        for start in starts:
            for sel in rng.sample(selections, 8):
                for ins in rng.sample(inserts, 3):
                    yield t, rng.choice(befores) + start + sel + ins + rng.choice(follows)


def visual_count_reselect(rng):
    """A count before `v`, `V` or `<C-v>` once an operator ran on a selection (nv_visual()
    with resel_VIsual_*): from the cursor, count times the size of the last operated
    selection, in its mode whatever the key (one line: columns; several: lines and the end
    column; `$`: to the line ends; a block: its width), then an operator or a motion."""
    texts = ["one two three\nfour five\n\nsix seven\neight\n", "\tx = foo(a, [b]);\n  y = \"s t\";\n}\n",
             "café naïve résumé\nÜber straße\nfünf é\nab\n", "a\tbc\td\n\tef\tg\nh\n",
             "日本語 テキスト\nab 日本\n\nxyz 語\n", "x\n\nlong line of words here\nab\n", "a\n",
             "ab\ncd\nef\ngh\nij\nkl\n", "abcdefgh\nabcdefgh\nabcdefgh\nabcdefgh\n"]
    operated = ["vly", "vy", "vey", "v$y", "vjy", "vjly", "vj$y", "Vy", "Vjy", "<C-v>ly", "<C-v>jy", "<C-v>jly",
                "<C-v>j$y", "vl~", "Vj>", "vlU", "vjd", "vlx", "Vjd", "<C-v>jld", "vl:<C-u><CR>", "viwy", "vipy",
                "vlo<Esc>gvy", "vjjA!<Esc>", "vlIx<Esc>", "vllrx", "vjJ", "<C-v>jIx<Esc>"]
    moves = ["", "", "w", "j", "$", "G", "gg", "0", "jl", "e", "2j", "k"]
    counts = ["1v", "2v", "3v", "1V", "2V", "1<C-v>", "2<C-v>", "1vd", "2vd", "1Vd", "1<C-v>d", "1vy", "3vU",
              "1vc-<Esc>", "1v<Esc>", "1vl", "1vj", "1vo", "10v"]
    follows = ["d", "y", "x", "~", "ix<Esc>", "<Esc>ix<Esc>", "<Esc>gvd", "d.", "dp", "o<Esc>ix<Esc>", ">", "J",
               "<Esc>'<ix<Esc>", "<Esc>`>ix<Esc>", "r-", "c!<Esc>", "d1v<Esc>", "du"]
    for t in texts:
        for op in operated:
            for move in rng.sample(moves, 3):
                for count in rng.sample(counts, 3):
                    yield t, op + move + count + rng.choice(follows)


def ex_print_flags(rng):
    """The print flags `p`, `#` and `l` after `:s`, `:>`, `:<` and `:j` (with blanks between
    them, repeated by `:&&`), and what is not a flag after those commands (E488): the printed
    line is one more message, so with another one ("N substitutions", "3 lines >ed") a
    hit-enter prompt takes the next key; lines long, short, empty, with tabs and wide
    characters."""
    texts = ["foo bar\nbaz foo\n\nqux Foo\nfoo end\nlast\n",
             "one two three\nfour five six\n\nseven eight\nnine two\n",
             "\ta = 1;\n\tb = 22;\n  c = 333;\nd\n  a = 4;\n",
             "café naïve 日本語\n日本語 foo\n\nx café\n",
             "a very long line of text that goes on and on and on past fifty cells\nshort\nx\n"]
    firsts = ["", "j", "G", "jj", "2j", "$"]
    cmds = ["s/o/0/p", "s/o/0/#", "s/o/0/l", "s/o/0/gp", "s/a/A/ p", "s/o/0/pl#", "%s/o/0/p", "%s/o/0/gl", "s/zzz/y/p",
            "s/zzz/y/ep", "s/o/0/np", "2,3s/e/E/#", ">p", "> l", ">#", "<p", ">>p", "> 2 p", "3>p", "jp", "j #", "j!l",
            "2jp", "1,2j p", "j x", ">x", "<zz", "jpx", "j|s/o/0/p", "s/o/0/p|s/a/A/p", "s/o/0/p|&&", "%s/e/E/&p",
            "g/o/s/o/0/p", "j2p", "> p|j", "> 3", "s/^/\t/l", "s/$/ end/p"]
    lasts = ["", "jx", "ix<Esc>", "u", "@:", "x", "<CR>x", " x"]
    yield from drawn_last(rng, texts, firsts, [":" + c + "<CR>" for c in cmds], lasts)


def ex_retab(rng):
    """`:retab` and `:retab!` over runs of blanks: leading, inside and trailing, tabs after
    spaces and spaces after tabs, runs that end on a tab stop or not, wide characters before
    them, with ranges, a count of 8 or another (refused), inside `:g`, after `$` or `|` (the
    cursor goes to the wanted column), then undo, `.` or a look at the cursor."""
    texts = ["\tfoo\n    bar\n  \tbaz\n\t  qux\nend\n",
             "a  \tb\t  c    d\n        eight\n\t\tx  \n   \t\n",
             "  x = 1;\t\t// one\n\ty = 22;  // two\n    z = 3;    \t// three\n",
             "日本\t語  x\n café\t\tnaïve\n\n \t \t y\n",
             "no blanks\nsingle space\n\n"]
    firsts = ["", "j", "G", "jj", "$", "j$", "jw", "2|", "10|", "jfx", "jjw"]
    cmds = [":retab<CR>", ":retab!<CR>", ":ret<CR>", ":%retab!<CR>", ":2,3retab<CR>", ":.retab!<CR>", ":retab 8<CR>",
            ":retab 4<CR>", ":retab! 8<CR>", ":g/x/retab!<CR>", ":retab|s/x/X/<CR>", ":$retab!<CR>", ":2retab<CR>",
            ":retab!|retab<CR>", ":3;+1retab!<CR>", ":retab x<CR>"]
    lasts = ["", "ix<Esc>", "u", "uix<Esc>", "jix<Esc>", "kx", "@:", "x"]
    yield from drawn_last(rng, texts, firsts, cmds, lasts)


def insert_nothing_inserted_yet(rng):
    """`<C-a>` and `<C-r>.` in Insert mode before anything was inserted (E29): the error
    flushes what was not typed (the rest of a macro, of `.`, of a count's replay) and Insert
    mode goes on; also after `:normal` and `:g` (refused), `<C-@>` (refused), and what `.`,
    `u` and the `".` register do afterwards."""
    texts = ["one two\nthree\n\nfour\n", "\tx = 1;\n  y\n", "café 日本\nz\n"]
    firsts = ["", "j", "$", "w", "G", "dd", "x", "yyp"]
    progs = ["i<C-a><Esc>", "i<C-a>x<Esc>", "a<C-r>.y<Esc>", "3i<C-a>ab<Esc>", "A<C-a><C-a>z<Esc>", "o<C-a>q<Esc>",
             "qqi<C-a>x<Esc>q", "qqi<C-a>x<Esc>qu@q", "qqa<C-r>.k<Esc>jq@q", "cw<C-a>new<Esc>", "i<C-@>", "ix<C-a>",
             ":normal i<C-v><C-a>y<CR>", ":g/o/normal a<C-v><C-a>y<CR>", "S<C-a><Esc>", "R<C-a>zz<Esc>",
             "i<C-a>x<Esc>.", "i<C-a>x<Esc>u", "i<C-a><Esc>\".p", "qqi<C-a>w<Esc>q:normal @q<CR>"]
    lasts = ["", "ix<Esc>", ".", "u", "\".p", "j.", "<Esc>x", "A!<Esc>"]
    yield from drawn_last(rng, texts, firsts, progs, lasts)


def ex_let_register(rng):
    """`:let @r = 'text'` and `:let @r = "text"`: named, numbered, uppercase (appending to
    charwise, linewise and blockwise registers), `-` and `_`, texts with and without a final
    line break, escapes, multibyte, `|` after it; then the register put, run as a macro or
    shown with `<C-r>`; and what is refused (other expressions, `.=`, `@"`, `@/`)."""
    texts = ["one two\nthree\n\nfour\n", "\tx = 1;\n  y\n", "café 日本\nz\n"]
    firsts = ["", "j", "$", "yy", "yw", "\"ayy", "\"ayw", "\"aye", "<C-v>j\"ay", "dd", "\"bdd"]
    lets = [":let @a = 'foo'", ":let @a='foo'", ":let @a = \"bar\\n\"", ":let @A = 'x'", ":let @A = \"y\\n\"",
            ":let @b = 'two words'", ":let @1 = 'n1'", ":let @- = 'sd'", ":let @_ = 'bh'", ":let @q = 'dd'",
            ":let @q = 'A!\\<Esc>'", ":let @q = \"jx\"", ":let @a = \"l1\\nl2\"", ":let @a = \"l1\\nl2\\n\"",
            ":let @a = 'it''s'", ":let @a = \"tab\\there\"", ":let @a = 'é日'", ":let @a = 'x' | normal \"ap",
            ":let @a = 'x'|let @A = 'y'", ":let @a .= 'x'", ":let @\" = 'u'", ":let @/ = 'o'", ":let @a = 'x' . 'y'",
            ":let x = 1", ":let @a = \"\\<Esc>\"", ":let @a = ''", ":let @A = ''", ":let @z = \"q\\\"q\""]
    lasts = ["<CR>\"ap", "<CR>\"aP", "<CR>\"Ap", "<CR>@q", "<CR>\"bp", "<CR>\"1p", "<CR>\"-p", "<CR>p",
             "<CR>o<C-r>a<Esc>", "<CR>\"zp", "<CR>@a", "<CR>:<C-r>a<BS><CR>"]
    yield from drawn_last(rng, texts, firsts, lets, lasts)


def ex_undo_entries(rng):
    """Undo and redo after the ex commands whose undo Vim saves as several entries or as
    lines that do not change (`:m`, `:t`, `:sort`, `:retab`, `:left`/`:right`/`:center`,
    `:s` leaving lines as they were or splitting them, `:g/pat/d`, `:g` with those inside,
    several of them on one line): where `u`, `<C-r>`, `:undo` and `:redo` put the cursor."""
    texts = ["one\ntwo\nthree\nfour\nfive\n", "b\na\nc\na\nb\n", "  x = 1;\n\ty = 2;\n\n  z = 3;\nend\n",
             "a\na\na\nb\n", "\tfoo  bar\n    baz\n\t  qux\n", "café\nnaïve x\n日本 x\n", "one line\n",
             "x1\n\n\nx2\nx3\n"]
    firsts = ["", "j", "G", "jj", "$", "jw", "Gk", "2G$"]
    cmds = ["m0", "m$", "m+1", "m-2", "2m0", "1,2m$", "2,3m0", "$m0", ".,+1m+2", "t0", "t.", "t$", "1,2t.", "%t$",
            "2,3t0", "sort", "sort!", "sort u", "2,4sort", "sort n", "%sort i", "retab!", "%retab!", "le", "%le 2",
            "ri 20", "%ce 30", "2,3ri", "s/a/a/", "%s/a/a/", "%s/x/x/g", "s/o/\\r/", "%s/a/\\r/", "s/ /\\r/g",
            "%s/o/0/|s/t/T/", "g/a/d", "g/x/d", "v/a/d", "g/^$/d", "g/./d", "g/a/m0", "g/a/t$", "g/a/s/a/A/",
            "g/./s/$/!/", "v/x/m0", "m0|m$", "t.|t.", "sort|m0", "2d|m0", "g/a/le 4", "g/o/s/o/o/"]
    lasts = ["u", "uix<Esc>", "u<C-r>", "u<C-r>ix<Esc>", "uu", "2u", "u:redo<CR>", ":undo<CR>", ":undo<CR>ix<Esc>",
             "ujix<Esc>", "u<C-r>u", "uU", "ux"]
    yield from drawn_last(rng, texts, firsts, [":" + c + "<CR>" for c in cmds], lasts)


def visual_colon(rng):
    """`:` in Visual mode: the cursor goes to the start of the selection (a block's upper-left
    corner, at its first screen column, through tabs and wide characters) before the
    command line runs; `.` there, commands that keep the cursor, the range alone (refused),
    and what undo does after."""
    texts = ["abcd\nab\nabcdef\n", "  x = foo(a, b);\n\ty = [2, 3];\n  z = 1;\n", "日本語\nabcdef\n\tx\n",
             "one two\n\nthree four\n", "a\tb\tc\nabcdefghijk\n"]
    firsts = ["", "l", "3l", "$", "w", "j", "jl", "e"]
    sels = ["<C-v>j", "<C-v>jh", "<C-v>jl", "<C-v>j$", "<C-v>jjh", "<C-v>k", "<C-v>jo", "<C-v>jO", "<C-v>2l",
            "vj", "vjh", "Vj", "v", "<C-v>", "vk", "<C-v>jw", "<C-v>je"]
    cmds = [":<C-u>let @a = 'q'<CR>", ":<CR>", ":<C-u>.<CR>", ":co.<CR>", ":t0<CR>", ":m$<CR>", ":s/a/A/<CR>",
            ":d<CR>", ":<C-u>.t.<CR>", ":<Esc>", ":sort<CR>", ":le<CR>"]
    lasts = ["ix<Esc>", "u", "uix<Esc>", "x", "gvd", "jix<Esc>", "p"]
    yield from drawn_last(rng, texts, firsts, [s + c for s in sels for c in cmds], lasts, times=1)


def stuffed_as_typed(rng):
    """Keys a typed command stuffs count as typed (vgetorpeek() leaves `KeyTyped` alone for
    the stuff buffer): `&` typed runs `:s` as a typed command line, so `":` becomes `s`; from
    a macro or `.` it does not. Then `@:`, `":p`, `<C-r>:` show which line `":` holds."""
    texts = ["a a\na a\na a\na a\n", "one two one\ntwo one\n\none\n", "x\n"]
    firsts = [":%s/a/X/<CR>", ":s/o/0/<CR>", ":2s/one/1/g<CR>", ":s/a/b/|s/b/c/<CR>", "", ":%s/o/O/g<CR>u"]
    middles = ["&", "j&", "G&", "2&", "qq&q", "qqj&q@q", "&u", "g&", "j:&&<CR>", "&j.", "qqjq&"]
    lasts = ["j@:", "G@:", "\":p", "o<C-r>:<Esc>", "u@:", "j@:j@@", ":<C-r>:<CR>", "@:"]
    yield from drawn_last(rng, texts, firsts, middles, lasts, times=3)


def ex_sort_options(rng):
    """`:sort` with every option Vim has that the engine models: `n`, `x`, `o`, `b` (the first
    number of each base, a `-` before it, 0x/0b prefixes, hex letters inside words, lines
    without one first), a `/pattern/` (sort on what follows the match) and `r` (on the match),
    with `i`, `u`, `!`, ranges and `|`; and the errors (two formats, a second pattern, an
    unknown letter). Then a look at the cursor, undo and `.`-free repeats with `@:`."""
    texts = ["b 10\na -3\nc 0x1F\nd 7\ne\nf 0b101\n", "beef 2\ncafe 1\n0x10 x\n-ff y\nzz\n",
             "x=12 y=3\nx=2 y=30\nx=-1 y=7\nx=2 y=1\n", "Apple\nbanana\napple\nBanana\n\ncherry\n",
             "017\n8\n0o7\n010\n-9\n", "a1b2\na1b1\nA1B3\na0\n", "\tlast 5\n  first 9\nmid 5\n", "日本 3\né 1\nz 2\n"]
    firsts = ["", "j", "G", "2G$"]
    cmds = ["sort n", "sort x", "sort o", "sort b", "sort! n", "sort nu", "sort u", "sort i", "sort iu", "sort /x=/",
            "sort /x=/ n", "sort /y=/ n", "sort /\\d/ r", "sort /\\d\\+/ r n", "sort /[a-z]\\+/ r", "sort /a/",
            "sort r /\\w/", "sort! /y=/ n", "sort /.../", "sort /zzz/", "sort /e/ x", "sort x!", "sort n x",
            "sort /a/ /b/", "sort q", "sort #a#", "sort ,\\d,", "2,4sort n", "%sort! x", "sort b u", "sort o|$d",
            "sort i /\\a/", "sort f", "sort l", "sort /\\(x\\)/", "sort n|sort! x", "sort /-/ n", "sort x /0x/"]
    lasts = ["", "ix<Esc>", "u", "uix<Esc>", "@:", "jx"]
    yield from drawn_last(rng, texts, firsts, [":" + c + "<CR>" for c in cmds], lasts)


def ex_address_errors(rng):
    """Addresses that fail: `:m`/`:t` with a mark not set or a search not found drop the rest
    of the line as if it had none (so `":` is set), a search or mark before `:undo` (which
    takes a change number) fails before `;` moves the cursor; then `@:`, `":p`, `u`, the cursor."""
    texts = ["abc\ndef\nghi\njkl\n", "The quick fox.\nA dog; the end.\n\nthe end\n", "x\n"]
    firsts = ["", "j", "G", "majj", "Vj<Esc>"]
    cmds = ["m'b|s/e/E/", "t'b|d", "m/zzz/|d", "t/zzz/|s/e/E/", "m'a|d", "t'a|$d", "m 'b", "t0|m'z|d",
            "/e/+;'bundo 2|d", "'a;'bundo", "/e/undo", "2;'bd|d", "m1,'b|d", "t'b,2|d", "m'b|", "t'b \"x"]
    lasts = ["\":p", "@:", "u", "ix<Esc>", "uix<Esc>", ":<C-r>:<CR>"]
    yield from drawn_last(rng, texts, firsts, [":" + c + "<CR>" for c in cmds], lasts, times=3)


def normal_shift_undo(rng):
    """Normal-mode `<`/`>` over lines whose first one does not change (empty, or without an
    indent for `<`) and lines that do, then undo and redo: Vim's op_shift() saves the whole
    range, so `u` puts the cursor on its first line; the engine refuses what it cannot place."""
    texts = ["key=value\nname = vim\n  port=80\n# comment\ncount = 10\n", "\nabc\n  def\nghi\n",
             "\tx\n\n  y\nz\n\t\tw\n", "a\nb\n\n    c\n"]
    firsts = ["", "j", "G", "gg", "jj"]
    middles = ["<<", ">>", "3<<", "5<<", "2>>", "<j", ">j", "<G", ">G", "<gg", ">gg", "<2j", "3<<.", "<ip",
               ">ip", "<}", ">}", "<k"]
    lasts = ["ux", "u<C-r>x", "uu", "ujx", "u.x", "x", "uix<Esc>", "u<C-r>ux"]
    yield from drawn_last(rng, texts, firsts, middles, lasts)


def jump_list(rng):
    """Jumps (`G`, `gg`, searches, `%`, paragraphs, marks, `:s`, `:g`, `:N` which is not one),
    edits that move, delete or join the lines of jump-list entries, then `<C-o>` and `<Tab>`
    with counts: Vim's setpcmark() list, cleaned of same-line entries before each step,
    entries on deleted lines kept on the first deleted line (one_adjust_nodel())."""
    texts = ["one\ntwo\nthree\nfour\nfive\nsix\nseven\n",
             "fn f() {\n    let x = (1 + 2);\n    x\n}\n\nfn g() {\n    f();\n}\n",
             "  alpha beta\n\tgamma alpha\n\n    delta epsilon\nzeta alpha theta\niota\n",
             "a\nb\na\nb\nc\n"]
    jumps = ["G", "gg", "3G", "5G", "/a<CR>", "/e<CR>n", "?t<CR>", "}", "{", "*", "#", "%", "jj%", "L", "H", "M",
             "4Gma1G`a", "3G''", "Gmagg'a", ":3<CR>", ":2<CR>G", ":1s/e/E/<CR>", ":%s/a/A/g<CR>",
             ":g/a/normal G<CR>", ":g/e/s/e/X/<CR>", "Gkk:.d<CR>", "3G:2,3><CR>", "(", ")", "2)", "jjw*n"]
    edits = ["", "", "", "ggdd", "Gdd", "3Gdd", "gg2dd", "ggO<Esc>", "Go<Esc>", "3Go<Esc>", "ggJ", "3GJ", "gg3J",
             ":2,4d<CR>", ":5,$d<CR>", ":m0<CR>", ":1m$<CR>", ":2t0<CR>", "ggyy3p", "GdggG", "uu", "ggddu",
             "3Gdd<C-r>", ":g/a/d<CR>", "ggx", "jjA!<Esc>"]
    uses = ["<C-o>", "<C-o><C-o>", "<C-o><C-o><C-o>", "2<C-o>", "3<C-o>", "<C-o><Tab>", "<C-o><C-o><Tab>",
            "<Tab>", "2<C-o><Tab>", "<C-o><C-o><Tab><Tab>", "9<C-o>", "<C-o>2<Tab>", "<C-o>G<C-o>", "<C-o>''",
            "''", "``", "<C-o>dd<C-o>", "d<C-o>", "<C-o>n<C-o>", "qq<C-o>q@q", "<C-o>.<C-o>"]
    reveal = ["ix<Esc>", "", "rZ", "ix<Esc>u<C-o>iy<Esc>"]
    for t in texts:
        for first in jumps:
            for middle in rng.sample(edits, 4):
                for last in rng.sample(uses, 3):
                    yield t, first + middle + last + rng.choice(reveal)
    # Long runs of jumps: more than the list holds, duplicates, walking back and forth.
    for t in texts:
        for _ in range(30):
            seq = "".join(rng.choice(jumps[:16]) for _ in range(rng.randint(3, 12)))
            yield t, seq + "".join(rng.choice(uses[:12]) for _ in range(rng.randint(1, 4))) + "ix<Esc>"
        yield t, "G{gg}" * 26 + "<C-o>" * rng.randint(1, 9) + "ix<Esc>"
        yield t, "Ggg" * 51 + "3<C-o>ix<Esc>"


def cmdline_ctrl_r_under_cursor(rng):
    """CTRL-R CTRL-W, CTRL-A and CTRL-L on the command line and in a search (the word, WORD
    and line under the cursor, as get_spec_reg() takes them: the keyword under or after the
    cursor, else non-blank text), and CTRL-R CTRL-R / CTRL-R CTRL-O {register}."""
    texts = ["foo bar.baz foo\n  (bar) foo-bar\nbaz = foo;\n\tfoo.bar\n",
             "let x_1 = y2 + x_1;\n    // x_1 again\n...  ...\nend\n",
             "café naïve café\n  über-naïve\n!!\n",
             "a\n\n   \nb.c d\n",
             "\tfoo\tbar\n  x\ty\n\t\n"]
    places = ["", "w", "W", "e", "$", "j", "jw", "j$", "jj", "jjw", "G", "Gw", "f.", "jf)", "3l", "jjfe", "jjW"]
    uses = ["/<C-r><C-w><CR>", "?<C-r><C-w><CR>", "/<C-r><C-a><CR>", "/\\<<C-r><C-w>\\><CR>",
            ":s/<C-r><C-w>/X/<CR>", ":%s/<C-r><C-w>/X/g<CR>", ":%s/\\<<C-r><C-w>\\>/[&]/g<CR>",
            ":s/\\V<C-r><C-a>/Y/<CR>", ":normal A<C-r><C-w><CR>", ":normal I<C-r><C-a> <CR>",
            ":let @a='<C-r><C-w>'<CR>\"ap", ":let @b='<C-r><C-l>'<CR>G\"bp", ":$put =<C-r><C-w><CR>",
            ":g/<C-r><C-w>/d<CR>", ":v/<C-r><C-w>/d<CR>", "yiw:s/<C-r><C-r>\"/Z/<CR>", "yiw:s/<C-r><C-o>0/W/g<CR>",
            "yiw/<C-r><C-o>\"<CR>x", ":<C-r><C-w><Esc>x", "/<C-r><C-w><C-r><C-a><CR>", ":s/<C-r><C-l>/L/<CR>",
            "viw:s/<C-r><C-w>/V/<CR>", "v:<C-u>s/<C-r><C-w>/U/<CR>", "/x<C-r><C-w><BS><CR>", "*N:s/<C-r>//S/<CR>",
            "/o<CR>:s/<C-r>//0/g<CR>", ":s/a/b/<CR>/<C-r>/<CR>", "/ba/e<CR>:%s/<C-r>//Q/<CR>", "#:s/<C-r>/<CR>",
            ":s/<C-r>//<CR>", "g*:let @c='<C-r>/'<CR>\"cP", "?\\.<CR>/<C-r><C-r>/<CR>"]
    lasts = ["", "x", "ix<Esc>", "n", "u"]
    for t in texts:
        for place in places:
            for use in uses:
                yield t, place + use + rng.choice(lasts)


def forced_motions(rng):
    """An operator's motion forced charwise (`o_v`: linewise becomes exclusive, charwise
    toggles inclusive) or linewise (`o_V`), as do_pending_operator() does, then the exclusive
    adjustment, no Vi blank-line rule for a forced delete, `.` repeating the force."""
    texts = ["one two three\nfour five six\nseven eight\n\nnine ten\n",
             "    indented line\n\tx = 1;\n  y = 2;\nshort\n\n  last one here\n", "a\nbb\nccc\ndddd\n",
             "fn f(a, b) {\n    g(a);\n    h(b)\n}\n", "café naïve\n  日本語 text\n\tx y z\nend.\n"]
    starts = ["", "w", "$", "j", "jw", "jj$", "2l", "G", "Gk", "jjw", "e"]
    ops = ["d", "c", "y", "gU", "g~", ">", "<lt>", "\"ad", "2d", "d2"]
    forces = ["v", "V", "vv", "vV", "Vv"]
    motions = ["j", "k", "2j", "G", "gg", "w", "e", "b", "$", "0", "^", "l", "h", "fe", "te", "}", "{", "+", "-",
               "_", "2w", "E", "ge", "%", "/e<CR>", "?o<CR>", "`a", "'a", "H", "L", "j$", "iw", "dd"]
    lasts = ["", "x", "ix<Esc>", ".", "u", "p", "\"ap", "j.", "<Esc>"]
    for t in texts:
        for start in starts:
            for op in ops:
                for force in rng.sample(forces, 2):
                    for motion in rng.sample(motions, 3):
                        body = op + force + motion
                        if op.startswith("c"):
                            body += "X<Esc>"
                        yield t, "jjmagg" + start + body + rng.choice(lasts)


def visual_increment(rng):
    """`<C-a>`, `<C-x>`, `g<C-a>`, `g<C-x>` on v, V and block selections (op_addsub() and
    do_addsub() with Visual active): the first number in each line's part, a `-` counted only
    inside the part, numbers cut by the selection's end, hex/binary/octal prefixes that fit,
    leading zeros, progressive counts; then Normal-mode `<C-a>` on `0X..` hex."""
    texts = ["1\n2\n3\n4\n5\n",
             "x = 10, y = -3\nz=-7 and 8\n0x0f 0X1F 0b101\n007 010 08 -0\nno numbers\n",
             "item 9: 99 bottles\n\tcount=-1\n  -12-34\n1.5 2.5\n",
             "a1b2c3\nabc\n\n-x-9\n18446744073709551614\n",
             "0x19 0XAB 0b11\n0x-1 -0x10\n9 99 999\ncafé 5 naïve 6\n"]
    selections = ["V", "Vj", "Vjj", "VG", "ggVG", "v", "ve", "vw", "v$", "vj", "vjj$", "v3l", "vf,", "viw", "vip",
                  "<C-v>", "<C-v>j", "<C-v>jjl", "<C-v>G", "<C-v>j$", "<C-v>jje", "w<C-v>jj", "lv", "2lvl", "$v0",
                  "wvj", "jVk", "jvkl", "fav", "tbvj"]
    ops = ["<C-a>", "<C-x>", "5<C-a>", "3<C-x>", "g<C-a>", "g<C-x>", "2g<C-a>", "10<C-x>", "100<C-a>"]
    lasts = ["", "", "x", "u", "uu", "gv<Esc>", "ix<Esc>", ".", "<C-a>", "u<C-r>", "gvd", "j<C-a>", "j.", "3.",
             "..", "gg.", "u."]
    for t in texts:
        for start in ["", "j", "jj", "G", "w", "jw"]:
            for sel in selections:
                for op in rng.sample(ops, 2):
                    yield t, start + sel + op + rng.choice(lasts)
    for t in ["0X19\n", "0x19\n", "0XFF\n", "0xff\n", "-0X0A\n", "0B1\n", "0X9 0xF\n"]:
        for keys in ["<C-a>", "<C-x>", "7<C-a>", "w<C-a>", "$<C-x>", "<C-a>.", "v<C-a>", "V<C-x>"]:
            yield t, keys


def gn_visual(rng):
    """`gn` and `gN` without an operator (current_search() outside Visual mode): the match
    under or after the cursor (before it for `gN`, wrapping) selected charwise, the cursor on
    its last character (its first for `gN`), the wanted column left alone; then an operator,
    a motion or `<Esc>`."""
    texts = ["foo bar foo\nbaz foo qux\nfoofoo\n",
             "one two\n  two three two\n\ttwo\nend two\n",
             "ab ab\nab\n\nxab abx\n",
             "café x café\n  naïve café\n"]
    searches = ["/foo<CR>", "/two<CR>", "/ab<CR>", "/caf<CR>", "*", "#", "/o\\+<CR>", "/t\\w*<CR>", "/b<CR>", "?a<CR>",
                "/x<CR>", "/\\<ab\\><CR>", "/e<CR>", "/zzz<CR>", ":s/a/A/<CR>"]
    moves = ["", "gg", "G", "w", "e", "$", "j", "jw", "ll", "G$"]
    actions = ["gn", "gN", "2gn", "2gN", "gnn", "gngn"]
    after = ["d", "cX<Esc>", "y$p", "~", "U", "<Esc>ix<Esc>", "o<Esc>iy<Esc>", "jd", "kd", "x", "<Esc>jiz<Esc>",
             "d.", "J", "r-", ":s/^/#/<CR>", "gvd", "<Esc>", "ly", "<lt>", "cX<Esc>n."]
    for t in texts:
        for search in searches:
            for move in moves:
                for action in rng.sample(actions, 2):
                    yield t, search + move + action + rng.choice(after)
    # In Visual mode (current_search() with VIsual_active): from a selection made before,
    # forward from its start, back from its end; the mode becomes charwise.
    selections = ["v", "vl", "vh", "ve", "vb", "vj", "vk", "V", "Vj", "<C-v>", "<C-v>j", "vo", "vlo", "v$", "viw"]
    for t in texts:
        for search in searches[:10]:
            for move in moves:
                for sel in rng.sample(selections, 3):
                    yield t, search + move + sel + rng.choice(actions) + rng.choice(after)


def visual_put_block(rng):
    """`p` and `P` in Visual mode with a blockwise register or over a block (nv_put_opt():
    delete, then put; a block register into `v` at the cursor, into `V` as lines; over a
    block, text at the corner and lines below the cursor's line for `p`, above for `P`), and
    Normal-mode `gp`/`gP` of a block (the cursor after the text put in its last line)."""
    texts = ["abcd\nefgh\nijkl\nmnop\n", "one two\nthree four\nfive\n\nsix seven\n",
             "  x = 1;\n  yy = 22;\n  zzz = 333;\n", "ab\n\nabcdef\nabc\n"]
    yanks = ["<C-v>jly", "<C-v>jjy", "l<C-v>j$y", "yiw", "yy", "2yy", "yl", "\"a<C-v>jly", "<C-v>jlx", "ve\"by",
             "jyyk", "<C-v>2jd"]
    moves = ["gg", "G", "ggl", "jj", "jw", "G$", "ggjl"]
    selections = ["v", "ve", "vj", "vjl", "V", "Vj", "VG", "<C-v>", "<C-v>j", "<C-v>jl", "<C-v>jjll", "<C-v>$",
                  "<C-v>je", "l<C-v>k", "<C-v>jo"]
    puts = ["p", "P", "2p", "\"ap", "\"bP", "\"0p", "\"1p", "\"-P"]
    lasts = ["", "", "u", "x", "ix<Esc>", "p", "P", "\"1p", "gv<Esc>iz<Esc>", ".", "j."]
    for t in texts:
        for y in yanks:
            for move in rng.sample(moves, 3):
                for sel in rng.sample(selections, 4):
                    yield t, y + move + sel + rng.choice(puts) + rng.choice(lasts)
    for t in texts:
        for y in yanks[:3] + ["<C-v>G$y", "<C-v>jjlx"]:
            for move in moves:
                for put in ["gp", "gP", "3gp", "2gP", "gpx", "gPix<Esc>", "gpgp", "gp.", "gPu"]:
                    yield t, y + move + put


def word_count_message(rng):
    """`g<C-g>` (cursor_pos_info()): only a message, on texts short and long, then keys a
    hit-enter prompt would take if the message did not fit."""
    texts = ["one two\nthree\n", "x\n" * 40, "a b c d e f\n" * 300, "café naïve\n\tx\n", "", "é\n" * 2000,
             "word " * 30 + "\n" + "more words here\n" * 20]
    moves = ["", "j", "G", "$", "w", "G$", "3G", "jjl"]
    lasts = ["ix<Esc>", "dd", "x", "<CR>x", " x", ":s/^/#/<CR>", "u", "jp", "g<C-g>x", "dg<C-g>x", "vjg<C-g>d"]
    for t in texts:
        for move in moves:
            for last in lasts:
                yield t, move + "g<C-g>" + last
    # Messages near the width of the screen (about 72 characters; the engine's bound on
    # them is larger and refuses the second).
    for t in ["ab cd\n" * 9000, "ab cd efgh\n" * 9000]:
        for keys in ["g<C-g>ix<Esc>", "Gg<C-g>x", "G$g<C-g> x"]:
            yield t, keys


def insert_copy_above_below(rng):
    """Insert-mode `<C-y>` and `<C-e>` (ins_copychar()): the character above or below at the
    cursor's screen column (a tab or a wide character spanning it), inserted literally; a
    beep past a short line or the first/last line; in Replace mode it replaces; `.` repeats
    the copied characters."""
    texts = ["abcdef\nxy\nlong line here\n", "\tindented\nplain text\n  two\n",
             "日本語 text\nabcdefgh\nwide 日本\n", "1234567890\n\n0987654321\n", "a\tb\tc\nabcdefghijklmnop\n"]
    starts = ["i", "a", "A", "I", "o", "O", "R", "ji", "jA", "jo", "jO", "jR", "Gi", "GA", "ggO", "3li", "jea", "j$i"]
    keys = ["<C-y>", "<C-e>", "<C-y><C-y><C-y>", "<C-e><C-e>", "<C-y>x<C-y>", "<C-e><C-y>", "3<C-y>", "<C-y><BS>",
            "<C-y><C-y><C-y><C-y><C-y><C-y><C-y><C-y>", " <C-e>", "<Tab><C-y>"]
    lasts = ["<Esc>", "<Esc>u", "<Esc>j.", "<Esc>.", "<Esc>k.", "<Esc>\".p", "<Esc>G."]
    for t in texts:
        for start in starts:
            for key in rng.sample(keys, 4):
                yield t, start + key + rng.choice(lasts)


def put_fix_indent(rng):
    """`]p`, `[p`, `]P`, `[P` (PUT_FIXINDENT): linewise text put with the first non-empty line
    at the cursor line's indent and the others shifted alike (tabs of 8, then spaces), empty
    lines left empty; charwise and blockwise registers put as `p`/`P`; counts, `.`, undo."""
    texts = ["fn f() {\n    let x = 1;\n\tif x {\n\t\ty();\n\t}\n}\n",
             "a\n  b\n    c\n\n  d\n",
             "\t\tdeep\nflat\n   three\n        eight\n",
             "x\n\ny\n   \nz\n"]
    yanks = ["yy", "2yy", "jyj", "jjyy", "yG", "y}", "jy2j", "Gyy", "yiw", "<C-v>jly", "yy\"ayj"]
    moves = ["", "j", "jj", "G", "3G", "gg", "jjj", "k"]
    puts = ["]p", "[p", "]P", "[P", "2]p", "3[p", "\"a]p", "\"_]p", "d]p", "]p.", "]pu", "]pj.", "]px", "[Pix<Esc>"]
    for t in texts:
        for y in yanks:
            for move in moves:
                for put in rng.sample(puts, 3):
                    yield t, y + move + put


def incsearch(rng):
    """'incsearch' set: searches, `:s`, `:g`, pattern ranges, searches as operator motions and
    in Visual mode, keys that end inside the pattern or cancel it: the cursor shows each
    match while the pattern is typed and is put back when the command line ends, so the
    results are those without the option."""
    texts = ["foo bar baz\nbar foo\nqux foo bar\nend\n", "one two\n  two three\n\tthree one\n",
             "aaa\naab\nabb\nbbb\n"]
    sets = [":set is<CR>", ":set incsearch<CR>", ":set is ic<CR>", ":set is nows<CR>", ":set is<CR>:set nois<CR>",
            ":set is hls<CR>"]
    moves = ["", "j", "G", "w", "$", "jw"]
    uses = ["/foo<CR>", "/bar<CR>n", "?foo<CR>N", "/ba<BS>a<CR>", "/b\\w\\+<CR>", "/foo/e<CR>", "/xyz<CR>",
            "/foo", "/fo<Esc>x", "d/bar<CR>", "c/foo<CR>X<Esc>", "y/o<CR>P", "v/bar<CR>d", "V/one<CR>d",
            ":s/o/0/<CR>", ":%s/a/A/g<CR>", ":g/foo/d<CR>", ":v/two/d<CR>", ":/bar/d<CR>", ":2,/end/d<CR>",
            ":s/zz/y/<CR>", "*", "#n", "/\\<bar\\><CR>cwX<Esc>n.", "qq/o<CR>xq@q", "/<CR>", "//e<CR>",
            ":s/\\(a\\)\\(b\\)/\\2\\1/<CR>", "/a\\|b<CR>x", ":sort<CR>", ":%s/o", "/bar<C-u>foo<CR>x"]
    lasts = ["", "x", "ix<Esc>", "u", "n", "''x"]
    for t in texts:
        for st in sets:
            for move in moves:
                for use in rng.sample(uses, 5):
                    yield t, st + move + use + rng.choice(lasts)


def insert_shift(rng):
    """Insert-mode `<C-t>` and `<C-d>` (ins_shift(), change_indent(), shift_line() rounding to
    'shiftwidth'): indents of spaces, tabs and mixtures, the cursor after the indent (on its
    character afterwards), then typing, `<BS>`, `<C-w>`, `<C-u>` (the insert's start moved
    with the text), `.`, undo, counts."""
    texts = ["abc\n    def\n\tghi\n  \t jkl\n\n", "x = 1\n   y\n\t\tz\n", "   \nfoo bar\n"]
    starts = ["i", "a", "A", "I", "o", "O", "ji", "jA", "jI", "jjA", "jja", "GA", "jwi", "jo", "3li", "jjI", "2A"]
    middles = ["<C-t>", "<C-d>", "<C-t><C-t>", "<C-d><C-d>", "x<C-t>", "x<C-d>", "<C-t>x<C-d>", "<C-d>xy<C-t>",
               "<C-t><BS>", "xy<C-t><BS><BS><BS>", "x<C-t><C-w>", "x<C-t><C-u>", "<C-t><C-u>", "x<C-d><C-u>",
               "ab<C-t><Left><C-d>", "<C-t><CR>x<C-t>"]
    lasts = ["<Esc>", "<Esc>", "<Esc>j.", "<Esc>.", "<Esc>u", "<Esc>u<C-r>", "<Esc>\".p", "<Esc>jj."]
    for t in texts:
        for start in starts:
            for middle in rng.sample(middles, 8):
                yield t, start + middle + rng.choice(lasts)


def visual_gp(rng):
    """`gp` and `gP` in Visual mode: as `p`/`P` over the selection (charwise, linewise, block;
    every kind of register), with the cursor left just after the text put (PUT_CURSEND)."""
    texts = ["abcd\nefgh\nijkl\nmnop\n", "one two\nthree four\nfive\n\nsix seven\n", "  x = 1;\n  yy = 22;\n"]
    yanks = ["<C-v>jly", "yiw", "yy", "2yy", "yl", "ve\"by", "jyyk", "y$", "vjy"]
    moves = ["gg", "G", "ggl", "jj", "jw", "G$"]
    selections = ["v", "ve", "vj", "V", "Vj", "<C-v>", "<C-v>j", "<C-v>jl", "<C-v>$", "v$", "viw"]
    puts = ["gp", "gP", "2gp", "\"bgP", "\"0gp", "3gP"]
    lasts = ["ix<Esc>", "x", "ay<Esc>", "u", "p", "", "gv<Esc>iz<Esc>", "."]
    for t in texts:
        for y in yanks:
            for move in rng.sample(moves, 3):
                for sel in rng.sample(selections, 4):
                    yield t, y + move + sel + rng.choice(puts) + rng.choice(lasts)


def select_mode(rng):
    """Select mode and 'keymodel': entered with gh/gH/g<C-h>, <C-g>, 'selectmode' cmd/key and
    the shifted keys of startsel; extended with special keys (stopsel ends it), typed text
    replacing the selection, <BS>/<C-h>/<Del> deleting it, <C-o> for one Visual command,
    with counts, registers, `.`, undo, `gv` and recordings around it."""
    texts = ["one two three\nfour five\nsix\n", "abc\n\n  def ghi\njk 12 lm\nn\n", "x\ty = 1;\n  z = 22;\n\tw\n", "alpha beta\ngamma delta\nepsilon zeta\neta\n"]
    setups = ["", ":set slm=cmd<CR>", ":set km=startsel<CR>", ":set km=startsel slm=key<CR>", ":set km=stopsel<CR>",
              ":set km=startsel,stopsel<CR>", ":set km=startsel,stopsel slm=key,cmd<CR>", ":set km=stopselect<CR>",
              ":set slm+=key km^=startsel<CR>", ":set km=startsel,stopsel<CR>:set km-=stopsel<CR>", ":set slm=mouse,cmd,key km=startsel<CR>",
              ":set km=startsel slm=key<CR>:set km&<CR>", ":set slm=cmd,<CR>", ":set slm=,cmd<CR>"]
    moves = ["", "w", "j", "jw", "G", "$", "2j0", "jl", "e"]
    entries = ["gh", "gH", "g<C-h>", "g<BS>", "v", "V", "<C-v>", "2gh", "3gH", "2g<C-h>", "v<C-g>", "V<C-g>", "<C-v><C-g>",
               "<S-Right>", "<S-Left>", "<S-Down>", "<S-Up>", "<S-End>", "<S-Home>", "2<S-Right>", "vjy gv", "/e<CR>gn", "ghe<Esc>gv", "vl<Esc>gv"]
    extends = ["", "<Right>", "<Left>", "<Down>", "<Up>", "<End>", "<Home>", "<S-Right>", "<S-Left>", "<S-Down>", "<C-Right>", "<C-Left>",
               "<C-o>e", "<C-o>j", "<C-o>2l", "<C-o>o", "<C-o>$", "<C-g>", "<C-g>e<C-g>", "<C-g>w", "<C-v>", "<C-o>gh", "<C-o>V", "<Right><Right>",
               "<C-n>", "<C-p>", "<C-o><Esc>", "<C-o>\"ay"]
    finishes = ["x<Esc>", "xyz<Esc>", "<BS>", "<C-h>", "<Del>", "<CR><Esc>", "<C-a>", "<C-x>", "<Esc>", "<C-c>", "<C-g>d", "<C-g>y",
                "12<Esc>", "\"<Esc>", "ab<CR>cd<Esc>", "p<Esc>", "<C-g>U", "<C-g>~", "<Esc>x", "<C-o>x", "<C-o>d", "<C-\\><C-n>", "e",
                ":<Esc>", "g<Esc>", "<NL><Esc>", "<C-g>J", "<C-g>r-", "<C-g>>"]
    afters = ["", ".", "u", "gv<Esc>", "j.", "p", "gvx<Esc>", "u<C-r>", "\"1p", "w."]
    for t in texts:
        for setup in setups:
            for _ in range(40):
                entry = rng.choice(entries).replace(" ", "")
                keys = setup + rng.choice(moves) + entry + rng.choice(extends) + rng.choice(finishes) + rng.choice(afters)
                yield t, keys
    # In a recording, and repeated from it.
    for t in texts:
        for entry in ["gh", "gH", "g<C-h>", "v<C-g>"]:
            for fin in ["x<Esc>", "<BS>", "ab<Esc>", "<C-o>ex<Esc>"]:
                yield t, "qq" + entry + "e" + fin + "qj@q"


def next_marks(rng):
    """`]`` `[`` `]'` `['`: the nearest lowercase mark after or before the cursor (by line only
    for `'`), with counts past the last mark, no marks at all, marks on one line, marks moved
    or deleted by edits, under operators and in Visual mode."""
    texts = ["one two three\nfour five\n  six seven\neight\nnine ten\n", "a b c d e f\n\nx y z\n\tw v\nlast\n"]
    setups = ["", "ma", "mawmbwmc", "majmbjjmc", "Gmaggmb", "wmbjwmajjmc", "jmakmbGmc", "mzjjwmyjmx", "wmbbmajmc", "ma$mbjmc0md",
              "majmbjmc:2d<CR>", "majmbjmcggdd", "jmajmbggOnew<Esc>", "wmawmbjmcgg2x", "jjwmaggjJ"]
    moves = ["", "gg", "G", "j", "jw", "jj$", "k", "2j0", "w"]
    cmds = ["]`", "[`", "]'", "['", "2]`", "3[`", "2]'", "5['", "9]`", "]`]`", "[`[`", "]'['", "d]`", "d[`", "d]'", "d['", "y]`P", "c]`X<Esc>",
            "gU]`", "v]`d", "v[`d", "V]'d", "v2]`y", "<C-v>]`d", "d2]'", "]``x", "]`''x", "[`<C-o>x"]
    afters = ["", "x", "u", ".", "``x", "p"]
    for t in texts:
        for setup in setups:
            for _ in range(32):
                yield t, setup + rng.choice(moves) + rng.choice(cmds) + rng.choice(afters)


def g_not_a_command(rng):
    """`g` followed by a key that is no g command (nv_g_cmd()'s default): a beep that clears an
    operator and drops the rest of a macro or `.`, in Normal and Visual mode."""
    texts = ["one two\nthree four\nfive\n", "a1 b2\n\n c3\n"]
    gkeys = ["g/", "gb", "gc", "gl", "gy", "gz", "gK", "gY", "gZ", "g1", "g.", "g!", "g=", "g<Left>", "g<Right>", "g<Space>", "g<CR>", "g%", "gA", "gB", "gL", "gx"]
    prefixes = ["", "d", "2", "\"ay", "c", "v", "V", "vj", "y2"]
    afters = ["x", "dw", "ix<Esc>", "", "p", "."]
    for t in texts:
        for g in gkeys:
            for p in rng.sample(prefixes, 4):
                yield t, "w" + p + g + rng.choice(afters)
        for g in rng.sample(gkeys, 6):
            yield t, "qqx" + g + "xq@q"
            yield t, "x:normal " + g + "x<CR>"


def substitute_confirm(rng):
    """`:s` with the `c` flag: each match waits for y, n, a, q, l, <Esc> or <C-c> (other keys
    ask again), over ranges and counts, with `g`, `i`, `&&`, `g&`, empty matches and
    replacements that grow or shrink the line; then undo, motions, `n` and repeats."""
    texts = ["a a a\nb a\nc\na x a\n", "foo bar foo\n  foo\nbaz\nfoofoo\n", "x1 y2 x3\n\nx\ty x\n"]
    commands = [":%s/a/X/gc<CR>", ":%s/a/XYZ/gc<CR>", ":%s/a//gc<CR>", ":s/a/X/c<CR>", ":%s/foo/F/gc<CR>", ":%s/\\<x/Q/gc<CR>",
                ":2,3s/a/b/gc<CR>", ":%s/o*/-/gc<CR>", ":%s/x\\d/&&/gc<CR>", ":%s/A/_/gci<CR>", ":s/a/X/gc 3<CR>", ":%s/y/Y/c<CR>",
                ":%s/foo/~/gc<CR>", ":%s/$/!/gc<CR>", ":%s/^/>/c<CR>", ":%s/zz/y/gc<CR>", ":%s/a/X/gce<CR>", ":%s/b/B/gc|s/c/C/<CR>"]
    answers = "yyyyyyyy nnnnnnnn ynynynyn a ya nya q yq nnq l yl nnl <Esc> y<Esc> <C-c> yxy n<CR>y y<Space>n yyyyq nyyyyyyy yyyyl yxxxxq yzzzzn yyxxxxxxyq".split()
    afters = ["", "u", "uu", "j", "x", "``", ":&&<CR>yyyyyyyy", "g&yyyyyyyy", "nx", "u<C-r>", "&", "ix<Esc>", "0D", "yyp", "ddu", "ccz<Esc>u",
              ">>u", "kx", "Jx", "~", "ax<Esc>", "yyjp", "2yyGp", "yjP", "<C-v>jd", "vjd", "rZ", "dwu", "yy.", "gJ"]
    for t in texts:
        for c in commands:
            for _ in range(14):
                move = rng.choice(["", "j", "G", "gg", "jl", "$", "2|"])
                yield t, move + c + rng.choice(answers) + rng.choice(afters)


def screen_lines(rng):
    """`gj`, `gk`, `g<Down>`, `g<Up>` over lines that fit on the screen: counts past either end,
    short and empty lines, tabs around the screen's middle, `$` before, operators (charwise,
    exclusive; inclusive after `$`), Visual mode, and `j`/`k` after (the wanted column)."""
    texts = ["one two three four\nab\n\nfive six seven eight nine ten\nx\n",
             "\tindented line\nshort\n" + "a" * 45 + "\tb\n" + "c" * 60 + "\n\t\t\t\t\t\tz\n" + "d" * 79 + "\n",
             "  a\n\tb\n" + "e" * 30 + "\t" + "f" * 20 + "\n" + "g" * 42 + "\th\n"]
    moves = ["", "w", "$", "3|", "45|", "50|", "60|", "G", "Gk", "j$", "jj", "e", "2j43|", "2j0", "4j$", "G$"]
    cmds = ["gj", "gk", "2gj", "3gk", "9gj", "9gk", "g<Down>", "g<Up>", "gjgj", "gkgj", "dgj", "dgk", "ygjP", "cgjX<Esc>", "d2gj",
            "vgjd", "vgkd", "Vgjd", "gjj", "gjk", "gj$gj", "gjx", "gkx", "5gjx", "gj.", "ddgj", "gUgj", "vgjgjy"]
    afters = ["", "x", "jx", "kx", "u", "p", "ix<Esc>"]
    for t in texts:
        for m in moves:
            for c in rng.sample(cmds, 12):
                yield t, m + c + rng.choice(afters)


def wide_symbols(rng):
    """Emoji, symbols and East Asian characters, whose widths and word classes come from Vim's
    own tables (`doublewidth`, `emoji_wide`, `emoji_all`, `classes`): word motions and objects,
    screen columns (`|`, `j`/`k`, blocks, `$`), case and replace commands over them."""
    chars = ["😀", "😄", "🐕", "🎉", "👍", "❤", "☀", "★", "✓", "→", "⌚", "⏩", "♻", "⚡", "✨", "❌", "⭐", "🀄", "🃏", "🅰",
             "🆎", "🌍", "🗺", "🛑", "🤖", "🥇", "🧀", "🪐", "日", "本", "가", "ア", "，", "⁵", "₂", "⠿", "‰", "€", "™", "№"]
    def word():
        return "".join(rng.choice(chars + ["a", "b", "x", "1", "_"]) for _ in range(rng.randint(1, 4)))
    cmds = ["w", "b", "e", "W", "B", "E", "ge", "3w", "dw", "cwX<Esc>", "diw", "daw", "yiwP", "x", "3x", "X", "~", "3~", "rZ", "r😀",
            "$", "0", "|", "5|", "9|", "j", "k", "jk", "2j", "<C-v>jld", "<C-v>j$d", "vjd", "f😀", "t🐕", "*", "#", "gUiw", "J",
            "ix<Esc>", "A😀<Esc>", "viwy$p", "de", "d2e", ";", "guu", "g~~", "yl$p", "<C-v>jIX<Esc>", "<C-v>jAY<Esc>", "v3ld"]
    for _ in range(900):
        lines = [" ".join(word() for _ in range(rng.randint(1, 5))) for _ in range(rng.randint(1, 4))]
        text = "\n".join(lines) + "\n"
        move = rng.choice(["", "w", "$", "j", "3l", "jw", "G"])
        yield text, move + rng.choice(cmds) + rng.choice(["", "j", "w", "x", "u", "."])


def insert_undo_break(rng):
    """Insert `<C-g>u` (a new undo step and insert start inside one insert), `<C-g><Esc>` and
    `<C-g>` before a key it gives no meaning (a beep that drops nothing): then `u`, `<C-r>`,
    `.`, `".`, `<BS>` at the new start, counts and `o`/`A`/`R`."""
    texts = ["one two\nthree\n", "\tx = 1\n\ny\n", "abc\n"]
    starts = ["i", "a", "A", "I", "o", "O", "R", "3i", "2o", "cw", "S", "jA"]
    middles = ["ab<C-g>ucd", "ab<C-g>u<BS><BS>x", "<C-g>uxy", "ab<CR>cd<C-g>uef", "ab<C-g>u<CR>cd", "x<C-g><Esc>y", "x<C-g>zy", "x<C-g><Left>y",
               "ab<C-g>u<C-w>z", "ab<C-g>u<C-u>z", "a<C-g>ub<C-g>uc", "ab<Left><C-g>ucd", "<BS><C-g>ux", "ab<C-g>u<Esc>", "x<C-g>1y"]
    afters = ["<Esc>", "<Esc>u", "<Esc>uu", "<Esc>u<C-r>", "<Esc>.", "<Esc>j.", "<Esc>\".p", "<Esc>u.", "<Esc>2u", "<Esc>U"]
    for t in texts:
        for st in starts:
            for m in rng.sample(middles, 6):
                yield t, st + m + rng.choice(afters)


def character_info(rng):
    """`ga`, `g8` and `:ascii`: a message and nothing else (counts, macros, `.`, `<C-o>`, after
    `$` and vertical motions that keep the wanted column, on tabs, NUL-free control
    characters, multibyte and wide characters, empty lines)."""
    texts = ["abc def\n\u00e9t\u20ac\n\tx\n\n", "\u4e2d\u6587 ab\n\x7f\x06 q\n  z\n", "one\n\u00bc two\n\ud83d\ude00 e\n"]
    infos = ["ga", "g8", "3ga", "2g8", ":ascii<CR>", ":as<CR>", ":asc|s/e/E/<CR>", ":2as<CR>", "ga:ascii<CR>"]
    befores = ["", "w", "$", "$j", "j$", "jw", "G", "2l", "A<C-o>", "i<C-o>", "qq", "gj", "e"]
    afters = ["", "x", "jx", "kx", "ix<Esc>", "dw", ".", "q@q", "<C-r>", "u", "aY<Esc>", "jgkx"]
    for t in texts:
        for i in infos:
            for b in rng.sample(befores, 6):
                yield t, b + i + rng.choice(afters)
            yield t, "x" + i + "."
            yield t, "wqq" + i + "xq@q"


def mappings(rng):
    """Key mappings: `:map` and its mode variants, `noremap`, `!`, `<buffer>`, `<unique>`,
    `<Nop>`, `<Leader>`, `\\|` in the replacement, prefixes of other mappings (`aa` and
    `aaa`), counts (`0` after a count is not mapped), operators with `:omap`, Visual mode,
    Insert mode (`jk` to leave it), the command line, recursive and self-starting
    replacements, `:unmap` (also by replacement) and `:mapclear`; then the mapped keys with
    counts, registers, `.`, `u`, macros, `:normal` and `:normal!`."""
    texts = ["one two three\nfour five\n  six seven\n", "abc abc\nx\n\nabc def ghi\n", "a(b)c [d] e\n\tf.g h\n"]
    defs = [
        ":map Q dd<CR>", ":nmap Q dwP<CR>", ":noremap Q x<CR>", ":nnoremap x X<CR>", ":nmap x dd<CR>", ":map j k<CR>",
        ":nmap 0 w<CR>", ":nmap 2 w<CR>", ":map <lt>Del> ~<CR>", ":nmap ,a A!<lt>Esc><CR>", ":nmap ,ab I#<lt>Esc><CR>",
        ":nmap aa x<CR>", ":nmap aaa X<CR>", ":nnoremap <lt>Leader>d dd<CR>", ":nmap \\w dw<CR>", ":map ; :<CR>",
        ":omap w $<CR>", ":onoremap p i(<CR>", ":omap x l<CR>", ":vmap x y<CR>", ":xnoremap y d<CR>", ":vnoremap Q >gv<CR>",
        ":imap jk <lt>Esc><CR>", ":inoremap jj <lt>Esc>x<CR>", ":imap ( ()<lt>Left><CR>", ":inoremap a b<CR>:inoremap b a<CR>",
        ":imap a b<CR>:imap b c<CR>", ":cmap XX s/o/0/g<CR>", ":cnoremap <lt>C-a> <lt>Home><CR>", ":map! ;; <lt>Esc><CR>",
        ":noremap! ab XY<CR>", ":nmap Q <lt>Nop><CR>", ":nmap ab abcd<CR>", ":nmap w ww<CR>", ":nmap Y y$<CR>",
        ":nmap Q :s/o/0/g<lt>CR><CR>", ":nmap Q :s/o/0\\|s/e/E/<lt>CR><CR>", ":nmap <lt>buffer> Q x<CR>", ":nmap <lt>silent> Q dw<CR>",
        ":nmap <lt>unique> Q x<CR>:nmap <lt>unique> Q y<CR>", ":nmap Q x<CR>:unmap Q<CR>", ":nmap Q x<CR>:nunmap x<CR>",
        ":map Q x<CR>:nunmap Q<CR>", ":nmap Q x<CR>:mapclear<CR>", ":imap jk <lt>Esc><CR>:imapclear<CR>", ":nmap Q x<CR>:vmapclear<CR>",
        ":nmap e b<CR>:nmap b e<CR>", ":nnoremap e b<CR>:nnoremap b e<CR>", ":nmap dd x<CR>", ":nmap d2 dd<CR>", ":omap d $<CR>",
        ":nmap Q qaxq<CR>", ":nmap Q @a<CR>", ":nmap Q .<CR>", ":nmap Q u<CR>", ":nmap gQ ~<CR>", ":nmap \" x<CR>", ":nmap : x<CR>",
        ":nmap Q ix<lt>Esc>ay<lt>Esc><CR>", ":nmap Q 2x<CR>", ":nmap Q vjd<CR>", ":nmap <lt>CR> x<CR>", ":nmap t x<CR>",
        ":nmap Q :normal x<lt>CR><CR>", ":nmap r x<CR>", ":imap x y <CR>", ":nmap Q d<CR>", ":nmap Q 3<CR>",
    ]
    uses = ["Q", "2Q", "x", "3x", "j", "0", "10x", "2", "5<Del>", "<Del>", ",a", ",ab", ",ac", "aa", "aaa", "aaaa", "a", "\\d", "\\w",
            ";s/o/0/<CR>", "dw", "cwX<Esc>", "yp", "dp", "d2w", "dx", "vex", "vey", "Vjx", "vQ", "Vjy", "ijkx", "ixjky<Esc>", "ijjx<Esc>",
            "i(a<Esc>", "iab<Esc>", "iaab<Esc>", ":XX<CR>", ":<C-a>s/e/E/<CR>", "i;;x", "A;;", "iab<Esc>", "e", "b", "2e", "dd", "d2", "3dd",
            "Q.", "Qu", "Qj.", "qqQq@q", "gQ", "\"ayy", "rx", "tx", "fx", "<CR>", "Y", "Yp", "w", "2w", "uQ", ":normal Q<CR>",
            ":normal! Q<CR>", ":normal 2x<CR>", ":%normal Q<CR>", "Qjx", "Q$", "qaQjq@a", "aQ<Esc>", "RQab<Esc>", "/o<CR>Q", "Qdw"]
    for t in texts:
        for d in defs:
            for u in rng.sample(uses, 7):
                yield t, d + u
            yield t, d + rng.choice(uses) + rng.choice(uses)
    for _ in range(120):
        t = rng.choice(texts)
        yield t, rng.choice(defs) + rng.choice(defs) + rng.choice(uses) + rng.choice(uses)


def insert_word_moves(rng):
    """Insert and Replace mode `<S-Right>`, `<C-Right>`, `<S-Left>`, `<C-Left>`: a word
    forward or back across lines and empty lines, past the end of a line, at the buffer's ends
    (a beep), ending the insert for `.`, undo and the `.` register, with counts and typed text
    around them."""
    texts = ["one two.three\n  four\n\nfive six\n", "a\tb  c\nxyz\n", "foo(bar) baz\n\n\nq\n", "\u00e9t\u00e9 \u4e2d\u6587 x\n"]
    starts = ["i", "a", "A", "I", "o", "O", "R", "3i", "2a", "gI", "jA", "Gi", "GA", "$i", "wi", "ea", "cw", "S"]
    moves = ["<S-Right>", "<C-Right>", "<S-Left>", "<C-Left>"]
    afters = ["", "u", ".", "j.", "u<C-r>", "x", "gi!<Esc>", "2u", "k.", "uu"]
    for t in texts:
        for st in starts:
            for _ in range(8):
                mid = "".join(rng.choice(["X", "yz", "", " "]) + rng.choice(moves) for _ in range(rng.randint(1, 4)))
                yield t, st + mid + rng.choice(["Q", "", "<BS>W"]) + "<Esc>" + rng.choice(afters)


def set_visual_marks(rng):
    """`m<` and `m>` after a selection: one end of the last Visual area moves to the cursor,
    the other end and the mode stay; then `'<`, `` `> ``, `gv` with an operator, `:'<,'>`
    commands, and marks set past the other end, on other lines, after edits that add or delete
    lines."""
    texts = ["lala\nlalala\nlala\n\n", "one two three\nfour\n  five six\nseven\n", "a\tb\nccc ddd\n\ne\n"]
    selections = ["vl<Esc>", "v3l<Esc>", "vj<Esc>", "Vj<Esc>", "V<Esc>", "<C-v>jl<Esc>", "<C-v>j$<Esc>", "v3h<Esc>", "jvk<Esc>", "wviw<Esc>"]
    moves = ["", "j", "k", "jh", "khh", "G", "gg", "$", "0", "w", "2j", "Gk"]
    edits = ["", "ggOnew<Esc>", "Gdd", "ggdd", "yyP", "x"]
    uses = ["`<lt>x", "`>x", "'<lt>x", "'>x", "gvd", "gvy`]x", "gv<Esc>x", "gvU", ":'<lt>,'>d<CR>", ":'<lt>,'>s/a/X/<CR>", "`<lt>`>x", "gvo<Esc>x", "gv>"]
    for t in texts:
        for sel in selections:
            for _ in range(6):
                mark = rng.choice(["m<lt>", "m>", "m<lt>jm>", "m>km<lt>", "m<lt>m>"])
                yield t, rng.choice(["", "j", "l"]) + sel + rng.choice(moves) + rng.choice(edits) + mark + rng.choice(moves) + rng.choice(uses)
        yield t, "jm<lt>" + rng.choice(uses)
        yield t, "jm>gv" + rng.choice(uses)


def page_scroll(rng):
    """`<C-f>`, `<C-b>`, `<PageDown>`, `<PageUp>`, `<S-Down>`, `<S-Up>` with counts on texts
    shorter and longer than the window, with lines that wrap, in Normal and Visual mode and
    under an operator (a beep), then `H`, `M`, `L`, `<C-d>`, `<C-u>` and edits that show
    where the window ended up."""
    def text(n, long_every=0):
        lines = []
        for i in range(n):
            if long_every and i % long_every == 3:
                lines.append(("word%d " % i) * rng.randint(12, 40))
            else:
                lines.append(rng.choice(["  ", "", "\t"]) + "line %d" % i)
        return "\n".join(lines) + "\n"
    texts = [text(3), text(10), text(23), text(24), text(30), text(60), text(100), text(50, 7), text(80, 11), text(1)]
    keys = ["<C-f>", "<C-b>", "<PageDown>", "<PageUp>", "<S-Down>", "<S-Up>", "2<C-f>", "3<C-b>", "5<C-f>", "9<C-f>"]
    others = ["", "x", "jx", "Hx", "Lx", "Mx", "<C-d>x", "<C-u>x", "ddx", "kx", "Gx", "ggx", "50%x"]
    starts = ["", "G", "30G", "$", "j$", "gg", "15j", "Vj", "v", "<C-v>", "d", "y"]
    for t in texts:
        for _ in range(40):
            moves = "".join(rng.choice(keys) + rng.choice(["", "", "j", "x"]) for _ in range(rng.randint(1, 4)))
            yield t, rng.choice(starts) + moves + rng.choice(others)


def not_a_command_keys(rng):
    """The keys nv_cmds.h gives to nv_error() (`\\`, `<C-k>`, `<C-_>`): a beep that clears an
    operator and ends a macro, `:normal` or `.`."""
    texts = ["abc def\nxyz\n", "  one\n\ttwo three\n"]
    bad = ["\\", "<C-k>", "<C-_>"]
    for t in texts:
        for b in bad:
            for pre in ["", "d", "2", "\"a", "y", "c", "w", "dw"]:
                for post in ["x", "", "p", "ix<Esc>"]:
                    yield t, pre + b + post
            yield t, "qq" + b + "xq@q"
            yield t, "qqx" + b + "xq@q"
            yield t, ":normal x" + b + "x<CR>"
            yield t, "x" + b + "."


def quiet_ex_commands(rng):
    """`:stopinsert` (nothing in Normal mode; `!`, an argument, a range), `:digraphs` defining
    digraphs (nothing to the text; malformed forms refused) or listing them (a more-prompt: no
    result), in chains, macros and `:normal`."""
    texts = ["abc def\nxyz\n", "  one\n\ttwo\n"]
    commands = [":stopinsert<CR>", ":stopinsert!<CR>", ":stopinsert foo<CR>", ":1stopinsert<CR>", ":stopi<CR>", ":stopinsert|s/a/X/<CR>",
                ":digraph (0 9450<CR>", ":dig<CR>", ":digraphs!<CR>", ":dig ab 12 cd 34<CR>", ":dig ab 12|s/o/0/<CR>", ":dig xy 120|stopinsert<CR>"]
    afters = ["x", "", "ix<Esc>", "u", "j.", "dw"]
    for t in texts:
        for c in commands:
            for a in afters:
                yield t, rng.choice(["", "j", "w"]) + c + a
            yield t, "qq" + c + "xq@q"
            yield t, ":normal " + c.replace("<CR>", "<lt>CR>") + "x<CR>"


def spell_brackets(rng):
    """`]s`, `[s`, `]S`, `[S` with 'spell' off: the jump list gets the cursor, then E756 and a
    beep (an operator cleared, a macro ended); `<C-o>`, `''` and `` `` `` show the entry."""
    texts = ["abc def\nxyz qq\nlast\n", "  one\n\ttwo three\n\nfour\n"]
    keys = ["]s", "[s", "]S", "[S", "3]s"]
    befores = ["", "jw", "G", "Gk$", "2j", "w"]
    afters = ["x", "<C-o>x", "<C-o><C-o>x", "''x", "``x", "<Tab>x", "", "p"]
    for t in texts:
        for k in keys:
            for b in befores:
                for pre in ["", "d", "y", "v", "\"a"]:
                    yield t, b + pre + k + rng.choice(afters)
            yield t, "qqx" + k + "xq@q"
            yield t, ":normal x" + k + "x<CR>"


def whichwrap(rng):
    """'whichwrap' set every way `:set` takes it (`=`, `+=`, `^=`, `-=`, the old numbers,
    `&`, an illegal flag: E539), then the keys it lets wrap: `h l <Space> <BS> <Left> <Right>`
    in Normal and Visual mode, with counts, under `d`, `c`, `y` and as `x`, `X`, `s`; the Insert
    and Replace arrows; `~` over line ends and empty lines, with undo, redo and `.`."""
    texts = ["abc def\nxyz\n\nlast one\n", "a\n\n\nb\nCc\n", "  one\n\ttwo three\nfour\n", "\u00e9t\u00e9 x\n\u00c9T\u00c9\nfin\n", "single\n", "\n\nxY\n"]
    sets = ["b,s", "h", "l", "h,l", "<,>", "[,]", "~", "b,s,h,l,<,>,[,],~", "", "hl", "h,,l", "31", "4", "8", "16", "0", "s",
            "b,s,~", "lh~<>[]", "x", "h,x", ",", "~,~", "l,h,l"]
    mods = ["+=h", "+=l,h", "^=~", "-=s", "-=b", "-=b,s", "+=x", "-=h", "&", "+=4", "-=4", "+=~", "+=,", "-=,"]
    keys = ["h", "l", " ", "<BS>", "<C-h>", "<Left>", "<Right>", "3l", "5h", "9<Space>", "4<BS>", "2<Right>", "3<Left>",
            "dl", "dh", "3dl", "4dh", "d<Space>", "d3<Space>", "d<BS>", "2d<BS>", "cl", "c3lX<Esc>", "yl", "3yl", "y4h",
            "x", "3x", "9x", "X", "3X", "s", "3sZ<Esc>", "~", "3~", "9~", "20~", "d<Left>", "d<Right>", "2d<Right>",
            "vl", "v3ld", "v5hd", "v<Space>d", "v<BS>y", "v2<Left>d", "v<Right><Right>d", "V3ld", "<C-v>3ld",
            "i<Left>X<Esc>", "i<Left><Left>X<Esc>", "A<Right>X<Esc>", "A<Right><Right>X<Esc>", "i<Left>X<Esc>u",
            "A<Right>X<Esc>.", "R<Left>X<Esc>", "R<Right><Right>XY<Esc>", "a<Right>X<C-o>lY<Esc>", "i<C-o>hX<Esc>"]
    starts = ["", "$", "j", "j$", "G", "2j", "w", "gg$", "3G", "jl"]
    afters = ["", "x", "u", "u<C-r>", ".", "j.", "ix<Esc>", "p", "P"]
    for t in texts:
        for _ in range(90):
            if rng.random() < 0.75:
                setting = ":set ww=" + rng.choice(sets) + "<CR>"
            else:
                setting = ":set ww=" + rng.choice(sets) + "<CR>:set ww" + rng.choice(mods) + "<CR>"
            yield t, setting + rng.choice(starts) + rng.choice(keys) + rng.choice(afters)
        for k in ["3~", "l", "x"]:
            yield t, ":set ww=~,l<CR>qq" + k + "q5@q"
            yield t, ":set ww=~,l<CR>:normal " + k + k + "<CR>"
    yield "abc\n", ":set ww?<CR>x"
    yield "abc\n", ":set ww=h ww?<CR>x"
    yield "abc\n", ":set ww=h,y sw=8<CR>x"
    yield "abc\n", ":setlocal ww=l<CR>$lx"
    yield "abc\n", ":setglobal ww=l<CR>$lx"


def block_redo(rng):
    """`.` after an operator on a Visual block (`redo_VIsual`): the block measured again from
    the cursor, as wide as the last one or to the line ends after `$` (or with the wanted
    column at the end); `d x X D c C s r I A ~ u U g? > <` with counts, registers, undo,
    short lines, tabs and wide characters."""
    texts = ["give\nme\nsome\nsugar\n", "abcdef\nghijkl\nmnopqr\nstuvwx\nyz\n\n12345678\n",
             "a\tb\tc\n\tdd\tee\nxx\tyy\n  zz\n", "\u00e9t\u00e9 caf\u00e9\nna\u00efve x\n\u65e5\u672c\u8a9e ab\nplain text\n",
             "one two three\nfour five six\nseven eight\nnine\nten eleven twelve\n"]
    sizes = ["", "j", "jj", "l", "jl", "2j3l", "je", "j$", "jjw", "G", "j0", "3l"]
    ops = ["d", "x", "X", "D", "y", "cZZ<Esc>", "C!<Esc>", "sQ<Esc>", "rZ", "r-", "IIN<Esc>", "AAP<Esc>", "I<Esc>", "A<Esc>",
           "~", "u", "U", "g?", ">", "<", "2>", "\"ad", "\"Ay", "J", "gJ", "Iab<Esc>", "c<Esc>"]
    moves = ["", "j", "jj", "w", "l", "0", "$", "j$", "G", "gg", "2l", "k", "jl", "e", "b"]
    afters = ["", "u", "p", "P", "\"ap", "j.", "u<C-r>", "gv<Esc>x", "x"]
    for t in texts:
        for _ in range(110):
            start = rng.choice(["", "l", "w", "j", "jw", "$", "2l"])
            yield t, start + "<C-v>" + rng.choice(sizes) + rng.choice(ops) + rng.choice(moves) + "." + rng.choice(afters)


def digraphs(rng):
    """`<C-k>{char1}{char2}` in Insert and Replace mode, on the command line (`/`, `:s`,
    `:normal`) and as the character of `f F t T r`: pairs of Vim's table either way round,
    pairs that are not digraphs (the second character), a space first or second (the high
    bit), `<Esc>` cancelling at either key, pairs `:digraphs` defined or redefined, then `.`,
    `;`, `,`, undo and macros."""
    import re
    table = re.findall(r"\(b'(\\'|\\\\|.)', b'(\\'|\\\\|.)', ", open(os.path.join(os.path.dirname(__file__), "..", "src", "engine", "digraph_table.rs")).read())
    unq = lambda c: {"\\'": "'", "\\\\": "\\"}.get(c, c)
    pairs = [unq(a) + unq(b) for a, b in table]
    printable = [p for p in pairs if all(33 <= ord(c) < 127 for c in p) and "<" not in p]
    extra = ["qq", "qz", "zq", " a", "a ", " 1", "ab", "e:", ":e", "a*", "*a", "Eu", "12", "14", "Co", "oo", "TM", "->", "<-", "!=", "NO", "SE"]
    texts = ["abc d\u00e9f \u00e9t\u00e9\nxyz \u03b1\u03b2 ab\n", "caf\u00e9 \u20ac 12\n\tline two\n\nlast\n", "a\n"]
    def pair():
        return rng.choice(printable) if rng.random() < 0.7 else rng.choice(extra)
    def dg():
        p = pair()
        return "<C-k>" + p.replace("<", "<lt>")
    defs = ["", ":dig ab 9731<CR>", ":dig e: 65<CR>", ":dig ab 9731 cd 9733<CR>", ":dig a* 0<CR>", ":dig qq 948<CR>:dig qq 949<CR>"]
    for t in texts:
        for _ in range(300):
            d = rng.choice(defs)
            form = rng.randrange(9)
            if form == 0:
                k = "i" + dg() + rng.choice(["", dg(), "x"]) + "<Esc>" + rng.choice(["", "w.", "j.", "u", "3."])
            elif form == 1:
                k = rng.choice(["A", "o", "2i", "a"]) + dg() + "<Esc>" + rng.choice(["", ".", "u<C-r>", "j0."])
            elif form == 2:
                k = rng.choice(["", "w", "$"]) + "R" + dg() + dg() + "<Esc>" + rng.choice(["", "j0.", "u"])
            elif form == 3:
                k = rng.choice(["", "2", "w"]) + "r" + dg() + rng.choice(["", "w.", "j.", "u"])
            elif form == 4:
                k = rng.choice(["f", "t", "F", "T", "df", "dt", "yf", "cf"]) + dg() + rng.choice(["", "x", ";x", ",x", "X<Esc>", "p"])
            elif form == 5:
                k = rng.choice(["/", "?"]) + dg() + "<CR>" + rng.choice(["x", "nx", ""])
            elif form == 6:
                k = ":s/" + rng.choice(["a", "b", "\u00e9"]) + "/" + dg() + "/g<CR>" + rng.choice(["", "u", "j&"])
            elif form == 7:
                k = rng.choice(["i<C-k><Esc>x<Esc>", "i<C-k>a<Esc>x<Esc>", ":<C-k><Esc>s/a/b/<CR>", "r<C-k>a<Esc>x", "f<C-k><Esc>x",
                                "i<C-k><Left>x<Esc>", "i<C-k>a<Left>x<Esc>", "qqi" + dg() + "<Esc>q@q", "qqr" + dg() + "lq2@q", ":normal i" + dg() + "<CR>"])
            else:
                k = "i" + dg() + "<C-o>" + rng.choice(["x", "l", "0"]) + dg() + "<Esc>"
            yield t, d + k


def ctrl_o_delete(rng):
    """`<C-o>` in Insert and Replace mode with the delete and yank operators, `x`, `X`,
    `D`, `<Del>` and puts: del_bytes() leaves the cursor past the end of the line while
    restart_edit is set and do_put() puts it after the text, then edit() resumes there; with
    counts, motions of every kind, registers of every shape, at line ends, on empty lines and
    multi-byte text, then typing, undo, `.` and puts."""
    texts = ["timepass is fun\nline two\n\nlast one\n", "caf\u00e9 \u00e9t\u00e9\n\tx\ty\nab\n", "a\n\nb c\n", "  indented words here\nsecond\n"]
    starts = ["i", "a", "A", "I", "4li", "4la", "$i", "ji", "jA", "2ji", "Gi", "R", "$R", "o", "O", "wi", "ea"]
    ops = ["D", "x", "X", "3x", "2X", "<Del>", "dd", "2dd", "dw", "d3w", "db", "d0", "d$", "de", "dl", "dh", "d2l", "dj", "dk",
           "dG", "dgg", "dfe", "dte", "dFa", "d/e<CR>", "d?a<CR>", "d}", "diw", "daw", "yw", "y$", "yy", "yiw", "d<Esc>", "9x", "9X",
           "dvj", "dVw", "2d2w", "x<C-o>x", "D<C-o>x", "dw<C-o>dw", "p", "P", "3p", "gp", "gP", "\"ap", "p<C-o>p", "dwp"]
    yanks = ["", "", "yw", "yy", "v$y", "yl", "<C-v>jly", "\"ayiw", "ye"]
    typed = ["", "Z", "ZY", "<BS>", "<Left>Z", "<CR>Z"]
    afters = ["", "u", "j.", ".", "p", "P", "u<C-r>", "x"]
    for t in texts:
        for _ in range(130):
            yield t, rng.choice(yanks) + rng.choice(starts) + rng.choice(["", "xy"]) + "<C-o>" + rng.choice(ops) + rng.choice(typed) + "<Esc>" + rng.choice(afters)


def format_text(rng):
    """A random text for `gq`: paragraphs of words of every length (some longer than the
    width), blanks and tabs between them, sentence ends, multi-byte and wide characters,
    comment leaders of the default 'comments' (`//`, `#`, `%`, `XCOMM`, `>` nested, `- `
    lists, `/* * */` three-part comments), indents, blank and leader-only lines, nroff
    paragraph macros and trailing blanks."""
    words = ["a", "I", "to", "of", "the", "and", "word", "text", "lines", "format", "paragraph", "e.g.", "end.", "why?", "yes!",
             "(paren)", "x" * 30, "y" * 85, "caf\u00e9", "\u65e5\u672c\u8a9e", "na\u00efve", "-", "*", "#", "//", "a.", "Mr.", "--"]
    leaders = ["", "", "", "", "// ", "//", "# ", "#", "% ", "XCOMM ", "> ", "> > ", ">> ", "- ", " * ", " *", "*", "  // ", "\t# ", "-"]
    out = []
    for _ in range(rng.randint(1, 4)):
        kind = rng.random()
        n = rng.randint(1, 5)
        indent = rng.choice(["", "", "  ", "    ", "\t", "        ", " \t"])
        if kind < 0.15:
            body = [" ".join(rng.choice(words) for _ in range(rng.randint(1, 30))) for _ in range(n)]
            lines = [indent + "/* " + body[0]] + [indent + " * " + b for b in body[1:]] + [indent + " */"]
            if rng.random() < 0.3:
                lines = [indent + "/* " + " ".join(body) + " */"]
        else:
            lead = rng.choice(leaders)
            lines = []
            for _ in range(n):
                sep = rng.choice([" ", " ", " ", "  ", "\t", " \t "])
                lines.append(indent + lead + sep.join(rng.choice(words) for _ in range(rng.randint(0, 35))) + rng.choice(["", "", " ", "  "]))
        out.extend(lines)
        out.append(rng.choice(["", "", "  ", ".PP", "\f", "#", " *"]))
    return "\n".join(out) + "\n"


def format_lines(rng):
    """`gq` and `gw` (format_lines(), internal_format()) with Vim's default 'textwidth' 0
    (79 columns), 'formatoptions' tcq and 'comments': every way to give the lines (doubled,
    counts, motions, text objects, Visual selections), at every start, then undo, redo, `.`,
    and commands that show where the cursor and marks went."""
    keys = ["gqq", "gqgq", "3gqq", "gq2q", "gqj", "2gqj", "gqk", "gqap", "gqip", "gq}", "gq{", "gqG", "gqgg", "gqw", "gq$",
            "gq3j", "gqL", "gqH", "gq)", "gq/the<CR>", "vgq", "Vgq", "Vjgq", "vjjgq", "Vipgq", "vapgq", "v$gq", "<C-v>jgq",
            "gww", "gwgw", "gwj", "gwap", "gwip", "gwG", "3gww", "Vjgw", "vipgw", "gw}", "gqqgqq", "gqapgqap"]
    starts = ["", "", "j", "2j", "G", "$", "w", "3w", "jw", "gg", "4G", "5G", "}", "}j", "e", "0f "]
    afters = ["", "", "", "u", "u<C-r>", ".", "j.", "x", "ix<Esc>", "``x", "'ax", "p", "gvd", "uu", "k."]
    for _ in range(700):
        text = format_text(rng)
        mark = rng.choice(["", "", "jma", "ma"])
        yield text, mark + rng.choice(starts) + rng.choice(keys) + rng.choice(afters)


def textwidth(rng):
    """'textwidth' set every way `:set` takes it (`=`, `+=`, `-=`, `^=`, `&`, `?`), then `gq`
    and `gw` at that width (1 to 120 columns), `:center` and `:right` (which take it as their
    default width), and Insert and Replace mode typing near it (a character that would end
    past it is refused: Vim would break the line)."""
    sets = [":set tw=" + str(n) + "<CR>" for n in [1, 2, 3, 5, 8, 10, 12, 15, 20, 25, 30, 40, 50, 60, 72, 79, 80, 100, 120]]
    sets += [":set tw=10<CR>:set tw+=5<CR>", ":set tw=30<CR>:set tw-=12<CR>", ":set tw=4<CR>:set tw^=5<CR>", ":set tw=20<CR>:set tw&<CR>",
             ":setlocal tw=25<CR>", ":set textwidth=33<CR>", ":set tw=20 tw?<CR>", ":set tw=0<CR>"]
    keys = ["gqq", "gqap", "gqip", "gqG", "3gqq", "gqj", "Vjgq", "gwap", "gww", "gqq.", "gqapu", "gqgqu<C-r>",
            ":center<CR>", ":right<CR>", ":%center<CR>", ":%right<CR>", ":center 30<CR>", ":%left 3<CR>",
            "A and more words<Esc>", "Ox<Esc>", "ihello world<Esc>", "A x<Esc>", "A \t <Esc>", "Rxyz<Esc>", "$Rab<Esc>", "oone two three four<Esc>",
            "3Ax <Esc>", "A<C-v>x01<Esc>", "Ixx<Esc>", "cwzz<Esc>", "A\u65e5<Esc>"]
    afters = ["", "", "u", ".", "j.", "x"]
    for _ in range(450):
        text = format_text(rng) if rng.random() < 0.7 else rng.choice(["short\n", "a b c d e f g h i j\n", "one two three four five six seven eight nine ten\n\nx\n", "\tindented line here\n"])
        yield text, rng.choice(sets) + rng.choice(["", "", "j", "G", "$"]) + rng.choice(keys) + rng.choice(afters)


def undo_line(rng):
    """`U` (u_undoline()) after sequences of changes: the line saved by the first change to
    it (u_save() of one line), kept while changes stay on it, replaced when a change saves
    another line, cleared when lines are opened or deleted, never moved when lines above come
    or go; `U` then `U` again (it swaps), `u` and `<C-r>` around it, counts, `.`, Insert-mode
    typing with arrows, `<C-o>`, `<C-g>u`, Replace mode and Visual deletes."""
    texts = ["one two three\nfour five six\nseven eight\n", "abc\n", "a\n\nb c d\n\tindent here\nlast\n",
             "caf\u00e9 \u00e9t\u00e9\n\u65e5\u672c x\n", "x y\nz\n"]
    changes = ["x", "X", "3x", "dw", "de", "d$", "D", "cwNEW<Esc>", "ceZ<Esc>", "sQ<Esc>", "C!<Esc>", "rZ", "3rY", "~", "4~",
               "iABC<Esc>", "aX<Esc>", "AEND<Esc>", "I> <Esc>", "oline<Esc>", "Oabove<Esc>", "dd", "2dd", "J", "p", "P", "yyp",
               "u", "<C-r>", "<C-a>", ">>", "cc new<Esc>", "Snew<Esc>", "vld", "vjd", "Vd", "vlc-<Esc>", "<C-v>jd", ":s/o/0/<CR>",
               "ix<Left>y<Esc>", "ia<C-o>lb<Esc>", "ia<C-g>ub<Esc>", "Rxy<Esc>", "Rx<BS><Esc>", "3ix<Esc>", "ia<CR>b<Esc>",
               "ab<BS><Esc>", "A<C-w><Esc>", ".", "xp", "dwi<C-r>\"<Esc>", "gqq", "r<CR>", "d<BS>", "dl", "2dl"]
    moves = ["", "", "", "j", "k", "w", "b", "0", "$", "G", "gg", "2j", "l"]
    afters = ["U", "U", "UU", "UUU", "Uu", "Uu<C-r>", "UjU", "Ux", "U.", "uU", "Uix<Esc>U", "kU", "jU", "3U"]
    for t in texts:
        for _ in range(160):
            n = rng.randint(1, 4)
            keys = "".join(rng.choice(moves) + rng.choice(changes) for _ in range(n))
            yield t, keys + rng.choice(moves) + rng.choice(afters)
    yield "abc\n", "U"
    yield "abc\ndef\n", "xjUkU"


def cmdline_paste_controls(rng):
    """CTRL-R on the command line with text holding control characters (cmdline_paste_str()):
    with CTRL-R CTRL-R or CTRL-O they go in literally; without, Vim types them (`^H`, `^U`,
    `^W`, `^K` edit the line, `<Esc>`, `^C`, `<CR>`, `^L`, `^V` after a CTRL-V), which the
    engine refuses; the line then run as a search, a substitute or an ex command."""
    parts = ["ab", "x", "Hello", "\b", "\b\b", "\x15", "\x17", "\x16", "\x16x", "\x1b", "\x03", "\x0c", "\x0b", "\x0bn?",
             "\x02", "\x05", "\t", "\x01", "\x7f", " ", "o", "\x1c\x0e", "\x12a"]
    forms = [":s/<C-r>{r}/X/<CR>", ":s/^/<C-r>{r}/<CR>", "/<C-r>{r}<CR>x", ":<C-r>{r}<CR>", ":s/o/<C-r>{r}/g<CR>u",
             ":normal! A<C-r>{r}<CR>", ":s/x/<C-r>{r}<C-r>{r}/<CR>", "/<C-r>{r}<Esc>x"]
    regs = ["<C-l>", "<C-r><C-l>", "<C-o><C-l>", "a", "<C-r>a", "<C-o>a", "<C-w>", "<C-a>"]
    for _ in range(500):
        line = "".join(rng.choice(parts) for _ in range(rng.randint(1, 5)))
        text = line + "\n" + rng.choice(["xo x\n", "Hello world\n", "ab\n", "o\n"])
        setup = rng.choice(["", "", "\"ay$", "\"ayiw", "w", "j"])
        form = rng.choice(forms).replace("{r}", rng.choice(regs))
        yield text, setup + form + rng.choice(["", "", "x", "u"])

def execute_strings(rng):
    """`:execute` and `:let @r =` with string expressions (eval_string()): double-quoted strings
    with every escape (`\\e`, `\\r`, octal, `\\x`, `\\u`, `\\<C-M>`-style keys, unknown
    escapes), single-quoted strings, concatenation with `.`, `..` and blanks (which join with a
    blank), numbers, a `|` after the expressions, missing quotes (E114/E115), and the values run
    as `:normal` keys (Insert-mode text, <Esc>, <CR>, <NL>, CTRL-W, CTRL-R, ...) or ex commands."""
    plain = ["ab", "X", " ", "foo", "x", "dw", "A", "I", "o", "0", "$", "j", "p", "u", "yy", "~", "J", "3x", "w", "k", "i",
             "cw", "de", "P", "G", "gg", "r-", "."]
    controls = {
        "\x1b": ["\\e", "\\<lt>Esc>", "\\033", "\\x1b", "\\<lt>C-[>", "\\<lt>esc>"],
        "\r": ["\\r", "\\<lt>CR>", "\\<lt>C-M>", "\\015", "\\x0d", "\\<lt>Return>", "\\<lt>c-m>"],
        "\n": ["\\n", "\\<lt>NL>", "\\<lt>C-J>", "\\012", "\\<lt>LF>"],
        "\t": ["\\t", "\\<lt>Tab>", "\\011", "\\x9"],
        "\b": ["\\b", "\\<lt>C-H>", "\\10"],
        "\x17": ["\\<lt>C-W>", "\\027", "\\x17"],
        "\x15": ["\\<lt>C-U>", "\\x15"],
        "\x01": ["\\<lt>C-A>", "\\001", "\\1"],
        "\x12a": ["\\<lt>C-R>a", "\\x12a"],
        "\x12\"": ["\\<lt>C-R>\\\"", "\\022\\\""],
        "\x0f": ["\\<lt>C-O>"],
        "\\": ["\\\\", "\\<lt>Bslash>"],
        "|": ["|", "\\<lt>Bar>"],
        "<": ["<lt>", "\\<lt>lt>", "\\<lt>"],
        "A": ["\\x41", "\\101", "\\X41", "\\u0041", "\\U00000041"],
        "\u00e9": ["\\u00e9", "\\u0e9", "\\U000000E9", "é"],
        "q": ["\\q"],
        "xz": ["\\xz"],
        "<x": ["\\<lt>x"],
        "?": ["\\<lt>Left>", "\\<lt>BS>", "\\x80", "\\0", "\\<lt>S-Tab>"],
    }
    heads = ["normal! ", "norm ", "normal ", "norm! ", "2normal! ", "%normal ", "1,2norm! "]
    ex_lines = ["s/a/b/", "d", "2d", "%s/x/Y/g", "$", "2", "m0", "t.", "s/o/\\t/", "j", "<", ">", "delete a", "put a",
                "let @a = 'hi'", "normal! \\<lt>C-A>", "s/\\<lt>o/0/", "g/a/d"]
    texts = ["abc def\nfoo bar\nxo\n", "one\ntwo\nthree\n", "  a b\n\tc\n", "x\n", "hello world foo\n"]

    def encode(atom):
        if atom in controls:
            return rng.choice(controls[atom])
        return atom.replace('"', '\\"')

    def literal(parts):
        if all(p in plain for p in parts) and rng.random() < 0.3:
            return "'" + "".join(parts).replace("'", "''") + "'"
        return '"' + "".join(encode(p) for p in parts) + '"'

    def expression(parts):
        if len(parts) > 1 and rng.random() < 0.6:
            cut = rng.randint(1, len(parts) - 1)
            glue = rng.choice([" . ", ".", "..", " .. ", " "])
            return literal(parts[:cut]) + glue + literal(parts[cut:]), glue == " "
        return literal(parts), False

    for _ in range(700):
        text = rng.choice(texts)
        kind = rng.random()
        if kind < 0.55:
            atoms = [rng.choice(plain + list(controls)) for _ in range(rng.randint(1, 6))]
            head = rng.choice(heads)
            expr, _ = expression([head.rstrip()] + ([" "] if rng.random() < 0.5 else []) + atoms)
            line = ":exe " + expr
        elif kind < 0.7:
            expr, _ = expression([rng.choice(ex_lines)])
            line = ":exe " + expr
        elif kind < 0.8:
            atoms = [rng.choice(plain + list(controls)) for _ in range(rng.randint(1, 4))]
            expr, _ = expression(atoms)
            reg = rng.choice("abA")
            line = ":let @" + reg + " = " + expr + "<CR>\"" + reg.lower() + rng.choice(["p", "P", "@" + reg.lower()]) + "<Esc>"
            yield text, rng.choice(["", "j", "w"]) + line
            continue
        elif kind < 0.9:
            line = ":exe " + rng.choice(['"normal! ' + rng.choice(plain), "'abc", '"x" "y', "'a' . \"b", "2 \"normal! x",
                                         '"normal!" 2 . "x"', "3", '"norm" "x"', '"" "normal! x"', "1.5", "foo", '"normal! x" "" ""'])
        else:
            expr, _ = expression(["normal! " + rng.choice(plain)])
            line = ":exe " + expr + rng.choice([" | normal! x", "|d", " | s/o/0/", ""])
        yield text, rng.choice(["", "j", "w", "ll"]) + line + "<CR>" + rng.choice(["", "", "x", "u", "."])

def nostartofline(rng):
    """'nostartofline' (`:set nosol`): `G gg N% H M L <C-d> <C-u> <C-f> <C-b>`, `u`, `<C-r>`, `:N`,
    `:m`, `:t`, `:undo` keep the wanted column (beginline(BL_SOL)); linewise deletes and shifts
    from motions, doubled operators and Visual mode go back to the column the command began
    with (do_pending_operator()'s old_col); `yy`, `cc`, `p`, `:d`, `:>` and `:s` as before.
    Wanted columns from `l`, `$`, `w`, `|`, tabs and wide characters, on short and empty lines."""
    texts = [
        "alpha beta gamma\n  two\n\n\tfour tabs here\nfive five five five\nx\n  seven seven\n",
        "one\ntwo two\nthree three three\nfour four four four\n\nsix\n",
        "    deep indent line\nshort\n\té wide 字 chars\nabcdefghijklmnop\nq\n",
        "\n".join("line %d %s" % (i, "x" * (i % 7)) for i in range(1, 40)) + "\n",
    ]
    want = ["", "l", "3l", "$", "w", "2w", "e", "5|", "12|", "0", "^", "f ", "j$", "gE"]
    cmds = ["G", "gg", "3G", "2gg", "50%", "H", "M", "L", "<C-d>", "<C-u>", "<C-f>", "<C-b>", "dd", "2dd", "dj", "dk",
            "dG", "dgg", "d3G", "d+", "d-", "d_", ">>", "<<", ">j", "<k", "Vd", "Vjd", "Vkx", "VD", "vD", "vjX", "V>",
            "Vj<", "v>", "yy", "yj", "S<C-r>\"<Esc>", "ccnew<Esc>", "p", "P", "u", "<C-r>", "xu", "ddu", "ddu<C-r>",
            ":3<CR>", ":$<CR>", ":m0<CR>", ":m$<CR>", ":t.<CR>", ":2,3m0<CR>", ":1t$<CR>", ":undo<CR>", ":redo<CR>",
            ":d<CR>", ":2d<CR>", ":><CR>", ":s/e/E/<CR>", "j", "k", "+", "-", "dap", "dip", "yip", "d}", "d'a",
            "ma", "'a", "`a", "J", ":m+1<CR>", ":g/o/m0<CR>", "3dd", "d2j", "<C-v>jd", "Vjy", "Vj>", ":normal! G<CR>"]
    for _ in range(900):
        text = rng.choice(texts)
        keys = rng.choice(["", "", "j", "3j", "jj"]) + rng.choice(want) + ":set nosol<CR>"
        for _ in range(rng.randint(1, 5)):
            keys += rng.choice(want) + rng.choice(cmds)
        if rng.random() < 0.15:
            keys += ":set sol<CR>" + rng.choice(cmds)
        keys += rng.choice(["", "x", "ix<Esc>", "j", "rX", "aY<Esc>"])
        yield text, keys

def abbreviations(rng):
    """Insert-mode abbreviations (check_abbr()): `:iabbrev`, `:abbreviate`, `:inoreabbrev`,
    `:noreabbrev`, `:iunabbrev`, `:unabbreviate`, `:iabclear`, `:abclear`, `<buffer>`, E474 for
    invalid keys; full-id (`foo`), end-id (`#i`) and non-id (`def#`) abbreviations ended by a
    blank, punctuation, <Esc>, <CR>, <Tab>, <C-o>, <C-]>; words that started before the
    insert, after an arrow key, in Replace mode, with counts, `.`, macros, mappings in the
    replacement, and replacements that are abbreviations themselves."""
    defs = [":iab foo bar<CR>", ":iabbrev teh the<CR>", ":ab #i include<CR>", ":iab def# define<CR>", ":iab f#i value<CR>",
            ":inoreab xy hello world<CR>", ":iab q quit<CR>", ":iab bar foo<CR>", ":noreabbrev ab cd<CR>", ":iab <buffer> foo BUF<CR>",
            ":iab ## hash<CR>", ":iab a.b dotted<CR>", ":imap b B<CR>", ":inoremap ; X<CR>", ":iab 12 twelve<CR>",
            ":iab foo foo bar<CR>", ":iab x( call(<CR>", ":iab foo<C-v><Tab>x y<CR>", ":cab ww w<CR>", ":ca xx s/o/0/<CR>"]
    undefs = [":iuna foo<CR>", ":una #i<CR>", ":iabc<CR>", ":abclear<CR>", ":iunabbrev teh <CR>", ":iuna nothere<CR>"]
    words = ["foo", "teh", "#i", "def#", "f#i", "xy", "q", "bar", "ab", "##", "a.b", "12", "x(", "foofoo", "afoo", "Foo",
             "foo.", "x", "#", "de", "foo#"]
    enders = [" ", ".", ",", "<Esc>", "<CR>", "<Tab>", "<C-]>", "<C-o>l", "!", ")", "-", "<lt>", "'", "\"", "<C-]><C-]>", "é"]
    texts = ["hello world\n", "one\ntwo three\n", "foo bar\n  teh\n", "x\n", "\n"]
    starts = ["i", "a", "A", "I", "o", "O", "3i", "2A", "R", "cw", "S", "gi", "3o"]
    for _ in range(900):
        text = rng.choice(texts)
        keys = "".join(rng.choice(defs) for _ in range(rng.randint(1, 3)))
        if rng.random() < 0.2:
            keys += rng.choice(undefs)
        keys += rng.choice(["", "j", "w", "$"]) + rng.choice(starts)
        for _ in range(rng.randint(1, 4)):
            keys += rng.choice(["", "", " ", "z"]) + rng.choice(words) + rng.choice(enders)
            if rng.random() < 0.15:
                keys += rng.choice(["<Left>", "<BS>", "<C-w>", "<Right>"])
        keys += "<Esc>" + rng.choice(["", "", "j.", ".", "u", "x", "qaAfoo <Esc>q@a", "0", "ifoo<C-]><Esc>", ":xx<CR>", ":s/#i/X/<CR>",
                                      ":s/o/foo /<CR>", "/#i<CR>x", ":normal! Afoo <CR>", ":exe \"normal! Ax \"<CR>"])
        yield text, keys

def abbreviations_wide(rng):
    """Abbreviations among characters past 0xff: vim_iswordp() takes the Unicode class there
    (CJK, emoji and other letters are keyword characters, dashes, quotes and CJK punctuation
    are not), so the word before the cursor stops or goes on at them; a non-keyword character
    from 0x100 up ends an abbreviation (and goes back after it as it is), a keyword one does
    not; in Insert mode and on the command line."""
    defs = [":iab foo bar<CR>", ":iab teh the<CR>", ":ab #i include<CR>", ":iab é E<CR>", ":iab ab cd<CR>",
            ":inoreab xy hello world<CR>", ":iab q quit<CR>", ":cab ww w<CR>", ":ca xx s/o/0/<CR>", ":iab café CAFE<CR>"]
    words = ["foo", "teh", "#i", "ab", "xy", "q", "é", "café", "日foo", "foo日", "α", "αfoo", "😀foo", "—foo", "“foo", "foo—",
             "日", "。foo", "　foo", "ab日", "xé"]
    enders = [" ", ".", "—", "…", "”", "。", "　", "日", "😀", "α", "<Esc>", "<CR>", "<C-]>", "ж", "→", "€"]
    texts = ["hello wörld\n", "日本語 text\n", "naïve café\n", "x\n", "\n", "α β γ\n"]
    starts = ["i", "a", "A", "I", "o", "3i", "R", "cw", "S"]
    for _ in range(900):
        text = rng.choice(texts)
        keys = "".join(rng.choice(defs) for _ in range(rng.randint(1, 3)))
        if rng.random() < 0.2:
            keys += ":" + rng.choice(["xx", "ww", "s/日/x/"]) + rng.choice(["", "—", " ", "日"]) + "<CR>"
        keys += rng.choice(["", "j", "w", "$"]) + rng.choice(starts)
        for _ in range(rng.randint(1, 4)):
            keys += rng.choice(["", "", " ", "日", "é"]) + rng.choice(words) + rng.choice(enders)
            if rng.random() < 0.15:
                keys += rng.choice(["<Left>", "<BS>", "<C-w>"])
        keys += "<Esc>" + rng.choice(["", "", "j.", ".", "u", "x", "qaAfoo—<Esc>q@a", "0"])
        yield text, keys

def substitute_everywhere(rng):
    """`g&` (`:%s//~/&` run by do_cmdline_cmd()): the last search pattern (from `/`, `*`, `:s`
    or `:g`), the last replacement, the last `:s` flags (g, i, I, e, n, c with answers), with
    no previous pattern or replacement (E35 and E476: the hit-enter prompt that follows takes
    a key), counts, `.` and `u` after it, in macros and under `:normal`."""
    texts = ["foo bar foo\nbar foo\nbaz\n", "a.b a.b\nA.B\n", "one two\n\tone\nthree one one\n", "x\n", "\n",
             "café café\nnaïve\n"]
    subs = ["", ":s/foo/X/<CR>", ":s/o/0/g<CR>", ":s/one/1/gi<CR>", ":s/a/[&]/<CR>", ":s/b/~/g<CR>", ":%s/x/y/e<CR>",
            ":s/o/O/n<CR>", ":s/foo/Q/gc<CR>yn", ":s/é/e/g<CR>", ":s/\\./-/g<CR>", ":s/zzz/q/<CR>", ":s/A/b/I<CR>",
            ":&&<CR>", ":s/o/&&/<CR>"]
    searches = ["", "/bar<CR>", "/o<CR>", "*", "#", "/zzz<CR>", ":g/one/s/e/E/<CR>", "?a<CR>", "/\\<foo\\><CR>"]
    afters = ["", "", "x", "j", "u", "u<C-r>", ".", "ix<Esc>", ":<CR>", "<CR>", "dd", "@:", "n", "&", "g&", "ZZ"]
    for _ in range(900):
        text = rng.choice(texts)
        keys = rng.choice(["", "j", "G", "$", "w"]) + rng.choice(subs) + rng.choice(searches)
        if rng.random() < 0.3:
            keys += rng.choice(subs)
        form = rng.random()
        if form < 0.6:
            keys += rng.choice(["", "", "3", "j"]) + "g&"
        elif form < 0.75:
            keys += "qag&jq@a"
        elif form < 0.85:
            keys += ":normal g&<CR>"
        else:
            keys += "g&" + rng.choice(["g&", "jg&", "ug&"])
        keys += rng.choice(afters) + rng.choice(afters)
        yield text, keys

def listings(rng):
    """The listings `:jumps`, `:marks`, `:registers`/`:display`, `:changes`, `:ls`/`:buffers`/
    `:files`: a typed line always ends at the hit-enter prompt, which takes `<CR>`, `<Space>`
    or `<NL>` and hands any other key on as a command; `:jumps` first cleans up the jump list
    (as `<C-o>` does), so `<C-o>` after it goes where Vim's goes."""
    texts = ["one\ntwo\nthree\nfour\nfive\n", "a b c\n\nd e\n", "x\n", "\n", "foo(bar)\n  baz\nqux\n"]
    before = ["", "G", "gg", "Ggg", "3G", "/o<CR>", "jjma", "yy", "yyp", "\"ayw", "ix<Esc>", "G:1<CR>:3<CR>:1<CR>", "*", "dd",
              "Gggjj", ":s/o/0/<CR>", "qaxq", "mamb"]
    lists = [":ju<CR>", ":jumps<CR>", ":marks<CR>", ":marks a<CR>", ":reg<CR>", ":reg a<CR>", ":di<CR>", ":display \"<CR>",
             ":ls<CR>", ":ls!<CR>", ":files<CR>", ":buffers<CR>", ":changes<CR>", ":ju|ju<CR>", ":reg|s/o/O/<CR>",
             ":ju x<CR>", ":marks<CR>:ju<CR>"]
    at_prompt = ["", "<CR>", " ", "<NL>", "x", "j", "k", ":<CR>", ":s/e/E/<CR>", "<Esc>", "dd", "u", "<C-o>", "<Tab>", "ix<Esc>",
                 "q", "G", "p", "/e<CR>"]
    for _ in range(900):
        text = rng.choice(texts)
        keys = rng.choice(before) + rng.choice(before) + rng.choice(lists) + rng.choice(at_prompt)
        keys += rng.choice(["", "", "x", "<C-o>x", "<C-o><C-o>x", "u", "j.", "@:"])
        yield text, keys

def replayed_with(prefixes, files, every):
    """Programs of recorded matrices typed again after a setting (`:set nosol`, abbreviations):
    the matrices' breadth over a state they were not written for."""
    def make(rng):
        for f in files:
            with open(os.path.join(os.path.dirname(__file__), "..", "tests", "data", f + ".jsonl")) as fh:
                for i, line in enumerate(fh):
                    if i % every:
                        continue
                    r = json.loads(line)
                    yield r["source"], prefixes[i % len(prefixes)] + r["keys"]
    return make


nostartofline_replayed = replayed_with(
    [":set nosol<CR>"],
    ["operator_motion_matrix", "visual_matrix", "ex_matrix", "undo_redo_matrix", "dot_repeat_matrix", "visual_broad_matrix",
     "page_scroll_matrix", "screen_lines_matrix"], 3)
abbreviations_replayed = replayed_with(
    [":iab x y<CR>", ":iab a bcd<CR>", ":iab hello HI<CR>", ":ab . dot<CR>", ":inoreab b a<CR>"],
    ["insert_matrix", "dot_repeat_matrix", "registers_matrix", "insert_undo_break_matrix", "ctrl_o_delete_matrix",
     "mappings_matrix", "insert_word_moves_matrix"], 2)


def changed_marks(rng):
    """`'[` and `']` after yanks, deletes, puts, inserts, changes, joins, shifts and case
    operators (charwise, linewise, Visual, counted, repeated by `.`, backwards, with
    multibyte text), then a jump to one of them and an edit that shows where it landed; the
    programs that end right after the change have their marks compared by `diff --state`."""
    texts = ["one two three\nfour five six\n  seven eight\n\nnine (ten) eleven\ntwelve\n",
             "café naïve über\n日本語 text mixed\n  ëa ße\n\tx y z\nend.\n",
             "a\nbb\n\nccc dd\ne\n",
             "fn f(a, b) {\n    let x = \"s\";\n    x + 2\n}\n",
             "x\n"]
    setups = ["", "w", "j$", "jjw", "G", "3G$b", "jl"]
    changes = ["yy", "yw", "y$", "yiw", "y2j", "yk", "ye", "yb", "y0", "yG", "ygg", "y}", "yl", "y%", "3yy", "\"ayy",
               "\"_yy", "yi(", "ya\"", "yh", "vey", "vjy", "Vy", "Vjy", "v$y", "vy", "vhy", "vky", "Vky", "y/e<CR>",
               "x", "X", "3x", "dw", "dd", "2dd", "D", "d$", "dj", "dk", "diw", "daw", "d}", "dG", "dgg", "\"_dd", "d0",
               "db", "dh", "vd", "Vd", "vjd", "d/e<CR>", "dvj", "dVw", "5x", "d2w", "cw", "dl",
               "p", "P", "3p", "gp", "gP", "yyp", "yyP", "yiwP", "yiw$p", "\"ayyj\"ap", "xp", "ddp", "yy3p", "yiwgp",
               "y2jGp", "yjgP", "vjyp", "v$y$p", "yi(p", "dwP", "y0$p", "ylp", "ylP",
               "cwfoo<Esc>", "ciwX<Esc>", "ccnew<Esc>", "Cend<Esc>", "sZ<Esc>", "Sline<Esc>", "c$<Esc>",
               "ifoo<Esc>", "afoo<Esc>", "Afoo<Esc>", "Ifoo<Esc>", "ofoo<Esc>", "Ofoo<Esc>", "i<Esc>", "a<Esc>",
               "A<Esc>", "o<Esc>", "3ifoo<Esc>", "Rxy<Esc>", "Rxyzwvutsrq<Esc>", "ié<Esc>", "aé日<Esc>",
               "ifoo<BS><Esc>", "ifoo<CR>bar<Esc>", "ci(z<Esc>", "vec<Esc>", "Vcnew<Esc>", "i<Tab>x<Esc>",
               "A<CR><Esc>", "o<CR>x<CR><Esc>", "ia<BS><BS>b<Esc>", "ifoo bar<C-w><Esc>", "Afoo<C-u>x<Esc>",
               "i<Del><Del>x<Esc>", "a<C-v>u<Esc>", "Rab<BS>c<Esc>", "R<CR>x<Esc>", "3ix<CR><Esc>", "cwa<CR>b<Esc>",
               "ix<C-o>l<Esc>", "ix<Left>y<Esc>", "ix<C-r>\"<Esc>",
               "J", "3J", "gJ", "VjJ", "Vjj<Esc>J", ">>", "<<", ">j", "3>>", ">ip", "Vj>", "<k", "~", "g~w", "guu",
               "gUiw", "g~~", "vU", "Vu", "gUe", "g~$", "gu0", "gUk", "3g~l", "g?w", "v~",
               "r_", "<C-a>", "u", "yyu", "ma", "ddu", "ifoo<Esc>u", "q", "qaxq", "ddj.", "3rx", "ré", "r<CR>", "5~", "~",
               "$~", "20~", "3r日"]
    uses = ["'[ix<Esc>", "`[ix<Esc>", "']ix<Esc>", "`]ix<Esc>", "d'[", "d`]", "y`]P", "'[", "`]", "`[", "']",
            "j`[ix<Esc>", "G']ix<Esc>", ""]
    for t in texts:
        for setup in setups:
            for change in changes:
                for use in rng.sample(uses, 2):
                    yield t, setup + change + use
    # Two changes in a row, and `.` after one: only the last counts.
    for _ in range(1500):
        first, second = rng.choice(changes), rng.choice(changes + ["."] * 10)
        yield rng.choice(texts), rng.choice(setups) + first + rng.choice(["", "j", "w", "G"]) + second + rng.choice(uses)


def change_list(rng):
    """`'.` and the change list: one to four changes (those whose position the engine follows
    and others), with moves, undo syncs (a typed key), macros and `.` between them, then `'.`,
    `` `. ``, `g;`, `g,` (counts, past either end), `:changes`, an operator to `'.`, or nothing
    (`diff --state` compares `'.`); then an edit that shows where the cursor landed. Texts with
    a line longer than 79 columns (a change that far along a line is a new entry), multibyte
    characters, tabs, empty lines and a file of 120 lines for more than 100 entries."""
    long_line = "word " * 24 + "end"
    texts = ["one two three\nfour five six\n  seven eight\n\nnine (ten) eleven\ntwelve\n",
             long_line + "\nshort\n" + long_line + "\n",
             "café naïve über\n日本語 text mixed\n\tx y z\nend.\n",
             "a\nbb\n\nccc dd\ne\n",
             "x\n", ""]
    moves = ["", "j", "k", "w", "G", "gg", "$", "0", "3|", "80|", "2j", "jj$", "e"]
    changes = ["x", "X", "3x", "dw", "dd", "2dd", "D", "dj", "dk", "d}", "dG", "daw", "d2w", "de", "d/e<CR>", "db",
               "cwfoo<Esc>", "ccnew<Esc>", "Cend<Esc>", "sZ<Esc>", "S<Esc>", "c2wx<Esc>", "cjx<Esc>",
               "ifoo<Esc>", "afoo bar<Esc>", "Afoo<Esc>", "Ifoo<Esc>", "ofoo<Esc>", "Ofoo<Esc>", "o<Esc>",
               "3ifoo<Esc>", "3ix<CR><Esc>", "ifoo<CR>bar<Esc>", "A<CR><Esc>", "Rxy<Esc>", "Rab<CR>c<Esc>",
               "i0a<Esc>", "ia^b<Esc>", "ia.b c<Esc>", "i<Tab>x<Esc>", "ié<Esc>", "ix<C-v>yz<Esc>", "ix<BS>y<Esc>",
               "ix<Left>y<Esc>", "i<C-r>\"<Esc>", "ia<C-o>lb<Esc>",
               "p", "P", "yyp", "yyP", "3p", "yiwP", "yiw$p", "gp", "y2jGp", "xp", "ddp", "yy3p",
               "J", "3J", "gJ", "VjJ", ">>", "<<", "3>>", ">j", "Vj>", "~", "3~", "20~", "g~w", "gUU", "vU",
               "r_", "3rx", "ré", "r<CR>", "<C-a>", "u", "<C-r>", "U", "ddu", ":s/o/0/<CR>", ":2d<CR>", ":m0<CR>",
               ":j<CR>", ":t.<CR>", "vd", "Vd", "<C-v>jd", "<C-v>jIx<Esc>", "qaxjq", "qaxjq@a", "x.", "dd.", "ifoo<Esc>j."]
    uses = ["'.", "`.", "g;", "g,", "g;g;", "g;g,", "2g;", "3g;", "g;g;g;", "g,g;", "99g;", "2g,", "g;g;g,g,",
            "d'.", "y`.P", "c`.X<Esc>", ":changes<CR>", ":'.d<CR>", "", "g;x", "g,x", "'.x"]
    after = ["", "ix<Esc>", "x"]
    # Each program types its keys, so every command is its own undo step unless a macro or a
    # count joins them.
    for t in texts:
        for change in changes:
            for use in rng.sample(uses, 3):
                yield t, rng.choice(moves) + change + use + rng.choice(after)
    for _ in range(6000):
        n = rng.choice([2, 2, 3, 4])
        keys = "".join(rng.choice(moves) + rng.choice(changes) for _ in range(n))
        yield rng.choice(texts), keys + rng.choice(uses) + rng.choice(after)
    # More than 100 entries, and entries whose lines go.
    many = "".join("line %d\n" % i for i in range(120))
    for n in [99, 100, 101, 105]:
        for use in ["g;", "99g;", "100g;", "101g;", "99g;g;", "100g;g,", ":changes<CR>", "'.", "ggdGg;", "5Gd5jg;g;"]:
            yield many, "xj" * n + use + "ix<Esc>"
    # Undo of one change or several (a count, `u` after `u`), then the reports to read.
    undoable = ["x", "dd", "2dd", "dw", "J", "3J", "p", "P", "yyp", "ofoo<Esc>", "Ofoo<Esc>", "ifoo<CR>bar<Esc>",
                "Afoo<Esc>", "ccx<Esc>", ">>", "3~", "gUU", "r_", "3rx", "Gdd", "ggdG", "de", "d2w", "ix<BS>y<Esc>",
                "<C-v>jd", "<C-v>jIx<Esc>", "qaxjxq", "x.", "ifoo<Esc>j.", ":2d<CR>", ":s/o/0/<CR>", "<C-a>", "o<Esc>"]
    undo_then = ["u", "uu", "2u", "u<C-r>", "uj", "3u", "ujx"]
    for t in texts[:5]:
        for change in undoable:
            for then in rng.sample(undo_then, 3):
                yield t, rng.choice(moves) + change + rng.choice(moves) + then + rng.choice(uses) + rng.choice(after)
    # Backspaces and <Del> while typing, and block deletes.
    typed = ["ifoo<BS><BS>x<Esc>", "Afoo bar<C-w>x<Esc>", "Afoo<C-u>x<Esc>", "ifoo<Del><Del><Esc>", "A日本<BS>x<Esc>",
             "ia b<C-w><C-w>c<Esc>", "<C-v>jd", "<C-v>jld", "<C-v>j$d", "<C-v>2jlx", "l<C-v>jjd", "<C-v>jc<Esc>",
             "<C-v>jIx<Esc>", "<C-v>jjAab<Esc>", "<C-v>j$Ax<Esc>", "<C-v>jcX<Esc>", "<C-v>Ix<Esc>", "<C-v>jI<Esc>",
             "3|<C-v>jjIx<Esc>", "$<C-v>jAy<Esc>", "<C-v>jlcab<Esc>", "<C-v>cz<Esc>", "<C-v>jIx<Esc>j."]
    for t in texts[:5]:
        for keys in typed:
            for use in rng.sample(uses, 4):
                yield t, rng.choice(moves) + keys + use + rng.choice(after)
    # Ex commands: :s (with line breaks, counts, inside :g), :d, :m, :t, :>, :j, :normal.
    ex = [":%s/o/0/g<CR>", ":2,3s/e/E/<CR>", ":s/$/;/<CR>", ":%s/ /\\r/<CR>", ":%s/o/0/gn<CR>", ":%s/x\\n//<CR>",
          ":g/e/s//E/<CR>", ":g/o/d<CR>", ":v/e/d<CR>", ":g/^/m0<CR>", ":2,3d<CR>", ":$d<CR>", ":%d<CR>", ":2m$<CR>",
          ":$m0<CR>", ":1,2m3<CR>", ":3m1<CR>", ":1t$<CR>", ":2,3t0<CR>", ":t.<CR>", ":2,3><CR>", ":%<<CR>", ":2,4j<CR>",
          ":j!<CR>", ":%norm Ax<CR>", ":2norm dd<CR>", ":g/e/norm x<CR>", ":2,3co1<CR>", ":s/x/y/c<CR>y", ":%s/e/E/gc<CR>yn"]
    for t in texts[:5]:
        for keys in ex:
            for use in rng.sample(uses, 4):
                yield t, rng.choice(moves + ["x", "dd", "ifoo<Esc>"]) + keys + use + rng.choice(after)
    # <C-a> and <C-x> (reports at the number's columns, then column 0) on numbers near the
    # start and past column 79, and :marks with `.`.
    numbers = ["a 1 b -5 0x1f 007 0b101\nx 99 y\n", "word " * 17 + "42 end 7\n" + "9 " * 45 + "\n", "-1\n10\n"]
    counted = ["<C-a>", "5<C-a>", "<C-x>", "12<C-x>", "w<C-a>", "3w<C-a>", "$<C-a>", "95|<C-a>", "j<C-a>", "$<C-x>"]
    for t in numbers:
        for first in ["", "x", "$x", "80|x", "j$x", "dd", "ifoo<Esc>", "<C-a>"]:
            for keys in counted:
                for use in rng.sample(uses + [":marks .<CR>", ":marks a.<CR>"], 3):
                    yield t, first + keys + use + rng.choice(after)
    # Changes far apart on one long line, with 'textwidth' set.
    for setup in ["", ":set tw=20<CR>", ":set tw=100<CR>"]:
        for keys in ["x80|xg;g;", "x40|xg;g;", "80|x0xg;g;g,", "x$xg;", "ifoo<Esc>$afoo<Esc>g;g;", "x21|xg;g;", "x22|xg;g;"]:
            yield long_line + "\n" + long_line + "\n", setup + keys + "ix<Esc>"


def kept_messages(rng):
    """Ex command lines whose messages may raise the hit-enter prompt: a message Vim keeps
    (`:>`/`:<` "N lines >ed", `:s` "N substitutions", `:s///n`, `:undo`) silences a later
    "N more/fewer lines" (`msgmore()`: `:d`, `:t`, `:co`, `:put`, `:sort u`, `:g/pat/d`) in the
    same line; then keys the prompt would take or pass on (`u`, `k`, `j`, `x`, `<CR>`, `:`), and
    `U` after `:m`/`:t`, which leave it nothing to put back (ex_copymove())."""
    texts = ["def f(x):\n\treturn x + 1\n\ndef g(y):\n    return y * 2\nend\n",
             "a\nb\na\nb\na\nc\nc\nd\n",
             "one two\nthree four\nfive six\nseven eight\nnine ten\n"]
    kept = ["1,$>", "1,$<", "%>", "2,5>", "%s/e/E/g", "%s/o/0/", "%s/e//gn", "s/e/X/", "1,3>", ">", "undo", "g/e/s//E/"]
    more = ["2,4d", "2,5d", "1,3d", "d", "2,4t0", "1,3t$", "1,4co2", "$put", "1,4sort", "%sort u", "g/a/d", "2,4m0",
            "3,5j", "1,3y", "2d", "4,6d"]
    after = ["u", "k", "j", "x", "ix<Esc>", "<CR>x", " x", ":s/^/#/<CR>", "U", "uix<Esc>", "u<C-r>ix<Esc>", "Ux", "p", "gg"]
    setups = ["", "j", "G", "yy", "3yy", "ggyj", "x"]
    for t in texts:
        for first in kept + more:
            for second in kept + more:
                for end in rng.sample(after, 2):
                    yield t, rng.choice(setups) + ":" + first + "|" + second + "<CR>" + end
    # Separate command lines, and U after lines moved or copied.
    for t in texts:
        for cmd in ["m0", "2m0", "3m1", "m$", "1,2m$", "t0", "2t.", "1,2t$", "co0", "m.", "2m1", "1,3m4"]:
            for setup in ["x", "jx", "jjx", "Gx", "", "j~", "jjdw"]:
                for end in ["U", "Ux", "uU", "uUx", "Uu", "UU"]:
                    yield t, setup + ":" + cmd + "<CR>" + end


def file_marks(rng):
    """The file marks `A`-`Z` set (`m`, `:k`, `:mark`) and used (`'`, `` ` ``, under operators,
    in ex ranges, `:marks`) in the one file: they follow inserted and deleted lines as `a`-`z`
    do, but deleting their line keeps them on the first deleted line (`one_adjust_nodel()`),
    where `'a` is gone."""
    texts = ["one\ntwo\nthree\nfour\nfive\nsix\n",
             "  alpha beta\n\tgamma\n    delta epsilon\n\nzeta eta theta\niota\n",
             "café naïve\n  日本語 text\n\tx y z\nend.\n"]
    setups = ["mA", "jjmA", "jj$mA", "GmA", "jjwmAggmB", "mAjjmB", "jjmajjmA", "jjmAma", ":3k B<CR>", ":2mark Z<CR>",
              "jjwmA", "GmAggmA"]
    edits = ["", "ggO<Esc>", "jjo<Esc>", "ggdd", "jjdd", "jj2dd", "Gdd", "ggdG", "ggJ", "jjJ", "ggyyp", "jjddp",
             ":2d<CR>", ":1,3d<CR>", ":3m0<CR>", ":2t$<CR>", "jjcc<Esc>", "ggd2j", "Gdk", ":g/e/d<CR>", "jjx",
             "ggwd2w", "u", "jjddu"]
    uses = ["'Aix<Esc>", "`Aix<Esc>", "'Bix<Esc>", "`Bix<Esc>", "d'A", "y`AP", ":'A,'Bd<CR>", ":'Ad<CR>",
            "'aix<Esc>", "gg`Ar#", "'Zix<Esc>", "c`Az<Esc>", ":marks<CR>", ":marks A<CR>", "d`B", ""]
    yield from crossed(rng, texts, setups, edits, uses, 3)


MATRICES = {
    "undo_identical_lines": (undo_identical_lines, 0),
    "undo_redo_matrix": (undo_redo, 5),
    "normal_matrix": (normal_commands, 11),
    "registers_matrix": (registers, 21),
    "insert_matrix": (insert_keys, 31),
    "dot_repeat_matrix": (dot_repeat, 51),
    "operator_motion_matrix": (operator_motions, 61),
    "increment_join_matrix": (increment_and_join, 71),
    "prose_motion_matrix": (prose_motions, 81),
    "search_matrix": (searches, 91),
    "visual_matrix": (visual, 101),
    "ex_matrix": (ex, 101),
    "ex_more_matrix": (ex_more, 4242),
    "ex_programs": (ex_programs, 31337),
    "ex_fuzz": (ex_fuzz, 0),
    "search_regex_matrix": (search_regex_matrix, 131),
    "search_random": (search_random, 5),
    "search_pattern_items": (search_pattern_items, 1313),
    "cross_visual_ex_search": (cross_visual_ex_search, 2026),
    "marks_in_shortened_lines": (marks_in_shortened_lines, 0),
    "reseeded": (reseeded, 0),
    "reseeded_more": (reseeded_more, 0),
    "marks_follow_edits_matrix": (marks_follow_edits, 1205),
    "curswant_after_failed_motions_matrix": (curswant_after_failed_motions, 1205),
    "brackets_matrix": (brackets, 1205),
    "marks_after_many_moves_matrix": (marks_after_many_moves, 0),
    "block_ops_on_empty_lines_matrix": (block_ops_on_empty_lines, 1205),
    "ex_wide_matrix": (ex_wide, 1505),
    "ex_wide_check": (ex_wide, 99),
    "visual_broad_matrix": (visual_broad, 1414),
    "case_mapping_matrix": (case_mapping, 1205),
    "window_commands_matrix": (window_commands, 1205),
    "last_insert_typed_again_matrix": (last_insert_typed_again, 1205),
    "visual_put_empty_matrix": (visual_put_empty, 1206),
    "block_shift_matrix": (block_shift, 1207),
    "ex_cmdline_register_matrix": (ex_cmdline_register, 1206),
    "ex_address_searches_matrix": (ex_address_searches, 1206),
    "ex_print_flags_matrix": (ex_print_flags, 1206),
    "ex_retab_matrix": (ex_retab, 1206),
    "insert_nothing_inserted_yet_matrix": (insert_nothing_inserted_yet, 1206),
    "ex_let_register_matrix": (ex_let_register, 1206),
    "visual_lines_insert_matrix": (visual_lines_insert, 1208),
    "visual_count_reselect_matrix": (visual_count_reselect, 1209),
    "ex_undo_entries_matrix": (ex_undo_entries, 1206),
    "visual_colon_matrix": (visual_colon, 1206),
    "stuffed_as_typed_matrix": (stuffed_as_typed, 1206),
    "ex_sort_options_matrix": (ex_sort_options, 1206),
    "normal_shift_undo_matrix": (normal_shift_undo, 48),
    "ex_address_errors_matrix": (ex_address_errors, 1206),
    "jump_list_matrix": (jump_list, 1206),
    "cmdline_ctrl_r_under_cursor_matrix": (cmdline_ctrl_r_under_cursor, 1206),
    "forced_motions_matrix": (forced_motions, 1206),
    "visual_increment_matrix": (visual_increment, 1206),
    "gn_visual_matrix": (gn_visual, 1206),
    "visual_put_block_matrix": (visual_put_block, 1206),
    "word_count_message_matrix": (word_count_message, 1206),
    "insert_copy_above_below_matrix": (insert_copy_above_below, 1206),
    "put_fix_indent_matrix": (put_fix_indent, 1206),
    "incsearch_matrix": (incsearch, 1206),
    "insert_shift_matrix": (insert_shift, 1206),
    "visual_gp_matrix": (visual_gp, 1206),
    "select_mode_matrix": (select_mode, 1207),
    "next_marks_matrix": (next_marks, 1207),
    "g_not_a_command_matrix": (g_not_a_command, 1207),
    "substitute_confirm_matrix": (substitute_confirm, 1207),
    "screen_lines_matrix": (screen_lines, 1207),
    "wide_symbols_matrix": (wide_symbols, 1207),
    "insert_undo_break_matrix": (insert_undo_break, 1207),
    "character_info_matrix": (character_info, 1208),
    "mappings_matrix": (mappings, 1208),
    "insert_word_moves_matrix": (insert_word_moves, 1208),
    "set_visual_marks_matrix": (set_visual_marks, 1208),
    "page_scroll_matrix": (page_scroll, 1208),
    "not_a_command_keys_matrix": (not_a_command_keys, 1208),
    "quiet_ex_commands_matrix": (quiet_ex_commands, 1208),
    "spell_brackets_matrix": (spell_brackets, 1208),
    "whichwrap_matrix": (whichwrap, 1209),
    "block_redo_matrix": (block_redo, 1209),
    "digraphs_matrix": (digraphs, 1209),
    "ctrl_o_delete_matrix": (ctrl_o_delete, 1209),
    "format_lines_matrix": (format_lines, 1210),
    "textwidth_matrix": (textwidth, 1210),
    "undo_line_matrix": (undo_line, 1210),
    "cmdline_paste_controls_matrix": (cmdline_paste_controls, 1210),
    "execute_strings_matrix": (execute_strings, 1211),
    "nostartofline_matrix": (nostartofline, 1211),
    "abbreviations_matrix": (abbreviations, 1211),
    "abbreviations_wide_matrix": (abbreviations_wide, 1212),
    "substitute_everywhere_matrix": (substitute_everywhere, 1212),
    "listings_matrix": (listings, 1212),
    "changed_marks_matrix": (changed_marks, 1213),
    "kept_messages_matrix": (kept_messages, 1213),
    "file_marks_matrix": (file_marks, 1213),
    "change_list_matrix": (change_list, 1214),
    "nostartofline_replayed": (nostartofline_replayed, 0),
    "abbreviations_replayed": (abbreviations_replayed, 0),
}

if __name__ == "__main__":
    if len(sys.argv) != 2 or sys.argv[1] not in MATRICES:
        sys.exit("usage: matrices.py {" + ",".join(MATRICES) + "}")
    make, seed = MATRICES[sys.argv[1]]
    cases = sorted(set(make(random.Random(seed))))
    for source, keys in cases:
        print(json.dumps({"source": source, "keys": keys}))
