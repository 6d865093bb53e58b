//! The sandbox's wire protocol and its server. Inside the container `vimdata sandbox serve`
//! reads length-prefixed requests on stdin, runs each in a fresh Vim (the local backend's
//! runner, several at once) and writes tagged responses on stdout as they finish; the host
//! matches them by id. Data goes in and out through stdin/stdout only.
//!
//! Request: `id u64, flags u8 (1 skip sleeps, 2 state, 4 fork server), timeout_ms u32, source (u32 len,
//! bytes), program in Vim's byte form (u32 len, bytes)`. Response: `id u64, status u8, code
//! i32, output (u32 len, bytes), state JSON (u32 len, bytes; empty for none)`. Integers are
//! little-endian.

use std::io::{self, Read, Write};
use std::sync::mpsc;
use std::sync::Mutex;
use std::time::Duration;

use super::harness::{RunMode, VimState};
use super::local::{LocalRunner, VimRun};
use super::OracleError;

const FLAG_SKIP_SLEEPS: u8 = 1;
const FLAG_STATE: u8 = 2;
const FLAG_FORK_SERVER: u8 = 4;

/// One record to run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Request {
    pub id: u64,
    pub mode: RunMode,
    pub timeout: Duration,
    pub source: Vec<u8>,
    /// The keys in Vim's internal byte form ([`crate::keys::to_vim_bytes`]).
    pub program: Vec<u8>,
}

/// One record's result.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Response {
    pub id: u64,
    pub result: Result<VimRun, OracleError>,
}

impl Request {
    pub fn encode(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.id.to_le_bytes());
        let flags = (if self.mode.skip_sleeps { FLAG_SKIP_SLEEPS } else { 0 })
            | (if self.mode.state { FLAG_STATE } else { 0 })
            | (if self.mode.fork_server { FLAG_FORK_SERVER } else { 0 });
        out.push(flags);
        out.extend_from_slice(&(self.timeout.as_millis().min(u32::MAX as u128) as u32).to_le_bytes());
        put_bytes(out, &self.source);
        put_bytes(out, &self.program);
    }

    /// Read one request; `None` at a clean end of input.
    pub fn read(input: &mut impl Read) -> io::Result<Option<Request>> {
        let mut id = [0u8; 8];
        match input.read_exact(&mut id) {
            Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => return Ok(None),
            other => other?,
        }
        let mut head = [0u8; 5];
        input.read_exact(&mut head)?;
        let flags = head[0];
        let timeout_ms = u32::from_le_bytes([head[1], head[2], head[3], head[4]]);
        let source = read_bytes(input)?;
        let program = read_bytes(input)?;
        Ok(Some(Request {
            id: u64::from_le_bytes(id),
            mode: RunMode {
                skip_sleeps: flags & FLAG_SKIP_SLEEPS != 0,
                state: flags & FLAG_STATE != 0,
                fork_server: flags & FLAG_FORK_SERVER != 0,
            },
            timeout: Duration::from_millis(timeout_ms.into()),
            source,
            program,
        }))
    }
}

impl Response {
    pub fn encode(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.id.to_le_bytes());
        let (status, code, payload, state): (u8, i32, &[u8], Vec<u8>) = match &self.result {
            Ok(run) => (0, 0, &run.output, run.state.as_ref().and_then(|s| serde_json::to_vec(s).ok()).unwrap_or_default()),
            Err(OracleError::Exit(code)) => (1, *code, &[], Vec::new()),
            Err(OracleError::Signal(sig)) => (2, *sig, &[], Vec::new()),
            Err(OracleError::Timeout(t)) => (3, t.as_millis().min(i32::MAX as u128) as i32, &[], Vec::new()),
            Err(OracleError::Io(msg)) => (4, 0, msg.as_bytes(), Vec::new()),
            Err(OracleError::Unavailable(msg)) => (5, 0, msg.as_bytes(), Vec::new()),
        };
        out.push(status);
        out.extend_from_slice(&code.to_le_bytes());
        put_bytes(out, payload);
        put_bytes(out, &state);
    }

    /// Decode one response from the front of `buf`: the response and the bytes it used, or
    /// `None` when `buf` does not hold a whole one yet.
    pub fn decode(buf: &[u8]) -> Result<Option<(Response, usize)>, OracleError> {
        let mut at = 0;
        let Some(id) = take(buf, &mut at, 8) else { return Ok(None) };
        let Some(head) = take(buf, &mut at, 5) else { return Ok(None) };
        let Some(payload) = take_bytes(buf, &mut at) else { return Ok(None) };
        let Some(state) = take_bytes(buf, &mut at) else { return Ok(None) };
        let id = u64::from_le_bytes(id.try_into().map_err(|_| bad())?);
        let code = i32::from_le_bytes(head[1..5].try_into().map_err(|_| bad())?);
        let text = || String::from_utf8_lossy(payload).into_owned();
        let result = match head[0] {
            0 => Ok(VimRun {
                output: payload.to_vec(),
                state: if state.is_empty() { None } else { serde_json::from_slice::<VimState>(state).ok() },
            }),
            1 => Err(OracleError::Exit(code)),
            2 => Err(OracleError::Signal(code)),
            3 => Err(OracleError::Timeout(Duration::from_millis(code.max(0) as u64))),
            4 => Err(OracleError::Io(text())),
            5 => Err(OracleError::Unavailable(text())),
            _ => return Err(bad()),
        };
        Ok(Some((Response { id, result }, at)))
    }
}

