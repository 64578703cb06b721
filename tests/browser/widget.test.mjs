// The <xxgk-validator> widget in the strict-CSP demo page (www/embed.html),
// the shipped (wasm-opt'd) module, and the Chinese message when WebAssembly
// cannot run.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import fs from "node:fs";
import { startServer, launch, readFixture, CLEAN, ERRORS, shots, waitReport, paste } from "./helpers.mjs";

const STRICT = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";

let server, browser;
before(async () => {
  server = await startServer({ csp: STRICT });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

async function open(url, init) {
  const page = await browser.context.newPage();
  const log = { errors: [], violations: [], requests: [] };
  page.on("pageerror", (e) => log.errors.push(e.message));
  page.on("request", (r) => log.requests.push(r.url()));
  if (init) await page.addInitScript(init);
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener("securitypolicyviolation", (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
    window.__validated = [];
    document.addEventListener("validated", (e) => window.__validated.push({ ...e.detail.report.summary, status: e.detail.status, ok: e.detail.ok }));
  });
  const res = await page.goto(url);
  return { page, log, res };
}

test("the widget works in the strict-CSP demo page and fires `validated`", async () => {
  const { page, log, res } = await open(server.url + "embed.html");
  assert.equal(res.headers()["content-security-policy"], STRICT);
  // The demo opens empty and ready (nothing checked yet), publishing blocked.
  await page.waitForFunction(() => document.querySelector("xxgk-validator")?.getAttribute("state") === "idle", null, { timeout: 20000 });
  assert.equal(await page.locator("#publish").isDisabled(), true);

  await page.evaluate(() => document.querySelector("xxgk-validator").setInput({ text: "" }));
  await paste(page, { text: readFixture(ERRORS) });
  const r = await waitReport(page);
  assert.ok(r.summary.errors > 0);
  await page.waitForFunction(() => window.__validated.some((s) => s.errors > 0));
  assert.deepEqual(await page.evaluate(() => window.__validated.filter((s) => s.errors > 0).map((s) => [s.status, s.ok])[0]), ["errors", false]);
  assert.equal(await page.locator("#publish").isDisabled(), true);
  assert.match(await page.locator("#publish-state").textContent(), /还有 \d+ 处要改/);
  assert.equal(await page.getAttribute("xxgk-validator", "compact"), "");
  assert.equal(await page.locator("xxgk-validator .tables-sec").isVisible(), false, "compact: no tables");
  await page.screenshot({ path: path.join(shots, "embed-errors.png"), fullPage: true });

  await page.evaluate(() => document.querySelector("xxgk-validator").setInput({ text: "" }));
  await paste(page, { text: readFixture(CLEAN) });
  await page.waitForFunction(() => !document.querySelector("#publish").disabled, null, { timeout: 10000 });
  assert.deepEqual(await page.evaluate(() => { const s = window.__validated.at(-1); return [s.status, s.ok]; }), ["clean", true]);
  assert.match(await page.locator("#publish-state").textContent(), /可以发布/);
  await page.screenshot({ path: path.join(shots, "embed-ok.png"), fullPage: true });

  const violations = await page.evaluate(() => window.__violations);
  assert.deepEqual(violations, [], "no CSP violation");
  assert.deepEqual(log.errors, []);
  assert.deepEqual(log.requests.filter((u) => !u.startsWith(server.url)), []);
  // Styles came from a <link>, not inline <style>.
  const styles = await page.evaluate(() => ({
    inline: document.querySelectorAll("style").length + document.querySelector("xxgk-validator").shadowRoot.querySelectorAll("style").length,
    link: !!document.querySelector("xxgk-validator").shadowRoot.querySelector('link[rel="stylesheet"]').sheet,
  }));
  assert.deepEqual(styles, { inline: 0, link: true });
  await page.close();
});

test("the shipped module is the wasm-opt output and runs in Chromium", async () => {
  const { page } = await open(server.url + "embed.html");
  const info = await page.evaluate(async () => {
    const bytes = await (await fetch("pkg/xxgk_validator_bg.wasm")).arrayBuffer();
    const m = await WebAssembly.compile(bytes);
    const { check, rules, default: init } = await import("./pkg/xxgk_validator.js");
    await init({ module_or_path: m });
    const r = check("一、本年新收政府信息公开申请数量 1 0 0 0 0 0 1");
    return { size: bytes.byteLength, names: WebAssembly.Module.customSections(m, "name").length, rules: rules().length, shape: Object.keys(r).join(",") };
  });
  assert.equal(info.names, 0, "wasm-opt --strip-debug ran (no name section)");
  assert.ok(info.rules >= 10);
  assert.equal(info.shape, "source,version,year,html,status,verdict,tables,summary,cells,diagnostics,mistakes,unit");
  console.log(`# shipped wasm: ${info.size} bytes`);
  await page.close();
});

test("without WebAssembly the widget says so in Chinese (never a blank page)", async () => {
  const { page } = await open(server.url, () => { delete window.WebAssembly; });
  await page.waitForFunction(() => document.querySelector("xxgk-validator")?.getAttribute("state") === "fatal", null, { timeout: 10000 });
  const msg = await page.locator("xxgk-validator .fatal").textContent();
  assert.match(msg, /无法运行 WebAssembly/);
  await page.screenshot({ path: path.join(shots, "no-wasm.png") });
  await page.close();
});

test("when a CSP blocks WebAssembly the widget says which directive the site must allow", async () => {
  const s = await startServer({ csp: "default-src 'self'; script-src 'self'; style-src 'self'" });
  try {
    const { page } = await open(s.url + "embed.html");
    await page.waitForFunction(() => document.querySelector("xxgk-validator")?.getAttribute("state") === "fatal", null, { timeout: 20000 });
    const msg = await page.locator("xxgk-validator .fatal").textContent();
    assert.match(msg, /wasm-unsafe-eval/);
    assert.match(msg, /安全策略/);
    await page.close();
  } finally {
    await s.close();
  }
});

test("without the CSS Custom Highlight API the original text is marked with <mark>", async () => {
  const { page } = await open(server.url, () => { try { delete CSS.highlights; } catch {} });
  await page.waitForFunction(() => document.querySelector("xxgk-validator")?.getAttribute("state") === "idle", null, { timeout: 20000 });
  assert.equal(await page.evaluate(() => typeof CSS.highlights), "undefined");
  await paste(page, { text: readFixture(ERRORS) });
  await waitReport(page);
  const marks = await page.evaluate(() => {
    const v = document.querySelector("xxgk-validator");
    return [...v.shadowRoot.querySelectorAll("pre.source mark.bad")].map((m) => [m.dataset.key, m.textContent]);
  });
  assert.ok(marks.some(([k]) => k === "requests.results_total.natural"), JSON.stringify(marks));
  await page.locator("xxgk-validator .finding").first().click();
  assert.ok((await page.locator("xxgk-validator pre.source mark.focus").count()) > 0);
  await page.close();
});

test("each finding explains its rule: titles from rules(), the docs from rule-docs.json", async () => {
  const { page } = await open(server.url);
  const docsFetched = [];
  page.on("request", (r) => { if (r.url().endsWith("/rule-docs.json")) docsFetched.push(r.url()); });
  await page.evaluate(() => document.querySelector("xxgk-validator").setInput({ text: "" }));
  await paste(page, { text: readFixture(ERRORS) });
  await waitReport(page);
  // One finding per mistake: its broken rules on demand, each with its explanation.
  const rules = page.locator("xxgk-validator li.error details.rules").first();
  await rules.locator("> summary").click();
  assert.match(await rules.locator("> summary").textContent(), /不符的核对（2 项）/);
  // (The page may fetch them after its first check: print.js readies Ctrl+P.
  // The first load never does: package.test.mjs.)
  const doc = rules.locator("details.doc").first();
  await doc.locator("summary").click();
  await doc.locator("p b", { hasText: "怎么改：" }).waitFor();
  // The text shown is the catalogue's (www/rule-docs.json, written from src/rules.rs).
  const docs = JSON.parse(fs.readFileSync(new URL("../../www/rule-docs.json", import.meta.url), "utf8"));
  const shown = await doc.textContent();
  const which = docs.find((d) => shown.includes(d.what));
  assert.ok(which && shown.includes(which.why) && shown.includes(which.fix), shown);
  assert.ok(docsFetched.length <= 1, "fetched once at most");
  // The first-load module's catalogue has ids, severities and titles, not the docs.
  const catalogue = await page.evaluate(async () => (await import("./engine.js")).getRules());
  const balance = catalogue.find((r) => r.id === "requests.balance");
  assert.ok(balance && balance.title && balance.severity === "error", JSON.stringify(balance));
  assert.equal(balance.what, undefined);
  assert.deepEqual(catalogue.map((r) => r.id).sort(), docs.map((d) => d.id).sort());
  await page.locator("xxgk-validator .findings").screenshot({ path: path.join(shots, "findings-with-rule-doc.png") });
  await page.close();
});
