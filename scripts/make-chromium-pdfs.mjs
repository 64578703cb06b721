// Writes tests/fixtures/files/<name>.chromium.pdf: the synthetic reports of
// tests/fixtures/files/src/*.html (scripts/make-file-fixtures) printed to PDF
// by headless Chromium (page.pdf, A4), as a person's "Save as PDF" does.
// Chromium's PDFs map some glyphs to Kangxi radicals (⼀ for 一) in their
// ToUnicode tables; tests/files.rs reads these files to hold the reader to
// that. Not part of the test command: the outputs are committed.
//
//   node scripts/make-chromium-pdfs.mjs        (needs /usr/bin/chromium and npm's playwright-core)
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const dir = path.join(root, "tests", "fixtures", "files");
const names = ["v2021-clean", "v2021-wrong-cell"];

const browser = await chromium.launch({ executablePath: "/usr/bin/chromium" });
try {
  const page = await browser.newPage();
  for (const name of names) {
    await page.goto(pathToFileURL(path.join(dir, "src", `${name}.html`)).href);
    const pdf = await page.pdf({ format: "A4", printBackground: true });
    const out = path.join(dir, `${name}.chromium.pdf`);
    fs.writeFileSync(out, pdf);
    console.log(`wrote ${path.relative(root, out)} (${pdf.length} bytes)`);
  }
} finally {
  await browser.close();
}