fn bad() -> OracleError {
    OracleError::Io("malformed response from the sandbox".into())
}

fn put_bytes(out: &mut Vec<u8>, bytes: &[u8]) {
    out.extend_from_slice(&(bytes.len() as u32).to_le_bytes());
    out.extend_from_slice(bytes);
}

fn read_bytes(input: &mut impl Read) -> io::Result<Vec<u8>> {
    let mut len = [0u8; 4];
    input.read_exact(&mut len)?;
    let mut bytes = vec![0u8; u32::from_le_bytes(len) as usize];
    input.read_exact(&mut bytes)?;
    Ok(bytes)
}

fn take<'a>(buf: &'a [u8], at: &mut usize, n: usize) -> Option<&'a [u8]> {
    let slice = buf.get(*at..*at + n)?;
    *at += n;
    Some(slice)
}

fn take_bytes<'a>(buf: &'a [u8], at: &mut usize) -> Option<&'a [u8]> {
    let len = u32::from_le_bytes(take(buf, at, 4)?.try_into().ok()?) as usize;
    take(buf, at, len)
}

/// Serve requests from `input` until it ends, `workers` at a time, writing each response to
/// `output` as soon as it is ready.
pub fn serve(runner: &LocalRunner, mut input: impl Read, output: impl Write + Send, workers: usize) -> io::Result<()> {
    let (send, receive) = mpsc::channel::<Request>();
    let receive = Mutex::new(receive);
    let output = Mutex::new(output);
    std::thread::scope(|scope| {
        for _ in 0..workers.max(1) {
            scope.spawn(|| -> io::Result<()> {
                loop {
                    let request = match receive.lock() {
                        Ok(queue) => match queue.recv() {
                            Ok(request) => request,
                            Err(_) => return Ok(()),
                        },
                        Err(_) => return Ok(()),
                    };
                    let result = runner.run_bytes(&request.source, &request.program, request.mode, request.timeout);
                    let mut frame = Vec::new();
                    Response { id: request.id, result }.encode(&mut frame);
                    let mut out = output.lock().map_err(|_| io::Error::other("output lock poisoned"))?;
                    out.write_all(&frame)?;
                    out.flush()?;
                }
            });
        }
        while let Some(request) = Request::read(&mut input)? {
            if send.send(request).is_err() {
                break;
            }
        }
        drop(send);
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::oracle::harness::StatePos;

    #[test]
    fn requests_round_trip() {
        let request = Request {
            id: 7,
            mode: RunMode { skip_sleeps: true, state: false, fork_server: true },
            timeout: Duration::from_millis(2500),
            source: b"a\x00b\n".to_vec(),
            program: b"dw\x80kD".to_vec(),
        };
        let mut bytes = Vec::new();
        request.encode(&mut bytes);
        assert_eq!(Request::read(&mut bytes.as_slice()).expect("read"), Some(request));
        assert_eq!(Request::read(&mut &b""[..]).expect("eof"), None);
    }

    #[test]
    fn responses_round_trip_and_wait_for_whole_frames() {
        let state = VimState {
            cursor: StatePos { line: 0, col: 2 },
            mode: "n".into(),
            registers: Default::default(),
            marks: Default::default(),
        };
        for result in [
            Ok(VimRun { output: b"x\n".to_vec(), state: Some(state) }),
            Err(OracleError::Exit(1)),
            Err(OracleError::Timeout(Duration::from_secs(2))),
            Err(OracleError::Io("boom".into())),
        ] {
            let response = Response { id: 3, result };
            let mut bytes = Vec::new();
            response.encode(&mut bytes);
            assert_eq!(Response::decode(&bytes[..bytes.len() - 1]).expect("partial"), None);
            assert_eq!(Response::decode(&bytes).expect("whole"), Some((response, bytes.len())));
        }
    }
}
