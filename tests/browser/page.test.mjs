// The page (www/index.html) in headless Chromium. Run: node --test tests/browser/
// (after scripts/build-wasm.mjs). Screenshots go to tests/browser/screenshots/.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { startServer, launch, readFixture, fixture, CLEAN, ERRORS, HTML, TABS, NOT_A_REPORT, SAMPLE_ERRORS, shots, waitReport, paste } from "./helpers.mjs";

let server, browser, page;
const requests = [];
const pageErrors = [];

before(async () => {
  fs.mkdirSync(shots, { recursive: true });
  server = await startServer();
  browser = await launch();
  browser.context.on("request", (r) => requests.push(r.url()));
  page = await browser.context.newPage();
  page.on("pageerror", (e) => pageErrors.push(e.message));
  await page.goto(server.url);
  await page.waitForFunction(() => document.querySelector("xxgk-validator")?.getAttribute("state") === "idle", null, { timeout: 20000 });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const cellState = (key) =>
  page.evaluate((key) => {
    const td = document.querySelector("xxgk-validator").shadowRoot.querySelector(`td[data-key="${key}"]`);
    return td && { cls: [...td.classList], exp: td.querySelector(".exp")?.textContent ?? null, v: td.querySelector(".v")?.textContent ?? null };
  }, key);

async function clear() {
  await page.evaluate(() => document.querySelector("xxgk-validator").setInput({ text: "" }));
}

test("the page loads in Chinese, with the checker ready and no script errors", async () => {
  assert.equal(await page.getAttribute("html", "lang"), "zh-CN");
  const sum = await page.locator("xxgk-validator .sum-main").textContent();
  assert.equal(sum, "请粘贴报告全文");
  assert.deepEqual(pageErrors, []);
});

test("seed-001 pasted: the wrong cells are marked with the right expected values", async () => {
  await clear();
  await paste(page, { text: readFixture(ERRORS) });
  const r = await waitReport(page);
  assert.ok(r.summary.errors > 0, "errors found");
  assert.equal(r.version, "v2019");
  assert.equal(r.year, 2020);
  for (const key of ["requests.results_total.natural", "requests.results_total.total"]) {
    const c = await cellState(key);
    assert.ok(c.cls.includes("bad"), `${key} marked wrong: ${c.cls}`);
    assert.equal(c.exp, "应为 3", key);
  }
  const review = await cellState("appeals.review.total");
  assert.ok(review.cls.includes("bad"));
  assert.equal(review.exp, "应为 1");
  // A right cell of a broken total is outlined, not marked wrong.
  const granted = await cellState("requests.granted.natural");
  assert.ok(granted.cls.includes("involved") && !granted.cls.includes("bad"), granted.cls.join(" "));
  // The summary and the findings list say so in Chinese.
  const sum = await page.locator("xxgk-validator .sum-main").textContent();
  assert.match(sum, /^\d+ 处错误/);
  const fixes = await page.locator("xxgk-validator .finding .fix").allTextContents();
  assert.ok(fixes.some((f) => f.includes("应为 3")), fixes.join("\n"));
  assert.ok(fixes.some((f) => f.includes("表四「行政复议」的「总计」应为 1")), fixes.join("\n"));
  // The same cells are highlighted in the original text (span16 → Range).
  const marked = await page.evaluate(() => {
    const v = document.querySelector("xxgk-validator");
    const src = v.shadowRoot.querySelector("pre.source");
    const text = src.textContent;
    const c = v.report.cells["requests.results_total.natural"];
    const ranges = CSS.highlights ? [...(CSS.highlights.get("xxgk-bad") || [])].map((r) => r.toString()) : [...src.querySelectorAll("mark.bad")].map((m) => m.textContent);
    return { at: text.slice(c.span16[0], c.span16[1]), cellText: c.text, ranges };
  });
  assert.equal(marked.at, marked.cellText);
  assert.ok(marked.ranges.length >= 3, `bad ranges: ${marked.ranges}`);
  await page.screenshot({ path: path.join(shots, "page-seed-001-errors.png"), fullPage: true });
  await page.locator("xxgk-validator .status").screenshot({ path: path.join(shots, "page-seed-001-summary.png") });
  await page.locator("xxgk-validator figure.table").nth(1).screenshot({ path: path.join(shots, "page-seed-001-table3.png") });
});

test("a finding is keyboard-reachable and flashes its cells in both views", async () => {
  const first = page.locator("xxgk-validator .finding").first();
  await first.focus();
  await page.keyboard.press("Enter");
  const state = await page.evaluate(() => {
    const v = document.querySelector("xxgk-validator");
    const d = v.report.diagnostics[0];
    const tds = [...v.shadowRoot.querySelectorAll("td.flash")].map((td) => td.dataset.key);
    const focusRanges = CSS.highlights ? (CSS.highlights.get("xxgk-focus")?.size ?? 0) : v.shadowRoot.querySelectorAll("mark.focus").length;
    return { cells: d.cells, tds, focusRanges, current: v.shadowRoot.querySelector(".finding[aria-current]")?.dataset.i };
  });
  assert.equal(state.current, "0");
  assert.ok(state.tds.length > 0 && state.tds.every((k) => state.cells.includes(k) || k.length), JSON.stringify(state));
  assert.ok(state.focusRanges > 0);
  await page.keyboard.press("ArrowDown");
  const focused = await page.evaluate(() => document.querySelector("xxgk-validator").shadowRoot.activeElement?.dataset.i);
  assert.equal(focused, "1");
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(shots, "page-finding-focused.png") });
});

