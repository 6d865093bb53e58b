//! The Docker backend and its image, driven through the engine API (`bollard`), no docker CLI.
//!
//! The image needs no registry: [`build_image`] puts the host's `vim`, the `vimdata` binary,
//! the shared libraries `ldd` names for both, Vim's runtime files and a minimal root into a tar
//! and imports it (`POST /images/create?fromSrc=-`). `sandbox/Dockerfile` builds the same
//! layout from Debian 12 where a registry is reachable.
//!
//! One container serves a whole [`super::Oracle`]: it runs `vimdata sandbox serve`
//! ([`super::protocol`]), which starts a fresh Vim per record. The container has no network, a
//! read-only root, a tmpfs for the records' files, no capabilities, `no-new-privileges`,
//! memory and pid limits, and runs as `nobody`.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::sync::Mutex;
use std::time::Duration;

use bollard::container::{
    AttachContainerOptions, Config, CreateContainerOptions, LogOutput, RemoveContainerOptions, StartContainerOptions,
};
use bollard::image::CreateImageOptions;
use bollard::models::HostConfig;
use bollard::Docker;
use futures_util::{Stream, StreamExt};
use tokio::io::{AsyncWrite, AsyncWriteExt};

use super::harness::RunMode;
use super::local::VimRun;
use super::protocol::{Request, Response};
use super::{OracleError, OracleOptions};
use crate::keys::{to_vim_bytes, Key};

/// The image `vimdata sandbox build` makes and the Docker backend uses by default.
pub const DEFAULT_IMAGE: &str = "vimdata-oracle:latest";

/// Where things live inside the image.
const IMAGE_VIM: &str = "/usr/bin/vim";
const IMAGE_VIMDATA: &str = "/usr/local/bin/vimdata";
/// The fork server's preload library, compiled on the host (the image has no compiler).
const IMAGE_FORK_LIBRARY: &str = "/usr/local/lib/vimdata-fork.so";
const SCRATCH: &str = "/scratch";
/// `nobody:nogroup`.
const SANDBOX_USER: &str = "65534:65534";
const CONTAINER_MEMORY: i64 = 2 << 30;
const SCRATCH_TMPFS: &str = "rw,nosuid,nodev,noexec,size=512m,mode=1777";

/// What `vimdata sandbox check` reports.
#[derive(Clone, Debug)]
pub struct SandboxStatus {
    /// The engine's version, or why it cannot be reached.
    pub engine: Result<String, String>,
    /// The image's id and creation time, or why it is not usable.
    pub image: Result<String, String>,
}

impl SandboxStatus {
    pub fn ready(&self) -> bool {
        self.engine.is_ok() && self.image.is_ok()
    }
}

fn runtime() -> Result<tokio::runtime::Runtime, OracleError> {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| OracleError::Io(format!("cannot start the async runtime: {e}")))
}

fn connect() -> Result<Docker, OracleError> {
    Docker::connect_with_local_defaults().map_err(|e| OracleError::Unavailable(format!("no Docker engine: {e}")))
}

/// Is the engine up, and is `image` there?
pub fn check_sandbox(image: &str) -> SandboxStatus {
    let status = runtime().and_then(|rt| {
        let docker = connect()?;
        Ok(rt.block_on(async {
            let engine = docker
                .version()
                .await
                .map(|v| format!("Docker engine {}", v.version.unwrap_or_default()))
                .map_err(|e| format!("no Docker engine: {e}"));
            let image = match engine {
                Ok(_) => docker
                    .inspect_image(image)
                    .await
                    .map(|i| format!("{} ({})", i.id.unwrap_or_default(), i.created.unwrap_or_default()))
                    .map_err(|e| format!("image {image} not found ({e}): run `vimdata sandbox build`")),
                Err(_) => Err("engine unreachable".to_string()),
            };
            SandboxStatus { engine, image }
        }))
    });
    status.unwrap_or_else(|e| SandboxStatus { engine: Err(e.to_string()), image: Err("engine unreachable".into()) })
}

