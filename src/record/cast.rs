//! asciicast v2 (the format of asciinema): a JSON header line (`version`, `width`, `height`,
//! `timestamp`, `title`, `env`, `idle_time_limit`), then one JSON array per event:
//! `[seconds, "o", output]` for what the terminal printed and `[seconds, "i", keys]` for what
//! was typed. Writing caps every pause at the idle limit (so a recording never stalls), and a
//! reader checks files against the format.

use std::io::{self, Write};

/// One event of a recording.
#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    /// Seconds since the start.
    pub time: f64,
    /// `"o"` (output) or `"i"` (input).
    pub kind: EventKind,
    pub data: String,
}

/// What an event carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EventKind {
    Output,
    Input,
}

impl EventKind {
    fn code(self) -> &'static str {
        match self {
            EventKind::Output => "o",
            EventKind::Input => "i",
        }
    }
}

/// A recording: terminal size, title, and its events in time order.
#[derive(Clone, Debug, PartialEq)]
pub struct Cast {
    pub width: u16,
    pub height: u16,
    /// Unix time of the start.
    pub timestamp: u64,
    pub title: String,
    /// `TERM` and `SHELL` as asciinema records them.
    pub term: String,
    /// The longest pause kept, in seconds.
    pub idle_time_limit: f64,
    pub events: Vec<Event>,
}

impl Cast {
    /// An empty recording started now.
    pub fn new(width: u16, height: u16, title: &str, term: &str, idle_time_limit: f64) -> Cast {
        let timestamp = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
        Cast { width, height, timestamp, title: title.to_string(), term: term.to_string(), idle_time_limit, events: Vec::new() }
    }

    /// Add an event; its time is clamped so events stay in order.
    pub fn push(&mut self, time: f64, kind: EventKind, data: impl Into<String>) {
        let time = self.events.last().map_or(time, |last| time.max(last.time));
        self.events.push(Event { time, kind, data: data.into() });
    }

    /// Write the recording, every pause longer than the idle limit shortened to it.
    pub fn write(&self, out: &mut impl Write) -> io::Result<()> {
        let header = serde_json::json!({
            "version": 2,
            "width": self.width,
            "height": self.height,
            "timestamp": self.timestamp,
            "title": self.title,
            "idle_time_limit": self.idle_time_limit,
            "env": {"TERM": self.term, "SHELL": "/bin/sh"},
        });
        writeln!(out, "{header}")?;
        let (mut last, mut shifted) = (0.0f64, 0.0f64);
        for event in &self.events {
            let gap = (event.time - last).max(0.0);
            shifted += gap.min(self.idle_time_limit);
            last = event.time;
            let line = serde_json::json!([(shifted * 1e6).round() / 1e6, event.kind.code(), event.data]);
            writeln!(out, "{line}")?;
        }
        Ok(())
    }

    /// The recording as a string (see [`Cast::write`]).
    pub fn to_string_lossless(&self) -> String {
        let mut bytes = Vec::new();
        // Writing to a Vec cannot fail.
        let _ = self.write(&mut bytes);
        String::from_utf8_lossy(&bytes).into_owned()
    }

