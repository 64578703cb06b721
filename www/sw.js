// Offline support: network first (so a new build is picked up at once), the
// cache when offline. Only this site's own GET requests are touched; the
// page sends nothing anywhere else.
const CACHE = "xxgk-validator-v1";
const SHELL = [
  "./", "index.html", "favicon.svg", "app.js", "app.css", "embed.html", "embed.js", "embed.css",
  "xxgk-validator.js", "xxgk-validator.css", "engine.js", "engine-worker.js", "layout.js", "read-file.js",
  "pkg/xxgk_validator.js", "pkg/xxgk_validator_bg.wasm", "samples/index.json",
];

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE)
      .then((c) => Promise.all(SHELL.map((u) => c.add(new Request(u, { cache: "reload" })).catch(() => {}))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const req = event.request;
  if (req.method !== "GET" || new URL(req.url).origin !== self.location.origin) return;
  event.respondWith(
    fetch(req)
      .then((res) => {
        if (res.ok) {
          const copy = res.clone();
          caches.open(CACHE).then((c) => c.put(req, copy));
        }
        return res;
      })
      .catch(() => caches.match(req, { ignoreSearch: true }).then((hit) => hit || Response.error())),
  );
});
