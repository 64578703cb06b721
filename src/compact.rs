//! A normalised, whitespace-free copy of the text for tolerant label search,
//! with the way back to the text's offsets.
//!
//! Labels in real reports are broken by spaces, line wraps and table pipes,
//! written with full-width or half-width brackets, “1、” or “1.”, and now and
//! then in Traditional characters. Here every character is folded (full-width
//! ASCII to ASCII, 、 kept, a few Traditional forms to Simplified) and
//! whitespace, `|` and zero-width characters are dropped, so one substring
//! search finds a label however it was broken. Patterns are written in folded
//! form (ASCII brackets).

pub struct Compact {
    pub text: String,
    /// The way back: the stretches `text` is made of, in order. A stretch
    /// copied from the source maps byte for byte; a folded character's bytes
    /// all map to the source character it stands for.
    segs: Vec<Seg>,
    /// The source's length (where the end of `text` maps to).
    src_len: u32,
}

/// A stretch of [`Compact::text`] starting at compact byte `at`, from source
/// byte `src`.
#[derive(Clone, Copy, Debug)]
struct Seg {
    at: u32,
    src: u32,
    /// Copied as it is (else one folded character).
    copied: bool,
}

/// Characters that separate, never belong to, a label.
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '|' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{feff}')
}

/// Fold one character for comparison (not for display).
#[inline(never)]
pub const fn fold(c: char) -> char {
    match c {
        '\u{ff01}'..='\u{ff5e}' => match char::from_u32(c as u32 - 0xfee0) {
            Some(f) => f,
            None => c,
        },
        // Radicals written for ideographs (⼀ for 一: text copied out of a
        // Chromium PDF).
        '\u{2e80}'..='\u{2fd5}' => match crate::radicals::ideograph(c) {
            Some(i) => i,
            None => c,
        },
        '〔' | '【' => '[',
        '〕' | '】' => ']',
        '﹙' => '(',
        '﹚' => ')',
        '。' => '.',
        '—' | '–' | '―' => '-',
        '“' | '”' | '「' | '」' | '"' => '"',
        // 其它 is written as often as 其他 in labels and headings.
        '它' => '他',
        // Traditional forms seen in label text.
        '開' => '开',
        '請' => '请',
        '數' => '数',
        '結' => '结',
        '轉' => '转',
        '辦' => '办',
        '總' => '总',
        '計' => '计',
        '處' => '处',
        '機' => '机',
        '關' => '关',
        '複' | '覆' => '复',
        '議' => '议',
        '訴' => '诉',
        '訟' => '讼',
        '維' => '维',
        '糾' => '纠',
        '審' => '审',
        '國' => '国',
        '規' => '规',
        '範' => '范',
        '護' => '护',
        '權' => '权',
        '屬' => '属',
        '務' => '务',
        '類' => '类',
        '內' => '内',
        '執' => '执',
        '詢' => '询',
        '無' => '无',
        '現' => '现',
        '製' => '制',
        '確' => '确',
        '認' => '认',
        '費' => '费',
        '繳' => '缴',
        '納' => '纳',
        '補' => '补',
        '與' => '与',
        '條' => '条',
        '項' => '项',
        '報' => '报',
        '舉' => '举',
        '訪' => '访',
        '復' => '复',
        '責' => '责',
        '罰' => '罚',
        '強' => '强',
        '許' => '许',
        '檢' => '检',
        '準' => '准',
        '學' => '学',
        '營' => '营',
        '業' => '业',
        '構' => '构',
        '會' => '会',
        '體' => '体',
        '織' => '织',
        '穩' => '稳',
        '險' => '险',
        '為' => '为',
        '並' => '并',
        '應' => '应',
        '時' => '时',
        '間' => '间',
        '後' => '后',
        '當' => '当',
        '問' => '问',
        '題' => '题',
        '進' => '进',
        '況' => '况',
        '動' => '动',
        '訊' => '讯',
        '資' => '资',
        '訂' => '订',
        '個' => '个',
        '廢' => '废',
        '發' => '发',
        '編' => '编',
        '區' => '区',
        '縣' => '县',
        '這' => '这',
        _ => c,
    }
}