    /// Read an asciicast v2 file, checking its header and every event.
    pub fn parse(text: &str) -> Result<Cast, String> {
        let mut lines = text.lines().filter(|l| !l.trim().is_empty());
        let header: serde_json::Value = serde_json::from_str(lines.next().ok_or("empty file")?).map_err(|e| format!("header: {e}"))?;
        if header["version"] != 2 {
            return Err("header: version is not 2".into());
        }
        let size = |key: &str| header[key].as_u64().and_then(|v| u16::try_from(v).ok()).ok_or(format!("header: no {key}"));
        let mut cast = Cast {
            width: size("width")?,
            height: size("height")?,
            timestamp: header["timestamp"].as_u64().unwrap_or(0),
            title: header["title"].as_str().unwrap_or("").to_string(),
            term: header["env"]["TERM"].as_str().unwrap_or("").to_string(),
            idle_time_limit: header["idle_time_limit"].as_f64().unwrap_or(f64::INFINITY),
            events: Vec::new(),
        };
        for (n, line) in lines.enumerate() {
            let value: serde_json::Value = serde_json::from_str(line).map_err(|e| format!("event {n}: {e}"))?;
            let (Some(time), Some(code), Some(data)) = (value[0].as_f64(), value[1].as_str(), value[2].as_str()) else {
                return Err(format!("event {n}: not [time, code, data]"));
            };
            let kind = match code {
                "o" => EventKind::Output,
                "i" => EventKind::Input,
                other => return Err(format!("event {n}: unknown code {other:?}")),
            };
            if cast.events.last().is_some_and(|e: &Event| e.time > time) {
                return Err(format!("event {n}: time goes backwards"));
            }
            cast.events.push(Event { time, kind, data: data.to_string() });
        }
        Ok(cast)
    }

    /// Everything the terminal printed, in order.
    pub fn output(&self) -> String {
        self.events.iter().filter(|e| e.kind == EventKind::Output).map(|e| e.data.as_str()).collect()
    }
}

/// Turns a byte stream into UTF-8 text for output events without splitting a character
/// across two events: an incomplete sequence at the end waits for the next chunk.
#[derive(Default)]
pub struct Utf8Chunker {
    pending: Vec<u8>,
}

impl Utf8Chunker {
    /// The text of `bytes` (with what was held back before), holding back an incomplete end.
    pub fn push(&mut self, bytes: &[u8]) -> String {
        self.pending.extend_from_slice(bytes);
        let keep = match std::str::from_utf8(&self.pending) {
            Ok(_) => 0,
            Err(e) if e.error_len().is_none() => self.pending.len() - e.valid_up_to(),
            Err(_) => 0,
        };
        let split = self.pending.len() - keep;
        let text = String::from_utf8_lossy(&self.pending[..split]).into_owned();
        self.pending.drain(..split);
        text
    }

    /// What is left at the end of the stream.
    pub fn finish(&mut self) -> String {
        let text = String::from_utf8_lossy(&self.pending).into_owned();
        self.pending.clear();
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn written_casts_parse_back_with_pauses_capped() {
        let mut cast = Cast::new(80, 24, "t", "xterm-256color", 1.0);
        cast.push(0.5, EventKind::Output, "a\u{1b}[1m");
        cast.push(4.0, EventKind::Input, "x");
        cast.push(4.25, EventKind::Output, "é");
        let parsed = Cast::parse(&cast.to_string_lossless()).expect("parses");
        let times: Vec<f64> = parsed.events.iter().map(|e| e.time).collect();
        assert_eq!(times, vec![0.5, 1.5, 1.75]);
        assert_eq!(parsed.output(), "a\u{1b}[1mé");
        assert_eq!((parsed.width, parsed.height, parsed.term.as_str()), (80, 24, "xterm-256color"));
    }

    #[test]
    fn bad_files_are_rejected() {
        assert!(Cast::parse("").is_err());
        assert!(Cast::parse("{\"version\": 1, \"width\": 1, \"height\": 1}").is_err());
        assert!(Cast::parse("{\"version\": 2, \"width\": 1, \"height\": 1}\n[1, \"x\", \"a\"]").is_err());
        assert!(Cast::parse("{\"version\": 2, \"width\": 1, \"height\": 1}\n[2, \"o\", \"a\"]\n[1, \"o\", \"b\"]").is_err());
    }

    #[test]
    fn split_characters_wait_for_their_end() {
        let mut chunker = Utf8Chunker::default();
        assert_eq!(chunker.push(b"a\xc3"), "a");
        assert_eq!(chunker.push(b"\xa9b"), "\u{e9}b");
        assert_eq!(chunker.finish(), "");
    }
}
