// The printable 审核意见 (audit opinion) of one report or a whole batch, for
// A4 paper. Not in the page's first load: the page imports it after its first
// check (so that Ctrl+P can render synchronously in `beforeprint`), the
// batch view when the user prints. print.css is added to the document once,
// by this module.
//
//   const { printOpinion } = await import("./print.js");
//   await printOpinion([{ name: "a.pdf", report }, { name: "b.doc", error: "…" }]);
//
// Entries are `{ name, report }` (the engine's wire report) or
// `{ name, error }` (a file that could not be read). Only DOM APIs are used
// (createElement / textContent), never HTML strings.
import { drawTables, cellLabel, el } from "./layout.js";
import { verdictOf, findingsOf, ruleDocs } from "./xxgk-validator.js";
import { getRules } from "./engine.js";
import { compareFindings, statusOf, cellOf } from "./export.js";

const CSS_URL = new URL("./print.css", import.meta.url).href;
const SEV = { error: "错误", warning: "提醒", info: "说明" };
const SOURCE = { pdf: "PDF 文件", docx: "Word 文件", html: "网页", text: "文本" };
const VERSION = { v2021: "2021年版格式（国办公开办函〔2021〕30号）", v2019: "2019年版格式（国办公开办函〔2019〕60号）" };

const fmt = (n) => (n == null ? "" : Number.isInteger(n) ? String(n) : String(+(+n).toFixed(6)));
const str = (x) => (x == null ? "" : String(x));

/** “2026年11月23日” */
export function dateText(d = new Date()) {
  return `${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日`;
}

/** 《XX单位2024年政府信息公开工作年度报告》 (or the file's name where the title says nothing). */
export function reportTitle(entry) {
  const r = entry && entry.report;
  const unit = r && r.unit ? r.unit : "";
  const year = r && r.year ? `${r.year}年` : "";
  if (unit) return `《${unit}${year}政府信息公开工作年度报告》`;
  return `《${year}政府信息公开工作年度报告》（文件「${str(entry && entry.name)}」）`;
}

let cssReady = null;
/** Adds print.css to the document once; resolves when it is loaded. */
export function loadCss(doc = document) {
  if (!cssReady) {
    cssReady = new Promise((resolve) => {
      const link = doc.createElement("link");
      link.rel = "stylesheet";
      link.href = CSS_URL;
      link.dataset.xxgkPrint = "";
      link.onload = () => resolve(true);
      link.onerror = () => resolve(false);
      doc.head.append(link);
    });
  }
  return cssReady;
}

/**
 * The printable opinion of `entries` (`{ name, report }` or `{ name, error }`,
 * each optionally with `checkedAt`, a Date or timestamp, and `compare`, the
 * core's comparison with last year's report (wire `comparison`): one
 * <article> per report, after a summary page for several. `date`: the date
 * printed.
 */
export function renderOpinion(entries, { date = new Date(), rules = [] } = {}) {
  const list = (entries || []).filter(Boolean);
  const ruleMap = new Map((rules || []).map((r) => [r.id, r]));
  const root = el("div", { class: "xp" });
  if (list.length > 1) root.append(summaryPage(list, date));
  for (const entry of list) root.append(opinion(entry, date, ruleMap));
  return root;
}