test("a clean report (seed-000) shows no errors", async () => {
  await clear();
  await paste(page, { text: readFixture(CLEAN) });
  const r = await waitReport(page);
  assert.equal(r.summary.errors, 0, JSON.stringify(r.diagnostics.map((d) => d.message)));
  assert.ok(r.tables.requests && r.tables.appeals && r.tables.disclosure);
  assert.equal(r.cells["disclosure.penalty.decisions"].value, 8);
  assert.equal(await page.getAttribute("xxgk-validator", "state"), "ok");
  assert.equal(await page.locator("xxgk-validator td.bad").count(), 0);
  await page.screenshot({ path: path.join(shots, "page-seed-000-clean.png"), fullPage: true });
});

test("HTML from the corpus arrives through a real paste event (text/html) and is read as tables", async () => {
  await clear();
  const html = readFixture(HTML);
  const ta = page.locator("xxgk-validator textarea");
  // The real thing: the system clipboard holds text/html, then Ctrl+V.
  let viaClipboard = false;
  try {
    await browser.context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.url });
    await page.evaluate(async (html) => {
      const plain = new DOMParser().parseFromString(html, "text/html").body.textContent;
      await navigator.clipboard.write([new ClipboardItem({
        "text/html": new Blob([html], { type: "text/html" }),
        "text/plain": new Blob([plain], { type: "text/plain" }),
      })]);
    }, html);
    await ta.focus();
    await page.keyboard.press("Control+V");
    await page.waitForFunction(() => document.querySelector("xxgk-validator").report?.html === true, null, { timeout: 3000 });
    viaClipboard = true;
  } catch {
    // Headless Chromium without a usable system clipboard: dispatch the same paste event.
    await paste(page, { text: "", html });
  }
  const r = await waitReport(page);
  assert.equal(r.html, true, `read as HTML (clipboard: ${viaClipboard})`);
  assert.equal(r.summary.errors, 0, JSON.stringify(r.diagnostics.map((d) => d.message)));
  assert.equal(r.cells["requests.received.total"].value, 14069);
  assert.equal(r.cells["requests.results_total.total"].value, 13810);
  assert.ok(!(await page.locator("xxgk-validator .htmlmode").isHidden()), "the HTML note is shown");
  const value = await ta.inputValue();
  assert.ok(!value.includes("<table"), "the box shows text, not markup");
  test.diagnostic?.(`html paste via ${viaClipboard ? "system clipboard + Ctrl+V" : "dispatched ClipboardEvent"}`);
  console.log(`# html paste via ${viaClipboard ? "system clipboard + Ctrl+V" : "dispatched ClipboardEvent"}`);
  await page.screenshot({ path: path.join(shots, "page-city-2025-html.png"), fullPage: true });
});

