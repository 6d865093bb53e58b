//! A chat-completions client for any OpenAI-compatible endpoint (hosted APIs, llama.cpp's
//! `llama-server`, vLLM, Ollama), built to be trusted by a dataset job that runs for days:
//!
//! - a concurrency limit (requests in flight at once, over all threads);
//! - rate limits: requests and tokens per minute over a sliding 60-second window (tokens are
//!   estimated before a request and corrected by the usage the server reports);
//! - retries of what can succeed later (timeouts, dropped connections, 408/409/429 and 5xx)
//!   with exponential backoff and jitter, honouring `Retry-After` when the server sends it;
//! - a per-request timeout;
//! - a response cache on disk keyed by a hash of the request (endpoint, body and the sample
//!   index), so a rerun or a resumed pipeline sends nothing it has already had answered;
//! - a usage summary: requests, cache hits, retries, failures, tokens in and out per model.
//!
//! The client is blocking (`reqwest::blocking`): the pipeline's workers are threads, and each
//! waits for its own reply while the semaphore and the rate window keep the total in bounds.

use std::collections::{BTreeMap, VecDeque};
use std::path::PathBuf;
use std::sync::{Condvar, Mutex};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// One chat message on the wire.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Message {
    pub role: String,
    pub content: String,
}

impl Message {
    pub fn system(content: impl Into<String>) -> Message {
        Message { role: "system".into(), content: content.into() }
    }
    pub fn user(content: impl Into<String>) -> Message {
        Message { role: "user".into(), content: content.into() }
    }
    pub fn assistant(content: impl Into<String>) -> Message {
        Message { role: "assistant".into(), content: content.into() }
    }
}

/// The request body of `POST {base}/chat/completions`.
#[derive(Clone, Debug, Serialize)]
pub struct ChatRequest {
    pub model: String,
    pub messages: Vec<Message>,
    /// Choices wanted; servers that ignore it return one (the proposer asks again for more).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub n: Option<usize>,
    pub temperature: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_tokens: Option<u32>,
}

/// The parts of a reply the proposer reads. Unknown fields are ignored, missing ones default,
/// so any OpenAI-compatible server's reply reads.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct ChatResponse {
    #[serde(default)]
    pub choices: Vec<Choice>,
    #[serde(default)]
    pub usage: Option<Usage>,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Choice {
    #[serde(default)]
    pub message: Option<ReplyMessage>,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct ReplyMessage {
    #[serde(default)]
    pub content: Option<String>,
}

#[derive(Clone, Copy, Debug, Default, Serialize, Deserialize)]
pub struct Usage {
    #[serde(default)]
    pub prompt_tokens: u64,
    #[serde(default)]
    pub completion_tokens: u64,
}

impl ChatResponse {
    /// The text of every choice (a choice without text is an empty reply).
    pub fn texts(&self) -> Vec<String> {
        self.choices.iter().map(|c| c.message.as_ref().and_then(|m| m.content.clone()).unwrap_or_default()).collect()
    }
}

/// Why a request gave no reply.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ClientError {
    /// The server answered with an error status (after the retries, for retryable ones).
    #[error("HTTP {status}: {body}")]
    Status { status: u16, body: String },
    /// The request timed out (after the retries).
    #[error("timed out after {0:?}")]
    Timeout(Duration),
    /// The connection failed or dropped (after the retries).
    #[error("connection: {0}")]
    Connection(String),
    /// The reply was not a chat-completions JSON object.
    #[error("malformed reply: {0}")]
    Malformed(String),
    /// The configuration cannot work (bad URL, unreadable cache directory).
    #[error("{0}")]
    Config(String),
}

impl ClientError {
    /// A short kind for machines (the rejected file's reasons start with it).
    pub fn kind(&self) -> &'static str {
        match self {
            ClientError::Status { .. } => "http-status",
            ClientError::Timeout(_) => "timeout",
            ClientError::Connection(_) => "connection",
            ClientError::Malformed(_) => "malformed-reply",
            ClientError::Config(_) => "config",
        }
    }
}

