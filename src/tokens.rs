//! The values written in a stretch of text between two row labels.
//!
//! Whatever the layout — one cell per line, tabs, pipes, space-aligned PDF
//! columns, HTML fields, digits run together — a row's values are the numbers
//! and empty-cell marks between its label and the next. This module finds
//! them and passes over what is not a value: wrapped label text, group
//! headings, numbering (“2.”, “1、”), notes in brackets closed on the same
//! line, page footers (“-3-”, “— 5 —”), markdown separator lines, dates.
//! Each token keeps its exact offsets; its text is normalised only to read it.

use crate::compact::is_space;
use crate::report::Value;

#[derive(Clone, Debug, PartialEq)]
pub struct Tok {
    pub start: usize,
    pub end: usize,
    pub value: Value,
    /// Plain digits only (no sign, separator or decimal point): may be a run
    /// of several cells written together.
    pub bare_digits: bool,
}

impl Tok {
    pub fn is_blank(&self) -> bool {
        self.value == Value::Blank
    }
    /// A number or an empty-cell mark: what a row's cells are made of.
    pub fn is_value(&self) -> bool {
        !matches!(self.value, Value::Blank | Value::Text)
    }
}

/// Shortcuts taken by the native build only: each gives what the general
/// path gives, quicker; the browser module, whose size is budgeted, takes
/// the general path.
const FAST: bool = cfg!(not(target_arch = "wasm32"));

/// Longest word, in characters, taken as text written in a number cell.
const MAX_TEXT_CELL: usize = 6;

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

fn digit_val(c: char) -> u32 {
    if c.is_ascii_digit() {
        c as u32 - '0' as u32
    } else {
        c as u32 - '０' as u32
    }
}

pub fn is_cjk(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{3400}'..='\u{4dbf}').contains(&c)
}

const PLACEHOLDERS: &[&str] = &[
    "/", "／", "\\", "-", "－", "—", "——", "--", "–", "―", "无", "空", "－－", "-—", "—-",
];

fn is_dash(c: char) -> bool {
    matches!(c, '-' | '—' | '–' | '－' | '―')
}

/// A page footer (“-3-”, “— 5 —”, “第3页”) or a markdown table separator line.
/// Longest line that can be a footer or separator, in bytes.
const NOISE_MAX: usize = 160;

fn is_noise_line(line: &str) -> bool {
    // Most lines start with a character no footer or separator starts with:
    // told by the first byte.
    match line.as_bytes().first() {
        Some(b) if FAST && b.is_ascii_graphic() && !matches!(b, b'-' | b'|' | b':') => {
            return false
        }
        Some(0xE4..=0xE9) if FAST && !line.starts_with('第') => return false,
        _ => {}
    }
    let t = line.trim_start_matches(is_space);
    let Some(first) = t.chars().next() else {
        return false;
    };
    // Most lines are rejected by their first character.
    if !(is_dash(first) || matches!(first, '第' | '|' | ':')) {
        return false;
    }
    let t = t.trim_end_matches(is_space);
    if t.chars().all(|c| matches!(c, '-' | ':' | '|' | ' ' | '\t')) && t.contains("--") {
        return true;
    }
    let inner = || t.chars().filter(|c| !c.is_whitespace());
    // -N- / —N— / - N -
    if is_dash(first) && t.chars().last().is_some_and(is_dash) {
        let mut mid = inner().filter(|c| !is_dash(*c)).peekable();
        return mid.peek().is_some() && mid.all(is_digit);
    }
    // 第N页 / 第N页共M页
    if first == '第' && t.contains('页') {
        return inner().all(|c| is_digit(c) || matches!(c, '第' | '页' | '共' | '/'));
    }
    false
}

/// Read a number's text (already known to be a number run) to a value.
fn read_number(s: &str) -> Value {
    // The common case: a few ASCII digits.
    if FAST
        && s.len() <= crate::report::MAX_DIGITS
        && !s.is_empty()
        && s.bytes().all(|b| b.is_ascii_digit())
    {
        let v = s.bytes().fold(0i64, |v, b| v * 10 + i64::from(b - b'0'));
        return Value::Int(v);
    }
    read_number_any(s)
}