test("text that is not a report says 未找到标准表格, with no errors", async () => {
  await clear();
  // The corpus's own README: Chinese text about reports, but no tables.
  await paste(page, { text: readFixture(NOT_A_REPORT) });
  const r = await waitReport(page);
  assert.deepEqual(r.tables, { disclosure: false, requests: false, appeals: false });
  assert.equal(r.summary.errors, 0);
  assert.deepEqual(r.diagnostics.map((d) => d.rule), ["tables.not_found"]);
  const summary = await page.evaluate(() => document.querySelector("xxgk-validator").shadowRoot.querySelector(".sum-main").textContent);
  assert.equal(summary, "未找到标准表格");
});

test("a Word-style paste (tab-separated text/plain beside text/html) is checked and shown as the text", async () => {
  await clear();
  // What Word/WPS put on the clipboard: the tab-separated text, and the same
  // rows as an HTML table.
  const plain = readFixture(TABS);
  const esc = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;");
  const html = `<html><body><table>${plain.split("\n").map((l) => `<tr>${l.split("\t").map((c) => `<td>${esc(c)}</td>`).join("")}</tr>`).join("")}</table></body></html>`;
  await paste(page, { text: plain, html });
  const r = await waitReport(page);
  assert.equal(r.html, false, "the plain text read the tables as fully, so it is used");
  assert.equal(r.summary.errors, 0, JSON.stringify(r.diagnostics.map((d) => d.message)));
  assert.equal(r.cells["disclosure.licensing.decisions"].value, 28);
  assert.ok(await page.locator("xxgk-validator .htmlmode").isHidden(), "no HTML note");
  // The original-text view shows the pasted text, and the cells' spans index into it.
  const shown = await page.evaluate(() => document.querySelector("xxgk-validator").shadowRoot.querySelector(".source, [part=source], pre")?.textContent ?? "");
  assert.ok(!shown.includes("<td>"), "no markup in the original-text view");
  const c = r.cells["disclosure.licensing.decisions"];
  assert.equal(plain.slice(c.span16[0], c.span16[1]), "28");
});

test("pasted <img onerror> and <script> payloads stay inert text", async () => {
  await clear();
  const before = requests.length;
  const payload = `<img src=x onerror="window.__pwned='img'"><script>window.__pwned='script'</script>`;
  const html = `<table><tr><td>${payload}</td><td><img src=x onerror="window.__pwned='td'"></td></tr></table><script>window.__pwned='html'</script>`;
  await paste(page, { text: payload, html });
  await waitReport(page);
  await paste(page, { text: "" });
  await page.evaluate(() => document.querySelector("xxgk-validator").setInput({ text: `${"一、本年新收政府信息公开申请数量"} <img src=x onerror="window.__pwned='text'"><script>window.__pwned='t2'</script>` }));
  await waitReport(page);
  await page.waitForTimeout(300);
  const state = await page.evaluate(() => {
    const v = document.querySelector("xxgk-validator");
    const all = [...document.querySelectorAll("img, script:not([src])"), ...v.shadowRoot.querySelectorAll("img, script")];
    return { pwned: window.__pwned ?? null, injected: all.length, source: v.shadowRoot.querySelector("pre.source").textContent };
  });
  assert.equal(state.pwned, null);
  assert.equal(state.injected, 0);
  assert.ok(state.source.includes("<img src=x onerror="), "shown as text");
  const bad = requests.slice(before).filter((u) => /\/x$/.test(u));
  assert.deepEqual(bad, []);
});

test("a GBK-encoded file is decoded in the browser (file picker)", async () => {
  await clear();
  const gbk = execFileSync("iconv", ["-f", "UTF-8", "-t", "GB18030", fixture(ERRORS)]);
  assert.throws(() => new TextDecoder("utf-8", { fatal: true }).decode(gbk));
  await page.setInputFiles("#file", { name: "东昌区2020.txt", mimeType: "text/plain", buffer: gbk });
  const r = await waitReport(page);
  assert.equal(r.year, 2020);
  assert.ok(r.summary.errors > 0);
  assert.equal(r.cells["appeals.review.other"].value, 1);
});