/// How the client talks to its endpoint.
#[derive(Clone, Debug)]
pub struct ClientConfig {
    /// The API root, e.g. `https://api.openai.com/v1` or `http://127.0.0.1:8080/v1`.
    pub base_url: String,
    pub api_key: Option<String>,
    /// Requests in flight at once.
    pub concurrency: usize,
    /// Requests per minute (0: no limit).
    pub rpm: u32,
    /// Tokens (prompt + completion) per minute (0: no limit).
    pub tpm: u64,
    /// Per-request timeout.
    pub timeout: Duration,
    /// Retries after the first attempt.
    pub retries: u32,
    /// The first backoff; doubled on every retry, with jitter, capped at [`MAX_BACKOFF`].
    pub backoff: Duration,
    /// Where replies are cached (None: no cache).
    pub cache_dir: Option<PathBuf>,
}

/// No backoff waits longer than this (a `Retry-After` may ask for longer and is honoured up
/// to [`MAX_RETRY_AFTER`]).
pub const MAX_BACKOFF: Duration = Duration::from_secs(60);
/// The longest `Retry-After` honoured as sent; longer ones are cut to this.
pub const MAX_RETRY_AFTER: Duration = Duration::from_secs(600);

/// Requests, cache hits and tokens for one model.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModelUsage {
    /// Requests answered by the server (not counting retries).
    pub requests: u64,
    /// Requests answered from the cache.
    pub cached: u64,
    /// Attempts repeated after a retryable failure.
    pub retries: u64,
    /// Requests that gave no reply after all retries.
    pub failures: u64,
    pub prompt_tokens: u64,
    pub completion_tokens: u64,
}

/// The client. Share one between threads (`&Client`): the limits are over all of them.
pub struct Client {
    config: ClientConfig,
    http: reqwest::blocking::Client,
    in_flight: Mutex<usize>,
    slot_free: Condvar,
    /// Requests of the last minute: when each was sent and the tokens it took.
    window: Mutex<VecDeque<(Instant, u64)>>,
    /// The rate limits' window: a minute (shorter only in tests).
    rate_window: Duration,
    usage: Mutex<BTreeMap<String, ModelUsage>>,
    /// Jitter state (xorshift): no cryptographic need, only spread.
    jitter: Mutex<u64>,
}

