//! The owners' views: `/stats` (subscribers by chat type, deliveries by state)
//! and the outcome of `/reload`.

use teloxide::utils::html::{bold, code_inline, escape};

use super::{
    Lang, Reply, SNIPPET_CHARS, Texts, Version, callback, clip, labelled, messages, texts, title,
};
use crate::store::{ChatKind, Stats};

/// Subscriber and delivery counts for the owners.
#[must_use]
pub fn stats(doc: &Version, stats: &Stats, lang: Lang) -> Reply {
    let t = texts(lang);
    let mut subs: Vec<String> = stats
        .subscribers_by_type
        .iter()
        .map(|(kind, n)| format!("• {}: {n}", chat_type(t, *kind)))
        .collect();
    let total: i64 = stats.subscribers_by_type.iter().map(|(_, n)| n).sum();
    subs.push(labelled(t.stats_total, &total.to_string()));
    let deliveries = [
        (t.stats_pending, stats.pending),
        (t.stats_sending, stats.sending),
        (t.stats_sent, stats.sent),
        (t.stats_failed, stats.failed),
    ]
    .map(|(label, n)| format!("• {label}: {n}"));
    let failures: Vec<String> = stats
        .recent_failures
        .iter()
        .map(|f| {
            format!(
                "• {} · {} · {}\n{}",
                code_inline(&f.chat_id.to_string()),
                code_inline(&callback::tag(&f.version)),
                labelled(t.stats_attempts, &f.attempts.to_string()),
                escape(&clip(&f.last_error, SNIPPET_CHARS)),
            )
        })
        .collect();
    let failures = if failures.is_empty() {
        t.none.to_string()
    } else {
        failures.join("\n")
    };
    let blocks = [
        format!("{}\n{}", bold(t.stats_title), title(&doc.article)),
        format!("{}\n{}", bold(t.stats_subscribers), subs.join("\n")),
        format!("{}\n{}", bold(t.stats_deliveries), deliveries.join("\n")),
        format!("{}\n{failures}", bold(t.stats_recent_failures)),
        labelled(t.about_version, &code_inline(&callback::tag(&doc.key))),
    ];
    messages(&blocks, Vec::new())
}

fn chat_type(t: &Texts, kind: ChatKind) -> &'static str {
    match kind {
        ChatKind::Private => t.chat_private,
        ChatKind::Group => t.chat_group,
        ChatKind::Supergroup => t.chat_supergroup,
        ChatKind::Channel => t.chat_channel,
    }
}

/// The outcome of a reload: whether the article changed, its title and version,
/// and the files that failed to load.
#[must_use]
pub fn reloaded(doc: &Version, changed: bool, failures: &[String], lang: Lang) -> Reply {
    let t = texts(lang);
    let status = if changed {
        t.reload_changed
    } else {
        t.reload_unchanged
    };
    let version = code_inline(&callback::tag(&doc.key));
    let mut blocks = vec![format!("{status}\n{} · {version}", title(&doc.article))];
    if !failures.is_empty() {
        let list = failures
            .iter()
            .map(|f| format!("• {}", escape(&clip(f, 300))));
        blocks.push(
            std::iter::once(bold(t.reload_failures))
                .chain(list)
                .collect::<Vec<_>>()
                .join("\n"),
        );
    }
    messages(&blocks, Vec::new())
}
