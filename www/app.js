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

// Draft: restore, then save on every change (debounced). What is read is
// checked (another version of the page or a full disk may have left anything
// there); a draft that could not be saved is removed, so an older one is
// never restored as if it were the latest.
function say(text, warn = false) {
  note.textContent = text;
  note.classList.toggle("warn", warn);
}

/** The stored draft: { text, html, saved } or null; anything else is removed. */
export function readDraft(storage = localStorage) {
  const raw = storage.getItem(DRAFT_KEY);
  if (raw == null) return null;
  let d = null;
  try {
    d = JSON.parse(raw);
  } catch {
    /* not JSON */
  }
  const valid = d && typeof d === "object" && !Array.isArray(d)
    && (d.text === undefined || d.text === null || typeof d.text === "string")
    && (d.html === undefined || d.html === null || typeof d.html === "string")
    && (d.saved === undefined || typeof d.saved === "number")
    && !!(d.text || d.html);
  if (!valid) {
    storage.removeItem(DRAFT_KEY);
    return { invalid: true };
  }
  return { text: d.text || "", html: d.html || null, saved: d.saved ?? null };
}

let restoring = true;
try {
  const saved = readDraft();
  if (saved && saved.invalid) say("上次的草稿已损坏，无法恢复，已删除。", true);
  else if (saved) {
    v.setInput({ text: saved.text, html: saved.html });
    const when = saved.saved ? new Date(saved.saved).toLocaleString("zh-CN", { hour12: false }) : "";
    say(`已恢复上次的草稿${when ? `（保存于 ${when}）` : ""}，只保存在本机浏览器中。`);
  }
} catch {
  /* storage unavailable: start empty */
}
restoring = false;

// Browsers keep about 5 million characters (10 MB of UTF-16) per site; a
// longer draft is not even tried (the attempt alone stalls the page).
const MAX_DRAFT = 4_500_000;
const wan = (n) => (n >= 100_000 ? String(Math.round(n / 10_000)) : String(Math.round(n / 1000) / 10));
let saveTimer = 0;
v.addEventListener("xxgk-input", (ev) => {
  // Reports opened from the batch are files of the batch, not a draft.
  if (restoring || batchOpen()) return;
  const { text, html, file } = ev.detail;
  // Text extracted from a PDF or Word file is the file's, not a draft: the
  // file itself is kept (the earlier draft, if any, stays as it was).
  if (file && (file.kind === "pdf" || file.kind === "docx")) {
    say(`「${file.name}」的内容不保存为草稿；关闭页面后请重新打开文件。`);
    return;
  }
  clearTimeout(saveTimer);
  saveTimer = setTimeout(() => {
    try {
      if (!text && !html) localStorage.removeItem(DRAFT_KEY);
      else if ((text || "").length + (html || "").length > MAX_DRAFT) throw new Error("too long");
      else localStorage.setItem(DRAFT_KEY, JSON.stringify({ text, html, saved: Date.now() }));
      say(text || html ? "草稿已保存在本机浏览器中。" : "");
    } catch {
      // Never leave the older draft to be restored as if it were this one.
      let removed = true;
      try { localStorage.removeItem(DRAFT_KEY); } catch { removed = false; }
      const n = (html || "").length + (text || "").length;
      say(`内容太长（${wan(n)} 万字），浏览器存储空间不足，草稿未能保存` +
        (removed ? "；旧草稿已删除，刷新页面后不会恢复。" : "。"), true);
    }
  }, 400);
});

// A file the widget cannot read: nothing of it is kept (the note about an
// earlier file would be stale).
v.addEventListener("validated", (ev) => { if (ev.detail.unreadable) say(""); });

// Files: picker here; dropping onto the widget is handled by the widget. More
// than one file, or a folder, opens the batch (batch.js, loaded only then).
let batch = null;
const batchOpen = () => !!batch?.root.isConnected;
// `items`: Files, or { file | text, name }.
async function toBatch(items) {
  if (!items.length) return;
  const m = await import("./batch.js");
  if (!batchOpen()) batch = m.openBatch({ widget: v, host: v.parentElement });
  batch.add(items);
}
file.addEventListener("change", () => {
  const fs = [...file.files];
  (fs.length > 1 || batchOpen() ? toBatch(fs) : fs[0] ? v.loadFile(fs[0]) : Promise.resolve()).finally(() => { file.value = ""; });
});
const folder = document.getElementById("folder");
folder.addEventListener("change", () => import("./batch.js").then((m) => toBatch(m.filesOf(folder))).finally(() => { folder.value = ""; }));
// A file dropped anywhere else on the page is read too (instead of the browser
// opening it); several files or a folder, anywhere (the widget too), go to the batch.
addEventListener("dragover", (e) => { if (e.dataTransfer && [...e.dataTransfer.types].includes("Files")) e.preventDefault(); });
addEventListener("drop", (e) => {
  const dt = e.dataTransfer;
  // The entries must be taken now, while the drop event lasts.
  const entries = dt ? [...dt.items].filter((i) => i.kind === "file").map((i) => i.webkitGetAsEntry?.()) : [];
  if (entries.length > 1 || entries.some((x) => x?.isDirectory) || (entries.length && batchOpen())) {
    e.preventDefault();
    e.stopPropagation();
    const files = [...dt.files];
    import("./batch.js").then((m) => m.entriesOf(entries, files)).then(toBatch);
  }
}, true);
addEventListener("drop", (e) => {
  const f = e.dataTransfer && e.dataTransfer.files[0];
  if (f && !e.defaultPrevented) {
    e.preventDefault();
    v.loadFile(f);
  }
});

// One text holding several reports: offer to check each in the batch.
const several = document.getElementById("several");
v.addEventListener("validated", (ev) => {
  const d = (ev.detail.report?.diagnostics || []).find((x) => x.rule === "text.several_reports");
  const n = d && Number((/有(\d+)份/.exec(d.message) || [])[1]);
  several.hidden = !(n > 1);
  if (n > 1) several.textContent = `分别检查这 ${n} 份报告`;
});
several.addEventListener("click", () => {
  const { text, html, file: f } = v.input;
  several.hidden = true;
  toBatch([{ text: html || text, name: (f && f.name) || "粘贴的内容" }]);
});

document.getElementById("clear").addEventListener("click", () => {
  v.setInput({ text: "" });
  say("");
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

// 打印审核意见 (print.js, print.css): loaded after the first check, not with
// the page, so that Ctrl+P renders the 审核意见 at once (`beforeprint`).
const printing = () => import("./print.js");
v.addEventListener("validated", (ev) => { if (ev.detail.report) printing().then((m) => m.attach(v)); });
// With the batch's table shown, the button prints the whole batch (a summary
// page, then one opinion per report); a report opened from it prints alone.
document.getElementById("print").addEventListener("click", () => {
  if (batchOpen() && batch.summaryShown()) batch.print();
  else printing().then((m) => m.printWidget(v));
});
