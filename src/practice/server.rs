//! The range's service (`firedrill practice serve`, run in the background
//! by `practice start`): `GET /signup`, `/version` and `/healthz` on
//! 127.0.0.1 only, served by `tiny_http`. Each answer reads the ledger and
//! the kill-switch store, so a deploy or a flip shows at the next request.
//! It stops when its record is removed (`practice stop`), when its folder
//! is removed, or after `idle` without a request; its own session (setsid)
//! keeps it out of the terminal's signals.

use std::io::{ErrorKind, IsTerminal};
use std::net::{Ipv4Addr, TcpListener};
use std::path::Path;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use chrono::Utc;
use tiny_http::{Header, Method, Request, Response, Server};

use super::catalog;
use super::files::{Range, RangeRecord};

/// The exit code of a service whose port is taken.
pub const PORT_IN_USE: u8 = 3;
/// The idle time after which the service stops: an hour.
pub const IDLE: Duration = Duration::from_secs(60 * 60);
/// How often the service looks at its folder and its record.
const TICK: Duration = Duration::from_millis(200);

/// Serves the range in `dir` on 127.0.0.1:`port` (0: a free one) until it
/// is stopped; what happens is written to standard error (the range's log).
pub fn serve(dir: &Path, port: u16, idle: Duration) -> ExitCode {
    // Its own session: no controlling terminal, so no hang-up or ^C reaches
    // it (run by hand in a terminal, it stays in the terminal's session).
    if !std::io::stdin().is_terminal() {
        let _ = nix::unistd::setsid();
    }
    let range = match Range::open(dir) {
        Ok(r) => r,
        Err(e) => {
            crate::say!("firedrill practice serve: {e:#}");
            return ExitCode::from(1);
        }
    };
    let listener = match TcpListener::bind((Ipv4Addr::LOCALHOST, port)) {
        Ok(l) => l,
        Err(e) if e.kind() == ErrorKind::AddrInUse => {
            crate::say!("firedrill practice serve: port {port} on 127.0.0.1 is in use");
            return ExitCode::from(PORT_IN_USE);
        }
        Err(e) => {
            crate::say!("firedrill practice serve: cannot listen on 127.0.0.1:{port}: {e}");
            return ExitCode::from(1);
        }
    };
    let port = listener.local_addr().map_or(port, |a| a.port());
    let server = match Server::from_listener(listener, None) {
        Ok(s) => s,
        Err(e) => {
            crate::say!("firedrill practice serve: {e}");
            return ExitCode::from(1);
        }
    };
    let pid = std::process::id();
    if let Err(e) = range.write_record(&RangeRecord { pid, port, since: Utc::now() }) {
        crate::say!("firedrill practice serve: {e:#}");
        return ExitCode::from(1);
    }
    crate::say!("{} started: pid {pid}, http://127.0.0.1:{port}", Utc::now().to_rfc3339());
    let why = run(&server, &range, pid, idle);
    range.remove_record(pid);
    crate::say!("{} stopped: {why}", Utc::now().to_rfc3339());
    ExitCode::SUCCESS
}

/// Answers requests until a reason to stop; returns the reason.
fn run(server: &Server, range: &Range, pid: u32, idle: Duration) -> &'static str {
    let mut last = Instant::now();
    loop {
        match server.recv_timeout(TICK) {
            Ok(Some(request)) => {
                answer(request, range, pid);
                last = Instant::now();
            }
            Ok(None) => {}
            Err(_) => return "the listener failed",
        }
        if !range.intact() {
            return "its folder was removed";
        }
        if range.record().is_none_or(|r| r.pid != pid) {
            return "practice stop (its record was removed)";
        }
        if last.elapsed() >= idle {
            return "idle: no request for the idle time";
        }
    }
}

fn answer(request: Request, range: &Range, pid: u32) {
    let (status, body) = if *request.method() == Method::Get {
        route(request.url(), range, pid)
    } else {
        (405, "only GET is served".to_owned())
    };
    let mut response = Response::from_string(format!("{body}\n")).with_status_code(status);
    if let Ok(h) = Header::from_bytes("Content-Type", "text/plain; charset=utf-8") {
        response.add_header(h);
    }
    let _ = request.respond(response);
}

/// The status and body for a GET of `url`.
fn route(url: &str, range: &Range, pid: u32) -> (u16, String) {
    let path = url.split('?').next().unwrap_or_default();
    let live = || range.live().map(|d| d.release);
    match path {
        "/healthz" => (200, format!("ok pid={pid}")),
        // The release, then when it was deployed: a probe reads both.
        "/version" => match range.live() {
            Ok(d) => {
                (200, format!("{} deployed {}", d.release, d.at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)))
            }
            Err(e) => (500, format!("no live release: {e:#}")),
        },
        "/signup" => match (live(), range.flags()) {
            (Ok(release), Ok(flags)) => catalog::signup(&release, &flags),
            (Err(e), _) | (_, Err(e)) => (500, format!("sign-up failed: the range's state is unreadable: {e:#}")),
        },
        _ => (404, "not found: /signup, /version, /healthz".to_owned()),
    }
}