function summaryPage(list, date) {
  const count = { errors: 0, clean: 0, incomplete: 0, unreadable: 0 };
  const cmp = list.some((e) => e.compare && Array.isArray(e.compare.diagnostics));
  const rows = list.map((entry, i) => {
    const r = entry.report;
    const v = r ? verdictWith(entry) : null;
    count[v ? v.status : "unreadable"]++;
    const s = (r && r.summary) || {};
    return el("tr", { class: v ? v.status : "unreadable" },
      el("td", { class: "n", text: String(i + 1) }),
      el("td", { class: "file", text: str(entry.name) }),
      el("td", { text: r ? str(r.unit) : "" }),
      el("td", { class: "n", text: r && r.year ? String(r.year) : "" }),
      el("td", { text: r && r.version ? (r.version === "v2021" ? "2021年版" : "2019年版") : "" }),
      el("td", { class: "verdict", text: v ? v.title : "无法读取" }),
      el("td", { class: "n", text: r ? String(s.mistakes ?? s.errors ?? 0) : "" }),
      el("td", { class: "n", text: r ? String(s.warnings ?? 0) : "" }),
      cmp ? el("td", { class: "n", text: entry.compare && Array.isArray(entry.compare.diagnostics) ? String(entry.compare.diagnostics.length) : "" }) : null);
  });
  const parts = [];
  if (count.errors) parts.push(`有错误 ${count.errors} 份`);
  if (count.clean) parts.push(`全部核对，未发现错误 ${count.clean} 份`);
  if (count.incomplete) parts.push(`未能完整核对 ${count.incomplete} 份`);
  if (count.unreadable) parts.push(`无法读取 ${count.unreadable} 份`);
  return el("section", { class: "xp-page xp-batch" },
    el("h1", { text: "政府信息公开工作年度报告审核汇总" }),
    el("p", { class: "xp-lead", text: `审核日期：${dateText(date)}。共 ${list.length} 份：${parts.join("，")}。各份报告的审核意见附后。` }),
    el("table", { class: cmp ? "xp-summary cmp" : "xp-summary" },
      el("colgroup", {}, ...Array.from({ length: cmp ? 9 : 8 }, () => el("col"))),
      el("thead", {}, el("tr", {}, ...["序号", "文件", "单位", "年度", "格式", "结论", "要改的格", "提醒", ...(cmp ? ["与上年比对"] : [])].map((h) => el("th", { scope: "col", text: h })))),
      el("tbody", {}, ...rows)));
}

