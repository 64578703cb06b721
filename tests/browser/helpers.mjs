// Shared set-up of the browser tests: the static server (scripts/serve.mjs) on
// 127.0.0.1 and headless Chromium (/usr/bin/chromium) through playwright-core.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { createServer, listen } from "../../scripts/serve.mjs";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
// The real-report corpus ($XXGK_CORPUS or ../shared/corpus): other people's
// documents, not in the repository, absent from a plain clone.
export const corpus = (name) => path.join(process.env.XXGK_CORPUS || path.join(root, "..", "shared", "corpus"), name);
export const readCorpus = (name) => fs.readFileSync(corpus(name), "utf8");
export const SEED0 = "seed-000_1969cc7526291166.txt";
export const SEED1 = "seed-001_e29df57cb4037e37.txt";
// The project's own generated reports, committed (tests/fixtures/, written by
// `cargo run --example make-fixtures`; www/samples/ holds the page's 示例).
// They carry the seeds' numbers, so what a test asserts of seed-000/001 holds.
export const fixture = (name) => path.join(root, "tests", "fixtures", name);
export const readFixture = (name) => fs.readFileSync(fixture(name), "utf8");
export const sample = (name) => path.join(root, "www", "samples", name);
/** Clean v2021, one cell per line with `|` (seed-000's numbers: penalty 8, fees 168.61). */
export const CLEAN = "v2021-pipes-clean.txt";
/** v2019, 2020, blank-line separated, seed-001's mistakes (（七）总计 0 for 3, 行政复议 总计 0 for 1). */
export const ERRORS = "v2019-blank-lines-seed-001-pattern.txt";
/** Clean v2021 HTML with rowspan/colspan (city-2025's numbers: received 14069, results 13810). */
export const HTML = "v2021-html-clean.html";
/** Clean v2021, tab-separated (seed-003's numbers: licensing 28). */
export const TABS = "v2021-tabs-clean.txt";
/** Chinese prose about reports, without tables. */
export const NOT_A_REPORT = "not-a-report.txt";
/** The 示例 button of the sample with errors (www/samples/index.json). */
export const SAMPLE_ERRORS = "errors-2020-v2019.txt";
export const shots = path.join(root, "tests", "browser", "screenshots");

const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";

export async function startServer(opts = {}) {
  const server = createServer({ root: path.join(root, "www"), ...opts });
  const url = await listen(server, 0);
  return { url, close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(() => r()); }) };
}

export async function launch() {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), "xxgk-chromium-"));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ],
    viewport: { width: 1360, height: 900 },
    locale: "zh-CN",
  });
  return {
    context,
    async close() {
      await context.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Waits until the widget has a report for the current input; returns the widget's report. */
export async function waitReport(page, selector = "xxgk-validator") {
  await page.waitForFunction((sel) => {
    const v = document.querySelector(sel);
    return v && v.report && v.getAttribute("state") !== "idle";
  }, selector, { timeout: 20000 });
  return page.evaluate((sel) => document.querySelector(sel).report, selector);
}

/** Pastes through a real paste event on the widget's textarea (ClipboardEvent with a DataTransfer). */
export async function paste(page, { text = "", html = null }, selector = "xxgk-validator") {
  await page.evaluate(({ sel, text, html }) => {
    const ta = document.querySelector(sel).shadowRoot.querySelector("textarea");
    ta.focus();
    const dt = new DataTransfer();
    dt.setData("text/plain", text);
    if (html) dt.setData("text/html", html);
    const ev = new ClipboardEvent("paste", { clipboardData: dt, bubbles: true, cancelable: true, composed: true });
    const handled = !ta.dispatchEvent(ev);
    if (!handled) {
      // What the browser does for an unhandled paste: insert the plain text.
      ta.setRangeText(text, ta.selectionStart, ta.selectionEnd, "end");
      ta.dispatchEvent(new InputEvent("input", { bubbles: true, inputType: "insertFromPaste" }));
    }
  }, { sel: selector, text, html });
}

/**
 * Like paste(), in two steps: `stage` moves the payload into the page first
 * (the transfer from node is a long task of its own), `fire` then dispatches
 * the paste, so timing measured around `fire` is the page's own.
 */
export async function stagePaste(page, { text = "", html = null }) {
  await page.evaluate(({ text, html }) => { window.__clip = { text, html }; }, { text, html });
  return () => page.evaluate(() => {
    const { text, html } = window.__clip;
    window.__clip = null;
    const ta = document.querySelector("xxgk-validator").shadowRoot.querySelector("textarea");
    ta.focus();
    const dt = new DataTransfer();
    dt.setData("text/plain", text);
    if (html) dt.setData("text/html", html);
    ta.dispatchEvent(new ClipboardEvent("paste", { clipboardData: dt, bubbles: true, cancelable: true, composed: true }));
  });
}
