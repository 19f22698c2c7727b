//! Loading articles and their metadata from the content folder.
