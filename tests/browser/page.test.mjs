// The page (www/index.html) in headless Chromium. Run: node --test tests/browser/
// (after scripts/build-wasm.mjs). Screenshots go to tests/browser/screenshots/.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { startServer, launch, readFixture, fixture, CLEAN, ERRORS, HTML, TABS, NOT_A_REPORT, SAMPLE_ERRORS, shots, waitReport, paste, stagePaste } from "./helpers.mjs";

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

test("seed-001 pasted: the cell to fix stands out, the rules' other cells only faintly", async () => {
  await clear();
  const events = [];
  await page.evaluate(() => { window.__ev = []; document.addEventListener("validated", (e) => window.__ev.push({ status: e.detail.status, ok: e.detail.ok, mistakes: e.detail.mistakes, errors: e.detail.errors })); });
  await paste(page, { text: readFixture(ERRORS) });
  const r = await waitReport(page);
  assert.ok(r.summary.errors > 0, "errors found");
  assert.equal(r.version, "v2019");
  assert.equal(r.year, 2020);
  for (const key of ["requests.results_total.natural", "requests.results_total.total"]) {
    const c = await cellState(key);
    assert.ok(c.cls.includes("bad"), `${key} marked wrong: ${c.cls}`);
    assert.equal(c.exp, "应为 3", key);
    assert.equal(c.v, "0");
  }
  const review = await cellState("appeals.review.total");
  assert.ok(review.cls.includes("bad"));
  assert.equal(review.exp, "应为 1");
  // A right cell of a broken total is marked only faintly: no outline, no strike.
  const granted = await cellState("requests.granted.natural");
  assert.ok(granted.cls.includes("involved") && !granted.cls.includes("bad"), granted.cls.join(" "));
  const look = (key) => page.evaluate((key) => {
    const td = document.querySelector("xxgk-validator").shadowRoot.querySelector(`td[data-key="${key}"]`);
    const cs = getComputedStyle(td);
    return { outline: cs.outlineStyle === "none" ? 0 : parseFloat(cs.outlineWidth), strike: getComputedStyle(td.querySelector(".v")).textDecorationLine, bg: cs.backgroundColor };
  }, key);
  const strong = await look("requests.results_total.natural");
  const faint = await look("requests.granted.natural");
  assert.equal(strong.outline, 3);
  assert.match(strong.strike, /line-through/);
  assert.equal(faint.outline, 0, "no outline on a rule's other cells until selected");
  assert.doesNotMatch(faint.strike, /line-through/);
  // Whole columns are no longer outlined: only the three cells to fix are.
  const outlined = await page.evaluate(() => [...document.querySelector("xxgk-validator").shadowRoot.querySelectorAll("td")].filter((td) => getComputedStyle(td).outlineStyle !== "none").map((td) => td.dataset.key));
  assert.deepEqual(outlined.sort(), ["appeals.review.total", "requests.results_total.natural", "requests.results_total.total"]);
  // One finding per mistake; the headline counts mistakes and broken rules apart.
  const titles = await page.locator("xxgk-validator .finding .title").allTextContents();
  assert.deepEqual(titles, [
    "表三「（七）总计」行「自然人」列应为 3",
    "表三「（七）总计」行「总计」列应为 3",
    "表四「行政复议」的「总计」应为 1",
  ]);
  const msgs = await page.locator("xxgk-validator .finding .msg").allTextContents();
  assert.match(msgs[0], /^现为 0；.*两处不符都得到纠正/);
  assert.equal(await page.locator("xxgk-validator li.error").first().locator("details.rules li").count(), 2);
  assert.equal(await page.locator("xxgk-validator .sum-main").textContent(), "有错误");
  assert.equal(await page.locator("xxgk-validator .sum-count").textContent(), `3 处要改 · ${r.summary.errors} 项核对不符`);
  assert.equal(await page.getAttribute("xxgk-validator", "status"), "errors");
  events.push(...(await page.evaluate(() => window.__ev)));
  assert.deepEqual(events.at(-1), { status: "errors", ok: false, mistakes: 3, errors: r.summary.errors });
  const fixes = await page.locator("xxgk-validator .finding .fix").allTextContents();
  assert.ok(fixes.some((f) => f.includes("表四「行政复议」的「其他结果」应为 0")), fixes.join("\n"));
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

test("selecting a finding scrolls to and focuses the cell to fix, and outlines its rules' cells", async () => {
  await page.evaluate(() => window.scrollTo(0, 0));
  const second = page.locator("xxgk-validator .finding").nth(1);
  await second.focus();
  await page.keyboard.press("Enter");
  await page.waitForTimeout(800); // smooth scroll
  const state = await page.evaluate(() => {
    const v = document.querySelector("xxgk-validator");
    const a = v.shadowRoot.activeElement;
    const r = a.getBoundingClientRect();
    const sel = [...v.shadowRoot.querySelectorAll("td.sel")].map((td) => td.dataset.key);
    const focusRanges = CSS.highlights ? (CSS.highlights.get("xxgk-focus")?.size ?? 0) : v.shadowRoot.querySelectorAll("mark.focus").length;
    const granted = getComputedStyle(v.shadowRoot.querySelector('td[data-key="requests.granted.total"]')).outlineStyle;
    return {
      active: a.dataset.key, tabindex: a.tabIndex, inView: r.top >= 0 && r.bottom <= innerHeight, flash: a.classList.contains("flash"),
      current: v.shadowRoot.querySelector(".finding[aria-current]")?.dataset.i, sel, focusRanges, granted,
      label: a.getAttribute("aria-label"),
    };
  });
  assert.equal(state.current, "1");
  assert.equal(state.active, "requests.results_total.total", "focus is on the cell to fix, not the rule's first cell");
  assert.equal(state.tabindex, 0);
  assert.ok(state.inView, "scrolled into view");
  assert.ok(state.flash);
  assert.ok(state.sel.includes("requests.granted.total") && state.sel.includes("requests.received.total"), state.sel.join(" "));
  assert.ok(!state.sel.some((k) => k.endsWith(".natural")), "only this mistake's rules");
  assert.notEqual(state.granted, "none", "the rule's other cells are outlined while selected");
  assert.ok(state.focusRanges > 0);
  assert.equal(state.label, "表三「（七）总计」行「总计」列：0，应为 3（1 个问题，按回车查看）");
  await page.screenshot({ path: path.join(shots, "page-finding-focused.png") });
});

test("table cells are reachable by keyboard: arrows move, Enter shows the cell's finding", async () => {
  const key = () => page.evaluate(() => document.querySelector("xxgk-validator").shadowRoot.activeElement?.dataset.key);
  // One cell is in the tab order: the first cell to fix.
  const start = await page.evaluate(() => [...document.querySelector("xxgk-validator").shadowRoot.querySelectorAll('td[tabindex="0"]')].map((td) => td.dataset.key));
  assert.equal(start.length, 1);
  await page.evaluate(() => document.querySelector("xxgk-validator").shadowRoot.querySelector('td[data-key="requests.results_total.natural"]').focus());
  await page.keyboard.press("ArrowRight");
  assert.equal(await key(), "requests.results_total.business");
  await page.keyboard.press("ArrowUp");
  const up = await key();
  assert.match(up, /^requests\.[a-z_]+\.business$/);
  assert.notEqual(up, "requests.results_total.business");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  assert.equal(await key(), "requests.carried_out.business");
  await page.keyboard.press("Home");
  assert.equal(await key(), "requests.carried_out.natural");
  await page.keyboard.press("End");
  assert.equal(await key(), "requests.carried_out.total");
  await page.keyboard.press("ArrowUp");
  assert.equal(await key(), "requests.results_total.total");
  const tabbable = await page.evaluate(() => [...document.querySelector("xxgk-validator").shadowRoot.querySelectorAll('td[tabindex="0"]')].map((td) => td.dataset.key));
  assert.deepEqual(tabbable, ["requests.results_total.total"], "roving tabindex follows");
  await page.keyboard.press("Enter");
  const after = await page.evaluate(() => {
    const a = document.querySelector("xxgk-validator").shadowRoot.activeElement;
    return { cls: a.className, i: a.dataset.i, current: a.getAttribute("aria-current"), title: a.querySelector(".title")?.textContent };
  });
  assert.equal(after.cls, "finding");
  assert.equal(after.current, "true");
  assert.equal(after.title, "表三「（七）总计」行「总计」列应为 3");
});

test("on a phone (390 px) the label column stays put while the numbers scroll", async () => {
  const p = await browser.context.newPage();
  try {
    await p.setViewportSize({ width: 390, height: 844 });
    await p.goto(server.url);
    await p.waitForFunction(() => document.querySelector("xxgk-validator")?.getAttribute("state"), null, { timeout: 20000 });
    await p.evaluate(() => document.querySelector("xxgk-validator").setInput({ text: "" }));
    await paste(p, { text: readFixture(ERRORS) }, "xxgk-validator");
    await waitReport(p);
    await p.waitForFunction(() => document.querySelector("xxgk-validator").hasAttribute("narrow"), null, { timeout: 5000 });
    const m = await p.evaluate(async () => {
      const v = document.querySelector("xxgk-validator");
      const sr = v.shadowRoot;
      const fig = sr.querySelectorAll("figure.table")[1];
      const box = fig.querySelector(".scroll");
      const th = fig.querySelector('tr[data-row="results_total"] th');
      const td = fig.querySelector('td[data-key="requests.results_total.total"]');
      const before = { th: th.getBoundingClientRect().left, td: td.getBoundingClientRect().left };
      box.scrollLeft = 300;
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      const after = { th: th.getBoundingClientRect().left, td: td.getBoundingClientRect().left };
      return {
        before, after, pos: getComputedStyle(th).position, scrollW: box.scrollWidth, clientW: box.clientWidth, boxLeft: box.getBoundingClientRect().left,
        pageW: document.documentElement.scrollWidth, label: th.textContent,
        t4rows: sr.querySelectorAll("table.t4 td[data-key]").length, t4perRow: sr.querySelector("table.t4 td[data-key]").parentElement.querySelectorAll("td").length,
      };
    });
    assert.equal(m.pos, "sticky");
    assert.ok(m.scrollW > m.clientW, "the numbers scroll sideways");
    assert.ok(Math.abs(m.after.th - m.before.th) < 1, `label column stays in place (${m.before.th} → ${m.after.th})`);
    assert.ok(m.after.td < m.before.td - 100, "numbers moved");
    assert.ok(Math.abs(m.after.th - m.boxLeft) < 2);
    assert.ok(m.pageW <= 390, `the page itself does not scroll sideways (${m.pageW})`);
    assert.equal(m.label, "（七）总计");
    assert.equal(m.t4perRow, 1, "table 四: one number per row on a phone");
    await p.evaluate(() => { const b = document.querySelector("xxgk-validator").shadowRoot.querySelectorAll("figure.table .scroll")[1]; b.scrollLeft = 0; });
    await p.screenshot({ path: path.join(shots, "page-seed-001-390px.png"), fullPage: true });
    // Selecting a finding brings its cell into view beside the fixed labels.
    await p.locator("xxgk-validator .finding").nth(1).click();
    await p.waitForTimeout(900);
    const seen = await p.evaluate(() => {
      const sr = document.querySelector("xxgk-validator").shadowRoot;
      const td = sr.querySelector('td[data-key="requests.results_total.total"]');
      const th = td.parentElement.querySelector("th");
      const r = td.getBoundingClientRect();
      return { active: sr.activeElement?.dataset.key, left: r.left, right: r.right, thRight: th.getBoundingClientRect().right, top: r.top, bottom: r.bottom };
    });
    assert.equal(seen.active, "requests.results_total.total");
    assert.ok(seen.left >= seen.thRight - 1 && seen.right <= 390 && seen.top >= 0 && seen.bottom <= 844, JSON.stringify(seen));
    await p.screenshot({ path: path.join(shots, "page-seed-001-390px-focused.png") });
  } finally {
    await p.close();
  }
});

test("a clean report (seed-000): 全部核对，未发现错误", async () => {
  await clear();
  await paste(page, { text: readFixture(CLEAN) });
  const r = await waitReport(page);
  assert.equal(r.summary.errors, 0, JSON.stringify(r.diagnostics.map((d) => d.message)));
  assert.ok(r.tables.requests && r.tables.appeals && r.tables.disclosure);
  assert.equal(r.cells["disclosure.penalty.decisions"].value, 8);
  assert.equal(await page.getAttribute("xxgk-validator", "status"), "clean");
  assert.equal(await page.locator("xxgk-validator .sum-main").textContent(), "全部核对，未发现错误");
  assert.equal(await page.locator("xxgk-validator td.bad").count(), 0);
  await page.screenshot({ path: path.join(shots, "page-seed-000-clean.png"), fullPage: true });
});

test("a report without its table 四 is 未能完整核对, never 未发现错误", async () => {
  await clear();
  const text = readFixture(CLEAN);
  const cut = text.indexOf("四、政府信息公开行政复议");
  assert.ok(cut > 0);
  await page.evaluate(() => { window.__ev = []; document.addEventListener("validated", (e) => window.__ev.push({ status: e.detail.status, ok: e.detail.ok })); });
  await paste(page, { text: text.slice(0, cut) });
  const r = await waitReport(page);
  assert.equal(r.summary.errors, 0);
  assert.equal(r.tables.appeals, false);
  assert.equal(await page.getAttribute("xxgk-validator", "status"), "incomplete");
  const status = await page.locator("xxgk-validator .status").textContent();
  assert.match(status, /^未能完整核对/);
  assert.match(status, /表四/);
  assert.match(status, /建议：/);
  assert.doesNotMatch(status, /未发现错误/);
  assert.deepEqual((await page.evaluate(() => window.__ev)).at(-1), { status: "incomplete", ok: false });
  await page.screenshot({ path: path.join(shots, "page-incomplete.png") });
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

test("text that is not a report: 未能完整核对 because 未找到标准表格, with no errors", async () => {
  await clear();
  // The corpus's own README: Chinese text about reports, but no tables.
  await paste(page, { text: readFixture(NOT_A_REPORT) });
  const r = await waitReport(page);
  assert.deepEqual(r.tables, { disclosure: false, requests: false, appeals: false });
  assert.equal(r.summary.errors, 0);
  assert.deepEqual(r.diagnostics.map((d) => d.rule), ["tables.not_found"]);
  const summary = await page.evaluate(() => document.querySelector("xxgk-validator").shadowRoot.querySelector(".status").textContent);
  assert.match(summary, /^未能完整核对/);
  assert.match(summary, /没有找到任何统计表/);
  assert.match(summary, /建议：/);
  assert.doesNotMatch(summary, /未发现错误/);
  assert.match((await page.locator("xxgk-validator .finding .msg").allTextContents()).join(""), /未找到标准表格/);
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
  const fire = await stagePaste(page, { text: big });
  await page.evaluate(() => {
    window.__gaps = [];
    let last = performance.now();
    window.__probe = setInterval(() => { const t = performance.now(); window.__gaps.push(t - last); last = t; }, 20);
  });
  const t0 = Date.now();
  await fire();
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
