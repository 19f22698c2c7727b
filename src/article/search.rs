//! Finding a section by number or by words of its heading.
use super::model::Section;

/// How a reader named a section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SectionQuery {
    Number(usize),
    Words(String),
}

pub(crate) fn find(_sections: &[Section], _q: &str) -> Option<usize> {
    None
}
