//! Loading articles and their metadata from the content folder.
//!
//! An article is `NAME.txt` (UTF-8, one paragraph per line) with optional
//! metadata in `NAME.toml` beside it. The current article is the newest by
//! publication date, then by file name.

use article::answer::{Index, Verdict};
use article::{self, Article, ParseError, ParseOptions};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

/// One version of an article: parsed from a file, with the key that identifies its
/// content and the index that answers questions about it.
#[derive(Debug, Clone)]
pub struct Version {
    pub article: Article,
    /// Hex digest of the file's bytes and its metadata: a new digest is a new version.
    pub key: String,
    /// The file name inside the content folder.
    pub file: String,
    /// The article's compact id: from its file name, so it outlives edits of the
    /// file and names the article in buttons and deep links.
    pub id: String,
    /// Built once per version: a question costs no rebuild.
    pub index: Index,
}

impl Version {
    /// A version of an article, its question index built here (once).
    #[must_use]
    pub fn new(article: Article, key: String, file: String) -> Self {
        let index = Index::build(&article);
        let id = article_id(&file);
        Self {
            article,
            key,
            file,
            id,
            index,
        }
    }

    /// The sentence (or two) of the article answering a reader's question.
    #[must_use]
    pub fn ask(&self, question: &str) -> Verdict {
        self.index.ask(&self.article, question)
    }
}

/// Characters of an article id: 32 bits of the file name's digest, enough that
/// two files of one folder practically never share one.
pub const ID_LEN: usize = 8;

/// The id of the article in `file`: [`ID_LEN`] lower-case hex digits.
#[must_use]
pub fn article_id(file: &str) -> String {
    let digest = format!("{:016x}", fnv1a(&[file.as_bytes()]));
    digest[..ID_LEN].to_string()
}

/// Why an article or the content folder could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum ContentError {
    #[error("cannot read {path}: {source}; check that the file exists and is readable")]
    Unreadable {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "{path} is {size} bytes, over the limit of {limit}; split it, or raise NASHRA_MAX_ARTICLE_BYTES"
    )]
    TooLarge {
        path: PathBuf,
        size: u64,
        limit: usize,
    },
    #[error("{path} is not UTF-8 text; save the article as UTF-8")]
    NotUtf8 { path: PathBuf },
    #[error("{path}: {source}")]
    Parse { path: PathBuf, source: ParseError },
    #[error("no article could be loaded from {dir}; put a NAME.txt article there")]
    Empty { dir: PathBuf },
    #[error("no article could be loaded from {dir}: {}", reasons.join("; "))]
    NoneLoaded { dir: PathBuf, reasons: Vec<String> },
}

/// Loads one article file and the metadata beside it.
pub fn load_file(path: &Path, opts: &ParseOptions) -> Result<Version, ContentError> {
    // Refused before it is read: an oversized file costs nothing but this check.
    let size = std::fs::metadata(path)
        .map_err(|source| ContentError::Unreadable {
            path: path.to_owned(),
            source,
        })?
        .len();
    if size > opts.max_bytes as u64 {
        return Err(ContentError::TooLarge {
            path: path.to_owned(),
            size,
            limit: opts.max_bytes,
        });
    }
    let bytes = std::fs::read(path).map_err(|source| ContentError::Unreadable {
        path: path.to_owned(),
        source,
    })?;
    let text = String::from_utf8(bytes).map_err(|_| ContentError::NotUtf8 {
        path: path.to_owned(),
    })?;
    let meta_path = path.with_extension("toml");
    let meta_text = match std::fs::read(&meta_path) {
        Ok(b) => String::from_utf8(b).map_err(|_| ContentError::NotUtf8 {
            path: meta_path.clone(),
        })?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(source) => {
            return Err(ContentError::Unreadable {
                path: meta_path,
                source,
            });
        }
    };
    let parse_err = |source| ContentError::Parse {
        path: path.to_owned(),
        source,
    };
    let meta = article::parse_metadata(&meta_text).map_err(parse_err)?;
    let article = article::parse(&text, &meta, opts).map_err(parse_err)?;
    let key = format!(
        "{:016x}",
        fnv1a(&[text.as_bytes(), b"\0", meta_text.as_bytes()])
    );
    let file = path
        .file_name()
        .map_or_else(String::new, |f| f.to_string_lossy().into_owned());
    Ok(Version::new(article, key, file))
}

/// The articles of a folder: the current one, the others, and the files that failed.
#[derive(Debug)]
pub struct FolderScan {
    pub current: Version,
    /// Every other article that loaded, in file-name order.
    pub others: Vec<Version>,
    pub failures: Vec<ContentError>,
    /// How many files this scan parsed (the others came from the cache).
    pub parsed: usize,
}

/// A file's size and modification time, and its metadata's.
type Stamp = [(u64, Option<SystemTime>); 2];

/// Parsed versions kept between scans, by path and stamp, so that a reload
/// parses only the files that changed (a folder of many articles, or one slow
/// file, costs its parse once).
#[derive(Debug, Default)]
pub struct Cache {
    entries: HashMap<PathBuf, (Stamp, Arc<Version>)>,
}

fn stamp(path: &Path) -> Stamp {
    let of =
        |p: &Path| std::fs::metadata(p).map_or((u64::MAX, None), |m| (m.len(), m.modified().ok()));
    [of(path), of(&path.with_extension("toml"))]
}

