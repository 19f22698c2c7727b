//! Files to parsed versions: reading article files and their metadata, and the
//! shelf that holds the current version and records each new one. No Telegram here.
//!
//! - `load`: one file, or a whole folder, to [`Version`]s.
//! - `shelf`: the current version, reloads, and queueing new versions for delivery.

mod load;
mod shelf;

pub use load::{ContentError, FolderScan, Version, load_dir, load_file};
pub use shelf::{Fingerprint, Reloaded, Shelf, ShelfError, fingerprint, listing};