impl Client {
    pub fn new(config: ClientConfig) -> Result<Client, ClientError> {
        let http = reqwest::blocking::Client::builder()
            .timeout(config.timeout)
            .connect_timeout(config.timeout.min(Duration::from_secs(30)))
            .build()
            .map_err(|e| ClientError::Config(format!("HTTP client: {e}")))?;
        if let Some(dir) = &config.cache_dir {
            std::fs::create_dir_all(dir).map_err(|e| ClientError::Config(format!("cache directory {}: {e}", dir.display())))?;
        }
        let seed = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0x9e37_79b9, |d| d.as_nanos() as u64) | 1;
        Ok(Client {
            config,
            http,
            in_flight: Mutex::new(0),
            slot_free: Condvar::new(),
            window: Mutex::new(VecDeque::new()),
            rate_window: Duration::from_secs(60),
            usage: Mutex::new(BTreeMap::new()),
            jitter: Mutex::new(seed),
        })
    }

    pub fn config(&self) -> &ClientConfig {
        &self.config
    }

    /// Usage so far, per model.
    pub fn usage(&self) -> BTreeMap<String, ModelUsage> {
        self.usage.lock().map(|u| u.clone()).unwrap_or_default()
    }

    /// Send a chat request (or read its cached reply). `sample` tells apart requests with the
    /// same body that should get different replies (the second, third ... candidate from a
    /// server that ignores `n`); it is part of the cache key, not of the body.
    pub fn chat(&self, request: &ChatRequest, sample: usize) -> Result<ChatResponse, ClientError> {
        let body = serde_json::to_string(request).map_err(|e| ClientError::Config(e.to_string()))?;
        let cache = self.cache_path(&body, sample);
        if let Some(path) = &cache {
            if let Some(reply) = std::fs::read_to_string(path).ok().and_then(|text| serde_json::from_str::<ChatResponse>(&text).ok()) {
                self.count(&request.model, |u| u.cached += 1);
                return Ok(reply);
            }
        }
        let result = self.send_with_retries(request, &body);
        match &result {
            Ok(reply) => {
                let usage = reply.usage.unwrap_or_default();
                self.count(&request.model, |u| {
                    u.requests += 1;
                    u.prompt_tokens += usage.prompt_tokens;
                    u.completion_tokens += usage.completion_tokens;
                });
                if let Some(path) = &cache {
                    // Written whole then renamed, so a killed run never leaves a torn entry.
                    if let Ok(text) = serde_json::to_string(reply) {
                        let tmp = path.with_extension(format!("tmp{}", std::process::id()));
                        if std::fs::write(&tmp, text).is_ok() {
                            let _ = std::fs::rename(&tmp, path);
                        }
                    }
                }
            }
            Err(_) => self.count(&request.model, |u| u.failures += 1),
        }
        result
    }

    fn cache_path(&self, body: &str, sample: usize) -> Option<PathBuf> {
        let dir = self.config.cache_dir.as_ref()?;
        let mut hash = Sha256::new();
        hash.update(self.endpoint().as_bytes());
        hash.update([0]);
        hash.update(body.as_bytes());
        hash.update([0]);
        hash.update(sample.to_le_bytes());
        let hex: String = hash.finalize().iter().map(|b| format!("{b:02x}")).collect();
        Some(dir.join(format!("{hex}.json")))
    }

    fn endpoint(&self) -> String {
        format!("{}/chat/completions", self.config.base_url.trim_end_matches('/'))
    }

    fn count(&self, model: &str, f: impl FnOnce(&mut ModelUsage)) {
        if let Ok(mut usage) = self.usage.lock() {
            f(usage.entry(model.to_string()).or_default());
        }
    }

    fn send_with_retries(&self, request: &ChatRequest, body: &str) -> Result<ChatResponse, ClientError> {
        // Prompt tokens estimated at four bytes a token, plus what the reply may take.
        let estimate = body.len() as u64 / 4 + u64::from(request.max_tokens.unwrap_or(256)) * request.n.unwrap_or(1) as u64;
        let mut attempt = 0u32;
        loop {
            let outcome = {
                let _slot = self.acquire();
                let sent = self.wait_for_rate(estimate);
                let outcome = self.send_once(body);
                if let Ok(reply) = &outcome {
                    if let Some(usage) = reply.usage {
                        self.correct_tokens(sent, usage.prompt_tokens + usage.completion_tokens);
                    }
                }
                outcome
            };
            match outcome {
                Ok(reply) => return Ok(reply),
                Err(Attempt::Final(e)) => return Err(e),
                Err(Attempt::Retry(e, retry_after)) => {
                    if attempt >= self.config.retries {
                        return Err(e);
                    }
                    let wait = retry_after.map(|w| w.min(MAX_RETRY_AFTER)).unwrap_or_else(|| self.backoff(attempt));
                    self.count(&request.model, |u| u.retries += 1);
                    std::thread::sleep(wait);
                    attempt += 1;
                }
            }
        }
    }

    /// Exponential backoff with "full jitter": a random wait between half and all of
    /// `backoff * 2^attempt`, so clients that failed together do not retry together.
    fn backoff(&self, attempt: u32) -> Duration {
        let full = self.config.backoff.saturating_mul(1u32 << attempt.min(16)).min(MAX_BACKOFF);
        let random = self
            .jitter
            .lock()
            .map(|mut x| {
                *x ^= *x << 13;
                *x ^= *x >> 7;
                *x ^= *x << 17;
                *x
            })
            .unwrap_or(0);
        let fraction = 0.5 + (random % 1000) as f64 / 2000.0;
        full.mul_f64(fraction)
    }

    fn send_once(&self, body: &str) -> Result<ChatResponse, Attempt> {
        let mut builder = self.http.post(self.endpoint()).header("content-type", "application/json").body(body.to_string());
        if let Some(key) = &self.config.api_key {
            builder = builder.bearer_auth(key);
        }
        let response = builder.send().map_err(|e| self.transport_error(e))?;
        let status = response.status();
        let retry_after = response.headers().get("retry-after").and_then(|v| v.to_str().ok()).and_then(parse_retry_after);
        let text = response.text().map_err(|e| self.transport_error(e))?;
        if !status.is_success() {
            let error = ClientError::Status { status: status.as_u16(), body: shorten(&text, 300) };
            let retryable = matches!(status.as_u16(), 408 | 409 | 429) || status.is_server_error();
            return Err(if retryable { Attempt::Retry(error, retry_after) } else { Attempt::Final(error) });
        }
        let reply: ChatResponse = serde_json::from_str(&text).map_err(|e| Attempt::Final(ClientError::Malformed(format!("{e}: {}", shorten(&text, 200)))))?;
        if reply.choices.is_empty() {
            return Err(Attempt::Final(ClientError::Malformed(format!("no choices: {}", shorten(&text, 200)))));
        }
        Ok(reply)
    }

    fn transport_error(&self, e: reqwest::Error) -> Attempt {
        if e.is_timeout() {
            Attempt::Retry(ClientError::Timeout(self.config.timeout), None)
        } else if e.is_builder() {
            Attempt::Final(ClientError::Config(e.to_string()))
        } else {
            let mut message = e.to_string();
            let mut source = std::error::Error::source(&e);
            while let Some(s) = source {
                message = format!("{message}: {s}");
                source = s.source();
            }
            Attempt::Retry(ClientError::Connection(message), None)
        }
    }

    /// Wait for a free slot under the concurrency limit; the slot is freed when dropped.
    fn acquire(&self) -> Slot<'_> {
        let limit = self.config.concurrency.max(1);
        let mut n = self.in_flight.lock().unwrap_or_else(|p| p.into_inner());
        while *n >= limit {
            n = self.slot_free.wait(n).unwrap_or_else(|p| p.into_inner());
        }
        *n += 1;
        Slot(self)
    }

    /// Wait until one more request of `tokens` fits the per-minute limits, then enter it in
    /// the window; returns its time stamp (to correct its tokens later).
    fn wait_for_rate(&self, tokens: u64) -> Instant {
        let minute = self.rate_window;
        loop {
            let wait = {
                let mut window = self.window.lock().unwrap_or_else(|p| p.into_inner());
                let now = Instant::now();
                while window.front().is_some_and(|(t, _)| now.duration_since(*t) >= minute) {
                    window.pop_front();
                }
                let used: u64 = window.iter().map(|(_, n)| n).sum();
                let rpm_full = self.config.rpm > 0 && window.len() >= self.config.rpm as usize;
                // A request larger than the whole budget still goes out, alone in its minute.
                let tpm_full = self.config.tpm > 0 && !window.is_empty() && used + tokens > self.config.tpm;
                if !rpm_full && !tpm_full {
                    window.push_back((now, tokens));
                    return now;
                }
                window.front().map_or(Duration::from_millis(10), |(t, _)| minute.saturating_sub(now.duration_since(*t)) + Duration::from_millis(5))
            };
            std::thread::sleep(wait);
        }
    }

    fn correct_tokens(&self, sent: Instant, actual: u64) {
        if let Ok(mut window) = self.window.lock() {
            if let Some(entry) = window.iter_mut().find(|(t, _)| *t == sent) {
                entry.1 = actual;
            }
        }
    }
}

