//! The loopback listener of the authorization code flow: the sign-in page redirects the
//! browser to `http://127.0.0.1:<port>/oauth/callback?code=...&state=...`, and this takes the
//! code. It listens on 127.0.0.1 only, answers every request with a short page, and gives up
//! after ten minutes as the CLI does. Nothing it receives is logged.

use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

use crate::error::Error;
use crate::secret::Secret;

/// The redirect URI registered with the client: the CLI registers it without a port.
pub const REGISTERED_REDIRECT_URI: &str = "http://127.0.0.1/oauth/callback";
/// How long one connection may take to send its request.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);
/// How long the sign-in may take in all.
pub const OVERALL_TIMEOUT: Duration = Duration::from_secs(600);
/// The CLI's PendingAuthorizationExpiredError.
pub const EXPIRED: &str = "The pending authorization to retrieve an SSO token has expired. The login flow to retrieve an SSO token must be restarted.";

const PAGE: &str = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>awsctl</title></head><body><h1>Request processed</h1><p>You can close this window and return to your terminal.</p></body></html>";

/// What the redirect brought: the code and state, or neither when the page reported an error.
pub struct Callback {
    pub code: Option<Secret>,
    pub state: Option<String>,
}

pub struct Listener {
    listener: TcpListener,
    port: u16,
}

impl Listener {
    pub async fn bind() -> Result<Listener, Error> {
        let listener = TcpListener::bind(("127.0.0.1", 0))
            .await
            .map_err(|e| Error::General(format!("Unable to start the loopback listener: {e}")))?;
        let port = listener.local_addr()?.port();
        Ok(Listener { listener, port })
    }

    /// The redirect URI CreateToken is told about: the registered one with this port.
    pub fn redirect_uri(&self) -> String {
        format!("http://127.0.0.1:{}/oauth/callback", self.port)
    }

    /// Waits for the redirect, for at most `timeout`.
    pub async fn wait(&self, timeout: Duration) -> Result<Callback, Error> {
        tokio::time::timeout(timeout, self.accept_until_callback())
            .await
            .map_err(|_| Error::General(EXPIRED.into()))?
    }

    async fn accept_until_callback(&self) -> Result<Callback, Error> {
        loop {
            let (stream, _) = self.listener.accept().await?;
            if let Ok(Some(callback)) = serve(stream).await {
                return Ok(callback);
            }
        }
    }
}

/// Reads one request, answers it, and returns the callback it carried, if any.
async fn serve(mut stream: TcpStream) -> std::io::Result<Option<Callback>> {
    let mut head = Vec::new();
    let mut buf = [0u8; 2048];
    let read = async {
        while !head.windows(4).any(|w| w == b"\r\n\r\n") && head.len() < 16 * 1024 {
            let n = stream.read(&mut buf).await?;
            if n == 0 {
                break;
            }
            head.extend_from_slice(&buf[..n]);
        }
        Ok::<_, std::io::Error>(())
    };
    tokio::time::timeout(REQUEST_TIMEOUT, read)
        .await
        .map_err(|_| std::io::Error::other("request timed out"))??;
    let response = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{PAGE}",
        PAGE.len()
    );
    stream.write_all(response.as_bytes()).await?;
    let _ = stream.shutdown().await;
    let text = String::from_utf8_lossy(&head);
    let target = text
        .lines()
        .next()
        .and_then(|line| line.split_whitespace().nth(1))
        .unwrap_or("/");
    Ok(callback_of(target))
}

/// The callback in a request target, if it is one: `error` means the sign-in failed.
fn callback_of(target: &str) -> Option<Callback> {
    let url = reqwest::Url::parse(&format!("http://127.0.0.1{target}")).ok()?;
    let mut code = None;
    let mut state = None;
    for (k, v) in url.query_pairs() {
        match k.as_ref() {
            "error" => {
                return Some(Callback {
                    code: None,
                    state: None,
                });
            }
            "code" => code = Some(Secret::new(v.into_owned())),
            "state" => state = Some(v.into_owned()),
            _ => {}
        }
    }
    match (code, state) {
        (Some(code), Some(state)) => Some(Callback {
            code: Some(code),
            state: Some(state),
        }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn callbacks_carry_code_and_state_or_an_error() {
        let c = callback_of("/oauth/callback?code=abc%2B1&state=s-1").unwrap();
        assert_eq!(
            (c.code.unwrap().expose(), c.state.as_deref()),
            ("abc+1", Some("s-1"))
        );
        let e = callback_of("/oauth/callback?error=access_denied").unwrap();
        assert!(e.code.is_none());
        assert!(callback_of("/favicon.ico").is_none());
        assert!(callback_of("/oauth/callback?code=x").is_none());
    }

    #[tokio::test]
    async fn a_browser_redirect_is_taken_and_answered() {
        let listener = Listener::bind().await.unwrap();
        let uri = listener.redirect_uri();
        assert!(uri.starts_with("http://127.0.0.1:") && uri.ends_with("/oauth/callback"));
        let port = listener.port;
        let browser = tokio::spawn(async move {
            let mut s = TcpStream::connect(("127.0.0.1", port)).await.unwrap();
            s.write_all(b"GET /favicon.ico HTTP/1.1\r\nHost: x\r\n\r\n")
                .await
                .unwrap();
            let mut page = String::new();
            s.read_to_string(&mut page).await.unwrap();
            let mut s = TcpStream::connect(("127.0.0.1", port)).await.unwrap();
            s.write_all(b"GET /oauth/callback?code=C&state=S HTTP/1.1\r\nHost: x\r\n\r\n")
                .await
                .unwrap();
            let mut second = String::new();
            s.read_to_string(&mut second).await.unwrap();
            (page, second)
        });
        let callback = listener.wait(Duration::from_secs(10)).await.unwrap();
        assert_eq!(callback.state.as_deref(), Some("S"));
        let (page, second) = browser.await.unwrap();
        assert!(page.starts_with("HTTP/1.1 200 OK") && second.contains("Request processed"));
    }
}
