//! The LLM proposer: keystroke programs from a language model behind any OpenAI-compatible
//! chat-completions endpoint, each one proven before it is kept.
//!
//! For one pair: the prompt ([`prompt`]) shows the contract, the few-shot examples nearest the
//! pair's edit shape from the pool of proven records, and the task; the model gives `n`
//! candidates (the `n` parameter, topped up with further samples from servers that ignore
//! it). Each candidate's keys are read from its reply ([`parse`]) and judged; a wrong one is
//! answered with a feedback turn (the diff against the target, or the refusal or error) for
//! up to `turns` more tries. Every try is a proposal: kept if proven, rejected with its verdict
//! otherwise. The HTTP side (limits, retries, cache, usage) is in [`client`].

pub mod client;
pub mod parse;
pub mod prompt;

use crate::dataset::validate::Verdict;
use crate::keys::format_keys;

use client::{ChatRequest, Client, ClientError, Message};
use prompt::{Feedback, Pool};

/// How the model is asked.
#[derive(Clone, Debug)]
pub struct LlmConfig {
    pub model: String,
    /// Candidates per pair.
    pub n: usize,
    /// Feedback turns after a wrong candidate.
    pub turns: usize,
    pub temperature: f64,
    pub max_tokens: Option<u32>,
    /// Few-shot examples shown.
    pub shots: usize,
    /// Pairs larger than this (source and target bytes) are not sent: a file-depth pair of
    /// thousands of lines costs a long prompt for little chance of a proven answer.
    pub max_pair_bytes: usize,
}

/// A model with its client.
pub struct Llm {
    pub client: Client,
    pub config: LlmConfig,
}

/// The judgement of one program, as the pipeline gives it.
#[derive(Clone, Debug)]
pub struct Judged {
    pub verdict: Verdict,
    /// `emulator` or `vim`.
    pub proven_by: &'static str,
    /// Why it is not a match (empty for a match).
    pub reason: String,
    /// The text the program gave, when it ran.
    pub output: Option<String>,
}

/// What became of one try.
#[derive(Clone, Debug)]
pub enum Outcome {
    /// Keys were read and judged.
    Judged { keys: String, keystrokes: usize, judged: Judged },
    /// The reply held no program.
    NoKeys(String),
    /// The request got no reply.
    RequestFailed(ClientError),
}

/// One try: candidate `candidate`, feedback turn `turn` (0 for the first answer).
#[derive(Clone, Debug)]
pub struct Proposal {
    pub candidate: usize,
    pub turn: usize,
    pub reply: String,
    pub outcome: Outcome,
}

impl Proposal {
    pub fn proven(&self) -> bool {
        matches!(&self.outcome, Outcome::Judged { judged, .. } if judged.verdict == Verdict::Match)
    }
}

impl Llm {
    /// Ask for programs for one pair; `judge` proves a program given in key notation.
    pub fn propose(&self, pair_id: &str, source: &str, target: &str, pool: &Pool, judge: &(dyn Fn(&str) -> Judged + Sync)) -> Vec<Proposal> {
        let n = self.config.n.max(1);
        let examples = pool.nearest(pair_id, source, target, self.config.shots);
        let opening = prompt::messages(&examples, source, target);
        let first = self.request(opening.clone(), n);
        let mut replies = match self.client.chat(&first, 0) {
            Ok(reply) => reply.texts(),
            Err(e) => return vec![Proposal { candidate: 0, turn: 0, reply: String::new(), outcome: Outcome::RequestFailed(e) }],
        };
        replies.truncate(n);
        let mut proposals = Vec::new();
        // A server that ignores `n` gave fewer: ask again, each sample its own cache entry.
        let single = self.request(opening.clone(), 1);
        for sample in replies.len()..n {
            match self.client.chat(&single, sample) {
                Ok(reply) => replies.push(reply.texts().into_iter().next().unwrap_or_default()),
                Err(e) => {
                    proposals.push(Proposal { candidate: sample, turn: 0, reply: String::new(), outcome: Outcome::RequestFailed(e) });
                    break;
                }
            }
        }
        for (candidate, reply) in replies.into_iter().enumerate() {
            self.converse(candidate, opening.clone(), reply, target, judge, &mut proposals);
        }
        proposals.sort_by_key(|p| (p.candidate, p.turn));
        proposals
    }

    /// Judge a candidate's reply and, while it is wrong and turns remain, show it what its
    /// keys did and ask again.
    fn converse(&self, candidate: usize, mut messages: Vec<Message>, mut reply: String, target: &str, judge: &(dyn Fn(&str) -> Judged + Sync), out: &mut Vec<Proposal>) {
        for turn in 0..=self.config.turns {
            let (outcome, feedback) = match parse::parse_reply(&reply) {
                Err(why) => (Outcome::NoKeys(why.0.clone()), prompt::feedback(&Feedback::NoKeys(&why.0))),
                Ok(parsed) => {
                    let keys = format_keys(&parsed.keys);
                    let judged = judge(&keys);
                    let feedback = match (&judged.verdict, &judged.output) {
                        (Verdict::Match, _) => String::new(),
                        (Verdict::Mismatch, Some(got)) => prompt::feedback(&Feedback::Mismatch { got, target }),
                        _ => prompt::feedback(&Feedback::Failed(&judged.reason)),
                    };
                    (Outcome::Judged { keys, keystrokes: parsed.keys.len(), judged }, feedback)
                }
            };
            let proposal = Proposal { candidate, turn, reply: reply.clone(), outcome };
            let proven = proposal.proven();
            out.push(proposal);
            if proven || turn == self.config.turns {
                return;
            }
            messages.push(Message::assistant(reply));
            messages.push(Message::user(feedback));
            match self.client.chat(&self.request(messages.clone(), 1), 0) {
                Ok(next) => reply = next.texts().into_iter().next().unwrap_or_default(),
                Err(e) => {
                    out.push(Proposal { candidate, turn: turn + 1, reply: String::new(), outcome: Outcome::RequestFailed(e) });
                    return;
                }
            }
        }
    }

    fn request(&self, messages: Vec<Message>, n: usize) -> ChatRequest {
        ChatRequest {
            model: self.config.model.clone(),
            messages,
            n: (n > 1).then_some(n),
            temperature: self.config.temperature,
            max_tokens: self.config.max_tokens,
        }
    }
}

/// `f` over `items` on `workers` threads, results in the items' order. The LLM's work is
/// waiting on the network, so it gets its own threads rather than the CPU-sized rayon pool.
pub fn map_threads<T: Sync, R: Send>(items: &[T], workers: usize, f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Mutex;
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<R>>> = Mutex::new((0..items.len()).map(|_| None).collect());
    std::thread::scope(|scope| {
        for _ in 0..workers.clamp(1, items.len().max(1)) {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(item) = items.get(i) else { break };
                let r = f(item);
                if let Ok(mut results) = results.lock() {
                    results[i] = Some(r);
                }
            });
        }
    });
    results.into_inner().unwrap_or_else(|p| p.into_inner()).into_iter().flatten().collect()
}
