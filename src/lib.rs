//! vimdata library root (filled in below).
pub mod keys;
pub mod oracle;
