//! A fake method's answer (a result, a Telegram error, a raw HTTP failure) and its HTTP form.

use axum::{
    body::Body,
    http::{StatusCode, header},
    response::Response,
};
use serde_json::{Value, json};

/// What the fake answers to one Bot API call.
#[derive(Clone, Debug, PartialEq)]
pub enum Reply {
    /// `200 {"ok":true,"result":...}`.
    Ok(Value),
    /// `{"ok":false,"error_code":status,"description":...,"parameters":...}` with that status.
    Error {
        status: u16,
        description: String,
        parameters: Option<Value>,
    },
    /// A body that is not the Bot API envelope, as a proxy in front of Telegram sends.
    Raw {
        status: u16,
        content_type: &'static str,
        body: String,
    },
    /// Headers promise a body that never comes: the client sees a broken connection.
    Disconnect,
}

impl Reply {
    #[must_use]
    pub fn ok(result: Value) -> Self {
        Self::Ok(result)
    }

    #[must_use]
    pub fn ok_true() -> Self {
        Self::Ok(Value::Bool(true))
    }

    #[must_use]
    pub fn error(status: u16, description: impl Into<String>) -> Self {
        Self::Error {
            status,
            description: description.into(),
            parameters: None,
        }
    }

    #[must_use]
    pub fn bad_request(description: impl Into<String>) -> Self {
        Self::error(400, format!("Bad Request: {}", description.into()))
    }

    #[must_use]
    pub fn into_response(self) -> Response {
        match self {
            Self::Ok(result) => json_response(200, &json!({ "ok": true, "result": result })),
            Self::Error {
                status,
                description,
                parameters,
            } => {
                let mut body =
                    json!({ "ok": false, "error_code": status, "description": description });
                if let Some(parameters) = parameters {
                    body["parameters"] = parameters;
                }
                json_response(status, &body)
            }
            Self::Raw {
                status,
                content_type,
                body,
            } => Response::builder()
                .status(status_code(status))
                .header(header::CONTENT_TYPE, content_type)
                .body(Body::from(body))
                .expect("a valid raw response"),
            Self::Disconnect => {
                // A streamed (unsized) body lets the header lie about the length; hyper
                // then closes the connection once the short body ends.
                let short = Body::from(r#"{"ok":tr"#).into_data_stream();
                Response::builder()
                    .status(StatusCode::OK)
                    .header(header::CONTENT_TYPE, "application/json")
                    .header(header::CONTENT_LENGTH, "4096")
                    .body(Body::from_stream(short))
                    .expect("a valid truncated response")
            }
        }
    }
}

fn json_response(status: u16, body: &Value) -> Response {
    Response::builder()
        .status(status_code(status))
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(body.to_string()))
        .expect("a valid JSON response")
}

fn status_code(status: u16) -> StatusCode {
    StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
}
