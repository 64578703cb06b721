//! The rule catalogue: every finding's stable id, its severity, its Chinese
//! title and its short docs (what it checks, why, how to fix). Ids of the
//! arithmetic rules are those of FORMAT.md §6; the others follow their style.
//!
//! Checks live in `check`; this module only names and documents them.

use crate::report::Severity;

/// A docs text of the catalogue: the text itself with the `rule-docs`
/// feature (on by default: the CLI), "" without it. The first-load wasm
/// module is built without it and its page fetches the docs on demand from
/// `www/rule-docs.json` (written from this catalogue by
/// `cargo run --example make-fixtures`), which keeps ~3.4 KiB of gzipped
/// text out of every first visit.
macro_rules! doc {
    ($text:literal) => {
        if cfg!(feature = "rule-docs") {
            $text
        } else {
            ""
        }
    };
}

pub struct RuleInfo {
    pub id: &'static str,
    pub severity: Severity,
    pub title: &'static str,
    pub what: &'static str,
    pub why: &'static str,
    pub fix: &'static str,
}

pub const ROW_TOTAL: &str = "requests.row_total";
pub const RESULTS_TOTAL: &str = "requests.results_total";
pub const BALANCE: &str = "requests.balance";
pub const GROUP_TOTAL: &str = "appeals.group_total";
pub const NEGATIVE: &str = "value.negative";
pub const NOT_INTEGER: &str = "value.not_integer";
pub const NOT_NUMBER: &str = "value.not_number";
pub const TOO_LARGE: &str = "value.too_large";
pub const BLANK_TOTAL: &str = "value.blank_total";
pub const UNCHECKED: &str = "value.blank_unchecked";
pub const OLD_FORMAT: &str = "format.old_version";
pub const SINGLE_OTHER: &str = "format.single_other_row";
pub const NOT_FOUND: &str = "tables.not_found";
pub const INCOMPLETE: &str = "tables.incomplete";
pub const SPLIT_DIGITS: &str = "text.run_together_digits";
pub const TOTAL_PUBLISHED: &str = "disclosure.total_published";
pub const IN_FORCE: &str = "disclosure.in_force_below_issued";
pub const NARRATIVE: &str = "narrative.mismatch";
pub const SECTIONS: &str = "narrative.sections";
pub const YEAR_MISMATCH: &str = "text.year_mismatch";
pub const YEAR_VERSION: &str = "text.year_version";
pub const FEE_MISSING: &str = "text.processing_fee_missing";
pub const FEE_CONFLICT: &str = "text.processing_fee_conflict";
pub const SEVERAL: &str = "text.several_reports";
pub const CARRIED_OVER: &str = "compare.carried_over";
pub const IN_FORCE_CONTINUITY: &str = "compare.in_force_continuity";
pub const COPIED_TABLES: &str = "compare.copied_tables";
pub const NOT_A_PAIR: &str = "compare.not_a_pair";

