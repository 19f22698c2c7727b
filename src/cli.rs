//! Command-line arguments: `nashra` runs the bot, `nashra parse` prints an article as JSON.

use article::{ParseOptions, SUMMARY_MAX};
use chrono::NaiveDate;
use std::path::PathBuf;

pub const USAGE: &str =
    "usage: nashra [parse [FILE] [--published YYYY-MM-DD] [--summary-sentences N]]";

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cli {
    /// Run the bot (or the offline console when there is no token).
    Run,
    /// Print the parsed article as JSON.
    Parse {
        file: Option<PathBuf>,
        options: ParseOptions,
    },
    Help,
}

/// A malformed command line, as one sentence.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("{0}\n{USAGE}")]
pub struct CliError(String);

/// Parses the arguments after the program name.
pub fn parse_args<I: IntoIterator<Item = String>>(args: I) -> Result<Cli, CliError> {
    let mut args = args.into_iter();
    match args.next().as_deref() {
        None => Ok(Cli::Run),
        Some("-h" | "--help" | "help") => Ok(Cli::Help),
        Some("parse") => parse_command(args),
        Some(other) => Err(CliError(format!("unknown command `{other}`"))),
    }
}

fn parse_command(mut args: impl Iterator<Item = String>) -> Result<Cli, CliError> {
    let mut file = None;
    let mut options = ParseOptions::default();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--published" => {
                let v = args
                    .next()
                    .ok_or_else(|| CliError("--published needs a date like 2022-03-15".into()))?;
                let d = NaiveDate::parse_from_str(&v, "%Y-%m-%d").map_err(|_| {
                    CliError(format!("--published `{v}` is not a date like 2022-03-15"))
                })?;
                options.published = Some(d);
            }
            "--summary-sentences" => {
                let v = args
                    .next()
                    .ok_or_else(|| CliError("--summary-sentences needs a number".into()))?;
                options.summary_sentences = v
                    .parse()
                    .ok()
                    .filter(|n| (1..=SUMMARY_MAX).contains(n))
                    .ok_or_else(|| {
                        CliError(format!(
                            "--summary-sentences `{v}` must be a number from 1 to {SUMMARY_MAX}"
                        ))
                    })?;
            }
            "-h" | "--help" => return Ok(Cli::Help),
            s if s.starts_with('-') => return Err(CliError(format!("unknown option `{s}`"))),
            _ if file.is_some() => return Err(CliError("parse takes one FILE".into())),
            _ => file = Some(PathBuf::from(arg)),
        }
    }
    Ok(Cli::Parse { file, options })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(s: &str) -> Vec<String> {
        s.split_whitespace().map(String::from).collect()
    }

    #[test]
    fn parses_the_parse_command() {
        let Cli::Parse { file, options } = parse_args(args(
            "parse a.txt --published 2022-01-03 --summary-sentences 5",
        ))
        .unwrap() else {
            panic!("not parse")
        };
        assert_eq!(file, Some(PathBuf::from("a.txt")));
        assert_eq!(options.published, NaiveDate::from_ymd_opt(2022, 1, 3));
        assert_eq!(options.summary_sentences, 5);
        assert_eq!(parse_args(args("")).unwrap(), Cli::Run);
    }

    #[test]
    fn rejects_bad_arguments() {
        assert!(parse_args(args("parse --published 29/12/2021")).is_err());
        assert!(parse_args(args("parse --summary-sentences 0")).is_err());
        assert!(parse_args(args("serve")).is_err());
    }

    #[test]
    fn summary_length_has_one_limit_and_says_it() {
        let max = format!("parse --summary-sentences {SUMMARY_MAX}");
        assert!(parse_args(args(&max)).is_ok());
        let over = format!("parse --summary-sentences {}", SUMMARY_MAX + 1);
        let err = parse_args(args(&over)).unwrap_err().to_string();
        assert!(err.contains(&format!("from 1 to {SUMMARY_MAX}")), "{err}");
    }
}
