//! Configuration from the environment (and `.env`), validated once into [`Config`].
//! Every variable is documented in `.env.example`.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::PathBuf;

use crate::store::{Backend, redact_url};

/// The bot's settings, all checked. `Debug` hides the token, the secret and
/// the database password.
#[derive(Clone, PartialEq)]
pub struct Config {
    /// None: run the offline console instead of connecting to Telegram.
    pub token: Option<String>,
    pub api_url: Option<url::Url>,
    pub content_dir: PathBuf,
    pub database_url: String,
    pub owners: Vec<i64>,
    pub webhook: Option<Webhook>,
    /// Multiplies every outgoing rate limit (tests and benchmarks against a fake server).
    pub rate_scale: f64,
    /// The broadcast's messages carry `allow_paid_broadcast` and go out at
    /// Telegram's paid rate (`NASHRA_PAID_BROADCAST`).
    pub paid_broadcast: bool,
    /// Article files larger than this are refused (`NASHRA_MAX_ARTICLE_BYTES`).
    pub max_article_bytes: usize,
    /// How many requests a person and a group may send (`NASHRA_USER_*`, `NASHRA_GROUP_*`).
    pub incoming: Incoming,
    /// The log filter (`RUST_LOG`); none: `info`, or `warn` in the console.
    pub log_filter: Option<String>,
    /// The terminal's locale (`LANG`), which picks the console's language.
    pub locale: Option<String>,
}

/// A token bucket's size: `burst` requests at once, refilled at `per_minute`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rate {
    pub burst: u32,
    pub per_minute: u32,
}

/// The incoming rate limits: each person, and each group or channel as a whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Incoming {
    pub user: Rate,
    pub group: Rate,
}

impl Default for Incoming {
    /// One request a second keeps a person well inside the limit; a burst of five
    /// covers a quick look round the article. A group shares Telegram's 20
    /// replies a minute among its members, so it may ask for about that many.
    fn default() -> Self {
        Self {
            user: Rate {
                burst: 5,
                per_minute: 60,
            },
            group: Rate {
                burst: 10,
                per_minute: 30,
            },
        }
    }
}

#[derive(Clone, PartialEq, Eq)]
pub struct Webhook {
    pub url: url::Url,
    pub listen: SocketAddr,
    pub secret: Option<String>,
}

impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config")
            .field("token", &self.token.as_ref().map(|_| "<hidden>"))
            .field("api_url", &self.api_url)
            .field("content_dir", &self.content_dir)
            .field("database_url", &redact_url(&self.database_url))
            .field("owners", &self.owners)
            .field("webhook", &self.webhook)
            .field("rate_scale", &self.rate_scale)
            .field("paid_broadcast", &self.paid_broadcast)
            .field("max_article_bytes", &self.max_article_bytes)
            .field("incoming", &self.incoming)
            .field("log_filter", &self.log_filter)
            .field("locale", &self.locale)
            .finish()
    }
}

impl std::fmt::Debug for Webhook {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Webhook")
            .field("url", &self.url)
            .field("listen", &self.listen)
            .field("secret", &self.secret.as_ref().map(|_| "<hidden>"))
            .finish()
    }
}

/// An invalid setting, as one sentence naming the variable and the fix.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("invalid configuration: {0}")]
pub struct ConfigError(pub String);

impl Config {
    /// Reads the process environment (after loading `.env` if present).
    pub fn from_env() -> Result<Self, ConfigError> {
        let _ = dotenvy::dotenv();
        Self::from_vars(&std::env::vars().collect())
    }