/// Build the sandbox image from local files and import it as `image`. `vim` and `vimdata` are
/// the host binaries to put in (the `vimdata` binary serves inside the container). Returns a
/// one-line summary.
pub fn build_image(image: &str, vim: &Path, vimdata: &Path) -> Result<String, OracleError> {
    let vim = vim.canonicalize().map_err(|e| OracleError::Unavailable(format!("{}: {e}", vim.display())))?;
    let vimdata = vimdata.canonicalize().map_err(|e| OracleError::Unavailable(format!("{}: {e}", vimdata.display())))?;
    let (files, tar) = root_tar(&vim, &vimdata)?;
    let size = tar.len();
    let (repo, tag) = image.rsplit_once(':').filter(|(_, t)| !t.contains('/')).unwrap_or((image, "latest"));
    let rt = runtime()?;
    let docker = connect()?;
    rt.block_on(async {
        let options = CreateImageOptions {
            from_src: "-",
            repo,
            tag,
            changes: vec!["USER 65534:65534", "WORKDIR /scratch", "ENV TMPDIR=/scratch"],
            ..Default::default()
        };
        let mut progress = docker.create_image(Some(options), Some(tar.into()), None);
        while let Some(item) = progress.next().await {
            let info = item.map_err(|e| OracleError::Io(format!("image import failed: {e}")))?;
            if let Some(error) = info.error {
                return Err(OracleError::Io(format!("image import failed: {error}")));
            }
        }
        Ok(())
    })?;
    Ok(format!("imported {image}: {files} files, {} MiB", size >> 20))
}

/// The image's root file system as a tar: the binaries, their libraries, Vim's runtime, the
/// C.UTF-8 locale, the `dumb` terminfo entry, a minimal `/etc`, and empty `/scratch`, `/tmp`, `/proc`, `/dev`.
fn root_tar(vim: &Path, vimdata: &Path) -> Result<(usize, Vec<u8>), OracleError> {
    let io = |e: std::io::Error| OracleError::Io(format!("building the image: {e}"));
    let mut tar = tar::Builder::new(Vec::new());
    tar.follow_symlinks(false);
    tar.sparse(false);
    let mut count = 0;
    for dir in ["etc", "tmp", "scratch", "proc", "dev", "usr/local/bin", "usr/local/lib", "usr/bin"] {
        let mode = if dir == "tmp" || dir == "scratch" { 0o1777 } else { 0o755 };
        append_dir(&mut tar, dir, mode).map_err(io)?;
    }
    for (binary, at) in [(vim, IMAGE_VIM), (vimdata, IMAGE_VIMDATA)] {
        tar.append_path_with_name(binary, at.trim_start_matches('/')).map_err(io)?;
        count += 1;
    }
    // Without a compiler the image has no fork server and serves with fresh processes.
    if let Ok(library) = super::forkserver::library() {
        tar.append_path_with_name(&library, IMAGE_FORK_LIBRARY.trim_start_matches('/')).map_err(io)?;
        count += 1;
    }
    let mut libraries = BTreeSet::new();
    for binary in [vim, vimdata] {
        libraries.extend(shared_libraries(binary)?);
    }
    let mut made_dirs = BTreeSet::new();
    for library in &libraries {
        if let Some(parent) = library.parent() {
            for dir in parent.ancestors().filter(|d| d.parent().is_some()) {
                let name = dir.to_string_lossy().trim_start_matches('/').to_string();
                if made_dirs.insert(name.clone()) {
                    append_dir(&mut tar, &name, 0o755).map_err(io)?;
                }
            }
        }
        // Resolve symlinks: the image holds the real file under the name the loader asks for.
        let real = library.canonicalize().map_err(io)?;
        tar.append_path_with_name(&real, library.to_string_lossy().trim_start_matches('/')).map_err(io)?;
        count += 1;
    }
    // The C.UTF-8 locale: without it Vim falls back to latin1.
    for tree in ["/usr/share/vim", "/etc/vim", "/usr/lib/locale/C.utf8"] {
        if Path::new(tree).is_dir() {
            tar.append_dir_all(tree.trim_start_matches('/'), tree).map_err(io)?;
            count += 1;
        }
    }
    // The loader's cache (fewer failed lookups per start), iconv's modules for 'fileencoding'
    // conversions, the locale alias table: what Debian's image has too.
    for extra in ["/etc/ld.so.cache", "/etc/nsswitch.conf", "/usr/share/locale/locale.alias"] {
        if Path::new(extra).is_file() {
            tar.append_path_with_name(extra, extra.trim_start_matches('/')).map_err(io)?;
            count += 1;
        }
    }
    let gconv = Path::new("/usr/lib/x86_64-linux-gnu/gconv");
    if gconv.is_dir() {
        tar.append_dir_all(gconv.to_string_lossy().trim_start_matches('/'), gconv).map_err(io)?;
        count += 1;
    }
    for terminfo in ["/lib/terminfo/d/dumb", "/usr/share/terminfo/d/dumb"] {
        if Path::new(terminfo).is_file() {
            tar.append_path_with_name(terminfo, "usr/share/terminfo/d/dumb").map_err(io)?;
            count += 1;
            break;
        }
    }
    for (name, text) in [
        ("etc/passwd", "root:x:0:0:root:/root:/usr/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n"),
        ("etc/group", "root:x:0:\nnogroup:x:65534:\n"),
    ] {
        append_file(&mut tar, name, text.as_bytes()).map_err(io)?;
        count += 1;
    }
    let bytes = tar.into_inner().map_err(io)?;
    Ok((count, bytes))
}

