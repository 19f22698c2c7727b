//! Arabic-aware sentence splitting.
use super::model::{Section, Sentence};

pub(crate) fn split(p: &str) -> Vec<String> {
    vec![p.to_string()]
}

pub(crate) fn of_sections(sections: &[Section]) -> Vec<Sentence> {
    let mut out = Vec::new();
    for s in sections {
        for (pi, p) in s.paragraphs.iter().enumerate() {
            for t in split(p) {
                out.push(Sentence {
                    text: t,
                    section: s.index,
                    paragraph: pi,
                });
            }
        }
    }
    out
}
