//! The `host` and `seat` commands: reading their arguments, starting or
//! resuming the session and its seats, printing the join links.

use super::room::Room;
use super::seats::{DEFAULT_TOKEN_HOURS, SeatBook};
use super::server::{Server, Wake};
use crate::cli::{EXIT_INVALID, find_scenario, load_one};
use crate::replay::{Script, SessionLog};
use crate::session::{Record, Session, Speed};
use crate::sim::{Participant, check_participants};
use std::io::Write;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;

/// The port `sevdrill host` listens on unless told otherwise.
pub const DEFAULT_PORT: u16 = 8321;

pub struct HostArgs {
    pub scenario: Option<PathBuf>,
    pub listen: Option<SocketAddr>,
    pub seed: Option<u64>,
    /// `Name=role,role`, as many as there are participants.
    pub participants: Vec<String>,
    pub resume: Option<PathBuf>,
    pub speed: Speed,
    pub token_hours: u64,
    pub allow_origins: Vec<String>,
    pub public_url: Option<String>,
    pub scores_live: bool,
    pub record: Record,
    pub sessions: PathBuf,
    pub user_scenarios: PathBuf,
    /// Write the join links here as JSON (readable by the owner only).
    pub links_file: Option<PathBuf>,
}

/// A started host: the session, its room and its server, for an owner to run.
pub struct Hosted {
    pub session: Session,
    pub room: Room,
    pub server: Server,
    /// (name, roles, link) per seat, the facilitator last.
    pub links: Vec<(String, String, String)>,
    pub base_url: String,
}

/// `Ana=ic,comms` → Ana holding ic and comms.
pub fn parse_participant(text: &str) -> Result<Participant, String> {
    let (name, roles) = text
        .split_once('=')
        .ok_or_else(|| format!("\"{text}\" is not NAME=ROLE[,ROLE…]; write e.g. \"Ana=ic,comms\""))?;
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 64 || name.chars().any(crate::escape::is_control) {
        return Err(format!("\"{name}\" is not a usable name: 1 to 64 printable characters"));
    }
    let roles: Vec<String> =
        roles.split(',').map(|r| r.trim().to_string()).filter(|r| !r.is_empty()).collect();
    if roles.is_empty() {
        return Err(format!("{name} has no role; write e.g. \"{name}=ic\""));
    }
    Ok(Participant { name: name.to_string(), roles })
}

/// Where the links should point: the given public URL, else the address
/// listened on (for 0.0.0.0, this machine's address on the local network).
pub fn base_url(addr: SocketAddr, public: Option<&str>) -> String {
    if let Some(p) = public {
        return p.trim_end_matches('/').to_string();
    }
    let ip = if addr.ip().is_unspecified() {
        // A UDP "connection" sends nothing; it only picks the outgoing address.
        std::net::UdpSocket::bind("0.0.0.0:0")
            .and_then(|s| s.connect("192.0.2.1:9").map(|_| s))
            .and_then(|s| s.local_addr())
            .map(|a| a.ip())
            .unwrap_or(IpAddr::from([127, 0, 0, 1]))
    } else {
        addr.ip()
    };
    format!("http://{}", SocketAddr::new(ip, addr.port()))
}

/// Starts (or resumes) the session and its server.
pub fn start(args: HostArgs, wake: Option<Wake>, err: &mut dyn Write) -> Result<Hosted, u8> {
    let fail = |err: &mut dyn Write, m: String| {
        let _ = writeln!(err, "error: {m}");
        EXIT_INVALID
    };
    let (mut session, book) = match &args.resume {
        Some(log_path) => {
            let log = SessionLog::load(log_path).map_err(|e| fail(err, e.to_string()))?;
            let loaded = find_scenario(&log, args.scenario.as_deref(), &args.user_scenarios, err)
                .ok_or(EXIT_INVALID)?;
            let session = Session::resume(loaded, log_path).map_err(|e| fail(err, e))?;
            let seats = SeatBook::path_for(log_path);
            let book = SeatBook::load(&seats).map_err(|e| {
                fail(err, format!("{e}\n  = help: a hosted session keeps its join links there; without them the seats cannot rejoin"))
            })?;
            (session, book)
        }
        None => {
            let Some(path) = &args.scenario else {
                return Err(fail(
                    err,
                    "name a scenario (a file, or a built-in id) or --resume a session log".into(),
                ));
            };
            let loaded = load_one(path, err).ok_or(EXIT_INVALID)?;
            let mut participants = Vec::new();
            for p in &args.participants {
                participants.push(parse_participant(p).map_err(|m| fail(err, m))?);
            }
            if participants.is_empty() {
                // One seat per role, named after it, for a quick start.
                participants = loaded
                    .scenario
                    .roles
                    .iter()
                    .map(|r| Participant { name: r.name.clone(), roles: vec![r.id.clone()] })
                    .collect();
            }
            let mut names = std::collections::BTreeSet::new();
            for p in &participants {
                if !names.insert(p.name.clone()) || p.name == "Facilitator" {
                    return Err(fail(
                        err,
                        format!("two seats are named \"{}\"; give each participant their own name", p.name),
                    ));
                }
            }
            if let Err((i, _, e)) = check_participants(&loaded.scenario, &participants) {
                return Err(fail(
                    err,
                    format!(
                        "--participant \"{}\": {e}",
                        args.participants.get(i).map(String::as_str).unwrap_or("")
                    ),
                ));
            }
            let seed = args.seed.unwrap_or_else(|| chrono::Utc::now().timestamp() as u64 % 100_000);
            let session =
                Session::start_recorded(loaded, seed, participants, Some(&args.sessions), &args.record)
                    .map_err(|e| fail(err, e))?;
            let book = SeatBook::issue(session.engine.participants(), super::unix_now(), args.token_hours)
                .map_err(|e| fail(err, e))?;
            let path = session.log_path.clone().expect("a hosted session has a journal");
            book.save(&SeatBook::path_for(&path))
                .map_err(|e| fail(err, format!("cannot keep the join links beside the journal: {e}")))?;
            (session, book)
        }
    };
    session.start_speed = args.speed;
    session.scores_live = args.scores_live;
    let listen = args.listen.unwrap_or_else(|| SocketAddr::from(([127, 0, 0, 1], DEFAULT_PORT)));
    let server = Server::start(listen, args.allow_origins.clone(), wake).map_err(|e| fail(err, e))?;
    let base = base_url(server.addr, args.public_url.as_deref());
    let links = super::links(&book, &base, &session);
    if let Some(f) = &args.links_file {
        let json = serde_json::json!({
            "listening": server.addr.to_string(),
            "journal": session.log_path.as_ref().map(|p| p.display().to_string()),
            "seats": links.iter().map(|(n, r, l)| serde_json::json!({"name": n, "roles": r, "link": l})).collect::<Vec<_>>(),
        });
        super::seats::write_private(f, json.to_string().as_bytes())
            .map_err(|e| fail(err, format!("cannot write {}: {e}", f.display())))?;
    }
    let room = Room::new(book, &session);
    Ok(Hosted { session, room, server, links, base_url: base })
}

