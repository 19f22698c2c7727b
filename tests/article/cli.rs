//! `nashra parse` as an operator runs it: JSON out, or one line saying what is wrong.

use std::process::Command;

fn parse(args: &[&str], env: &[(&str, &str)]) -> std::process::Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_nashra"));
    cmd.arg("parse")
        .args(args)
        .env_remove("NASHRA_MAX_ARTICLE_BYTES");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("run nashra parse")
}

#[test]
fn an_oversized_file_is_refused_with_its_name_size_and_the_limit() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("scraped.txt");
    let text = "أعلنت الحكومة الأربعاء خطة جديدة.\n".repeat(200);
    std::fs::write(&path, &text).expect("write");
    let file = path.to_str().expect("utf-8 path");

    let out = parse(&[file], &[("NASHRA_MAX_ARTICLE_BYTES", "4096")]);
    assert!(!out.status.success());
    assert!(out.stdout.is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("scraped.txt"), "{err}");
    assert!(err.contains(&format!("{} bytes", text.len())), "{err}");
    assert!(err.contains("limit of 4096"), "{err}");

    let out = parse(&[file], &[]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let out = parse(&[file], &[("NASHRA_MAX_ARTICLE_BYTES", "lots")]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("NASHRA_MAX_ARTICLE_BYTES"));
}

#[test]
fn too_long_a_summary_is_refused_with_the_limit() {
    let out = parse(&["--summary-sentences", "11"], &[]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("from 1 to 10"), "{err}");
}

#[test]
fn the_content_folder_parses_whatever_the_bot_settings_say() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("note.txt"),
        "عنوان الخبر\nأعلنت الوزارة يوم 3 مارس 2024 خطة جديدة.\n",
    )
    .expect("write");
    let content = dir.path().to_str().expect("utf-8 path");
    // Settings only the bot reads: a parse must not trip over them.
    let out = parse(
        &[],
        &[
            ("NASHRA_CONTENT_DIR", content),
            ("TELOXIDE_API_URL", "not a url"),
            ("TELOXIDE_TOKEN", "nonsense"),
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON out");
    assert_eq!(json["dates"][0]["date"], "2024-03-03");
}