    /// Validates a set of variables; pure, for tests.
    pub fn from_vars(vars: &HashMap<String, String>) -> Result<Self, ConfigError> {
        let get = |k: &str| vars.get(k).map(|v| v.trim()).filter(|v| !v.is_empty());
        let token = get("TELOXIDE_TOKEN").map(str::to_string);
        if let Some(t) = &token {
            let valid = t.split_once(':').is_some_and(|(id, secret)| {
                !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()) && !secret.is_empty()
            });
            if !valid {
                return Err(ConfigError(
                    "TELOXIDE_TOKEN does not look like a bot token (123456:ABC...); copy it from @BotFather".into(),
                ));
            }
        }
        let api_url = get("TELOXIDE_API_URL")
            .map(|u| {
                url::Url::parse(u).map_err(|_| {
                    ConfigError(format!(
                        "TELOXIDE_API_URL `{u}` is not a URL; use e.g. http://127.0.0.1:8081"
                    ))
                })
            })
            .transpose()?;
        let owners = get("NASHRA_OWNER_IDS")
            .map(|s| {
                s.split(',')
                    .map(str::trim)
                    .filter(|p| !p.is_empty())
                    .map(|p| {
                        p.parse::<i64>().map_err(|_| {
                            ConfigError(format!(
                                "NASHRA_OWNER_IDS has `{p}`, which is not a Telegram user id; list numbers separated by commas"
                            ))
                        })
                    })
                    .collect::<Result<Vec<_>, _>>()
            })
            .transpose()?
            .unwrap_or_default();
        let database_url = get("NASHRA_DATABASE_URL")
            .unwrap_or("sqlite://data/nashra.db")
            .to_string();
        if Backend::of_url(&database_url).is_none() {
            return Err(ConfigError(format!(
                "NASHRA_DATABASE_URL `{}` is not supported; use sqlite://PATH, sqlite::memory: or postgres://USER:PASSWORD@HOST/DATABASE",
                redact_url(&database_url)
            )));
        }
        let rate_scale = match get("NASHRA_RATE_SCALE") {
            None => 1.0,
            Some(s) => s
                .parse::<f64>()
                .ok()
                .filter(|x| x.is_finite() && *x > 0.0 && *x <= 1000.0)
                .ok_or_else(|| {
                    ConfigError(format!(
                        "NASHRA_RATE_SCALE `{s}` must be a positive number such as 1 or 10"
                    ))
                })?,
        };
        let webhook = match get("NASHRA_WEBHOOK_URL") {
            None => None,
            Some(u) => {
                let url = url::Url::parse(u)
                    .ok()
                    .filter(|x| x.scheme() == "https" || x.scheme() == "http")
                    .ok_or_else(|| {
                        ConfigError(format!("NASHRA_WEBHOOK_URL `{u}` is not an http(s) URL"))
                    })?;
                let listen_s = get("NASHRA_WEBHOOK_LISTEN").unwrap_or("0.0.0.0:8443");
                let listen = listen_s.parse().map_err(|_| {
                    ConfigError(format!("NASHRA_WEBHOOK_LISTEN `{listen_s}` must be ADDRESS:PORT such as 0.0.0.0:8443"))
                })?;
                let secret = get("NASHRA_WEBHOOK_SECRET").map(str::to_string);
                if let Some(s) = &secret {
                    let ok = (1..=256).contains(&s.len())
                        && s.bytes()
                            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
                    if !ok {
                        return Err(ConfigError(
                            "NASHRA_WEBHOOK_SECRET may hold only A-Z, a-z, 0-9, _ and - (1 to 256 characters)".into(),
                        ));
                    }
                }
                Some(Webhook {
                    url,
                    listen,
                    secret,
                })
            }
        };
        Ok(Self {
            token,
            api_url,
            content_dir: content_dir(vars),
            database_url,
            owners,
            webhook,
            rate_scale,
            paid_broadcast: paid_broadcast(vars)?,
            max_article_bytes: max_article_bytes(vars)?,
            incoming: incoming(vars)?,
            log_filter: get("RUST_LOG").map(str::to_string),
            locale: get("LANG").map(str::to_string),
        })
    }
}

