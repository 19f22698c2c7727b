//! A crowd for flood tests and benchmarks: ordinary readers who each ask once a second
//! while one person floods the bot in private and one member floods a group, all pushed on
//! one schedule (open loop: nobody waits for an answer before asking again); then who got
//! what, and how long the readers waited.

use std::time::{Duration, Instant};

use serde_json::Value;

use nashra::bot::view::texts::{AR, Lang, too_many_requests};

use crate::fake::{html::visible_text, server::FakeApi, state::SentMessage, updates};

/// The first reader's user id; the others follow.
pub const FIRST_READER: i64 = 20_001;
/// The person flooding in private.
pub const FLOODER: i64 = 30_001;
/// The member flooding the group, and the group.
pub const MEMBER: i64 = 30_002;
pub const GROUP: i64 = -100_300_001;

/// Who asks what, when.
#[derive(Clone, Debug)]
pub struct Crowd {
    pub readers: usize,
    /// Each reader asks once per period, the readers spread evenly over it.
    pub period: Duration,
    pub asks_per_reader: usize,
    /// What the readers ask in turn, each with a piece of text its reply carries.
    pub questions: Vec<(String, String)>,
    /// The private flood: this many of `flood_text`, spread over `flood_for`.
    pub flood: usize,
    /// The group flood, over the same time.
    pub group_flood: usize,
    pub flood_text: String,
    pub flood_after: Duration,
    pub flood_for: Duration,
    /// A reader's request not answered within this counts as unanswered.
    pub answer_within: Duration,
}

/// What the crowd saw.
#[derive(Debug)]
pub struct Outcome {
    /// How long each answered reader's request waited, shortest first.
    pub reader_waits: Vec<Duration>,
    pub unanswered: usize,
    /// Every message sent to the flooder's chat, and to the group.
    pub to_flooder: Vec<SentMessage>,
    pub to_group: Vec<SentMessage>,
    /// When the last flood message was pushed.
    pub flood_ended: Instant,
}

impl Outcome {
    /// The readers' wait at quantile `q` (0.5, 0.99), or `None` if none was answered.
    #[must_use]
    pub fn reader_quantile(&self, q: f64) -> Option<Duration> {
        let last = self.reader_waits.len().checked_sub(1)?;
        let k = ((last as f64) * q).round() as usize;
        self.reader_waits.get(k).copied()
    }
}

impl Crowd {
    /// Twenty readers asking once a second for eight seconds, 300 `/summary` in
    /// private and 100 in a group within three seconds, from the second second
    /// on. The readers ask four kinds of question in turn, so a late reply is
    /// never merged with the next question.
    #[must_use]
    pub fn readers_and_two_floods() -> Self {
        let questions = [
            ("/summary", AR.summary_title),
            ("/dates", AR.dates_title),
            ("/about", AR.about_title),
            ("/tweet", AR.tweet_title),
        ]
        .into_iter()
        .map(|(q, marker)| (q.to_owned(), marker.to_owned()))
        .collect();
        Self {
            readers: 20,
            period: Duration::from_secs(1),
            asks_per_reader: 8,
            questions,
            flood: 300,
            group_flood: 100,
            flood_text: "/summary".to_owned(),
            flood_after: Duration::from_secs(2),
            flood_for: Duration::from_secs(3),
            answer_within: Duration::from_secs(5),
        }
    }
}

enum Event {
    Ask { reader: usize, question: usize },
    Flood,
    GroupFlood,
}

