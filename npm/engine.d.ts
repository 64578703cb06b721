// Types of engine.js: the checker without the element. Loads the WebAssembly
// once per page (in a Web Worker when possible) relative to engine.js.
//
//   import { getEngine } from "xxgk-validator/engine.js";
//   const { report, ms } = await (await getEngine()).check(text);
import type { Report, Rule } from "./pkg/xxgk_validator.js";
import type { Engine } from "./xxgk-validator.js";
export type { Engine, Report, Rule };

/** Thrown by getEngine(); `message` is the Chinese text to show the user. */
export declare class EngineError extends Error {
  readonly name: "EngineError";
  readonly cause: unknown;
}

export declare const MSG_NO_WASM: string;
export declare const MSG_CSP: string;
export declare const MSG_LOAD: string;

/** The page's one engine (a Web Worker if possible). Rejects with an EngineError. */
export declare function getEngine(): Promise<Engine & { rules: Rule[] }>;

/** The rule catalogue: each rule's id, severity and title. Their docs (what
 * each checks, why, how to fix it) are in `rule-docs.json` beside the widget,
 * by id; the widget's `ruleDocs(rule)` fetches them. */
export declare function getRules(): Promise<Rule[]>;