test("samples from the corpus can be loaded with one click", async () => {
  await clear();
  const buttons = page.locator(".samples button");
  assert.ok((await buttons.count()) >= 2);
  await page.locator(`.samples button[data-sample="${SAMPLE_ERRORS}"]`).click();
  const r = await waitReport(page);
  assert.ok(r.summary.errors > 0);
});

test("the draft survives a reload (kept in localStorage only)", async () => {
  await clear();
  const ta = page.locator("xxgk-validator textarea");
  await ta.fill("草稿：2023年某某局政府信息公开工作年度报告");
  await page.waitForTimeout(700);
  await page.reload();
  await page.waitForFunction(() => document.querySelector("xxgk-validator")?.value?.startsWith("草稿"), null, { timeout: 10000 });
  assert.match(await page.locator("#draft-note").textContent(), /已恢复/);
});

test("a check of a typical report takes a few milliseconds (measured in the page)", async () => {
  const text = readFixture(CLEAN);
  const m = await page.evaluate(async (text) => {
    const { getEngine } = await import("./engine.js");
    const eng = await getEngine();
    const ms = [];
    for (let i = 0; i < 30; i++) ms.push((await eng.check(text)).ms);
    ms.sort((a, b) => a - b);
    return { kind: eng.kind, median: ms[15], max: ms[29] };
  }, text);
  console.log(`# check time for seed-000 in Chromium (${m.kind}): median ${m.median.toFixed(2)} ms, max ${m.max.toFixed(2)} ms`);
  fs.writeFileSync(path.join(shots, "check-ms.json"), JSON.stringify(m) + "\n");
  assert.equal(m.kind, "worker");
  assert.ok(m.median < 50, `median ${m.median} ms`);
});

test("a 5 MB paste does not freeze the page for more than a second", async () => {
  await clear();
  const seed = readFixture(ERRORS);
  let big = seed;
  while (Buffer.byteLength(big) < 5 * 1024 * 1024) big += "\n" + "其他需要报告的事项。".repeat(200) + "\n" + seed;
  await page.evaluate(() => {
    window.__gaps = [];
    let last = performance.now();
    window.__probe = setInterval(() => { const t = performance.now(); window.__gaps.push(t - last); last = t; }, 20);
  });
  const t0 = Date.now();
  await paste(page, { text: big });
  await page.waitForFunction(() => document.querySelector("xxgk-validator").report && document.querySelector("xxgk-validator").getAttribute("state") !== "idle", null, { timeout: 30000 });
  await page.waitForTimeout(500);
  const gaps = await page.evaluate(() => { clearInterval(window.__probe); return window.__gaps; });
  const worst = Math.max(...gaps);
  const r = await page.evaluate(() => document.querySelector("xxgk-validator").report);
  assert.ok(r.summary.errors > 0);
  assert.equal(await page.evaluate(() => document.querySelector("xxgk-validator").value.length), big.length, "the whole text is checked");
  console.log(`# 5 MB paste (${Buffer.byteLength(big)} bytes UTF-8, ${big.length} chars): longest main-thread stall ${worst.toFixed(0)} ms, done in ${Date.now() - t0} ms`);
  assert.ok(worst < 1000, `longest stall ${worst} ms`);
  await clear();
});

test("works offline once served (service worker)", async () => {
  await page.goto(server.url);
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  if (!(await page.evaluate(() => !!navigator.serviceWorker.controller))) await page.reload();
  await page.waitForFunction(() => !!navigator.serviceWorker.controller, null, { timeout: 15000 });
  await browser.context.setOffline(true);
  try {
    await page.reload();
    await page.waitForFunction(() => document.querySelector("xxgk-validator")?.getAttribute("state"), null, { timeout: 15000 });
    await page.evaluate(() => document.querySelector("xxgk-validator").setInput({ text: "" }));
    await paste(page, { text: readFixture(ERRORS) });
    const r = await waitReport(page);
    assert.ok(r.summary.errors > 0);
  } finally {
    await browser.context.setOffline(false);
  }
});

test("the page made no request beyond its own origin", () => {
  assert.ok(requests.length > 10);
  const foreign = requests.filter((u) => !u.startsWith(server.url) && !u.startsWith("data:") && !u.startsWith("blob:"));
  assert.deepEqual(foreign, []);
  assert.deepEqual(pageErrors, []);
});
