//! Date expressions: found, resolved against the publication date.
use super::model::{DateMention, Sentence, Tweet};
use chrono::NaiveDate;

pub(crate) fn infer_published(_s: &[Sentence], _t: &[Tweet]) -> Option<NaiveDate> {
    None
}

pub(crate) fn extract(_s: &[Sentence], _t: &[Tweet], _p: Option<NaiveDate>) -> Vec<DateMention> {
    Vec::new()
}