/// Loads every `*.txt` article of `dir` and picks the current one. Files that
/// fail are reported, not fatal, as long as one article loads.
pub fn load_dir(dir: &Path, opts: &ParseOptions) -> Result<FolderScan, ContentError> {
    load_dir_cached(dir, opts, &mut Cache::default())
}

/// [`load_dir`], parsing only the files whose stamp is not in `cache`; the cache
/// then holds exactly this scan's articles. Failures are not kept: a failed file
/// is tried again on the next scan (a scan happens only when the folder changed).
pub fn load_dir_cached(
    dir: &Path,
    opts: &ParseOptions,
    cache: &mut Cache,
) -> Result<FolderScan, ContentError> {
    let unreadable = |source| ContentError::Unreadable {
        path: dir.to_owned(),
        source,
    };
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(unreadable)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt") && p.is_file())
        .collect();
    paths.sort();
    let mut failures = Vec::new();
    let mut loaded: Vec<Version> = Vec::new();
    let mut kept = HashMap::new();
    let mut parsed = 0;
    for path in paths {
        let stamp = stamp(&path);
        let cached = cache
            .entries
            .remove(&path)
            .filter(|(s, _)| *s == stamp)
            .map(|(_, v)| v);
        let version = match cached {
            Some(v) => Ok(v),
            None => {
                parsed += 1;
                load_file(&path, opts).map(Arc::new)
            }
        };
        match version {
            Ok(shared) => {
                kept.insert(path.clone(), (stamp, shared.clone()));
                loaded.push(Version::clone(&shared));
            }
            Err(e) => failures.push(e),
        }
    }
    cache.entries = kept;
    let newest = loaded
        .iter()
        .enumerate()
        .max_by(|(_, a), (_, b)| newness(a).cmp(&newness(b)))
        .map(|(i, _)| i);
    match newest {
        Some(i) => {
            let current = loaded.remove(i);
            Ok(FolderScan {
                current,
                others: loaded,
                failures,
                parsed,
            })
        }
        None if failures.is_empty() => Err(ContentError::Empty {
            dir: dir.to_owned(),
        }),
        // Every file's own reason: the operator fixes them all in one go.
        None => Err(ContentError::NoneLoaded {
            dir: dir.to_owned(),
            reasons: failures.iter().map(ToString::to_string).collect(),
        }),
    }
}

/// How versions are ordered, newest last: by publication date, then by file name.
#[must_use]
pub fn newness(v: &Version) -> (Option<chrono::NaiveDate>, &str) {
    (v.article.published, v.file.as_str())
}

// FNV-1a: stable across runs and Rust versions, unlike std's hasher.
fn fnv1a(parts: &[&[u8]]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for &b in *part {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_where_nothing_loads_names_every_file_and_its_reason() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(dir.path().join("a.txt"), "").expect("write");
        std::fs::write(dir.path().join("b.txt"), [0xff, 0xfe, 0x00]).expect("write");
        let err = load_dir(dir.path(), &ParseOptions::default())
            .expect_err("nothing loads")
            .to_string();
        assert!(err.contains("a.txt") && err.contains("b.txt"), "{err}");
        assert!(err.contains("UTF-8"), "{err}");
    }

    #[test]
    fn an_oversized_file_is_refused_before_it_is_read_and_named() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("big.txt");
        std::fs::write(&path, "خبر عاجل عن الاقتصاد.\n".repeat(100)).expect("write");
        let opts = ParseOptions {
            max_bytes: 1000,
            ..ParseOptions::default()
        };
        let err = load_file(&path, &opts).expect_err("too large").to_string();
        assert!(err.contains("big.txt"), "{err}");
        assert!(err.contains("over the limit of 1000"), "{err}");
        assert!(err.contains("NASHRA_MAX_ARTICLE_BYTES"), "{err}");
        assert!(load_file(&path, &ParseOptions::default()).is_ok());
    }

    #[test]
    fn a_rescan_parses_only_the_files_that_changed() {
        let dir = tempfile::tempdir().expect("temp dir");
        for (name, day) in [("a", 1), ("b", 2), ("c", 3)] {
            let text = format!("خبر رقم {day} عن الاقتصاد.\nتفاصيل الخبر في فقرة ثانية.\n");
            std::fs::write(dir.path().join(format!("{name}.txt")), text).expect("write");
        }
        let opts = ParseOptions::default();
        let mut cache = Cache::default();
        let first = load_dir_cached(dir.path(), &opts, &mut cache).expect("loads");
        assert_eq!(first.parsed, 3);
        let again = load_dir_cached(dir.path(), &opts, &mut cache).expect("loads");
        assert_eq!(again.parsed, 0);
        assert_eq!(again.current.key, first.current.key);
        std::fs::write(dir.path().join("b.txt"), "خبر معدل عن الاقتصاد اليوم.\n").expect("edit");
        let edited = load_dir_cached(dir.path(), &opts, &mut cache).expect("loads");
        assert_eq!(edited.parsed, 1);
        std::fs::remove_file(dir.path().join("c.txt")).expect("remove");
        let removed = load_dir_cached(dir.path(), &opts, &mut cache).expect("loads");
        assert_eq!(removed.parsed, 0);
        assert_eq!(removed.current.file, "b.txt");
    }

    #[test]
    fn an_empty_folder_says_what_to_put_there() {
        let dir = tempfile::tempdir().expect("temp dir");
        let err = load_dir(dir.path(), &ParseOptions::default()).expect_err("empty");
        assert!(
            err.to_string().contains("put a NAME.txt article there"),
            "{err}"
        );
    }
}