/// One attempt's failure: worth retrying (with the server's `Retry-After`) or final.
enum Attempt {
    Retry(ClientError, Option<Duration>),
    Final(ClientError),
}

/// A held concurrency slot.
struct Slot<'a>(&'a Client);

impl Drop for Slot<'_> {
    fn drop(&mut self) {
        let mut n = self.0.in_flight.lock().unwrap_or_else(|p| p.into_inner());
        *n = n.saturating_sub(1);
        self.0.slot_free.notify_one();
    }
}

/// `Retry-After` as seconds (the form rate limiters send) or an HTTP date (IMF-fixdate,
/// `Wed, 21 Oct 2015 07:28:00 GMT`: the wait until then, nothing if it has passed). Other
/// forms are ignored and the backoff decides.
fn parse_retry_after(value: &str) -> Option<Duration> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<f64>() {
        return (seconds.is_finite() && seconds >= 0.0).then(|| Duration::from_secs_f64(seconds));
    }
    let at = http_date(value)?;
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).ok()?.as_secs() as i64;
    Some(Duration::from_secs(at.saturating_sub(now).max(0) as u64))
}

/// Unix seconds of an IMF-fixdate.
fn http_date(value: &str) -> Option<i64> {
    let (_, rest) = value.split_once(", ")?;
    let parts: Vec<&str> = rest.split_whitespace().collect();
    let [day, month, year, time, "GMT"] = parts.as_slice() else { return None };
    let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let month = months.iter().position(|m| m == month)? as i64 + 1;
    let (day, year): (i64, i64) = (day.parse().ok()?, year.parse().ok()?);
    let hms: Vec<i64> = time.split(':').map(|p| p.parse().ok()).collect::<Option<_>>()?;
    let [h, m, sec] = hms.as_slice() else { return None };
    // Days from the civil date (Howard Hinnant's algorithm).
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * ((month + 9) % 12) + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    Some(days * 86_400 + h * 3600 + m * 60 + sec)
}

