//! `parseURL`: a custom endpoint split into scheme, authority and path. Only `http` and
//! `https` URLs without a query read; anything else is "not a URL" to the rules.

use super::library::looks_like_ipv4;
use super::value::Val;

pub fn parse_url(url: &str) -> Option<Val> {
    let (scheme, rest) = url.split_once("://")?;
    if scheme != "http" && scheme != "https" {
        return None;
    }
    if rest.contains('?') {
        return None;
    }
    let rest = rest.split_once('#').map_or(rest, |(before, _)| before);
    let (authority, path) = match rest.find('/') {
        Some(i) => rest.split_at(i),
        None => (rest, ""),
    };
    if authority.is_empty() {
        return None;
    }
    let host = host_of(authority)?;
    let is_ip = looks_like_ipv4_address(host) || host.starts_with('[');
    let mut normalized = super::library::uri_encode_path(path);
    if !normalized.starts_with('/') {
        normalized.insert(0, '/');
    }
    if !normalized.ends_with('/') {
        normalized.push('/');
    }
    Some(Val::record(vec![
        ("scheme", Val::Str(scheme.to_string())),
        ("authority", Val::Str(authority.to_string())),
        ("path", Val::Str(path.to_string())),
        ("normalizedPath", Val::Str(normalized)),
        ("isIp", Val::Bool(is_ip)),
    ]))
}

/// The host of `user@host:port`, `None` when the port is not a number.
fn host_of(authority: &str) -> Option<&str> {
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let (host, port) = if let Some(end) = host_port.strip_prefix('[').and(host_port.find(']')) {
        let (host, after) = host_port.split_at(end + 1);
        (host, after.strip_prefix(':'))
    } else {
        match host_port.split_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (host_port, None),
        }
    };
    match port {
        Some(p) if !p.is_empty() && p.parse::<u16>().is_err() => None,
        _ => Some(host),
    }
}

fn looks_like_ipv4_address(host: &str) -> bool {
    looks_like_ipv4(host) && host.split('.').all(|g| g.parse::<u8>().is_ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(v: &Val, k: &str) -> Val {
        v.field(k).cloned().unwrap()
    }

    #[test]
    fn splits_a_url() {
        let v = parse_url("https://example.com:8443/a/b").unwrap();
        assert_eq!(field(&v, "scheme"), Val::Str("https".into()));
        assert_eq!(field(&v, "authority"), Val::Str("example.com:8443".into()));
        assert_eq!(field(&v, "path"), Val::Str("/a/b".into()));
        assert_eq!(field(&v, "normalizedPath"), Val::Str("/a/b/".into()));
        assert_eq!(field(&v, "isIp"), Val::Bool(false));
    }

    #[test]
    fn recognises_addresses_and_rejects_the_rest() {
        let ip = parse_url("http://127.0.0.1:9000").unwrap();
        assert_eq!(field(&ip, "isIp"), Val::Bool(true));
        assert_eq!(field(&ip, "normalizedPath"), Val::Str("/".into()));
        let v6 = parse_url("http://[::1]:9000/").unwrap();
        assert_eq!(field(&v6, "isIp"), Val::Bool(true));
        assert_eq!(parse_url("ftp://example.com"), None);
        assert_eq!(parse_url("https://example.com/?a=b"), None);
        assert_eq!(parse_url("example.com"), None);
        assert_eq!(parse_url("http://host:port"), None);
    }
}
