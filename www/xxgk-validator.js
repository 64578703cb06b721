// <xxgk-validator>: paste a 政府信息公开工作年度报告, see every wrong cell.
//
//   <script type="module" src="/xxgk/xxgk-validator.js"></script>
//   <xxgk-validator text="…" compact></xxgk-validator>
//
// Attributes: `text` (initial text), `compact` (summary and findings only).
// Properties: `value` (text), `report` (last report), `setInput({text, html})`,
//   `loadFile(file)`, `checkNow()`.
// Events (bubbling, composed): `validated` {report, ms, status, verdict, ok,
//   errors, warnings, mistakes} — `status` is "errors", "clean" or
//   "incomplete" and `ok` is true only for "clean"; `xxgk-input` {text, html}
//   whenever the input changes (with `file` {name, kind} when it was read
//   from a PDF or Word file: that text is the file's, not the user's).
// Plain JS, shadow DOM, styles from xxgk-validator.css via <link>; the
// WebAssembly is loaded relative to this module. Nothing leaves the browser.

import { getEngine } from "./engine.js";
import { drawTables, cellLabel, layoutKeys, el } from "./layout.js";

const CSS_URL = new URL("./xxgk-validator.css", import.meta.url).href;
const HAS_HIGHLIGHT = typeof CSS !== "undefined" && !!CSS.highlights && typeof Highlight === "function";
// Past this many characters, laying out the text in a <textarea> or <pre>
// takes seconds in Chromium: the box then shows the beginning only
// (read-only) and the original-text view is left out; the check uses it all.
const LARGE = 200_000;
const PREVIEW = 8_000;
const SEV = { error: "错误", warning: "提醒", info: "说明" };

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

// Below this width (CSS px of the element) the tables are drawn for a phone.
const NARROW = 600;
const str = (x) => (typeof x === "string" ? x : x == null ? "" : String(x));

// The rules' docs (what / why / fix) by id, fetched once from rule-docs.json:
// the first-load module's catalogue has ids, severities and titles only.
const DOCS_URL = new URL("./rule-docs.json", import.meta.url).href;
let docsByRule = null;
/** A rule's docs `{ what, why, fix }` (from `rule` itself when it has them), or null when they cannot be loaded. */
export function ruleDocs(rule) {
  if (rule && rule.what) return Promise.resolve(rule);
  docsByRule ??= fetch(DOCS_URL)
    .then((r) => (r.ok ? r.json() : Promise.reject(new Error(String(r.status)))))
    .then((list) => new Map(list.map((d) => [d.id, d])));
  docsByRule.catch(() => { docsByRule = null; });
  return docsByRule.then((m) => m.get(rule && rule.id) || null, () => null);
}

export class XxgkValidator extends HTMLElement {
  static observedAttributes = ["text"];

  #input = { text: "", html: null, file: null }; // file: { name, kind, encoding, pages16 } when read from a file
  #derived = null; // the HTML whose text (made by the checker) is in #input.text
  #report = null;
  #verdict = null;
  #items = []; // one per mistake to fix (then warnings, notes): see findingsOf below
  #rules = new Map(); // rule id → catalogue entry
  #checked = ""; // the exact string the report's spans refer to
  #ms = 0;
  #seq = 0;
  #timer = 0;
  #narrow = false;
  #resize = null;
  #ranges = new Map(); // highlight name → ranges this element added
  #els = {};
  #srcNodes = []; // the original-text view's text nodes: { node, start } (UTF-16 offset of its text)

