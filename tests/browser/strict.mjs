// Shared by embed.test.mjs and package.test.mjs: a strict-CSP server that
// counts CSP violation reports, the sample reports, and the report the wasm
// module gives in node (to compare the page's result against).
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createServer, listen } from "../../scripts/serve.mjs";
import { root, SAMPLE_ERRORS } from "./helpers.mjs";

/** The policy of EMBEDDING.md section 4: no inline script or style, wasm allowed. */
export const STRICT = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";

/**
 * Serves `dir` under STRICT plus `report-uri /csp-report`; the reports the
 * browser POSTs there are kept in `reports`, the paths of all GETs in `served`.
 */
export async function strictServer(dir) {
  const reports = [];
  const served = []; // every GET's path, also those of workers the page does not see
  const server = createServer({ root: dir, csp: `${STRICT}; report-uri /csp-report` });
  const files = server.listeners("request")[0];
  server.removeAllListeners("request");
  server.on("request", (req, res) => {
    if (req.method === "POST" && req.url === "/csp-report") {
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", () => {
        try {
          reports.push(JSON.parse(body)["csp-report"] ?? JSON.parse(body));
        } catch {
          reports.push({ raw: body });
        }
        res.writeHead(204).end();
      });
      return;
    }
    served.push(req.url);
    files(req, res);
  });
  const url = await listen(server, 0);
  return {
    url,
    reports,
    served,
    close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(() => r()); }),
  };
}

/** Opens `url` recording page errors, CSP violations (events) and every `validated` detail. */
export async function openRecorded(context, url) {
  const page = await context.newPage();
  const log = { errors: [], requests: [] };
  page.on("pageerror", (e) => log.errors.push(e.message));
  page.on("request", (r) => log.requests.push(r.url()));
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener("securitypolicyviolation", (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
    window.__validated = [];
    document.addEventListener("validated", (e) => {
      const { report, ...rest } = e.detail;
      window.__validated.push({ ...rest, summary: report?.summary, rules: report?.diagnostics.map((d) => d.rule) ?? [], reportStatus: report?.status });
    });
  });
  const res = await page.goto(url);
  return { page, log, res };
}

/**
 * A committed sample report of www/samples (the project's own generated
 * reports: the one with seed-001's mistakes, or the clean one).
 */
export function sample(kind) {
  const name = kind === "errors" ? SAMPLE_ERRORS : "clean-2022-v2021.txt";
  const file = path.join(root, "www", "samples", name);
  return { name: `www/samples/${name}`, text: fs.readFileSync(file, "utf8") };
}

/** The report of `text` from the wasm module `pkgDir/xxgk_validator.js` run in node. */
export async function nodeCheck(pkgDir, text) {
  const mod = await import(pathToFileURL(path.join(pkgDir, "xxgk_validator.js")).href);
  mod.initSync({ module: fs.readFileSync(path.join(pkgDir, "xxgk_validator_bg.wasm")) });
  return mod.check(text);
}
