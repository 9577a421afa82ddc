//! The network side of the host, on axum and tokio: it serves the seat page
//! (every file from the binary), checks each WebSocket's Origin, and moves
//! messages between sockets and the room's owner. It never touches the
//! session: the owner (the GUI, or the headless loop in `host::run`) takes
//! the inputs and hands back what to send.

use super::protocol::{MAX_FRAME_BYTES, PROTOCOL_VERSION};
use super::room::{ConnId, Input, Out};
use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use futures_util::{SinkExt, StreamExt};
use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use tokio::sync::mpsc;

/// How many messages may wait for a slow seat before it is dropped (it
/// reconnects and gets the whole state): the host's memory stays flat.
pub const SEAT_QUEUE: usize = 256;

const SEAT_HTML: &str = include_str!("web/seat.html");
const SEAT_JS: &str = include_str!("web/seat.js");
const SEAT_CSS: &str = include_str!("web/seat.css");
const INDEX_HTML: &str = include_str!("web/index.html");

enum ToSeat {
    Text(Arc<str>),
    Close,
}

type Senders = Arc<Mutex<HashMap<ConnId, mpsc::Sender<ToSeat>>>>;

/// Called after each input so a sleeping owner (the GUI) wakes for it.
pub type Wake = Arc<dyn Fn() + Send + Sync>;

#[derive(Clone)]
struct Shared {
    inputs: mpsc::Sender<Input>,
    senders: Senders,
    next_conn: Arc<AtomicU64>,
    /// Origins besides the host's own that may open seats (a TLS proxy's).
    allowed_origins: Arc<Vec<String>>,
    wake: Option<Wake>,
}

/// What the owner holds: inputs to take, and the way to deliver outputs.
pub struct Server {
    pub addr: SocketAddr,
    inputs: Option<mpsc::Receiver<Input>>,
    outbox: Outbox,
    runtime: Option<tokio::runtime::Runtime>,
}

/// Delivers the room's outputs to the sockets without waiting.
#[derive(Clone)]
pub struct Outbox {
    senders: Senders,
}

impl Outbox {
    /// Sends each output; returns the connections that were too slow and
    /// were dropped, for `Room::dropped`.
    pub fn deliver(&self, outs: Vec<Out>) -> Vec<ConnId> {
        let mut dropped = Vec::new();
        let mut senders = self.senders.lock().expect("no panics hold this lock");
        for out in outs {
            let (conn, msg) = match out {
                Out::Send(conn, text) => (conn, ToSeat::Text(text)),
                Out::Close(conn) => (conn, ToSeat::Close),
            };
            if let Some(tx) = senders.get(&conn)
                && tx.try_send(msg).is_err()
            {
                senders.remove(&conn);
                dropped.push(conn);
            }
        }
        dropped
    }
}

impl Server {
    /// Binds `listen` and serves on a runtime of its own, in the background.
    pub fn start(
        listen: SocketAddr,
        allowed_origins: Vec<String>,
        wake: Option<Wake>,
    ) -> Result<Server, String> {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("sevdrill-host")
            .enable_all()
            .build()
            .map_err(|e| format!("cannot start the host's runtime: {e}"))?;
        let listener = runtime
            .block_on(tokio::net::TcpListener::bind(listen))
            .map_err(|e| format!("cannot listen on {listen}: {e}"))?;
        let addr = listener.local_addr().map_err(|e| e.to_string())?;
        let (tx, rx) = mpsc::channel(4096);
        let senders: Senders = Arc::default();
        let shared = Shared {
            inputs: tx,
            senders: Arc::clone(&senders),
            next_conn: Arc::new(AtomicU64::new(1)),
            allowed_origins: Arc::new(allowed_origins),
            wake,
        };
        let app = axum::Router::new()
            .route("/", get(|| async { page(INDEX_HTML, "text/html; charset=utf-8") }))
            .route("/seat", get(|| async { page(SEAT_HTML, "text/html; charset=utf-8") }))
            .route("/seat.js", get(|| async { page(SEAT_JS, "text/javascript; charset=utf-8") }))
            .route("/seat.css", get(|| async { page(SEAT_CSS, "text/css; charset=utf-8") }))
            .route("/ws", get(upgrade))
            .with_state(shared);
        runtime.spawn(async move {
            if let Err(e) = axum::serve(listener, app).await {
                eprintln!("the seat server stopped: {e}");
            }
        });
        Ok(Server { addr, inputs: Some(rx), outbox: Outbox { senders }, runtime: Some(runtime) })
    }

