//! Counters for the operator, served as Prometheus text on the webhook
//! listener's `GET /metrics`, and the health check behind `GET /healthz`.
//! Plain atomics: counting never waits.

use std::fmt::Write as _;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering::Relaxed};
use std::time::Duration;

/// Upper bounds of the reply latency histogram, in seconds.
const BUCKETS: [f64; 10] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1.0, 5.0];

/// What the bot has done since it started; shared by every task through the app.
#[derive(Debug, Default)]
pub struct Metrics {
    updates: AtomicU64,
    replies: AtomicU64,
    reply_flood_waits: AtomicU64,
    delivery_flood_waits: AtomicU64,
    deliveries_sent: AtomicU64,
    deliveries_failed: AtomicU64,
    leader: AtomicBool,
    latency_buckets: [AtomicU64; BUCKETS.len()],
    latency_count: AtomicU64,
    latency_micros: AtomicU64,
}

impl Metrics {
    pub fn update(&self) {
        self.updates.fetch_add(1, Relaxed);
    }

    /// A reply reached Telegram `took` after its update arrived.
    pub fn replied(&self, took: Duration) {
        self.replies.fetch_add(1, Relaxed);
        let secs = took.as_secs_f64();
        for (bound, count) in BUCKETS.iter().zip(&self.latency_buckets) {
            if secs <= *bound {
                count.fetch_add(1, Relaxed);
            }
        }
        self.latency_count.fetch_add(1, Relaxed);
        let micros = u64::try_from(took.as_micros()).unwrap_or(u64::MAX);
        self.latency_micros.fetch_add(micros, Relaxed);
    }

    /// Telegram answered 429 to a reply (a message, an edit, inline results).
    pub fn reply_flood_wait(&self) {
        self.reply_flood_waits.fetch_add(1, Relaxed);
    }

    /// Telegram answered 429 to a delivery of the broadcast.
    pub fn delivery_flood_wait(&self) {
        self.delivery_flood_waits.fetch_add(1, Relaxed);
    }

    pub fn delivered(&self, sent: bool) {
        if sent {
            self.deliveries_sent.fetch_add(1, Relaxed);
        } else {
            self.deliveries_failed.fetch_add(1, Relaxed);
        }
    }

    pub fn set_leader(&self, leading: bool) {
        self.leader.store(leading, Relaxed);
    }

    /// The Prometheus text exposition of every metric, with the current
    /// article version and the deliveries still queued for it.
    #[must_use]
    pub fn render(&self, version: &str, queued: i64) -> String {
        let mut out = String::new();
        let mut counter = |name: &str, help: &str, value: u64| {
            let _ = writeln!(
                out,
                "# HELP {name} {help}\n# TYPE {name} counter\n{name} {value}"
            );
        };
        counter(
            "nashra_updates_total",
            "Updates handled.",
            self.updates.load(Relaxed),
        );
        counter(
            "nashra_replies_total",
            "Replies sent.",
            self.replies.load(Relaxed),
        );
        counter(
            "nashra_deliveries_sent_total",
            "Article deliveries sent by this replica.",
            self.deliveries_sent.load(Relaxed),
        );
        counter(
            "nashra_deliveries_failed_total",
            "Article deliveries that failed or were put back for later.",
            self.deliveries_failed.load(Relaxed),
        );
        let _ = writeln!(
            out,
            "# HELP nashra_flood_waits_total 429 answers from Telegram (flood control), to replies and to deliveries.\n# TYPE nashra_flood_waits_total counter\nnashra_flood_waits_total{{lane=\"reply\"}} {}\nnashra_flood_waits_total{{lane=\"delivery\"}} {}",
            self.reply_flood_waits.load(Relaxed),
            self.delivery_flood_waits.load(Relaxed),
        );
        let _ = writeln!(
            out,
            "# HELP nashra_deliveries_queued Deliveries of the current version not yet sent.\n# TYPE nashra_deliveries_queued gauge\nnashra_deliveries_queued {queued}"
        );
        let _ = writeln!(
            out,
            "# HELP nashra_leader 1 when this replica leads the broadcast.\n# TYPE nashra_leader gauge\nnashra_leader {}",
            u8::from(self.leader.load(Relaxed))
        );
        let _ = writeln!(
            out,
            "# HELP nashra_article_version The current article version.\n# TYPE nashra_article_version gauge\nnashra_article_version{{version=\"{}\"}} 1",
            version.replace(['"', '\\', '\n'], "")
        );
        let _ = writeln!(
            out,
            "# HELP nashra_reply_seconds From an update's arrival to its reply reaching Telegram.\n# TYPE nashra_reply_seconds histogram"
        );
        for (bound, count) in BUCKETS.iter().zip(&self.latency_buckets) {
            let _ = writeln!(
                out,
                "nashra_reply_seconds_bucket{{le=\"{bound}\"}} {}",
                count.load(Relaxed)
            );
        }
        let count = self.latency_count.load(Relaxed);
        let _ = writeln!(out, "nashra_reply_seconds_bucket{{le=\"+Inf\"}} {count}");
        let sum = self.latency_micros.load(Relaxed) as f64 / 1e6;
        let _ = writeln!(
            out,
            "nashra_reply_seconds_sum {sum}\nnashra_reply_seconds_count {count}"
        );
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_prometheus_text() {
        let m = Metrics::default();
        m.update();
        m.update();
        m.replied(Duration::from_millis(3));
        m.reply_flood_wait();
        m.reply_flood_wait();
        m.delivery_flood_wait();
        m.delivered(true);
        m.set_leader(true);
        let text = m.render("abc\"def", 7);
        assert!(text.contains("nashra_updates_total 2\n"), "{text}");
        assert!(text.contains("nashra_replies_total 1\n"));
        assert!(text.contains("nashra_flood_waits_total{lane=\"reply\"} 2\n"));
        assert!(text.contains("nashra_flood_waits_total{lane=\"delivery\"} 1\n"));
        assert!(text.contains("nashra_deliveries_sent_total 1\n"));
        assert!(text.contains("nashra_deliveries_queued 7\n"));
        assert!(text.contains("nashra_leader 1\n"));
        assert!(text.contains("nashra_article_version{version=\"abcdef\"} 1\n"));
        assert!(text.contains("nashra_reply_seconds_bucket{le=\"0.0025\"} 0\n"));
        assert!(text.contains("nashra_reply_seconds_bucket{le=\"0.005\"} 1\n"));
        assert!(text.contains("nashra_reply_seconds_bucket{le=\"+Inf\"} 1\n"));
        assert!(text.contains("nashra_reply_seconds_count 1\n"));
    }
}