/// The CJK block [`CJK_FROM`, `CJK_TO`) (UTF-8 lead bytes 0xE4–0xE9): no
/// space, no digit, and only the characters set in [`CJK_FOLDS`] change
/// when folded.
const CJK_FROM: u32 = 0x4000;
const CJK_TO: u32 = 0xA000;
/// One bit per character of the Basic Multilingual Plane whose UTF-8 lead
/// byte is that of the CJK block: whether [`fold`] changes it. Indexed by
/// `u >> 6`, which is what the lead and second byte of the character give
/// (`(lead & 0x0F) << 6 | (second & 0x3F)`), so a check costs one load.
/// Native builds only: the browser module, whose size is budgeted, asks
/// [`fold`] itself.
#[cfg(not(target_arch = "wasm32"))]
static CJK_FOLDS: [u64; 1024] = {
    let mut m = [0u64; 1024];
    let mut u = CJK_FROM;
    while u < CJK_TO {
        if let Some(c) = char::from_u32(u) {
            if fold(c) as u32 != u {
                m[(u >> 6) as usize] |= 1 << (u & 63);
            }
        }
        u += 1;
    }
    m
};

/// Whether [`fold`] changes `u`, a character of the CJK block.
#[cfg(not(target_arch = "wasm32"))]
fn cjk_folds(u: u32) -> bool {
    (CJK_FROM..CJK_TO).contains(&u) && CJK_FOLDS[(u >> 6) as usize & 1023] & (1 << (u & 63)) != 0
}

/// Whether [`fold`] changes the CJK-block character of these three bytes
/// (lead byte 0xE4–0xE9).
#[cfg(not(target_arch = "wasm32"))]
#[inline]
fn cjk_bytes_fold(b0: u8, b1: u8, b2: u8) -> bool {
    let w = (usize::from(b0 & 0x0F) << 6) | usize::from(b1 & 0x3F);
    CJK_FOLDS[w] & (1 << (b2 & 0x3F)) != 0
}

/// Whether [`fold`] changes the CJK-block character of these three bytes.
#[cfg(target_arch = "wasm32")]
fn cjk_bytes_fold(b0: u8, b1: u8, b2: u8) -> bool {
    cjk_folds(cjk_char(b0, b1, b2))
}

/// The character of three bytes of UTF-8 (lead byte 0xE0–0xEF).
fn cjk_char(b0: u8, b1: u8, b2: u8) -> u32 {
    (u32::from(b0 & 0x0F) << 12) | (u32::from(b1 & 0x3F) << 6) | u32::from(b2 & 0x3F)
}

/// Whether [`fold`] changes `u`, a character of the CJK block.
#[cfg(target_arch = "wasm32")]
fn cjk_folds(u: u32) -> bool {
    char::from_u32(u).is_some_and(|c| fold(c) != c)
}

/// [`fold`], quicker for the characters of the CJK block (most of a report).
pub fn fold_quick(c: char) -> char {
    let u = c as u32;
    if (CJK_FROM..CJK_TO).contains(&u) && !cjk_folds(u) {
        return c;
    }
    fold(c)
}

/// The native build's loops for runs of spaces and of CJK characters; the
/// browser module, whose size is budgeted, goes character by character
/// (the same copy either way).
const NATIVE: bool = cfg!(not(target_arch = "wasm32"));

/// Digits in one unbroken run beyond this many are left out of a `Compact`:
/// a cell of hundreds of digits must not push the next label out of reach.
const MAX_RUN: usize = 16;

impl Seg {
    fn copied(at: usize, src: usize) -> Seg {
        Seg {
            at: at as u32,
            src: src as u32,
            copied: true,
        }
    }
    fn folded(at: usize, src: usize) -> Seg {
        Seg {
            at: at as u32,
            src: src as u32,
            copied: false,
        }
    }
}

