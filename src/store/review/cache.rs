//! The review cache: a line naming its version, then one line of JSON a
//! file of the folder (its path, size, modification time and summary),
//! read and written on every core. It only saves time: a cache of another
//! version, or none, is a cold scan, and a line that does not parse costs
//! that one file a fresh read.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::Scanned;
use crate::core::review::Summary;

/// Bumped whenever a summary gains a field, or the cache its layout, so no
/// stale summary is served (11: one entry a line; 12: each step counts
/// its measured and claimed items).
const VERSION: u32 = 12;

/// The cache's first line.
#[derive(Serialize, Deserialize)]
struct Version {
    version: u32,
}

/// One file's entry as read: its path, size, modification time (ns since
/// the epoch) and summary.
#[derive(Debug, Deserialize)]
pub struct Cached {
    /// The file.
    pub path: PathBuf,
    /// Its size in bytes when summarized.
    pub len: u64,
    /// Its modification time when summarized, in ns since the epoch.
    pub modified_ns: u128,
    /// Its summary, or why it is unreadable.
    pub summary: Result<Summary, String>,
}

/// One file's entry as written, borrowing what the scan holds.
#[derive(Serialize)]
struct CachedOut<'a> {
    path: &'a Path,
    len: u64,
    modified_ns: u128,
    summary: &'a Result<Summary, String>,
}

/// The largest cache read (64 MiB: 40,000 sessions' summaries).
const LIMIT: u64 = 64 << 20;

/// The entries of a cache as read, each taken at most once by its file.
#[derive(Debug, Default)]
pub struct Entries {
    /// The entries, in the chunks they were parsed in (moved once, not regrouped).
    chunks: Vec<Vec<Option<Cached>>>,
    /// Where each file's entry is: its chunk and place.
    by_path: HashMap<PathBuf, (usize, usize)>,
}

impl Entries {
    /// The summary cached for `path` if its size and modification time
    /// are still `len` and `modified_ns`; either way the entry is used up.
    pub fn take(&mut self, path: &Path, len: u64, modified_ns: u128) -> Option<Result<Summary, String>> {
        let (chunk, i) = self.by_path.remove(path)?;
        let cached = self.chunks.get_mut(chunk)?.get_mut(i)?.take()?;
        (cached.len == len && cached.modified_ns == modified_ns).then_some(cached.summary)
    }

    /// True when every entry was taken: no file the cache knew is gone.
    pub fn all_taken(&self) -> bool {
        self.by_path.is_empty()
    }
}

/// The entries of the cache at `path`: none when there is no cache, or
/// one of another version; entries whose line does not parse are left out.
pub fn read(path: &Path) -> Entries {
    let Some(bytes) = read_bytes(path) else { return Entries::default() };
    let mut lines = Vec::new();
    let mut start = 0;
    for end in memchr::memchr_iter(b'\n', &bytes).chain(std::iter::once(bytes.len())) {
        if end > start {
            lines.push(&bytes[start..end]);
        }
        start = end + 1;
    }
    let Some((head, lines)) = lines.split_first() else { return Entries::default() };
    if serde_json::from_slice::<Version>(head).ok().is_none_or(|v| v.version != VERSION) {
        return Entries::default();
    }
    let chunks = crate::store::cores::chunked(lines, |part| {
        part.iter().map(|line| serde_json::from_slice::<Cached>(line).ok()).collect::<Vec<_>>()
    });
    let mut by_path = HashMap::with_capacity(lines.len());
    for (c, chunk) in chunks.iter().enumerate() {
        for (i, cached) in chunk.iter().enumerate() {
            if let Some(cached) = cached {
                by_path.insert(cached.path.clone(), (c, i));
            }
        }
    }
    Entries { chunks, by_path }
}

/// The cache file's bytes, read in one go into a buffer of its size (no
/// doubling copies of megabytes); `None` when there is none to read.
fn read_bytes(path: &Path) -> Option<Vec<u8>> {
    use std::io::Read as _;
    let file = crate::store::regular::open(path, LIMIT).ok()?;
    let len = file.metadata().ok()?.len();
    let mut bytes = Vec::with_capacity(usize::try_from(len).ok()?.saturating_add(1));
    file.take(LIMIT).read_to_end(&mut bytes).ok()?;
    Some(bytes)
}

