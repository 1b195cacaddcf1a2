// The page: sign-in, the todo list with its filters, sort and search, editing, projects and tags, sync state.
import { api, developmentToken } from "./api.js";
import { openStore } from "./store.js";
import { createSync } from "./sync.js";
import { h, newId, reconcile } from "./dom.js";

const $ = (id) => document.getElementById(id);
const SESSION = "datafn-todo.session";
const CLIENT = "datafn-todo.clientId";
/** Refreshed this long before a development token expires (an hour), while the page stays open. */
const DEV_REFRESH_MS = 50 * 60 * 1000;

/** One id per browser profile: the idempotency keys' clientId. */
const clientId = localStorage.getItem(CLIENT) || newId("web");
localStorage.setItem(CLIENT, clientId);

let session = JSON.parse(localStorage.getItem(SESSION) || "null");
let store = null;
let sync = null;
let refreshTimer = null;
let view = { todos: new Map(), projects: new Map(), tags: new Map() };
let editingId = null;
let searchHits = null; // null: no search; else the ids found
const channel = new BroadcastChannel("datafn-todo");

function showError(message) {
  $("error").textContent = message;
  $("error").hidden = !message;
}

/** The user a token names (its sub, and tenant): the key of this browser's copy. */
function tokenUser(token) {
  const payload = JSON.parse(atob(token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/")));
  return payload.tenant ? `${payload.tenant}/${payload.sub}` : payload.sub;
}

async function signIn(next) {
  session = next;
  localStorage.setItem(SESSION, JSON.stringify(session));
  await start();
}

async function signOut(message = "") {
  clearTimeout(refreshTimer);
  sync?.stop();
  store?.close();
  sync = store = null;
  session = null;
  localStorage.removeItem(SESSION);
  $("app").hidden = true;
  $("status").hidden = true;
  $("signin").hidden = false;
  showError(message);
}

async function start() {
  $("signin").hidden = true;
  $("app").hidden = false;
  $("status").hidden = false;
  $("signed-in-user").textContent = session.user;
  store = await openStore(session.user);
  sync = createSync({
    api: api("/datafn", () => session.token),
    store,
    onState: render,
    onRefused: (refusals) => showError(refusals.map(({ mutation, error }) =>
      `Not saved (${mutation.resource} ${mutation.operation}): ${error.message}`).join("\n")),
    onUnauthorized: async () => {
      if (session.dev && (await refreshDevToken())) return sync.resync();
      signOut("The server no longer accepts this token: sign in again.");
    },
  });
  sync.start();
  if (session.dev) scheduleDevTokenRefresh();
}

/** One refresh timer at a time: a refresh asked for early (a 401) replaces the one waiting. */
function scheduleDevTokenRefresh() {
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(refreshDevToken, DEV_REFRESH_MS);
}

async function refreshDevToken() {
  try {
    const token = await developmentToken(session.name, session.admin);
    if (!token) return false;
    session = { ...session, token };
    localStorage.setItem(SESSION, JSON.stringify(session));
    scheduleDevTokenRefresh();
    return true;
  } catch {
    return false;
  }
}

/** Queues one write of this page. */
async function write(resource, operation, fields) {
  await sync.write({ resource, version: 1, operation, clientId, mutationId: newId("m"), ...fields });
  channel.postMessage("changed");
}

// --- rendering ---

async function render(state) {
  if (!store) return;
  view = await store.view();
  const status = $("sync-state");
  status.textContent = state.syncing ? "syncing" : state.connection;
  status.className = state.syncing ? "syncing" : state.connection;
  $("pending-count").textContent = state.pending;
  $("server-seq").textContent = state.serverSeq;
  if (state.lastError) showError(state.lastError);
  renderChoices();
  renderTodos();
  reconcile($("project-list"), [...view.projects.values()].sort(byName), (p) => p.id + p.name,
    (p) => h("li", { "data-testid": "project", "data-id": p.id }, p.name));
  reconcile($("tag-list"), [...view.tags.values()].sort(byName), (t) => t.id + t.name,
    (t) => h("li", { "data-testid": "tag", "data-id": t.id }, t.name));
}

const byName = (a, b) => a.name.localeCompare(b.name);

/** Fills a select with options, keeping its choice. */
function options(select, choices) {
  const value = select.value;
  select.replaceChildren(...choices.map(([v, label]) => h("option", { value: v }, label)));
  if (choices.some(([v]) => v === value)) select.value = value;
}

function renderChoices() {
  const projects = [...view.projects.values()].sort(byName).map((p) => [p.id, p.name]);
  const tags = [...view.tags.values()].sort(byName).map((t) => [t.id, t.name]);
  options($("new-project"), [["", "none"], ...projects]);
  options($("filter-project"), [["", "any"], ...projects]);
  options($("filter-tag"), [["", "any"], ...tags]);
  if (!$("new-priority").options.length) options($("new-priority"), [0, 1, 2, 3, 4, 5].map((n) => [String(n), String(n)]));
}

const SORTS = {
  created: (a, b) => (b.createdAt || "").localeCompare(a.createdAt || ""),
  // Undated last, as the server sorts nulls.
  due: (a, b) => (a.dueDate || "9999").localeCompare(b.dueDate || "9999"),
  priority: (a, b) => (b.priority || 0) - (a.priority || 0),
  title: (a, b) => a.title.localeCompare(b.title),
};

function visibleTodos() {
  const status = $("filter-status").value;
  const project = $("filter-project").value;
  const tag = $("filter-tag").value;
  return [...view.todos.values()]
    .filter((t) => status === "all" || (status === "done") === t.completed)
    .filter((t) => !project || t.projectId === project)
    .filter((t) => !tag || (t.tags || []).includes(tag))
    .filter((t) => !searchHits || searchHits.has(t.id))
    .sort((a, b) => SORTS[$("sort").value](a, b) || a.id.localeCompare(b.id));
}

function renderTodos() {
  const todos = visibleTodos();
  $("empty").hidden = todos.length > 0;
  reconcile($("todo-list"), todos,
    (t) => (t.id === editingId ? "editing" : JSON.stringify([t, view.projects.get(t.projectId)?.name,
      (t.tags || []).map((id) => view.tags.get(id)?.name)])),
    (t) => (t.id === editingId ? editForm(t) : todoItem(t)));
}

function todoItem(todo) {
  const project = view.projects.get(todo.projectId);
  return h("li", { "data-testid": "todo", "data-id": todo.id, class: todo.completed ? "done" : "" },
    h("input", { type: "checkbox", "data-testid": "todo-done", "aria-label": `Done: ${todo.title}`,
      checked: todo.completed, onchange: (e) => write("todos", "merge", { id: todo.id, record: { completed: e.target.checked } }) }),
    h("span", { class: "title", "data-testid": "todo-title" }, todo.title),
    h("span", { class: "meta" },
      todo.priority ? h("span", { class: "chip" }, `priority ${todo.priority}`) : null,
      todo.dueDate ? h("span", { class: "chip" }, `due ${todo.dueDate}`) : null,
      project ? h("span", { class: "chip", "data-testid": "todo-project" }, project.name) : null,
      ...(todo.tags || []).map((id) => h("span", { class: "chip", "data-testid": "todo-tag" }, "#" + (view.tags.get(id)?.name || id))),
      todo.pending ? h("span", { class: "pending", "data-testid": "todo-pending" }, "not yet on the server") : null),
    h("button", { type: "button", "data-testid": "todo-edit", onclick: () => { editingId = todo.id; renderTodos(); } }, "Edit"),
    h("button", { type: "button", "data-testid": "todo-delete", "aria-label": `Delete ${todo.title}`,
      onclick: () => write("todos", "delete", { id: todo.id }) }, "Delete"));
}

function editForm(todo) {
  const field = (label, input) => h("label", {}, label, input);
  const title = h("input", { value: todo.title, "data-testid": "edit-title", required: true });
  const notes = h("input", { value: todo.notes || "", "data-testid": "edit-notes" });
  const priority = h("select", { "data-testid": "edit-priority" },
    ...[0, 1, 2, 3, 4, 5].map((n) => h("option", { value: n, selected: n === (todo.priority || 0) }, String(n))));
  const due = h("input", { type: "date", value: todo.dueDate || "", "data-testid": "edit-due" });
  const project = h("select", { "data-testid": "edit-project" }, h("option", { value: "" }, "none"),
    ...[...view.projects.values()].sort(byName).map((p) => h("option", { value: p.id, selected: p.id === todo.projectId }, p.name)));
  const tags = [...view.tags.values()].sort(byName).map((t) => h("input", { type: "checkbox", value: t.id,
    "data-testid": "edit-tag", "data-name": t.name, checked: (todo.tags || []).includes(t.id) }));
  const close = () => { editingId = null; renderTodos(); };
  return h("li", { "data-testid": "todo-editing", "data-id": todo.id },
    h("form", { class: "edit", onsubmit: (e) => {
      e.preventDefault();
      close();
      write("todos", "merge", { id: todo.id, record: {
        title: title.value, notes: notes.value || null, priority: Number(priority.value), dueDate: due.value || null,
        projectId: project.value || null, tags: tags.filter((t) => t.checked).map((t) => t.value) } });
    } },
    field("Title", title), field("Notes", notes), field("Priority", priority), field("Due", due), field("Project", project),
    h("fieldset", {}, h("legend", {}, "Tags"), ...tags.map((t) => h("label", {}, t, t.dataset.name))),
    h("button", { type: "submit", "data-testid": "edit-save" }, "Save"),
    h("button", { type: "button", onclick: close }, "Cancel")));
}

// --- search: the server's full-text search online; this device's copy (words in the title or notes) offline ---

let searchTimer = null;
async function runSearch() {
  const query = $("search").value.trim();
  const note = $("search-note");
  if (!query) {
    searchHits = null;
    note.hidden = true;
  } else if (sync.state().connection === "online") {
    try {
      const results = await api("/datafn", () => session.token).search(query);
      searchHits = new Set(results.map((r) => r.id));
      note.textContent = "Searched on the server (words and their beginnings, best matches); writes still waiting are not searched.";
    } catch {
      searchHits = localSearch(query);
      note.textContent = "The server did not answer: searched this device's copy (titles and notes holding every word).";
    }
    note.hidden = false;
  } else {
    searchHits = localSearch(query);
    note.textContent = "Offline: searched this device's copy (titles and notes holding every word).";
    note.hidden = false;
  }
  renderTodos();
}

function localSearch(query) {
  const words = query.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  return new Set([...view.todos.values()]
    .filter((t) => words.every((w) => `${t.title} ${t.notes || ""}`.toLowerCase().includes(w)))
    .map((t) => t.id));
}

// --- wiring ---

$("dev-signin").addEventListener("submit", async (e) => {
  e.preventDefault();
  const name = $("signin-user").value.trim();
  const admin = $("signin-admin").checked;
  try {
    const token = await developmentToken(name, admin);
    if (!token) return showError("This server has no development sign-in (it runs on a configured secret): paste a token.");
    showError("");
    await signIn({ token, user: tokenUser(token), name, admin, dev: true });
  } catch (error) {
    showError(`Sign-in failed: ${error.message}`);
  }
});

$("token-signin").addEventListener("submit", async (e) => {
  e.preventDefault();
  const token = $("signin-token").value.trim();
  try {
    showError("");
    await signIn({ token, user: tokenUser(token), dev: false });
  } catch {
    showError("That is not a JWT: paste the whole token.");
  }
});

$("sign-out").addEventListener("click", () => signOut());

$("new-todo").addEventListener("submit", async (e) => {
  e.preventDefault();
  const record = { id: newId("td"), title: $("new-title").value, priority: Number($("new-priority").value) };
  if ($("new-due").value) record.dueDate = $("new-due").value;
  if ($("new-project").value) record.projectId = $("new-project").value;
  $("new-title").value = "";
  await write("todos", "insert", { record });
});

$("new-project-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  await write("projects", "insert", { record: { id: newId("pj"), name: $("new-project-name").value.trim() } });
  $("new-project-name").value = "";
});

$("new-tag-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  await write("tags", "insert", { record: { id: newId("tg"), name: $("new-tag-name").value.trim() } });
  $("new-tag-name").value = "";
});

for (const id of ["filter-status", "filter-project", "filter-tag", "sort"]) $(id).addEventListener("change", renderTodos);
$("search").addEventListener("input", () => {
  clearTimeout(searchTimer);
  searchTimer = setTimeout(runSearch, 250);
});
channel.onmessage = () => sync?.changedElsewhere();

// The page's files, kept for reloads while the server is down (browsers allow it on localhost and HTTPS).
navigator.serviceWorker?.register("/sw.js").catch(() => {});

if (session) start();
else signOut();
