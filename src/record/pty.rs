//! Real Vim on a pseudo-terminal: the oracle's local runner (same command line, private
//! directory, `-Z`, Landlock and limits) with a terminal for its standard streams, so Vim
//! draws its screen. The keys are typed by a timer inside Vim with `feedkeys(..., 't')`, the
//! contract's own way of typing: in one burst (exactly the contract's program), or one key per
//! tick at a pace, as a person types. Once Vim has read every key and waits, the screen is
//! taken; then the contract's closing keys are typed and the file Vim wrote is the result.

use std::io::Read;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::path::Path;
use std::time::{Duration, Instant};

use super::screen::Screen;
use crate::keys::{to_vim_bytes, Key};
use crate::oracle::{scratch_root, write_typing_run_files, LocalRunner, OracleError, CLOSE_FILE, FILE_NAME, IDLE_FILE};

/// The terminal type Vim is told it runs in (from the system's terminfo).
pub const TERM: &str = "xterm-256color";

/// How keys are typed into real Vim.
#[derive(Clone, Copy, Debug)]
pub struct Typing {
    /// Time between keys; `None` types the whole program in one burst (the contract's way).
    pub pace: Option<Duration>,
    pub width: u16,
    pub height: u16,
    /// The whole run, typing included, must end within this.
    pub timeout: Duration,
}

impl Default for Typing {
    fn default() -> Self {
        Typing { pace: None, width: 80, height: 24, timeout: Duration::from_secs(10) }
    }
}

/// What a run on a terminal gave.
#[derive(Clone, Debug)]
pub struct VimTerminalRun {
    /// Everything Vim wrote to the terminal, with seconds since the start.
    pub output: Vec<(f64, Vec<u8>)>,
    /// When each key was due (seconds since the start), for input events.
    pub key_times: Vec<f64>,
    /// The screen after the program's keys, before the closing keys; `None` when the program
    /// quit Vim by itself.
    pub screen: Option<Screen>,
    /// How many chunks of `output` came before the closing keys were typed (the screen's
    /// moment); `None` when the program quit Vim by itself.
    pub screen_at: Option<usize>,
    /// The file Vim wrote (the contract's result), or why there is none.
    pub result: Result<Vec<u8>, OracleError>,
}

