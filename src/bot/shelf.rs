//! The current article and how it changes: loading the content folder, keeping
//! the old article when a new file fails to parse, and queueing each new
//! version for every subscriber.

use crate::article::ParseOptions;
use crate::content::{self, ContentError, Loaded};
use crate::store::{Store, StoreError};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, RwLock};

/// Names, sizes and modification times of the folder's article files.
pub type Fingerprint = Vec<(String, u64, Option<std::time::SystemTime>)>;
use tokio::sync::Notify;

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
}

/// Holds the current article; cheap to read from any handler.
pub struct Shelf {
    dir: PathBuf,
    options: ParseOptions,
    current: RwLock<Arc<Loaded>>,
    /// The folder's fingerprint when it was last loaded.
    loaded_from: Mutex<Fingerprint>,
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
        let library = content::load_dir(&dir, &options)?;
        for f in &library.failures {
            log::warn!("skipped an article: {f}");
        }
        let shelf = Self {
            dir,
            options,
            current: RwLock::new(Arc::new(library.current.clone())),
            loaded_from: Mutex::new(seen),
            store,
            queued: Notify::new(),
        };
        shelf.adopt(&library.current).await?;
        Ok(shelf)
    }

    /// A shelf over one already-loaded article (the console, tests).
    #[must_use]
    pub fn with(loaded: Loaded, store: Store) -> Self {
        Self {
            dir: PathBuf::new(),
            options: ParseOptions::default(),
            current: RwLock::new(Arc::new(loaded)),
            loaded_from: Mutex::new(Vec::new()),
            store,
            queued: Notify::new(),
        }
    }

    #[must_use]
    pub fn current(&self) -> Arc<Loaded> {
        // A poisoned lock still holds a whole article: the writer only swaps an Arc.
        self.current
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    }

    #[must_use]
    pub fn dir(&self) -> &PathBuf {
        &self.dir
    }

    /// Reloads the folder. A file that fails keeps the article it would have
    /// replaced: if the current article's own file fails, nothing changes.
    pub async fn reload(&self) -> Result<Reloaded, ShelfError> {
        let old = self.current();
        let seen = fingerprint(&self.dir);
        let library = content::load_dir(&self.dir, &self.options)?;
        *self
            .loaded_from
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = seen;
        let failures: Vec<String> = library.failures.iter().map(ToString::to_string).collect();
        let current_failed = library
            .failures
            .iter()
            .any(|f| fails_file(f, &self.dir.join(&old.file)));
        let new = library.current;
        if current_failed || new.version == old.version {
            return Ok(Reloaded {
                version: old.version.clone(),
                changed: false,
                failures,
            });
        }
        let version = new.version.clone();
        log::info!(
            "new article version {version} from {} ({})",
            new.file,
            new.article.title
        );
        *self
            .current
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = Arc::new(new.clone());
        self.adopt(&new).await?;
        Ok(Reloaded {
            version,
            changed: true,
            failures,
        })
    }

    /// Records a version and queues it for every subscriber who lacks it.
    async fn adopt(&self, loaded: &Loaded) -> Result<(), StoreError> {
        self.store
            .record_version(&loaded.version, &loaded.file, &loaded.article.title)
            .await?;
        let queued = self.store.enqueue_version(&loaded.version).await?;
        if queued > 0 {
            log::info!("queued version {} for {queued} subscribers", loaded.version);
            self.queued.notify_one();
        }
        Ok(())
    }

    /// Whether the folder changed since it was last loaded (cheap: no parsing).
    #[must_use]
    pub fn changed(&self) -> bool {
        let seen = self
            .loaded_from
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        *seen != fingerprint(&self.dir)
    }
}

/// The folder's article and metadata files with their sizes and modification times.
#[must_use]
pub fn fingerprint(dir: &std::path::Path) -> Fingerprint {
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

fn fails_file(e: &ContentError, path: &std::path::Path) -> bool {
    match e {
        ContentError::Unreadable { path: p, .. }
        | ContentError::NotUtf8 { path: p }
        | ContentError::Parse { path: p, .. } => p == path || p.with_extension("txt") == path,
        ContentError::Empty { .. } => false,
    }
}