impl Compact {
    pub fn new(src: &str) -> Compact {
        let bytes = src.as_bytes();
        let mut c = Compact {
            text: String::with_capacity(src.len()),
            segs: Vec::new(),
            src_len: src.len() as u32,
        };
        // Characters kept as they are are copied in stretches: `keep` is
        // where the stretch not yet copied starts.
        let mut keep = 0usize;
        let mut run = 0usize;
        let mut i = 0usize;
        while let Some(&b) = bytes.get(i) {
            if b < 0x80 {
                let digit = b.is_ascii_digit();
                run = if digit { run + 1 } else { 0 };
                if NATIVE && (b.is_ascii_whitespace() || b == b'|') {
                    // A run of them (space-aligned columns) left out at once.
                    c.copy(src, keep, i);
                    i += 1;
                    while bytes
                        .get(i)
                        .is_some_and(|b| b.is_ascii_whitespace() || *b == b'|')
                    {
                        i += 1;
                    }
                    keep = i;
                    continue;
                }
                if digit && run > MAX_RUN {
                    c.copy(src, keep, i);
                    keep = i + 1;
                }
                i += 1;
                continue;
            }
            // The common case, a run of CJK characters: never a space or a
            // digit, and only the few in `CJK_FOLDS` change. (A loop of its
            // own: most of a report's bytes pass here.)
            if NATIVE && (0xE4..=0xE9).contains(&b) {
                let mut j = i;
                while let Some(&[b0 @ 0xE4..=0xE9, b1, b2]) = bytes.get(j..j + 3) {
                    if cjk_bytes_fold(b0, b1, b2) {
                        if let Some(ch) = char::from_u32(cjk_char(b0, b1, b2)) {
                            c.copy(src, keep, j);
                            c.push(fold(ch), j);
                            keep = j + 3;
                        }
                    }
                    j += 3;
                }
                if j > i {
                    run = 0;
                    i = j;
                    continue;
                }
            }
            let Some(ch) = src.get(i..).and_then(|s| s.chars().next()) else {
                break;
            };
            let len = ch.len_utf8();
            let digit = ('０'..='９').contains(&ch);
            run = if digit { run + 1 } else { 0 };
            if (digit && run > MAX_RUN) || is_space(ch) {
                c.copy(src, keep, i);
                keep = i + len;
            } else {
                let f = fold(ch);
                if f != ch {
                    c.copy(src, keep, i);
                    c.push(f, i);
                    keep = i + len;
                }
            }
            i += len;
        }
        c.copy(src, keep, bytes.len());
        c
    }

    /// Append `src[from..to]` as it is (a stretch of whole characters).
    #[inline]
    fn copy(&mut self, src: &str, from: usize, to: usize) {
        if from >= to {
            return;
        }
        let Some(s) = src.get(from..to) else {
            return;
        };
        self.segs.push(Seg::copied(self.text.len(), from));
        self.text.push_str(s);
    }

    /// Append the folded character `f` of the source character at `at`.
    fn push(&mut self, f: char, at: usize) {
        self.segs.push(Seg::folded(self.text.len(), at));
        self.text.push(f);
    }

    /// Offset in the source text of the character at compact byte `at`
    /// (or the source's end).
    pub fn src(&self, at: usize) -> usize {
        if at >= self.text.len() {
            return self.src_len as usize;
        }
        let k = self.segs.partition_point(|g| g.at as usize <= at);
        let Some(g) = k.checked_sub(1).and_then(|k| self.segs.get(k)) else {
            return 0;
        };
        if !g.copied {
            return g.src as usize;
        }
        // A stretch starts on a character boundary: the character holding
        // `at` starts within it.
        let start = self.floor(at).max(g.at as usize);
        g.src as usize + (start - g.at as usize)
    }

    /// Offset in the source text just after the character that ends at compact
    /// byte `end` (exclusive).
    pub fn src_end(&self, end: usize, src: &str) -> usize {
        if end == 0 {
            return self.src(0);
        }
        // The char before `end` starts at the largest char boundary < end.
        let mut s = end - 1;
        while s > 0 && !self.text.is_char_boundary(s) {
            s -= 1;
        }
        let o = self.src(s);
        o + src[o..].chars().next().map(char::len_utf8).unwrap_or(0)
    }

