//! Questions with known answers, and how the answerer is scored on them: the
//! table `tests/corpus/questions.json` (seed and real articles) and ARCD (the
//! Arabic Reading Comprehension Dataset). Shared by the answer tests and
//! `examples/score_answers.rs`.

use article::answer::{Index, Verdict};
use article::normalize::words;
use article::{Article, Metadata, ParseOptions, parse};
use serde::Deserialize;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Table {
    pub about: String,
    pub questions: Vec<Asked>,
}

/// One question of the table.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Asked {
    /// The article, relative to the repository, without extension.
    pub article: String,
    pub split: String,
    pub question: String,
    /// What the answer must contain; `None` when the article does not answer it.
    pub fact: Option<String>,
    /// For "when": the resolved date the answer must carry (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`).
    #[serde(default)]
    pub date: Option<String>,
}

/// An article and its index.
pub struct Indexed {
    pub article: Article,
    pub index: Index,
}

impl Indexed {
    #[must_use]
    pub fn new(article: Article) -> Self {
        let index = Index::build(&article);
        Self { article, index }
    }

    #[must_use]
    pub fn ask(&self, question: &str) -> Verdict {
        self.index.ask(&self.article, question)
    }

    /// The answer's sentences as one text (empty when nothing was found).
    #[must_use]
    pub fn said(&self, verdict: &Verdict) -> String {
        match verdict {
            Verdict::Found(a) => a
                .sentences
                .iter()
                .map(|&i| self.article.sentences[i].text.as_str())
                .collect::<Vec<_>>()
                .join(" "),
            _ => String::new(),
        }
    }

    /// The resolved date the answer carries, as `YYYY[-MM[-DD]]`.
    #[must_use]
    pub fn date(&self, verdict: &Verdict) -> Option<String> {
        match verdict {
            Verdict::Found(a) => a
                .date
                .and_then(|k| self.article.dates[k].date)
                .map(|d| d.to_string()),
            _ => None,
        }
    }
}

#[must_use]
pub fn table() -> Table {
    let path = crate::repo_root().join("tests/corpus/questions.json");
    let text = std::fs::read_to_string(&path).expect("the question table");
    serde_json::from_str(&text).expect("the question table is valid")
}

/// Every article the table asks about, parsed and indexed once.
#[must_use]
pub fn articles(table: &Table) -> HashMap<String, Indexed> {
    let mut out = HashMap::new();
    for q in &table.questions {
        out.entry(q.article.clone()).or_insert_with(|| {
            Indexed::new(crate::corpus::load(&crate::repo_root().join(&q.article)))
        });
    }
    out
}

/// Words of a text in their matching form, joined by single spaces.
#[must_use]
pub fn folded(text: &str) -> String {
    format!(" {} ", words(text).join(" "))
}

/// Whether `said` contains `fact`, compared in matching form, word by word; the
/// fact's last word may be the start of a longer one (`منشور` in `منشوراً`), unless
/// it is a number (`50` is not in `500`).
#[must_use]
pub fn contains(said: &str, fact: &str) -> bool {
    let fact = folded(fact);
    let open_end = !fact
        .trim_end()
        .rsplit(' ')
        .next()
        .is_some_and(|w| w.bytes().all(|b| b.is_ascii_digit()));
    let needle = if open_end { fact.trim_end() } else { &fact };
    folded(said).contains(needle)
}

/// The outcome of one question of the table.
pub struct Outcome {
    pub asked: Asked,
    pub right: bool,
    pub said: String,
    pub date: Option<String>,
}

/// Asks every question of the table.
#[must_use]
pub fn run_table(table: &Table) -> Vec<Outcome> {
    let docs = articles(table);
    table
        .questions
        .iter()
        .map(|q| {
            let doc = &docs[&q.article];
            let verdict = doc.ask(&q.question);
            let said = doc.said(&verdict);
            let date = doc.date(&verdict);
            let right = match &q.fact {
                None => !matches!(verdict, Verdict::Found(_)),
                Some(fact) => {
                    contains(&said, fact)
                        && q.date
                            .as_ref()
                            .is_none_or(|want| date.as_ref() == Some(want))
                }
            };
            Outcome {
                asked: q.clone(),
                right,
                said,
                date,
            }
        })
        .collect()
}

