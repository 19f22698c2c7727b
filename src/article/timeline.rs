//! The key dates: one entry per distinct value, chronological.
use super::model::{DateMention, Sentence, TimelineEntry};

pub(crate) fn build(_d: &[DateMention], _s: &[Sentence]) -> Vec<TimelineEntry> {
    Vec::new()
}
