// The auditor's batch: many files (or a folder, or one text holding several
// reports) checked at once in a pool of checker workers, a summary table with
// one row per report, each opening that report's full view in the page's
// <xxgk-validator>, and the same unit's consecutive years compared. Loaded by
// app.js only when more than one file arrives (the first load stays as it was).
//
//   const b = openBatch({ widget, host });     // the table goes just before the widget, in host
//   await b.add([file, { file, name }, { text, name }, …]);   // resolves when every row is done
//   b.rows                                      // the rows (see `row` below)

const base = import.meta.url;
// One worker per core, capped: each holds its own copy of the checker (a few MB).
const MAX_WORKERS = 8;
// Files shown as a folder's contents but never reports.
const SKIP = /^(\.|~\$|thumbs\.db$|desktop\.ini$)/i;

const KIND = { pdf: "PDF", docx: "Word", html: "网页", text: "文本" };
const VER = { v2021: "2021年版", v2019: "2019年版" };
const STATUS_ORDER = { unreadable: 0, errors: 1, incomplete: 2, clean: 3 };
const FILTERS = [
  ["", "全部"],
  ["errors", "有错误"],
  ["clean", "全部核对，未发现错误"],
  ["incomplete", "未能完整核对"],
  ["unreadable", "无法读取"],
  ["compare", "与上年比对有发现"],
];
const COLUMNS = [
  ["name", "文件"],
  ["unit", "单位"],
  ["year", "年度"],
  ["version", "格式"],
  ["sourceKind", "来源"],
  ["status", "结论"],
  ["mistakes", "要改"],
  ["errors", "核对不符"],
  ["warnings", "提醒"],
  ["compare", "与上年比对"],
];

function el(tag, attrs = {}, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v == null || v === false) continue;
    if (k === "text") e.textContent = v;
    else if (k === "class") e.className = v;
    else e.setAttribute(k, v === true ? "" : String(v));
  }
  for (const k of kids) if (k != null) e.append(k);
  return e;
}

/**
 * Every file under dropped entries (DataTransferItem.webkitGetAsEntry(), taken
 * in the drop handler), folders walked recursively; `files` (the drop's
 * FileList) when the browser gives no entries.
 */
export function entriesOf(entries, files) {
  if (entries.some((e) => !e)) return Promise.resolve(files.map((file) => ({ file, name: file.name })));
  const out = [];
  const walk = async (entry, path) => {
    if (entry.isFile) {
      if (SKIP.test(entry.name)) return;
      const file = await new Promise((res, rej) => entry.file(res, rej)).catch(() => null);
      if (file) out.push({ file, name: path + entry.name });
    } else if (entry.isDirectory) {
      const reader = entry.createReader();
      for (;;) {
        // readEntries gives at most 100 at a time: read until it gives none.
        const batch = await new Promise((res) => reader.readEntries(res, () => res([])));
        if (!batch.length) break;
        for (const e of batch) await walk(e, `${path}${entry.name}/`);
      }
    }
  };
  return Promise.all(entries.map((e) => walk(e, ""))).then(() => out.sort((a, b) => a.name.localeCompare(b.name, "zh-CN")));
}

/** The files of a multiple or folder picker, with their folder paths as names. */
export function filesOf(input) {
  return [...(input.files || [])]
    .filter((f) => !SKIP.test(f.name))
    .map((file) => ({ file, name: file.webkitRelativePath || file.name }))
    .sort((a, b) => a.name.localeCompare(b.name, "zh-CN"));
}