fn append_dir(tar: &mut tar::Builder<Vec<u8>>, name: &str, mode: u32) -> std::io::Result<()> {
    let mut header = tar::Header::new_gnu();
    header.set_entry_type(tar::EntryType::Directory);
    header.set_mode(mode);
    header.set_size(0);
    header.set_mtime(0);
    tar.append_data(&mut header, format!("{name}/"), std::io::empty())
}

fn append_file(tar: &mut tar::Builder<Vec<u8>>, name: &str, bytes: &[u8]) -> std::io::Result<()> {
    let mut header = tar::Header::new_gnu();
    header.set_mode(0o644);
    header.set_size(bytes.len() as u64);
    header.set_mtime(0);
    tar.append_data(&mut header, name, bytes)
}

/// The shared libraries (and the loader) `ldd` names for `binary`.
fn shared_libraries(binary: &Path) -> Result<Vec<PathBuf>, OracleError> {
    let out = std::process::Command::new("ldd")
        .arg(binary)
        .output()
        .map_err(|e| OracleError::Unavailable(format!("cannot run ldd: {e}")))?;
    if !out.status.success() {
        return Err(OracleError::Unavailable(format!("ldd {} failed", binary.display())));
    }
    Ok(parse_ldd(&String::from_utf8_lossy(&out.stdout)))
}

/// Paths in `ldd` output: `libc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x...)` and the
/// loader's `/lib64/ld-linux-x86-64.so.2 (0x...)`; the vDSO has no file.
fn parse_ldd(text: &str) -> Vec<PathBuf> {
    text.lines()
        .filter_map(|line| {
            let line = line.trim();
            let path = match line.split_once("=>") {
                Some((_, right)) => right.trim(),
                None => line,
            };
            let path = path.split_whitespace().next()?;
            path.starts_with('/').then(|| PathBuf::from(path))
        })
        .collect()
}

/// The Docker backend: one container per oracle, started on first use.
pub(crate) struct DockerOracle {
    runtime: tokio::runtime::Runtime,
    docker: Docker,
    image: String,
    workers: usize,
    mode: RunMode,
    timeout: Duration,
    session: Mutex<Option<Session>>,
}

struct Session {
    container: String,
    input: Pin<Box<dyn AsyncWrite + Send>>,
    output: Pin<Box<dyn Stream<Item = Result<LogOutput, bollard::errors::Error>> + Send>>,
    buffer: Vec<u8>,
}