  constructor() {
    super();
    const root = this.attachShadow({ mode: "open" });
    const $ = (tag, attrs, ...kids) => el(tag, attrs, ...kids);
    const e = this.#els;
    e.status = $("div", { class: "status", role: "status", "aria-live": "polite" },
      $("div", { class: "sum-line" },
        (e.sumMain = $("span", { class: "sum-main", text: "正在加载校验器……" })),
        (e.sumCount = $("span", { class: "sum-count" })),
        (e.sumMeta = $("span", { class: "sum-meta" }))),
      (e.reasons = $("ul", { class: "reasons", hidden: true })),
      (e.advice = $("p", { class: "advice", hidden: true })));
    e.fatal = $("div", { class: "fatal", role: "alert", hidden: true });
    e.ta = $("textarea", {
      id: "in", spellcheck: "false", autocomplete: "off",
      placeholder: "在此粘贴年度报告全文（可直接从 Word、WPS、Excel 或网页复制，保留表格结构），或把报告文件（PDF、Word .docx、.txt、.html）拖到这里。",
      "aria-describedby": "hint",
    });
    e.htmlNote = $("p", { class: "htmlnote htmlmode", hidden: true },
      "已按粘贴内容中的表格结构（HTML）检查。",
      (e.plainBtn = $("button", { type: "button", class: "link", text: "改为按纯文本检查" })));
    e.fileNote = $("p", { class: "htmlnote filenote", role: "status", hidden: true });
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
            e.fileNote, e.ta, e.htmlNote, e.largeNote,
            $("p", { id: "hint", class: "muted", text: "边输入边检查；也可以把报告文件拖到框内：PDF（可复制文字的）、Word（.docx）、.txt 或 .html（UTF-8 或 GBK 编码）。" })),
          $("section", { class: "findings", "aria-labelledby": "fh" },
            $("h2", { id: "fh", text: "要改的地方" }), e.list, e.empty)),
        (e.tablesSec = $("section", { class: "tables-sec", "aria-labelledby": "th", hidden: true },
          $("h2", { id: "th", text: "统计表格（按官方格式排列，要改的格已标出）" }),
          (e.keysNote = $("p", { class: "muted keys", text: "删除线是现在填的数，下面是应填的数。点格子或按方向键移到格子上、按回车，可查看这一格的问题。" })),
          e.tables)),
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
      if (b) this.#select(+b.dataset.i, { focusCell: true });
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
      if (!td) return;
      this.#rove(td, false);
      this.#showCell(td, false);
    });
    e.tables.addEventListener("keydown", (ev) => this.#onTableKey(ev));
  }

  connectedCallback() {
    if (!this.#input.text && !this.#input.html && this.hasAttribute("text")) this.setInput({ text: this.getAttribute("text") });
    // Start loading the engine now, so the first check is quick, and say so if it cannot run.
    getEngine().then(
      () => { if (!this.#report && !this.#input.text && !this.#input.html) this.#renderIdle(); },
      (err) => this.#showFatal(err),
    );
    if (typeof ResizeObserver === "function" && !this.#resize) {
      this.#resize = new ResizeObserver(() => {
        const narrow = this.clientWidth > 0 && this.clientWidth < NARROW;
        if (narrow !== this.#narrow) {
          this.#narrow = narrow;
          if (this.#report) this.#drawTables();
        }
      });
      this.#resize.observe(this);
    }
  }

  disconnectedCallback() {
    this.#clearHighlights();
    this.#resize?.disconnect();
    this.#resize = null;
  }

  attributeChangedCallback(name, old, value) {
    if (name === "text" && this.isConnected && value !== null && value !== this.#input.text) this.setInput({ text: value });
  }

  /** The text in the box. */
  get value() { return this.#input.text; }
  set value(text) { this.setInput({ text: str(text) }); }
  /** What is checked: `{ text, html }`, html being the HTML source when the input came as HTML. */
  get input() { return { ...this.#input }; }
  /** The last report (wire shape, see pkg/xxgk_validator.d.ts), or null. */
  get report() { return this.#report; }
  /** The last verdict: `{ status, title, reasons, advice }`, or null. */
  get verdict() { return this.#verdict && { ...this.#verdict }; }

  /**
   * Replace the input and check it now. `html` (optional) is checked instead
   * of `text`; without `text`, the box shows the HTML's text as the checker
   * reads it (made in the worker: the HTML is never parsed on the page).
   */
  setInput({ text = "", html = null } = {}) {
    return this.#setInput({ text: str(text), html: typeof html === "string" && html ? html : null, file: null });
  }

  #setInput(input) {
    this.#input = input;
    this.#derived = null;
    this.#showInput();
    this.#emitInput();
    return this.checkNow();
  }

  /**
   * Read a file and check it: PDF (with a text layer), Word (.docx), text
   * (UTF-8, UTF-16, GBK) or HTML. The core reads the bytes (in the worker)
   * and tells the type from them, not from the name; what it cannot read is
   * said plainly and nothing is checked. Resolves to the report, or null.
   */
  async loadFile(file) {
    const seq = ++this.#seq;
    clearTimeout(this.#timer);
    const name = str(file && file.name) || "文件";
    const e = this.#els;
    const busy = setTimeout(() => { if (seq === this.#seq) e.sumMain.textContent = `正在读取文件「${name}」……`; }, 100);
    let r;
    try {
      const engine = await getEngine();
      r = (await engine.readFile(file)).file;
    } catch (err) {
      clearTimeout(busy);
      if (seq === this.#seq) this.#showFatal(err);
      return null;
    } finally {
      clearTimeout(busy);
    }
    if (seq !== this.#seq) return null;
    if (!r || !r.ok) return this.#showUnreadable(name, r);
    const info = { name, kind: r.kind, encoding: r.encoding, lossy: !!r.lossy, pages16: r.pages16 || [] };
    if (r.kind === "html") return this.#setInput({ text: "", html: r.text, file: info });
    return this.#setInput({ text: str(r.text), html: null, file: info });
  }

  /** Check the current input now; resolves to the report (null when empty or superseded). */
  checkNow() {
    clearTimeout(this.#timer);
    return this.#run();
  }

  #showInput() {
    const e = this.#els;
    const { text, html } = this.#input;
    const large = text.length > LARGE || (html || "").length > LARGE;
    e.ta.value = large ? text.slice(0, PREVIEW) + (text.length > PREVIEW ? "\n……" : "") : text;
    const file = this.#input.file;
    const extracted = !!file && (file.kind === "pdf" || file.kind === "docx");
    e.ta.readOnly = large || (!!html && !text) || extracted;
    e.fileNote.hidden = !file;
    e.fileNote.textContent = file ? fileSays(file) : "";
    this.toggleAttribute("file", extracted);
    e.largeNote.hidden = !large;
    if (large) e.largeText.textContent = `内容很长（${wan((html || text).length)} 万字），为保持页面流畅，上框只显示开头部分，检查使用全文。`;
    if (html && !text) e.ta.placeholder = "正在读取网页内容……";
    e.htmlNote.hidden = !html;
  }

  #emitInput() {
    const { text, html, file } = this.#input;
    const detail = { text, html };
    if (file) detail.file = { name: file.name, kind: file.kind };
    this.dispatchEvent(new CustomEvent("xxgk-input", { bubbles: true, composed: true, detail }));
  }

  #onEdit() {
    this.#input = { text: this.#els.ta.value, html: null, file: null };
    this.#els.fileNote.hidden = true;
    this.#derived = null;
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
    // The HTML string goes to the checker as is: it is never parsed into a
    // document here (its style= and on…= attributes would meet the portal's CSP).
    if (html && /<t(able|d|r)[\s>]/i.test(html)) {
      ev.preventDefault();
      this.setInput({ text: dt.getData("text/plain"), html });
      return;
    }
    const text = dt.getData("text/plain");
    if (text.length > LARGE || this.#els.ta.readOnly) {
      // Too long for the browser to insert quickly, or the box shows a
      // file's text (read-only): keep it ourselves (replacing the file's).
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
    if (!/\S/.test(src)) {
      this.#report = null;
      this.#verdict = null;
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
      const needText = !!html && !text;
      const file = this.#input.file;
      const from = file && !html ? { kind: file.kind, source: file.name } : {};
      result = await engine.check(src, { html: !!html, text: needText, ...from });
      if (needText && seq === this.#seq) {
        // The HTML's text, as the checker reads it, for the box.
        this.#input.text = str(result.text);
        this.#derived = html;
        this.#showInput();
      } else if (html && this.#derived !== html && /\S/.test(text)) {
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
    const report = result.report;
    this.#report = report;
    this.#verdict = verdictOf(report);
    this.#items = findingsOf(report);
    if (!this.#rules.size) for (const r of engine.rules || []) this.#rules.set(r.id, r);
    this.#checked = checked;
    this.#ms = result.ms;
    this.#els.htmlNote.hidden = !(html && checked === html);
    this.#render();
    const s = report.summary;
    const v = this.#verdict;
    this.dispatchEvent(new CustomEvent("validated", {
      bubbles: true, composed: true,
      detail: {
        report, ms: result.ms, status: v.status, verdict: { ...v }, ok: v.status === "clean",
        errors: s.errors, warnings: s.warnings, mistakes: s.mistakes ?? this.#items.filter((it) => it.severity === "error").length,
      },
    }));
    return report;
  }

  #showFatal(err) {
    const e = this.#els;
    e.fatal.textContent = (err && err.name === "EngineError" ? err.message : "校验器出错：" + ((err && err.message) || err));
    e.fatal.hidden = false;
    e.sumMain.textContent = "校验器无法运行";
    e.sumCount.textContent = "";
    e.sumMeta.textContent = "";
    e.reasons.hidden = true;
    e.advice.hidden = true;
    this.setAttribute("state", "fatal");
  }

  /** A file the core cannot read: its reason, nothing checked, nothing kept. */
  #showUnreadable(name, r) {
    const e = this.#els;
    const message = (r && r.message) || "无法读取这个文件。";
    this.#input = { text: "", html: null, file: null };
    this.#derived = null;
    this.#showInput();
    this.#report = null;
    this.#verdict = { status: "incomplete", title: `无法读取文件「${name}」`, reasons: [message], advice: null };
    this.#items = [];
    this.#clearHighlights();
    e.fatal.hidden = true;
    e.sumMain.textContent = this.#verdict.title;
    e.sumCount.textContent = "";
    e.sumMeta.textContent = "";
    e.reasons.replaceChildren(el("li", { text: message }));
    e.reasons.hidden = false;
    e.advice.hidden = true;
    e.list.replaceChildren();
    e.empty.hidden = false;
    e.empty.textContent = "文件没有读取，什么也没有检查。";
    e.tablesSec.hidden = true;
    e.sourceSec.hidden = true;
    e.foot.textContent = "文件在本机浏览器内读取，内容不会上传。";
    this.setAttribute("state", "unreadable");
    this.setAttribute("status", "incomplete");
    this.dispatchEvent(new CustomEvent("validated", {
      bubbles: true, composed: true,
      detail: {
        report: null, ms: 0, status: "incomplete", verdict: { ...this.#verdict }, ok: false,
        errors: 0, warnings: 0, mistakes: 0, unreadable: { name, code: (r && r.code) || "unreadable", message },
      },
    }));
    return null;
  }

  #renderIdle() {
    const e = this.#els;
    e.sumMain.textContent = "请粘贴报告全文";
    e.sumCount.textContent = "";
    e.sumMeta.textContent = "";
    e.reasons.hidden = true;
    e.advice.hidden = true;
    e.list.replaceChildren();
    e.empty.hidden = false;
    e.empty.textContent = "粘贴报告后，这里列出要改的地方。";
    e.tablesSec.hidden = true;
    e.sourceSec.hidden = true;
    e.foot.textContent = "全部检查在本机浏览器内完成，内容不会上传。";
    this.#items = [];
    this.#clearHighlights();
    this.setAttribute("state", "idle");
    this.removeAttribute("status");
  }

  #render() {
    const e = this.#els;
    const report = this.#report;
    const v = this.#verdict;
    const s = report.summary;
    const found = report.tables.disclosure || report.tables.requests || report.tables.appeals;

    // Headline: the verdict, then what to fix and how many rules failed, apart.
    const bits = [];
    if (report.year) bits.push(`${report.year}年度报告`);
    if (report.version) bits.push(report.version === "v2021" ? "2021年版格式" : "2019年版格式");
    const file = this.#input.file;
    if (file && file.kind === "pdf") bits.push("读取自 PDF 文件");
    else if (file && file.kind === "docx") bits.push("读取自 Word 文件");
    if (report.html) bits.push("按网页表格读取");
    e.sumMeta.textContent = bits.join(" · ");
    e.sumMain.textContent = v.title;
    const mistakes = this.#items.filter((it) => it.severity === "error").length;
    const count = [];
    if (s.errors) count.push(`${mistakes} 处要改`, `${s.errors} 项核对不符`);
    if (s.warnings) count.push(`${s.warnings} 处提醒`);
    e.sumCount.textContent = count.join(" · ");
    e.reasons.replaceChildren(...v.reasons.map((r) => el("li", { text: r })));
    e.reasons.hidden = v.reasons.length === 0;
    e.advice.textContent = v.advice ? `建议：${v.advice}` : "";
    e.advice.hidden = !v.advice;
    this.setAttribute("status", v.status);
    this.setAttribute("state", v.status === "errors" ? "errors" : !found ? "notfound" : v.status === "clean" ? (s.warnings ? "warnings" : "ok") : "incomplete");

    // Findings: one per mistake; the broken rules on demand.
    e.list.replaceChildren();
    this.#items.forEach((it, i) => {
      const b = el("button", { type: "button", "data-i": i, class: "finding" },
        el("span", { class: `badge ${it.severity}`, text: SEV[it.severity] || it.severity }),
        el("strong", { class: "title", text: it.title }),
        it.message ? el("span", { class: "msg", text: it.message }) : null,
        it.diags.length === 1 && report.diagnostics[it.diags[0]].formula && !it.cell
          ? el("span", { class: "formula", text: report.diagnostics[it.diags[0]].formula }) : null,
        it.fix ? el("span", { class: it.fix.startsWith("也可能") ? "fix alt" : "fix", text: it.fix }) : null);
      e.list.append(el("li", { class: it.severity }, b, this.#details(it)));
    });
    e.empty.hidden = this.#items.length > 0;
    e.empty.textContent = v.status === "clean" ? "表格的勾稽关系全部相符。" : found ? "没有发现错误，但有部分内容没有核对（见上方说明）。" : "没有找到年度报告格式规定的统计表格。";

    // Tables
    this.#drawTables();
    e.tablesSec.hidden = !found;

    // Original text
    this.#drawSource();
    const ms = this.#ms;
    e.foot.textContent = `检查用时 ${ms < 10 ? ms.toFixed(1) : Math.round(ms)} 毫秒 · 全部检查在本机浏览器内完成，内容不会上传。`;
    e.foot.dataset.ms = String(ms);
  }

  /** The broken rules behind one finding, with each rule's explanation. */
  #details(it) {
    const report = this.#report;
    const ds = it.diags.map((i) => report.diagnostics[i]);
    // The docs come from the catalogue when the module has them, else from
    // rule-docs.json, fetched the first time a person opens one.
    const doc = (d) => {
      const rule = this.#rules.get(d.rule);
      if (!rule) return null;
      const box = el("details", { class: "doc" }, el("summary", { text: "这条规则是什么？" }));
      let filled = false;
      box.addEventListener("toggle", () => {
        if (!box.open || filled) return;
        filled = true;
        box.querySelector("p.failed")?.remove();
        const wait = el("p", { class: "muted", text: "正在加载说明……" });
        box.append(wait);
        ruleDocs(rule).then((r) => {
          wait.remove();
          if (!r) {
            filled = false;
            box.append(el("p", { class: "muted failed", text: "说明未能加载（第一次查看需要联网）。请稍后重试。" }));
            return;
          }
          box.replaceChildren(box.firstChild,
            el("p", { text: r.what }),
            el("p", {}, el("b", { text: "为什么：" }), r.why),
            el("p", {}, el("b", { text: "怎么改：" }), r.fix));
        });
      });
      return box;
    };
    if (!it.cell && ds.length === 1) return doc(ds[0]);
    return el("details", { class: "rules" },
      el("summary", { text: `不符的核对（${ds.length} 项）` }),
      el("ul", {}, ...ds.map((d) => el("li", {},
        el("strong", { text: d.title || d.rule }),
        el("span", { class: "msg", text: d.message }),
        d.formula ? el("span", { class: "formula", text: d.formula }) : null,
        doc(d)))));
  }

  #marks() {
    // key → how it is marked: suspect (strong), rule cell (faint), warning.
    const bad = new Map(); // key → expected values
    const involved = new Set();
    const warn = new Set();
    const itemsOf = new Map(); // key → finding indices
    this.#items.forEach((it, i) => {
      if (it.severity === "error" && it.cell) bad.set(it.cell, [...new Set([...(bad.get(it.cell) || []), ...it.expected])]);
      const keys = new Set(it.keys);
      if (it.cell) keys.add(it.cell);
      for (const k of keys) {
        if (!itemsOf.has(k)) itemsOf.set(k, []);
        itemsOf.get(k).push(i);
        (it.severity === "error" ? involved : warn).add(k);
      }
    });
    for (const k of bad.keys()) involved.delete(k);
    return { bad, involved, warn, itemsOf };
  }

  #drawTables() {
    const e = this.#els;
    const report = this.#report;
    const { bad, involved, warn, itemsOf } = this.#marks();
    let first = null;
    e.tables.replaceChildren(drawTables(report, (key, td) => {
      const c = report.cells[key];
      td.tabIndex = -1;
      let label = cellLabel(key) + "：";
      if (!c) {
        td.classList.add("missing");
        label += "未读到";
      } else {
        td.append(el("span", { class: "v", text: c.kind === "blank" ? "空" : c.text }));
        if (c.kind === "blank") td.classList.add("blank");
        label += c.kind === "blank" ? "空" : c.text;
      }
      if (bad.has(key)) {
        const exp = bad.get(key).map(fmt).join(" 或 ");
        td.classList.add("bad");
        td.append(el("span", { class: "exp", "aria-hidden": "true", text: "应为 " + exp }));
        label += `，应为 ${exp}`;
        if (!first) first = td;
      } else if (involved.has(key)) {
        td.classList.add("involved");
        label += "，在不符的核对中";
      } else if (warn.has(key)) {
        td.classList.add("warn");
        label += "，有提醒";
      }
      const its = itemsOf.get(key);
      if (its) {
        td.dataset.items = its.join(" ");
        td.classList.add("has-note");
        td.title = its.map((i) => this.#items[i].title).join("\n");
        label += `（${its.length} 个问题，按回车查看）`;
      }
      td.setAttribute("aria-label", label);
    }, { narrow: this.#narrow }));
    this.toggleAttribute("narrow", this.#narrow);
    e.keysNote.hidden = bad.size === 0;
    // One cell in the tab order (the first to fix); arrow keys move from there.
    const start = first || e.tables.querySelector("td[data-key]");
    if (start) start.tabIndex = 0;
  }

  #rove(td, focus) {
    for (const t of this.#els.tables.querySelectorAll('td[tabindex="0"]')) t.tabIndex = -1;
    td.tabIndex = 0;
    if (focus) td.focus({ preventScroll: true });
  }

  #onTableKey(ev) {
    const td = ev.target.closest && ev.target.closest("td[data-key]");
    if (!td) return;
    if (ev.key === "Enter" || ev.key === " ") {
      ev.preventDefault();
      this.#showCell(td, true);
      return;
    }
    const table = td.closest("table");
    const cells = [...table.querySelectorAll("td[data-key]")];
    let next = null;
    if (ev.key === "ArrowLeft" || ev.key === "ArrowRight") {
      const row = [...td.parentElement.querySelectorAll("td[data-key]")];
      const i = row.indexOf(td) + (ev.key === "ArrowRight" ? 1 : -1);
      next = row[i] || null;
    } else if (ev.key === "ArrowUp" || ev.key === "ArrowDown") {
      // The cell of the row above/below under this one's middle.
      const rows = [...table.rows].filter((r) => r.querySelector("td[data-key]"));
      let ri = rows.indexOf(td.parentElement);
      const r0 = td.getBoundingClientRect();
      const x = (r0.left + r0.right) / 2;
      for (ri += ev.key === "ArrowDown" ? 1 : -1; ri >= 0 && ri < rows.length && !next; ri += ev.key === "ArrowDown" ? 1 : -1) {
        const tds = [...rows[ri].querySelectorAll("td[data-key]")];
        next = tds.find((c) => { const r = c.getBoundingClientRect(); return r.left <= x && x < r.right; }) || null;
      }
    } else if (ev.key === "Home") next = ev.ctrlKey ? cells[0] : td.parentElement.querySelector("td[data-key]");
    else if (ev.key === "End") next = ev.ctrlKey ? cells[cells.length - 1] : [...td.parentElement.querySelectorAll("td[data-key]")].pop();
    else return;
    ev.preventDefault();
    if (next) {
      this.#rove(next, true);
      next.scrollIntoView({ block: "nearest", inline: "nearest" });
    }
  }

  /** A cell's findings: select its first, and (from the keyboard) go to it in the list. */
  #showCell(td, toList) {
    const its = (td.dataset.items || "").split(" ").filter(Boolean).map(Number);
    if (!its.length) return;
    this.#select(its[0], { focusCell: false, keepCell: td.dataset.key });
    const b = this.#els.list.querySelector(`button[data-i="${its[0]}"]`);
    if (b) {
      this.#scrollList(b);
      if (toList) b.focus();
    }
  }

  #scrollList(b) {
    const list = this.#els.list;
    const lr = list.getBoundingClientRect();
    const br = b.getBoundingClientRect();
    if (br.top < lr.top || br.bottom > lr.bottom) list.scrollTop += br.top - lr.top - 8;
  }

  #drawSource() {
    const e = this.#els;
    const report = this.#report;
    const src = this.#checked;
    const { bad, involved, warn } = this.#marks();
    this.#clearHighlights();
    e.sourceSec.hidden = !src;
    if (src.length > LARGE) {
      e.source.replaceChildren();
      e.source.hidden = true;
      e.sourceNote.hidden = false;
      e.sourceNote.textContent = `原文很长（${wan(src.length)} 万字），不显示原文视图；要改的格见上方表格。`;
      return;
    }
    e.source.hidden = false;
    const file = this.#input.file;
    const pages = file && file.kind === "pdf" && src === this.#input.text ? file.pages16.filter((p) => p <= src.length) : [];
    const note = report.html ? "以下是粘贴内容的网页源码（HTML），仅作文本显示。"
      : file && file.kind === "pdf" ? `以下是从 PDF 文件中提取的文字${pages.length > 1 ? "，按页标出页码" : ""}；表格按行排列，格与格之间以制表符分隔。`
      : file && file.kind === "docx" ? "以下是从 Word 文件中提取的文字；表格按行排列，格与格之间以制表符分隔。" : "";
    e.sourceNote.hidden = !note;
    e.sourceNote.textContent = note;
    const marks = [];
    for (const [key, c] of Object.entries(report.cells)) {
      const sp = c.span16;
      if (!sp || sp[1] <= sp[0]) continue;
      const cls = bad.has(key) ? "bad" : involved.has(key) ? "involved" : warn.has(key) ? "warn" : null;
      if (cls) marks.push({ key, start: sp[0], end: sp[1], cls });
    }
    marks.sort((a, b) => a.start - b.start);
    if (HAS_HIGHLIGHT) {
      // One text node per PDF page, each after its page number (drawn by
      // CSS from data-page, so it is not part of the text); spans still
      // index the whole text (#rangeOf finds the nodes).
      this.#srcNodes = [];
      const kids = [];
      const starts = pages.length > 1 ? pages : [0];
      starts.forEach((at, i) => {
        const end = i + 1 < starts.length ? starts[i + 1] : src.length;
        const start = i === 0 ? 0 : at;
        if (pages.length > 1) kids.push(el("span", { class: "page-no", "data-page": `第 ${i + 1} 页`, "aria-hidden": "true" }));
        const node = document.createTextNode(src.slice(start, end));
        this.#srcNodes.push({ node, start });
        kids.push(node);
      });
      e.source.replaceChildren(...kids);
      e.source.scrollTop = 0;
      for (const m of marks) {
        const r = this.#rangeOf(m.start, m.end);
        if (r) this.#addRange(`xxgk-${m.cls}`, r);
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

  /** A Range over [start, end) of the original-text view's text (UTF-16), or null. */
  #rangeOf(start, end) {
    const at = (off) => {
      let k = this.#srcNodes.length - 1;
      while (k > 0 && this.#srcNodes[k].start > off) k--;
      const n = this.#srcNodes[k];
      return n && off - n.start <= n.node.length ? [n.node, off - n.start] : null;
    };
    const a = at(start);
    const b = at(end);
    if (!a || !b || end < start) return null;
    const r = new Range();
    r.setStart(a[0], a[1]);
    r.setEnd(b[0], b[1]);
    return r;
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

  /**
   * Select finding i: mark it current, show its rules' cells, and scroll to
   * (and with focusCell, focus) the cell to fix — not the rule's first cell.
   */
  #select(i, { focusCell = false, keepCell = null } = {}) {
    const report = this.#report;
    const it = this.#items[i];
    if (!report || !it) return;
    const e = this.#els;
    const keys = new Set(it.keys);
    if (it.cell) keys.add(it.cell);
    for (const b of e.list.querySelectorAll("button[aria-current]")) b.removeAttribute("aria-current");
    const btn = e.list.querySelector(`button[data-i="${i}"]`);
    if (btn) btn.setAttribute("aria-current", "true");

    // The cell to fix: the suspect, else the first cell of the first way to mend it, else the rule's first.
    const d0 = report.diagnostics[it.diags[0]];
    const target = it.cell
      || (d0 && d0.alternatives && d0.alternatives[0] && d0.alternatives[0][0] && d0.alternatives[0][0].cell)
      || (d0 && d0.cells && d0.cells[0]) || null;

    // In the tables
    for (const td of e.tables.querySelectorAll("td.sel, td.focus")) td.classList.remove("sel", "focus", "flash");
    const compact = this.hasAttribute("compact");
    let tgt = null;
    for (const td of e.tables.querySelectorAll("td[data-key]")) {
      if (keys.has(td.dataset.key)) td.classList.add("sel");
      if (td.dataset.key === target) tgt = td;
    }
    if (tgt) {
      tgt.classList.remove("flash");
      void tgt.offsetWidth; // restart the animation
      tgt.classList.add("focus", "flash");
      if (!compact) {
        const keep = keepCell && e.tables.querySelector(`td[data-key="${keepCell}"]`);
        this.#rove(keep || tgt, false);
        if (focusCell && !keep) tgt.focus({ preventScroll: true });
        if (!keep) tgt.scrollIntoView({ block: "center", inline: "center", behavior: matchMedia("(prefers-reduced-motion: reduce)").matches ? "auto" : "smooth" });
      }
    }

    // In the original text: the cell to fix first.
    const spanOf = (k) => report.cells[k] && report.cells[k].span16;
    const spans = [...keys].map(spanOf).filter((s) => s && s[1] > s[0]);
    if (!spans.length && d0 && d0.span16) spans.push(d0.span16);
    spans.sort((a, b) => a[0] - b[0]);
    const lead = (target && spanOf(target) && spanOf(target)[1] > spanOf(target)[0]) ? spanOf(target) : spans[0];
    if (compact) {
      // No source view: select the place in the text box (text input only).
      if (lead && !this.#input.html && !e.ta.readOnly) {
        e.ta.setSelectionRange(lead[0], lead[1]);
        e.ta.blur();
        e.ta.focus({ preventScroll: false });
      }
      return;
    }
    if (e.source.hidden) return;
    if (HAS_HIGHLIGHT) {
      this.#clearHighlights("xxgk-focus");
      for (const s of spans) {
        const r = this.#rangeOf(s[0], s[1]);
        if (r) this.#addRange("xxgk-focus", r);
      }
      const r = lead && this.#rangeOf(lead[0], lead[1]);
      if (r) this.#scrollSourceTo(r.getBoundingClientRect());
    } else {
      for (const m of e.source.querySelectorAll("mark.focus")) m.classList.remove("focus");
      const ms = [...e.source.querySelectorAll("mark[data-key]")].filter((m) => keys.has(m.dataset.key));
      for (const m of ms) m.classList.add("focus");
      const lm = ms.find((m) => m.dataset.key === target) || ms[0];
      if (lm) this.#scrollSourceTo(lm.getBoundingClientRect());
    }
  }

  #scrollSourceTo(rect) {
    const pre = this.#els.source;
    const box = pre.getBoundingClientRect();
    pre.scrollTop += rect.top - box.top - pre.clientHeight / 2;
  }
}

/** Characters in 万 (10 000), as the page counts long texts: “12.3”. */
function wan(n) {
  return n >= 100_000 ? String(Math.round(n / 10_000)) : String(Math.round(n / 1000) / 10);
}

// ---- What the widget says about a report: the verdict (errors / clean /
// incomplete) and one finding per mistake to fix. Uses the core's `verdict`
// and `mistakes` when the report has them; otherwise works them out from the
// diagnostics (grouped by suspect cell) and the cells read.

const TITLES = { errors: "有错误", clean: "全部核对，未发现错误", incomplete: "未能完整核对" };
const TABLE_NAMES = { disclosure: "表二（主动公开）", requests: "表三（依申请公开）", appeals: "表四（复议诉讼）" };

const fmt = (n) => (n == null ? "" : Number.isInteger(n) ? String(n) : String(+(+n).toFixed(6)));
const CN = ["零", "一", "两", "三", "四", "五", "六", "七", "八", "九", "十"];
const cn = (n) => CN[n] || String(n);

/** { status, title, reasons: string[], advice: string|null } — never "clean" unless everything was read. */
function verdictOf(report) {
  const v = report && report.verdict;
  if (v && TITLES[v.status]) {
    return {
      status: v.status,
      title: v.title || TITLES[v.status],
      reasons: Array.isArray(v.reasons) ? v.reasons.map(String) : [],
      advice: typeof v.advice === "string" && v.advice ? v.advice : null,
    };
  }
  // Until the core says: errors if any error; clean only if all three tables
  // and every one of their cells were read; otherwise incomplete.
  const s = report.summary || {};
  if (s.errors > 0) return { status: "errors", title: TITLES.errors, reasons: [], advice: null };
  const t = report.tables || {};
  const missing = Object.keys(TABLE_NAMES).filter((k) => !t[k]);
  const reasons = [];
  let advice = null;
  if (missing.length === 3) {
    reasons.push("未找到标准表格：没有读到表二、表三、表四，什么也没有核对。");
    advice = "请粘贴包含统计表格的报告全文；表格如果是图片，无法检查。";
  } else {
    if (missing.length) reasons.push(`未找到${missing.map((k) => TABLE_NAMES[k]).join("、")}，这部分没有核对。`);
    const unread = {};
    for (const k of layoutKeys(report)) if (!report.cells[k]) unread[k.split(".")[0]] = (unread[k.split(".")[0]] || 0) + 1;
    for (const [tk, n] of Object.entries(unread)) reasons.push(`${TABLE_NAMES[tk]}有 ${n} 格没有读到，涉及这些格的核对没有做。`);
    if (reasons.length) advice = "请确认粘贴的是报告全文，三张统计表完整（从 Word、WPS 或网页直接复制最可靠）。";
  }
  if (!reasons.length) return { status: "clean", title: TITLES.clean, reasons: [], advice: null };
  return { status: "incomplete", title: TITLES.incomplete, reasons, advice };
}

/**
 * One item per thing to fix: [{ severity, cell, expected: number[], title,
 * message, fix, diags: number[], keys: Set<string> }], mistakes first in
 * reading order, then warnings and notes.
 */
function findingsOf(report) {
  const ds = report.diagnostics || [];
  const items = [];
  const covered = new Set();
  const cellText = (k) => (report.cells[k] ? report.cells[k].text || "空" : "未读到");
  const keysOf = (idx) => {
    const keys = new Set();
    for (const i of idx) for (const k of ds[i].cells || []) keys.add(k);
    return keys;
  };
  const altFix = (idx) => {
    const alts = idx.flatMap((i) => ds[i].alternatives || []);
    return alts.length
      ? "也可能是：" + alts.map((alt) => alt.map((a) => `${cellLabel(a.cell)}应为 ${fmt(a.expected)}`).join("，")).join("；或 ")
      : "";
  };
  if (Array.isArray(report.mistakes)) {
    for (const m of report.mistakes) {
      const idx = (m.diagnostics || []).filter((i) => ds[i]);
      idx.forEach((i) => covered.add(i));
      if (!m.cell && idx.length === 1) {
        items.push(single(ds[idx[0]], idx[0]));
        continue;
      }
      const title = m.cell ? `${m.label || cellLabel(m.cell)}应为 ${fmt(m.expected)}` : m.label || "错误";
      // The core's sentence starts with the title: say the rest.
      let message = m.message || "";
      if (message.startsWith(title)) message = message.slice(title.length).replace(/^（(现为[^）]*)）[：:]\s*/, "$1；");
      items.push({
        severity: "error",
        cell: m.cell || null,
        expected: m.expected == null ? [] : [m.expected],
        title,
        message,
        fix: m.cell ? altFix(idx) : "",
        now: m.cell ? cellText(m.cell) : null,
        diags: idx,
        keys: keysOf(idx),
      });
    }
    // Warnings and notes; and errors the core left out of every mistake (should not happen).
    ds.forEach((d, i) => { if (!covered.has(i)) items.push(single(d, i)); });
    return items;
  }
  // Grouped here: error findings with the same suspect cell are one mistake.
  const byCell = new Map();
  ds.forEach((d, i) => {
    if (d.severity === "error" && d.suspect && d.suspect.cell) {
      let it = byCell.get(d.suspect.cell);
      if (!it) {
        it = { severity: "error", cell: d.suspect.cell, expected: [], diags: [], now: cellText(d.suspect.cell) };
        byCell.set(d.suspect.cell, it);
        items.push(it);
      }
      if (!it.expected.includes(d.suspect.expected)) it.expected.push(d.suspect.expected);
      it.diags.push(i);
    } else items.push(single(d, i));
  });
  for (const it of byCell.values()) {
    it.keys = keysOf(it.diags);
    it.title = `${cellLabel(it.cell)}应为 ${it.expected.map(fmt).join(" 或 ")}`;
    const ts = [...new Set(it.diags.map((i) => `「${(ds[i].title || ds[i].rule).replace(/不符$/, "")}」`))];
    const n = it.diags.length;
    it.message = n > 1
      ? `现为 ${it.now}；改正这一格，${ts.join("和")}${cn(n)}处不符都成立。`
      : `现为 ${it.now}；改正这一格，${ts[0]}即相符。`;
    it.fix = altFix(it.diags);
  }
  return items;

  function single(d, i) {
    let fix = "";
    if (d.suggestion) fix = d.suggestion;
    else if (d.suspect) fix = `建议：${cellLabel(d.suspect.cell)}应为 ${fmt(d.suspect.expected)}（现为 ${cellText(d.suspect.cell)}）`;
    else if (d.alternatives && d.alternatives.length)
      fix = "可能的更正：" + d.alternatives.map((alt) => alt.map((a) => `${cellLabel(a.cell)}改为 ${fmt(a.expected)}`).join("，")).join("；或 ");
    return {
      severity: d.severity,
      cell: d.suspect ? d.suspect.cell : null,
      expected: d.suspect ? [d.suspect.expected] : [],
      title: d.title || d.rule,
      message: d.message,
      fix,
      diags: [i],
      keys: new Set(d.cells || []),
    };
  }
}

if (!customElements.get("xxgk-validator")) customElements.define("xxgk-validator", XxgkValidator);

// For the printable 审核意见 (print.js): the same verdict and findings as the view.
export { verdictOf, findingsOf };

const KIND = { pdf: " PDF 文件", docx: " Word 文件", text: "文本文件", html: "网页文件" };

/** What the page says about a file it read: 已读取 PDF 文件「x.pdf」（8 页）。… */
function fileSays(f) {
  const bits = [];
  if (f.kind === "pdf" && f.pages16.length) bits.push(`${f.pages16.length} 页`);
  if ((f.kind === "text" || f.kind === "html") && f.encoding && f.encoding !== "UTF-8") bits.push(`${f.encoding} 编码`);
  let s = `已读取${KIND[f.kind] || "文件"}「${f.name}」${bits.length ? `（${bits.join("，")}）` : ""}。`;
  if (f.kind === "pdf" || f.kind === "docx") s += "下框是从文件中提取的文字（只读，不保存为草稿）。";
  if (f.lossy) s += "有少量字节无法解码，已替换为“�”。";
  return s;
}
