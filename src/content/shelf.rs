//! The current article and how it changes: loading the content folder, keeping
//! the old article when a new file fails to parse, and queueing each new
//! version for every subscriber. Beside it, the archive: every article the
//! folder holds, from the same load (the folder is read once per reload).

use crate::content::archive::Archive;
use crate::content::load::{self, ContentError, FolderScan, Version};
use crate::store::{Store, StoreError};
use article::ParseOptions;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError, RwLock};
use tokio::sync::Notify;

/// Names, sizes and modification times of the folder's article files.
pub type Fingerprint = Vec<(String, u64, Option<std::time::SystemTime>)>;

/// What a reload found.
#[derive(Debug)]
pub struct Reloaded {
    /// The current version after the reload.
    pub version: String,
    pub changed: bool,
    /// Files that failed to load, as one sentence each.
    pub failures: Vec<String>,
}

/// Why the content could not be (re)loaded or recorded.
#[derive(Debug, thiserror::Error)]
pub enum ShelfError {
    #[error(transparent)]
    Content(#[from] ContentError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("the content loader stopped unexpectedly; try /reload again")]
    Loader,
}

/// Holds the current article; cheap to read from any handler.
pub struct Shelf {
    dir: PathBuf,
    options: ParseOptions,
    current: RwLock<Arc<Version>>,
    archive: RwLock<Arc<Archive>>,
    /// The folder's fingerprint when it was last loaded.
    loaded_from: Mutex<Fingerprint>,
    /// Parsed files by path and stamp: a reload parses only what changed.
    cache: Arc<Mutex<load::Cache>>,
    /// One reload at a time: the watcher and `/reload` must not interleave.
    reloading: tokio::sync::Mutex<()>,
    store: Store,
    /// Woken when a new version has been queued for delivery.
    pub queued: Notify,
}

impl Shelf {
    /// Loads the folder; fails when no article loads at all.
    pub async fn open(
        dir: PathBuf,
        options: ParseOptions,
        store: Store,
    ) -> Result<Self, ShelfError> {
        let seen = fingerprint(&dir);
        let cache = Arc::new(Mutex::new(load::Cache::default()));
        let library = load(&dir, &options, &cache).await?;
        for f in &library.failures {
            log::warn!("skipped an article: {f}");
        }
        let current = Arc::new(library.current);
        let new = store
            .record_version(&current.key, &current.file, &current.article.title)
            .await?;
        let archive = shelve(&current, library.others, &[]);
        let shelf = Self {
            dir,
            options,
            current: RwLock::new(current.clone()),
            archive: RwLock::new(Arc::new(archive)),
            loaded_from: Mutex::new(seen),
            cache,
            reloading: tokio::sync::Mutex::new(()),
            store,
            queued: Notify::new(),
        };
        // Queue it when it is new, or when it is the latest version on record
        // (the previous run may have stopped between recording and queueing).
        if new || shelf.store.latest_version().await?.as_deref() == Some(&current.key) {
            shelf.queue(&current).await?;
        }
        Ok(shelf)
    }