impl DockerOracle {
    pub(crate) fn new(options: &OracleOptions) -> Result<DockerOracle, OracleError> {
        let status = check_sandbox(&options.image);
        if let Err(e) = &status.engine {
            return Err(OracleError::Unavailable(e.clone()));
        }
        if let Err(e) = &status.image {
            return Err(OracleError::Unavailable(e.clone()));
        }
        Ok(DockerOracle {
            runtime: runtime()?,
            docker: connect()?,
            image: options.image.clone(),
            workers: options.workers.max(1),
            mode: options.run_mode(),
            timeout: options.timeout,
            session: Mutex::new(None),
        })
    }

    pub(crate) fn run_many(&self, jobs: &[(&[u8], &[Key])], on_done: &(dyn Fn() + Sync)) -> Vec<Result<VimRun, OracleError>> {
        let mut results: Vec<Option<Result<VimRun, OracleError>>> = (0..jobs.len()).map(|_| None).collect();
        let failure = match self.session.lock() {
            Ok(mut guard) => {
                let outcome = match guard.take() {
                    Some(session) => Ok(session),
                    None => self.runtime.block_on(self.start()),
                };
                match outcome {
                    Ok(mut session) => match self.runtime.block_on(self.exchange(&mut session, jobs, &mut results, on_done)) {
                        Ok(()) => {
                            *guard = Some(session);
                            None
                        }
                        Err(e) => {
                            self.runtime.block_on(self.remove(&session.container));
                            Some(e)
                        }
                    },
                    Err(e) => Some(e),
                }
            }
            Err(_) => Some(OracleError::Io("docker session lock poisoned".into())),
        };
        results
            .into_iter()
            .map(|r| match r {
                Some(r) => r,
                None => {
                    on_done();
                    Err(failure.clone().unwrap_or_else(|| OracleError::Io("no response from the sandbox".into())))
                }
            })
            .collect()
    }

    /// Create, start and attach the serving container.
    async fn start(&self) -> Result<Session, OracleError> {
        let fail = |what: &str, e: bollard::errors::Error| OracleError::Io(format!("docker {what}: {e}"));
        let workers = self.workers.to_string();
        let fork_library_env = format!("{}={IMAGE_FORK_LIBRARY}", super::forkserver::LIBRARY_ENV);
        let host_config = HostConfig {
            network_mode: Some("none".into()),
            readonly_rootfs: Some(true),
            tmpfs: Some(HashMap::from([(SCRATCH.to_string(), SCRATCH_TMPFS.to_string())])),
            cap_drop: Some(vec!["ALL".into()]),
            security_opt: Some(vec!["no-new-privileges:true".into()]),
            memory: Some(CONTAINER_MEMORY),
            memory_swap: Some(CONTAINER_MEMORY),
            pids_limit: Some(self.workers as i64 * 4 + 16),
            // Gone by itself when this process dies without dropping the oracle (stdin closes,
            // the server ends).
            auto_remove: Some(true),
            ..Default::default()
        };
        let config = Config {
            image: Some(self.image.as_str()),
            cmd: Some(vec![IMAGE_VIMDATA, "sandbox", "serve", "--workers", &workers, "--vim", IMAGE_VIM]),
            entrypoint: Some(vec![]),
            user: Some(SANDBOX_USER),
            working_dir: Some(SCRATCH),
            env: Some(vec!["TMPDIR=/scratch", "PATH=/usr/bin:/bin", &fork_library_env]),
            network_disabled: Some(true),
            open_stdin: Some(true),
            stdin_once: Some(true),
            attach_stdin: Some(true),
            attach_stdout: Some(true),
            attach_stderr: Some(true),
            tty: Some(false),
            host_config: Some(host_config),
            ..Default::default()
        };
        let name = format!("vimdata-oracle-{}-{}", std::process::id(), unique());
        let created = self
            .docker
            .create_container(Some(CreateContainerOptions { name: name.as_str(), platform: None }), config)
            .await
            .map_err(|e| fail("create", e))?;
        let attached = self
            .docker
            .attach_container::<String>(
                &created.id,
                Some(AttachContainerOptions { stdin: Some(true), stdout: Some(true), stderr: Some(true), stream: Some(true), ..Default::default() }),
            )
            .await;
        let attached = match attached {
            Ok(a) => a,
            Err(e) => {
                self.remove(&created.id).await;
                return Err(fail("attach", e));
            }
        };
        if let Err(e) = self.docker.start_container(&created.id, None::<StartContainerOptions<String>>).await {
            self.remove(&created.id).await;
            return Err(fail("start", e));
        }
        Ok(Session { container: created.id, input: attached.input, output: attached.output, buffer: Vec::new() })
    }