/// `NASHRA_PAID_BROADCAST`: off unless `1` or `true`.
fn paid_broadcast(vars: &HashMap<String, String>) -> Result<bool, ConfigError> {
    match vars
        .get("NASHRA_PAID_BROADCAST")
        .map(|v| v.trim().to_ascii_lowercase())
        .as_deref()
    {
        None | Some("" | "0" | "false") => Ok(false),
        Some("1" | "true") => Ok(true),
        Some(other) => Err(ConfigError(format!(
            "NASHRA_PAID_BROADCAST `{other}` must be 1 or true (paid broadcasts at up to 1,000 messages a second, charged in Telegram Stars) or 0 or false (the default)"
        ))),
    }
}

/// `NASHRA_USER_BURST`, `NASHRA_USER_PER_MIN`, `NASHRA_GROUP_BURST`,
/// `NASHRA_GROUP_PER_MIN`, each defaulting to [`Incoming::default`].
fn incoming(vars: &HashMap<String, String>) -> Result<Incoming, ConfigError> {
    let number = |key: &str, default: u32, max: u32| -> Result<u32, ConfigError> {
        match vars.get(key).map(|v| v.trim()) {
            None | Some("") => Ok(default),
            Some(s) => s
                .parse::<u32>()
                .ok()
                .filter(|n| (1..=max).contains(n))
                .ok_or_else(|| {
                    ConfigError(format!(
                        "{key} `{s}` must be a whole number from 1 to {max} (default {default})"
                    ))
                }),
        }
    };
    let d = Incoming::default();
    Ok(Incoming {
        user: Rate {
            burst: number("NASHRA_USER_BURST", d.user.burst, MAX_BURST)?,
            per_minute: number("NASHRA_USER_PER_MIN", d.user.per_minute, MAX_PER_MINUTE)?,
        },
        group: Rate {
            burst: number("NASHRA_GROUP_BURST", d.group.burst, MAX_BURST)?,
            per_minute: number("NASHRA_GROUP_PER_MIN", d.group.per_minute, MAX_PER_MINUTE)?,
        },
    })
}

// Far above any person, low enough that the arithmetic stays exact in f64.
const MAX_BURST: u32 = 100_000;
const MAX_PER_MINUTE: u32 = 6_000_000;

/// `NASHRA_CONTENT_DIR`, or `content`; `nashra parse` without a file reads it
/// and the size limit only, so a bot setting it does not use cannot fail a parse.
#[must_use]
pub fn content_dir(vars: &HashMap<String, String>) -> PathBuf {
    PathBuf::from(
        vars.get("NASHRA_CONTENT_DIR")
            .map(|v| v.trim())
            .filter(|v| !v.is_empty())
            .unwrap_or("content"),
    )
}