impl Crowd {
    /// Pushes the whole schedule, then waits for the readers' answers (at most
    /// `answer_within` after the last question) and reads what was sent.
    pub async fn run(&self, api: &FakeApi) -> Outcome {
        let readers: Vec<Value> = (0..self.readers)
            .map(|i| updates::user(FIRST_READER + i as i64, "Reader", "ar"))
            .collect();
        let flooder = updates::user(FLOODER, "Flooder", "en");
        let member = updates::user(MEMBER, "Member", "ar");
        let group = updates::supergroup_chat(GROUP, "Flooded");

        let mut schedule: Vec<(Duration, Event)> = Vec::new();
        for (r, _) in readers.iter().enumerate() {
            let offset = self.period.mul_f64(r as f64 / self.readers as f64);
            for k in 0..self.asks_per_reader {
                let question = (r + k) % self.questions.len();
                schedule.push((
                    offset + self.period * k as u32,
                    Event::Ask {
                        reader: r,
                        question,
                    },
                ));
            }
        }
        for (n, event) in [(self.flood, 0), (self.group_flood, 1)] {
            for i in 0..n {
                let at = self.flood_after + self.flood_for.mul_f64(i as f64 / n as f64);
                schedule.push((
                    at,
                    if event == 0 {
                        Event::Flood
                    } else {
                        Event::GroupFlood
                    },
                ));
            }
        }
        schedule.sort_by_key(|(at, _)| *at);

        let start = tokio::time::Instant::now();
        let mut asked: Vec<(usize, usize, Instant)> = Vec::new();
        let mut flood_ended = Instant::now();
        for (at, event) in schedule {
            tokio::time::sleep_until(start + at).await;
            match event {
                Event::Ask { reader, question } => {
                    let text = &self.questions[question].0;
                    asked.push((reader, question, Instant::now()));
                    api.push_update(updates::private_text(&readers[reader], text));
                }
                Event::Flood => {
                    api.push_update(updates::private_text(&flooder, &self.flood_text));
                    flood_ended = Instant::now();
                }
                Event::GroupFlood => {
                    let text = format!("{}@{}", self.flood_text, bot_username(api));
                    api.push_update(updates::group_text(&group, &member, &text));
                    flood_ended = Instant::now();
                }
            }
        }
        let expected = asked.len();
        let first = FIRST_READER;
        let last = FIRST_READER + self.readers as i64;
        api.wait_until(self.answer_within, |st| {
            let answered: usize = (first..last)
                .map(|chat| st.delivered.get(&chat).copied().unwrap_or(0))
                .sum();
            (answered >= expected).then_some(())
        })
        .await;

        let sent = api.sent_messages();
        let mut used = vec![false; sent.len()];
        let mut reader_waits = Vec::new();
        let mut unanswered = 0;
        for (reader, question, at) in asked {
            let chat = FIRST_READER + reader as i64;
            let marker = &self.questions[question].1;
            let reply = sent.iter().enumerate().find(|(i, m)| {
                !used[*i] && m.chat_id == chat && m.at >= at && m.text.contains(marker.as_str())
            });
            match reply {
                Some((i, m)) if m.at.duration_since(at) <= self.answer_within => {
                    used[i] = true;
                    reader_waits.push(m.at.duration_since(at));
                }
                _ => unanswered += 1,
            }
        }
        reader_waits.sort();
        Outcome {
            reader_waits,
            unanswered,
            to_flooder: sent
                .iter()
                .filter(|m| m.chat_id == FLOODER)
                .cloned()
                .collect(),
            to_group: sent
                .iter()
                .filter(|m| m.chat_id == GROUP)
                .cloned()
                .collect(),
            flood_ended,
        }
    }
}

fn bot_username(api: &FakeApi) -> String {
    api.bot_user()["username"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

/// When the flooder came back, and how soon it was answered.
#[derive(Debug, Clone, Copy)]
pub struct Comeback {
    /// When its notice arrived and the wait it named.
    pub notice: (Instant, Duration),
    pub asked: Instant,
    pub answered_in: Option<Duration>,
}

/// The flooder comes back as told: once the flood is over (`flood_over`) and the
/// wait its notice named has passed, it asks `text` once. `wait_of` reads a
/// notice's wait (`None` for any other message). `None` if no notice came.
pub async fn flooder_comes_back(
    api: &FakeApi,
    flood_over: Instant,
    wait_of: impl Fn(&SentMessage) -> Option<Duration>,
    text: &str,
    within: Duration,
) -> Option<Comeback> {
    let notice = api
        .wait_until(
            flood_over.saturating_duration_since(Instant::now()) + within,
            |st| {
                st.sent
                    .iter()
                    .filter(|m| m.chat_id == FLOODER)
                    .find_map(|m| wait_of(m).map(|wait| (m.at, wait)))
            },
        )
        .await?;
    let back = flood_over.max(notice.0 + notice.1);
    tokio::time::sleep_until(back.into()).await;
    let flooder = updates::user(FLOODER, "Flooder", "en");
    let before = api.delivered_per_chat().get(&FLOODER).copied().unwrap_or(0);
    let asked = Instant::now();
    api.push_update(updates::private_text(&flooder, text));
    let answered = api
        .wait_until(within, |st| {
            (st.delivered.get(&FLOODER).copied().unwrap_or(0) > before).then_some(())
        })
        .await;
    let answered_in = answered.and_then(|()| {
        let reply = api
            .sent_messages()
            .into_iter()
            .rfind(|m| m.chat_id == FLOODER)?;
        Some(reply.at.duration_since(asked))
    });
    Some(Comeback {
        notice,
        asked,
        answered_in,
    })
}

/// The wait a message names if it is the rate limit's notice (in a group,
/// after the name of the member it is for).
#[must_use]
pub fn notice_wait(m: &SentMessage, lang: Lang) -> Option<Duration> {
    let text = visible_text(&m.text).ok()?;
    (1..=600)
        .find(|&secs| {
            let notice = too_many_requests(lang, secs);
            text == notice
                || text
                    .strip_suffix(&notice)
                    .is_some_and(|named| named.ends_with(": "))
        })
        .map(Duration::from_secs)
}

/// Replies and notices among the messages a flooding chat got before `until`.
#[must_use]
pub fn tally(sent: &[SentMessage], lang: Lang, until: Instant) -> (usize, usize) {
    let before: Vec<&SentMessage> = sent.iter().filter(|m| m.at < until).collect();
    let notices = before
        .iter()
        .filter(|m| notice_wait(m, lang).is_some())
        .count();
    (before.len() - notices, notices)
}
