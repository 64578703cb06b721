// The portal's side of the embedding demo: publishing is allowed only when
// the widget checked everything and found no error (`ok`, status "clean").
const checker = document.getElementById("checker");
const publish = document.getElementById("publish");
const state = document.getElementById("publish-state");
const cspCount = document.getElementById("csp-count");

// Any change of the text: wait for its check before allowing publishing.
checker.addEventListener("xxgk-input", (ev) => {
  publish.disabled = true;
  state.textContent = ev.detail.text || ev.detail.html ? "正在检查……" : "请粘贴年度报告全文，核对通过后才能发布。";
});

checker.addEventListener("validated", (ev) => {
  // `report` is null when a dropped file could not be read; `verdict` and
  // the counts are always there. `mistakes` counts the cells to fix.
  const { ok, errors, mistakes, verdict, unreadable } = ev.detail;
  publish.disabled = !ok;
  state.textContent = ok
    ? "全部核对，未发现错误，可以发布。"
    : errors > 0
      ? `有错误：还有 ${mistakes || errors} 处要改，改正后才能发布。`
      : `未能完整核对，暂不能发布。${unreadable ? unreadable.message : verdict ? [...verdict.reasons, verdict.advice ?? ""].join(" ") : ""}`;
  document.documentElement.dataset.validated = String(Date.now());
});

publish.addEventListener("click", () => {
  state.textContent = "（示例页：不会真正发布。）";
});

// A strict portal reports every CSP violation; the widget should cause none.
let violations = 0;
document.addEventListener("securitypolicyviolation", () => {
  violations++;
  cspCount.textContent = `本页的安全策略（CSP）违规：${violations} 次。`;
  cspCount.classList.add("bad");
});