function opinion(entry, printed, ruleMap) {
  const r = entry.report;
  // The date checked: the entry's own (a batch checked earlier), else the date printed.
  const at = new Date(entry.checkedAt ?? NaN);
  const date = Number.isNaN(at.getTime()) ? printed : at;
  const art = el("article", { class: "xp-page xp-report" });
  art.append(el("h1", { text: `关于${r ? reportTitle(entry) : `文件「${str(entry.name)}」`}的审核意见` }));
  const meta = el("dl", { class: "xp-meta" });
  const add = (k, v) => { if (v) meta.append(el("div", {}, el("dt", { text: k }), el("dd", { text: v }))); };
  add("单位", r ? r.unit || "（标题中未写明）" : "");
  add("年度", r ? (r.year ? `${r.year}年` : "（未写明）") : "");
  add("文件", str(entry.name));
  add("审核日期", dateText(date));
  if (r) add("表格格式", VERSION[r.version] || "未找到标准表格");
  if (r && r.source_kind) add("读取自", SOURCE[r.source_kind] || r.source_kind);
  art.append(meta);

  if (!r) {
    art.append(
      el("p", { class: "xp-verdict unreadable" }, el("b", { text: "审核结论：无法读取。" }), str(entry.error) || "无法读取这个文件。"),
      el("p", { text: "文件没有读取，什么也没有核对。请提供可以复制文字的 PDF、Word（.docx）、网页或文本文件后重新审核。" }));
    return art;
  }

  const v = verdictWith(entry);
  const items = findingsOf(r);
  const s = r.summary || {};
  const mistakes = items.filter((it) => it.severity === "error");
  const others = items.filter((it) => it.severity !== "error");
  const counts = [];
  if (mistakes.length) counts.push(`${mistakes.length} 处要改（${s.errors} 项核对不符）`);
  if (s.warnings) counts.push(`${s.warnings} 处提醒`);
  if (s.infos) counts.push(`${s.infos} 条说明`);
  const cmpErr = compareFindings(entry).filter((d) => d.severity === "error").length;
  const cmpOther = compareFindings(entry).length - cmpErr;
  const cmpText = [cmpErr ? `${cmpErr} 处不符` : "", cmpOther ? `${cmpOther} 处提醒` : ""].filter(Boolean).join("、");
  art.append(el("p", { class: `xp-verdict ${v.status}` },
    el("b", { text: `审核结论：${v.title}。` }), counts.length ? `共 ${counts.join("，")}。` : "",
    cmpText ? `与上年报告比对：${cmpText}。` : ""));
  if (v.reasons.length) art.append(el("ul", { class: "xp-reasons" }, ...v.reasons.map((x) => el("li", { text: x }))));
  if (v.advice) art.append(el("p", { class: "xp-advice", text: `建议：${v.advice}` }));

  let n = 0;
  const section = (title) => el("h2", { text: `${"一二三四"[n++]}、${title}` });
  if (mistakes.length) {
    art.append(section("需要改正的问题"), el("ol", { class: "xp-items" }, ...mistakes.map((it) => item(r, it, ruleMap))));
  } else {
    // What the report's own tables say (its own status), then the comparison's.
    const own = verdictOf(r).status;
    const tablesSay = own === "clean" ? "本报告表格的勾稽关系全部相符" : "本报告表格中未发现错误，但有部分内容没有核对（见上方说明）";
    art.append(section("需要改正的问题"), el("p", {
      text: v.status === "errors" ? `${tablesSay}；与上年报告比对发现的问题见下。`
        : own === "clean" ? "表格的勾稽关系全部相符，未发现需要改正的问题。" : `${tablesSay}。`,
    }));
  }
  if (others.length) art.append(section("提醒和说明"), el("ol", { class: "xp-items" }, ...others.map((it) => item(r, it, ruleMap))));
  // Year over year (entry.compare: the core's comparison with last year's report).
  const cmp = entry.compare;
  const cds = compareFindings(entry);
  if (cmp) {
    const last = cmp.last || {};
    const lastName = str(last.source).split(/[\\/]/).pop();
    const what = `与上年报告比对（${last.year ? `${last.year}年度，` : ""}文件「${lastName}」）`;
    art.append(section(what), cds.length
      ? el("ol", { class: "xp-items" }, ...cds.map((d, i) => item(r, {
        severity: d.severity, cell: null, expected: [], title: d.title || d.rule, message: d.message,
        fix: d.suggestion || "", diags: [i], keys: new Set(d.cells || []),
      }, ruleMap, cds)))
      : el("p", {
        text: cmp.diagnostics && cmp.diagnostics.length
          ? `与上年报告比对发现的 ${cmp.diagnostics.length} 处问题已列在上文。`
          : "与上年报告比对，未发现不一致。",
      }));
  }
  const found = r.tables && (r.tables.disclosure || r.tables.requests || r.tables.appeals);
  if (found) {
    const marks = items.concat(cds.map((d) => ({ severity: d.severity, cell: null, expected: [], keys: new Set(d.cells || []) })));
    art.append(el("h2", { text: "附：统计表格（要改的格已标出：删除线为现填的数，下方为应填的数）" }), tables(r, marks));
  }
  art.append(el("p", { class: "xp-foot", text: "本意见由“政府信息公开工作年度报告 表格校验”在浏览器内自动核对生成，报告内容未上传。核对依据《中华人民共和国政府信息公开条例》及国办公开办函规定的年度报告格式。" }));
  return art;
}

/** The report's verdict; 有错误 also when its comparison with last year found an error (as the CLI says of a pair). */
function verdictWith(entry) {
  const v = verdictOf(entry.report);
  return statusOf(entry) === v.status ? v : { ...v, status: "errors", title: "有错误" };
}

function diffText(value, expected) {
  if (typeof value !== "number" || typeof expected !== "number") return "";
  const d = value - expected;
  if (!d) return "";
  return `${d > 0 ? "多" : "少"} ${fmt(Math.abs(d))}`;
}

