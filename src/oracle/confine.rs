//! Confining a local Vim process: resource limits, its own session (so a timeout kills it
//! whole), `no_new_privs`, and a Landlock ruleset that lets it write only inside the record's
//! directory and read only the system's program files. Landlock needs Linux 5.13+; without it
//! the run goes on with the other limits (docs/oracle.md says what that leaves open).

use std::ffi::CString;
use std::io;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd, RawFd};
use std::os::unix::ffi::OsStrExt;
use std::path::Path;

// Landlock filesystem rights (linux/landlock.h).
const EXECUTE: u64 = 1 << 0;
const WRITE_FILE: u64 = 1 << 1;
const READ_FILE: u64 = 1 << 2;
const READ_DIR: u64 = 1 << 3;
const TRUNCATE: u64 = 1 << 14;
const IOCTL_DEV: u64 = 1 << 15;
/// Rights that apply to a file (not a directory) in a rule.
const FILE_RIGHTS: u64 = EXECUTE | WRITE_FILE | READ_FILE | TRUNCATE | IOCTL_DEV;
const READ_RIGHTS: u64 = EXECUTE | READ_FILE | READ_DIR;
const CREATE_RULESET_VERSION: u32 = 1;
const RULE_PATH_BENEATH: u32 = 1;
// Network rights (ABI 4): no TCP bind or connect.
const NET_BIND_TCP: u64 = 1 << 0;
const NET_CONNECT_TCP: u64 = 1 << 1;
// Scopes (ABI 6): no signals to, no abstract sockets of, processes outside the sandbox.
const SCOPE_ABSTRACT_UNIX_SOCKET: u64 = 1 << 0;
const SCOPE_SIGNAL: u64 = 1 << 1;

/// Where Vim may read (program files, shared libraries, terminfo, its runtime). Missing paths
/// are skipped.
const READABLE: &[&str] = &[
    "/usr",
    "/lib",
    "/lib64",
    "/lib32",
    "/bin",
    "/sbin",
    "/etc/ld.so.cache",
    "/etc/terminfo",
    "/etc/vim",
    "/dev/null",
];

/// Per-process limits: memory, written file size, core dumps.
const MEMORY_LIMIT: u64 = 1 << 30;
const FILE_SIZE_LIMIT: u64 = 256 << 20;

#[repr(C)]
struct RulesetAttr {
    handled_access_fs: u64,
    handled_access_net: u64,
    scoped: u64,
}

#[repr(C, packed)]
struct PathBeneathAttr {
    allowed_access: u64,
    parent_fd: i32,
}

/// The kernel's Landlock ABI version, or `None` without Landlock.
pub(crate) fn landlock_abi() -> Option<u32> {
    // SAFETY: the documented version query: null attribute, size 0, the version flag.
    let abi = unsafe {
        libc::syscall(libc::SYS_landlock_create_ruleset, std::ptr::null::<RulesetAttr>(), 0usize, CREATE_RULESET_VERSION)
    };
    (abi > 0).then_some(abi as u32)
}

