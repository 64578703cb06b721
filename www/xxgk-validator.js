// <xxgk-validator>: paste a 政府信息公开工作年度报告, see every wrong cell.
//
//   <script type="module" src="/xxgk/xxgk-validator.js"></script>
//   <xxgk-validator text="…" compact></xxgk-validator>
//
// Attributes: `text` (initial text), `compact` (summary and findings only).
// Properties: `value` (text), `report` (last report), `setInput({text, html})`,
//   `loadFile(file)`, `checkNow()`.
// Events (bubbling, composed): `validated` {report, ms, ok, errors, warnings},
//   `xxgk-input` {text, html} whenever the input changes.
// Plain JS, shadow DOM, styles from xxgk-validator.css via <link>; the
// WebAssembly is loaded relative to this module. Nothing leaves the browser.

import { getEngine } from "./engine.js";
import { drawTables, cellLabel, el } from "./layout.js";
import { readFile, htmlToText } from "./read-file.js";

const CSS_URL = new URL("./xxgk-validator.css", import.meta.url).href;
const HAS_HIGHLIGHT = typeof CSS !== "undefined" && !!CSS.highlights && typeof Highlight === "function";
// Past this many characters, laying out the text in a <textarea> or <pre>
// takes seconds in Chromium: the box then shows the beginning only
// (read-only) and the original-text view is left out; the check uses it all.
const LARGE = 200_000;
const PREVIEW = 20_000;
const SEV = { error: "错误", warning: "提醒", info: "说明" };
const HL_NAMES = ["xxgk-bad", "xxgk-involved", "xxgk-warn", "xxgk-focus"];

function sharedHighlight(name) {
  let h = CSS.highlights.get(name);
  if (!h) {
    h = new Highlight();
    if (name === "xxgk-focus") h.priority = 2;
    else if (name === "xxgk-bad") h.priority = 1;
    CSS.highlights.set(name, h);
  }
  return h;
}

const fmt = (n) => (n == null ? "" : Number.isInteger(n) ? String(n) : String(+n.toFixed(6)));

export class XxgkValidator extends HTMLElement {
  static observedAttributes = ["text"];

  #input = { text: "", html: null };
  #report = null;
  #rules = new Map(); // rule id → catalogue entry
  #checked = ""; // the exact string the report's spans refer to
  #seq = 0;
  #timer = 0;
  #ranges = new Map(); // highlight name → ranges this element added
  #els = {};

