// The format's three tables as printed (FORMAT.md §3–5): keys and Chinese
// labels, and a builder that draws them with the official merged headers.
// Only DOM APIs are used (createElement / textContent), never HTML strings.

export const REQUEST_COLS = [
  ["natural", "自然人"],
  ["business", "商业企业"],
  ["research", "科研机构"],
  ["nonprofit", "社会公益组织"],
  ["legal", "法律服务机构"],
  ["other_org", "其他"],
  ["total", "总计"],
];

const RESULTS = "三、本年度办理结果";
const DENIED = "（三）不予公开";
const UNABLE = "（四）无法提供";
const REFUSED = "（五）不予处理";
const OTHER = "（六）其他处理";

// [key, label, group (second label column), section (first label column)]
export const REQUEST_ROWS = [
  ["received", "一、本年新收政府信息公开申请数量", "", ""],
  ["carried_in", "二、上年结转政府信息公开申请数量", "", ""],
  ["granted", "（一）予以公开", "", RESULTS],
  ["partial", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "", RESULTS],
  ["denied_secret", "1.属于国家秘密", DENIED, RESULTS],
  ["denied_law", "2.其他法律行政法规禁止公开", DENIED, RESULTS],
  ["denied_safety", "3.危及“三安全一稳定”", DENIED, RESULTS],
  ["denied_third_party", "4.保护第三方合法权益", DENIED, RESULTS],
  ["denied_internal", "5.属于三类内部事务信息", DENIED, RESULTS],
  ["denied_process", "6.属于四类过程性信息", DENIED, RESULTS],
  ["denied_enforcement", "7.属于行政执法案卷", DENIED, RESULTS],
  ["denied_query", "8.属于行政查询事项", DENIED, RESULTS],
  ["unable_none", "1.本机关不掌握相关政府信息", UNABLE, RESULTS],
  ["unable_create", "2.没有现成信息需要另行制作", UNABLE, RESULTS],
  ["unable_unclear", "3.补正后申请内容仍不明确", UNABLE, RESULTS],
  ["refused_complaint", "1.信访举报投诉类申请", REFUSED, RESULTS],
  ["refused_repeat", "2.重复申请", REFUSED, RESULTS],
  ["refused_publication", "3.要求提供公开出版物", REFUSED, RESULTS],
  ["refused_massive", "4.无正当理由大量反复申请", REFUSED, RESULTS],
  ["refused_confirm", "5.要求行政机关确认或重新出具已获取信息", REFUSED, RESULTS],
  ["other_overdue_fix", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", OTHER, RESULTS],
  ["other_overdue_fee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", OTHER, RESULTS],
  ["other_misc", "3.其他", OTHER, RESULTS],
  ["other", "（六）其他处理", "", RESULTS],
  ["results_total", "（七）总计", "", RESULTS],
  ["carried_out", "四、结转下年度继续办理", "", ""],
];

export const APPEAL_GROUPS = [
  ["review", "行政复议"],
  ["suit_direct", "行政诉讼·未经复议直接起诉"],
  ["suit_after_review", "行政诉讼·复议后起诉"],
];
export const APPEAL_COLS = [
  ["upheld", "结果维持"],
  ["corrected", "结果纠正"],
  ["other", "其他结果"],
  ["pending", "尚未审结"],
  ["total", "总计"],
];

const V21_ART1 = [["issued", "本年制发件数"], ["repealed", "本年废止件数"], ["in_force", "现行有效件数"]];
const V21_DEC = [["decisions", "本年处理决定数量"]];
const V19_ART1 = [["made", "本年新制作数量"], ["published", "本年新公开数量"], ["total_published", "对外公开总数量"]];
const V19_ITEMS = [["prev_items", "上一年项目数量"], ["change", "本年增/减"], ["decisions", "处理决定数量"]];

// [block label, column list, rows [key, label]]
export const DISCLOSURE = {
  v2021: [
    ["第二十条第（一）项", V21_ART1, [["regulations", "规章"], ["normative_docs", "行政规范性文件"]]],
    ["第二十条第（五）项", V21_DEC, [["licensing", "行政许可"]]],
    ["第二十条第（六）项", V21_DEC, [["penalty", "行政处罚"], ["coercion", "行政强制"]]],
    ["第二十条第（八）项", [["amount", "本年收费金额（单位：万元）"]], [["fees", "行政事业性收费"]]],
  ],
  v2019: [
    ["第二十条第（一）项", V19_ART1, [["regulations", "规章"], ["normative_docs", "规范性文件"]]],
    ["第二十条第（五）项", V19_ITEMS, [["licensing", "行政许可"], ["other_services", "其他对外管理服务事项"]]],
    ["第二十条第（六）项", V19_ITEMS, [["penalty", "行政处罚"], ["coercion", "行政强制"]]],
    ["第二十条第（八）项", [["prev_items", "上一年项目数量"], ["change", "本年增/减"]], [["fees", "行政事业性收费"]]],
    ["第二十条第（九）项", [["items", "采购项目数量"], ["amount", "采购总金额"]], [["procurement", "政府集中采购"]]],
  ],
};

/** “表三「（七）总计」行「自然人」列” for `requests.results_total.natural`. */
export function cellLabel(key) {
  const [t, r, c] = key.split(".");
  if (t === "requests") {
    const row = REQUEST_ROWS.find((x) => x[0] === r);
    const col = REQUEST_COLS.find((x) => x[0] === c);
    const rl = row ? (row[2] && !row[1].startsWith("（") ? row[2] + row[1] : row[1]) : r;
    return `表三「${rl.replace(/（区分处理的.*）$/, "").replace(/、行政机关不再处理.*$/, "")}」行「${col ? (c === "other_org" ? "其他法人或组织" : col[1]) : c}」列`;
  }
  if (t === "appeals") {
    const g = APPEAL_GROUPS.find((x) => x[0] === r);
    const col = APPEAL_COLS.find((x) => x[0] === c);
    return `表四「${g ? g[1] : r}」的「${col ? col[1] : c}」`;
  }
  if (t === "disclosure") {
    for (const blocks of [DISCLOSURE.v2021, DISCLOSURE.v2019]) {
      for (const [, cols, rows] of blocks) {
        const row = rows.find((x) => x[0] === r);
        const col = cols.find((x) => x[0] === c);
        if (row && col) return `表二「${row[1]}」的「${col[1]}」`;
      }
    }
  }
  return key;
}

function el(tag, attrs = {}, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "class") e.className = v;
    else if (k === "text") e.textContent = v;
    else e.setAttribute(k, v === true ? "" : String(v));
  }
  for (const k of kids) if (k != null) e.append(k);
  return e;
}
export { el };

