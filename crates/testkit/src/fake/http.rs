//! Raw HTTP/1.1 to the bot's own webhook listener (or a balancer in front of it),
//! as Telegram and a load balancer's health check would call it.

use std::net::SocketAddr;
use std::time::Duration;

use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// A GET: status and body.
pub async fn get(addr: SocketAddr, path: &str) -> (u16, String) {
    let req = format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n");
    let out = exchange(addr, &req).await;
    let body = out
        .split_once("\r\n\r\n")
        .map_or(String::new(), |(_, b)| b.to_string());
    (status(&out), body)
}

/// A POST of a JSON body, with Telegram's secret header when given: the status.
pub async fn post(addr: SocketAddr, path: &str, secret: Option<&str>, body: &str) -> u16 {
    let secret = secret
        .map(|v| format!("X-Telegram-Bot-Api-Secret-Token: {v}\r\n"))
        .unwrap_or_default();
    let req = format!(
        "POST {path} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n{secret}Connection: close\r\n\r\n{body}",
        body.len()
    );
    status(&exchange(addr, &req).await)
}

/// Waits until something accepts connections on `addr`; false after `timeout`.
pub async fn wait_listening(addr: SocketAddr, timeout: Duration) -> bool {
    let deadline = tokio::time::Instant::now() + timeout;
    while tokio::time::Instant::now() < deadline {
        if tokio::net::TcpStream::connect(addr).await.is_ok() {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    false
}

/// An update as Telegram would post it to a webhook: `update` (from `updates`)
/// with the ids and date that `FakeApi::push_update` would have filled in.
#[must_use]
pub fn webhook_update(mut update: Value, update_id: i64) -> String {
    update["update_id"] = json!(update_id);
    if let Some(message) = update.get_mut("message") {
        message["message_id"] = json!(update_id);
        message["date"] = json!(1_640_000_000);
    }
    update.to_string()
}

async fn exchange(addr: SocketAddr, request: &str) -> String {
    let mut s = tokio::net::TcpStream::connect(addr)
        .await
        .expect("the listener accepts");
    s.write_all(request.as_bytes()).await.expect("a request");
    let mut out = String::new();
    s.read_to_string(&mut out).await.expect("an answer");
    out
}

fn status(response: &str) -> u16 {
    response
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0)
}