  constructor() {
    super();
    const root = this.attachShadow({ mode: "open" });
    const $ = (tag, attrs, ...kids) => el(tag, attrs, ...kids);
    const e = this.#els;
    e.status = $("div", { class: "status", role: "status", "aria-live": "polite" },
      (e.sumMain = $("span", { class: "sum-main", text: "正在加载校验器……" })),
      (e.sumMeta = $("span", { class: "sum-meta" })));
    e.fatal = $("div", { class: "fatal", role: "alert", hidden: true });
    e.ta = $("textarea", {
      id: "in", spellcheck: "false", autocomplete: "off",
      placeholder: "在此粘贴年度报告全文（可直接从 Word、WPS、Excel 或网页复制，保留表格结构），或把 .txt / .html 文件拖到这里。",
      "aria-describedby": "hint",
    });
    e.htmlNote = $("p", { class: "htmlnote htmlmode", hidden: true },
      "已按粘贴内容中的表格结构（HTML）检查。",
      (e.plainBtn = $("button", { type: "button", class: "link", text: "改为按纯文本检查" })));
    e.largeNote = $("p", { class: "htmlnote largenote", hidden: true },
      (e.largeText = $("span")),
      (e.clearBtn = $("button", { type: "button", class: "link", text: "清空" })));
    e.list = $("ol", { class: "list" });
    e.empty = $("p", { class: "empty", text: "粘贴报告后，这里列出发现的问题。" });
    e.tables = $("div", { class: "tables" });
    e.source = $("pre", { class: "source", tabindex: "0", "aria-label": "原文" });
    e.sourceNote = $("p", { class: "muted", hidden: true });
    e.foot = $("p", { class: "foot", text: "全部检查在本机浏览器内完成，内容不会上传。" });
    root.append(
      $("link", { rel: "stylesheet", href: CSS_URL }),
      $("div", { class: "root", part: "root" },
        e.status, e.fatal,
        $("div", { class: "grid" },
          $("div", { class: "edit" },
            $("label", { for: "in", class: "label", text: "报告全文" }),
            e.ta, e.htmlNote, e.largeNote,
            $("p", { id: "hint", class: "muted", text: "边输入边检查；也可以把 .txt / .html 文件（UTF-8 或 GBK 编码）拖到框内。" })),
          $("section", { class: "findings", "aria-labelledby": "fh" },
            $("h2", { id: "fh", text: "发现的问题" }), e.list, e.empty)),
        (e.tablesSec = $("section", { class: "tables-sec", "aria-labelledby": "th", hidden: true },
          $("h2", { id: "th", text: "统计表格（按官方格式排列，问题格已标出）" }), e.tables)),
        (e.sourceSec = $("section", { class: "source-sec", "aria-labelledby": "sh", hidden: true },
          $("h2", { id: "sh", text: "原文（同一处问题在原文中标出）" }), e.sourceNote, e.source)),
        e.foot),
    );

    e.ta.addEventListener("input", () => this.#onEdit());
    e.ta.addEventListener("paste", (ev) => this.#onPaste(ev));
    e.plainBtn.addEventListener("click", () => this.setInput({ text: this.#input.text }));
    e.clearBtn.addEventListener("click", () => { this.setInput({ text: "" }); e.ta.focus(); });
    this.addEventListener("dragover", (ev) => {
      if (ev.dataTransfer && [...ev.dataTransfer.types].includes("Files")) {
        ev.preventDefault();
        this.toggleAttribute("dragging", true);
      }
    });
    this.addEventListener("dragleave", () => this.removeAttribute("dragging"));
    this.addEventListener("drop", (ev) => {
      this.removeAttribute("dragging");
      const f = ev.dataTransfer && ev.dataTransfer.files[0];
      if (f) {
        ev.preventDefault();
        this.loadFile(f);
      }
    });
    e.list.addEventListener("click", (ev) => {
      const b = ev.target.closest("button[data-i]");
      if (b) this.#focusFinding(+b.dataset.i);
    });
    e.list.addEventListener("keydown", (ev) => {
      if (ev.key !== "ArrowDown" && ev.key !== "ArrowUp") return;
      const bs = [...e.list.querySelectorAll("button[data-i]")];
      const i = bs.indexOf(this.shadowRoot.activeElement);
      if (i < 0) return;
      ev.preventDefault();
      const j = Math.max(0, Math.min(bs.length - 1, i + (ev.key === "ArrowDown" ? 1 : -1)));
      bs[j].focus();
    });
    e.tables.addEventListener("click", (ev) => {
      const td = ev.target.closest("td[data-key]");
      if (!td || !this.#report) return;
      const i = this.#report.diagnostics.findIndex((d) => d.cells.includes(td.dataset.key));
      if (i >= 0) {
        const b = e.list.querySelector(`button[data-i="${i}"]`);
        if (b) b.focus();
        this.#focusFinding(i);
      }
    });
  }

  connectedCallback() {
    if (!this.#input.text && this.hasAttribute("text")) this.setInput({ text: this.getAttribute("text") });
    // Start loading the engine now, so the first check is quick, and say so if it cannot run.
    getEngine().then(
      () => { if (!this.#report && !this.#input.text) this.#renderIdle(); },
      (err) => this.#showFatal(err),
    );
  }

  disconnectedCallback() {
    this.#clearHighlights();
  }

  attributeChangedCallback(name, old, value) {
    if (name === "text" && this.isConnected && value !== null && value !== this.#input.text) this.setInput({ text: value });
  }

  /** The text in the box. */
  get value() { return this.#input.text; }
  set value(text) { this.setInput({ text: String(text ?? "") }); }
  /** What is checked: `{ text, html }`, html being the HTML source when the input came as HTML. */
  get input() { return { ...this.#input }; }
  /** The last report (wire shape, see pkg/xxgk_validator.d.ts), or null. */
  get report() { return this.#report; }

  /** Replace the input and check it now. `html` (optional) is checked instead of `text`. */
  setInput({ text = "", html = null } = {}) {
    const e = this.#els;
    this.#input = { text, html: html || null };
    const large = text.length > LARGE || (html || "").length > LARGE;
    e.ta.value = large ? text.slice(0, PREVIEW) + "\n……" : text;
    e.ta.readOnly = large;
    e.largeNote.hidden = !large;
    if (large) e.largeText.textContent = `内容很长（${Math.round((html || text).length / 10000)} 万字），为保持页面流畅，上框只显示开头部分，检查使用全文。`;
    e.htmlNote.hidden = !html;
    this.#emitInput();
    return this.checkNow();
  }

  /** Read a .txt / .html file (UTF-8, UTF-16 with BOM, or GBK) and check it. */
  async loadFile(file) {
    const r = await readFile(file);
    return r.html ? this.setInput({ text: htmlToText(r.text), html: r.text }) : this.setInput({ text: r.text });
  }

  /** Check the current input now; resolves to the report (null when empty or superseded). */
  checkNow() {
    clearTimeout(this.#timer);
    return this.#run();
  }

  #emitInput() {
    this.dispatchEvent(new CustomEvent("xxgk-input", { bubbles: true, composed: true, detail: { ...this.#input } }));
  }

  #onEdit() {
    this.#input = { text: this.#els.ta.value, html: null };
    this.#els.htmlNote.hidden = true;
    this.#emitInput();
    clearTimeout(this.#timer);
    const n = this.#input.text.length;
    this.#timer = setTimeout(() => this.#run(), n > 300_000 ? 700 : 250);
  }

  #onPaste(ev) {
    const dt = ev.clipboardData;
    if (!dt) return;
    const html = dt.getData("text/html");
    // Word, WPS, Excel and web pages put the table structure in text/html.
    if (html && /<table[\s>]/i.test(html)) {
      ev.preventDefault();
      const text = dt.getData("text/plain") || htmlToText(html);
      this.setInput({ text, html });
      return;
    }
    const text = dt.getData("text/plain");
    if (text.length > LARGE) {
      // Too long for the browser to insert quickly: keep it ourselves.
      ev.preventDefault();
      const ta = this.#els.ta;
      const before = ta.readOnly ? "" : ta.value.slice(0, ta.selectionStart);
      const after = ta.readOnly ? "" : ta.value.slice(ta.selectionEnd);
      this.setInput({ text: before + text + after });
    }
    // Otherwise the browser inserts the plain text and `input` follows.
  }

  async #run() {
    const seq = ++this.#seq;
    const { text, html } = this.#input;
    const src = html || text;
    if (!src.trim()) {
      this.#report = null;
      this.#renderIdle();
      return null;
    }
    const busy = setTimeout(() => { if (seq === this.#seq) this.#els.sumMain.textContent = "正在检查……"; }, 150);
    let engine;
    try {
      engine = await getEngine();
    } catch (err) {
      clearTimeout(busy);
      this.#showFatal(err);
      return null;
    }
    let result;
    let checked = src;
    try {
      result = await engine.check(src, { html: !!html });
      if (html && text.trim()) {
        // Word, WPS and Excel also put tab-separated plain text on the
        // clipboard. When it reads the tables as fully (and without splitting
        // run-together digits), use it: the original-text view then shows the
        // text the user pasted, not HTML source.
        const plain = await engine.check(text, { html: false });
        const n = (r) => Object.keys(r.cells).length;
        const guessed = plain.report.diagnostics.some((d) => d.rule === "text.run_together_digits");
        if (!guessed && n(plain.report) > 0 && n(plain.report) >= n(result.report)) {
          result = plain;
          checked = text;
        }
      }
    } catch (err) {
      clearTimeout(busy);
      if (seq === this.#seq) this.#showFatal(err);
      return null;
    }
    clearTimeout(busy);
    if (seq !== this.#seq) return null;
    this.#els.fatal.hidden = true;
    this.#report = result.report;
    if (!this.#rules.size) for (const r of engine.rules || []) this.#rules.set(r.id, r);
    this.#checked = checked;
    this.#els.htmlNote.hidden = !(html && checked === html);
    this.#render(result.report, checked, result.ms);
    const s = result.report.summary;
    this.dispatchEvent(new CustomEvent("validated", {
      bubbles: true, composed: true,
      detail: { report: result.report, ms: result.ms, ok: s.errors === 0, errors: s.errors, warnings: s.warnings },
    }));
    return result.report;
  }

  #showFatal(err) {
    const e = this.#els;
    e.fatal.textContent = (err && err.name === "EngineError" ? err.message : "校验器出错：" + ((err && err.message) || err));
    e.fatal.hidden = false;
    e.sumMain.textContent = "校验器无法运行";
    e.sumMeta.textContent = "";
    this.setAttribute("state", "fatal");
  }

  #renderIdle() {
    const e = this.#els;
    e.sumMain.textContent = "请粘贴报告全文";
    e.sumMeta.textContent = "";
    e.list.replaceChildren();
    e.empty.hidden = false;
    e.empty.textContent = "粘贴报告后，这里列出发现的问题。";
    e.tablesSec.hidden = true;
    e.sourceSec.hidden = true;
    e.foot.textContent = "全部检查在本机浏览器内完成，内容不会上传。";
    this.#clearHighlights();
    this.setAttribute("state", "idle");
  }

  #render(report, src, ms) {
    const e = this.#els;
    const s = report.summary;
    const found = report.tables.disclosure || report.tables.requests || report.tables.appeals;

    // Summary
    const bits = [];
    if (report.year) bits.push(`${report.year}年度报告`);
    if (report.version) bits.push(report.version === "v2021" ? "2021年版格式" : "2019年版格式");
    if (report.html) bits.push("按网页表格读取");
    e.sumMeta.textContent = bits.join(" · ");
    if (!found) {
      e.sumMain.textContent = "未找到标准表格";
      this.setAttribute("state", "notfound");
    } else if (s.errors) {
      e.sumMain.textContent = `${s.errors} 处错误` + (s.warnings ? ` / ${s.warnings} 处提醒` : "");
      this.setAttribute("state", "errors");
    } else {
      e.sumMain.textContent = "未发现错误" + (s.warnings ? ` / ${s.warnings} 处提醒` : "");
      this.setAttribute("state", s.warnings ? "warnings" : "ok");
    }

    // Which cells to mark
    const bad = new Map(); // key → [expected values]
    const involved = new Set();
    const warn = new Set();
    const notes = new Map();
    const addNote = (k, m) => notes.set(k, (notes.get(k) ? notes.get(k) + "\n" : "") + m);
    for (const d of report.diagnostics) {
      if (d.suspect) bad.set(d.suspect.cell, [...new Set([...(bad.get(d.suspect.cell) || []), d.suspect.expected])]);
      for (const alt of d.alternatives || []) for (const a of alt) if (!bad.has(a.cell)) involved.add(a.cell);
      for (const k of d.cells) {
        (d.severity === "error" ? involved : warn).add(k);
        addNote(k, `${SEV[d.severity]}：${d.message}`);
      }
    }

    // Findings
    e.list.replaceChildren();
    report.diagnostics.forEach((d, i) => {
      const fix = [];
      if (d.suspect) fix.push(`建议：${cellLabel(d.suspect.cell)}应为 ${fmt(d.suspect.expected)}` + (report.cells[d.suspect.cell] ? `（现为 ${report.cells[d.suspect.cell].text || "空"}）` : ""));
      else if (d.alternatives && d.alternatives.length)
        fix.push("可能的更正：" + d.alternatives.map((alt) => alt.map((a) => `${cellLabel(a.cell)}改为 ${fmt(a.expected)}`).join("，")).join("；或 "));
      const b = el("button", { type: "button", "data-i": i, class: "finding" },
        el("span", { class: `badge ${d.severity}`, text: SEV[d.severity] || d.severity }),
        el("strong", { class: "title", text: d.title || d.rule }),
        el("span", { class: "msg", text: d.message }),
        d.formula ? el("span", { class: "formula", text: d.formula }) : null,
        fix.length ? el("span", { class: "fix", text: fix.join(" ") }) : null);
      const rule = this.#rules.get(d.rule);
      const doc = rule
        ? el("details", { class: "doc" },
            el("summary", { text: "这条规则是什么？" }),
            el("p", { text: rule.what }),
            el("p", {}, el("b", { text: "为什么：" }), rule.why),
            el("p", {}, el("b", { text: "怎么改：" }), rule.fix))
        : null;
      e.list.append(el("li", { class: d.severity }, b, doc));
    });
    e.empty.hidden = report.diagnostics.length > 0;
    e.empty.textContent = found ? "表格的勾稽关系全部相符。" : "没有找到年度报告格式规定的统计表格。";

    // Tables
    e.tables.replaceChildren(drawTables(report, (key, td) => {
      const c = report.cells[key];
      if (!c) {
        td.classList.add("missing");
        td.textContent = "";
        return;
      }
      td.append(el("span", { class: "v", text: c.kind === "blank" ? "空" : c.text }));
      if (c.kind === "blank") td.classList.add("blank");
      if (bad.has(key)) {
        td.classList.add("bad");
        td.append(el("span", { class: "exp", text: "应为 " + bad.get(key).map(fmt).join(" 或 ") }));
      } else if (involved.has(key)) td.classList.add("involved");
      else if (warn.has(key)) td.classList.add("warn");
      if (notes.has(key)) {
        td.title = cellLabel(key) + "\n" + notes.get(key);
        td.classList.add("has-note");
      }
    }));
    e.tablesSec.hidden = !found;

    // Original text
    this.#drawSource(report, src, bad, involved, warn);
    e.foot.textContent = `检查用时 ${ms < 10 ? ms.toFixed(1) : Math.round(ms)} 毫秒 · 全部检查在本机浏览器内完成，内容不会上传。`;
    e.foot.dataset.ms = String(ms);
  }

  #drawSource(report, src, bad, involved, warn) {
    const e = this.#els;
    this.#clearHighlights();
    e.sourceSec.hidden = !src;
    if (src.length > LARGE) {
      e.source.replaceChildren();
      e.source.hidden = true;
      e.sourceNote.hidden = false;
      e.sourceNote.textContent = `原文很长（${Math.round(src.length / 10000)} 万字），不显示原文视图；问题格见上方表格。`;
      return;
    }
    e.source.hidden = false;
    e.sourceNote.hidden = !report.html;
    e.sourceNote.textContent = report.html ? "以下是粘贴内容的网页源码（HTML），仅作文本显示。" : "";
    const marks = [];
    for (const [key, c] of Object.entries(report.cells)) {
      const sp = c.span16;
      if (!sp || sp[1] <= sp[0]) continue;
      const cls = bad.has(key) ? "bad" : involved.has(key) ? "involved" : warn.has(key) ? "warn" : null;
      if (cls) marks.push({ key, start: sp[0], end: sp[1], cls });
    }
    marks.sort((a, b) => a.start - b.start);
    if (HAS_HIGHLIGHT) {
      const node = document.createTextNode(src);
      e.source.replaceChildren(node);
      e.source.scrollTop = 0;
      for (const m of marks) {
        const r = new Range();
        r.setStart(node, m.start);
        r.setEnd(node, m.end);
        this.#addRange(`xxgk-${m.cls}`, r);
      }
    } else {
      const parts = [];
      let at = 0;
      for (const m of marks) {
        if (m.start < at) continue;
        parts.push(src.slice(at, m.start), el("mark", { class: m.cls, "data-key": m.key, text: src.slice(m.start, m.end) }));
        at = m.end;
      }
      parts.push(src.slice(at));
      e.source.replaceChildren(...parts);
      e.source.scrollTop = 0;
    }
  }

  #addRange(name, range) {
    sharedHighlight(name).add(range);
    if (!this.#ranges.has(name)) this.#ranges.set(name, []);
    this.#ranges.get(name).push(range);
  }

  #clearHighlights(only) {
    if (!HAS_HIGHLIGHT) return;
    for (const [name, rs] of this.#ranges) {
      if (only && name !== only) continue;
      const h = CSS.highlights.get(name);
      if (h) for (const r of rs) h.delete(r);
      this.#ranges.delete(name);
    }
  }

  #focusFinding(i) {
    const report = this.#report;
    const d = report && report.diagnostics[i];
    if (!d) return;
    const e = this.#els;
    const keys = new Set(d.cells);
    if (d.suspect) keys.add(d.suspect.cell);
    for (const b of e.list.querySelectorAll("button[aria-current]")) b.removeAttribute("aria-current");
    const btn = e.list.querySelector(`button[data-i="${i}"]`);
    if (btn) btn.setAttribute("aria-current", "true");

    // In the tables
    for (const td of e.tables.querySelectorAll("td.focus")) td.classList.remove("focus", "flash");
    const tds = [...e.tables.querySelectorAll("td[data-key]")].filter((td) => keys.has(td.dataset.key));
    for (const td of tds) {
      td.classList.remove("flash");
      void td.offsetWidth; // restart the animation
      td.classList.add("focus", "flash");
    }
    const compact = this.hasAttribute("compact");
    if (!compact && tds[0]) tds[0].scrollIntoView({ block: "center", inline: "nearest", behavior: "smooth" });

    // In the original text
    const spans = [...keys].map((k) => report.cells[k] && report.cells[k].span16).filter((s) => s && s[1] > s[0]);
    if (!spans.length && d.span16) spans.push(d.span16);
    spans.sort((a, b) => a[0] - b[0]);
    if (compact) {
      // No source view: select the first place in the text box (text input only).
      if (spans[0] && !this.#input.html && !e.ta.readOnly) {
        e.ta.setSelectionRange(spans[0][0], spans[0][1]);
        e.ta.blur();
        e.ta.focus({ preventScroll: false });
      }
      return;
    }
    if (e.source.hidden) return;
    if (HAS_HIGHLIGHT) {
      this.#clearHighlights("xxgk-focus");
      const node = e.source.firstChild;
      if (!node) return;
      for (const s of spans) {
        if (s[1] > node.length) continue;
        const r = new Range();
        r.setStart(node, s[0]);
        r.setEnd(node, s[1]);
        this.#addRange("xxgk-focus", r);
      }
      if (spans[0] && spans[0][1] <= node.length) {
        const r = new Range();
        r.setStart(node, spans[0][0]);
        r.setEnd(node, spans[0][1]);
        this.#scrollSourceTo(r.getBoundingClientRect());
      }
    } else {
      for (const m of e.source.querySelectorAll("mark.focus")) m.classList.remove("focus");
      const ms = [...e.source.querySelectorAll("mark[data-key]")].filter((m) => keys.has(m.dataset.key));
      for (const m of ms) m.classList.add("focus");
      if (ms[0]) this.#scrollSourceTo(ms[0].getBoundingClientRect());
    }
  }

  #scrollSourceTo(rect) {
    const pre = this.#els.source;
    const box = pre.getBoundingClientRect();
    pre.scrollTop += rect.top - box.top - pre.clientHeight / 2;
  }
}

if (!customElements.get("xxgk-validator")) customElements.define("xxgk-validator", XxgkValidator);
