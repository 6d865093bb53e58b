//! The files one Vim run needs (the source file, the key file, the `--cmd` harness) and the
//! state read-back: what the harness types after the program's own keys to dump Vim's cursor,
//! mode, registers and marks.

use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};

/// What the harness types after the program: `<Esc><C-\><C-N>:wq<CR>`.
pub(crate) const EPILOGUE: &[u8] = b"\x1b\x1c\x0e:wq\r";

/// `<Cmd>call VimdataState()<CR>`: runs the dump without leaving the current mode. `<Cmd>` is
/// `K_SPECIAL KS_EXTRA KE_COMMAND` (keymap.h).
const DUMP_KEYS: &[u8] = b"\x80\xfd\x67call VimdataState()\r";

/// The file Vim edits, relative to the record's directory (Vim's working directory).
pub(crate) const FILE_NAME: &str = "file.txt";
const KEY_FILE: &str = "keys";
pub(crate) const HARNESS_FILE: &str = "harness.vim";
const STATE_FILE: &str = "state.json";

/// Which harness to run.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RunMode {
    /// `test_override('ui_delay', 1)`: Vim's one-second "let the user read the message" sleeps
    /// take 1 ms. Changes no bytes (checked on thousands of records, see docs/oracle.md).
    pub skip_sleeps: bool,
    /// Also capture the final state (a second Vim run with the dump typed after the program).
    pub state: bool,
    /// Fork the record's Vim from a started one (where a fork server is available).
    pub fork_server: bool,
}

/// Vim's state after the program's own keys (before the harness's closing keys), read by Vim
/// itself (`getcurpos()`, `mode(1)`, `getreg()`, `getmarklist()`).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct VimState {
    /// The cursor: 0-based line and 0-based byte column.
    pub cursor: StatePos,
    /// `mode(1)`: `n`, `i`, `R`, `v`, `V`, `^V` (as the byte 0x16), `c`, `no`, `niI` ...
    pub mode: String,
    /// Every non-empty register among `"0-9a-z-.:/`, by name.
    pub registers: BTreeMap<String, StateRegister>,
    /// Every set mark of the buffer (`a`-`z`, `'`, `"`, `[`, `]`, `<`, `>`, `^`, `.`) and the
    /// global ones (`A`-`Z`), by name.
    pub marks: BTreeMap<String, StatePos>,
}

/// A position in [`VimState`]: 0-based line, 0-based byte column (Vim's `MAXCOL` stays large).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct StatePos {
    pub line: i64,
    pub col: i64,
}

/// A register in [`VimState`].
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct StateRegister {
    /// `getreg()`: lines joined by `\n`, a linewise register ends in `\n`.
    pub text: String,
    /// `getregtype()`: `v` (charwise), `V` (linewise) or `^V{width}` (blockwise, 0x16 first).
    pub kind: String,
}

/// The Vim function the dump calls. It writes JSON beside the file; in operator-pending mode it
/// then fails, so Vim cancels the operator exactly as the closing `<Esc>` would (a `<Cmd>` that
/// succeeds would act as the operator's motion).
const DUMP_FUNCTION: &str = r#"function VimdataState() abort
  let l:mode = mode(1)
  let l:regs = {}
  for l:r in split('"0123456789abcdefghijklmnopqrstuvwxyz-.:/', '\zs')
    if getregtype(l:r) !=# '' && getreg(l:r) !=# ''
      let l:regs[l:r] = {'text': getreg(l:r), 'kind': getregtype(l:r)}
    endif
  endfor
  let l:marks = {}
  for l:m in getmarklist(bufnr('%')) + getmarklist()
    let l:marks[l:m.mark[1:]] = {'line': l:m.pos[1] - 1, 'col': l:m.pos[2] - 1}
  endfor
  let l:pos = getcurpos()
  let l:state = {'cursor': {'line': l:pos[1] - 1, 'col': l:pos[2] - 1}, 'mode': l:mode, 'registers': l:regs, 'marks': l:marks}
  call writefile([json_encode(l:state)], 'STATE_PATH', 'b')
  if l:mode =~# '^no'
    throw 'vimdata: operator pending'
  endif
endfunction
"#;

/// Write the files for one run into `dir` (which must be fresh): the source, the keys with the
/// closing keys (and the dump when `dump_state`), the harness, an empty home. Returns the
/// harness path.
pub(crate) fn write_run_files(
    dir: &Path,
    source: &[u8],
    program: &[u8],
    skip_sleeps: bool,
    dump_state: bool,
) -> io::Result<PathBuf> {
    std::fs::create_dir(dir.join("home"))?;
    std::fs::write(dir.join(FILE_NAME), source)?;
    let mut keys = Vec::with_capacity(program.len() + DUMP_KEYS.len() + EPILOGUE.len());
    keys.extend_from_slice(program);
    if dump_state {
        keys.extend_from_slice(DUMP_KEYS);
    }
    keys.extend_from_slice(EPILOGUE);
    let key_file = dir.join(KEY_FILE);
    std::fs::write(&key_file, keys)?;
    let harness = dir.join(HARNESS_FILE);
    std::fs::write(&harness, harness_text(&key_file, &dir.join(STATE_FILE), skip_sleeps, dump_state))?;
    Ok(harness)
}

