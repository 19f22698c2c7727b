//! Shared by the end-to-end benchmarks: start the real binary against the fake
//! Bot API and read its peak memory and CPU time.

use std::path::Path;
use std::process::{Child, Command, Stdio};

/// Starts the nashra binary at `bin` (a bench passes `env!("CARGO_BIN_EXE_nashra")`,
/// release under `cargo bench`) with the given extra environment.
pub fn spawn_bot(
    bin: &str,
    api_url: &str,
    token: &str,
    content: &Path,
    db: &str,
    extra: &[(&str, &str)],
) -> Child {
    let mut cmd = Command::new(bin);
    cmd.env_clear()
        .env("TELOXIDE_TOKEN", token)
        .env("TELOXIDE_API_URL", api_url)
        .env("NASHRA_CONTENT_DIR", content)
        .env("NASHRA_DATABASE_URL", db)
        .env("RUST_LOG", "warn")
        .stdin(Stdio::null())
        .stdout(Stdio::null());
    for (k, v) in extra {
        cmd.env(k, v);
    }
    cmd.spawn().expect("start nashra")
}

/// Peak resident set size of a process, in KiB (`VmHWM`).
pub fn peak_rss_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}

/// CPU time a process has used so far, summed over its threads (nanosecond
/// resolution from `schedstat`, where `stat`'s ticks would be 10 ms).
pub fn cpu_time(pid: u32) -> Option<std::time::Duration> {
    let mut total = 0u64;
    for task in std::fs::read_dir(format!("/proc/{pid}/task")).ok()? {
        let stat = std::fs::read_to_string(task.ok()?.path().join("schedstat")).ok()?;
        total += stat.split_whitespace().next()?.parse::<u64>().ok()?;
    }
    Some(std::time::Duration::from_nanos(total))
}

/// A content folder with the seed article.
pub fn seed_content(dir: &Path) {
    std::fs::create_dir_all(dir).unwrap();
    for ext in ["txt", "toml"] {
        let name = format!("2021-12-29-coalition-iraq.{ext}");
        std::fs::copy(
            crate::repo_root().join("content").join(&name),
            dir.join(&name),
        )
        .unwrap();
    }
}

/// The `p` quantile (0 to 1) of sorted samples, nearest rank.
#[must_use]
pub fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let k = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[k]
}
