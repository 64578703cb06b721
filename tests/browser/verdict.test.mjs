// The honest verdict in the page: text copied out of a PDF viewer (labels and
// numbers streamed apart) is 未能完整核对 with the plain advice to drop the PDF
// itself — never 未发现错误. Run: node --test tests/browser/ (after build-wasm).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { startServer, launch, corpus, shots, waitReport, paste } from "./helpers.mjs";

let server, browser, page;

before(async () => {
  fs.mkdirSync(shots, { recursive: true });
  server = await startServer();
  browser = await launch();
  page = await browser.context.newPage();
  await page.goto(server.url);
  await page.waitForFunction(() => document.querySelector("xxgk-validator")?.getAttribute("state") === "idle", null, { timeout: 20000 });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

// 表三's row labels of the 2021 format (FORMAT.md §4), in order.
const ROWS = [
  "一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量",
  "（一）予以公开", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
  "1.属于国家秘密", "2.其他法律行政法规禁止公开", "3.危及“三安全一稳定”", "4.保护第三方合法权益",
  "5.属于三类内部事务信息", "6.属于四类过程性信息", "7.属于行政执法案卷", "8.属于行政查询事项",
  "1.本机关不掌握相关政府信息", "2.没有现成信息需要另行制作", "3.补正后申请内容仍不明确",
  "1.信访举报投诉类申请", "2.重复申请", "3.要求提供公开出版物", "4.无正当理由大量反复申请",
  "5.要求行政机关确认或重新出具已获取信息",
  "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
  "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
  "3.其他", "（七）总计", "四、结转下年度继续办理",
];

/** A report as a PDF viewer copies it: 表三's numbers column by column, then its labels. */
function pdfViewerText() {
  const value = (r, c) => (r === 0 || r === 2 || r === 23) && (c === 0 || c === 6) ? 2 : 0;
  let t = "示例区2023年政府信息公开工作年度报告\n一、总体情况\n本区认真贯彻条例。\n" +
    "二、主动公开政府信息情况\n第二十条第（一）项\n信息内容\n本年制发件数\n本年废止件数\n现行有效件数\n" +
    "三、收到和处理政府信息公开申请情况\n申请人情况\n自然人\n法人或其他组织\n总计\n";
  for (let c = 0; c < 7; c++) {
    t += ROWS.map((_, r) => `${value(r, c)}\n`).join("") + "\n";
  }
  t += ROWS.map((l) => `${l}\n`).join("");
  t += "四、政府信息公开行政复议、行政诉讼情况\n行政复议\n行政诉讼\n五、存在的主要问题及改进情况\n人员不足。\n六、其他需要报告的事项\n无。\n";
  return t;
}

async function expectIncompleteWithPdfAdvice(text, shot) {
  await page.evaluate(() => document.querySelector("xxgk-validator").setInput({ text: "" }));
  await paste(page, { text });
  const r = await waitReport(page);
  assert.equal(r.status, "incomplete", JSON.stringify(r.verdict));
  assert.match(r.verdict.advice ?? "", /请直接把PDF文件拖进来/);
  assert.equal(await page.getAttribute("xxgk-validator", "status"), "incomplete");
  const headline = await page.locator("xxgk-validator .status").textContent();
  assert.match(headline, /^未能完整核对/);
  assert.doesNotMatch(headline, /未发现错误/);
  const shown = await page.evaluate(() => document.querySelector("xxgk-validator").shadowRoot.textContent);
  assert.match(shown, /这段文字像是从PDF阅读器复制的/, "the advice is on the page, in plain words");
  assert.doesNotMatch(shown, /pdftotext/, "no jargon");
  await page.screenshot({ path: path.join(shots, shot), fullPage: true });
}

test("text copied from a PDF viewer: 未能完整核对, with the advice to drop the PDF itself", async () => {
  await expectIncompleteWithPdfAdvice(pdfViewerText(), "page-pdf-viewer-text.png");
});

test("hongze-2023 copied from a PDF viewer (the real report)", { skip: !fs.existsSync(corpus("hongze-2023.pdftotext-raw.txt")) && "needs the real-report corpus: set XXGK_CORPUS or place it at ../shared/corpus" }, async () => {
  await expectIncompleteWithPdfAdvice(fs.readFileSync(corpus("hongze-2023.pdftotext-raw.txt"), "utf8"), "page-hongze-2023-raw.png");
});
