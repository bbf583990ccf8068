//! A fault-injecting HTTP proxy on 127.0.0.1 in front of a real peer (moto, s3s-fs), for the
//! retry tests: no peer throttles, drops connections or truncates bodies on demand
//! (test-peers.md). Each request takes the next fault from a script (then `Forward` once the
//! script runs out), or the fault a schedule picks for it from its head; every request (its
//! head) and the fault it got are recorded. One request per connection (`Connection: close`),
//! which is all the client under test needs.

use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

#[derive(Clone, Debug, PartialEq)]
pub enum Fault {
    /// Pass the request to the peer and its answer back.
    Forward,
    /// Answer this status and body without asking the peer.
    Respond(u16, String),
    /// Close the connection without answering.
    Reset,
    /// Forward, but send only half of the peer's body (the full Content-Length is announced).
    Truncate,
    /// Wait, then forward.
    Delay(Duration),
    /// Forward with the request body's first byte changed (its length kept): corruption in
    /// transit that only a checksum can catch.
    CorruptRequest,
    /// Refuse as S3 does a request signed with a clock too far off (403
    /// RequestTimeTooSkewed), with a `Date` header this many seconds from the real time.
    Skewed(i64),
}

/// Picks the fault for a request from its head (request line first, then header lines).
pub type Schedule = Box<dyn FnMut(&[String]) -> Fault + Send>;

/// `fault` for the first `times` requests whose request line contains `needle` (all of them
/// with `usize::MAX`: a persistent fault); the others are forwarded.
pub fn on_matching(needle: &'static str, fault: Fault, times: usize) -> Schedule {
    let mut left = times;
    Box::new(move |head| {
        if left > 0 && head[0].contains(needle) {
            left -= 1;
            return fault.clone();
        }
        Fault::Forward
    })
}

/// One request in `one_in` (on average) gets a fault, drawn in turn from 503 SlowDown (S3's
/// throttling), 500 InternalError, a reset connection and a body cut in half; the rest are
/// forwarded. Seeded, so that a failing run can be replayed.
pub fn random_faults(one_in: u64, seed: u64) -> Schedule {
    let mut state = seed.max(1);
    let mut next = move || {
        // xorshift64: enough to spread faults, no dependency.
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    Box::new(move |_| {
        if next() % one_in != 0 {
            return Fault::Forward;
        }
        match next() % 4 {
            0 => Fault::Respond(
                503,
                "<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>".into(),
            ),
            1 => Fault::Respond(
                500,
                "<Error><Code>InternalError</Code><Message>We encountered an internal error.</Message></Error>".into(),
            ),
            2 => Fault::Reset,
            _ => Fault::Truncate,
        }
    })
}

/// A header's value in a recorded request head.
pub fn header<'h>(head: &'h [String], name: &str) -> Option<&'h str> {
    head.iter().skip(1).find_map(|line| {
        let (k, v) = line.split_once(':')?;
        k.trim().eq_ignore_ascii_case(name).then(|| v.trim())
    })
}

/// A Query-protocol error body, as STS/IAM send them.
pub fn query_error(code: &str, message: &str) -> String {
    format!(
        "<ErrorResponse><Error><Type>Sender</Type><Code>{code}</Code><Message>{message}</Message></Error><RequestId>fault-proxy</RequestId></ErrorResponse>"
    )
}

type Log = Mutex<Vec<(Vec<String>, Fault)>>;

pub struct FaultProxy {
    port: u16,
    log: Arc<Log>,
}

impl FaultProxy {
    pub fn start(upstream_port: u16, script: Vec<Fault>) -> FaultProxy {
        let mut script = VecDeque::from(script);
        FaultProxy::scheduled(
            upstream_port,
            Box::new(move |_| script.pop_front().unwrap_or(Fault::Forward)),
        )
    }

    /// Every request gets the fault `schedule` picks for it.
    pub fn scheduled(upstream_port: u16, schedule: Schedule) -> FaultProxy {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind a loopback port");
        let port = listener.local_addr().unwrap().port();
        let schedule = Arc::new(Mutex::new(schedule));
        let log = Arc::new(Mutex::new(Vec::new()));
        let record = log.clone();
        thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let (record, schedule) = (record.clone(), schedule.clone());
                thread::spawn(move || serve(stream, upstream_port, &schedule, &record));
            }
        });
        FaultProxy { port, log }
    }

    pub fn endpoint(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// (request line, fault) for every request so far.
    pub fn requests(&self) -> Vec<(String, Fault)> {
        self.heads()
            .into_iter()
            .map(|(head, fault)| (head[0].clone(), fault))
            .collect()
    }

    /// (request head, fault) for every request so far.
    pub fn heads(&self) -> Vec<(Vec<String>, Fault)> {
        self.log.lock().unwrap().clone()
    }
}

