//! What `rest-json` and `rest-xml` share: the method and URI from `http.requestUri` with its
//! `{Label}` and greedy `{Label+}` segments, query-string members (lists repeat their key,
//! maps add a parameter per key), header members (`jsonvalue` as base64 JSON, lists
//! comma-joined, timestamps as HTTP dates by default), `headers` maps under a prefix, the
//! operation's `hostPrefix`; and, reading a response, the status code and header members.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use percent_encoding::utf8_percent_encode;
use serde_json::{Map, Value};

use crate::error::Error;
use crate::model::{Location, Operation, ServiceModel, Shape, ShapeRef, ShapeType};
use crate::protocol::percent::{PATH, UNRESERVED, encode};
use crate::settings::TimestampFormat;

use super::scalar::{self, Format};
use super::{HttpRequest, HttpResponse, param_error};

/// `k=v&k=v`, each side percent-encoded.
pub fn encode_pairs(pairs: &[(String, String)]) -> String {
    let mut out = String::new();
    for (k, v) in pairs {
        if !out.is_empty() {
            out.push('&');
        }
        out.push_str(&encode(k));
        out.push('=');
        out.push_str(&encode(v));
    }
    out
}

/// The operation's `hostPrefix` with its `{Label}`s filled from the input.
pub fn host_prefix(op: &Operation, params: &Map<String, Value>) -> Result<Option<String>, Error> {
    let Some(endpoint) = &op.endpoint else {
        return Ok(None);
    };
    let template = &endpoint.host_prefix;
    let mut out = String::with_capacity(template.len());
    let mut rest = template.as_str();
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let close = rest[open..]
            .find('}')
            .map(|c| open + c)
            .ok_or_else(|| Error::General(format!("bad hostPrefix {template}")))?;
        let name = &rest[open + 1..close];
        let value = params.get(name).and_then(Value::as_str).ok_or_else(|| {
            param_error(format!(
                "Parameter validation failed:\nMissing required parameter in input: \"{name}\""
            ))
        })?;
        out.push_str(value);
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    Ok(Some(out))
}

/// The method, path, query string and headers of a REST request (the body is the
/// protocol's). `shape` is the input shape, if the operation has one.
pub fn request(
    model: &ServiceModel,
    op: &Operation,
    shape: Option<&Shape>,
    params: &Map<String, Value>,
) -> Result<HttpRequest, Error> {
    let uri = if op.http.request_uri.is_empty() {
        "/"
    } else {
        op.http.request_uri.as_str()
    };
    let (template, static_query) = match uri.split_once('?') {
        Some((p, q)) => (p, q),
        None => (uri, ""),
    };
    let mut query: Vec<String> = static_query
        .split('&')
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect();
    let mut headers = Vec::new();
    let members = shape.map(|s| &s.members);
    let path = fill_labels(model, uri, template, members, params)?;
    bind_members(model, members, params, &mut query, &mut headers)?;
    Ok(HttpRequest {
        method: if op.http.method.is_empty() {
            "POST".into()
        } else {
            op.http.method.clone()
        },
        path,
        query: query.join("&"),
        headers,
        body: Vec::new(),
        host_prefix: host_prefix(op, params)?,
    })
}

type Members = indexmap::IndexMap<String, ShapeRef>;

/// The path: `template` (from `uri`) with each `{Label}` filled by its member's value,
/// percent-encoded; a greedy `{Label+}` keeps its slashes.
fn fill_labels(
    model: &ServiceModel,
    uri: &str,
    template: &str,
    members: Option<&Members>,
    params: &Map<String, Value>,
) -> Result<String, Error> {
    let mut path = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        path.push_str(&rest[..open]);
        let close = rest[open..]
            .find('}')
            .map(|c| open + c)
            .ok_or_else(|| Error::General(format!("bad requestUri {uri}")))?;
        let label = &rest[open + 1..close];
        let (name, greedy) = match label.strip_suffix('+') {
            Some(n) => (n, true),
            None => (label, false),
        };
        let text = label_text(model, name, members, params)?;
        let set = if greedy { PATH } else { UNRESERVED };
        path.push_str(&utf8_percent_encode(&text, set).to_string());
        rest = &rest[close + 1..];
    }
    path.push_str(rest);
    Ok(path)
}

