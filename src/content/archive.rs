//! Every article of the content folder, newest first: what `/archive` lists and
//! what buttons and deep links name by article id.

use crate::content::load::{Version, newness};
use std::sync::Arc;

/// The articles of the folder as last loaded, the current one among them.
#[derive(Debug, Default)]
pub struct Archive {
    /// Newest first.
    versions: Vec<Arc<Version>>,
}

impl Archive {
    /// The versions (one per file, as a load gives them) ordered newest first:
    /// by publication date, then file name.
    #[must_use]
    pub fn new(mut versions: Vec<Arc<Version>>) -> Self {
        versions.sort_by(|a, b| newness(b).cmp(&newness(a)));
        Self { versions }
    }

    /// Every article, newest first.
    #[must_use]
    pub fn newest(&self) -> &[Arc<Version>] {
        &self.versions
    }

    /// The article with this id, if the folder still holds it.
    #[must_use]
    pub fn by_id(&self, id: &str) -> Option<&Arc<Version>> {
        self.versions.iter().find(|v| v.id == id)
    }

    /// The article whose version key satisfies `is_it` (a button's version tag).
    #[must_use]
    pub fn by_key(&self, is_it: impl Fn(&str) -> bool) -> Option<&Arc<Version>> {
        self.versions.iter().find(|v| is_it(&v.key))
    }

    #[must_use]
    pub fn len(&self) -> usize {
        self.versions.len()
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.versions.is_empty()
    }
}