/// [`read_number`] of any number run: signs, full-width digits, decimals.
fn read_number_any(s: &str) -> Value {
    let mut neg = false;
    let mut int: i64 = 0;
    let mut frac = String::new();
    let mut in_frac = false;
    let mut overflow = false;
    let mut int_digits = 0usize;
    for c in s.chars() {
        if c == '-' || c == '－' {
            neg = true;
        } else if is_digit(c) {
            if !in_frac {
                int_digits += 1;
            }
            if in_frac {
                frac.push(char::from_digit(digit_val(c), 10).unwrap_or('0'));
            } else {
                match int
                    .checked_mul(10)
                    .and_then(|v| v.checked_add(digit_val(c) as i64))
                {
                    Some(v) => int = v,
                    None => overflow = true,
                }
            }
        } else if c == '.' || c == '．' {
            in_frac = true;
        }
    }
    // A number however long is a number: too many digits to be a count is
    // said as such (value.too_large), never dropped and never summed.
    if overflow || int_digits > crate::report::MAX_DIGITS {
        return Value::TooLarge;
    }
    let sign = if neg { -1 } else { 1 };
    if in_frac {
        let x: f64 = format!("{int}.{}", if frac.is_empty() { "0" } else { &frac })
            .parse()
            .unwrap_or(0.0);
        Value::Decimal(sign as f64 * x)
    } else {
        Value::Int(sign * int)
    }
}

/// Units that may follow a number inside its cell.
const UNITS: &[&str] = &["万元", "元", "万", "件", "个", "项", "条", "次", "%", "％"];
/// The first characters of [`UNITS`]: most numbers are followed by none.
const UNIT_FIRSTS: &[char] = &['万', '元', '件', '个', '项', '条', '次', '%', '％'];
/// Characters after which a number is a date or an ordinal, not a cell value
/// (none is ASCII).
const NOT_VALUE_AFTER: &[char] = &[
    '年', '月', '日', '时', '号', '页', '季', '期', '届', '批', '类', '种', '名',
];

