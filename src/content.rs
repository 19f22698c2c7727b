//! Files to parsed versions: reading article files and their metadata, and the
//! shelf that holds the current version, every article of the folder, and records
//! each new one. No Telegram here.
//!
//! - `load`: one file, or a whole folder, to [`Version`]s (each with its question index).
//! - `archive`: every article of the folder, newest first, found by id.
//! - `shelf`: the current version and the archive, reloads, and queueing new versions.

mod archive;
mod load;
mod shelf;

pub use archive::Archive;
pub use load::{
    ContentError, FolderScan, ID_LEN, Version, article_id, load_dir, load_file, newness,
};
pub use shelf::{Fingerprint, Reloaded, Shelf, ShelfError, fingerprint, listing};
