// Offline support: network first (so a new build is picked up at once), the
// cache when offline. Only the app's own files are touched — the fixed list
// below, plus pkg/ (the WebAssembly build), pkg-files/ (the PDF and Word
// reader, cached once a file has needed it), pkg-batch/ (the batch's module,
// cached once a batch has run) and samples/ — and only without a
// query string; every other request goes to the network untouched and is
// never cached.
const CACHE = "xxgk-validator-v5";
const SHELL = [
  "./", "index.html", "favicon.svg", "app.js", "app.css", "embed.html", "embed.js", "embed.css",
  "xxgk-validator.js", "xxgk-validator.css", "engine.js", "engine-worker.js", "layout.js",
  "read-file.js", "pkg/xxgk_validator.js", "pkg/xxgk_validator_bg.wasm", "samples/index.json",
  "rule-docs.json",
  "print.js", "print.css", "export.js", "vendor/write-excel-file.js",
  // The batch's page code (small): offline, many files still open the batch
  // (its module, pkg-batch/, is cached once a batch has loaded it).
  "batch.js", "batch.css", "batch-worker.js",
];
const base = new URL("./", self.location.href);
const OWN = new Set(SHELL.map((u) => new URL(u, base).href));

/** Is this one of the app's own files (and so cached)? */
function own(url) {
  const u = new URL(url);
  if (u.origin !== base.origin || u.search || !u.pathname.startsWith(base.pathname)) return false;
  if (OWN.has(u.origin + u.pathname)) return true;
  return /^(pkg|pkg-files|pkg-batch|samples)\/[^/]+$/.test(u.pathname.slice(base.pathname.length));
}

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
  if (req.method !== "GET" || !own(req.url)) return;
  event.respondWith(
    fetch(req)
      .then((res) => {
        if (res.ok && res.type === "basic") {
          const copy = res.clone();
          caches.open(CACHE).then((c) => c.put(req, copy));
        }
        return res;
      })
      .catch(() => caches.match(req).then((hit) => hit || Response.error())),
  );
});