/// The text of the URI member bound to label `name`: required, and not empty.
fn label_text(
    model: &ServiceModel,
    name: &str,
    members: Option<&Members>,
    params: &Map<String, Value>,
) -> Result<String, Error> {
    let mut found = None;
    for (key, r) in members.into_iter().flatten() {
        if super::location(model, r)? == Some(Location::Uri) && member_name(model, key, r)? == name
        {
            found = Some((key, r));
            break;
        }
    }
    let value = found.and_then(|(key, r)| params.get(key).map(|v| (r, v)));
    let Some((r, v)) = value.filter(|(_, v)| !v.is_null()) else {
        return Err(param_error(format!(
            "Parameter validation failed:\nMissing required parameter in input: \"{}\"",
            found.map(|(k, _)| k.as_str()).unwrap_or(name)
        )));
    };
    let member = model.shape(&r.shape)?;
    let text = scalar::text(member, v, Format::of(r, member, Format::Iso8601))?;
    if text.is_empty() {
        return Err(param_error(format!(
            "Invalid length for parameter {name}, value: 0, valid min length: 1"
        )));
    }
    Ok(text)
}

/// Query-string and header members into `query` and `headers`.
fn bind_members(
    model: &ServiceModel,
    members: Option<&Members>,
    params: &Map<String, Value>,
    query: &mut Vec<String>,
    headers: &mut Vec<(String, String)>,
) -> Result<(), Error> {
    for (key, r) in members.into_iter().flatten() {
        let Some(v) = params.get(key).filter(|v| !v.is_null()) else {
            continue;
        };
        let name = member_name(model, key, r)?;
        match super::location(model, r)? {
            Some(Location::Querystring) => {
                let member = model.shape(&r.shape)?;
                query_member(model, r, member, name, v, query)?;
            }
            Some(Location::Header) => {
                let member = model.shape(&r.shape)?;
                // An empty list sends no header at all.
                if member.kind == ShapeType::List && v.as_array().is_some_and(Vec::is_empty) {
                    continue;
                }
                headers.push((name.to_string(), header_text(model, r, member, v)?));
            }
            Some(Location::Headers) => {
                let prefix = headers_prefix(model, r)?;
                let Some(map) = v.as_object() else { continue };
                for (k, item) in map {
                    if let Some(text) = item.as_str() {
                        headers.push((format!("{prefix}{k}"), text.to_string()));
                    }
                }
            }
            _ => {}
        }
    }
    Ok(())
}

/// The prefix of a `headers` map (none: every header).
fn headers_prefix(model: &ServiceModel, r: &ShapeRef) -> Result<String, Error> {
    Ok(match &r.location_name {
        Some(n) => n.clone(),
        None => model
            .shape(&r.shape)?
            .location_name
            .clone()
            .unwrap_or_default(),
    })
}

/// The name a bound member travels under: its `locationName` (the member's, else its
/// shape's), else the member's own name.
fn member_name<'a>(model: &ServiceModel, key: &'a str, r: &'a ShapeRef) -> Result<&'a str, Error> {
    if let Some(n) = &r.location_name {
        return Ok(n);
    }
    let shape: &'static Shape = model.shape(&r.shape)?;
    Ok(shape.location_name.as_deref().unwrap_or(key))
}

fn query_member(
    model: &ServiceModel,
    r: &ShapeRef,
    shape: &Shape,
    name: &str,
    v: &Value,
    out: &mut Vec<String>,
) -> Result<(), Error> {
    let mut push = |k: &str, text: &str| out.push(format!("{}={}", encode(k), encode(text)));
    match shape.kind {
        ShapeType::List => {
            let member_ref = shape
                .member
                .as_deref()
                .ok_or_else(|| super::no_member(shape))?;
            let member = model.shape(&member_ref.shape)?;
            let format = Format::of(member_ref, member, Format::Iso8601);
            for item in v.as_array().into_iter().flatten() {
                push(name, &scalar::text(member, item, format)?);
            }
        }
        ShapeType::Map => {
            let value_ref = shape
                .value
                .as_deref()
                .ok_or_else(|| super::no_member(shape))?;
            let value_shape = model.shape(&value_ref.shape)?;
            // A map's keys never override the operation's named query members.
            let named: Vec<String> = out
                .iter()
                .map(|p| p.split('=').next().unwrap_or_default().to_string())
                .collect();
            let mut push = |k: &str, text: &str| {
                if !named.iter().any(|n| *n == encode(k)) {
                    out.push(format!("{}={}", encode(k), encode(text)));
                }
            };
            for (k, item) in v.as_object().into_iter().flatten() {
                match (value_shape.kind, item) {
                    (ShapeType::List, Value::Array(items)) => {
                        let member_ref = value_shape
                            .member
                            .as_deref()
                            .ok_or_else(|| super::no_member(shape))?;
                        let member = model.shape(&member_ref.shape)?;
                        let format = Format::of(member_ref, member, Format::Iso8601);
                        for item in items {
                            push(k, &scalar::text(member, item, format)?);
                        }
                    }
                    _ => {
                        let format = Format::of(value_ref, value_shape, Format::Iso8601);
                        push(k, &scalar::text(value_shape, item, format)?);
                    }
                }
            }
        }
        _ => push(
            name,
            &scalar::text(shape, v, Format::of(r, shape, Format::Iso8601))?,
        ),
    }
    Ok(())
}