/// What the host prints when it starts: where it listens, who can reach
/// it, and each seat's link (with a QR code when `qr`).
pub fn print_links(h: &Hosted, qr: bool, out: &mut dyn Write) {
    let addr = h.server.addr;
    let _ = writeln!(
        out,
        "sevdrill is hosting \"{}\" on {addr}",
        crate::escape::terminal(&h.session.scenario().title)
    );
    if addr.ip().is_loopback() {
        let _ = writeln!(
            out,
            "Only this computer can open the links (listening on {}). To let the room join, add --listen 0.0.0.0:{}.",
            addr.ip(),
            addr.port()
        );
    } else {
        let _ = writeln!(
            out,
            "WARNING: anyone on this network can reach this host at {}; only the links below let them in.",
            h.base_url
        );
    }
    if let Some(p) = &h.session.log_path {
        let _ = writeln!(out, "Journal: {}", p.display());
    }
    for (name, roles, link) in &h.links {
        let _ = writeln!(
            out,
            "\n{} — {}\n  {link}",
            crate::escape::terminal(name),
            crate::escape::terminal(roles)
        );
        if qr && let Some(code) = super::qr_text(link) {
            let _ = write!(out, "{code}");
        }
    }
    let _ = writeln!(
        out,
        "\nPress Ctrl-C to stop; `sevdrill host --resume JOURNAL` carries on with the same links."
    );
}

/// `sevdrill host … --no-window`.
pub fn host_headless(args: HostArgs, qr: bool, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let hosted = match start(args, None, err) {
        Ok(h) => h,
        Err(code) => return code,
    };
    print_links(&hosted, qr, out);
    let _ = out.flush();
    let Hosted { session, room, server, .. } = hosted;
    match super::run_headless(session, room, server) {
        Ok(()) => 0,
        Err(e) => {
            let _ = writeln!(err, "error: {e}");
            1
        }
    }
}

pub struct SeatArgs {
    pub link: String,
    pub actions: Option<PathBuf>,
    pub drive: bool,
    pub record: Option<PathBuf>,
    pub drop_after: Vec<usize>,
    pub patience_secs: u64,
}

/// `sevdrill seat LINK [--actions SCRIPT] [--drive]`.
pub fn seat(args: SeatArgs, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let script = match &args.actions {
        Some(p) => match Script::load(p) {
            Ok((s, _, _)) => Some(s),
            Err(d) => {
                let _ = writeln!(err, "{d}");
                return EXIT_INVALID;
            }
        },
        None => None,
    };
    let opts = super::client::SeatOptions {
        link: args.link,
        script,
        drive: args.drive,
        record: args.record,
        drop_after: args.drop_after,
        patience: std::time::Duration::from_secs(args.patience_secs.max(1)),
    };
    match super::client::run(opts) {
        Ok(r) => {
            let _ = writeln!(
                out,
                "{}: {} actions acknowledged ({} recognised as resent), {} reconnects, {} messages received",
                crate::escape::terminal(&r.name),
                r.acted,
                r.duplicates,
                r.reconnects,
                r.received
            );
            0
        }
        Err(e) => {
            let _ = writeln!(err, "error: {e}");
            1
        }
    }
}

pub fn default_token_hours() -> u64 {
    DEFAULT_TOKEN_HOURS
}