function item(r, it, ruleMap, all = r.diagnostics) {
  const ds = it.diags.map((i) => all[i]).filter(Boolean);
  const li = el("li", { class: `xp-item ${it.severity}` });
  li.append(el("p", { class: "xp-title" }, el("span", { class: `xp-badge ${it.severity}`, text: SEV[it.severity] || it.severity }), " ", el("b", { text: it.title })));
  if (it.message) li.append(el("p", { class: "xp-msg", text: it.message }));

  // The cells: label, value read, 应为, 相差.
  const rows = [];
  const seen = new Set();
  const addCell = (key, expected) => {
    if (!key || seen.has(key)) return;
    seen.add(key);
    const c = r.cells[key];
    const now = !c ? "未读到" : c.kind === "blank" ? "空" : str(c.text).trim();
    const exp = expected.length ? expected.map(fmt).join(" 或 ") : "";
    const diff = expected.length === 1 && c ? diffText(c.value, expected[0]) : "";
    rows.push(el("tr", {},
      el("td", { class: "lbl", text: cellLabel(key) }),
      el("td", { class: "n", text: now }),
      el("td", { class: "n exp", text: exp }),
      el("td", { class: "n", text: diff })));
  };
  if (it.cell) addCell(it.cell, it.expected);
  for (const d of ds) {
    const key = cellOf(d);
    const exp = d.suspect && d.suspect.cell === key ? [d.suspect.expected] : typeof d.expected === "number" && key === (d.cells || []).at(-1) ? [d.expected] : [];
    addCell(key, exp);
  }
  if (rows.length) {
    li.append(el("table", { class: "xp-cells" },
      el("colgroup", {}, el("col"), el("col"), el("col"), el("col")),
      el("thead", {}, el("tr", {}, ...["格", "现填", "应为", "相差"].map((h) => el("th", { scope: "col", text: h })))),
      el("tbody", {}, ...rows)));
  }

  // The rules behind it, with their numbers.
  const single = !it.cell && ds.length === 1;
  if (!single || ds[0].formula) {
    li.append(el("ul", { class: "xp-rules" }, ...ds.map((d) => el("li", {},
      single || (d.title && d.message.includes(d.title)) ? null : el("b", { text: `${d.title || d.rule}：` }),
      single ? null : d.message,
      d.formula ? el("span", { class: "xp-formula", text: d.formula }) : null))));
  }
  // How to fix: the alternatives or the suggestion, then each rule's own advice.
  if (it.fix) li.append(el("p", { class: "xp-alt", text: it.fix }));
  const fixes = [...new Set(ds.map((d) => ruleMap.get(d.rule)).filter(Boolean).map((x) => x.fix).filter(Boolean))];
  if (fixes.length) li.append(el("p", { class: "xp-fix" }, el("b", { text: "怎么改：" }), fixes.join(" ")));
  return li;
}

/** The report's tables as printed, the cells to fix marked with what they should be. */
function tables(r, items) {
  const bad = new Map();
  const involved = new Set();
  const warn = new Set();
  for (const it of items) {
    if (it.severity === "error" && it.cell) bad.set(it.cell, [...new Set([...(bad.get(it.cell) || []), ...it.expected])]);
    for (const k of it.keys) (it.severity === "error" ? involved : warn).add(k);
  }
  const frag = drawTables(r, (key, td) => {
    const c = r.cells[key];
    if (!c) {
      td.classList.add("missing");
      td.append(el("span", { class: "v", text: "未读到" }));
    } else {
      td.append(el("span", { class: "v", text: c.kind === "blank" ? "空" : c.text }));
      if (c.kind === "blank") td.classList.add("blank");
    }
    if (bad.has(key)) {
      td.classList.add("bad");
      td.append(el("span", { class: "exp", text: "应为 " + bad.get(key).map(fmt).join(" 或 ") }));
    } else if (involved.has(key)) td.classList.add("involved");
    else if (warn.has(key)) td.classList.add("warn");
  });
  // Column widths are fixed in print.css (nth-child of these <col>s), so that every table fits A4.
  for (const t of frag.querySelectorAll("table")) {
    const n = t.classList.contains("t3") ? 10 : t.classList.contains("t4") ? 15 : 4;
    t.prepend(el("colgroup", {}, ...Array.from({ length: n }, () => el("col"))));
  }
  return el("div", { class: "xp-tables" }, frag);
}

const HOST_ID = "xxgk-print";

/** The container printed instead of the page (#xxgk-print), created at the end of <body> if missing. */
export function host(doc = document) {
  let h = doc.getElementById(HOST_ID);
  if (!h) {
    h = doc.createElement("div");
    h.id = HOST_ID;
    doc.body.append(h);
  }
  return h;
}