    /// The seats' inputs, for the one owner that handles them.
    pub fn take_inputs(&mut self) -> Option<mpsc::Receiver<Input>> {
        self.inputs.take()
    }

    pub fn outbox(&self) -> Outbox {
        self.outbox.clone()
    }

    /// The runtime, for an owner that runs its loop on it.
    pub fn runtime(&self) -> &tokio::runtime::Runtime {
        self.runtime.as_ref().expect("present until drop")
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(rt) = self.runtime.take() {
            rt.shutdown_background();
        }
    }
}

fn page(body: &'static str, kind: &'static str) -> Response {
    let mut r = body.into_response();
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(kind));
    // Nothing from elsewhere: scripts, styles and sockets from this host only.
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
        ),
    );
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    r
}

#[derive(serde::Deserialize)]
struct WsQuery {
    token: String,
    #[serde(default)]
    v: Option<u32>,
}

/// Whether a browser's Origin is this host's own (as the Host header names
/// it) or one the facilitator allowed. Clients that are not browsers send
/// no Origin; tokens guard them.
fn origin_ok(headers: &HeaderMap, allowed: &[String]) -> bool {
    let Some(origin) = headers.get(header::ORIGIN).and_then(|o| o.to_str().ok()) else { return true };
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or("");
    origin == format!("http://{host}")
        || origin == format!("https://{host}")
        || allowed.iter().any(|a| a == origin)
}

async fn upgrade(
    State(shared): State<Shared>,
    headers: HeaderMap,
    query: Result<Query<WsQuery>, axum::extract::rejection::QueryRejection>,
    ws: WebSocketUpgrade,
) -> Response {
    if !origin_ok(&headers, &shared.allowed_origins) {
        return (StatusCode::FORBIDDEN, "this page's origin may not open a seat on this host")
            .into_response();
    }
    let Ok(Query(q)) = query else {
        return (StatusCode::BAD_REQUEST, "a seat connects with ?token=…&v=1").into_response();
    };
    if q.v.is_some_and(|v| v != PROTOCOL_VERSION) {
        let msg = format!("this host speaks protocol version {PROTOCOL_VERSION}; reload the page");
        return (StatusCode::BAD_REQUEST, msg).into_response();
    }
    ws.max_message_size(MAX_FRAME_BYTES)
        .max_frame_size(MAX_FRAME_BYTES)
        .on_upgrade(move |socket| seat(socket, shared, q.token))
}

async fn seat(socket: WebSocket, shared: Shared, token: String) {
    let conn = shared.next_conn.fetch_add(1, Ordering::Relaxed);
    let (tx, mut rx) = mpsc::channel(SEAT_QUEUE);
    shared.senders.lock().expect("no panics hold this lock").insert(conn, tx);
    let (mut sink, mut stream) = socket.split();
    let writer = tokio::spawn(async move {
        while let Some(msg) = rx.recv().await {
            match msg {
                ToSeat::Text(t) => {
                    if sink.send(Message::Text(t.as_ref().into())).await.is_err() {
                        break;
                    }
                }
                ToSeat::Close => {
                    let _ = sink.send(Message::Close(None)).await;
                    break;
                }
            }
        }
    });
    let send = |input: Input| {
        let shared = shared.clone();
        async move {
            let ok = shared.inputs.send(input).await.is_ok();
            if let Some(w) = &shared.wake {
                w();
            }
            ok
        }
    };
    if send(Input::Open { conn, token }).await {
        while let Some(Ok(msg)) = stream.next().await {
            let input = match msg {
                Message::Text(t) => Input::Text { conn, text: t.as_str().to_owned() },
                Message::Binary(_) => Input::Binary { conn },
                Message::Close(_) => break,
                _ => continue,
            };
            if !send(input).await {
                break;
            }
        }
    }
    shared.senders.lock().expect("no panics hold this lock").remove(&conn);
    let _ = send(Input::Close { conn }).await;
    writer.abort();
}
