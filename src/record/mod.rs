//! Terminal recordings of edits (asciicast v2) and final screens, from two sources: real Vim
//! on a pseudo-terminal ([`pty`]) and the emulator drawing its own screen ([`draw`],
//! [`emu`]). [`screen::Screen`] is their common ground: `vimdata diff --screen` replays Vim's
//! output through a terminal emulator into one and compares it with the emulator's.

pub mod cast;
pub mod draw;
pub mod differential;
pub mod emu;
pub mod pty;
pub mod recording;
pub mod screen;

pub use cast::{Cast, EventKind};
pub use screen::{Screen, ScreenAgreement};
