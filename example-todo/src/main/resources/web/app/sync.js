// Keeps the local copy in step with the server: clone once, then pull after each WebSocket cursor frame and on
// every (re)connect; pushes the outbox first, so the server has this browser's writes before it is asked for
// its news. Writes carry a stable clientId and their own mutationId: a push retried after a lost answer is
// answered from the first one (deduped), never applied twice.
import { ApiError, Unreachable } from "./api.js";
import { TABLES } from "./store.js";

const PUSH_BATCH = 100;

/** A status the server may answer while it stops, is overloaded or restarts: try again later. */
const transient = (e) => e instanceof Unreachable || (e instanceof ApiError && [408, 429, 502, 503, 504].includes(e.status));

/**
 * @param {object} o
 * @param {ReturnType<import("./api.js").api>} o.api the protocol client
 * @param {Awaited<ReturnType<import("./store.js").openStore>>} o.store the local copy
 * @param {(state: object) => void} o.onState called after each change of state or of the local copy
 * @param {(refusals: {mutation: object, error: object}[]) => void} o.onRefused writes the server refused
 * @param {(error: ApiError) => void} o.onUnauthorized the token is no longer accepted
 */
export function createSync({ api, store, onState, onRefused, onUnauthorized }) {
  const state = { connection: "connecting", syncing: false, pending: 0, serverSeq: 0, lastError: null };
  let wanted = false;
  let running = null;
  let socket = null;
  let reconnects = 0;
  let stopped = false;

  async function publish() {
    state.pending = (await store.outbox()).length;
    onState({ ...state });
  }

  async function pushOutbox() {
    const acknowledged = [];
    const outbox = await store.outbox();
    for (let i = 0; i < outbox.length; i += PUSH_BATCH) {
      const batch = outbox.slice(i, i + PUSH_BATCH);
      const answer = await api.push(batch);
      const refused = [];
      answer.results.forEach((result, j) => {
        if (result.ok) acknowledged.push(batch[j].mutationId);
        else refused.push({ mutation: batch[j], error: result.error });
      });
      if (refused.length) {
        // Refused for what they are (too long, not allowed, gone): sending them again would be refused again.
        await store.drop(refused.map((r) => r.mutation.mutationId));
        onRefused(refused);
      }
    }
    return acknowledged;
  }

  async function catchUp(acknowledged) {
    let cursors = await store.cursors();
    if (!cursors) {
      const clone = await api.clone(TABLES);
      await store.replaceAll(clone.data, clone.cursors);
      await store.drop(acknowledged);
      cursors = clone.cursors;
    } else {
      let more = true;
      while (more) {
        let page;
        try {
          page = await api.pull(cursors);
        } catch (e) {
          if (e instanceof ApiError && e.code === "CURSOR_EXPIRED") {
            await store.replaceAll({}, null);
            return catchUp(acknowledged);
          }
          throw e;
        }
        // The acknowledged writes leave the outbox in the transaction that stores their effect, so the page
        // never shows the row without them in between.
        await store.applyPull(page.records, page.cursors, acknowledged);
        acknowledged = [];
        cursors = page.cursors;
        more = page.hasMore;
      }
    }
    state.serverSeq = Math.max(0, ...Object.values(cursors).map(Number));
  }

  async function run() {
    while (wanted && !stopped) {
      wanted = false;
      state.syncing = true;
      await publish();
      try {
        await catchUp(await pushOutbox());
        state.lastError = null;
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) {
          onUnauthorized(e);
        } else if (!transient(e)) {
          state.lastError = e.message;
        }
        // Unreachable: the socket's reconnect asks again once the server is back.
        break;
      } finally {
        state.syncing = false;
        await publish();
      }
    }
    running = null;
    // Asked again while the last round was ending (after a failure, say a token refreshed meanwhile): run again.
    if (wanted && !stopped) running = run();
  }

  /** Asks for a sync: one runs now, or again right after the one under way. */
  function request() {
    wanted = true;
    if (!running) running = run();
    return running;
  }

  function connect() {
    if (stopped) return;
    socket = new WebSocket(api.socketUrl());
    socket.onopen = () => {
      reconnects = 0;
      state.connection = "online";
      publish();
    };
    socket.onmessage = (event) => {
      const frame = JSON.parse(event.data);
      // The hello after a (re)connect always syncs: the outbox may hold writes made while offline.
      if (frame.type === "hello" || (frame.type === "cursor" && frame.serverSeq > state.serverSeq)) request();
    };
    socket.onclose = () => {
      state.connection = "offline";
      publish();
      if (stopped) return;
      const delay = Math.min(5000, 500 * 2 ** reconnects++) * (0.75 + Math.random() / 2);
      setTimeout(connect, delay);
    };
  }

  return {
    state: () => ({ ...state }),

    /** Starts: shows the local copy, connects, and syncs once connected. */
    start() {
      publish();
      connect();
    },

    /** Queues a write, shows it at once and pushes it when the server is reachable. */
    async write(mutation) {
      await store.enqueue(mutation);
      await publish();
      if (state.connection === "online") request();
    },

    /** Syncs again, e.g. with a new token. */
    resync: () => request(),

    /** Another tab of this browser changed the shared copy. */
    changedElsewhere: () => publish(),

    stop() {
      stopped = true;
      socket?.close();
    },
  };
}
