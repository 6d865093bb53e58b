//! The local backend: one fresh `vim` process per record, started exactly as the contract says,
//! restricted (`-Z`), in a private directory with an empty home, confined by
//! [`super::confine`], and killed with its whole session at the timeout.

use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use std::sync::Arc;

use super::forkserver::{self, ForkPool, Launch};
use super::harness::{read_state, write_run_files, RunMode, VimState, FILE_NAME};
use super::{confine, OracleError, OracleOptions};
use crate::keys::{to_vim_bytes, Key};

/// The result of one run: the bytes Vim wrote, and its final state when asked for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VimRun {
    pub output: Vec<u8>,
    /// Vim's state after the program's keys; `None` unless asked for, or when the dump could
    /// not run without changing the result (a program that ends waiting for a character, e.g.
    /// after `f` or `<C-v>`).
    pub state: Option<VimState>,
}

/// How to start real Vim (the simple one-record interface; [`super::Oracle`] runs batches).
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

/// Run `keys` on `source` in a fresh Vim with the default runner.
pub fn run_vim(source: &[u8], keys: &[Key]) -> Result<VimRun, OracleError> {
    VimRunner::default().run(source, keys)
}

impl VimRunner {
    /// Run one program under the contract (the exact harness, sleeps included) and return
    /// what Vim wrote.
    pub fn run(&self, source: &[u8], keys: &[Key]) -> Result<VimRun, OracleError> {
        let options = OracleOptions { timeout: self.timeout, vim: self.vim.clone(), fresh: true, ..OracleOptions::default() };
        LocalRunner::new(&options)?.run(source, keys)
    }
}

/// Runs records one at a time in fresh local Vim processes (thread-safe; the pool shares it).
#[derive(Clone, Debug)]
pub struct LocalRunner {
    vim: PathBuf,
    timeout: Duration,
    mode: RunMode,
    /// `-Z`, Landlock and resource limits (off only to prove they change no result).
    restricted: bool,
    /// Fork servers, when asked for and available.
    fork: Option<Arc<ForkPool>>,
    /// Why there are no fork servers although they were asked for.
    fork_unavailable: Option<String>,
}

impl LocalRunner {
    /// Find `vim` and check it starts.
    pub fn new(options: &OracleOptions) -> Result<LocalRunner, OracleError> {
        let vim = find_program(&options.vim).ok_or_else(|| {
            OracleError::Unavailable(format!(
                "`{}` not found: install Vim 9.0 (Debian 12: `apt-get install vim`)",
                options.vim.display()
            ))
        })?;
        let (fork, fork_unavailable) = if options.fork_server && !options.fresh {
            match forkserver::library() {
                Ok(library) => (Some(Arc::new(ForkPool::new(library))), None),
                Err(why) => (None, Some(why)),
            }
        } else {
            (None, None)
        };
        Ok(LocalRunner { vim, timeout: options.timeout, mode: options.run_mode(), restricted: true, fork, fork_unavailable })
    }

    /// How records run: `fork server`, or `fresh processes` (with the reason when fork servers
    /// were asked for but are unavailable).
    pub fn describe(&self) -> String {
        match (&self.fork, &self.fork_unavailable) {
            (Some(_), _) => "fork server".into(),
            (None, Some(why)) => format!("fresh processes (no fork server: {why})"),
            (None, None) => "fresh processes".into(),
        }
    }

    /// The same runner without `-Z`, Landlock and limits: the contract's bare command line.
    /// Only for checking that the restrictions change no result; never for untrusted records.
    pub fn unrestricted(mut self) -> LocalRunner {
        self.restricted = false;
        self.fork = None;
        self
    }

    /// The `vim` binary in use.
    pub fn vim(&self) -> &Path {
        &self.vim
    }

    /// Run one record.
    pub fn run(&self, source: &[u8], keys: &[Key]) -> Result<VimRun, OracleError> {
        self.run_bytes(source, &to_vim_bytes(keys), self.mode, self.timeout)
    }

    /// Run one record whose keys are already in Vim's internal byte form.
    pub fn run_bytes(&self, source: &[u8], program: &[u8], mode: RunMode, timeout: Duration) -> Result<VimRun, OracleError> {
        let (output, _) = self.run_once(source, program, mode, false, timeout)?;
        let state = if mode.state {
            // A second run with the dump typed after the program; its state counts only when
            // the dump left the text as it was.
            match self.run_once(source, program, mode, true, timeout) {
                Ok((dumped, state)) if dumped == output => state,
                _ => None,
            }
        } else {
            None
        };
        Ok(VimRun { output, state })
    }

