// parley-chat.js: Parley's web chat client, protocol 1 (docs/chat-protocol.md). An ES module with no build step
// and no dependency; served by Parley at /chat/v1/parley-chat.js.
//
//   import { connect } from "https://parley.example.com/chat/v1/parley-chat.js";
//   const chat = connect({ url: "wss://parley.example.com/chat", getToken: async () => fetchTokenFromMyBackend() });
//   chat.on("message", (e) => console.log(e.conversation_sid, e.message.body));
//   const { conversations } = await chat.conversations();
//   await chat.send(conversations[0].sid, "Hello");
//
// The connection authenticates with the token, answers token_expiring by asking getToken for a fresh one, and
// reconnects after a drop with exponential backoff and jitter, resuming each conversation from the last message
// index it saw (no gap, no duplicate). Requests made while reconnecting wait and are sent once authenticated; a
// send keeps its client_message_id, so a send retried after a drop is stored once.

export const PROTOCOL = 1;

/** Event types the server pushes; `chat.on(type, handler)` receives the frame (snake_case, as on the wire). */
export const EVENTS = Object.freeze([
    "message", "message_updated", "message_removed", "delivery", "typing", "read",
    "participant_joined", "participant_left", "participant_updated",
    "conversation_updated", "conversation_removed", "token_expiring",
]);

/** Connection states, reported by the `state` event as `{state, previous, code, reason}`. */
export const STATES = Object.freeze({
    CONNECTING: "connecting", // opening the socket and authenticating
    CONNECTED: "connected", // authenticated: requests flow
    RECONNECTING: "reconnecting", // dropped; the next attempt is scheduled
    CLOSED: "closed", // closed by close(), or refused for good (a bad token, a protocol error)
});

// Close codes after which trying again with the same credentials cannot succeed.
const FATAL_CLOSE_CODES = new Set([4400, 4401, 4403]);
// The token itself was the problem: worth one more try with a fresh token when the page can supply one.
const TOKEN_CLOSE_CODES = new Set([4401, 4410, 4411]);

/** A refused request: Twilio's error code, the HTTP-like status and the server's message. */
export class ChatError extends Error {
    constructor(code, message, status) {
        super(message);
        this.name = "ChatError";
        this.code = code;
        this.status = status;
    }
}

/**
 * Opens a chat connection.
 *
 * options.url       the WebSocket URL (wss://host/chat); defaults to /chat on this module's own origin
 * options.token     a JWT access token, or
 * options.getToken  an async function returning a fresh token (called on connect, on token_expiring, on reconnect)
 * options.backoff   {initialMs = 1000, maxMs = 30000}: the delay doubles from initialMs to maxMs, with jitter
 * options.typingIntervalMs  the least time between two typing frames of one conversation (default 3000)
 * options.requestTimeoutMs  how long a request waits for its answer (default 30000, reconnections included)
 * options.WebSocket a WebSocket constructor (tests, other runtimes)
 */
export function connect(options) {
    const client = new ChatClient(options);
    client.open();
    return client;
}

/** One chat connection; see connect(). */
export class ChatClient {
    constructor(options = {}) {
        if (!options.token && typeof options.getToken !== "function") {
            throw new TypeError("parley-chat: give a token or a getToken function");
        }
        this.url = options.url || defaultUrl();
        this.staticToken = options.token || null;
        this.getToken = typeof options.getToken === "function" ? options.getToken : null;
        this.backoff = { initialMs: 1000, maxMs: 30000, ...(options.backoff || {}) };
        this.typingIntervalMs = options.typingIntervalMs ?? 3000;
        this.requestTimeoutMs = options.requestTimeoutMs ?? 30000;
        this.pingIntervalMs = options.pingIntervalMs ?? 25000;
        this.WebSocketImpl = options.WebSocket || globalThis.WebSocket;

        this.state = STATES.CLOSED;
        this.identity = null; // the authenticated frame
        this.socket = null;
        this.handlers = new Map();
        this.pending = new Map(); // id -> {frame, resolve, reject, timer, sent}
        this.lastIndex = new Map(); // conversation sid -> highest message index seen
        this.lastTyping = new Map(); // conversation sid -> time of the last typing frame
        this.attempt = 0;
        this.retryTimer = null;
        this.pingTimer = null;
        this.closedByUser = false;
        this.nextId = 1;
        this.token = null;
        this.freshTokenNeeded = false;
    }

