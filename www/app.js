// The page around the widget: open a file, try a sample, keep the draft in
// this browser's own storage (localStorage; never sent), work offline.
import "./xxgk-validator.js";

const DRAFT_KEY = "xxgk-validator:draft";
const v = document.getElementById("v");
const note = document.getElementById("draft-note");
const file = document.getElementById("file");

// Offline: cache the app shell once served (a service worker needs http(s)).
if ("serviceWorker" in navigator && /^https?:$/.test(location.protocol)) {
  navigator.serviceWorker.register(new URL("./sw.js", import.meta.url), { scope: "./" }).catch(() => {});
}

// Draft: restore, then save on every change (debounced).
let restoring = true;
try {
  const saved = JSON.parse(localStorage.getItem(DRAFT_KEY) || "null");
  if (saved && (saved.text || saved.html)) {
    v.setInput({ text: saved.text || "", html: saved.html || null });
    note.textContent = "已恢复上次的草稿（只保存在本机浏览器中）。";
  }
} catch {
  /* storage unavailable or corrupt: start empty */
}
restoring = false;

let saveTimer = 0;
v.addEventListener("xxgk-input", (ev) => {
  if (restoring) return;
  clearTimeout(saveTimer);
  const { text, html } = ev.detail;
  saveTimer = setTimeout(() => {
    try {
      if (!text && !html) localStorage.removeItem(DRAFT_KEY);
      else localStorage.setItem(DRAFT_KEY, JSON.stringify({ text, html, saved: Date.now() }));
      note.textContent = text || html ? "草稿已保存在本机浏览器中。" : "";
    } catch {
      note.textContent = "内容太长，草稿未能保存（浏览器存储空间不足）。";
    }
  }, 400);
});

// Files: picker here; dropping onto the widget is handled by the widget.
file.addEventListener("change", () => {
  const f = file.files && file.files[0];
  if (f) v.loadFile(f).finally(() => { file.value = ""; });
});
// A file dropped anywhere else on the page is read too (instead of the browser opening it).
addEventListener("dragover", (e) => { if (e.dataTransfer && [...e.dataTransfer.types].includes("Files")) e.preventDefault(); });
addEventListener("drop", (e) => {
  const f = e.dataTransfer && e.dataTransfer.files[0];
  if (f && !e.defaultPrevented) {
    e.preventDefault();
    v.loadFile(f);
  }
});

document.getElementById("clear").addEventListener("click", () => {
  v.setInput({ text: "" });
  note.textContent = "";
});

// Samples: copied from the corpus at build time into samples/ (index.json).
fetch(new URL("./samples/index.json", import.meta.url))
  .then((r) => (r.ok ? r.json() : []))
  .then((list) => {
    const box = document.querySelector(".samples");
    for (const s of list) {
      const b = document.createElement("button");
      b.type = "button";
      b.className = "btn secondary";
      b.textContent = s.title;
      b.dataset.sample = s.name;
      b.addEventListener("click", async () => {
        const r = await fetch(new URL(`./samples/${encodeURIComponent(s.name)}`, import.meta.url));
        if (!r.ok) return;
        const f = new File([await r.arrayBuffer()], s.name);
        await v.loadFile(f);
      });
      box.append(b);
    }
    box.hidden = list.length === 0;
  })
  .catch(() => {});