pub const CATALOG: &[RuleInfo] = &[
    RuleInfo {
        id: ROW_TOTAL,
        severity: Severity::Error,
        title: "行合计不符",
        what: doc!("表三每一行的“总计”应等于自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他六列之和。"),
        why: doc!("总计列是本行各类申请人数量的合计，不相等说明某个格子填错或漏填。"),
        fix: doc!("逐格核对本行六类申请人的数量与总计；若只有一处不符，按提示的“应为”值更正该格。"),
    },
    RuleInfo {
        id: RESULTS_TOTAL,
        severity: Severity::Error,
        title: "办理结果合计不符",
        what: doc!("表三“（七）总计”行的每一列应等于（一）至（六）各项办理结果之和。"),
        why: doc!("（七）总计是本年度全部办理结果的合计，各项结果与总计对不上，说明有结果漏计、重计或总计未更新。"),
        fix: doc!("把（一）予以公开到（六）其他处理的各行数字逐列相加，与（七）总计核对，更正填错的格子。"),
    },
    RuleInfo {
        id: BALANCE,
        severity: Severity::Error,
        title: "勾稽关系不符",
        what: doc!("表三每一列应满足表角注明的勾稽关系：第一项（本年新收）加第二项（上年结转）之和，等于第三项（办理结果总计）加第四项（结转下年度继续办理）之和。"),
        why: doc!("收到的申请要么已办结，要么结转下年，两边必须相等。"),
        fix: doc!("核对本年新收、上年结转、办理结果总计和结转下年度四个数；通常是总计或结转下年度漏改。"),
    },
    RuleInfo {
        id: GROUP_TOTAL,
        severity: Severity::Error,
        title: "复议诉讼合计不符",
        what: doc!("表四中行政复议、未经复议直接起诉、复议后起诉三组，各组的“总计”应等于结果维持、结果纠正、其他结果、尚未审结四项之和。"),
        why: doc!("总计是本组案件数的合计。"),
        fix: doc!("把本组四项相加填入总计，或更正填错的一项。"),
    },
    RuleInfo {
        id: NEGATIVE,
        severity: Severity::Error,
        title: "数量为负数",
        what: doc!("件数、项数不能为负数（2019年版“本年增/减”一栏除外）。"),
        why: doc!("负的件数没有意义，多为录入错误。"),
        fix: doc!("填写实际件数，没有的填 0。"),
    },
    RuleInfo {
        id: NOT_INTEGER,
        severity: Severity::Error,
        title: "件数不是整数",
        what: doc!("件数、项数应为整数；只有收费金额、采购金额可以有小数。"),
        why: doc!("件数不会有小数，小数多为错位或录入错误。"),
        fix: doc!("填写整数件数。"),
    },
    RuleInfo {
        id: NOT_NUMBER,
        severity: Severity::Error,
        title: "数字格内是文字",
        what: doc!("表格中应填数字的格子里出现了文字。"),
        why: doc!("文字无法参与合计核对，读者也无法得知实际数量。"),
        fix: doc!("填写数字；没有发生的填 0。"),
    },
    RuleInfo {
        id: TOO_LARGE,
        severity: Severity::Error,
        title: "数字位数过多",
        what: doc!("件数格中的数字超过 15 位，不可能是真实的件数。"),
        why: doc!("这样的数多半是几个格子的数字连在了一起（复制网页或PDF时丢了格线），或是录入时多按了键；它无法参与合计核对。"),
        fix: doc!("按原表逐格填写各格的数字；若原表就是如此，更正为实际件数。"),
    },
    RuleInfo {
        id: BLANK_TOTAL,
        severity: Severity::Error,
        title: "总计为空但分项不为零",
        what: doc!("总计格为空（或填“/”“-”“无”），而参与合计的分项中有非零数字。"),
        why: doc!("空格不等于零；分项有数而总计空着，读者得不到合计。"),
        fix: doc!("在总计格填入各分项之和。"),
    },
    RuleInfo {
        id: UNCHECKED,
        severity: Severity::Warning,
        title: "有空格，无法核对",
        what: doc!("某条合计关系涉及的格子为空或填了“/”“-”“无”，这条关系无法核对。"),
        why: doc!("空格不是零，校验器不会替你把空格当成 0。"),
        fix: doc!("没有发生的事项请填 0，使表格完整可核对。"),
    },
    RuleInfo {
        id: OLD_FORMAT,
        severity: Severity::Warning,
        title: "使用旧版格式",
        what: doc!("2021年及以后年度的报告仍使用2019年版表格（如“本年新制作数量”“政府集中采购”）。"),
        why: doc!("国办公开办函〔2021〕30号自2021年度报告起施行新格式。"),
        fix: doc!("按2021年版格式重新制表：表二改为制发/废止/现行有效件数，表三（六）其他处理分为三个子项。"),
    },
    RuleInfo {
        id: SINGLE_OTHER,
        severity: Severity::Warning,
        title: "（六）其他处理未分子项",
        what: doc!("2021年版表三中“（六）其他处理”应分为三个子项，本报告只有一行。"),
        why: doc!("新格式要求分别统计逾期不补正、逾期未缴费和其他三种情形。合计仍按一行核对。"),
        fix: doc!("把（六）其他处理拆成三个子项分别填写。"),
    },
    RuleInfo {
        id: NOT_FOUND,
        severity: Severity::Warning,
        title: "未找到标准表格",
        what: doc!("文本中没有找到年度报告格式规定的统计表格（主动公开、依申请公开、复议诉讼）。"),
        why: doc!("可能不是政府信息公开年度报告，或是2019年以前的旧式报告，或表格是图片。"),
        fix: doc!("确认粘贴的是报告全文（含表格）；从网页复制时请连同表格一起复制。"),
    },
    RuleInfo {
        id: INCOMPLETE,
        severity: Severity::Warning,
        title: "表格未读全",
        what: doc!("找到了表格，但某一行的数字个数与格式不符，或某一行没有找到。"),
        why: doc!("缺数、多数或错位会让合计核对失去依据。"),
        fix: doc!("检查该行是否漏填、多填或有合并单元格；没有发生的填 0。"),
    },
    RuleInfo {
        id: SPLIT_DIGITS,
        severity: Severity::Info,
        title: "数字粘连，已按合计拆分",
        what: doc!("某行的数字连在一起（如“6000017”），校验器按行合计唯一地拆分出了各格。"),
        why: doc!("从网页复制的文本常丢失单元格分隔。"),
        fix: doc!("无需处理；若拆分结果不对，请粘贴带表格结构的原文（网页或 Word 原件）。"),
    },
    RuleInfo {
        id: TOTAL_PUBLISHED,
        severity: Severity::Warning,
        title: "对外公开总数量小于本年新公开数量",
        what: doc!("2019年版表二中“对外公开总数量”应不小于“本年新公开数量”。"),
        why: doc!("对外公开总数量包含本年新公开的文件。"),
        fix: doc!("核对两列是否填反或漏计。"),
    },
    RuleInfo {
        id: IN_FORCE,
        severity: Severity::Info,
        title: "现行有效件数小于本年制发件数",
        what: doc!("2021年版表二中“现行有效件数”小于“本年制发件数”。"),
        why: doc!("本年制发的文件一般仍然有效，现行有效件数通常不少于本年制发件数。"),
        fix: doc!("核对是否填反；确属当年制发又废止的，可以不改。"),
    },
    RuleInfo {
        id: NARRATIVE,
        severity: Severity::Warning,
        title: "正文数字与表格不符",
        what: doc!("正文中写明的数量（如“共收到政府信息公开申请N件”）与表格中的对应数字不一致。"),
        why: doc!("同一报告前后数字矛盾，读者无法判断哪个正确。"),
        fix: doc!("核对正文与表格，统一为正确的数字。"),
    },
    RuleInfo {
        id: SECTIONS,
        severity: Severity::Warning,
        title: "报告结构不完整",
        what: doc!("年度报告应依次包含六个部分：一、总体情况；二、主动公开政府信息情况；三、收到和处理政府信息公开申请情况；四、政府信息公开行政复议、行政诉讼情况；五、存在的主要问题及改进情况；六、其他需要报告的事项。"),
        why: doc!("年度报告格式规定了这六个部分及其顺序，缺少或颠倒会使报告不合格式。"),
        fix: doc!("补上缺少的部分标题和内容，并按一至六的顺序排列。"),
    },
    RuleInfo {
        id: YEAR_MISMATCH,
        severity: Severity::Warning,
        title: "标题年份与统计期限不符",
        what: doc!("标题中的报告年度（“20XX年政府信息公开工作年度报告”）与正文写明的统计期限（“20XX年1月1日至12月31日”）不是同一年。"),
        why: doc!("年度报告只统计本年度1月1日至12月31日的数据；年份不一致，多为沿用上一年报告时漏改。"),
        fix: doc!("核对报告年度，把标题或统计期限中写错的年份改正。"),
    },
    RuleInfo {
        id: YEAR_VERSION,
        severity: Severity::Warning,
        title: "年份早于所用表格格式",
        what: doc!("标题写的是2020年或更早年度的报告，表格却是2021年版格式。"),
        why: doc!("2021年版格式（国办公开办函〔2021〕30号）自2021年度报告起施行，更早年度的报告不会用它；多为标题年份写错。"),
        fix: doc!("核对标题中的年份。"),
    },
    RuleInfo {
        id: FEE_MISSING,
        severity: Severity::Warning,
        title: "未说明信息处理费收取情况",
        what: doc!("2021年版格式的报告没有说明本年度是否收取信息处理费、收取多少。"),
        why: doc!("2021年版年度报告格式要求在“六、其他需要报告的事项”中报告依据《政府信息公开信息处理费管理办法》收取信息处理费的情况；表二“行政事业性收费”金额是另一项，不能代替。"),
        fix: doc!("在“六、其他需要报告的事项”中写明，如“本年度未收取信息处理费”或“共收取信息处理费N元”。"),
    },
    RuleInfo {
        id: FEE_CONFLICT,
        severity: Severity::Warning,
        title: "信息处理费说法前后矛盾",
        what: doc!("报告一处说未收取信息处理费，另一处又说收取了若干元。"),
        why: doc!("同一报告前后说法矛盾，读者无法判断实际是否收费。"),
        fix: doc!("核对本年度实际收取的信息处理费，统一两处说法。"),
    },
    RuleInfo {
        id: SEVERAL,
        severity: Severity::Warning,
        title: "一段文字中有多份报告",
        what: doc!("文字中有不止一份年度报告（两个“20XX年……政府信息公开工作年度报告”标题各带一套表格，或两张表三）。"),
        why: doc!("几份报告混在一起时，表格可能被张冠李戴；能按标题分开的，校验器分开逐份核对，分不开的只核对了其中一份。"),
        fix: doc!("一次只粘贴一份报告；或按标题把各份报告分开后分别核对。"),
    },
    RuleInfo {
        id: CARRIED_OVER,
        severity: Severity::Error,
        title: "上年结转与上年报告不符",
        what: doc!("本年表三“二、上年结转政府信息公开申请数量”每一列应等于上一年度报告表三“四、结转下年度继续办理”的同一列。"),
        why: doc!("上年结转下来的申请就是上一年度报告中“结转下年度继续办理”的申请，两份报告的这两个数是同一批申请，必须相等。"),
        fix: doc!("核对两年的报告：更正本年的“上年结转”，或（上年报告填错时）在本年报告中说明原因。"),
    },
    RuleInfo {
        id: IN_FORCE_CONTINUITY,
        severity: Severity::Warning,
        title: "现行有效件数与上年不衔接",
        what: doc!("2021年版表二中，本年“现行有效件数”通常等于上一年度的“现行有效件数”加本年“制发件数”减本年“废止件数”。"),
        why: doc!("现行有效的规章、行政规范性文件逐年增减；不衔接可能是填错，也可能是有文件到期失效或统计口径变化。"),
        fix: doc!("核对三个数；因文件到期失效等原因不衔接的，可以在报告中说明。"),
    },
    RuleInfo {
        id: COPIED_TABLES,
        severity: Severity::Warning,
        title: "表格与上年完全相同",
        what: doc!("本年报告的表三、表四（以及表二）每一格都与上一年度报告相同，且不全是0。"),
        why: doc!("两年的申请和复议诉讼数量逐格相同几乎不可能，多为沿用上年报告未更新数据。"),
        fix: doc!("按本年度实际数据重新填写表格。"),
    },
    RuleInfo {
        id: NOT_A_PAIR,
        severity: Severity::Warning,
        title: "两份报告不是同一单位的相邻年度",
        what: doc!("比较的两份报告不是同一单位的上一年度和本年度报告（单位名称不同，或年份不相邻）。"),
        why: doc!("上年结转、现行有效件数等跨年核对只对同一单位的相邻两年有意义。"),
        fix: doc!("确认选择的是同一单位上一年度和本年度的报告。"),
    },
];

/// The catalogue entry of a rule id.
pub fn info(id: &str) -> Option<&'static RuleInfo> {
    CATALOG.iter().find(|r| r.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_documented() {
        for (i, r) in CATALOG.iter().enumerate() {
            assert!(
                CATALOG[..i].iter().all(|o| o.id != r.id),
                "duplicate {}",
                r.id
            );
            assert!(
                !r.title.is_empty() && !r.what.is_empty() && !r.why.is_empty() && !r.fix.is_empty()
            );
        }
    }
}