fn header_text(
    model: &ServiceModel,
    r: &ShapeRef,
    shape: &Shape,
    v: &Value,
) -> Result<String, Error> {
    if r.jsonvalue {
        let json = match v {
            // The driver may hand over the JSON as text; send it compact either way.
            Value::String(s) => match serde_json::from_str::<Value>(s) {
                Ok(parsed) => serde_json::to_string(&parsed).unwrap_or_default(),
                Err(_) => serde_json::to_string(v).unwrap_or_default(),
            },
            other => serde_json::to_string(other).unwrap_or_default(),
        };
        return Ok(STANDARD.encode(json));
    }
    if shape.kind == ShapeType::List {
        let member_ref = shape
            .member
            .as_deref()
            .ok_or_else(|| super::no_member(shape))?;
        let member = model.shape(&member_ref.shape)?;
        let format = Format::of(member_ref, member, Format::Rfc822);
        let mut parts = Vec::new();
        for item in v.as_array().into_iter().flatten() {
            let text = scalar::text(member, item, format)?;
            if member.kind == ShapeType::String && (text.contains(',') || text.contains('"')) {
                parts.push(format!(
                    "\"{}\"",
                    text.replace('\\', "\\\\").replace('"', "\\\"")
                ));
            } else {
                parts.push(text);
            }
        }
        return Ok(parts.join(", "));
    }
    scalar::text(shape, v, Format::of(r, shape, Format::Rfc822))
}

/// The members a REST response carries outside its body: the status code, header members
/// and `headers` maps.
pub fn located_out(
    model: &ServiceModel,
    shape: &Shape,
    resp: &HttpResponse,
    timestamps: TimestampFormat,
    out: &mut Map<String, Value>,
) -> Result<(), Error> {
    for (key, r) in &shape.members {
        let name = member_name(model, key, r)?;
        match super::location(model, r)? {
            Some(Location::StatusCode) => {
                out.insert(key.clone(), Value::Number(resp.status.into()));
            }
            Some(Location::Header) => {
                let Some(text) = resp.header(name) else {
                    continue;
                };
                let member = model.shape(&r.shape)?;
                if let Some(v) = header_out(model, r, member, text, timestamps)? {
                    out.insert(key.clone(), v);
                }
            }
            Some(Location::Headers) => {
                // No prefix: every header.
                let prefix = headers_prefix(model, r)?.to_ascii_lowercase();
                let mut map = Map::new();
                for (h, v) in resp.headers {
                    if h.to_ascii_lowercase().starts_with(&prefix) {
                        map.insert(h[prefix.len()..].to_string(), Value::String(v.clone()));
                    }
                }
                // Present even when empty, as the CLI prints it (`"Metadata": {}`).
                out.insert(key.clone(), Value::Object(map));
            }
            _ => {}
        }
    }
    Ok(())
}

fn header_out(
    model: &ServiceModel,
    r: &ShapeRef,
    shape: &Shape,
    text: &str,
    timestamps: TimestampFormat,
) -> Result<Option<Value>, Error> {
    if r.jsonvalue {
        let decoded = STANDARD
            .decode(text.trim())
            .map_err(|e| Error::InvalidResponse(format!("header {text:?}: {e}")))?;
        return serde_json::from_slice(&decoded)
            .map(Some)
            .map_err(|e| Error::InvalidJsonResponse(e.to_string()));
    }
    if shape.kind == ShapeType::List {
        let member_ref = shape
            .member
            .as_deref()
            .ok_or_else(|| super::no_member(shape))?;
        let member = model.shape(&member_ref.shape)?;
        let http_dates = member.kind == ShapeType::Timestamp
            && Format::of(member_ref, member, Format::Rfc822) == Format::Rfc822;
        let mut items = Vec::new();
        for part in split_list(text, http_dates) {
            items.push(scalar::from_text(member, &part, timestamps)?);
        }
        return Ok(Some(Value::Array(items)));
    }
    if shape.kind == ShapeType::String {
        return Ok(Some(Value::String(text.to_string())));
    }
    if text.trim().is_empty() {
        return Ok(None);
    }
    scalar::from_text(shape, text.trim(), timestamps).map(Some)
}

