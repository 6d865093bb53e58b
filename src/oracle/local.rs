//! The local backend: one fresh `vim` process per record, started exactly as the contract says.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::OracleError;
use crate::keys::{to_vim_bytes, Key};

/// What the harness types after the program: `<Esc><C-\><C-N>:wq<CR>`.
const EPILOGUE: &[u8] = b"\x1b\x1c\x0e:wq\r";

/// How to start real Vim.
#[derive(Clone, Debug)]
pub struct VimRunner {
    /// The `vim` binary.
    pub vim: PathBuf,
    /// Per-record time limit.
    pub timeout: Duration,
}

impl Default for VimRunner {
    fn default() -> Self {
        VimRunner { vim: PathBuf::from("vim"), timeout: Duration::from_secs(10) }
    }
}

/// The result of one run: the bytes Vim wrote.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VimRun {
    pub output: Vec<u8>,
}

/// Run `keys` on `source` in a fresh Vim with the default runner.
pub fn run_vim(source: &[u8], keys: &[Key]) -> Result<VimRun, OracleError> {
    VimRunner::default().run(source, keys)
}

impl VimRunner {
    /// Run one program under the contract and return what Vim wrote.
    pub fn run(&self, source: &[u8], keys: &[Key]) -> Result<VimRun, OracleError> {
        let dir = tempfile::Builder::new().prefix("vimdata-").tempdir().map_err(io)?;
        let mut key_bytes = to_vim_bytes(keys);
        key_bytes.extend_from_slice(EPILOGUE);
        let output = self.run_in(dir.path(), source, &key_bytes)?;
        Ok(VimRun { output })
    }

    fn run_in(&self, dir: &Path, source: &[u8], key_bytes: &[u8]) -> Result<Vec<u8>, OracleError> {
        let file = dir.join("file.txt");
        let keyfile = dir.join("keys");
        let harness = dir.join("harness.vim");
        let home = dir.join("home");
        std::fs::create_dir(&home).map_err(io)?;
        std::fs::write(&file, source).map_err(io)?;
        std::fs::write(&keyfile, key_bytes).map_err(io)?;
        let mut h = std::fs::File::create(&harness).map_err(io)?;
        writeln!(h, "call feedkeys(join(readfile('{}', 'b'), \"\\n\"), 't')", keyfile.display())
            .map_err(io)?;
        drop(h);
        let mut cmd = Command::new(&self.vim);
        cmd.args(["-u", "NONE", "-N", "-i", "NONE", "-n", "--noplugin", "--not-a-term"])
            .args(["--cmd", "set nomodeline", "--cmd"])
            .arg(format!("source {}", harness.display()))
            .arg("file.txt")
            .current_dir(dir)
            .env_clear()
            .env("TERM", "dumb")
            .env("LC_ALL", "C.UTF-8")
            .env("HOME", &home)
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        let mut child = cmd.spawn().map_err(io)?;
        let start = Instant::now();
        let mut pause = Duration::from_micros(500);
        let status = loop {
            match child.try_wait().map_err(io)? {
                Some(status) => break status,
                None if start.elapsed() > self.timeout => {
                    let _ = child.kill();
                    let _ = child.wait();
                    return Err(OracleError::Timeout(self.timeout));
                }
                None => {
                    std::thread::sleep(pause);
                    pause = (pause * 2).min(Duration::from_millis(5));
                }
            }
        };
        match status.code() {
            Some(0) => std::fs::read(&file).map_err(io),
            Some(code) => Err(OracleError::Exit(code)),
            None => {
                use std::os::unix::process::ExitStatusExt;
                Err(OracleError::Signal(status.signal().unwrap_or(0)))
            }
        }
    }
}

fn io(e: std::io::Error) -> OracleError {
    OracleError::Io(e.to_string())
}