/// Run `keys` on `source` in real Vim on a pseudo-terminal.
pub fn run_on_terminal(runner: &LocalRunner, source: &[u8], keys: &[Key], typing: &Typing) -> Result<VimTerminalRun, OracleError> {
    let dir = tempfile::Builder::new().prefix("vimdata-pty-").tempdir_in(scratch_root()).map_err(io)?;
    let dir_path = dir.path().canonicalize().map_err(io)?;
    let (bursts, tick_ms): (Vec<Vec<u8>>, u64) = match typing.pace {
        Some(pace) => (keys.iter().map(|k| to_vim_bytes(std::slice::from_ref(k))).collect(), pace.as_millis().max(1) as u64),
        None => (vec![to_vim_bytes(keys)], 10),
    };
    let harness = write_typing_run_files(&dir_path, source, &bursts, tick_ms, true).map_err(io)?;
    let (master, slave) = open_pty(typing.height, typing.width).map_err(io)?;
    let started = Instant::now();
    let mut child = runner.spawn_on_terminal(&dir_path, &harness, slave, TERM).map_err(io)?;
    let mut reader = std::fs::File::from(master);
    let mut output: Vec<(f64, Vec<u8>)> = Vec::new();
    let mut screen_at = None;
    let mut buf = vec![0u8; 1 << 16];
    let status = loop {
        let mut poll = libc::pollfd { fd: reader.as_raw_fd(), events: libc::POLLIN, revents: 0 };
        // SAFETY: one valid pollfd.
        let ready = unsafe { libc::poll(&mut poll, 1, 5) };
        if ready > 0 {
            match reader.read(&mut buf) {
                Ok(0) | Err(_) => {
                    // EOF or EIO: every end of the slave is closed, Vim is gone.
                    break child.wait().map_err(io)?;
                }
                Ok(n) => output.push((started.elapsed().as_secs_f64(), buf[..n].to_vec())),
            }
            continue;
        }
        if let Some(done) = child.try_wait().map_err(io)? {
            drain(&mut reader, &mut buf, &mut output, started);
            break done;
        }
        if screen_at.is_none() && dir_path.join(IDLE_FILE).exists() {
            // Vim flushed its screen before it waited and ran the timer that wrote the file.
            drain(&mut reader, &mut buf, &mut output, started);
            screen_at = Some(output.len());
            std::fs::write(dir_path.join(CLOSE_FILE), b"").map_err(io)?;
        }
        if started.elapsed() > typing.timeout {
            // SAFETY: signalling our own child's process group (it leads its session).
            unsafe { libc::kill(-(child.id() as i32), libc::SIGKILL) };
            let _ = child.kill();
            let _ = child.wait();
            return Err(OracleError::Timeout(typing.timeout));
        }
    };
    let screen = screen_at.map(|n| {
        let bytes: Vec<u8> = output[..n].iter().flat_map(|(_, b)| b.iter().copied()).collect();
        Screen::from_terminal_output(&bytes, typing.height, typing.width)
    });
    let result = match status.code() {
        Some(0) => std::fs::read(dir_path.join(FILE_NAME)).map_err(io),
        Some(code) => Err(OracleError::Exit(code)),
        None => Err(OracleError::Signal(0)),
    };
    let first = output.first().map_or(0.0, |(t, _)| *t);
    let key_times = match typing.pace {
        Some(pace) => (0..keys.len()).map(|i| first + pace.as_secs_f64() * (i + 1) as f64).collect(),
        None => vec![first; keys.len()],
    };
    Ok(VimTerminalRun { output, key_times, screen, screen_at, result })
}

/// Read whatever is waiting on the terminal without blocking.
fn drain(reader: &mut std::fs::File, buf: &mut [u8], output: &mut Vec<(f64, Vec<u8>)>, started: Instant) {
    loop {
        let mut poll = libc::pollfd { fd: reader.as_raw_fd(), events: libc::POLLIN, revents: 0 };
        // SAFETY: one valid pollfd.
        if unsafe { libc::poll(&mut poll, 1, 0) } <= 0 {
            return;
        }
        match reader.read(buf) {
            Ok(n) if n > 0 => output.push((started.elapsed().as_secs_f64(), buf[..n].to_vec())),
            _ => return,
        }
    }
}

/// A pseudo-terminal of `rows` x `cols`: (master, slave).
fn open_pty(rows: u16, cols: u16) -> std::io::Result<(OwnedFd, OwnedFd)> {
    let (mut master, mut slave) = (-1, -1);
    let size = libc::winsize { ws_row: rows, ws_col: cols, ws_xpixel: 0, ws_ypixel: 0 };
    // SAFETY: valid out-pointers; no name buffer; termios defaults.
    let rc = unsafe { libc::openpty(&mut master, &mut slave, std::ptr::null_mut(), std::ptr::null(), &size) };
    if rc < 0 {
        return Err(std::io::Error::last_os_error());
    }
    // SAFETY: openpty just returned these descriptors to us.
    let (master, slave) = unsafe { (OwnedFd::from_raw_fd(master), OwnedFd::from_raw_fd(slave)) };
    for fd in [&master, &slave] {
        // SAFETY: F_SETFD on a descriptor we own; children must not inherit the master.
        unsafe { libc::fcntl(fd.as_raw_fd(), libc::F_SETFD, libc::FD_CLOEXEC) };
    }
    Ok((master, slave))
}

/// Is there a terminal description for [`TERM`] on this system?
pub fn terminfo_available() -> bool {
    ["/usr/share/terminfo/x/xterm-256color", "/lib/terminfo/x/xterm-256color", "/etc/terminfo/x/xterm-256color"]
        .iter()
        .any(|p| Path::new(p).exists())
}

fn io(e: std::io::Error) -> OracleError {
    OracleError::Io(e.to_string())
}
