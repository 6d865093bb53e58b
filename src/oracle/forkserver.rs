//! The fork server: one `vim` per worker, started exactly as a fresh run, with
//! `forkserver.c` preloaded. That library stops Vim when it opens its `--cmd` harness (all
//! start-up work done, the file not yet read) and forks there once per record; each child goes
//! on exactly as a fresh Vim from that point, reading the record's harness and file. A record
//! then costs a fork, not an exec, the dynamic loader and Vim's start-up.
//!
//! Each server owns one directory; records run in it one after another, the directory wiped
//! between them (the file is rewritten in place: Vim noted its inode at start-up, as a fresh Vim
//! notes the record's file). `tests/oracle.rs` proves the results byte-identical with fresh
//! processes.

use std::io::{Read, Write};
use std::os::fd::AsRawFd;
use std::os::unix::net::UnixStream;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use super::harness::{read_state, write_run_files, VimState, FILE_NAME, HARNESS_FILE};
use super::{confine, OracleError};

/// The preload library's source, compiled on first use.
const SOURCE: &str = include_str!("forkserver.c");
/// A prebuilt library (the sandbox image sets this; it has no compiler).
pub(crate) const LIBRARY_ENV: &str = "VIMDATA_FORK_LIBRARY";
/// The descriptor the control socket gets in the server.
const CONTROL_FD: i32 = 3;

/// Compile the preload library into the cache (once per source version) and return its path.
pub(crate) fn library() -> Result<PathBuf, String> {
    if let Some(path) = std::env::var_os(LIBRARY_ENV) {
        let path = PathBuf::from(path);
        return if path.is_file() { Ok(path) } else { Err(format!("{} not found", path.display())) };
    }
    use sha2::Digest;
    let hash = sha2::Sha256::digest(SOURCE.as_bytes());
    let tag: String = hash.iter().take(8).map(|b| format!("{b:02x}")).collect();
    // SAFETY: getuid cannot fail.
    let uid = unsafe { libc::getuid() };
    let dir = std::env::temp_dir().join(format!("vimdata-{uid}"));
    let library = dir.join(format!("fork-{tag}.so"));
    if library.is_file() {
        return Ok(library);
    }
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let source = dir.join(format!("fork-{tag}-{}.c", std::process::id()));
    let partial = dir.join(format!("fork-{tag}-{}.so", std::process::id()));
    std::fs::write(&source, SOURCE).map_err(|e| e.to_string())?;
    let compiled = Command::new("cc")
        .args(["-O2", "-shared", "-fPIC", "-o"])
        .arg(&partial)
        .arg(&source)
        .arg("-ldl")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .output()
        .map_err(|e| format!("cannot run cc: {e}"))?;
    let _ = std::fs::remove_file(&source);
    if !compiled.status.success() {
        return Err(format!("cc failed: {}", String::from_utf8_lossy(&compiled.stderr)));
    }
    std::fs::rename(&partial, &library).map_err(|e| e.to_string())?;
    Ok(library)
}

/// A pool of fork servers, one per worker at most, started on demand.
pub(crate) struct ForkPool {
    library: PathBuf,
    idle: Mutex<Vec<ForkServer>>,
    /// Servers that started and served at least one record; while none has, repeated start
    /// failures turn the pool off (records then run as fresh processes).
    served: AtomicBool,
    failed_starts: AtomicUsize,
}

/// Failed starts before a pool that never served gives up.
const MAX_FAILED_STARTS: usize = 3;

impl std::fmt::Debug for ForkPool {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ForkPool").field("library", &self.library).finish()
    }
}

/// What the local runner needs to start a Vim: the command without its `--cmd source` and file.
pub(crate) struct Launch<'a> {
    pub vim: &'a Path,
    pub restricted: bool,
    pub configure: &'a dyn Fn(&mut Command, &Path),
}

impl ForkPool {
    pub(crate) fn new(library: PathBuf) -> ForkPool {
        ForkPool { library, idle: Mutex::new(Vec::new()), served: AtomicBool::new(false), failed_starts: AtomicUsize::new(0) }
    }

    /// Run one record on an idle server (starting one when none is idle). `Ok(None)` when no
    /// server could serve it (the caller then runs a fresh process).
    pub(crate) fn run(
        &self,
        launch: &Launch,
        source: &[u8],
        program: &[u8],
        skip_sleeps: bool,
        dump_state: bool,
        timeout: Duration,
    ) -> Result<Option<(Vec<u8>, Option<VimState>)>, OracleError> {
        if !self.served.load(Ordering::Relaxed) && self.failed_starts.load(Ordering::Relaxed) >= MAX_FAILED_STARTS {
            return Ok(None);
        }
        let server = self.idle.lock().ok().and_then(|mut idle| idle.pop());
        let (mut server, fresh_server) = match server {
            Some(server) => (server, false),
            None => match ForkServer::start(launch, &self.library) {
                Ok(server) => (server, true),
                Err(_) => {
                    self.failed_starts.fetch_add(1, Ordering::Relaxed);
                    return Ok(None);
                }
            },
        };
        match server.run(source, program, skip_sleeps, dump_state, timeout) {
            Ok(result) => {
                self.served.store(true, Ordering::Relaxed);
                if let Ok(mut idle) = self.idle.lock() {
                    idle.push(server);
                }
                result.map(Some)
            }
            // The server broke (not the record): drop it; the caller runs the record fresh.
            Err(_) => {
                if fresh_server {
                    self.failed_starts.fetch_add(1, Ordering::Relaxed);
                }
                Ok(None)
            }
        }
    }
}