/// The harness script. Without extras it is the contract's one line.
fn harness_text(key_file: &Path, state_file: &Path, skip_sleeps: bool, dump_state: bool) -> String {
    let mut text = String::new();
    if dump_state {
        text.push_str(&DUMP_FUNCTION.replace("STATE_PATH", &state_file.display().to_string()));
    }
    if skip_sleeps {
        text.push_str("call test_override('ui_delay', 1) | ");
    }
    text.push_str(&format!(
        "call feedkeys(join(readfile('{}', 'b'), \"\\n\"), 't')\n",
        key_file.display()
    ));
    text
}

/// The file a typing harness writes once Vim has read every key and waits for more.
pub(crate) const IDLE_FILE: &str = "idle";
/// The file that tells a typing harness to type the contract's closing keys.
pub(crate) const CLOSE_FILE: &str = "close";

/// Files for a run whose keys are typed by a timer inside Vim, as a person types them into a
/// terminal (`vimdata record`): key file `k{i}` holds the `i`-th burst (one key each when
/// paced, the whole program in one burst otherwise), fed with `feedkeys(..., 't')` exactly as
/// the contract's harness feeds its one file, one burst per tick of `tick_ms`. Once all are
/// read and Vim waits for input with nothing left in its typeahead (`state('m')` empty, so an
/// `<Esc>` waiting to be told from a terminal code is not yet "done"), the harness writes
/// [`IDLE_FILE`]; when [`CLOSE_FILE`] appears it types the closing keys. Returns the harness
/// path.
pub(crate) fn write_typing_run_files(dir: &Path, source: &[u8], bursts: &[Vec<u8>], tick_ms: u64, skip_sleeps: bool) -> io::Result<PathBuf> {
    std::fs::create_dir(dir.join("home"))?;
    std::fs::write(dir.join(FILE_NAME), source)?;
    for (i, burst) in bursts.iter().enumerate() {
        std::fs::write(dir.join(format!("k{i}")), burst)?;
    }
    std::fs::write(dir.join("epilogue"), EPILOGUE)?;
    let quote = |name: &str| dir.join(name).display().to_string().replace('\'', "''");
    let mut text = String::new();
    if skip_sleeps {
        text.push_str("call test_override('ui_delay', 1)\n");
    }
    text.push_str(&format!(
        r#"let s:vimdata_next = 0
function VimdataTick(timer) abort
  let l:key_file = '{keys}' . s:vimdata_next
  if filereadable(l:key_file)
    call feedkeys(join(readfile(l:key_file, 'b'), "\n"), 't')
    let s:vimdata_next += 1
  elseif state('m') ==# '' && !filereadable('{idle}')
    call writefile([s:vimdata_next], '{idle}')
  elseif filereadable('{close}')
    call timer_stop(a:timer)
    call feedkeys(join(readfile('{epilogue}', 'b'), "\n"), 't')
  endif
endfunction
call timer_start({tick_ms}, 'VimdataTick', {{'repeat': -1}})
"#,
        keys = quote("k"),
        idle = quote(IDLE_FILE),
        close = quote(CLOSE_FILE),
        epilogue = quote("epilogue"),
    ));
    let harness = dir.join(HARNESS_FILE);
    std::fs::write(&harness, text)?;
    Ok(harness)
}

/// The state the dump wrote, if it ran and wrote valid JSON.
pub(crate) fn read_state(dir: &Path) -> Option<VimState> {
    let bytes = std::fs::read(dir.join(STATE_FILE)).ok()?;
    // Registers may hold invalid UTF-8 (latin1 files); Vim writes those bytes raw.
    serde_json::from_str(&String::from_utf8_lossy(&bytes)).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_harness_is_the_contract_line() {
        let text = harness_text(Path::new("/d/keys"), Path::new("/d/state.json"), false, false);
        assert_eq!(text, "call feedkeys(join(readfile('/d/keys', 'b'), \"\\n\"), 't')\n");
    }

    #[test]
    fn sleep_skipping_prefixes_the_override() {
        let text = harness_text(Path::new("/d/keys"), Path::new("/d/state.json"), true, false);
        assert!(text.starts_with("call test_override('ui_delay', 1) | call feedkeys("));
    }

    #[test]
    fn dump_keys_follow_the_program_and_precede_the_epilogue() {
        let dir = tempfile::tempdir().expect("tempdir");
        write_run_files(dir.path(), b"x\n", b"dw", true, true).expect("write");
        let keys = std::fs::read(dir.path().join(KEY_FILE)).expect("keys");
        assert!(keys.starts_with(b"dw\x80\xfd\x67call VimdataState()\r"));
        assert!(keys.ends_with(EPILOGUE));
        let harness = std::fs::read_to_string(dir.path().join(HARNESS_FILE)).expect("harness");
        assert!(harness.contains(&dir.path().join(STATE_FILE).display().to_string()));
    }
}
