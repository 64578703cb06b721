// The portal's side of the embedding demo: block publishing while errors remain.
const checker = document.getElementById("checker");
const publish = document.getElementById("publish");
const state = document.getElementById("publish-state");

checker.addEventListener("validated", (ev) => {
  const { ok, errors, warnings, report } = ev.detail;
  const found = report.tables.disclosure || report.tables.requests || report.tables.appeals;
  publish.disabled = !ok || !found;
  state.textContent = !found
    ? "未找到标准表格，暂不能发布。"
    : ok
      ? `表格校验通过${warnings ? `（${warnings} 处提醒）` : ""}，可以发布。`
      : `还有 ${errors} 处错误，改正后才能发布。`;
  document.documentElement.dataset.validated = String(Date.now());
});

publish.addEventListener("click", () => {
  state.textContent = "（示例页：不会真正发布。）";
});