/// Right / asked, for answerable and for unanswerable questions of a split
/// (`None`: every split).
#[must_use]
pub fn tally(outcomes: &[Outcome], split: Option<&str>) -> ((usize, usize), (usize, usize)) {
    let mut answerable = (0, 0);
    let mut unanswerable = (0, 0);
    for o in outcomes
        .iter()
        .filter(|o| split.is_none_or(|s| o.asked.split == s))
    {
        let t = if o.asked.fact.is_some() {
            &mut answerable
        } else {
            &mut unanswerable
        };
        t.1 += 1;
        t.0 += usize::from(o.right);
    }
    (answerable, unanswerable)
}

#[derive(Debug, Deserialize)]
struct Squad {
    data: Vec<SquadArticle>,
}

#[derive(Debug, Deserialize)]
struct SquadArticle {
    title: String,
    paragraphs: Vec<SquadParagraph>,
}

#[derive(Debug, Deserialize)]
struct SquadParagraph {
    context: String,
    qas: Vec<SquadQuestion>,
}

#[derive(Debug, Deserialize)]
struct SquadQuestion {
    question: String,
    answers: Vec<SquadAnswer>,
}

#[derive(Debug, Deserialize)]
struct SquadAnswer {
    text: String,
}

/// ARCD's training split, vendored with its MIT licence (`tests/corpus/arcd/`).
#[must_use]
pub fn arcd_path() -> PathBuf {
    crate::repo_root().join("tests/corpus/arcd/arcd-train.json")
}

/// One ARCD question and whether the answer contained its answer text; and,
/// asked of the next title's article instead (which does not answer it),
/// whether that was declined.
pub struct ArcdOutcome {
    pub title: String,
    pub question: String,
    pub answer: String,
    pub said: String,
    pub right: bool,
    pub elsewhere_declined: bool,
}

/// Asks every ARCD question of the file at `path` of an article made of its
/// title's paragraphs, one per line.
///
/// # Panics
/// When the file is not SQuAD-shaped JSON.
#[must_use]
pub fn run_arcd(path: &Path) -> Vec<ArcdOutcome> {
    let text = std::fs::read_to_string(path).expect("ARCD file");
    let squad: Squad = serde_json::from_str(&text).expect("SQuAD layout");
    let docs: Vec<Option<Indexed>> = squad
        .data
        .iter()
        .map(|a| {
            let body: Vec<&str> = a.paragraphs.iter().map(|p| p.context.trim()).collect();
            let meta = Metadata {
                title: Some(a.title.clone()),
                ..Metadata::default()
            };
            parse(&body.join("\n"), &meta, &ParseOptions::default())
                .ok()
                .map(Indexed::new)
        })
        .collect();
    let mut out = Vec::new();
    for (k, a) in squad.data.iter().enumerate() {
        let Some(doc) = &docs[k] else { continue };
        let other = docs[(k + 1) % docs.len()].as_ref();
        for p in &a.paragraphs {
            for q in &p.qas {
                let verdict = doc.ask(q.question.trim());
                let said = doc.said(&verdict);
                let right = q.answers.iter().any(|ans| contains(&said, &ans.text));
                let elsewhere_declined =
                    other.is_none_or(|o| !matches!(o.ask(q.question.trim()), Verdict::Found(_)));
                out.push(ArcdOutcome {
                    title: a.title.clone(),
                    question: q.question.trim().to_string(),
                    answer: q
                        .answers
                        .first()
                        .map(|x| x.text.clone())
                        .unwrap_or_default(),
                    said,
                    right,
                    elsewhere_declined,
                });
            }
        }
    }
    out
}
