// widget.js: Parley's chat widget. One tag puts a chat button on any page:
//
//   <script src="https://parley.example.com/chat/v1/widget.js" data-token-url="/my/token"
//           data-address="support" async></script>
//
// data-token-url  GET on the page's own backend, answering JSON {"token": "..."} or the token as plain text;
//                 called again whenever the connection needs a fresh token
// data-address    the chat address to start a conversation with when the identity has none yet (optional)
// data-token      a fixed token instead of data-token-url (demos: it cannot be refreshed)
// data-url        the WebSocket URL; by default /chat on the origin this script came from
// data-title      the panel's title (default "Chat")
//
// The widget opens the identity's most recent conversation, shows its history (older pages on scroll), each of the
// identity's own messages with its delivery state, who is typing, who has read, and who is in the thread on which
// channel. It lives in a shadow root, so the page's styles do not reach it. A classic script (not a module): it
// finds its own tag through document.currentScript and loads parley-chat.js beside it.
(function () {
    "use strict";
    const script = document.currentScript;
    if (!script || window.__parleyChatWidget) {
        return;
    }
    const config = {
        tokenUrl: script.dataset.tokenUrl || null,
        token: script.dataset.token || null,
        address: script.dataset.address || null,
        title: script.dataset.title || "Chat",
        url: script.dataset.url || null,
    };
    const base = new URL(".", script.src);
    if (!config.url) {
        config.url = (base.protocol === "https:" ? "wss://" : "ws://") + base.host + "/chat";
    }
    window.__parleyChatWidget = true;

    const CHANNELS = { chat: "Chat", sms: "SMS", whatsapp: "WhatsApp" };
    const STATUS_TEXT = {
        sending: "Sending", sent: "Sent", delivered: "Delivered", read: "Read", failed: "Not delivered",
    };
    const TYPING_SHOWN_MS = 5000;

    const STYLE = `
:host { all: initial; }
* { box-sizing: border-box; }
[hidden] { display: none !important; }
.root {
  --bg: #ffffff; --fg: #1b1b1f; --muted: #4d4d57; --border: #8a8a96; --accent: #1d4ed8; --accent-fg: #ffffff;
  --mine: #1d4ed8; --mine-fg: #ffffff; --theirs: #eceef3; --theirs-fg: #1b1b1f; --focus: #b45309; --error: #b3261e;
  font: 15px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg);
}
@media (prefers-color-scheme: dark) {
  .root {
    --bg: #17181c; --fg: #f1f1f4; --muted: #c3c3cc; --border: #6e6e7a; --accent: #93b4ff; --accent-fg: #0b1020;
    --mine: #274aa8; --mine-fg: #ffffff; --theirs: #2a2c33; --theirs-fg: #f1f1f4; --focus: #fbbf24;
    --error: #ffb4ab;
  }
}
button, textarea { font: inherit; color: inherit; }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
.launcher {
  position: fixed; right: 20px; bottom: 20px; z-index: 2147483000; border: 0; border-radius: 28px;
  padding: 14px 20px; background: var(--accent); color: var(--accent-fg); cursor: pointer;
  box-shadow: 0 4px 14px rgba(0,0,0,.3); font-weight: 600;
}
.badge {
  display: inline-block; min-width: 1.5em; margin-left: .5em; padding: 0 .4em; border-radius: 1em;
  background: var(--accent-fg); color: var(--accent); font-size: .85em; text-align: center;
}
.panel {
  position: fixed; right: 20px; bottom: 20px; z-index: 2147483001; width: 380px; height: min(620px, 90vh);
  display: flex; flex-direction: column; background: var(--bg); color: var(--fg);
  border: 1px solid var(--border); border-radius: 12px; box-shadow: 0 8px 30px rgba(0,0,0,.35); overflow: hidden;
}
@media (max-width: 480px) {
  .panel { inset: 0; width: 100%; height: 100%; border-radius: 0; border: 0; }
}
header { display: flex; align-items: flex-start; gap: 8px; padding: 12px 14px; border-bottom: 1px solid var(--border); }
header h2 { margin: 0; font-size: 1.05em; }
.heading { flex: 1; min-width: 0; }
.people { margin: 4px 0 0; padding: 0; list-style: none; display: flex; flex-wrap: wrap; gap: 4px 10px;
  color: var(--muted); font-size: .85em; }
.close { border: 1px solid var(--border); background: transparent; border-radius: 8px; padding: 4px 10px;
  cursor: pointer; }
.connection { padding: 4px 14px; font-size: .85em; color: var(--muted); }
.connection:empty { display: none; }
.log { flex: 1; overflow-y: auto; padding: 10px 14px; }
.older { display: block; margin: 0 auto 10px; border: 1px solid var(--border); background: transparent;
  border-radius: 8px; padding: 4px 10px; cursor: pointer; }
.messages { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 8px; }
.message { max-width: 85%; padding: 8px 10px; border-radius: 10px; background: var(--theirs); color: var(--theirs-fg);
  align-self: flex-start; white-space: pre-wrap; overflow-wrap: anywhere; }
.message.mine { align-self: flex-end; background: var(--mine); color: var(--mine-fg); }
.meta { display: block; font-size: .8em; margin-bottom: 2px; font-weight: 600; }
.status { display: block; font-size: .8em; margin-top: 2px; text-align: right; }
.status[data-status="failed"] { font-weight: 700; }
.empty { color: var(--muted); text-align: center; }
.typing { min-height: 1.4em; padding: 0 14px; font-size: .85em; color: var(--muted); }
form { display: flex; gap: 8px; padding: 10px 14px; border-top: 1px solid var(--border); }
textarea { flex: 1; resize: none; height: 2.6em; padding: 8px; border: 1px solid var(--border); border-radius: 8px;
  background: var(--bg); }
.send { border: 0; border-radius: 8px; padding: 0 16px; background: var(--accent); color: var(--accent-fg);
  cursor: pointer; font-weight: 600; }
.send:disabled { opacity: .6; cursor: default; }
.problem { color: var(--error); padding: 4px 14px; font-size: .85em; }
.problem:empty { display: none; }
.visually-hidden { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden;
  clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
`;

    const host = document.createElement("div");
    host.setAttribute("data-parley-chat", "");
    // Open, so that assistive technology and test tools see inside; the page's CSS still cannot reach in.
    const shadow = host.attachShadow({ mode: "open" });
    shadow.innerHTML = `<style>${STYLE}</style>
<aside class="root" aria-label="${escapeHtml(config.title)}">
  <button type="button" class="launcher" aria-haspopup="dialog" aria-expanded="false" aria-controls="parley-panel">
    <span class="launcher-text">${escapeHtml(config.title)}</span><span class="badge" hidden></span>
  </button>
  <section class="panel" id="parley-panel" role="dialog" aria-modal="true" aria-labelledby="parley-title" hidden>
    <header>
      <div class="heading">
        <h2 id="parley-title">${escapeHtml(config.title)}</h2>
        <ul class="people" aria-label="People in this conversation"></ul>
      </div>
      <button type="button" class="close" aria-label="Close chat">Close</button>
    </header>
    <div class="connection" role="status"></div>
    <div class="log" tabindex="0" role="region" aria-label="Messages">
      <button type="button" class="older" hidden>Load earlier messages</button>
      <ol class="messages"></ol>
    </div>
    <div class="typing" aria-hidden="true"></div>
    <div class="problem" role="alert"></div>
    <form>
      <label class="visually-hidden" for="parley-input">Message</label>
      <textarea id="parley-input" rows="1" placeholder="Write a message" autocomplete="off"></textarea>
      <button type="submit" class="send">Send</button>
    </form>
    <div class="visually-hidden announcer" aria-live="polite" aria-atomic="false"></div>
  </section>
</aside>`;

    const $ = (selector) => shadow.querySelector(selector);
    const ui = {
        launcher: $(".launcher"), badge: $(".badge"), panel: $(".panel"), close: $(".close"), people: $(".people"),
        connection: $(".connection"), log: $(".log"), older: $(".older"), messages: $(".messages"),
        typing: $(".typing"), problem: $(".problem"), form: $("form"), input: $("textarea"), send: $(".send"),
        announcer: $(".announcer"),
    };

    const state = {
        chat: null,
        me: null, // the authenticated frame
        conversation: null,
        participants: new Map(), // sid -> participant
        messages: new Map(), // sid -> {message, element, pending, failed}
        pendingSends: new Map(), // client_message_id -> element
        firstIndex: null,
        lastIndex: null,
        hasMore: false,
        loadingOlder: false,
        typers: new Map(), // identity -> timer
        unread: 0,
        opened: false,
        ready: null,
    };

    function mount() {
        (document.body || document.documentElement).appendChild(host);
    }
    if (document.body) {
        mount();
    } else {
        document.addEventListener("DOMContentLoaded", mount);
    }

    // ---- opening, closing, keyboard ----

    ui.launcher.addEventListener("click", () => openPanel());
    ui.close.addEventListener("click", () => closePanel());
    ui.panel.addEventListener("keydown", (event) => {
        if (event.key === "Escape") {
            event.preventDefault();
            closePanel();
        } else if (event.key === "Tab") {
            trapFocus(event);
        }
    });
    ui.input.addEventListener("keydown", (event) => {
        if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
            event.preventDefault();
            ui.form.requestSubmit();
        }
    });
    ui.input.addEventListener("input", () => {
        if (state.chat && state.conversation && ui.input.value.trim()) {
            state.chat.typing(state.conversation.sid);
        }
    });
    ui.form.addEventListener("submit", (event) => {
        event.preventDefault();
        const body = ui.input.value.trim();
        if (body) {
            ui.input.value = "";
            send(body);
        }
    });
    ui.older.addEventListener("click", () => loadOlder());
    ui.log.addEventListener("scroll", () => {
        if (ui.log.scrollTop < 40 && state.hasMore) {
            loadOlder();
        }
        markRead();
    });
    document.addEventListener("visibilitychange", () => markRead());

    function openPanel() {
        state.opened = true;
        ui.panel.hidden = false;
        ui.launcher.hidden = true;
        ui.launcher.setAttribute("aria-expanded", "true");
        state.unread = 0;
        showBadge();
        ui.input.focus();
        start().then(() => {
            scrollToEnd();
            markRead();
        });
    }

    function closePanel() {
        state.opened = false;
        ui.panel.hidden = true;
        ui.launcher.hidden = false;
        ui.launcher.setAttribute("aria-expanded", "false");
        ui.launcher.focus();
    }

    function trapFocus(event) {
        const focusable = [...ui.panel.querySelectorAll("button, textarea, [tabindex='0']")]
            .filter((el) => !el.hidden && !el.disabled && el.offsetParent !== null);
        if (focusable.length === 0) {
            return;
        }
        const first = focusable[0];
        const last = focusable[focusable.length - 1];
        const active = shadow.activeElement;
        if (event.shiftKey && (active === first || !ui.panel.contains(active))) {
            event.preventDefault();
            last.focus();
        } else if (!event.shiftKey && (active === last || !ui.panel.contains(active))) {
            event.preventDefault();
            first.focus();
        }
    }

    // ---- the connection ----

    async function fetchToken() {
        if (config.token) {
            return config.token;
        }
        if (!config.tokenUrl) {
            throw new Error("the widget needs data-token-url (or data-token)");
        }
        const response = await fetch(config.tokenUrl, { credentials: "same-origin", cache: "no-store" });
        if (!response.ok) {
            throw new Error("the token URL answered " + response.status);
        }
        const text = (await response.text()).trim();
        if (text.startsWith("{")) {
            const token = JSON.parse(text).token;
            if (!token) {
                throw new Error("the token URL's JSON has no token");
            }
            return token;
        }
        return text;
    }

    function start() {
        if (!state.ready) {
            state.ready = connectAndLoad().catch((e) => {
                state.ready = null;
                problem("Chat is unavailable: " + e.message);
                throw e;
            });
        }
        return state.ready.catch(() => {});
    }

    async function connectAndLoad() {
        const module = await import(new URL("parley-chat.js", base).href);
        const chat = module.connect({ url: config.url, getToken: fetchToken });
        state.chat = chat;
        chat.on("state", (e) => {
            const text = {
                connecting: "Connecting…", reconnecting: "Reconnecting…", connected: "",
                closed: e.code && e.code !== 1000 ? "Disconnected (" + (e.reason || e.code) + ")" : "Disconnected",
            };
            ui.connection.textContent = text[e.state] ?? "";
            ui.send.disabled = e.state === "closed";
        });
        chat.on("authenticated", (frame) => {
            const again = state.me !== null;
            state.me = frame;
            if (again && state.conversation) {
                // Resume replays messages only: receipts, read horizons and participants may have moved meanwhile.
                refresh(state.conversation.sid);
            }
        });
        chat.on("message", (e) => onMessage(e));
        chat.on("message_updated", (e) => onMessage(e));
        chat.on("message_removed", (e) => {
            if (isCurrent(e)) {
                state.messages.get(e.message_sid)?.element.remove();
                state.messages.delete(e.message_sid);
            }
        });
        chat.on("delivery", (e) => {
            const entry = isCurrent(e) && state.messages.get(e.message_sid);
            if (entry && e.delivery) {
                entry.message.delivery = e.delivery;
                renderStatus(entry);
            }
        });
        chat.on("read", (e) => {
            if (!isCurrent(e)) {
                return;
            }
            const participant = state.participants.get(e.participant_sid);
            if (participant) {
                participant.last_read_message_index = e.last_read_message_index;
            }
            renderAllStatuses();
        });
        chat.on("typing", (e) => {
            if (isCurrent(e) && e.identity !== myIdentity()) {
                showTyping(e.identity || nameOf(state.participants.get(e.participant_sid)));
            }
        });
        chat.on("participant_joined", (e) => {
            if (!state.conversation && e.conversation && e.participant && e.participant.identity === myIdentity()) {
                // Someone added this identity to a conversation while it had none: show it.
                showConversation(e.conversation).catch(() => {});
                return;
            }
            onParticipant(e);
        });
        chat.on("participant_updated", (e) => onParticipant(e));
        chat.on("participant_left", (e) => {
            if (isCurrent(e)) {
                state.participants.delete(e.participant_sid);
                renderPeople();
            }
        });
        chat.on("conversation_updated", (e) => {
            if (isCurrent(e) && e.conversation) {
                state.conversation = { ...state.conversation, ...e.conversation };
                renderComposer();
            }
        });
        chat.on("conversation_removed", (e) => {
            if (isCurrent(e)) {
                state.conversation = null;
                clearThread();
                renderComposer();
            }
        });

        const { conversations } = await chat.conversations();
        const current = mostRecent(conversations || []);
        if (current) {
            await showConversation(current);
        } else {
            renderEmpty();
        }
    }

    function mostRecent(conversations) {
        const open = conversations.filter((c) => c.state !== "closed");
        const candidates = open.length ? open : (config.address ? [] : conversations);
        return candidates.sort((a, b) => activity(b).localeCompare(activity(a)))[0] || null;
    }

    function activity(conversation) {
        return conversation.date_updated || conversation.date_created || "";
    }

    async function showConversation(conversation) {
        clearThread();
        state.conversation = conversation;
        renderComposer();
        const [people, page] = await Promise.all([
            state.chat.participants(conversation.sid),
            state.chat.history(conversation.sid, { pageSize: 30 }),
        ]);
        for (const participant of people.participants || []) {
            state.participants.set(participant.sid, participant);
        }
        renderPeople();
        state.hasMore = !!page.has_more;
        ui.older.hidden = !state.hasMore;
        for (const message of page.messages || []) {
            upsert(message, false);
        }
        if (!page.messages || page.messages.length === 0) {
            renderEmpty();
        }
        scrollToEnd();
        markRead();
    }

    async function refresh(conversationSid) {
        try {
            const [people, page] = await Promise.all([
                state.chat.participants(conversationSid),
                state.chat.history(conversationSid, { pageSize: 30 }),
            ]);
            if (!state.conversation || state.conversation.sid !== conversationSid) {
                return;
            }
            state.participants.clear();
            for (const participant of people.participants || []) {
                state.participants.set(participant.sid, participant);
            }
            renderPeople();
            for (const message of page.messages || []) {
                upsert(message, false);
            }
        } catch (e) {
            // The next event or reconnection tries again.
        }
    }

    async function loadOlder() {
        if (state.loadingOlder || !state.hasMore || !state.conversation || state.firstIndex === null) {
            return;
        }
        state.loadingOlder = true;
        const height = ui.log.scrollHeight;
        try {
            const page = await state.chat.history(state.conversation.sid, { before: state.firstIndex, pageSize: 30 });
            for (const message of (page.messages || []).slice().reverse()) {
                upsert(message, false);
            }
            state.hasMore = !!page.has_more;
            ui.older.hidden = !state.hasMore;
            ui.log.scrollTop = ui.log.scrollHeight - height; // keep the reader's place
        } catch (e) {
            problem("Could not load earlier messages: " + e.message);
        } finally {
            state.loadingOlder = false;
        }
    }

    async function send(body) {
        problem("");
        await start();
        if (!state.chat) {
            return;
        }
        if (!state.conversation) {
            if (!config.address) {
                problem("There is no conversation to write in yet.");
                return;
            }
            try {
                // The first message starts the conversation with the configured chat address.
                const conversation = await state.chat.start(config.address, body);
                await showConversation(conversation);
            } catch (e) {
                problem("Could not start the conversation: " + e.message);
            }
            return;
        }
        const clientMessageId = newId();
        sendWith(body, clientMessageId);
    }

    async function sendWith(body, clientMessageId) {
        const conversationSid = state.conversation.sid;
        const element = pendingElement(body, clientMessageId);
        try {
            const message = await state.chat.send(conversationSid, body, { clientMessageId });
            state.pendingSends.delete(clientMessageId);
            element.remove();
            if (state.conversation && state.conversation.sid === conversationSid) {
                upsert(message, true);
                markRead();
            }
        } catch (e) {
            const status = element.querySelector(".status");
            status.dataset.status = "failed";
            status.textContent = "Not sent: " + e.message + " ";
            const retry = document.createElement("button");
            retry.type = "button";
            retry.className = "older";
            retry.textContent = "Retry";
            retry.addEventListener("click", () => {
                element.remove();
                state.pendingSends.delete(clientMessageId);
                sendWith(body, clientMessageId); // the same id: stored once even if the first try was
            });
            status.appendChild(retry);
        }
    }

    function pendingElement(body, clientMessageId) {
        removeEmpty();
        const li = document.createElement("li");
        li.className = "message mine";
        li.dataset.clientMessageId = clientMessageId;
        li.innerHTML = `<span class="visually-hidden">You: </span><span class="body"></span>`
            + `<span class="status" data-status="sending">${STATUS_TEXT.sending}</span>`;
        li.querySelector(".body").textContent = body;
        ui.messages.appendChild(li);
        state.pendingSends.set(clientMessageId, li);
        scrollToEnd();
        return li;
    }

    // ---- events ----

    function isCurrent(event) {
        return state.conversation && event.conversation_sid === state.conversation.sid;
    }

    function onMessage(event) {
        if (!state.conversation) {
            return;
        }
        if (!isCurrent(event)) {
            return;
        }
        const message = event.message;
        const known = state.messages.has(message.sid);
        const pending = message.client_message_id && state.pendingSends.get(message.client_message_id);
        if (pending) {
            pending.remove();
            state.pendingSends.delete(message.client_message_id);
        }
        upsert(message, event.type === "message");
        if (!known && event.type === "message" && !isMine(message)) {
            announce(message);
            clearTyping(authorName(message));
            if (!state.opened || document.hidden) {
                state.unread += 1;
                showBadge();
            }
            markRead();
        }
    }

    function onParticipant(event) {
        if (!isCurrent(event) || !event.participant) {
            return;
        }
        state.participants.set(event.participant.sid, event.participant);
        renderPeople();
        renderAllStatuses();
    }

    // ---- rendering ----

    function upsert(message, atEnd) {
        removeEmpty();
        let entry = state.messages.get(message.sid);
        if (!entry) {
            const li = document.createElement("li");
            entry = { message, element: li };
            state.messages.set(message.sid, entry);
            placeByIndex(li, message.index);
        }
        entry.message = message;
        const li = entry.element;
        const mine = isMine(message);
        li.className = "message" + (mine ? " mine" : "");
        li.dataset.sid = message.sid;
        li.dataset.index = message.index;
        li.innerHTML = "";
        const meta = document.createElement("span");
        meta.className = mine ? "visually-hidden" : "meta";
        meta.textContent = mine ? "You: " : authorLabel(message);
        const body = document.createElement("span");
        body.className = "body";
        body.textContent = message.body ?? "";
        li.append(meta, body);
        if (mine) {
            const status = document.createElement("span");
            status.className = "status";
            li.appendChild(status);
            renderStatus(entry);
        }
        if (state.firstIndex === null || message.index < state.firstIndex) {
            state.firstIndex = message.index;
        }
        if (state.lastIndex === null || message.index > state.lastIndex) {
            state.lastIndex = message.index;
            if (atEnd) {
                scrollToEnd();
            }
        }
    }

    function placeByIndex(li, index) {
        const after = [...ui.messages.children].find((el) => el.dataset.index !== undefined
            && Number(el.dataset.index) > index);
        ui.messages.insertBefore(li, after || firstPending());
    }

    function firstPending() {
        return [...ui.messages.children].find((el) => el.dataset.clientMessageId) || null;
    }

    function renderStatus(entry) {
        const status = entry.element.querySelector(".status");
        if (!status) {
            return;
        }
        const value = deliveryState(entry.message);
        status.dataset.status = value;
        status.textContent = STATUS_TEXT[value];
    }

    function renderAllStatuses() {
        for (const entry of state.messages.values()) {
            if (isMine(entry.message)) {
                renderStatus(entry);
            }
        }
    }

    /**
     * One word for a message of one's own. The delivery summary says, for each state, whether "all", "some" or
     * "none" of the message's SMS/WhatsApp recipients are in it. Failed when any copy failed; read when every
     * handset read it or another chat participant's read horizon passed it; delivered when every copy arrived;
     * else sent.
     */
    function deliveryState(message) {
        const d = message.delivery;
        if (d && (share(d.failed, d.total) !== "none" || share(d.undelivered, d.total) !== "none")) {
            return "failed";
        }
        const readByChat = [...state.participants.values()].some((p) => p.sid !== message.participant_sid
            && p.identity && p.identity !== myIdentity() && typeof p.last_read_message_index === "number"
            && p.last_read_message_index >= message.index);
        if (readByChat || (d && share(d.read, d.total) === "all")) {
            return "read";
        }
        if (d && (share(d.delivered, d.total) === "all"
                || share(d.delivered, d.total) !== "none" && share(d.read, d.total) !== "none")) {
            return "delivered";
        }
        return "sent";
    }

    /** "all", "some" or "none", from the summary's word (or a count, as some servers send). */
    function share(value, total) {
        if (typeof value === "number") {
            return value === 0 ? "none" : value >= total ? "all" : "some";
        }
        return value || "none";
    }

    function renderPeople() {
        ui.people.innerHTML = "";
        const people = [...state.participants.values()].sort((a, b) => (a.date_created || "")
            .localeCompare(b.date_created || ""));
        for (const participant of people) {
            const li = document.createElement("li");
            li.dataset.channel = participant.channel;
            li.textContent = (participant.identity === myIdentity() ? "You" : nameOf(participant))
                + " (" + (CHANNELS[participant.channel] || participant.channel) + ")";
            ui.people.appendChild(li);
        }
    }

    function renderEmpty() {
        if (ui.messages.children.length === 0) {
            const li = document.createElement("li");
            li.className = "empty";
            li.textContent = state.conversation ? "No messages yet." : config.address
                ? "Write a message to start a conversation." : "No conversation yet.";
            ui.messages.appendChild(li);
        }
        renderComposer();
    }

    function removeEmpty() {
        ui.messages.querySelector(".empty")?.remove();
    }

    function renderComposer() {
        const closed = state.conversation && state.conversation.state === "closed";
        ui.input.disabled = !!closed;
        ui.send.disabled = !!closed;
        if (closed) {
            problem("This conversation is closed.");
        }
    }

    function clearThread() {
        state.messages.clear();
        state.participants.clear();
        state.pendingSends.clear();
        state.firstIndex = null;
        state.lastIndex = null;
        state.hasMore = false;
        ui.messages.innerHTML = "";
        ui.people.innerHTML = "";
        ui.older.hidden = true;
    }

    function showTyping(name) {
        if (!name) {
            return;
        }
        clearTimeout(state.typers.get(name));
        state.typers.set(name, setTimeout(() => clearTyping(name), TYPING_SHOWN_MS));
        renderTyping();
    }

    function clearTyping(name) {
        if (state.typers.has(name)) {
            clearTimeout(state.typers.get(name));
            state.typers.delete(name);
            renderTyping();
        }
    }

    function renderTyping() {
        const names = [...state.typers.keys()];
        ui.typing.textContent = names.length === 0 ? ""
            : names.join(", ") + (names.length === 1 ? " is typing…" : " are typing…");
    }

    function announce(message) {
        const line = document.createElement("p");
        line.textContent = authorName(message) + ": " + (message.body ?? "");
        ui.announcer.appendChild(line);
        while (ui.announcer.children.length > 5) {
            ui.announcer.firstChild.remove();
        }
    }

    function showBadge() {
        ui.badge.hidden = state.unread === 0;
        ui.badge.textContent = String(state.unread);
        ui.launcher.setAttribute("aria-label", config.title + (state.unread ? ", " + state.unread + " unread" : ""));
    }

    function problem(text) {
        ui.problem.textContent = text;
    }

    function scrollToEnd() {
        ui.log.scrollTop = ui.log.scrollHeight;
    }

    let lastRead = -1;
    function markRead() {
        if (!state.opened || document.hidden || !state.chat || !state.conversation || state.lastIndex === null
                || state.lastIndex <= lastRead) {
            return;
        }
        const index = state.lastIndex;
        lastRead = index;
        state.chat.read(state.conversation.sid, index).catch(() => {
            lastRead = -1;
        });
    }

    // ---- names ----

    function myIdentity() {
        return state.me ? state.me.identity : null;
    }

    function isMine(message) {
        const me = myIdentity();
        if (!me) {
            return false;
        }
        const participant = state.participants.get(message.participant_sid);
        return participant ? participant.identity === me : message.author === me;
    }

    function nameOf(participant) {
        if (!participant) {
            return "Someone";
        }
        return participant.identity || participant.address || participant.sid;
    }

    function authorName(message) {
        const participant = state.participants.get(message.participant_sid);
        return participant ? nameOf(participant) : (message.author || "Someone");
    }

    function authorLabel(message) {
        const participant = state.participants.get(message.participant_sid);
        const channel = participant && CHANNELS[participant.channel];
        return authorName(message) + (channel ? " · " + channel : "");
    }

    function newId() {
        return globalThis.crypto && globalThis.crypto.randomUUID ? globalThis.crypto.randomUUID()
            : String(Date.now()) + Math.random().toString(16).slice(2);
    }

    function escapeHtml(text) {
        return String(text).replace(/[&<>"']/g, (c) => ({
            "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;",
        })[c]);
    }

    // Without a page reload the widget connects on first open; with unread history it shows a badge after that.
    window.ParleyChat = { open: openPanel, close: closePanel };
})();
