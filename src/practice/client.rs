//! A tiny HTTP/1.0 GET client for the range's own service on 127.0.0.1:
//! std's `TcpStream` with timeouts, one request per connection, the answer
//! capped at 64 KiB. It talks to one known local server and nothing else,
//! so an HTTP crate (with TLS, redirects, pools) would be all weight.

use std::io::{self, Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpStream};
use std::time::Duration;

/// Longest a connect, a write or a read may wait.
pub const TIMEOUT: Duration = Duration::from_secs(3);
const CAP: u64 = 64 * 1024;

/// An HTTP answer: its status code and its body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    /// The status code (200, 500, ...).
    pub status: u16,
    /// The body as text (lossy UTF-8), trimmed.
    pub body: String,
}

/// `GET path` from 127.0.0.1:`port`.
///
/// # Errors
/// A refused or timed-out connection, or an answer that is not HTTP.
pub fn get(port: u16, path: &str) -> io::Result<Reply> {
    let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
    let mut stream = TcpStream::connect_timeout(&addr, TIMEOUT)?;
    stream.set_read_timeout(Some(TIMEOUT))?;
    stream.set_write_timeout(Some(TIMEOUT))?;
    write!(stream, "GET {path} HTTP/1.0\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n")?;
    let mut raw = Vec::new();
    stream.take(CAP).read_to_end(&mut raw)?;
    parse(&raw).ok_or_else(|| io::Error::new(io::ErrorKind::InvalidData, "not an HTTP answer"))
}

fn parse(raw: &[u8]) -> Option<Reply> {
    let text = String::from_utf8_lossy(raw);
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status_line = head.lines().next()?;
    let mut parts = status_line.split_whitespace();
    if !parts.next()?.starts_with("HTTP/") {
        return None;
    }
    let status = parts.next()?.parse().ok()?;
    Some(Reply { status, body: body.trim().to_owned() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_answer_is_parsed_into_status_and_body() {
        let raw = b"HTTP/1.1 500 Internal Server Error\r\nContent-Length: 4\r\n\r\nboom\n";
        assert_eq!(parse(raw), Some(Reply { status: 500, body: "boom".to_owned() }));
        assert_eq!(parse(b"SSH-2.0-OpenSSH\r\n"), None);
        assert_eq!(parse(b""), None);
    }

    #[test]
    fn a_closed_port_is_an_error_not_a_hang() {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        let port = listener.local_addr().expect("addr").port();
        drop(listener);
        assert!(get(port, "/").is_err());
    }
}