    /** Subscribes to an event (one of EVENTS, "state", "authenticated" or "error"); returns the unsubscriber. */
    on(type, handler) {
        if (!this.handlers.has(type)) {
            this.handlers.set(type, new Set());
        }
        this.handlers.get(type).add(handler);
        return () => this.off(type, handler);
    }

    off(type, handler) {
        this.handlers.get(type)?.delete(handler);
    }

    /** Connects (again). connect() calls it; call it after close() to reconnect. */
    open() {
        this.closedByUser = false;
        if (this.state === STATES.CONNECTING || this.state === STATES.CONNECTED) {
            return;
        }
        this.dial();
    }

    /** Closes the connection for good; waiting requests are refused. */
    close() {
        this.closedByUser = true;
        clearTimeout(this.retryTimer);
        this.stopPing();
        if (this.socket) {
            const socket = this.socket;
            this.socket = null;
            socket.close(1000, "closed by the client");
        }
        for (const [id, request] of this.pending) {
            clearTimeout(request.timer);
            request.reject(new ChatError(0, "the connection was closed", 0));
            this.pending.delete(id);
        }
        this.setState(STATES.CLOSED, 1000, "closed by the client");
    }

    /** The identity's conversations, with unread counts: `{conversations: [...]}`. */
    conversations() {
        return this.request({ type: "conversations" });
    }

    /** `{participants: [...]}` of one conversation. */
    participants(conversationSid) {
        return this.request({ type: "participants", conversation_sid: conversationSid });
    }

    /**
     * One page of history, ascending: the newest page, or the page before `before` (a message index).
     * Resolves to `{messages, has_more}`.
     */
    async history(conversationSid, { before, pageSize } = {}) {
        const frame = { type: "history", conversation_sid: conversationSid };
        if (before !== undefined && before !== null) {
            frame.before = before;
        }
        if (pageSize) {
            frame.page_size = pageSize;
        }
        const reply = await this.request(frame);
        for (const message of reply.messages || []) {
            this.saw(conversationSid, message.index);
        }
        return reply;
    }

    /**
     * Sends a message; resolves to the stored message. `clientMessageId` defaults to a fresh one: pass the same
     * one again to retry a send that failed, and the server stores it once.
     */
    async send(conversationSid, body, { attributes, clientMessageId } = {}) {
        const frame = {
            type: "send",
            conversation_sid: conversationSid,
            client_message_id: clientMessageId || randomId(),
            body,
        };
        if (attributes !== undefined) {
            frame.attributes = typeof attributes === "string" ? attributes : JSON.stringify(attributes);
        }
        const reply = await this.request(frame);
        return reply.message;
    }

    async edit(conversationSid, messageSid, body, { attributes } = {}) {
        const frame = { type: "edit", conversation_sid: conversationSid, message_sid: messageSid, body };
        if (attributes !== undefined) {
            frame.attributes = typeof attributes === "string" ? attributes : JSON.stringify(attributes);
        }
        return (await this.request(frame)).message;
    }

    async remove(conversationSid, messageSid) {
        await this.request({ type: "delete", conversation_sid: conversationSid, message_sid: messageSid });
    }

    /** Moves the identity's read horizon to `index`; resolves to the new last_read_message_index. */
    async read(conversationSid, index) {
        const reply = await this.request({ type: "read", conversation_sid: conversationSid, index });
        return reply.last_read_message_index;
    }

    /** Tells the others the identity is typing; at most one frame per typingIntervalMs per conversation. */
    typing(conversationSid) {
        const now = Date.now();
        if (this.state !== STATES.CONNECTED || now - (this.lastTyping.get(conversationSid) || 0) < this.typingIntervalMs) {
            return false;
        }
        this.lastTyping.set(conversationSid, now);
        this.transmit({ type: "typing", conversation_sid: conversationSid });
        return true;
    }

    /** Starts a conversation with a configured chat address; resolves to the conversation. */
    async start(address, body) {
        const frame = { type: "start", address };
        if (body !== undefined && body !== null) {
            frame.body = body;
        }
        return (await this.request(frame)).conversation;
    }

