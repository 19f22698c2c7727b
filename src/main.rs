//! The `nashra` binary: parse arguments, then print an article or run the bot.

use nashra::article::ParseOptions;
use nashra::cli::{self, Cli};
use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = match cli::parse_args(std::env::args().skip(1)) {
        Ok(cli) => cli,
        Err(e) => {
            eprintln!("nashra: {e}");
            return ExitCode::from(2);
        }
    };
    match cli {
        Cli::Help => {
            println!("{}", cli::USAGE);
            ExitCode::SUCCESS
        }
        Cli::Parse { file, options } => parse(file, &options),
        Cli::Run => ExitCode::SUCCESS,
    }
}

fn parse(file: Option<PathBuf>, options: &ParseOptions) -> ExitCode {
    let _ = dotenvy::dotenv();
    let loaded = match file {
        Some(path) => nashra::content::load_file(&path, options),
        None => {
            let dir = std::env::var("NASHRA_CONTENT_DIR").unwrap_or_else(|_| "content".into());
            nashra::content::load_dir(std::path::Path::new(&dir), options).map(|lib| lib.current)
        }
    };
    match loaded.map(|l| serde_json::to_string_pretty(&l.article)) {
        Ok(Ok(json)) => {
            println!("{json}");
            ExitCode::SUCCESS
        }
        Ok(Err(e)) => {
            eprintln!("nashra: cannot write JSON: {e}");
            ExitCode::FAILURE
        }
        Err(e) => {
            eprintln!("nashra: {e}");
            ExitCode::FAILURE
        }
    }
}