class Pool {
  constructor(n) {
    this.n = n;
    this.workers = [];
    this.queue = [];
    this.next = 1;
  }
  start() {
    this.ready ??= Promise.all(Array.from({ length: this.n }, () => this.#spawn()))
      .then((ws) => { this.workers = ws.filter(Boolean); if (!this.workers.length) throw new Error("no worker"); });
    return this.ready;
  }
  #spawn() {
    return new Promise((resolve) => {
      let w;
      try {
        w = new Worker(new URL("./batch-worker.js", base), { type: "module" });
      } catch {
        resolve(null);
        return;
      }
      w.onmessage = ({ data }) => {
        if (!data.ready) { w.terminate(); resolve(null); return; }
        const slot = { w, busy: null };
        w.onmessage = ({ data }) => this.#done(slot, data);
        w.onerror = (e) => { e.preventDefault?.(); this.#done(slot, { error: e.message || "worker" }); };
        resolve(slot);
      };
      w.onerror = (e) => { e.preventDefault?.(); w.terminate(); resolve(null); };
    });
  }
  run(job) {
    return new Promise((resolve) => {
      this.queue.push({ job, resolve });
      this.#pump();
    });
  }
  #pump() {
    for (const s of this.workers) {
      if (s.busy || !this.queue.length) continue;
      s.busy = this.queue.shift();
      s.w.postMessage({ id: this.next++, batch: s.busy.job });
    }
  }
  #done(slot, data) {
    const t = slot.busy;
    slot.busy = null;
    if (data.fatal) {
      // A trap leaves that worker's module unusable: replace it.
      slot.w.terminate();
      this.workers = this.workers.filter((s) => s !== slot);
      this.#spawn().then((s) => {
        if (!s) return;
        if (this.closed) { s.w.terminate(); return; } // closed while it started
        this.workers.push(s);
        this.#pump();
      });
    }
    if (t) t.resolve(data);
    this.#pump();
  }
  close() {
    this.closed = true;
    for (const s of this.workers) s.w.terminate();
    this.workers = [];
  }
}