    /// First match of any of `pats` in `[from, to)`: (start, end) in compact bytes.
    pub fn find_any(
        &self,
        pats: &[&'static str],
        from: usize,
        to: usize,
    ) -> Option<(usize, usize)> {
        let to = self.floor(to.min(self.text.len()));
        let from = self.floor(from.min(to));
        let hay = &self.text[from..to];
        pats.iter()
            .filter_map(|p| {
                crate::search::find_fixed(hay, p).map(|i| (from + i, from + i + p.len()))
            })
            .min_by_key(|m| (m.0, std::cmp::Reverse(m.1)))
    }

    /// Where any of `pats` starts in `[from, to)`, in one pass: (index of the
    /// pattern, offset), the first listed pattern winning at a place. Cheaper
    /// than one search per pattern when there are many.
    ///
    /// Natively one vectorised search per distinct first character; in the
    /// browser module (size budgeted) one walk over the characters.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn find_each(&self, pats: &[&str], from: usize, to: usize) -> Vec<(usize, usize)> {
        let to = self.floor(to.min(self.text.len()));
        let from = self.floor(from.min(to));
        let firsts: Vec<char> = pats
            .iter()
            .map(|p| p.chars().next().unwrap_or('\0'))
            .collect();
        // One search per distinct first character (vectorised natively);
        // the patterns starting with it are tried where it occurs.
        let mut distinct: Vec<char> = Vec::new();
        for f in &firsts {
            if !distinct.contains(f) {
                distinct.push(*f);
            }
        }
        let hay = &self.text[from..to];
        let mut each: Vec<std::vec::IntoIter<(usize, usize)>> = Vec::new();
        for f in distinct {
            let mut buf = [0u8; 4];
            let needle: &str = f.encode_utf8(&mut buf);
            let mut found = Vec::new();
            for i in crate::search::find_iter(hay, needle) {
                let rest = hay.get(i..).unwrap_or("");
                if let Some(k) = pats
                    .iter()
                    .zip(&firsts)
                    .position(|(p, pf)| *pf == f && rest.starts_with(p))
                {
                    found.push((k, from + i));
                }
            }
            each.push(found.into_iter());
        }
        // Merged into reading order (places are distinct across first
        // characters; no sort, for the size of the wasm module).
        let mut heads: Vec<Option<(usize, usize)>> = each.iter_mut().map(Iterator::next).collect();
        let mut out = Vec::new();
        loop {
            let next = heads
                .iter()
                .enumerate()
                .filter_map(|(n, h)| h.map(|h| (n, h)))
                .min_by_key(|&(_, (_, at))| at);
            let Some((n, hit)) = next else {
                break;
            };
            out.push(hit);
            if let (Some(h), Some(it)) = (heads.get_mut(n), each.get_mut(n)) {
                *h = it.next();
            }
        }
        out
    }

    /// Where any of `pats` starts in `[from, to)`, in one pass: (index of the
    /// pattern, offset), the first listed pattern winning at a place. Cheaper
    /// than one search per pattern when there are many.
    #[cfg(target_arch = "wasm32")]
    pub fn find_each(&self, pats: &[&str], from: usize, to: usize) -> Vec<(usize, usize)> {
        let to = self.floor(to.min(self.text.len()));
        let from = self.floor(from.min(to));
        let firsts: Vec<char> = pats
            .iter()
            .map(|p| p.chars().next().unwrap_or('\0'))
            .collect();
        // A mask of the first characters' low bytes rules most characters out at once.
        let mut mask = [0u64; 4];
        for f in &firsts {
            let b = *f as u32 & 0xff;
            mask[(b >> 6) as usize] |= 1 << (b & 63);
        }
        let hay = &self.text[from..to];
        let mut out = Vec::new();
        for (i, c) in hay.char_indices() {
            let b = c as u32 & 0xff;
            if mask[(b >> 6) as usize] & (1 << (b & 63)) == 0 || !firsts.contains(&c) {
                continue;
            }
            let rest = &hay[i..];
            if let Some(k) = pats
                .iter()
                .zip(&firsts)
                .position(|(p, f)| *f == c && rest.starts_with(p))
            {
                out.push((k, from + i));
            }
        }
        out
    }

    /// Every match of `pat` in the whole text.
    pub fn find_all<'s>(&'s self, pat: &'s str) -> impl Iterator<Item = usize> + 's {
        crate::search::find_iter(&self.text, pat)
    }

    /// Round down to a char boundary.
    pub fn floor(&self, mut at: usize) -> usize {
        at = at.min(self.text.len());
        while at > 0 && !self.text.is_char_boundary(at) {
            at -= 1;
        }
        at
    }