    #[must_use]
    pub fn current(&self) -> Arc<Version> {
        // A poisoned lock still holds a whole article: the writer only swaps an Arc.
        self.current
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// Every article of the folder, newest first.
    #[must_use]
    pub fn archive(&self) -> Arc<Archive> {
        self.archive
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    #[must_use]
    pub fn dir(&self) -> &PathBuf {
        &self.dir
    }

    /// Reloads the folder. A file that fails keeps the article it would have
    /// replaced: if the current article's own file fails, nothing changes. An
    /// article that becomes current without being newer (the newest file was
    /// removed) is served but not announced.
    pub async fn reload(&self) -> Result<Reloaded, ShelfError> {
        let _one_at_a_time = self.reloading.lock().await;
        let old = self.current();
        *self
            .loaded_from
            .lock()
            .unwrap_or_else(PoisonError::into_inner) = fingerprint(&self.dir);
        let library = load(&self.dir, &self.options, &self.cache).await?;
        let failures: Vec<String> = library.failures.iter().map(ToString::to_string).collect();
        let current_failed = library
            .failures
            .iter()
            .any(|f| fails_file(f, &self.dir.join(&old.file)));
        let new = library.current;
        if current_failed || new.key == old.key {
            // The other articles may have changed all the same.
            let mut loaded = library.others;
            if new.file != old.file {
                loaded.push(new);
            }
            self.set_archive(self.keeping(&old, loaded, &library.failures));
            return Ok(Reloaded {
                version: old.key.clone(),
                changed: false,
                failures,
            });
        }
        let version = new.key.clone();
        log::info!(
            "new article version {version} from {} ({})",
            new.file,
            new.article.title
        );
        // Record and queue before serving it: if the store fails, the old article
        // stays and the next check tries again.
        let newer = new.file == old.file || new.article.published >= old.article.published;
        let booked = async {
            let first_seen = self
                .store
                .record_version(&new.key, &new.file, &new.article.title)
                .await?;
            let latest = self.store.latest_version().await?.as_deref() == Some(new.key.as_str());
            if newer && (first_seen || latest) {
                self.queue(&new).await?;
            }
            Ok::<(), StoreError>(())
        };
        if let Err(e) = booked.await {
            self.loaded_from
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .clear();
            return Err(e.into());
        }
        let new = Arc::new(new);
        let archive = self.keeping(&new, library.others, &library.failures);
        *self.current.write().unwrap_or_else(PoisonError::into_inner) = new;
        self.set_archive(archive);
        Ok(Reloaded {
            version,
            changed: true,
            failures,
        })
    }

    /// The archive after a load: the current version, the others that loaded, and
    /// the old version of each file that failed this time (as the current one is kept).
    fn keeping(
        &self,
        current: &Arc<Version>,
        loaded: Vec<Version>,
        failed: &[ContentError],
    ) -> Archive {
        let old = self.archive();
        let kept: Vec<Arc<Version>> = old
            .newest()
            .iter()
            .filter(|v| {
                failed
                    .iter()
                    .any(|f| fails_file(f, &self.dir.join(&v.file)))
            })
            .cloned()
            .collect();
        shelve(current, loaded, &kept)
    }

    fn set_archive(&self, archive: Archive) {
        *self.archive.write().unwrap_or_else(PoisonError::into_inner) = Arc::new(archive);
    }

    /// Queues a version for every subscriber who lacks it; older versions'
    /// unsent rows are given up.
    async fn queue(&self, loaded: &Version) -> Result<(), StoreError> {
        let dropped = self.store.supersede(&loaded.key).await?;
        if dropped > 0 {
            log::info!("{dropped} undelivered rows of older versions superseded");
        }
        let queued = self.store.enqueue_version(&loaded.key).await?;
        if queued > 0 {
            log::info!("queued version {} for {queued} subscribers", loaded.key);
            self.queued.notify_one();
        }
        Ok(())
    }

    /// Whether the folder changed since it was last loaded (no parsing; the
    /// listing runs off the async workers, a slow disk must not stall replies).
    pub async fn changed(&self) -> bool {
        let now = listing(&self.dir).await;
        let seen = self
            .loaded_from
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        *seen != now
    }
}

/// The current version first, then the others that loaded and those kept; one per file.
fn shelve(current: &Arc<Version>, loaded: Vec<Version>, kept: &[Arc<Version>]) -> Archive {
    let mut all = vec![current.clone()];
    for v in loaded {
        if !all.iter().any(|a| a.file == v.file) {
            all.push(Arc::new(v));
        }
    }
    for v in kept {
        if !all.iter().any(|a| a.file == v.file) {
            all.push(v.clone());
        }
    }
    Archive::new(all)
}

/// Reads and parses the folder off the async workers.
async fn load(
    dir: &Path,
    options: &ParseOptions,
    cache: &Arc<Mutex<load::Cache>>,
) -> Result<FolderScan, ShelfError> {
    let (dir, options, cache) = (dir.to_path_buf(), options.clone(), cache.clone());
    tokio::task::spawn_blocking(move || {
        let mut cache = cache.lock().unwrap_or_else(PoisonError::into_inner);
        load::load_dir_cached(&dir, &options, &mut cache)
    })
    .await
    .map_err(|_| ShelfError::Loader)?
    .map_err(ShelfError::from)
}

/// [`fingerprint`] on the blocking pool.
pub async fn listing(dir: &Path) -> Fingerprint {
    let dir = dir.to_path_buf();
    tokio::task::spawn_blocking(move || fingerprint(&dir))
        .await
        .unwrap_or_default()
}

/// The folder's article and metadata files with their sizes and modification times.
#[must_use]
pub fn fingerprint(dir: &Path) -> Fingerprint {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out: Fingerprint = entries
        .filter_map(Result::ok)
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let meta = e.metadata().ok()?;
            (name.ends_with(".txt") || name.ends_with(".toml"))
                .then(|| (name, meta.len(), meta.modified().ok()))
        })
        .collect();
    out.sort();
    out
}

fn fails_file(e: &ContentError, path: &Path) -> bool {
    match e {
        ContentError::Unreadable { path: p, .. }
        | ContentError::NotUtf8 { path: p }
        | ContentError::TooLarge { path: p, .. }
        | ContentError::Parse { path: p, .. } => p == path || p.with_extension("txt") == path,
        ContentError::Empty { .. } | ContentError::NoneLoaded { .. } => false,
    }
}
