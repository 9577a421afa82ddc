// sevdrill seat: one participant's view of a hosted session, speaking the
// protocol in docs/PROTOCOL.md. Every piece of text from the host goes in
// with textContent, never as HTML.
"use strict";
(() => {
  const $ = (id) => document.getElementById(id);
  const token = new URLSearchParams(location.hash.slice(1)).get("t") || "";
  let ws = null, seat = null, deck = null, status = null, feed = [], readUpTo = 0;
  let nextId = 1, pending = null, tab = null, retry = 500;

  function el(tag, attrs, ...kids) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "on") for (const [ev, f] of Object.entries(v)) e.addEventListener(ev, f);
      else if (k === "text") e.textContent = v;
      else if (v === true) e.setAttribute(k, "");
      else if (v !== false && v != null) e.setAttribute(k, v);
    }
    for (const kid of kids.flat()) if (kid != null) e.append(kid instanceof Node ? kid : document.createTextNode(String(kid)));
    return e;
  }
  const clear = (e) => { while (e.firstChild) e.removeChild(e.firstChild); return e; };
  function toast(text, kind) {
    const t = $("toast"); t.textContent = text; t.className = kind || ""; t.hidden = false;
    clearTimeout(toast.timer); toast.timer = setTimeout(() => { t.hidden = true; }, 6000);
  }

  // ---- connection ----------------------------------------------------------
  function connect() {
    if (!token) { $("conn").textContent = "this page needs the join link your facilitator gave you"; $("conn").classList.add("down"); return; }
    const url = (location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/ws?v=1&token=" + encodeURIComponent(token);
    ws = new WebSocket(url);
    ws.onopen = () => { retry = 500; $("conn").textContent = "connected"; $("conn").classList.remove("down"); };
    ws.onmessage = (m) => { try { receive(JSON.parse(m.data)); } catch (e) { console.error(e); } };
    ws.onclose = () => {
      $("conn").textContent = "reconnecting…"; $("conn").classList.add("down");
      setTimeout(connect, retry); retry = Math.min(retry * 2, 8000);
    };
  }
  function send(msg) { if (ws && ws.readyState === 1) { ws.send(JSON.stringify(msg)); return true; } return false; }
  function role() { return $("acting").value || (seat && seat.roles[0] && seat.roles[0].id) || ""; }
  function holds(r) { return seat && seat.roles.some((x) => x.id === r); }
  function act(action, opts) {
    if (pending) { toast("Still waiting for the host to confirm the last action…"); return false; }
    const r = seat.facilitator ? "facilitator" : (opts && opts.role) || role();
    const after = seat.facilitator ? 0 : (status.actions_by[seat.name] || 0);
    pending = { id: nextId++, role: r, after, action, done: opts && opts.done };
    if (!send({ type: "act", id: pending.id, role: r, after, action })) toast("Not connected; it will be sent when the seat reconnects.");
    return true;
  }
  function doing(what) { if (seat && !seat.facilitator && doing.last !== what) { doing.last = what; send({ type: "doing", what }); } }

  function receive(m) {
    switch (m.type) {
      case "welcome": seat = m.seat; deck = m.deck; setupSeat(); break;
      case "state": feed = m.feed; status = m.status; renderAll(); resendPending(); break;
      case "update":
        if (m.from !== feed.length) { ws.close(); return; } // missed something: reconnect for the whole state
        feed = feed.concat(m.feed); status = m.status; renderAll(); break;
      case "ack":
        if (pending && pending.id === m.id) { const done = pending.done; pending = null; toast(m.duplicate ? "Already recorded ✓" : "Recorded ✓", "good"); if (done) done(); doing.last = undefined; }
        break;
      case "refused": if (pending && pending.id === m.id) pending = null; toast("Not done: " + m.error, "bad"); break;
      case "checked": showMissing(m.missing); break;
      case "error": toast(m.message, "bad"); if (!seat) { $("conn").textContent = m.message; } break;
    }
  }
  function resendPending() {
    if (!pending) return;
    send({ type: "act", id: pending.id, role: pending.role, after: pending.after, action: pending.action });
  }

  // ---- the frame -----------------------------------------------------------
  function setupSeat() {
    document.title = seat.name + " — " + seat.title;
    $("title").textContent = seat.title;
    $("who").textContent = seat.facilitator ? "Facilitator" : seat.name + " · " + seat.roles.map((r) => r.name).join(", ");
    const sel = clear($("acting"));
    for (const r of seat.roles) sel.append(el("option", { value: r.id, text: r.name }));
    $("acting-wrap").hidden = seat.roles.length < 2;
    $("mark-read").onclick = () => { readUpTo = feed.length; renderFeed(); $("mark-read").hidden = true; };
  }
  function renderAll() { if (!seat || !status) return; renderTop(); renderBoard(); renderFeed(); renderFacts(); renderTabs(); refreshPanel(); keepFocusInView(); }
  // The header stays on top while the page scrolls: keep whatever the
  // keyboard focuses (or the page scrolls to) from sliding under it.
  function keepFocusInView() { document.documentElement.style.scrollPaddingTop = $("top").offsetHeight + 8 + "px"; }
  window.addEventListener("resize", keepFocusInView);
  function renderTop() {
    $("wall").textContent = status.wall; $("clock").textContent = status.clock;
    $("phase").textContent = status.phase; $("speed").textContent = status.speed === "paused" ? "clock paused" : "▶ " + status.speed.replace("x", "") + "×";
    const d = $("declared"); d.textContent = status.declared ? status.declared.toUpperCase() : "none"; d.className = "sev " + (status.declared || "");
    const busy = status.activity.map((a) => a.name + " " + a.words);
    $("activity").textContent = busy.join(" · ");
  }
  function tile(label, big, extra) { return el("div", { class: "tile" }, el("span", { class: "label", text: label }), el("span", { class: "big", text: big }), extra); }
  function renderBoard() {
    const b = status.board, box = clear($("board"));
    box.append(tile("Users affected", b.users_percent + "%"));
    box.append(tile("Revenue lost so far", b.revenue_lost.toLocaleString() + " " + b.currency));
    box.append(tile("Responders' focus", b.focus + " — " + b.focus_word, bar(b.focus / 100, b.focus < 30 ? "over" : b.focus < 50 ? "soon" : "")));
    box.append(tile("Trust: stakeholders / customers", b.stakeholder_trust + " / " + b.customer_trust));
    if (b.next_update_left != null) {
      const left = b.next_update_left, used = 1 - left / Math.max(1, b.next_update_length);
      const words = left < 0 ? "⚠ " + mins(-left) + " overdue" : "due in " + mins(left) + (used >= 0.8 ? " — soon" : "");
      box.append(tile("Next update (" + b.next_update_at + ")", words, bar(Math.min(1, used), left < 0 ? "over" : used >= 0.8 ? "soon" : "")));
    } else box.append(tile("Next update", b.resolved ? "✔ resolved" : "nothing promised"));
    if (status.score) box.append(tile("Score", Math.round(status.score.total) + " / 100"));
  }
  function bar(share, kind) {
    const fill = el("span");
    fill.style.width = Math.round(Math.max(0, Math.min(1, share)) * 100) + "%"; // CSSOM, which the page's CSP allows
    return el("span", { class: "bar " + (kind || ""), role: "presentation" }, fill);
  }
  function mins(s) { const m = Math.floor(s / 60), r = s % 60; return m + "m" + (r ? String(r).padStart(2, "0") + "s" : ""); }
  function renderFeed() {
    const list = clear($("feed"));
    for (let i = feed.length - 1; i >= 0 && i >= feed.length - 300; i--) {
      const c = feed[i], unread = i >= readUpTo && c.kind !== "ACTION";
      list.append(el("li", { class: c.kind.replace(" ", "-") + (unread ? " unread" : "") },
        el("div", { class: "meta" }, el("span", { class: "kind", text: c.kind }), c.time + (c.from ? " · " + c.from : "") + (unread ? " · new" : "")),
        el("div", { text: c.text })));
    }
    $("mark-read").hidden = !feed.slice(readUpTo).some((c) => c.kind !== "ACTION");
  }
  function renderFacts() {
    const f = clear($("facts"));
    for (const t of status.known_facts) f.append(el("li", { text: t }));
    const t = clear($("timers"));
    for (const x of status.timers) t.append(el("li", { text: x }));
  }

  // ---- panels --------------------------------------------------------------
  const PANELS = [
    ["brief", "Briefing", () => status.phase === "Briefing"],
    ["sev", "Severity", () => status.phase === "Live"],
    ["ask", "Ask", () => status.phase === "Live"],
    ["comm", "Communicate", () => status.phase === "Live"],
    ["esc", "Escalate", () => status.phase === "Live"],
    ["decide", "Decide", () => status.phase === "Live"],
    ["coord", "Coordinate", () => status.phase === "Live"],
    ["context", "Business context", () => status.phase === "Live"],
    ["channel", "Channel", () => status.phase === "Live"],
    ["notes", "Timeline notes", () => status.phase === "Live" || status.phase === "Review"],
    ["review", "Review", () => status.phase === "Review"],
    ["debrief", "Debrief", () => status.phase === "Debrief"],
    ["fac", "Facilitator", () => seat.facilitator],
  ];
  const preferred = () => (seat.facilitator ? "fac" : status.phase === "Briefing" ? "brief" : status.phase === "Review" ? "review" : status.phase === "Debrief" ? "debrief" : holds("comms") ? "comm" : holds("scribe") ? "notes" : "sev");
  let tabsKey = "";
  function renderTabs() {
    const shown = PANELS.filter(([id, , on]) => on() && (!seat.facilitator || ["fac", "brief", "debrief"].includes(id)));
    if (!shown.some(([id]) => id === tab)) { tab = preferred(); buildPanel(); }
    const key = shown.map((p) => p[0]).join() + "|" + tab;
    if (key === tabsKey) return;
    tabsKey = key;
    const nav = clear($("tabs"));
    for (const [id, name] of shown) nav.append(el("button", { type: "button", "aria-pressed": String(id === tab), on: { click: () => { tab = id; tabsKey = ""; buildPanel(); renderTabs(); } } }, name));
  }
  let refreshers = [];
  // A fresh element each time: panels listen on their container, and
  // listeners on a reused one would pile up with every visit (the room
  // walk-through found three composers answering each keystroke).
  function buildPanel() { const p = el("div", { id: "panel" }); $("panel").replaceWith(p); refreshers = []; doing(null); (BUILD[tab] || (() => {}))(p); refreshPanel(); }
  function refreshPanel() { for (const f of refreshers) f(); }
  function live(container, draw) { const box = el("div"); container.append(box); refreshers.push(() => draw(clear(box))); }
  // A label and its control in one element, so `append` takes it whole.
  function field(label, input) { const id = "f" + Math.random().toString(36).slice(2); input.id = id; return el("div", { class: "field" }, el("label", { for: id, text: label }), input); }
  const input = (ph) => el("input", { type: "text", placeholder: ph || "", maxlength: "2000" });
  const area = (ph) => el("textarea", { placeholder: ph || "", maxlength: "8000" });
  const select = (options, none) => { const s = el("select"); if (none) s.append(el("option", { value: "", text: none })); for (const [v, t] of options) s.append(el("option", { value: v, text: t })); return s; };

  const BUILD = {
    brief(p) {
      p.append(el("h3", { text: "Briefing" }));
      for (const line of deck.briefing) p.append(el("p", { text: line }));
      p.append(el("h3", { text: "Who is here" }));
      const ul = el("ul"); for (const x of deck.participants) ul.append(el("li", { text: x.name + ": " + x.roles.join(", ") })); p.append(ul);
      if (holds("ic")) p.append(el("button", { class: "primary", type: "button", on: { click: () => act("StartIncident", { role: "ic" }) } }, "Start the incident ▶"));
      else p.append(el("p", { class: "muted", text: "The incident commander starts the incident." }));
    },
    sev(p) {
      const ic = holds("ic") || !deck.roles.some((r) => r.id === "ic");
      p.append(el("h3", { text: ic ? "Declare or change severity" : "Propose a severity" }));
      const reason = input("one line: why this severity");
      p.append(field("Reason (for a proposal)", reason));
      reason.addEventListener("focus", () => doing("proposing_severity"));
      for (const s of deck.severities) {
        const row = el("div", { class: "card" }, el("b", { text: s.id.toUpperCase() + " " }), s.name, el("br"));
        if (ic) row.append(el("button", { type: "button", on: { click: () => act({ Declare: s.id }, { role: "ic" }) } }, "Declare " + s.id.toUpperCase()), " ");
        row.append(el("button", { type: "button", on: { click: () => { if (!reason.value.trim()) { toast("Say in one line why", "bad"); reason.focus(); return; } act({ ProposeSeverity: { sev: s.id, reason: reason.value.trim() } }, { done: () => { reason.value = ""; } }); } } }, "Propose " + s.id.toUpperCase()));
        p.append(row);
      }
      live(p, (box) => {
        box.append(el("h3", { text: "Calls so far" }));
        const ul = el("ul");
        for (const c of status.declared_history) ul.append(el("li", { text: c.time + " " + c.by + " declared " + c.sev.toUpperCase() }));
        for (const c of status.proposals) ul.append(el("li", { text: c.time + " " + c.by + " proposed " + c.sev.toUpperCase() + ": " + c.reason }));
        box.append(ul);
      });
    },
    ask(p) {
      p.append(el("h3", { text: "Ask the responders" }));
      doing("asking");
      live(p, (box) => {
        for (const q of status.questions) {
          if (q.asked_at) box.append(el("div", { class: "card muted", text: "✔ " + q.text + " (asked " + q.asked_at + ")" }));
          else box.append(el("div", { class: "card" }, el("button", { type: "button", on: { click: () => act({ Ask: q.id }) } }, q.text)));
        }
      });
    },
    comm(p) {
      p.append(el("h3", { text: "Communicate" }));
      const tpl = select(deck.templates.map((t) => [t.id, t.name]));
      p.append(field("Template", tpl));
      const aud = el("fieldset", {}, el("legend", { text: "To" }));
      const boxes = deck.audiences.map((a) => { const c = el("input", { type: "checkbox", value: a.id }); aud.append(el("label", { class: "inline" }, c, a.name)); return c; });
      p.append(aud);
      const f = {
        issue: input("what is wrong, in plain words"), severity: select(deck.severities.map((s) => [s.id, s.id.toUpperCase()]), "—"),
        impact: input("who is affected and how"),
        status: select(["Investigating", "Identified", "Mitigating", "Monitoring", "Resolved"].map((s) => [s, s]), "—"),
        lead: input("name"), channel: input("#incident-…"), started: input("e.g. 02:47 EST"), duration: input("how long it lasted"),
        fix: input("what fixed it"), postmortem: input("date and time of the review"),
        next: el("input", { type: "number", min: "0", max: "120", value: "20" }), cause: input("leave empty while unknown"),
        confirmed: el("input", { type: "checkbox" }), dos: area("one per line"), donts: area("one per line"), text: area("message text"),
      };
      const names = { issue: "Issue", severity: "Severity", impact: "Impact", status: "Status", lead: "Incident lead", channel: "Channel", started: "Started", duration: "Duration", fix: "Fix", postmortem: "Post-mortem", next: "Next update in (minutes, 0 = none)", cause: "Cause", dos: "DO", donts: "DO NOT", text: "Message" };
      for (const k of Object.keys(names)) p.append(field(names[k], f[k]));
      p.append(el("label", { class: "inline" }, f.confirmed, "cause confirmed"));
      const missing = el("p", { id: "missing", "aria-live": "polite" }); p.append(missing);
      const sendBtn = el("button", { class: "primary", type: "button" }, "Send"); p.append(sendBtn);
      const lines = (t) => t.value.split("\n").map((s) => s.trim()).filter(Boolean);
      const message = () => ({
        template: tpl.value, audiences: boxes.filter((b) => b.checked).map((b) => b.value), text: f.text.value,
        fields: {
          issue: f.issue.value, severity: f.severity.value || null, impact: f.impact.value, status: f.status.value || null,
          lead: f.lead.value, channel: f.channel.value, started: f.started.value, duration: f.duration.value, fix: f.fix.value,
          postmortem: f.postmortem.value, do: lines(f.dos), do_not: lines(f.donts),
          next_update_in: Number(f.next.value) > 0 ? Math.round(Number(f.next.value)) + "m" : null,
          cause: f.cause.value.trim() ? { text: f.cause.value.trim(), confirmed: f.confirmed.checked } : null,
        },
      });
      const doingOf = { Initial: "writing_initial", Update: "writing_update", StatusPage: "writing_status_page", Resolution: "writing_resolution", CustomerNotice: "writing_customer_notice" };
      let timer = null;
      const check = () => { clearTimeout(timer); timer = setTimeout(() => send({ type: "check", communication: message() }), 250); doing(doingOf[tpl.value]); };
      p.addEventListener("input", check); p.addEventListener("change", check); check();
      sendBtn.onclick = () => {
        const m = message();
        if (!m.audiences.length && !["StatusPage", "CustomerNotice"].includes(m.template)) { toast("Choose at least one audience", "bad"); return; }
        act({ Communicate: m }, { role: holds("comms") ? "comms" : role(), done: () => { f.text.value = ""; } });
      };
    },
    esc(p) {
      p.append(el("h3", { text: "Escalate" }));
      const to = select(deck.escalations.map((e) => [e.id, e.title]), "choose…");
      const f = { situation: input("what is happening"), need: input("people, a decision, resources"), why: input("customers, revenue, commitments"), ask: input("exactly what you want them to do") };
      p.append(field("To", to), field("Situation in brief", f.situation), field("What you need", f.need), field("Why it matters", f.why), field("The specific ask", f.ask));
      p.addEventListener("input", () => doing("escalating"));
      live(p, (box) => { if (status.done.escalated.length) box.append(el("p", { class: "muted", text: "Escalated already: " + status.done.escalated.map((id) => (deck.escalations.find((e) => e.id === id) || { title: id }).title).join(", ") })); });
      p.append(el("button", { class: "primary", type: "button", on: { click: () => { if (!to.value) { toast("Choose whom to escalate to", "bad"); return; } act({ Escalate: { to: to.value, situation: f.situation.value, need: f.need.value, why: f.why.value, ask: f.ask.value } }, { done: () => { for (const i of Object.values(f)) i.value = ""; } }); } } }, "Send escalation"));
    },
    decide(p) {
      p.append(el("h3", { text: "Decisions" }));
      doing("deciding");
      live(p, (box) => {
        for (const d of deck.decisions) {
          const done = status.done.decided.includes(d.id);
          box.append(el("div", { class: "card" }, el("b", { text: d.title }), el("p", { text: d.detail }),
            done ? el("span", { class: "muted", text: "✔ decided" }) : el("button", { type: "button", on: { click: () => act({ Decide: d.id }) } }, "Decide this")));
        }
      });
    },
    coord(p) {
      p.append(el("h3", { text: "Coordinate other teams" }));
      doing("coordinating");
      live(p, (box) => {
        for (const c of deck.coordination) {
          const done = status.done.coordinated.includes(c.id);
          box.append(el("div", { class: "card" }, el("span", { text: c.detail + ": " + c.title + " " }),
            done ? el("span", { class: "muted", text: "✔ done" }) : el("button", { type: "button", on: { click: () => act({ Coordinate: { id: c.id, message: "" } }) } }, "Do it")));
        }
      });
    },
    context(p) {
      p.append(el("h3", { text: "Share business context with the responders" }));
      const boxes = deck.topics.map((t) => { const c = el("input", { type: "checkbox", value: t.id }); p.append(el("label", { class: "inline" }, c, t.name)); return c; });
      const text = area("what the responders should know, without pressure");
      p.append(field("What you tell them", text));
      p.addEventListener("input", () => doing("sharing_context"));
      p.append(el("button", { class: "primary", type: "button", on: { click: () => { const topics = boxes.filter((b) => b.checked).map((b) => b.value); if (!topics.length) { toast("Tick what you share", "bad"); return; } act({ ShareContext: { topics, text: text.value } }, { done: () => { text.value = ""; boxes.forEach((b) => { b.checked = false; }); } }); } } }, "Share"));
    },
    channel(p) {
      p.append(el("h3", { text: "Incident channel" }));
      live(p, (box) => {
        if (!status.done.history_read) box.append(el("p", { text: "Join quietly: read what has been said before you speak." }), el("button", { type: "button", on: { click: () => act("ReadHistory") } }, "Read the channel history"));
        else { const ul = el("ul"); for (const m of status.channel_history) ul.append(el("li", { text: m })); box.append(ul); }
      });
      const say = area("e.g. here is what I know about customer impact…");
      p.append(field("Post a message to the responders", say));
      say.addEventListener("input", () => doing("posting_in_channel"));
      p.append(el("button", { type: "button", on: { click: () => { if (say.value.trim()) act({ Say: say.value }, { done: () => { say.value = ""; } }); } } }, "Post"));
    },
    notes(p) {
      p.append(el("h3", { text: "Timeline notes" }));
      const moment = select(["Detection", "ResponseStart", "Diagnosis", "FixAttempt", "Decision", "Communication", "Resolution"].map((m) => [m, m]), "—");
      const text = area("what just happened");
      p.append(field("Moment", moment), field("Note", text));
      text.addEventListener("input", () => doing("taking_notes"));
      p.append(el("button", { class: "primary", type: "button", on: { click: () => { if (text.value.trim()) act({ Note: { text: text.value, moment: moment.value || null } }, { role: holds("scribe") ? "scribe" : role(), done: () => { text.value = ""; moment.value = ""; } }); } } }, "Log note"));
      live(p, (box) => { const ul = el("ul"); for (const n of status.notes.slice().reverse()) ul.append(el("li", { text: n })); box.append(ul); });
      if (status.phase === "Live" && holds("ic")) p.append(el("hr"), el("button", { type: "button", on: { click: () => act("BeginReview", { role: "ic" }) } }, "End the live phase and begin the review ▶"));
    },
    review(p) {
      doing("reviewing");
      p.append(el("h3", { text: "Rewrite blameful statements" }));
      // Redrawn only when a rewrite lands, and with the same text areas, so
      // what someone is typing survives everyone else's updates.
      const areas = {};
      let drawn = null;
      const statements = el("div"); p.append(statements);
      refreshers.push(() => {
        const key = status.review.rewritten.join();
        if (key === drawn) return;
        drawn = key;
        const box = clear(statements);
        for (const s of status.review.statements) {
          const done = status.review.rewritten.includes(s.id), t = areas[s.id] || (areas[s.id] = area("a blameless version"));
          box.append(el("div", { class: "card" }, el("p", { text: "“" + s.title + "”" }), done ? el("span", { class: "muted", text: "✔ rewritten" }) : [t, el("button", { type: "button", on: { click: () => { if (t.value.trim()) act({ Rewrite: { statement: s.id, text: t.value } }); } } }, "Save rewrite")]));
        }
      });
      live(p, (box) => {
        box.append(el("h3", { text: "So far" }), el("p", { class: "muted", text: status.review.whys.length + " whys · " + status.review.factors.length + " factors · " + status.review.action_items.length + " action items" + (status.review.impact_recorded ? " · impact recorded" : "") + (status.review.scheduled ? " · meeting " + status.review.scheduled : "") }));
      });
      const why = input("why did that happen?");
      p.append(field("Add a why", why), el("button", { type: "button", on: { click: () => { if (why.value.trim()) act({ AddWhy: why.value }, { done: () => { why.value = ""; } }); } } }, "Add why"));
      const cat = select(deck.factor_categories.map((c) => [c.id, c.name])), factor = input("a contributing factor");
      p.append(field("Factor category", cat), field("Contributing factor", factor), el("button", { type: "button", on: { click: () => { if (factor.value.trim()) act({ AddFactor: { category: cat.value, text: factor.value } }, { done: () => { factor.value = ""; } }); } } }, "Add factor"));
      const item = { description: input("what will be done"), owner: input("who"), due: el("input", { type: "date" }), tracking: input("ticket"), kind: select([["Prevent", "prevent"], ["Detect", "detect"], ["Respond", "respond"]]) };
      p.append(el("h3", { text: "Action item" }), field("Description", item.description), field("Owner", item.owner), field("Due", item.due), field("Tracking", item.tracking), field("Kind", item.kind));
      p.append(el("button", { type: "button", on: { click: () => { if (item.description.value.trim()) act({ AddActionItem: { description: item.description.value, owner: item.owner.value, due: item.due.value, tracking: item.tracking.value, kind: item.kind.value } }, { done: () => { item.description.value = ""; } }); } } }, "Add action item"));
      const imp = { users: el("input", { type: "number", min: "0" }), minutes: el("input", { type: "number", min: "0" }), revenue: el("input", { type: "number", min: "0" }), rep: input("reputation") };
      p.append(el("h3", { text: "Impact" }), field("Users affected", imp.users), field("Duration (minutes)", imp.minutes), field("Revenue lost", imp.revenue), field("Reputation", imp.rep));
      p.append(el("button", { type: "button", on: { click: () => act({ RecordImpact: { users_affected: Number(imp.users.value) || 0, duration: (Number(imp.minutes.value) || 0) + "m", revenue_lost: Number(imp.revenue.value) || 0, reputation: imp.rep.value } }) } }, "Record impact"));
      const when = input("YYYY-MM-DD HH:MM");
      p.append(el("h3", { text: "Review meeting" }), field("When", when), el("button", { type: "button", on: { click: () => { if (when.value.trim()) act({ ScheduleReview: when.value.trim() }); } } }, "Schedule"));
      if (holds("ic")) p.append(el("hr"), el("button", { class: "primary", type: "button", on: { click: () => act("FinishReview", { role: "ic" }) } }, "Finish the review ▶"));
    },
    debrief(p) {
      live(p, (box) => {
        if (!status.score) { box.append(el("p", { text: "The debrief is on the room's screen." })); return; }
        box.append(el("h3", { text: "Score " + Math.round(status.score.total) + " / 100" }));
        const ul = el("ul"); for (const [name, score] of status.score.families) ul.append(el("li", { text: name + ": " + Math.round(score) })); box.append(ul);
        box.append(el("h3", { text: "Severity calls" }));
        const calls = el("ul");
        for (const a of status.score.alignment) calls.append(el("li", { text: a.time + " " + a.by + " " + a.kind + " " + a.sev.toUpperCase() + " (declared then: " + (a.declared ? a.declared.toUpperCase() : "none") + ", truth: " + a.truth.toUpperCase() + ")" }));
        box.append(calls);
      });
    },
    fac(p) {
      p.append(el("h3", { text: "Clock" }));
      const row = el("div", { class: "row" });
      for (const s of ["paused", "x1", "x2", "x5", "x10"]) row.append(el("button", { type: "button", on: { click: () => send({ type: "speed", speed: s }) } }, s === "paused" ? "pause everyone" : "▶ " + s.slice(1) + "×"));
      row.append(el("button", { type: "button", on: { click: () => send({ type: "next_event" }) } }, "next event ▶▶"));
      p.append(row);
      live(p, (box) => {
        box.append(el("h3", { text: "Seats open" }), el("p", { text: status.connected.join(", ") || "none yet" }));
        const t = status.truth; if (!t) return;
        const truth = el("div", { class: "truth" }, el("b", { text: "The truth (only you see this): " + t.true_sev.toUpperCase() }));
        truth.append(el("h3", { text: "Not yet known" })); const ul = el("ul"); for (const f of t.hidden_facts) ul.append(el("li", { text: f })); truth.append(ul);
        truth.append(el("h3", { text: "Injects still to come" }));
        for (const i of t.upcoming) truth.append(el("div", { class: "card" }, el("b", { text: i.title }), el("p", { text: i.detail }), status.phase === "Live" ? el("button", { type: "button", on: { click: () => act({ FireInject: i.id }) } }, "Fire now") : null));
        box.append(truth);
      });
    },
  };
  function showMissing(missing) {
    const m = $("missing"); if (!m) return;
    m.className = missing.length ? "missing" : "complete";
    m.textContent = missing.length ? "missing: " + missing.join(", ") : "✔ every field of this template is filled";
  }
  document.addEventListener("visibilitychange", () => { if (document.visibilityState === "visible" && (!ws || ws.readyState > 1)) connect(); });
  connect();
})();
