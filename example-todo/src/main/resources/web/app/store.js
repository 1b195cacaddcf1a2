// This browser's copy of one user's data, in IndexedDB: the rows as the server last told them (by clone and
// pull), the sync cursors, and the outbox of writes not yet acknowledged. What the page shows is the rows with
// the outbox applied on top, so a write shows at once and a pull never undoes a write still on its way.

export const TABLES = ["todos", "projects", "tags"];

const request = (r) => new Promise((resolve, reject) => {
  r.onsuccess = () => resolve(r.result);
  r.onerror = () => reject(r.error);
});

const done = (tx) => new Promise((resolve, reject) => {
  tx.oncomplete = () => resolve();
  tx.onerror = tx.onabort = () => reject(tx.error);
});

/** Opens the copy of one user (one namespace): a database of its own, so users never share rows. */
export async function openStore(user) {
  const open = indexedDB.open("datafn-todo:" + user, 1);
  open.onupgradeneeded = () => {
    const db = open.result;
    for (const table of TABLES) db.createObjectStore(table, { keyPath: "id" });
    db.createObjectStore("outbox", { keyPath: "mutation.mutationId" });
    db.createObjectStore("meta");
  };
  const db = await request(open);

  async function all(name) {
    return request(db.transaction(name).objectStore(name).getAll());
  }

  return {
    close: () => db.close(),

    /** @return the cursors by table, or null before the first clone */
    async cursors() {
      return (await request(db.transaction("meta").objectStore("meta").get("cursors"))) || null;
    },

    /** Replaces every row with a clone's, and its cursors. */
    async replaceAll(data, cursors) {
      const tx = db.transaction([...TABLES, "meta"], "readwrite");
      for (const table of TABLES) {
        const rows = tx.objectStore(table);
        rows.clear();
        for (const row of data[table] || []) rows.put(row);
      }
      tx.objectStore("meta").put(cursors, "cursors");
      await done(tx);
    },

    /** Applies a pull's records (tombstones delete) and its cursors, and forgets the acknowledged writes. */
    async applyPull(records, cursors, acknowledged = []) {
      const tx = db.transaction([...TABLES, "meta", "outbox"], "readwrite");
      for (const [table, changes] of Object.entries(records || {})) {
        if (!TABLES.includes(table)) continue;
        const rows = tx.objectStore(table);
        for (const { __deleted, ...row } of changes) {
          if (__deleted) rows.delete(row.id);
          else rows.put(row);
        }
      }
      tx.objectStore("meta").put(cursors, "cursors");
      for (const mutationId of acknowledged) tx.objectStore("outbox").delete(mutationId);
      await done(tx);
    },

    /** Queues a write; `seq` keeps the order writes were made in (the page's monotonic clock breaks ties). */
    async enqueue(mutation) {
      const tx = db.transaction("outbox", "readwrite");
      tx.objectStore("outbox").put({ seq: Date.now() + performance.now() / 1e6, mutation });
      await done(tx);
    },

    /** Drops writes from the outbox (refused by the server). */
    async drop(mutationIds) {
      const tx = db.transaction("outbox", "readwrite");
      for (const id of mutationIds) tx.objectStore("outbox").delete(id);
      await done(tx);
    },

    /** @return the queued writes, oldest first */
    async outbox() {
      const entries = await all("outbox");
      return entries.sort((a, b) => a.seq - b.seq).map((entry) => entry.mutation);
    },

    /** @return every table's rows with the outbox's writes applied, by table */
    async view() {
      const tables = {};
      for (const table of TABLES) tables[table] = new Map((await all(table)).map((row) => [row.id, row]));
      for (const mutation of await this.outbox()) applyLocally(tables[mutation.resource], mutation);
      return tables;
    },
  };
}

const DEFAULTS = { todos: { completed: false, priority: 0, tags: [], projectId: null, dueDate: null, notes: null } };

/** What the server will do with a write, done to the local rows so the page shows it before it is pushed. */
function applyLocally(rows, mutation) {
  if (!rows) return;
  const { operation, id, record, resource } = mutation;
  if (operation === "insert") {
    // Not yet created on the server: the newest of all.
    rows.set(record.id, { ...DEFAULTS[resource], ...record, createdAt: new Date().toISOString(), pending: true });
  } else if (operation === "merge" && rows.has(id)) {
    rows.set(id, { ...rows.get(id), ...record, pending: true });
  } else if (operation === "delete") {
    rows.delete(id);
  }
}