/// `NASHRA_MAX_ARTICLE_BYTES`, or the default; `nashra parse` reads only this
/// and the content folder.
pub fn max_article_bytes(vars: &HashMap<String, String>) -> Result<usize, ConfigError> {
    match vars.get("NASHRA_MAX_ARTICLE_BYTES").map(|v| v.trim()) {
        None | Some("") => Ok(article::DEFAULT_MAX_BYTES),
        Some(s) => s.parse::<usize>().ok().filter(|n| *n > 0).ok_or_else(|| {
            ConfigError(format!(
                "NASHRA_MAX_ARTICLE_BYTES `{s}` must be a positive number of bytes such as 2097152"
            ))
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vars(pairs: &[(&str, &str)]) -> HashMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn defaults_without_variables() {
        let c = Config::from_vars(&vars(&[])).unwrap();
        assert_eq!(c.token, None);
        assert_eq!(c.content_dir, PathBuf::from("content"));
        assert_eq!(c.database_url, "sqlite://data/nashra.db");
        assert!(c.webhook.is_none());
        assert_eq!(c.rate_scale, 1.0);
        assert!(!c.paid_broadcast);
        assert_eq!(c.max_article_bytes, article::DEFAULT_MAX_BYTES);
        assert_eq!(c.incoming, Incoming::default());
    }

    #[test]
    fn incoming_limits_are_read_per_variable() {
        let c = Config::from_vars(&vars(&[
            ("NASHRA_USER_BURST", "3"),
            ("NASHRA_GROUP_PER_MIN", " 12 "),
        ]))
        .unwrap();
        assert_eq!(
            c.incoming,
            Incoming {
                user: Rate {
                    burst: 3,
                    per_minute: 60
                },
                group: Rate {
                    burst: 10,
                    per_minute: 12
                },
            }
        );
    }

    #[test]
    fn each_bad_value_names_its_variable() {
        for (k, v) in [
            ("TELOXIDE_TOKEN", "nonsense"),
            ("TELOXIDE_API_URL", "not a url"),
            ("NASHRA_OWNER_IDS", "12,abc"),
            ("NASHRA_DATABASE_URL", "mysql://x"),
            ("NASHRA_RATE_SCALE", "-1"),
            ("NASHRA_MAX_ARTICLE_BYTES", "2MB"),
            ("NASHRA_USER_BURST", "0"),
            ("NASHRA_USER_PER_MIN", "1.5"),
            ("NASHRA_GROUP_BURST", "-3"),
            ("NASHRA_GROUP_PER_MIN", "lots"),
            ("NASHRA_WEBHOOK_URL", "ftp://x"),
            ("NASHRA_PAID_BROADCAST", "yes"),
        ] {
            let err = Config::from_vars(&vars(&[(k, v)])).unwrap_err();
            assert!(err.to_string().contains(k), "{err}");
            assert!(!err.to_string().contains('\n'));
        }
    }

    #[test]
    fn paid_broadcasts_are_opt_in() {
        for (value, paid) in [
            ("1", true),
            ("true", true),
            (" TRUE ", true),
            ("0", false),
            ("false", false),
            ("", false),
        ] {
            let c = Config::from_vars(&vars(&[("NASHRA_PAID_BROADCAST", value)])).unwrap();
            assert_eq!(c.paid_broadcast, paid, "{value:?}");
        }
        for value in ["2", "on", "yes please"] {
            let err = Config::from_vars(&vars(&[("NASHRA_PAID_BROADCAST", value)]))
                .unwrap_err()
                .to_string();
            assert!(
                err.contains("NASHRA_PAID_BROADCAST") && err.contains("1 or true"),
                "{err}"
            );
            assert_eq!(err.matches(". ").count(), 0, "one sentence: {err}");
        }
    }

    #[test]
    fn postgres_urls_are_accepted_and_their_passwords_never_shown() {
        for url in [
            "postgres://nashra:hunter2@db.internal:5432/nashra",
            "postgresql://nashra:hunter2@127.0.0.1/nashra?sslmode=disable",
        ] {
            let c = Config::from_vars(&vars(&[("NASHRA_DATABASE_URL", url)])).unwrap();
            assert_eq!(c.database_url, url);
            let shown = format!("{c:?}");
            assert!(
                !shown.contains("hunter2") && shown.contains("nashra:***@"),
                "{shown}"
            );
        }
        let err = Config::from_vars(&vars(&[(
            "NASHRA_DATABASE_URL",
            "mysql://root:hunter2@localhost/nashra",
        )]))
        .unwrap_err()
        .to_string();
        assert!(
            err.contains("NASHRA_DATABASE_URL") && err.contains("postgres://"),
            "{err}"
        );
        assert!(!err.contains("hunter2"), "{err}");
    }

    #[test]
    fn token_never_appears_in_errors() {
        let err = Config::from_vars(&vars(&[
            ("TELOXIDE_TOKEN", "123:secret"),
            ("NASHRA_OWNER_IDS", "x"),
        ]))
        .unwrap_err();
        assert!(!err.to_string().contains("secret"));
        let ok = Config::from_vars(&vars(&[
            ("TELOXIDE_TOKEN", "123:secret"),
            ("NASHRA_OWNER_IDS", "1, 2"),
        ]))
        .unwrap();
        assert_eq!(ok.owners, vec![1, 2]);
        assert!(
            !format!("{ok:?}").contains("secret"),
            "Debug hides the token"
        );
    }
}