/// Every value token in `text[from..to]`.
pub fn scan(text: &str, from: usize, to: usize) -> Vec<Tok> {
    let mut out = Vec::with_capacity(16);
    let mut to = to.min(text.len());
    while to > 0 && !text.is_char_boundary(to) {
        to -= 1;
    }
    let mut from = from.min(to);
    while from > 0 && !text.is_char_boundary(from) {
        from -= 1;
    }
    let s = &text[..to];
    let mut i = from;
    // Field tracking for explicit blanks between tabs / pipes.
    let mut last_delim: Option<char> = None;
    let mut field_has_content = false;
    let mut at_line_start = true;
    // Whether the previous char was a field boundary (for placeholders and signs).
    let mut at_field_start = true;
    // Where the last word of text ended (for digits glued to it).
    let mut last_word_end: Option<usize> = None;
    // Characters of words in the current pipe/tab field, while it holds
    // nothing but words (None once it holds anything else).
    let mut field_words: Option<usize> = Some(0);
    while i < to {
        if at_line_start {
            at_line_start = false;
            // The whole line, even where the region starts mid-line; footers
            // and separator lines are short, so only short lines are looked at.
            let b = text.as_bytes();
            let near = |k: usize| k.abs_diff(i) <= NOISE_MAX;
            // Past the region's first line, `i` is a line's start.
            let ls = if i > from {
                Some(i)
            } else {
                let lo = i.saturating_sub(NOISE_MAX + 1);
                b.get(lo..i)
                    .and_then(|w| crate::search::byte_rfind(b'\n', w))
                    .map(|p| lo + p + 1)
            };
            let le = b
                .get(i..text.len().min(i + NOISE_MAX + 1))
                .and_then(|w| crate::search::byte_find(b'\n', w))
                .map(|p| i + p)
                .or((text.len() <= i + NOISE_MAX).then_some(text.len()));
            let ls = ls.or((i <= NOISE_MAX).then_some(0));
            if let (Some(ls), Some(le)) = (ls, le) {
                if near(ls) && near(le) && is_noise_line(&text[ls..le]) {
                    i = le.min(to).max(i + 1);
                    while i < to && !text.is_char_boundary(i) {
                        i += 1;
                    }
                    continue;
                }
                // One cell per line ending “ |”: a line of spaces and its
                // pipe is an empty cell (a lone “|” opens a row, it is no cell).
                if ls == i && le <= to {
                    // (Trimmed by bytes: the characters trimmed are ASCII.)
                    let mut k = le;
                    while k > ls && matches!(b.get(k - 1), Some(b'\r' | b' ')) {
                        k -= 1;
                    }
                    let line = &text[ls..k];
                    if let Some(body) = line.strip_suffix('|') {
                        if !body.is_empty()
                            && body
                                .chars()
                                .all(|c| matches!(c, ' ' | '\u{3000}' | '\u{a0}'))
                        {
                            let at = ls + body.len();
                            out.push(Tok {
                                start: at,
                                end: at,
                                value: Value::Blank,
                                bare_digits: false,
                            });
                            i = le;
                            continue;
                        }
                    }
                }
            }
        }
        // ASCII without decoding; a run of spaces (space-aligned columns)
        // passed at once: each would only mark a field's start.
        let c = match s.as_bytes().get(i) {
            Some(b' ') if FAST => {
                at_field_start = true;
                i += 1;
                while i < to && s.as_bytes().get(i) == Some(&b' ') {
                    i += 1;
                }
                continue;
            }
            Some(&b) if b < 0x80 => char::from(b),
            _ => match s[i..].chars().next() {
                Some(c) => c,
                None => break,
            },
        };
        let clen = c.len_utf8();
        // A CJK ideograph (lead byte 0xE4–0xE9) starts a word: it is no line
        // end, delimiter, space, bracket, sign or digit.
        let ideograph = FAST && (0xE4..=0xE9).contains(&s.as_bytes().get(i).copied().unwrap_or(0));
        if !ideograph {
            if c == '\n' {
                // A line ended by a tab with nothing after it: an empty last field.
                if last_delim == Some('\t') && !field_has_content {
                    out.push(Tok {
                        start: i,
                        end: i,
                        value: Value::Blank,
                        bare_digits: false,
                    });
                }
                at_line_start = true;
                last_delim = None;
                field_has_content = false;
                field_words = Some(0);
                at_field_start = true;
                i += clen;
                continue;
            }
            if c == '\t' || c == '|' {
                if matches!(last_delim, Some('\t') | Some('|')) && !field_has_content {
                    out.push(Tok {
                        start: i,
                        end: i,
                        value: Value::Blank,
                        bare_digits: false,
                    });
                }
                last_delim = Some(c);
                field_has_content = false;
                field_words = Some(0);
                at_field_start = true;
                i += clen;
                continue;
            }
            if is_space(c) {
                at_field_start = true;
                i += clen;
                continue;
            }
            // A note in brackets closed on the same line: skip it whole.
            if c == '(' || c == '（' {
                let line_end = s[i..].find('\n').map(|e| i + e).unwrap_or(to);
                let mut lim = (i + 240).min(line_end).max(i + clen);
                while !s.is_char_boundary(lim) {
                    lim += 1;
                }
                if let Some((k, m)) = s[i + clen..lim]
                    .char_indices()
                    .find(|(_, ch)| matches!(ch, ')' | '）'))
                {
                    i = i + clen + k + m.len_utf8();
                    field_has_content = true;
                    field_words = None;
                    at_field_start = false;
                    continue;
                }
            }
            // Numbers (with a sign only at a field's start).
            let signed = (c == '-' || c == '－' || c == '+' || c == '＋')
                && at_field_start
                && s[i + clen..].chars().next().is_some_and(is_digit);
            // Digits glued to a word inside a pipe or tab field (“数据1”, an OCR
            // header) belong to the word: they are no cell of their own.
            // So do the digits of a field that is a short word and a number
            // (“数据 1”, “Column 1”, “列2”): a header, not a value.
            if is_digit(c) && matches!(last_delim, Some('|' | '\t')) {
                let mut j = i;
                while let Some(d) = s[j..].chars().next().filter(|d| is_digit(*d)) {
                    j += d.len_utf8();
                }
                let field_ends = s[j..]
                    .chars()
                    .find(|d| !matches!(d, ' ' | '\u{3000}' | '\u{a0}'))
                    .is_none_or(|d| matches!(d, '|' | '\t' | '\n' | '\r'));
                let header =
                    field_words.is_some_and(|n| (1..=MAX_TEXT_CELL).contains(&n)) && field_ends;
                if last_word_end == Some(i) || header {
                    last_word_end = Some(j);
                    i = j;
                    continue;
                }
            }
            if is_digit(c) || signed {
                field_words = None;
                let start = i;
                let mut j = i + clen;
                let mut bare = !signed;
                let mut seen_point = false;
                while j < to {
                    if FAST && s.as_bytes().get(j).is_some_and(u8::is_ascii_digit) {
                        j += 1;
                        continue;
                    }
                    let d = match s[j..].chars().next() {
                        Some(d) => d,
                        None => break,
                    };
                    if is_digit(d) {
                        j += d.len_utf8();
                        continue;
                    }
                    let next = s[j + d.len_utf8()..].chars().next();
                    if (d == '.' || d == '．') && !seen_point && next.is_some_and(is_digit) {
                        seen_point = true;
                        bare = false;
                        j += d.len_utf8();
                        continue;
                    }
                    if (d == ',' || d == '，') && !seen_point {
                        // A thousands separator: exactly three digits follow.
                        let rest: Vec<char> = s[j + d.len_utf8()..].chars().take(4).collect();
                        if rest.len() >= 3
                            && rest[..3].iter().all(|c| is_digit(*c))
                            && !rest.get(3).is_some_and(|c| is_digit(*c))
                        {
                            bare = false;
                            j += d.len_utf8();
                            continue;
                        }
                    }
                    break;
                }
                let num_end = j;
                let after = &s[num_end..];
                let next = after.chars().next();
                // Numbering: “2.其他…”, “1、申请人…”, “3. 属于…”.
                let is_numbering =
                    !seen_point && matches!(next, Some('.' | '、' | '．' | ',' | '，')) && {
                        let rest = after[next.map(char::len_utf8).unwrap_or(0)..]
                            .trim_start_matches([' ', '\u{3000}']);
                        rest.chars()
                            .next()
                            .is_some_and(|c| is_cjk(c) || c == '“' || c == '"')
                    };
                if is_numbering {
                    let digits = s[start..num_end].chars().count();
                    if digits >= 2 && bare {
                        // Cells run into a numbering (“00000002.其他…”, “3 42.没有…”):
                        // the last digit numbers the next item, the rest is a value.
                        let last = s[start..num_end]
                            .char_indices()
                            .last()
                            .map(|(k, _)| start + k)
                            .unwrap_or(num_end);
                        out.push(Tok {
                            start,
                            end: last,
                            value: read_number(&s[start..last]),
                            bare_digits: true,
                        });
                    }
                    i = num_end + next.map(char::len_utf8).unwrap_or(0);
                    field_has_content = true;
                    at_field_start = false;
                    continue;
                }
                if next.is_some_and(|n| !n.is_ascii() && NOT_VALUE_AFTER.contains(&n)) {
                    i = num_end;
                    field_has_content = true;
                    at_field_start = false;
                    continue;
                }
                let mut end = num_end;
                let unit_first = !FAST || next.is_some_and(|n| UNIT_FIRSTS.contains(&n));
                if let Some(u) = UNITS.iter().find(|u| unit_first && after.starts_with(**u)) {
                    end += u.len();
                    bare = false;
                }
                out.push(Tok {
                    start,
                    end,
                    value: read_number(&s[start..num_end]),
                    bare_digits: bare,
                });
                field_has_content = true;
                at_field_start = false;
                i = end;
                continue;
            }
        }
        // Text: up to the next space, delimiter, digit or bracket.
        let start = i;
        let mut j = i;
        let bytes = s.as_bytes();
        while j < to {
            // Most of a word is CJK ideographs (3 bytes, lead byte
            // 0xE4–0xE9): never a space, a digit or a bracket.
            if FAST && bytes.get(j).is_some_and(|b| (0xE4..=0xE9).contains(b)) {
                j += 3;
                continue;
            }
            let d = match s[j..].chars().next() {
                Some(d) => d,
                None => break,
            };
            if is_space(d) || is_digit(d) || d == '(' || d == '（' {
                break;
            }
            j += d.len_utf8();
        }
        let j = if j == start { j + clen } else { j.min(to) };
        let word = &s[start..j];
        last_word_end = Some(j);
        // Characters of the word, counted only as far as anything asks
        // (a field of up to MAX_TEXT_CELL characters).
        let chars = word.chars().take(MAX_TEXT_CELL + 1).count();
        field_words = field_words.map(|n| (n + chars).min(MAX_TEXT_CELL + 1));
        let whole_field = at_field_start && s[j..].chars().next().is_none_or(is_space);
        if whole_field && PLACEHOLDERS.contains(&word) {
            out.push(Tok {
                start,
                end: j,
                value: Value::Placeholder,
                bare_digits: false,
            });
        } else if whole_field && chars <= MAX_TEXT_CELL {
            // A short word alone in its field: maybe text written in a number
            // cell (“不详”); `pick` uses it only between a row's values.
            out.push(Tok {
                start,
                end: j,
                value: Value::Text,
                bare_digits: false,
            });
        }
        field_has_content = true;
        at_field_start = false;
        i = j;
    }
    out
}

