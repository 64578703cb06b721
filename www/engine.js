// Loads the checker (WebAssembly) once per page and runs checks in a Web
// Worker; falls back to the main thread when workers are unavailable. Every
// URL is relative to this module, so the files can be served from anywhere.
//
//   const engine = await getEngine();          // throws EngineError (Chinese message)
//   const { report, ms } = await engine.check(text, { html: false });
//   const { report, text } = await engine.check(html, { html: true, text: true }); // + HTML's plain text
//   engine.rules                                // the rule catalogue

const base = import.meta.url;

export class EngineError extends Error {
  constructor(message, cause) {
    super(message);
    this.name = "EngineError";
    this.cause = cause;
  }
}

export const MSG_NO_WASM =
  "您的浏览器无法运行 WebAssembly，校验器无法启动。请使用新版 Chrome、Edge、Firefox 或 Safari 打开本页。";
export const MSG_CSP =
  "网站的安全策略（CSP）阻止了校验器运行 WebAssembly。网站管理员需在 script-src 中允许 'wasm-unsafe-eval'（见 EMBEDDING.md）。";
export const MSG_LOAD =
  "校验器加载失败，请刷新页面重试。如果问题持续，请使用新版 Chrome、Edge、Firefox 或 Safari。";

function explain(err) {
  const msg = String((err && err.message) || err || "");
  if (/Content Security Policy|unsafe-eval|CSP|violates/i.test(msg)) return new EngineError(MSG_CSP, err);
  return new EngineError(MSG_LOAD, err);
}

function wasmUsable() {
  try {
    if (typeof WebAssembly !== "object" || typeof WebAssembly.instantiate !== "function") return false;
    // The smallest valid module: proves the engine is there (not that CSP allows compiling).
    return WebAssembly.validate(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]));
  } catch {
    return false;
  }
}

class WorkerEngine {
  constructor(worker, version, rules) {
    this.worker = worker;
    this.version = version;
    this.rules = rules || [];
    this.kind = "worker";
    this.next = 1;
    this.pending = new Map();
    worker.onmessage = ({ data }) => {
      const p = this.pending.get(data.id);
      if (!p) return;
      this.pending.delete(data.id);
      if (data.error) {
        if (data.fatal) this.restart();
        p.reject(new EngineError("检查时出错：" + data.error));
      } else p.resolve({ report: data.report, ms: data.ms, text: data.text });
    };
    worker.onerror = (e) => {
      for (const p of this.pending.values()) p.reject(new EngineError("检查时出错：" + (e.message || "worker")));
      this.pending.clear();
    };
  }
  restart() {
    this.worker.terminate();
    shared = null; // the next getEngine() starts afresh
  }
  check(input, { html = false, text = false } = {}) {
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, input, html, text });
    });
  }
}

class MainThreadEngine {
  constructor(mod) {
    this.mod = mod;
    this.version = mod.version();
    this.rules = mod.rules();
    this.kind = "main";
  }
  // Only when workers are unavailable: the core still reads HTML (no DOM parsing).
  async check(input, { html = false, text = false } = {}) {
    const t0 = performance.now();
    const report = html ? this.mod.checkHtml(input) : this.mod.check(input);
    const ms = performance.now() - t0;
    return { report, ms, text: html && text ? this.mod.htmlText(input) : undefined };
  }
}

function startWorker() {
  return new Promise((resolve, reject) => {
    let w;
    try {
      w = new Worker(new URL("./engine-worker.js", base), { type: "module" });
    } catch (e) {
      reject(e);
      return;
    }
    const timer = setTimeout(() => { w.terminate(); reject(new Error("worker timeout")); }, 15000);
    w.onmessage = ({ data }) => {
      clearTimeout(timer);
      if (data.ready) resolve(new WorkerEngine(w, data.version, data.rules));
      else { w.terminate(); reject(Object.assign(new Error(data.error), { csp: data.csp })); }
    };
    w.onerror = (e) => {
      clearTimeout(timer);
      e.preventDefault?.();
      w.terminate();
      reject(new Error(e.message || "worker failed"));
    };
  });
}

async function startMain() {
  const mod = await import(new URL("./pkg/xxgk_validator.js", base).href);
  await mod.default({ module_or_path: new URL("./pkg/xxgk_validator_bg.wasm", base) });
  return new MainThreadEngine(mod);
}

let shared = null;

/** The page's one engine (worker if possible). Rejects with an EngineError. */
export function getEngine() {
  if (!shared) {
    shared = (async () => {
      if (!wasmUsable()) throw new EngineError(MSG_NO_WASM);
      try {
        return await startWorker();
      } catch (e) {
        if (e && e.csp) throw new EngineError(MSG_CSP, e);
        try {
          return await startMain();
        } catch (e2) {
          throw explain(e2);
        }
      }
    })();
    shared.catch(() => { shared = null; });
  }
  return shared;
}

/** The rule catalogue: [{ id, severity, title, what, why, fix }]. */
export async function getRules() {
  return (await getEngine()).rules;
}