export function openBatch({ widget, host }) {
  const old = host.querySelector(":scope > .batch");
  if (old && old.batch) old.batch.close();
  if (!document.querySelector("link[data-batch]")) {
    document.head.append(el("link", { rel: "stylesheet", href: new URL("./batch.css", base).href, "data-batch": true }));
  }
  const cores = Math.max(1, Math.min(MAX_WORKERS, navigator.hardwareConcurrency || 2));
  const pool = new Pool(cores);
  const rows = [];
  const sort = { key: null, dir: 1 };
  let total = 0;
  let seen = 0; // items added so far (the rows' default order is the files')
  let done = 0;
  let t0 = 0;
  let openRow = null;
  let scrollY = 0;
  let tableScroll = 0;

  // ---- the summary view
  const progress = el("div", { class: "batch-progress", role: "progressbar", "aria-label": "检查进度", "aria-valuemin": 0, "aria-valuemax": 0, "aria-valuenow": 0 },
    el("div", { class: "bar" }));
  const count = el("span", { class: "batch-count", role: "status" });
  const verdictFilter = el("select", { "aria-label": "按结论筛选" }, ...FILTERS.map(([v, t]) => el("option", { value: v, text: t })));
  const textFilter = el("input", { type: "search", placeholder: "按单位或文件名筛选", "aria-label": "按单位或文件名筛选" });
  const closeBtn = el("button", { type: "button", class: "btn secondary batch-close", text: "返回单份检查" });
  const exportsBox = el("span", { class: "batch-exports" });
  const thead = el("tr");
  const tbody = el("tbody");
  const table = el("table", { class: "batch-table" }, el("caption", { class: "visually-hidden", text: "批量检查汇总：每份报告一行，点击文件名查看该报告的全部检查结果" }), el("thead", {}, thead), tbody);
  const shown = el("p", { class: "muted batch-shown" });
  const scroller = el("div", { class: "batch-scroll" }, table);
  const summary = el("section", { class: "batch-summary", "aria-label": "批量检查汇总" },
    el("div", { class: "batch-head" }, el("h2", { text: "批量检查" }), count, closeBtn),
    progress,
    el("div", { class: "batch-filters" }, verdictFilter, textFilter, exportsBox),
    scroller,
    shown);

  // ---- one report's view: the widget below, this bar above it
  const backBtn = el("button", { type: "button", class: "btn batch-back", text: "← 返回汇总" });
  const viewTitle = el("h2", { class: "batch-view-title", tabindex: -1 });
  const comparePanel = el("section", { class: "batch-compare", "aria-label": "与上年比对", hidden: true });
  const view = el("div", { class: "batch-view", hidden: true },
    el("div", { class: "batch-head" }, backBtn, viewTitle), comparePanel);

  const root = el("div", { class: "batch" }, summary, view);
  widget.before(root);
  widget.hidden = true;

  for (const [key, label] of COLUMNS) {
    const b = el("button", { type: "button", class: "sort", text: label, "data-key": key });
    b.addEventListener("click", () => {
      sort.dir = sort.key === key ? -sort.dir : 1;
      sort.key = key;
      render();
    });
    thead.append(el("th", { scope: "col", "data-key": key }, b));
  }
  verdictFilter.addEventListener("change", () => render());
  textFilter.addEventListener("input", () => render());
  backBtn.addEventListener("click", () => back());
  closeBtn.addEventListener("click", () => api.close());
  view.addEventListener("keydown", (e) => { if (e.key === "Escape") back(); });

  // ---- rows
  const fmtKind = (r) => (r.status === "unreadable" ? "" : KIND[r.sourceKind] || (r.html ? "网页" : "文本"));
  const value = (r, key) => {
    switch (key) {
      case "status": return STATUS_ORDER[r.status] ?? 9;
      case "compare": return r.compare ? r.compare.diagnostics.length : -1;
      case "sourceKind": return fmtKind(r);
      default: return r[key];
    }
  };
  function cmp(a, b) {
    const x = value(a, sort.key);
    const y = value(b, sort.key);
    const nx = x == null || x === "";
    const ny = y == null || y === "";
    if (nx || ny) return nx === ny ? a.i - b.i : nx ? 1 : -1; // blanks last, either way
    const d = typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y), "zh-CN");
    return d * sort.dir || a.i - b.i;
  }
  function visible() {
    const want = verdictFilter.value;
    const q = textFilter.value.trim().toLowerCase();
    let list = rows.filter((r) => r.status
      && (!want || (want === "compare" ? r.compare && r.compare.diagnostics.length > 0 : r.status === want))
      && (!q || (r.unit || "").toLowerCase().includes(q) || r.name.toLowerCase().includes(q)));
    return list.sort(sort.key ? cmp : (a, b) => a.order - b.order);
  }
  function cell(r, key) {
    switch (key) {
      case "name": {
        const b = el("button", { type: "button", class: "open", text: r.name, title: "查看这份报告的全部检查结果" });
        b.addEventListener("click", () => open(r));
        return el("th", { scope: "row" }, b);
      }
      case "unit": return el("td", { text: r.unit || (r.status === "unreadable" ? "" : "未识别") });
      case "year": return el("td", { class: "num", text: r.year ?? "" });
      case "version": return el("td", { text: VER[r.version] || "" });
      case "sourceKind": return el("td", { text: fmtKind(r) });
      case "status": {
        const td = el("td", { class: `status ${r.status}` }, el("span", { class: "verdict", text: r.verdict }));
        if (r.message) td.append(el("span", { class: "why", text: r.message }));
        return td;
      }
      case "compare": {
        if (!r.compare) return el("td", { class: "num", text: r.lastOf != null ? "比对中" : "" });
        const n = r.compare.diagnostics.length;
        return el("td", { class: `num cmp${n ? " found" : ""}`, title: `与 ${rows[r.lastOf].name} 比对`, text: n ? `${n} 项发现` : "一致" });
      }
      default:
        return el("td", { class: `num${r[key] ? " nz" : ""}`, text: r.status === "unreadable" ? "" : r[key] ?? "" });
    }
  }
  let pending = 0;
  let drawn = 0;
  function render() {
    clearTimeout(pending);
    pending = 0;
    for (const th of thead.children) {
      if (th.dataset.key === sort.key) th.setAttribute("aria-sort", sort.dir > 0 ? "ascending" : "descending");
      else th.removeAttribute("aria-sort");
    }
    const list = visible();
    // Each row's <tr> is made once (again only when its comparison arrives).
    tbody.replaceChildren(...list.map((r) => {
      if (!r.tr) {
        r.tr = el("tr", { class: r.status, "data-i": r.i });
        for (const [key] of COLUMNS) r.tr.append(cell(r, key));
      }
      return r.tr;
    }));
    drawn = performance.now();
    const checked = rows.filter((r) => r.status).length;
    shown.textContent = list.length === checked ? `共 ${checked} 份报告` : `显示 ${list.length} / ${checked} 份报告`;
    const by = (s) => rows.filter((r) => r.status === s).length;
    const parts = [`已检查 ${done} / ${total} 个文件`];
    if (by("errors")) parts.push(`${by("errors")} 份有错误`);
    if (by("clean")) parts.push(`${by("clean")} 份未发现错误`);
    if (by("incomplete")) parts.push(`${by("incomplete")} 份未能完整核对`);
    if (by("unreadable")) parts.push(`${by("unreadable")} 个无法读取`);
    count.textContent = parts.join(" · ");
    progress.setAttribute("aria-valuemax", String(total));
    progress.setAttribute("aria-valuenow", String(done));
    progress.setAttribute("aria-valuetext", `${done} / ${total}`);
    progress.firstChild.style.width = total ? `${(100 * done) / total}%` : "0";
    progress.classList.toggle("done", done === total);
  }
  // While files are being checked, the table is drawn at most every 400 ms
  // (drawing it for each file would keep the page busy longer than the checks).
  const later = () => { if (!pending) pending = setTimeout(render, Math.max(0, 400 - (performance.now() - drawn))); };

  // ---- opening one report
  async function open(r) {
    openRow = r;
    scrollY = window.scrollY;
    tableScroll = scroller.scrollTop;
    summary.hidden = true;
    view.hidden = false;
    widget.hidden = false;
    viewTitle.textContent = [r.name, r.unit, r.year && `${r.year}年度`].filter(Boolean).join(" · ");
    drawCompare(r);
    viewTitle.focus();
    if (r.text != null) {
      const t = r.part16 ? r.text.slice(r.part16[0], r.part16[1]) : r.text;
      await widget.setInput(r.html ? { html: t } : { text: t });
    } else if (r.part16) {
      // One report of a file holding several: its own part of the file's text.
      const { file } = await (await import(new URL("./engine.js", base).href)).getEngine().then((e) => e.readFile(r.file));
      if (openRow !== r || !file || !file.ok) return;
      const t = file.text.slice(r.part16[0], r.part16[1]);
      await widget.setInput(file.kind === "html" ? { html: t } : { text: t });
    } else await widget.loadFile(r.file);
  }
  function back() {
    if (!openRow) return;
    const r = openRow;
    openRow = null;
    view.hidden = true;
    widget.hidden = true;
    summary.hidden = false;
    scroller.scrollTop = tableScroll;
    window.scrollTo(0, scrollY);
    const b = tbody.querySelector(`tr[data-i="${r.i}"] button.open`);
    (b || backBtn).focus({ preventScroll: true });
  }

  // ---- year over year
  function drawCompare(r) {
    const c = r.compare;
    comparePanel.hidden = !c;
    if (!c) { comparePanel.replaceChildren(); return; }
    const last = rows[r.lastOf];
    const ly = c.last.year ? `${c.last.year}年度` : "上年";
    const ty = c.this.year ? `${c.this.year}年度` : "本年";
    const list = el("ul", { class: "cmp-findings" }, ...c.diagnostics.map((d) =>
      el("li", { class: d.severity }, el("span", { class: `badge ${d.severity}`, text: d.severity === "error" ? "错误" : d.severity === "warning" ? "提醒" : "说明" }), el("strong", { text: d.title }), " ", d.message,
        d.suggestion ? el("span", { class: "fix", text: d.suggestion }) : null)));
    const changed = c.changes.filter((ch) => ch.changed);
    const txt = (t) => (t == null ? "未读到" : t === "" ? "空" : t);
    const diffRows = changed.map((ch) => el("tr", { class: c.diagnostics.some((d) => d.cells.includes(ch.key)) ? "flag" : null },
      el("th", { scope: "row", text: ch.label }),
      el("td", { class: "num", text: txt(ch.last_text) }),
      el("td", { class: "num", text: txt(ch.this_text) }),
      el("td", { class: "num", text: ch.difference == null ? "" : ch.difference > 0 ? `+${ch.difference}` : String(ch.difference) })));
    comparePanel.replaceChildren(
      el("h3", { text: `与上年比对：${last ? last.name : ""}（${ly}）→ 本报告（${ty}）` }),
      c.diagnostics.length ? list : el("p", { class: "muted", text: "上年结转、现行有效件数的跨年核对相符，也没有照抄上年的表格。" }),
      changed.length
        ? el("details", { class: "cmp-changes" },
          el("summary", { text: `两年相比有变化的格子（${changed.length} 个）` }),
          el("table", {}, el("thead", {}, el("tr", {}, el("th", { scope: "col", text: "格子" }), el("th", { scope: "col", text: ly }), el("th", { scope: "col", text: ty }), el("th", { scope: "col", text: "差额" }))),
            el("tbody", {}, ...diffRows)))
        : el("p", { class: "muted", text: "两年表格中读到的各格数字没有变化。" }));
    if (c.diagnostics.length) comparePanel.querySelector("details")?.setAttribute("open", "");
  }

  async function compareYears() {
    const list = rows.filter((r) => r.status && r.status !== "unreadable");
    if (list.length < 2) return;
    const { pairs } = await pool.run({ op: "pair", units: list.map((r) => r.unit || ""), years: list.map((r) => r.year || 0) });
    // Paired afresh: a row whose pair changed (or is now ambiguous) keeps no
    // comparison of the earlier pairing.
    for (const r of list) { r.lastOf = null; r.compare = null; r.tr = null; }
    const side = (r) => ({ ...(r.text != null ? { text: r.text } : { file: r.file }), part16: r.part16 });
    const jobs = [];
    (pairs || []).forEach((p, k) => {
      if (p < 0) return;
      const r = list[k];
      const last = list[p];
      r.lastOf = last.i;
      r.tr = null;
      jobs.push(pool.run({ op: "compare", last: side(last), this: side(r), lastName: last.name, thisName: r.name }).then((res) => {
        if (!res.comparison) { r.lastOf = null; r.tr = null; return; }
        const c = res.comparison;
        // Kept: the findings and the changed cells (not every cell twice).
        r.compare = { ...c, changes: c.changes.filter((ch) => ch.changed) };
        r.tr = null;
        later();
      }));
    });
    later();
    await Promise.all(jobs);
  }

  // ---- exports and printing (www/export.js, www/print.js: loaded on first use)
  /** Every row, in the table's order, with its full report (checked again in the workers). */
  async function entries() {
    const bySource = new Map();
    const list = rows.filter((r) => r.status).sort(sort.key ? cmp : (a, b) => a.order - b.order);
    return Promise.all(list.map(async (r) => {
      if (r.status === "unreadable") return { name: r.name, error: r.message || r.verdict, checkedAt: r.checkedAt };
      const src = r.file || r.text;
      if (!bySource.has(src)) bySource.set(src, pool.run(r.file ? { op: "full", file: r.file, name: r.source } : { op: "full", text: r.text, name: r.source }));
      const res = await bySource.get(src);
      const report = res.reports && res.reports[r.k];
      if (!report) return { name: r.name, error: res.error || "无法检查" };
      return { name: r.name, report, checkedAt: r.checkedAt, ...(r.compare ? { compare: r.compare } : {}) };
    }));
  }
  const note = el("span", { class: "muted batch-note", role: "status" });
  async function exporting(btn, what) {
    btn.disabled = true;
    note.textContent = "正在准备……";
    try {
      const es = await entries();
      await what(es);
      note.textContent = "";
    } catch (e) {
      note.textContent = `未能完成：${(e && e.message) || e}`;
    } finally {
      btn.disabled = false;
    }
  }
  const stamp = () => new Date().toISOString().slice(0, 10);
  const csvBtn = el("button", { type: "button", class: "btn secondary", text: "导出 CSV", title: "每个问题一行（全部报告）" });
  const xlsxBtn = el("button", { type: "button", class: "btn secondary", text: "导出 Excel", title: "汇总表和问题清单（全部报告）" });
  const printBtn = el("button", { type: "button", class: "btn secondary", text: "打印审核意见", title: "汇总页和每份报告的审核意见" });
  csvBtn.addEventListener("click", () => exporting(csvBtn, async (es) => {
    const ex = await import(new URL("./export.js", base).href);
    ex.download(ex.toCsv(ex.findingRows(es)), `审核问题清单-${stamp()}.csv`);
  }));
  xlsxBtn.addEventListener("click", () => exporting(xlsxBtn, async (es) => {
    const ex = await import(new URL("./export.js", base).href);
    ex.download(await ex.toXlsx(ex.findingRows(es), ex.summaryRows(es)), `审核结果-${stamp()}.xlsx`);
  }));
  // Ctrl+P with the table shown prints the batch as last prepared (the
  // print dialog cannot wait for the reports to be checked again); before
  // that, or when rows were added since, the table itself (false) — never
  // the widget's last report, hidden behind the table. With a report opened
  // from the table, that report (null: the widget's).
  let prepared = null;
  const printSource = () => {
    if (!api.summaryShown()) return null;
    return prepared && prepared.length === rows.filter((r) => r.status).length ? prepared : false;
  };
  import(new URL("./print.js", base).href).then((pr) => pr.setSource(printSource)).catch(() => {});
  const printBatch = () => exporting(printBtn, async (es) => {
    const pr = await import(new URL("./print.js", base).href);
    prepared = es;
    pr.setSource(printSource);
    await pr.printOpinion(es);
  });
  printBtn.addEventListener("click", printBatch);
  exportsBox.append(csvBtn, xlsxBtn, printBtn, note);

  // ---- adding files
  async function add(items) {
    items = [...items].map((it) => (it instanceof Blob ? { file: it, name: it.name } : it))
      .filter((it) => it && (it.file || typeof it.text === "string"));
    t0 = performance.now();
    total += items.length;
    render();
    try {
      await pool.start();
    } catch {
      const first = seen;
      seen += items.length;
      items.forEach((it, n) => rows.push({
        i: rows.length, order: (first + n) * 10000, k: 0, name: it.name, source: it.name,
        status: "unreadable", verdict: "无法检查",
        message: "本浏览器无法启动后台检查（Web Worker），请改用新版 Chrome、Edge、Firefox 或 Safari。",
      }));
      done = total;
      render();
      return api;
    }
    const first = seen;
    seen += items.length;
    await Promise.all(items.map(async (it, n) => {
      const res = await pool.run(it.file ? { op: "check", file: it.file, name: it.name } : { op: "check", text: it.text, name: it.name });
      const got = res.rows || [{ status: "unreadable", verdict: "无法检查", message: `检查时出错：${res.error || "未知错误"}` }];
      got.forEach((g, k) => {
        rows.push({
          ...g,
          i: rows.length,
          order: (first + n) * 10000 + k,
          name: got.length > 1 ? `${it.name} #${k + 1}` : it.name,
          source: it.name,
          k,
          checkedAt: Date.now(),
          file: it.file || null,
          text: typeof it.text === "string" ? it.text : null,
          html: it.file ? res.kind === "html" : !!g.html,
          lastOf: null,
          compare: null,
        });
      });
      done++;
      later();
    }));
    api.ms = performance.now() - t0;
    render();
    await compareYears();
    api.compareMs = performance.now() - t0;
    render();
    root.dispatchEvent(new CustomEvent("batch-done", { bubbles: true, detail: { rows: rows.length, ms: api.ms } }));
    return api;
  }

  const api = {
    rows,
    root,
    exportsBox,
    entries,
    print: printBatch,
    summaryShown: () => root.isConnected && !summary.hidden,
    add,
    open,
    back,
    ms: 0,
    compareMs: 0,
    close() {
      pool.close();
      if (prepared) import(new URL("./print.js", base).href).then((pr) => pr.setSource(null), () => {});
      root.remove();
      widget.hidden = false;
    },
  };
  root.batch = api;
  render();
  return api;
}
