// The DataFn protocol client: JSON over fetch, with the bearer token, answering the envelope's result.

/** The server answered with an error envelope: `status`, `code`, `message`, `path`. */
export class ApiError extends Error {
  constructor(status, error) {
    super(error?.message || `HTTP ${status}`);
    this.status = status;
    this.code = error?.code || "HTTP_" + status;
    this.path = error?.path;
  }
}

/** The server could not be reached (it is down, or this browser is offline). */
export class Unreachable extends Error {}

/**
 * @param {string} base the protocol's URL, e.g. "/datafn"
 * @param {() => string} token the current bearer token
 */
export function api(base, token) {
  /** @return the envelope's result (a push's holds each write's outcome, refused ones too) */
  async function post(path, body) {
    let response;
    try {
      response = await fetch(base + path, {
        method: "POST",
        headers: { "Content-Type": "application/json", Authorization: "Bearer " + token() },
        body: JSON.stringify(body),
        cache: "no-store",
      });
    } catch (e) {
      throw new Unreachable(e.message);
    }
    let envelope = null;
    try {
      envelope = await response.json();
    } catch {
      // A proxy's or a stopping server's page: not the protocol's envelope.
    }
    if (response.status >= 500 && !envelope?.error) throw new Unreachable(`HTTP ${response.status}`);
    // A push answers 200 with ok false when one of its writes is refused: the results say which.
    if (!response.ok || !envelope || envelope.error) throw new ApiError(response.status, envelope?.error);
    return envelope.result;
  }
  return {
    clone: (tables) => post("/clone", { version: 1, tables }),
    pull: (cursors) => post("/pull", { version: 1, cursors }),
    push: (mutations) => post("/push", { version: 1, mutations }),
    search: (query) =>
      post("/search", { query, resources: ["todos"], prefix: true, limit: 100 }).then((result) => result.results),
    socketUrl: () => {
      const url = new URL(base + "/ws", location.href);
      url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
      url.searchParams.set("token", token());
      return url.toString();
    },
  };
}

/** Asks the server for a development token; null when the server has no development sign-in (404). */
export async function developmentToken(user, admin) {
  const response = await fetch("/dev/token", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ user, admin }),
  });
  if (response.status === 404) return null;
  const envelope = await response.json();
  if (!envelope.ok) throw new ApiError(response.status, envelope.error);
  return envelope.result.token;
}