    /// Start this runner's Vim, confined exactly as for a record, on a terminal instead of
    /// `/dev/null`: `tty` (a pseudo-terminal's slave) becomes its standard streams and
    /// controlling terminal, and `TERM` names a terminal type that renders. `dir` must be the
    /// record's canonical private directory holding `harness` and the file.
    pub(crate) fn spawn_on_terminal(&self, dir: &Path, harness: &Path, tty: OwnedFd, term: &str) -> std::io::Result<std::process::Child> {
        let vim_dir = self.vim.parent().unwrap_or(Path::new("/"));
        let ruleset = if self.restricted { confine::ruleset_for(dir, &[vim_dir])? } else { None };
        let ruleset_fd = ruleset.as_ref().map(|fd| fd.as_raw_fd());
        let mut cmd = Command::new(&self.vim);
        self.configure(&mut cmd, dir);
        cmd.arg("--cmd").arg(format!("source {}", harness.display())).arg(FILE_NAME);
        cmd.env("TERM", term).stdin(Stdio::from(tty.try_clone()?)).stdout(Stdio::from(tty.try_clone()?)).stderr(Stdio::from(tty));
        let restricted = self.restricted;
        // SAFETY: only async-signal-safe system calls (setsid, setrlimit, prctl, Landlock,
        // ioctl) between fork and exec.
        unsafe {
            cmd.pre_exec(move || {
                if restricted {
                    confine::confine_child(ruleset_fd)?;
                } else if libc::setsid() < 0 {
                    return Err(std::io::Error::last_os_error());
                }
                // The terminal on standard input becomes the new session's controlling one.
                if libc::ioctl(0, libc::TIOCSCTTY, 0) < 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
        let child = cmd.spawn();
        drop(ruleset);
        child
    }

    fn run_once(
        &self,
        source: &[u8],
        program: &[u8],
        mode: RunMode,
        dump_state: bool,
        timeout: Duration,
    ) -> Result<(Vec<u8>, Option<VimState>), OracleError> {
        let skip_sleeps = mode.skip_sleeps;
        if let Some(pool) = self.fork.as_ref().filter(|_| mode.fork_server) {
            let configure = |cmd: &mut Command, dir: &Path| self.configure(cmd, dir);
            let launch = Launch { vim: &self.vim, restricted: self.restricted, configure: &configure };
            if let Some(result) = pool.run(&launch, source, program, skip_sleeps, dump_state, timeout)? {
                return Ok(result);
            }
        }
        self.run_fresh(source, program, skip_sleeps, dump_state, timeout)
    }

    /// The contract's command line up to the harness: options, environment, working directory,
    /// stdio on `/dev/null`.
    fn configure(&self, cmd: &mut Command, dir: &Path) {
        cmd.args(["-u", "NONE", "-N", "-i", "NONE", "-n", "--noplugin", "--not-a-term"]);
        if self.restricted {
            cmd.arg("-Z");
        }
        cmd.args(["--cmd", "set nomodeline"])
            .current_dir(dir)
            .env_clear()
            .env("TERM", "dumb")
            .env("LC_ALL", "C.UTF-8")
            .env("HOME", dir.join("home"))
            .env("TMPDIR", dir)
            .env("PATH", "/usr/bin:/bin")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
    }

    fn run_fresh(
        &self,
        source: &[u8],
        program: &[u8],
        skip_sleeps: bool,
        dump_state: bool,
        timeout: Duration,
    ) -> Result<(Vec<u8>, Option<VimState>), OracleError> {
        let dir = tempfile::Builder::new().prefix("vimdata-").tempdir_in(scratch_root()).map_err(io)?;
        // Canonical path: Landlock rules and Vim's file names must agree.
        let dir_path = dir.path().canonicalize().map_err(io)?;
        let harness = write_run_files(&dir_path, source, program, skip_sleeps, dump_state).map_err(io)?;
        let vim_dir = self.vim.parent().unwrap_or(Path::new("/"));
        let ruleset = if self.restricted { confine::ruleset_for(&dir_path, &[vim_dir]).map_err(io)? } else { None };
        let ruleset_fd = ruleset.as_ref().map(|fd| fd.as_raw_fd());
        let mut cmd = Command::new(&self.vim);
        self.configure(&mut cmd, &dir_path);
        cmd.arg("--cmd").arg(format!("source {}", harness.display())).arg(FILE_NAME);
        if self.restricted {
            // SAFETY: `confine_child` makes only async-signal-safe system calls.
            unsafe {
                cmd.pre_exec(move || confine::confine_child(ruleset_fd));
            }
        } else {
            // SAFETY: setsid is async-signal-safe; a session of its own lets a timeout kill it.
            unsafe {
                cmd.pre_exec(|| if libc::setsid() < 0 { Err(std::io::Error::last_os_error()) } else { Ok(()) });
            }
        }
        let mut child = cmd.spawn().map_err(io)?;
        drop(ruleset);
        let status = match wait_with_timeout(&mut child, timeout).map_err(io)? {
            Some(status) => status,
            None => {
                // The child leads its own session: kill everything it started.
                // SAFETY: signalling our own child's process group.
                unsafe { libc::kill(-(child.id() as i32), libc::SIGKILL) };
                let _ = child.kill();
                let _ = child.wait();
                return Err(OracleError::Timeout(timeout));
            }
        };
        match status.code() {
            Some(0) => {
                let output = std::fs::read(dir_path.join(FILE_NAME)).map_err(io)?;
                let state = if dump_state { read_state(&dir_path) } else { None };
                Ok((output, state))
            }
            Some(code) => Err(OracleError::Exit(code)),
            None => Err(OracleError::Signal(status.signal().unwrap_or(0))),
        }
    }
}

/// Wait for `child` at most `timeout`; `None` when it is still running. Uses a pidfd (no
/// polling delay); falls back to short sleeps on kernels without one.
fn wait_with_timeout(child: &mut std::process::Child, timeout: Duration) -> std::io::Result<Option<std::process::ExitStatus>> {
    let start = Instant::now();
    // SAFETY: pidfd_open on our own unreaped child.
    let pidfd = unsafe { libc::syscall(libc::SYS_pidfd_open, child.id() as libc::pid_t, 0u32) };
    if pidfd >= 0 {
        // SAFETY: the kernel just returned this descriptor to us.
        let pidfd = unsafe { OwnedFd::from_raw_fd(pidfd as i32) };
        loop {
            let left = timeout.saturating_sub(start.elapsed());
            let mut poll = libc::pollfd { fd: pidfd.as_raw_fd(), events: libc::POLLIN, revents: 0 };
            let ms = left.as_millis().min(i32::MAX as u128) as i32;
            // SAFETY: one valid pollfd.
            let rc = unsafe { libc::poll(&mut poll, 1, ms) };
            if rc > 0 {
                return child.wait().map(Some);
            }
            if rc == 0 {
                return child.try_wait();
            }
            let err = std::io::Error::last_os_error();
            if err.kind() != std::io::ErrorKind::Interrupted {
                return Err(err);
            }
        }
    }
    let mut pause = Duration::from_micros(200);
    loop {
        if let Some(status) = child.try_wait()? {
            return Ok(Some(status));
        }
        if start.elapsed() > timeout {
            return Ok(None);
        }
        std::thread::sleep(pause);
        pause = (pause * 2).min(Duration::from_millis(2));
    }
}

/// Where records' private directories go: `$TMPDIR` when set, else `/dev/shm` (a tmpfs:
/// creating and deleting files there costs a fraction of a disk file system's work, and
/// Vim's `fsync` on write is free), else the system's temporary directory.
pub(crate) fn scratch_root() -> &'static Path {
    static ROOT: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    ROOT.get_or_init(|| {
        if std::env::var_os("TMPDIR").is_some() {
            return std::env::temp_dir();
        }
        let shm = Path::new("/dev/shm");
        // SAFETY: access() on a valid NUL-terminated path.
        let writable = unsafe { libc::access(c"/dev/shm".as_ptr(), libc::W_OK | libc::X_OK) } == 0;
        if shm.is_dir() && writable {
            shm.to_path_buf()
        } else {
            std::env::temp_dir()
        }
    })
}

/// Resolve a program name through `PATH` (or check a path) to an executable file.
fn find_program(program: &Path) -> Option<PathBuf> {
    use std::os::unix::fs::PermissionsExt;
    let executable = |p: &Path| std::fs::metadata(p).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0);
    if program.components().count() > 1 {
        return executable(program).then(|| program.canonicalize().ok()).flatten();
    }
    let path = std::env::var_os("PATH").unwrap_or_else(|| "/usr/bin:/bin".into());
    std::env::split_paths(&path)
        .map(|dir| dir.join(program))
        .find(|p| executable(p))
        .and_then(|p| p.canonicalize().ok())
}

fn io(e: std::io::Error) -> OracleError {
    OracleError::Io(e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_vim_is_unavailable() {
        let options = OracleOptions { vim: PathBuf::from("/nonexistent/vim"), ..OracleOptions::default() };
        assert!(matches!(LocalRunner::new(&options), Err(OracleError::Unavailable(_))));
    }

    #[test]
    fn programs_are_found_on_the_path() {
        assert!(find_program(Path::new("sh")).is_some());
    }
}
