// Keeps the app's own files for when the server is down, so the page also reloads offline. Every load asks the
// network first (an upgraded server's app is used at once) and falls back to the files of the last load. The
// protocol's calls (/datafn) and the sign-in are never cached: the app keeps its data in IndexedDB.
const CACHE = "datafn-todo-app";
const FILES = ["/", "/app/app.js", "/app/api.js", "/app/store.js", "/app/sync.js", "/app/dom.js", "/app/style.css"];

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(FILES)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

self.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  const appFile = url.pathname === "/" || url.pathname === "/index.html" || url.pathname.startsWith("/app/");
  if (event.request.method !== "GET" || url.origin !== location.origin || !appFile) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    try {
      const response = await fetch(event.request);
      if (response.ok) await cache.put(event.request, response.clone());
      return response;
    } catch (offline) {
      const kept = await cache.match(event.request, { ignoreSearch: true });
      if (kept) return kept;
      throw offline;
    }
  })());
});