/// Reads one HTTP/1.1 message head and its Content-Length body; returns (head lines, body).
/// A response to HEAD announces a length but has no body: `has_body` is false for it.
fn read_message(reader: &mut impl BufRead, has_body: bool) -> Option<(Vec<String>, Vec<u8>)> {
    let mut head: Vec<String> = Vec::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end_matches(['\r', '\n']).to_string();
        if line.is_empty() {
            break;
        }
        head.push(line);
    }
    let value = |name: &str| {
        head.iter()
            .find_map(|h| {
                h.split_once(':')
                    .filter(|(k, _)| k.eq_ignore_ascii_case(name))
            })
            .map(|(_, v)| v.trim().to_string())
    };
    if has_body && value("transfer-encoding").is_some_and(|v| v.eq_ignore_ascii_case("chunked")) {
        // s3s-fs answers some requests (CompleteMultipartUpload) in chunks: read them all and
        // pass the body on with a Content-Length, which the faults need.
        let body = read_chunks(reader)?;
        head.retain(|h| !h.to_ascii_lowercase().starts_with("transfer-encoding:"));
        head.push(format!("Content-Length: {}", body.len()));
        return Some((head, body));
    }
    let length = value("content-length")
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let mut body = vec![0; if has_body { length } else { 0 }];
    reader.read_exact(&mut body).ok()?;
    Some((head, body))
}

/// A chunked body, chunks joined (trailers skipped).
fn read_chunks(reader: &mut impl BufRead) -> Option<Vec<u8>> {
    let mut body = Vec::new();
    loop {
        let mut size = String::new();
        reader.read_line(&mut size).ok()?;
        let size = usize::from_str_radix(size.trim().split(';').next()?.trim(), 16).ok()?;
        if size == 0 {
            loop {
                let mut trailer = String::new();
                if reader.read_line(&mut trailer).ok()? == 0 || trailer.trim().is_empty() {
                    return Some(body);
                }
            }
        }
        let start = body.len();
        body.resize(start + size, 0);
        reader.read_exact(&mut body[start..]).ok()?;
        let mut crlf = String::new();
        reader.read_line(&mut crlf).ok()?;
    }
}

fn serve(client: TcpStream, upstream: u16, schedule: &Mutex<Schedule>, log: &Log) {
    let mut reader = BufReader::new(client.try_clone().expect("clone the stream"));
    let Some((head, mut body)) = read_message(&mut reader, true) else {
        return;
    };
    let fault = {
        // Picked and recorded under one lock, so that the log is in the schedule's order.
        let mut log = log.lock().unwrap();
        let fault = (schedule.lock().unwrap())(&head);
        log.push((head.clone(), fault.clone()));
        fault
    };
    if fault == Fault::CorruptRequest
        && let Some(first) = body.first_mut()
    {
        *first ^= 0xff;
    }
    let mut client = client;
    let forward = || -> Option<(Vec<String>, Vec<u8>)> {
        let mut peer = TcpStream::connect(("127.0.0.1", upstream)).ok()?;
        let mut request = String::new();
        for line in &head {
            if !line.to_ascii_lowercase().starts_with("connection:") {
                request.push_str(line);
                request.push_str("\r\n");
            }
        }
        request.push_str("Connection: close\r\n\r\n");
        peer.write_all(request.as_bytes()).ok()?;
        peer.write_all(&body).ok()?;
        read_message(&mut BufReader::new(peer), !head[0].starts_with("HEAD "))
    };
    let reply = |client: &mut TcpStream, head: &[String], body: &[u8], send: usize| {
        let mut text = String::new();
        for line in head {
            if !line.to_ascii_lowercase().starts_with("connection:") {
                text.push_str(line);
                text.push_str("\r\n");
            }
        }
        text.push_str("Connection: close\r\n\r\n");
        let _ = client.write_all(text.as_bytes());
        let _ = client.write_all(&body[..send]);
    };
    match fault {
        Fault::Reset => {}
        Fault::Respond(status, text) => {
            let head = vec![
                format!("HTTP/1.1 {status} Fault"),
                format!("Content-Length: {}", text.len()),
                "Content-Type: text/xml".into(),
            ];
            reply(&mut client, &head, text.as_bytes(), text.len());
        }
        Fault::Skewed(seconds) => {
            let now = time::OffsetDateTime::now_utc();
            let date = now + time::Duration::seconds(seconds);
            let text = "<Error><Code>RequestTimeTooSkewed</Code><Message>The difference between the request time and the current time is too large.</Message></Error>";
            let head = vec![
                "HTTP/1.1 403 Forbidden".to_string(),
                format!("Date: {}", http_date(date)),
                format!("Content-Length: {}", text.len()),
                "Content-Type: application/xml".into(),
            ];
            reply(&mut client, &head, text.as_bytes(), text.len());
        }
        Fault::Delay(d) => {
            thread::sleep(d);
            if let Some((head, body)) = forward() {
                reply(&mut client, &head, &body, body.len());
            }
        }
        Fault::Forward | Fault::CorruptRequest => {
            if let Some((head, body)) = forward() {
                reply(&mut client, &head, &body, body.len());
            }
        }
        Fault::Truncate => {
            if let Some((head, body)) = forward() {
                reply(&mut client, &head, &body, body.len() / 2);
            }
        }
    }
    let _ = client.shutdown(std::net::Shutdown::Both);
}

/// `Mon, 23 Nov 2026 18:33:18 GMT`.
fn http_date(t: time::OffsetDateTime) -> String {
    let format = time::macros::format_description!(
        "[weekday repr:short], [day] [month repr:short] [year] [hour]:[minute]:[second] GMT"
    );
    t.format(format).expect("an HTTP date")
}