function shape(report) {
  const cells = report.cells || {};
  const keys = Object.keys(cells);
  const has = (prefix) => keys.some((k) => k.startsWith(prefix));
  const version = report.version || (has("disclosure.regulations.made") || has("disclosure.procurement") ? "v2019" : "v2021");
  const single = has("requests.other.") || (version === "v2019" && !has("requests.other_misc."));
  const rows = REQUEST_ROWS.filter(([k]) => (single ? !k.startsWith("other_") : k !== "other"));
  const t = report.tables || {};
  return {
    version, rows,
    disclosure: !!t.disclosure || has("disclosure."),
    requests: !!t.requests || has("requests."),
    appeals: !!t.appeals || has("appeals."),
  };
}

/** Every cell key of the tables found, as drawTables lays them out. */
export function layoutKeys(report) {
  const s = shape(report);
  const out = [];
  if (s.disclosure) for (const [, cols, rows] of DISCLOSURE[s.version]) for (const [rk] of rows) for (const [ck] of cols) out.push(`disclosure.${rk}.${ck}`);
  if (s.requests) for (const [rk] of s.rows) for (const [ck] of REQUEST_COLS) out.push(`requests.${rk}.${ck}`);
  if (s.appeals) for (const [g] of APPEAL_GROUPS) for (const [c] of APPEAL_COLS) out.push(`appeals.${g}.${c}`);
  return out;
}

/**
 * Draws the three tables. `cellFor(key, td)` fills a data cell (the caller
 * marks errors); returns a DocumentFragment with one <figure> per table found.
 * `narrow` (a phone): one label column per table, kept in view (sticky) while
 * the numbers scroll sideways; table 四 is drawn one row per number.
 */