/// A Landlock ruleset for one record: full access inside `scratch`, read and execute on the
/// system's program files and on `extra_readable`, nothing else. `None` without Landlock.
pub(crate) fn ruleset_for(scratch: &Path, extra_readable: &[&Path]) -> io::Result<Option<OwnedFd>> {
    let Some(abi) = landlock_abi() else { return Ok(None) };
    let mut handled = READ_RIGHTS | WRITE_FILE | (0b1_1111_1111 << 4); // remove/make rights
    if abi >= 2 {
        handled |= 1 << 13; // REFER
    }
    if abi >= 3 {
        handled |= TRUNCATE;
    }
    if abi >= 5 {
        handled |= IOCTL_DEV;
    }
    let attr = RulesetAttr {
        handled_access_fs: handled,
        handled_access_net: if abi >= 4 { NET_BIND_TCP | NET_CONNECT_TCP } else { 0 },
        scoped: if abi >= 6 { SCOPE_ABSTRACT_UNIX_SOCKET | SCOPE_SIGNAL } else { 0 },
    };
    let size = match abi {
        1..=3 => 8,
        4 | 5 => 16,
        _ => std::mem::size_of::<RulesetAttr>(),
    };
    // SAFETY: `attr` outlives the call and `size` does not exceed it.
    let fd = unsafe { libc::syscall(libc::SYS_landlock_create_ruleset, &attr as *const RulesetAttr, size, 0u32) };
    if fd < 0 {
        return Err(io::Error::last_os_error());
    }
    // SAFETY: the kernel just returned this descriptor to us.
    let ruleset = unsafe { OwnedFd::from_raw_fd(fd as RawFd) };
    for path in READABLE.iter().map(Path::new).chain(extra_readable.iter().copied()) {
        let rights = if path == Path::new("/dev/null") { READ_FILE | WRITE_FILE } else { READ_RIGHTS };
        add_rule(&ruleset, path, rights & handled)?;
    }
    add_rule(&ruleset, scratch, handled)?;
    Ok(Some(ruleset))
}

/// Allow `rights` beneath `path` (skipped when `path` does not exist).
fn add_rule(ruleset: &OwnedFd, path: &Path, rights: u64) -> io::Result<()> {
    let c_path = CString::new(path.as_os_str().as_bytes()).map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, e))?;
    // SAFETY: a valid NUL-terminated path; O_PATH opens nothing for reading.
    let fd = unsafe { libc::open(c_path.as_ptr(), libc::O_PATH | libc::O_CLOEXEC) };
    if fd < 0 {
        return Ok(());
    }
    // SAFETY: the kernel just returned this descriptor to us.
    let fd = unsafe { OwnedFd::from_raw_fd(fd) };
    let is_dir = std::fs::metadata(path).map(|m| m.is_dir()).unwrap_or(false);
    let attr = PathBeneathAttr { allowed_access: if is_dir { rights } else { rights & FILE_RIGHTS }, parent_fd: fd.as_raw_fd() };
    // SAFETY: both descriptors are open and `attr` outlives the call.
    let rc = unsafe {
        libc::syscall(libc::SYS_landlock_add_rule, ruleset.as_raw_fd(), RULE_PATH_BENEATH, &attr as *const PathBeneathAttr, 0u32)
    };
    if rc < 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(())
}

/// Run in the child between fork and exec: a session of its own, limits, `no_new_privs`, and
/// the ruleset. Only async-signal-safe calls.
pub(crate) fn confine_child(ruleset: Option<RawFd>) -> io::Result<()> {
    // SAFETY: plain system calls on values owned by this process.
    unsafe {
        if libc::setsid() < 0 {
            return Err(io::Error::last_os_error());
        }
        for (resource, limit) in [
            (libc::RLIMIT_AS, MEMORY_LIMIT),
            (libc::RLIMIT_FSIZE, FILE_SIZE_LIMIT),
            (libc::RLIMIT_CORE, 0),
        ] {
            let rl = libc::rlimit { rlim_cur: limit, rlim_max: limit };
            if libc::setrlimit(resource, &rl) < 0 {
                return Err(io::Error::last_os_error());
            }
        }
        if libc::prctl(libc::PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0 {
            return Err(io::Error::last_os_error());
        }
        if let Some(fd) = ruleset {
            if libc::syscall(libc::SYS_landlock_restrict_self, fd, 0u32) < 0 {
                return Err(io::Error::last_os_error());
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ruleset_builds_where_landlock_exists() {
        let dir = tempfile::tempdir().expect("tempdir");
        match (landlock_abi(), ruleset_for(dir.path(), &[])) {
            (Some(_), Ok(Some(_))) | (None, Ok(None)) => {}
            (abi, other) => panic!("abi {abi:?} but ruleset {other:?}"),
        }
    }
}