/// Pick exactly `n` cells from a region's tokens, or None when the count
/// does not fit. Explicit blanks count only when they make the count fit.
pub fn pick(toks: &[Tok], n: usize) -> Option<Vec<Tok>> {
    let vals: Vec<Tok> = toks.iter().filter(|t| t.is_value()).cloned().collect();
    if vals.len() == n {
        return Some(vals);
    }
    // A row left empty: its first n explicit blanks (a row terminator such
    // as “||” may follow them).
    if vals.is_empty() {
        let blanks: Vec<Tok> = toks.iter().filter(|t| t.is_blank()).cloned().collect();
        return (blanks.len() >= n && n > 0).then(|| blanks[..n].to_vec());
    }
    if vals.len() < n {
        let first = toks.iter().position(Tok::is_value)?;
        let last = toks.iter().rposition(Tok::is_value)?;
        let inner = &toks[first..=last];
        // Text fields between the values, then explicit blanks too.
        let with_text: Vec<Tok> = inner.iter().filter(|t| !t.is_blank()).cloned().collect();
        if with_text.len() == n {
            return Some(with_text);
        }
        if inner.len() == n {
            return Some(inner.to_vec());
        }
        // Explicit blanks just before or after the values fill the row: a
        // blank first cell, or a blank total (“…| 0 |  |”). Leading blanks
        // first, when there are enough; else trailing ones.
        let cells: Vec<&Tok> = toks.iter().filter(|t| t.value != Value::Text).collect();
        let f = cells.iter().position(|t| t.is_value())?;
        let l = cells.iter().rposition(|t| t.is_value())?;
        let span = l + 1 - f;
        if span < n {
            let extra = n - span;
            let window = if f >= extra {
                Some(f - extra..l + 1)
            } else if cells.len() - 1 - l >= extra {
                Some(f..l + 1 + extra)
            } else {
                None
            };
            if let Some(w) = window {
                return cells
                    .get(w)
                    .map(|w| w.iter().map(|t| (*t).clone()).collect());
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The noise-line test before its first-byte shortcut.
    fn is_noise_line_reference(line: &str) -> bool {
        let t = line.trim_matches(is_space);
        let Some(first) = t.chars().next() else {
            return false;
        };
        if !(is_dash(first) || matches!(first, '第' | '|' | ':')) {
            return false;
        }
        if t.chars().all(|c| matches!(c, '-' | ':' | '|' | ' ' | '\t')) && t.contains("--") {
            return true;
        }
        let inner = || t.chars().filter(|c| !c.is_whitespace());
        if is_dash(first) && t.chars().last().is_some_and(is_dash) {
            let mut mid = inner().filter(|c| !is_dash(*c)).peekable();
            return mid.peek().is_some() && mid.all(is_digit);
        }
        if first == '第' && t.contains('页') {
            return inner().all(|c| is_digit(c) || matches!(c, '第' | '页' | '共' | '/'));
        }
        false
    }

    #[test]
    fn noise_lines_as_before_the_shortcut() {
        let parts = [
            "-", "—", "－", "―", "–", "3", "３", "第", "页", "共", "/", "|", ":", "--", " ",
            "\u{3000}", "\t", "\u{b}", "\u{c}", "\r", "\u{200b}", "\u{feff}", "a", "表", "“", "(",
        ];
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..20_000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let len = (seed % 7) as usize;
            let line: String = (0..len)
                .map(|k| parts[((seed >> (8 * k + 3)) % parts.len() as u64) as usize])
                .collect();
            assert_eq!(
                is_noise_line(&line),
                is_noise_line_reference(&line),
                "{line:?}"
            );
        }
        assert!(is_noise_line("\u{b}- 3 -"));
        assert!(is_noise_line("  第 3 页"));
        assert!(!is_noise_line("第三条"));
    }

    #[test]
    fn no_date_or_ordinal_mark_is_ascii() {
        assert!(NOT_VALUE_AFTER.iter().all(|c| !c.is_ascii()));
        assert_eq!(toks("3年"), vec![]);
        assert_eq!(
            toks("3 年"),
            vec![(0, 1, Value::Int(3)), (2, 5, Value::Text)]
        );
    }

    #[test]
    fn every_unit_starts_with_a_listed_first_character() {
        for u in UNITS {
            assert!(
                u.chars().next().is_some_and(|c| UNIT_FIRSTS.contains(&c)),
                "{u}"
            );
        }
    }

    #[test]
    fn plain_digits_read_as_any_number_run() {
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        for len in 1..=20 {
            for _ in 0..50 {
                let s: String = (0..len)
                    .map(|_| {
                        seed ^= seed << 13;
                        seed ^= seed >> 7;
                        seed ^= seed << 17;
                        char::from(b'0' + (seed % 10) as u8)
                    })
                    .collect();
                assert_eq!(read_number(&s), read_number_any(&s), "{s}");
            }
        }
        assert_eq!(read_number("007"), Value::Int(7));
        assert_eq!(
            read_number("999999999999999"),
            Value::Int(999_999_999_999_999)
        );
        assert_eq!(read_number("9999999999999999"), Value::TooLarge);
        assert_eq!(read_number("１２"), Value::Int(12));
    }

    fn vals(s: &str) -> Vec<(String, Value)> {
        scan(s, 0, s.len())
            .into_iter()
            .filter(|t| t.value != Value::Text)
            .map(|t| (s[t.start..t.end].to_string(), t.value))
            .collect()
    }

    #[test]
    fn pipes_tabs_and_spaces() {
        // A line of only “ |” is an empty cell; a lone “|” opens a row.
        let v = vals(" |\n0 |\n|\n\u{a0}3 |\n||");
        assert_eq!(
            v,
            vec![
                ("".into(), Value::Blank),
                ("0".into(), Value::Int(0)),
                ("3".into(), Value::Int(3)),
                ("".into(), Value::Blank)
            ]
        );
        let v = vals("\t\t0\t１２\t1,234\t-5\t+170\t168.61");
        let got: Vec<Value> = v.into_iter().map(|x| x.1).collect();
        assert_eq!(
            got,
            vec![
                Value::Blank,
                Value::Int(0),
                Value::Int(12),
                Value::Int(1234),
                Value::Int(-5),
                Value::Int(170),
                Value::Decimal(168.61)
            ]
        );
    }

    #[test]
    fn skips_numbering_notes_footers_and_dates() {
        let t = "（区分处理的，只计这一情\n 447  7  0\n -4-\n— 5 —\n（其中修订 16 件）\n2.其他法律 1. 属于 2024年 28204万元 / 无";
        let v = vals(t);
        let texts: Vec<&str> = v.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(texts, vec!["447", "7", "0", "28204万元", "/", "无"]);
        assert_eq!(v[4].1, Value::Placeholder);
    }

    #[test]
    fn text_in_a_number_cell_counts_only_between_values() {
        let t = "（三）不\t1\t不详\t0\t2\n予公开";
        let p = pick(&scan(t, 0, t.len()), 4).expect("four cells");
        let got: Vec<Value> = p.into_iter().map(|t| t.value).collect();
        assert_eq!(
            got,
            vec![Value::Int(1), Value::Text, Value::Int(0), Value::Int(2)]
        );
        // Words before or after the values are never cells.
        assert!(pick(&scan(t, 0, t.len()), 5).is_none());
    }

    /// (start, end, value) of every token.
    fn toks(s: &str) -> Vec<(usize, usize, Value)> {
        scan(s, 0, s.len())
            .into_iter()
            .map(|t| (t.start, t.end, t.value))
            .collect()
    }

    #[test]
    fn a_word_is_text_in_a_cell_up_to_six_characters() {
        assert_eq!(toks("不详"), vec![(0, 6, Value::Text)]);
        // Ended by an ideographic space, which is no part of it.
        assert_eq!(toks("不详\u{3000}"), vec![(0, 6, Value::Text)]);
        assert_eq!(toks("不详、"), vec![(0, 9, Value::Text)]);
        assert_eq!(toks("一二三四五六"), vec![(0, 18, Value::Text)]);
        // Seven characters are no cell's text.
        assert_eq!(toks("一二三四五六七"), vec![]);
        assert_eq!(toks("不详万元不详它万元"), vec![]);
        // A short word and a number in one pipe field are a header, not a
        // value; a longer word is no header, and its number is a value.
        let kinds = |s: &str| toks(s).into_iter().map(|t| t.2).collect::<Vec<_>>();
        assert_eq!(kinds("| 一二三四五六 1 |"), vec![Value::Text]);
        assert_eq!(kinds("| 一二三四五六七 1 |"), vec![Value::Int(1)]);
    }

    #[test]
    fn digits_run_into_numbering() {
        let v = vals("00000002.其他法律");
        assert_eq!(v, vec![("0000000".into(), Value::Int(0))]);
        // A last cell glued to the next item's number.
        let v = vals("3 0 0 0 0 0 32.没有现成");
        assert_eq!(v.len(), 7);
        assert_eq!(v[6], ("3".into(), Value::Int(3)));
    }

    #[test]
    fn ocr_header_digits_are_no_cells() {
        let v = vals("| 项目 | 数据1 | 数据 2 | Column 3 |\n| 3 | 0 |");
        let got: Vec<Value> = v.into_iter().map(|x| x.1).collect();
        assert_eq!(got, vec![Value::Int(3), Value::Int(0)]);
    }

    #[test]
    fn a_blank_last_field_before_the_line_end() {
        let t = "\t1\t0\t\n";
        let p = pick(&scan(t, 0, t.len()), 3).expect("three cells");
        assert_eq!(
            p.iter().map(|t| t.value.clone()).collect::<Vec<_>>(),
            vec![Value::Int(1), Value::Int(0), Value::Blank]
        );
    }

    #[test]
    fn long_runs_are_one_number() {
        let long = "9".repeat(400);
        let v = vals(&format!("| {long} | 0 |"));
        assert_eq!(v.len(), 2);
        assert_eq!(v[0].0.len(), 400);
        assert_eq!(v[0].1, Value::TooLarge);
    }

    #[test]
    fn pick_uses_blanks_only_to_fit() {
        let toks = scan("\t0\t\t3\n", 0, 6);
        let p = pick(&toks, 3).unwrap();
        assert_eq!(
            p.iter().map(|t| t.value.clone()).collect::<Vec<_>>(),
            vec![Value::Int(0), Value::Blank, Value::Int(3)]
        );
        assert!(pick(&toks, 4).is_none());
    }
}