    /// The text before compact byte `at`, for looking back at a numbering.
    pub fn before(&self, at: usize, max_bytes: usize) -> &str {
        let at = self.floor(at);
        let from = self.floor(at.saturating_sub(max_bytes));
        // floor may land mid-way; step forward to a boundary.
        let mut f = from;
        while f < at && !self.text.is_char_boundary(f) {
            f += 1;
        }
        &self.text[f..at]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_broken_by_wraps_and_pipes_are_found() {
        let src = "（二）部分公开（区分处理的，只计这一情 形，不\n 计其他情形）| 4";
        let c = Compact::new(src);
        let (s, e) = c.find_any(&["(二)部分公开"], 0, usize::MAX).unwrap();
        assert_eq!(&src[c.src(s)..c.src_end(e, src)], "（二）部分公开");
        assert!(c.text.contains("只计这一情形,不计其他情形)"));
    }

    #[test]
    fn traditional_and_full_width_fold() {
        let c = Compact::new("（七）總計　１２");
        assert_eq!(c.text, "(七)总计12");
        assert_eq!(Compact::new("3. 其它").text, "3.其他");
    }

    #[test]
    fn long_digit_runs_are_capped_but_short_ones_kept() {
        let long = "5".repeat(400);
        let c = Compact::new(&format!("规章 {long} 行政许可 12"));
        assert_eq!(c.text, format!("规章{}行政许可12", "5".repeat(16)));
        // Offsets still lead back to the source.
        let at = c.text.find("行政许可").unwrap_or(0);
        assert_eq!(c.src(at), "规章 ".len() + 400 + 1);
    }

    /// The straightforward fold, character by character (the reader's
    /// definition), that `Compact::new` must give exactly.
    fn reference(src: &str) -> (String, Vec<u32>) {
        let mut text = String::new();
        let mut offs = Vec::new();
        let mut run = 0usize;
        for (i, c) in src.char_indices() {
            if c.is_ascii_digit() || ('０'..='９').contains(&c) {
                run += 1;
                if run > MAX_RUN {
                    continue;
                }
            } else {
                run = 0;
            }
            if c.is_ascii() {
                if c.is_ascii_whitespace() || c == '|' {
                    continue;
                }
                text.push(c);
                offs.push(i as u32);
                continue;
            }
            if is_space(c) {
                continue;
            }
            let f = fold(c);
            text.push(f);
            offs.extend(std::iter::repeat_n(i as u32, f.len_utf8()));
        }
        offs.push(src.len() as u32);
        (text, offs)
    }

    /// [`Compact::src`] of every compact byte and of the end.
    fn ways_back(c: &Compact) -> Vec<u32> {
        (0..=c.text.len()).map(|at| c.src(at) as u32).collect()
    }

    #[test]
    fn compact_is_the_character_by_character_fold() {
        let alphabet: Vec<char> = "0123456789０１２３ 　\t\n\r\u{b}|ab,.（）()一二本年新收總計處開它其他、。【】〔〕—「」\u{200b}\u{feff}\u{a0}é😀㐀鿿\u{4dff}ＡＺ"
            .chars()
            .collect();
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for _ in 0..2000 {
            let len = (next() % 60) as usize;
            let s: String = (0..len)
                .map(|_| {
                    // Long digit runs now and then.
                    let k = (next() % (alphabet.len() as u64 + 4)) as usize;
                    alphabet.get(k).copied().unwrap_or('7')
                })
                .collect();
            let c = Compact::new(&s);
            let (text, offs) = reference(&s);
            assert_eq!(c.text, text, "{s:?}");
            assert_eq!(ways_back(&c), offs, "{s:?}");
        }
        for s in [
            "１２３４５６７８９０１２３４５６７８９０12345",
            "12345678901234567890一1234567890123456789 0",
            "總計\t１２\u{3000}|３４它",
        ] {
            let c = Compact::new(s);
            assert_eq!(
                (ways_back(&c), c.text),
                {
                    let (t, o) = reference(s);
                    (o, t)
                },
                "{s:?}"
            );
        }
        // Every character of the CJK block folds as `fold` says.
        let all: String = (CJK_FROM..CJK_TO).filter_map(char::from_u32).collect();
        assert_eq!(Compact::new(&all).text, reference(&all).0);
    }

    #[test]
    fn find_each_is_the_first_listed_pattern_at_each_place() {
        let c = Compact::new("予以公开及部分公开3件，予以公开2件；不予公开 1件，其它处理");
        let pats = [
            "予以公开",
            "予以公开及部分公开",
            "不予公开",
            "其他处理",
            "公开",
        ];
        let got = c.find_each(&pats, 0, usize::MAX);
        // At each place the first listed pattern that starts there.
        let mut want = Vec::new();
        for (i, _) in c.text.char_indices() {
            if let Some(k) = pats.iter().position(|p| c.text[i..].starts_with(p)) {
                want.push((k, i));
            }
        }
        assert_eq!(got, want);
        assert_eq!(got.first(), Some(&(0, 0)));
        assert!(got.iter().any(|&(k, _)| k == 3));
        // A window.
        let from = c.text.find("不予").unwrap_or(0);
        let got = c.find_each(&pats, from, usize::MAX);
        assert_eq!(got.first(), Some(&(2, from)));
    }
}