fn shorten(text: &str, max: usize) -> String {
    if text.len() <= max {
        return text.to_string();
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}…", &text[..end])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_seconds() {
        assert_eq!(parse_retry_after("2"), Some(Duration::from_secs(2)));
        assert_eq!(parse_retry_after(" 0.5 "), Some(Duration::from_millis(500)));
        // A date in the past: no wait; the format itself read right.
        assert_eq!(parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT"), Some(Duration::ZERO));
        assert_eq!(http_date("Wed, 21 Oct 2015 07:28:00 GMT"), Some(1_445_412_480));
        assert_eq!(http_date("Thu, 01 Jan 1970 00:00:00 GMT"), Some(0));
        assert_eq!(http_date("Tue, 29 Feb 2000 12:00:01 GMT"), Some(951_825_601));
        assert_eq!(parse_retry_after("soon"), None);
        assert_eq!(parse_retry_after("-1"), None);
    }

    fn client(rpm: u32, tpm: u64) -> Client {
        Client::new(ClientConfig {
            base_url: "http://127.0.0.1:1/v1".into(),
            api_key: None,
            concurrency: 1,
            rpm,
            tpm,
            timeout: Duration::from_secs(1),
            retries: 0,
            backoff: Duration::from_millis(100),
            cache_dir: None,
        })
        .expect("client")
    }

    #[test]
    fn requests_and_tokens_per_window_are_limited() {
        let mut limited = client(2, 0);
        limited.rate_window = Duration::from_millis(300);
        let start = Instant::now();
        for _ in 0..4 {
            limited.wait_for_rate(10);
        }
        // Two requests per window: the third and fourth wait for the first window to pass.
        assert!(start.elapsed() >= Duration::from_millis(300), "{:?}", start.elapsed());
        let mut tokens = client(0, 100);
        tokens.rate_window = Duration::from_millis(300);
        let start = Instant::now();
        let first = tokens.wait_for_rate(80);
        // The server said the first took 30 tokens: a second of 60 fits at once.
        tokens.correct_tokens(first, 30);
        tokens.wait_for_rate(60);
        assert!(start.elapsed() < Duration::from_millis(250));
        // A third of 60 does not fit (90 used): it waits for the window.
        tokens.wait_for_rate(60);
        assert!(start.elapsed() >= Duration::from_millis(250), "{:?}", start.elapsed());
        // A request larger than the whole budget still goes, alone.
        let start = Instant::now();
        client(0, 10).wait_for_rate(1000);
        assert!(start.elapsed() < Duration::from_millis(100));
    }

    #[test]
    fn backoff_grows_with_jitter_and_is_capped() {
        let client = client(0, 0);
        for attempt in 0..5 {
            let full = Duration::from_millis(100 * (1 << attempt));
            let wait = client.backoff(attempt);
            assert!(wait >= full / 2 && wait <= full, "{attempt}: {wait:?}");
        }
        assert!(client.backoff(30) <= MAX_BACKOFF);
    }
}
