// Extracts (source, keys) programs from codemirror-vim's test/vim_test.js into vimdata cases.
//
//     node scripts/import_codemirror_vim.mjs VIM_TEST_JS OUT.jsonl
//
// The test file is a function `vimTests(CodeMirror, test)` whose tests drive a real CodeMirror.
// Here every test runs against a recording stand-in instead: the editor's initial `value`, the
// cursor set before the first key, and every key typed are recorded; assertions are turned
// off (real Vim is the judge, not codemirror-vim's expectations). A test that calls anything
// that would change the editor some other way (options, mappings, direct text edits, folds,
// a cursor set between keys) is dropped. Keys are rewritten into Vim notation; the starting
// cursor becomes the `{L}j0{C}l` prefix as in scripts/import_foreign.py.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";

const [input, output] = process.argv.slice(2);
let source = fs.readFileSync(input, "utf8");
// Assertions become no-ops; the harness's DOM key typist becomes our recorder.
source = source
  .replace(/function eqCursorPos\(a, b\) \{/, "function eqCursorPos(a, b) { return;")
  .replace(/function eq\(a, b, _reason\) \{/, "function eq(a, b, _reason) { return;")
  .replace(/function is\(a\) \{/, "function is(a) { return;")
  .replace(/var typeKey = function\(\) \{/, "var typeKey = globalThis.recordKey; var unusedTypist = function() {");
const tmp = path.join(os.tmpdir(), "codemirror_vim_test_" + process.pid + ".mjs");
fs.writeFileSync(tmp, source);

// Key names of the test typist -> Vim notation.
const NAMED = {
  Esc: "<Esc>", Escape: "<Esc>", Return: "<CR>", Enter: "<CR>", "\n": "<CR>", Backspace: "<BS>",
  Tab: "<Tab>", "\t": "<Tab>", Delete: "<Del>", Del: "<Del>", Left: "<Left>", Right: "<Right>",
  Up: "<Up>", Down: "<Down>", ArrowLeft: "<Left>", ArrowRight: "<Right>", ArrowUp: "<Up>",
  ArrowDown: "<Down>", Home: "<Home>", End: "<End>", PageUp: "<PageUp>", PageDown: "<PageDown>",
  Insert: "<Insert>", Ins: "<Insert>", Space: " ", "<": "<lt>",
};
function vimKey(key) {
  if (NAMED[key]) return NAMED[key];
  if ([...key].length === 1) return key;
  const ctrl = /^(Ctrl|Control)-(.)$/.exec(key);
  if (ctrl && /[A-Za-z[\]\\^_@]/.test(ctrl[2])) return "<C-" + ctrl[2] + ">";
  const shift = /^Shift-(.)$/.exec(key);
  if (shift && /[a-z]/.test(shift[1])) return shift[1].toUpperCase();
  if (/^[A-Za-z]+$/.test(key) && !/-/.test(key)) return null; // a key name we do not map
  if (/-/.test(key) && key.length > 1) return null; // other modifier combinations
  return [...key].map((c) => NAMED[c] || c).join(""); // typed as separate characters
}

let current = null;
globalThis.recordKey = (...keys) => {
  for (const k of keys.flat()) {
    const v = vimKey(k);
    if (v === null) current.bad = "key " + k;
    else current.keys.push(v);
  }
};
globalThis.document = {
  getElementById: () => ({ style: {} }),
  activeElement: null,
};
globalThis.window = { verbose: true };

const passive = new Set(["focus", "getCursor", "getValue", "getLine", "lineCount", "getInputField",
  "getWrapperElement", "listSelections", "getSelection", "firstLine", "lastLine", "getOption",
  "posFromIndex", "indexFromPos", "refresh", "getScrollInfo", "getRange", "somethingSelected",
  "getSelections", "charCoords", "cursorCoords", "getMode", "getTokenTypeAt", "defaultTextHeight"]);
function makeEditor(opts) {
  const state = {};
  const target = {
    state,
    setCursor(line, ch) {
      if (current.keys.length) current.bad = "setCursor after keys";
      current.cursor = typeof line === "object" ? line : { line, ch };
    },
    setValue(v) {
      if (current.keys.length) current.bad = "setValue after keys";
      current.value = v;
    },
  };
  return new Proxy(target, {
    get(t, name) {
      if (name in t) return t[name];
      if (typeof name !== "string") return undefined;
      if (name === "getCursor" || name === "posFromIndex") return () => ({ line: 0, ch: 0 });
      if (passive.has(name)) {
        return () => ({ remove() {}, querySelector: () => null, textContent: "", line: 0, ch: 0 });
      }
      return () => { current.bad = current.bad || "cm." + name; return { line: 0, ch: 0 }; };
    },
  });
}
function CodeMirror(place, opts) {
  current.value = opts.value;
  current.bad = current.bad || (Object.keys(opts).some((k) =>
    !["lineNumbers", "vimMode", "showCursorWhenSelecting", "value"].includes(k)) ? "options" : null);
  return makeEditor(opts);
}
CodeMirror.Pos = function Pos(line, ch) { return { line, ch }; };
CodeMirror.version = "6.0.0";
CodeMirror.commands = {};
const passiveVim = new Set(["maybeInitVimState_", "mapclear", "langmap", "resetVimGlobalState_",
  "suppressErrorLogging", "getRegisterController"]);
CodeMirror.Vim = new Proxy({}, {
  get(_, name) {
    if (passiveVim.has(name)) return () => ({});
    return () => { if (current) current.bad = current.bad || "Vim." + String(name); return {}; };
  },
  set() { return true; },
});

const tests = [];
const { vimTests } = await import(pathToFileURL(tmp).href);
vimTests(CodeMirror, (name, fn) => tests.push({ name, fn }));
fs.unlinkSync(tmp);

const seen = new Set();
const lines = [];
const dropped = {};
for (const t of tests) {
  current = { name: t.name, value: "", cursor: { line: 0, ch: 0 }, keys: [], bad: null };
  try {
    await t.fn();
  } catch (e) {
    current.bad = current.bad || "threw";
  }
  if (current.bad || !current.keys.length) {
    const why = current.bad ? current.bad.split(" ")[0] : "no keys";
    dropped[why] = (dropped[why] || 0) + 1;
    continue;
  }
  const text = current.value.endsWith("\n") ? current.value.slice(0, -1) : current.value;
  const textLines = text.split("\n");
  const { line, ch } = current.cursor;
  if (line >= textLines.length || textLines.some((l) => l.includes("\0"))) {
    dropped.cursor = (dropped.cursor || 0) + 1;
    continue;
  }
  const col = Math.min([...textLines[line].slice(0, ch)].length, Math.max([...textLines[line]].length - 1, 0));
  const prefix = (line ? line + "j" : "") + "0" + (col ? col + "l" : "");
  const record = { source: text + "\n", keys: prefix + current.keys.join(""), origin: "test/vim_test.js " + t.name };
  const id = record.source + "\u0000" + record.keys;
  if (seen.has(id)) continue;
  seen.add(id);
  lines.push(JSON.stringify(record));
}
fs.writeFileSync(output, lines.map((l) => l + "\n").join(""));
console.error(`${output}: ${lines.length} programs kept of ${tests.length} tests, dropped: ${JSON.stringify(dropped)}`);