    /** The highest message index seen in each conversation: what a reconnection resumes from. */
    resumePoints() {
        return Object.fromEntries(this.lastIndex);
    }

    // ---- internals ----

    request(frame) {
        return new Promise((resolve, reject) => {
            if (this.closedByUser) {
                reject(new ChatError(0, "the connection is closed", 0));
                return;
            }
            const id = "r" + this.nextId++;
            frame.id = id;
            const request = { frame, resolve, reject, sent: false };
            request.timer = setTimeout(() => {
                this.pending.delete(id);
                reject(new ChatError(0, "no answer to " + frame.type + " within " + this.requestTimeoutMs + " ms", 0));
            }, this.requestTimeoutMs);
            this.pending.set(id, request);
            if (this.state === STATES.CONNECTED) {
                request.sent = this.transmit(frame);
            }
        });
    }

    transmit(frame) {
        if (!this.socket || this.socket.readyState !== 1) {
            return false;
        }
        this.socket.send(JSON.stringify(frame));
        return true;
    }

    saw(conversationSid, index) {
        if (typeof index === "number" && index > (this.lastIndex.get(conversationSid) ?? -1)) {
            this.lastIndex.set(conversationSid, index);
        }
    }

    async dial() {
        clearTimeout(this.retryTimer);
        this.setState(STATES.CONNECTING);
        let token;
        try {
            token = await this.currentToken();
        } catch (e) {
            this.emit("error", { type: "error", code: 0, message: "getToken failed: " + (e && e.message || e) });
            this.scheduleRetry(0, "getToken failed");
            return;
        }
        if (this.closedByUser) {
            return;
        }
        this.token = token;
        let socket;
        try {
            socket = new this.WebSocketImpl(this.url);
        } catch (e) {
            this.emit("error", { type: "error", code: 0, message: "cannot open " + this.url + ": " + e.message });
            this.setState(STATES.CLOSED, 0, e.message);
            return;
        }
        this.socket = socket;
        socket.onopen = () => {
            const frame = { type: "authenticate", token, protocol: PROTOCOL };
            if (this.lastIndex.size > 0) {
                frame.resume = this.resumePoints();
            }
            socket.send(JSON.stringify(frame));
        };
        socket.onmessage = (event) => {
            if (socket === this.socket) {
                this.receive(event.data);
            }
        };
        socket.onclose = (event) => {
            if (socket === this.socket) {
                this.socket = null;
                this.dropped(event.code, event.reason);
            }
        };
        socket.onerror = () => {
            // onclose follows with the code; nothing to do here.
        };
    }

    async currentToken() {
        if (this.getToken && (this.freshTokenNeeded || !this.token || this.attempt > 0)) {
            this.freshTokenNeeded = false;
            const token = await this.getToken();
            if (!token) {
                throw new Error("getToken returned no token");
            }
            return String(token);
        }
        return this.token || this.staticToken;
    }

    receive(data) {
        let frame;
        try {
            frame = JSON.parse(data);
        } catch (e) {
            this.emit("error", { type: "error", code: 0, message: "the server sent a frame that is not JSON" });
            return;
        }
        switch (frame.type) {
            case "authenticated":
                this.identity = frame;
                this.attempt = 0;
                this.setState(STATES.CONNECTED, 0, null);
                this.emit("authenticated", frame);
                this.startPing();
                for (const request of this.pending.values()) {
                    if (request.frame === null) {
                        continue; // a ping of the previous connection
                    }
                    // Unanswered requests go again: sends keep their client_message_id, so they are stored once.
                    request.sent = this.transmit(request.frame);
                }
                return;
            case "error":
                if (frame.id && this.pending.has(frame.id)) {
                    this.settle(frame.id).reject(new ChatError(frame.code, frame.message, frame.status));
                } else {
                    this.emit("error", frame);
                }
                return;
            case "token_expiring":
                this.emit("token_expiring", frame);
                this.refreshToken();
                return;
            case "message":
            case "message_updated":
                if (frame.type === "message" && frame.message) {
                    const seen = this.lastIndex.get(frame.conversation_sid);
                    if (seen !== undefined && frame.message.index <= seen) {
                        return; // already delivered (history or an earlier connection)
                    }
                    this.saw(frame.conversation_sid, frame.message.index);
                }
                this.emit(frame.type, frame);
                return;
            case "participant_left":
                this.emit(frame.type, frame);
                return;
            case "conversation_removed":
                this.lastIndex.delete(frame.conversation_sid);
                this.emit(frame.type, frame);
                return;
            default:
                if (frame.id && this.pending.has(frame.id)) {
                    this.settle(frame.id).resolve(frame);
                } else if (frame.type !== "pong") {
                    this.emit(frame.type, frame);
                }
        }
    }

