//! Lines into lead, headed sections and embedded tweets.
use super::model::{Section, Tweet};

pub(crate) struct Body {
    pub sections: Vec<Section>,
    pub tweets: Vec<Tweet>,
}

pub(crate) fn split(text: &str) -> Body {
    let paragraphs: Vec<String> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(String::from)
        .collect();
    Body {
        sections: vec![Section {
            index: 0,
            heading: None,
            paragraphs,
        }],
        tweets: Vec::new(),
    }
}