    /// Send every job and collect the responses as they come (concurrently, so neither side's
    /// pipe fills up).
    async fn exchange(
        &self,
        session: &mut Session,
        jobs: &[(&[u8], &[Key])],
        results: &mut [Option<Result<VimRun, OracleError>>],
        on_done: &(dyn Fn() + Sync),
    ) -> Result<(), OracleError> {
        let mut frames = Vec::new();
        for (id, (source, keys)) in jobs.iter().enumerate() {
            Request { id: id as u64, mode: self.mode, timeout: self.timeout, source: source.to_vec(), program: to_vim_bytes(keys) }
                .encode(&mut frames);
        }
        let Session { input, output, buffer, .. } = session;
        let write = async {
            input.write_all(&frames).await?;
            input.flush().await
        };
        // A response is due within a record's timeout of the previous one; allow slack for
        // the container's own start.
        let stall = self.timeout * 2 + Duration::from_secs(30);
        let mut stderr = String::new();
        let read = async {
            let mut remaining = jobs.len();
            while remaining > 0 {
                while let Some((response, used)) = Response::decode(buffer)? {
                    buffer.drain(..used);
                    let slot = results
                        .get_mut(response.id as usize)
                        .ok_or_else(|| OracleError::Io(format!("sandbox answered unknown record {}", response.id)))?;
                    if slot.replace(response.result).is_none() {
                        remaining -= 1;
                        on_done();
                    }
                }
                if remaining == 0 {
                    break;
                }
                match tokio::time::timeout(stall, output.next()).await {
                    Ok(Some(Ok(LogOutput::StdOut { message }))) => buffer.extend_from_slice(&message),
                    Ok(Some(Ok(LogOutput::StdErr { message }))) => stderr.push_str(&String::from_utf8_lossy(&message)),
                    Ok(Some(Ok(_))) => {}
                    Ok(Some(Err(e))) => return Err(OracleError::Io(format!("docker attach: {e}"))),
                    Ok(None) => return Err(OracleError::Io(format!("the sandbox container stopped: {}", stderr.trim()))),
                    Err(_) => return Err(OracleError::Io(format!("the sandbox sent nothing for {stall:?}"))),
                }
            }
            Ok::<(), OracleError>(())
        };
        let (written, read) = tokio::join!(write, read);
        read?;
        written.map_err(|e| OracleError::Io(format!("writing to the sandbox: {e}")))
    }

    async fn remove(&self, container: &str) {
        let _ = self
            .docker
            .remove_container(container, Some(RemoveContainerOptions { force: true, ..Default::default() }))
            .await;
    }
}

impl Drop for DockerOracle {
    fn drop(&mut self) {
        let session = self.session.get_mut().ok().and_then(Option::take);
        if let Some(session) = session {
            self.runtime.block_on(self.remove(&session.container));
        }
    }
}

/// A process-unique counter for container names.
fn unique() -> usize {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ldd_output_is_parsed() {
        let text = "\tlinux-vdso.so.1 (0x00007ffd)\n\tlibm.so.6 => /lib/x86_64-linux-gnu/libm.so.6 (0x00007f)\n\t/lib64/ld-linux-x86-64.so.2 (0x00007f)\n";
        assert_eq!(
            parse_ldd(text),
            vec![PathBuf::from("/lib/x86_64-linux-gnu/libm.so.6"), PathBuf::from("/lib64/ld-linux-x86-64.so.2")]
        );
    }
}
