//! What the prose around the tables says: the report year (from the title or
//! the statistical period).

use crate::compact::Compact;

/// The year the report is for: “2023年…年度报告” in the title, else the
/// statistical period “2023年1月1日至12月31日”.
pub fn year(c: &Compact) -> Option<u32> {
    let title = c
        .find_all("年度报告")
        .take(4)
        .find_map(|at| last_year(c.before(at, 90)));
    let period = || {
        c.find_all("年1月1日")
            .take(4)
            .find_map(|at| last_year(c.before(at + "年".len(), 8)))
    };
    // Last resort: the first “2022年度” in the text (“2022年度我局…”).
    let first_year = || {
        c.find_all("年度")
            .take(8)
            .find_map(|at| last_year(c.before(at + "年".len(), 8)))
    };
    title.or_else(period).or_else(first_year)
}

/// The last “20dd年” in `s`.
fn last_year(s: &str) -> Option<u32> {
    let b = s.as_bytes();
    (0..b.len().saturating_sub(4)).rev().find_map(|i| {
        let d = &b[i..i + 4];
        let is_year = d.iter().all(u8::is_ascii_digit)
            && s[i + 4..].starts_with('年')
            && (i == 0 || !b[i - 1].is_ascii_digit());
        let y: u32 = if is_year {
            s[i..i + 4].parse().ok()?
        } else {
            return None;
        };
        (2000..=2099).contains(&y).then_some(y)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn year_from_title_or_period() {
        assert_eq!(
            year(&Compact::new(
                "平潭综合实验区2020年政府信息公开工作年度报告 根据"
            )),
            Some(2020)
        );
        assert_eq!(
            year(&Compact::new(
                "淮安市人民政府\n 2024 年政府信息公开工作年度报告"
            )),
            Some(2024)
        );
        assert_eq!(
            year(&Compact::new("统计期限为２０２５年１月１日至12月31日")),
            Some(2025)
        );
        assert_eq!(year(&Compact::new("无年份")), None);
    }
}