    settle(id) {
        const request = this.pending.get(id);
        this.pending.delete(id);
        clearTimeout(request.timer);
        return request;
    }

    async refreshToken() {
        if (!this.getToken) {
            return; // a fixed token: the connection closes at expiry (4410)
        }
        try {
            const token = String(await this.getToken());
            await this.request({ type: "refresh", token });
            this.token = token;
        } catch (e) {
            this.emit("error", { type: "error", code: e.code || 0, message: "token refresh failed: " + e.message });
        }
    }

    dropped(code, reason) {
        this.stopPing();
        for (const request of this.pending.values()) {
            request.sent = false;
        }
        if (this.closedByUser) {
            return;
        }
        const tokenTrouble = TOKEN_CLOSE_CODES.has(code) && this.getToken;
        // A fixed token that expired stays expired: only a page that can fetch a new one tries again.
        const expiredForGood = code === 4410 && !this.getToken;
        if (expiredForGood || FATAL_CLOSE_CODES.has(code) && !(tokenTrouble && this.attempt === 0)) {
            for (const [id, request] of this.pending) {
                clearTimeout(request.timer);
                request.reject(new ChatError(code, reason || "refused", 0));
                this.pending.delete(id);
            }
            this.closedByUser = true;
            this.setState(STATES.CLOSED, code, reason);
            return;
        }
        if (tokenTrouble) {
            this.freshTokenNeeded = true;
        }
        this.scheduleRetry(code, reason);
    }

    scheduleRetry(code, reason) {
        const base = Math.min(this.backoff.maxMs, this.backoff.initialMs * 2 ** Math.min(this.attempt, 16));
        const delay = base / 2 + Math.random() * base / 2; // jitter: clients dropped together come back apart
        this.attempt += 1;
        this.setState(STATES.RECONNECTING, code, reason);
        this.retryTimer = setTimeout(() => this.dial(), delay);
    }

    startPing() {
        this.stopPing();
        this.pingTimer = setInterval(() => {
            const socket = this.socket;
            const id = "p" + this.nextId++;
            const timer = setTimeout(() => {
                // No pong: the connection is dead without having said so; drop it and reconnect.
                if (socket === this.socket) {
                    this.socket = null;
                    socket.close(4000, "no pong");
                    this.dropped(1006, "no pong");
                }
            }, 10000);
            this.pending.set(id, {
                frame: null, timer, sent: true,
                resolve: () => {}, reject: () => {},
            });
            if (!this.transmit({ type: "ping", id })) {
                clearTimeout(timer);
                this.pending.delete(id);
            }
        }, this.pingIntervalMs);
    }

    stopPing() {
        clearInterval(this.pingTimer);
        this.pingTimer = null;
        for (const [id, request] of this.pending) {
            if (request.frame === null) {
                clearTimeout(request.timer);
                this.pending.delete(id);
            }
        }
    }

    setState(state, code, reason) {
        if (state === this.state && state !== STATES.RECONNECTING) {
            return;
        }
        const previous = this.state;
        this.state = state;
        this.emit("state", { type: "state", state, previous, code: code || 0, reason: reason || null });
    }

    emit(type, frame) {
        for (const handler of [...(this.handlers.get(type) || [])]) {
            try {
                handler(frame);
            } catch (e) {
                setTimeout(() => { throw e; });
            }
        }
    }
}

function defaultUrl() {
    const origin = new URL(import.meta.url);
    return (origin.protocol === "https:" ? "wss://" : "ws://") + origin.host + "/chat";
}

function randomId() {
    if (globalThis.crypto && typeof globalThis.crypto.randomUUID === "function") {
        return globalThis.crypto.randomUUID();
    }
    let id = "";
    for (let i = 0; i < 32; i++) {
        id += Math.floor(Math.random() * 16).toString(16);
    }
    return id;
}
