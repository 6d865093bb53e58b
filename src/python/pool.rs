//! The worker threads of the batch functions: a rayon pool of the module's own, built on first
//! use in each process.
//!
//! Rayon's global pool cannot be used: `datasets.map(num_proc=N)`, Spark's Python workers
//! and `multiprocessing` fork the interpreter, and a forked child inherits a pool whose threads
//! did not survive the fork, so its first parallel call would wait forever. The pool here
//! remembers the process that built it; a child sees another process id and builds its own
//! (the inherited one is leaked, never touched: its locks may be held by threads that are
//! gone). The pool is only taken with the interpreter lock held, so no other thread of ours
//! holds the lock below when Python forks.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use pyo3::prelude::*;
use rayon::ThreadPool;

/// Threads asked for by `set_num_threads`; 0: `VIMDATA_NUM_THREADS`, else every core.
static REQUESTED: AtomicUsize = AtomicUsize::new(0);

struct Built {
    process: u32,
    pool: Arc<ThreadPool>,
}

static POOL: Mutex<Option<Built>> = Mutex::new(None);

/// The threads a pool gets: the requested count, `VIMDATA_NUM_THREADS`, or the cores.
fn thread_count() -> usize {
    match REQUESTED.load(Ordering::Relaxed) {
        0 => std::env::var("VIMDATA_NUM_THREADS")
            .ok()
            .and_then(|v| v.trim().parse().ok())
            .filter(|&n: &usize| n > 0)
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get())),
        n => n,
    }
}

/// This process's pool, built now if it has none (or only its parent's).
pub fn pool() -> PyResult<Arc<ThreadPool>> {
    let mut slot = POOL.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    let process = std::process::id();
    if let Some(built) = slot.as_ref() {
        if built.process == process {
            return Ok(built.pool.clone());
        }
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(thread_count())
        .thread_name(|i| format!("vimdata-{i}"))
        .build()
        .map_err(|e| pyo3::exceptions::PyRuntimeError::new_err(format!("cannot start worker threads: {e}")))?;
    let pool = Arc::new(pool);
    let previous = slot.replace(Built { process, pool: pool.clone() });
    retire(previous, process);
    Ok(pool)
}

/// Drop a replaced pool if this process built it; leak one inherited through a fork.
fn retire(previous: Option<Built>, process: u32) {
    if let Some(built) = previous {
        if built.process != process {
            std::mem::forget(built);
        }
    }
}

/// Use `n` worker threads for the batch functions in this process (`None` or 0: the
/// environment variable `VIMDATA_NUM_THREADS`, else every core). Takes effect on the next call.
#[pyfunction]
#[pyo3(signature = (n = None))]
pub fn set_num_threads(n: Option<usize>) {
    REQUESTED.store(n.unwrap_or(0), Ordering::Relaxed);
    let mut slot = POOL.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    let previous = slot.take();
    retire(previous, std::process::id());
}

/// The number of worker threads the batch functions use in this process.
#[pyfunction]
pub fn get_num_threads() -> usize {
    let slot = POOL.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    match slot.as_ref() {
        Some(built) if built.process == std::process::id() => built.pool.current_num_threads(),
        _ => thread_count(),
    }
}