/** Renders `entries` into #xxgk-print (print.css then prints it instead of the page). */
export function show(entries, opts = {}) {
  const h = host();
  h.replaceChildren(renderOpinion(entries, opts));
  document.documentElement.classList.add("xxgk-printing");
  return h;
}

/** Empties #xxgk-print: the page prints as itself again. */
export function clear() {
  pinned = false;
  const h = document.getElementById(HOST_ID);
  if (h) h.replaceChildren();
  document.documentElement.classList.remove("xxgk-printing");
}

let rulesCache = null;
let rulesComplete = false;
/**
 * The rule catalogue with each rule's docs (for each finding's 怎么改),
 * fetched once: titles from the engine, the docs from rule-docs.json (the
 * first-load module has none; see ruleDocs in xxgk-validator.js).
 */
export async function loadRules() {
  if (rulesCache && rulesComplete) return rulesCache;
  let complete = true;
  const rules = await getRules()
    .then((list) => Promise.all(list.map((r) => ruleDocs(r).then((d) => {
      if (!d) complete = false;
      return d ? { ...d, ...r, fix: d.fix } : r;
    }))))
    .catch(() => { complete = false; return []; });
  // A load that missed some docs (offline) is used, and tried again next time.
  if (complete || !rulesCache) rulesCache = rules;
  rulesComplete = complete;
  return rules;
}

// Set while #xxgk-print holds what printOpinion rendered: `beforeprint`
// (see attach) then leaves it as it is, until clear().
let pinned = false;

/**
 * Prints the 审核意见 of `entries`: renders into #xxgk-print, then calls
 * window.print(); #xxgk-print is emptied after printing (`afterprint`).
 * With `opts.print === false` it only renders (a preview, or a test's
 * page.pdf()); call clear() when done. `opts`: { date, rules, print }.
 */
export async function printOpinion(entries, opts = {}) {
  const [rules] = await Promise.all([opts.rules ? opts.rules : loadRules(), loadCss()]);
  show(entries, { ...opts, rules });
  pinned = true;
  if (opts.print === false) return;
  addEventListener("afterprint", () => clear(), { once: true });
  window.print();
}

// ---- The page's single view: Ctrl+P (or the browser's print menu) prints the
// 审核意见 of the report the widget shows. `beforeprint` must render at once
// (the browser lays out the page for print right after it), so the page
// imports this module, print.css and the rules before they are needed: after
// its first check (see app.js).
let attached = null;
let source = null;

/** What the widget checked: `{ name, report }` (name: its file, or 粘贴的文本), or null. */
function widgetEntry(v) {
  if (!v || !v.report) return null;
  const f = v.input && v.input.file;
  return { name: (f && f.name) || "粘贴的文本", report: v.report };
}

/**
 * Makes Ctrl+P print the 审核意见 of `v` (an <xxgk-validator>): loads
 * print.css and the rules now; idempotent. Resolves when ready.
 */
export function attach(v) {
  if (attached) return attached;
  attached = Promise.all([loadRules(), loadCss()]);
  addEventListener("beforeprint", () => {
    if (pinned) return;
    const entries = source ? source() : null;
    if (entries === false) return; // the view prints as it is (a batch's table)
    const list = entries && entries.length ? entries : [widgetEntry(v)].filter(Boolean);
    if (list.length) show(list, { rules: rulesCache || [] });
  });
  addEventListener("afterprint", () => { if (!pinned) clear(); });
  return attached;
}

/**
 * What Ctrl+P prints instead of the widget's report (a batch view, say):
 * `fn()` returns entries, null/[] for the widget's report, or false for no
 * opinion at all (the page prints as it is); `setSource(null)` resets.
 */
export function setSource(fn) {
  source = typeof fn === "function" ? fn : null;
}

/**
 * The 打印审核意见 button: prints the 审核意见 of the widget's report (or of
 * what setSource gives); without a report, the page as it is. Resolves to
 * whether an opinion was printed.
 */
export async function printWidget(v) {
  await attach(v);
  const entries = source ? source() : null;
  const list = entries === false ? [] : entries && entries.length ? entries : [widgetEntry(v)].filter(Boolean);
  if (!list.length) {
    window.print();
    return false;
  }
  await printOpinion(list);
  return true;
}
