//! The `nashra` binary: `nashra` runs the bot (or the offline console without a
//! token); `nashra parse [FILE]` prints a parsed article as JSON.

use article::ParseOptions;
use nashra::cli::{self, Cli};
use nashra::config::Config;
use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = match cli::parse_args(std::env::args().skip(1)) {
        Ok(cli) => cli,
        Err(e) => return fail(&e, 2),
    };
    match cli {
        Cli::Help => {
            println!("{}", cli::USAGE);
            ExitCode::SUCCESS
        }
        Cli::Parse { file, options } => parse(file, &options),
        Cli::Run => run(),
    }
}

fn run() -> ExitCode {
    let config = match Config::from_env() {
        Ok(c) => c,
        Err(e) => return fail(&e, 2),
    };
    // The console shares the terminal with the logs: keep them to warnings there.
    let default_filter = if config.token.is_some() {
        "info"
    } else {
        "warn"
    };
    pretty_env_logger::formatted_timed_builder()
        .parse_filters(config.log_filter.as_deref().unwrap_or(default_filter))
        .init();
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(r) => r,
        Err(e) => return fail(&e, 1),
    };
    match runtime.block_on(nashra::bot::run::run(config)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(&e, 1),
    }
}

fn parse(file: Option<PathBuf>, options: &ParseOptions) -> ExitCode {
    let _ = dotenvy::dotenv();
    let vars = std::env::vars().collect();
    let options = &match nashra::config::max_article_bytes(&vars) {
        Ok(max_bytes) => ParseOptions {
            max_bytes,
            ..options.clone()
        },
        Err(e) => return fail(&e, 2),
    };
    let loaded = match file {
        Some(path) => nashra::content::load_file(&path, options),
        None => nashra::content::load_dir(&nashra::config::content_dir(&vars), options)
            .map(|lib| lib.current),
    };
    match loaded {
        Ok(l) => print_json(&l.article),
        Err(e) => fail(&e, 1),
    }
}

/// Writes the article's JSON to standard output as it is produced, so a large
/// article is never held twice in memory. A reader that stops early (`| head`)
/// ends the output quietly, as it would for any Unix tool.
fn print_json(article: &article::Article) -> ExitCode {
    use std::io::Write as _;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let written = serde_json::to_writer_pretty(&mut out, article)
        .map_err(std::io::Error::from)
        .and_then(|()| writeln!(out))
        .and_then(|()| out.flush());
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => fail(
            &format!("could not write the JSON to standard output: {e}"),
            1,
        ),
    }
}

fn fail(e: &dyn std::fmt::Display, code: u8) -> ExitCode {
    eprintln!("nashra: {e}");
    ExitCode::from(code)
}
