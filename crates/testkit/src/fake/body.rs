//! A request body as JSON, however teloxide sent it: JSON, or `multipart/form-data`
//! (`setWebhook`, `sendPhoto`, ...) whose text fields are JSON-decoded where they can be.

use serde_json::{Map, Value, json};

/// The body as a JSON object; `{}` when empty, a string when it is neither format.
#[must_use]
pub fn to_json(content_type: Option<&str>, body: &[u8]) -> Value {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Value::Object(Map::new());
    }
    let boundary = content_type
        .filter(|ct| ct.starts_with("multipart/form-data"))
        .and_then(|ct| ct.split("boundary=").nth(1))
        .map(|b| b.trim_matches('"'));
    if let Some(fields) = boundary.and_then(|b| multipart(b, body)) {
        return fields;
    }
    serde_json::from_slice(body)
        .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(body).into_owned()))
}

/// Text parts become fields (numbers, objects and booleans decoded); file parts become
/// `{"filename": ..., "size": bytes}`.
fn multipart(boundary: &str, body: &[u8]) -> Option<Value> {
    let delimiter = format!("--{boundary}");
    let text = String::from_utf8_lossy(body);
    let mut fields = Map::new();
    for part in text.split(delimiter.as_str()).skip(1) {
        if part.starts_with("--") {
            break;
        }
        let (headers, content) = part.split_once("\r\n\r\n")?;
        let content = content.strip_suffix("\r\n").unwrap_or(content);
        let name = disposition_param(headers, "name")?;
        let value = match disposition_param(headers, "filename") {
            Some(filename) => json!({ "filename": filename, "size": content.len() }),
            None => serde_json::from_str(content).unwrap_or_else(|_| json!(content)),
        };
        fields.insert(name.to_owned(), value);
    }
    Some(Value::Object(fields))
}

fn disposition_param<'a>(headers: &'a str, param: &str) -> Option<&'a str> {
    let key = format!("; {param}=\"");
    let start = headers.find(&key)? + key.len();
    let len = headers[start..].find('"')?;
    Some(&headers[start..start + len])
}