/// The items of a list header: comma-separated, quoted items unquoted; HTTP dates, which
/// hold a comma of their own, taken two pieces at a time.
fn split_list(text: &str, http_dates: bool) -> Vec<String> {
    if http_dates {
        let pieces: Vec<&str> = text.split(',').map(str::trim).collect();
        return pieces.chunks(2).map(|c| c.join(", ")).collect();
    }
    let mut items = Vec::new();
    let mut chars = text.chars().peekable();
    loop {
        while chars.peek().is_some_and(|c| c.is_whitespace()) {
            chars.next();
        }
        let mut item = String::new();
        if chars.peek() == Some(&'"') {
            chars.next();
            while let Some(c) = chars.next() {
                match c {
                    '\\' => item.extend(chars.next()),
                    '"' => break,
                    c => item.push(c),
                }
            }
            for c in chars.by_ref() {
                if c == ',' {
                    break;
                }
            }
            items.push(item);
        } else {
            let mut ended = true;
            for c in chars.by_ref() {
                if c == ',' {
                    ended = false;
                    break;
                }
                item.push(c);
            }
            items.push(item.trim().to_string());
            if ended {
                break;
            }
            continue;
        }
        if chars.peek().is_none() {
            break;
        }
    }
    items
}

/// Sets `Content-Type` unless a header member already did.
pub fn set_content_type(req: &mut HttpRequest, value: &str) {
    if req.header("Content-Type").is_none() {
        req.headers.push(("Content-Type".into(), value.into()));
    }
}

/// A JSON body as an object (an empty body reads as `{}`).
pub fn json_object(body: &[u8]) -> Result<Map<String, Value>, Error> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(Map::new());
    }
    match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(other) => Err(Error::InvalidJsonResponse(format!(
            "not an object: {other}"
        ))),
        Err(e) => Err(Error::InvalidJsonResponse(e.to_string())),
    }
}

/// The payload member of an input or output: the shape's, or (older models) the
/// reference's.
pub fn payload_of<'a>(r: Option<&'a ShapeRef>, shape: &'a Shape) -> Option<&'a String> {
    shape
        .payload
        .as_ref()
        .or(r.and_then(|r| r.payload.as_ref()))
}

/// The output as botocore's REST parsers build it: the members read from the status line and
/// headers first, then those of the body, each group in model order.
pub fn in_output_order(
    model: &ServiceModel,
    shape: &Shape,
    mut parts: Map<String, Value>,
) -> Result<Map<String, Value>, Error> {
    let mut out = Map::new();
    for head in [true, false] {
        for (key, r) in &shape.members {
            if super::in_response_head(model, r)? == head
                && let Some(v) = parts.remove(key)
            {
                out.insert(key.clone(), v);
            }
        }
    }
    Ok(out)
}

/// Members gathered from several places, put back in the shape's member order (an
/// error's fields).
pub fn in_member_order(shape: &Shape, mut parts: Map<String, Value>) -> Map<String, Value> {
    let mut out = Map::new();
    for key in shape.members.keys() {
        if let Some(v) = parts.remove(key) {
            out.insert(key.clone(), v);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_headers_split_with_quotes_and_dates() {
        assert_eq!(split_list("a, b,c", false), ["a", "b", "c"]);
        assert_eq!(
            split_list("\"b,c\", \"\\\"quoted\\\"\", d", false),
            ["b,c", "\"quoted\"", "d"]
        );
        assert_eq!(
            split_list(
                "Mon, 16 Dec 2019 23:48:18 GMT, Tue, 17 Dec 2019 23:48:18 GMT",
                true
            ),
            [
                "Mon, 16 Dec 2019 23:48:18 GMT",
                "Tue, 17 Dec 2019 23:48:18 GMT"
            ]
        );
    }
}