/// Writes the cache at `path` for `scanned`, whose files had the sizes
/// and modification times `stamps` (in the same order); a failure is
/// ignored, as the cache only saves time.
pub fn write(path: &Path, scanned: &[Scanned], stamps: &[(u64, u128)]) {
    let pairs: Vec<(&Scanned, &(u64, u128))> = scanned.iter().zip(stamps).collect();
    let chunks = crate::store::cores::chunked(&pairs, |part| {
        let mut out = Vec::with_capacity(part.len() * 2048);
        for &(s, &(len, modified_ns)) in part {
            let entry = CachedOut { path: &s.path, len, modified_ns, summary: &s.summary };
            if let Ok(line) = crate::core::sanitize::json::to_string(&entry) {
                out.extend_from_slice(line.as_bytes());
                out.push(b'\n');
            }
        }
        out
    });
    let Ok(head) = serde_json::to_string(&Version { version: VERSION }) else { return };
    let mut bytes = Vec::with_capacity(head.len() + 1 + chunks.iter().map(Vec::len).sum::<usize>());
    bytes.extend_from_slice(head.as_bytes());
    bytes.push(b'\n');
    for chunk in chunks {
        bytes.extend_from_slice(&chunk);
    }
    let _ = put(path, &bytes);
}

/// The cache writes [`write_later`] started and nobody waited for yet.
static WRITING: std::sync::Mutex<Vec<std::thread::JoinHandle<()>>> = std::sync::Mutex::new(Vec::new());

/// [`write`] on a thread of its own; [`written`] waits for it. A thread
/// that cannot start leaves the cache as it was: the next scan reads
/// those files again.
pub fn write_later(path: &Path, scanned: std::sync::Arc<[Scanned]>, stamps: Vec<(u64, u128)>) {
    let path = path.to_path_buf();
    let writing =
        std::thread::Builder::new().name("review-cache".into()).spawn(move || write(&path, &scanned, &stamps));
    if let (Ok(handle), Ok(mut all)) = (writing, WRITING.lock()) {
        all.push(handle);
    }
}

/// Waits for every write [`write_later`] started.
pub fn written() {
    let started = WRITING.lock().map(|mut all| std::mem::take(&mut *all)).unwrap_or_default();
    for handle in started {
        let _ = handle.join();
    }
}

/// Puts the cache in place: a temp file renamed over the old one, never
/// half there, and not synced to disk (the first frame waits for no disk):
/// a cache a crash loses costs one slow scan, and one that does not parse
/// is ignored.
fn put(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write as _;
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or_else(|| Path::new("."));
    fs::create_dir_all(dir)?;
    let mut tmp = tempfile::Builder::new().prefix(".review-cache.").tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_read_back_and_a_bad_line_or_version_loses_only_what_it_holds() {
        let dir = tempfile::tempdir().expect("tempdir");
        let cache = dir.path().join("c/review.jsonl");
        let scanned: Vec<Scanned> = (0..5)
            .map(|i| Scanned { path: PathBuf::from(format!("s{i}.jsonl")), summary: Err(format!("why {i}")) })
            .collect();
        let stamps: Vec<(u64, u128)> = (0..5).map(|i| (i, u128::from(i) * 1_000)).collect();
        write(&cache, &scanned, &stamps);
        let mut back = read(&cache);
        assert_eq!(back.take(Path::new("s3.jsonl"), 3, 2_999), None, "another time: not served");
        assert_eq!(back.take(Path::new("s3.jsonl"), 3, 3_000), None, "taken once");
        assert_eq!(back.take(Path::new("s4.jsonl"), 4, 4_000), Some(Err("why 4".to_owned())));
        for i in [0, 1, 2] {
            assert!(!back.all_taken());
            assert_eq!(
                back.take(Path::new(&format!("s{i}.jsonl")), i, u128::from(i) * 1_000),
                Some(Err(format!("why {i}")))
            );
        }
        assert!(back.all_taken());
        // A damaged line costs its own entry only.
        let text = fs::read_to_string(&cache).expect("read");
        let damaged: Vec<String> =
            text.lines().map(|l| if l.contains("s2.jsonl") { "{\"path\":".to_owned() } else { l.to_owned() }).collect();
        fs::write(&cache, damaged.join("\n")).expect("write");
        let mut back = read(&cache);
        assert_eq!(back.take(Path::new("s2.jsonl"), 2, 2_000), None);
        assert_eq!(back.take(Path::new("s1.jsonl"), 1, 1_000), Some(Err("why 1".to_owned())));
        // Another version, or no cache, is a cold scan: nothing, and no error.
        fs::write(&cache, text.replacen(&format!("\"version\":{VERSION}"), "\"version\":10", 1)).expect("write");
        assert!(read(&cache).all_taken());
        fs::write(&cache, "{\"version\":10,\"entries\":[]}").expect("write");
        assert!(read(&cache).all_taken());
        assert!(read(&dir.path().join("none")).all_taken());
    }
}