struct ForkServer {
    process: Child,
    control: UnixStream,
    dir: tempfile::TempDir,
    path: PathBuf,
}

impl ForkServer {
    fn start(launch: &Launch, library: &Path) -> std::io::Result<ForkServer> {
        let dir = tempfile::Builder::new().prefix("vimdata-fork-").tempdir_in(super::local::scratch_root())?;
        let path = dir.path().canonicalize()?;
        std::fs::write(path.join(FILE_NAME), b"")?;
        let harness = path.join(HARNESS_FILE);
        let (ours, theirs) = UnixStream::pair()?;
        let library_dir = library.parent().unwrap_or(Path::new("/"));
        let vim_dir = launch.vim.parent().unwrap_or(Path::new("/"));
        let ruleset = if launch.restricted { confine::ruleset_for(&path, &[vim_dir, library_dir])? } else { None };
        let ruleset_fd = ruleset.as_ref().map(|fd| fd.as_raw_fd());
        let mut cmd = Command::new(launch.vim);
        (launch.configure)(&mut cmd, &path);
        cmd.arg("--cmd")
            .arg(format!("source {}", harness.display()))
            .arg(FILE_NAME)
            .env("LD_PRELOAD", library)
            // Resolve every symbol once in the server, not lazily again in each child.
            .env("LD_BIND_NOW", "1")
            .env("VIMDATA_FORK_POINT", &harness)
            .env("VIMDATA_FORK_FD", CONTROL_FD.to_string());
        let theirs_fd = theirs.as_raw_fd();
        let restricted = launch.restricted;
        // SAFETY: dup2 and `confine_child` are async-signal-safe.
        unsafe {
            cmd.pre_exec(move || {
                if libc::dup2(theirs_fd, CONTROL_FD) < 0 {
                    return Err(std::io::Error::last_os_error());
                }
                if restricted {
                    confine::confine_child(ruleset_fd)
                } else if libc::setsid() < 0 {
                    Err(std::io::Error::last_os_error())
                } else {
                    Ok(())
                }
            });
        }
        let process = cmd.spawn()?;
        drop(theirs);
        Ok(ForkServer { process, control: ours, dir, path })
    }

    /// Run one record. The outer error means the server itself failed.
    fn run(
        &mut self,
        source: &[u8],
        program: &[u8],
        skip_sleeps: bool,
        dump_state: bool,
        timeout: Duration,
    ) -> std::io::Result<Result<(Vec<u8>, Option<VimState>), OracleError>> {
        self.clear()?;
        write_run_files(&self.path, source, program, skip_sleeps, dump_state)?;
        let start = Instant::now();
        self.control.set_read_timeout(Some(Duration::from_secs(10)))?;
        self.control.write_all(b"G")?;
        let pid = self.read_i32()?;
        let left = timeout.saturating_sub(start.elapsed()).max(Duration::from_millis(1));
        self.control.set_read_timeout(Some(left))?;
        let status = match self.read_i32() {
            Ok(status) => status,
            Err(e) if matches!(e.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut) => {
                // SAFETY: signalling the record's Vim, a child of our server.
                unsafe { libc::kill(pid, libc::SIGKILL) };
                self.control.set_read_timeout(Some(Duration::from_secs(10)))?;
                self.read_i32()?;
                return Ok(Err(OracleError::Timeout(timeout)));
            }
            Err(e) => return Err(e),
        };
        if libc::WIFEXITED(status) {
            match libc::WEXITSTATUS(status) {
                0 => {
                    let output = std::fs::read(self.path.join(FILE_NAME))?;
                    let state = if dump_state { read_state(&self.path) } else { None };
                    Ok(Ok((output, state)))
                }
                code => Ok(Err(OracleError::Exit(code))),
            }
        } else if libc::WIFSIGNALED(status) {
            Ok(Err(OracleError::Signal(libc::WTERMSIG(status))))
        } else {
            Err(std::io::Error::other("the fork server could not fork"))
        }
    }

    /// Empty the directory but keep the file itself (its inode is what Vim noted at start-up).
    fn clear(&self) -> std::io::Result<()> {
        for entry in std::fs::read_dir(&self.path)? {
            let entry = entry?;
            if entry.file_name() == FILE_NAME && entry.file_type()?.is_file() {
                continue;
            }
            if entry.file_type()?.is_dir() {
                std::fs::remove_dir_all(entry.path())?;
            } else {
                std::fs::remove_file(entry.path())?;
            }
        }
        if !self.path.join(FILE_NAME).is_file() {
            return Err(std::io::Error::other("the record replaced the file"));
        }
        Ok(())
    }

    fn read_i32(&mut self) -> std::io::Result<i32> {
        let mut bytes = [0u8; 4];
        self.control.read_exact(&mut bytes)?;
        Ok(i32::from_le_bytes(bytes))
    }
}

impl Drop for ForkServer {
    fn drop(&mut self) {
        let _ = self.process.kill();
        let _ = self.process.wait();
        let _ = &self.dir;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_preload_library_compiles() {
        if std::env::var_os(LIBRARY_ENV).is_some() {
            return;
        }
        let library = library().expect("cc builds the fork server's library");
        assert!(library.is_file());
        // Cached: a second call returns the same file without compiling.
        assert_eq!(super::library().expect("cached"), library);
    }
}