export function drawTables(report, cellFor, { narrow = false } = {}) {
  const frag = document.createDocumentFragment();
  const s = shape(report);
  const version = s.version;

  const td = (key, attrs = {}) => {
    const c = el("td", { class: "num", "data-key": key, ...attrs });
    cellFor(key, c);
    return c;
  };

  // 表二
  if (s.disclosure) {
    const t = el("table", { class: "t2" });
    const width = 4;
    for (const [block, cols, rows] of DISCLOSURE[version]) {
      t.append(el("tr", { class: "block" }, el("th", { colspan: width, scope: "colgroup", class: "stick", text: block })));
      const head = el("tr", {}, el("th", { scope: "col", class: "stick", text: "信息内容" }));
      cols.forEach(([, label], i) => {
        const cs = cols.length === 1 ? 3 : cols.length === 2 && i === 1 ? 2 : 1;
        head.append(el("th", { scope: "col", colspan: cs > 1 ? cs : null, text: label }));
      });
      t.append(head);
      for (const [rk, rl] of rows) {
        const tr = el("tr", {}, el("th", { scope: "row", class: "stick", text: rl }));
        cols.forEach(([ck], i) => {
          const cs = cols.length === 1 ? 3 : cols.length === 2 && i === 1 ? 2 : 1;
          tr.append(td(`disclosure.${rk}.${ck}`, { colspan: cs > 1 ? cs : null }));
        });
        t.append(tr);
      }
    }
    frag.append(figure("二、主动公开政府信息情况", t));
  }

  // 表三
  if (s.requests) {
    const rows = s.rows;
    const t = el("table", { class: "t3" });
    const thead = el("thead");
    thead.append(
      el("tr", {},
        narrow
          ? el("th", { rowspan: 3, class: "note stick", text: "项目" })
          : el("th", { rowspan: 3, colspan: 3, class: "note", text: "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）" }),
        el("th", { colspan: 7, scope: "colgroup", text: "申请人情况" })),
      el("tr", {},
        el("th", { rowspan: 2, scope: "col", text: "自然人" }),
        el("th", { colspan: 5, scope: "colgroup", text: "法人或其他组织" }),
        el("th", { rowspan: 2, scope: "col", text: "总计" })),
      el("tr", {}, ...REQUEST_COLS.slice(1, 6).map(([, l]) => el("th", { scope: "col", text: l }))),
    );
    t.append(thead);
    const tbody = el("tbody");
    const resultRows = rows.filter((r) => r[3] === RESULTS).length;
    let sectionOpen = false;
    const groupCount = (g) => rows.filter((r) => r[2] === g).length;
    const openedGroups = new Set();
    for (const [rk, rl, group, section] of rows) {
      const tr = el("tr", { "data-row": rk });
      if (narrow) {
        // One label column: the group's name leads its numbered rows.
        const th = el("th", { scope: "row", class: "lbl stick" });
        if (group) th.append(el("span", { class: "grp", text: group }), " ");
        th.append(rl.replace(/（区分处理的.*）$/, "").replace(/、行政机关不再处理.*$/, ""));
        tr.append(th);
      } else if (!section) {
        tr.append(el("th", { scope: "row", colspan: 3, class: "lbl", text: rl }));
      } else {
        if (!sectionOpen) {
          tr.append(el("th", { rowspan: resultRows, class: "section", text: section }));
          sectionOpen = true;
        }
        if (group) {
          if (!openedGroups.has(group)) {
            tr.append(el("th", { rowspan: groupCount(group), class: "group", text: group }));
            openedGroups.add(group);
          }
          tr.append(el("th", { scope: "row", class: "lbl sub", text: rl }));
        } else {
          tr.append(el("th", { scope: "row", colspan: 2, class: "lbl", text: rl }));
        }
      }
      for (const [ck] of REQUEST_COLS) tr.append(td(`requests.${rk}.${ck}`));
      tbody.append(tr);
    }
    t.append(tbody);
    frag.append(figure("三、收到和处理政府信息公开申请情况", t));
  }

  // 表四
  if (s.appeals) {
    const t = el("table", { class: "t4" });
    if (narrow) {
      // Fifteen numbers in one row do not fit a phone: one row each.
      const tbody = el("tbody");
      for (const [g, gl] of APPEAL_GROUPS) {
        tbody.append(el("tr", { class: "block" }, el("th", { colspan: 2, scope: "colgroup", class: "stick", text: gl })));
        for (const [c, cl] of APPEAL_COLS) tbody.append(el("tr", {}, el("th", { scope: "row", class: "stick", text: cl }), td(`appeals.${g}.${c}`)));
      }
      t.append(tbody);
    } else {
      const thead = el("thead");
      const cols = APPEAL_COLS.map(([, l]) => l);
      thead.append(
        el("tr", {},
          el("th", { colspan: 5, scope: "colgroup", text: "行政复议" }),
          el("th", { colspan: 10, scope: "colgroup", text: "行政诉讼" })),
        el("tr", {},
          ...cols.map((l) => el("th", { rowspan: 2, scope: "col", text: l })),
          el("th", { colspan: 5, scope: "colgroup", text: "未经复议直接起诉" }),
          el("th", { colspan: 5, scope: "colgroup", text: "复议后起诉" })),
        el("tr", {}, ...cols.concat(cols).map((l) => el("th", { scope: "col", text: l }))),
      );
      t.append(thead);
      const tr = el("tr");
      for (const [g] of APPEAL_GROUPS) for (const [c] of APPEAL_COLS) tr.append(td(`appeals.${g}.${c}`));
      t.append(el("tbody", {}, tr));
    }
    frag.append(figure("四、政府信息公开行政复议、行政诉讼情况", t));
  }
  return frag;
}

function figure(caption, table) {
  return el("figure", { class: "table" }, el("figcaption", { text: caption }), el("div", { class: "scroll" }, table));
}
