//! What a file is, from its first bytes (never from its name).

/// A text encoding found by [`sniff`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8; `bom` when the text starts with EF BB BF.
    Utf8 {
        bom: bool,
    },
    Utf16Le {
        bom: bool,
    },
    Utf16Be {
        bom: bool,
    },
    /// GBK or its superset GB18030 (not valid UTF-8, reads as Chinese).
    Gb18030,
}

/// The type of a file's bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sniffed {
    Empty,
    Text(Encoding),
    Pdf,
    /// A zip with `word/document.xml` (Word, WPS, LibreOffice .docx).
    Docx,
    /// Another zip (xlsx, a zip of files, …).
    Zip,
    /// Starts like a zip but its directory cannot be read.
    CorruptZip,
    /// An OLE compound file: legacy .doc, .wps, .et, .xls.
    LegacyOffice,
    /// An image; the name of its format.
    Image(&'static str),
    /// Not text: control characters, undecodable or implausible bytes.
    Binary,
}

/// How much of a file the statistical tests look at: enough to decide, and
/// bounded time on a 200 MB file.
const SAMPLE: usize = 1 << 20;

/// What the first bytes alone decide: empty, PDF, zip, OLE, image, a BOM.
/// `None`: plain bytes, whose encoding only a look at the text tells.
pub fn by_magic(bytes: &[u8]) -> Option<Sniffed> {
    if bytes.is_empty() {
        return Some(Sniffed::Empty);
    }
    // `%PDF-` may follow a little junk (some generators, mail gateways).
    let head = &bytes[..bytes.len().min(1024)];
    if crate::search::byte_iter(b'%', head).any(|i| head[i..].starts_with(b"%PDF-")) {
        return Some(Sniffed::Pdf);
    }
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return Some(sniff_zip(bytes));
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return Some(Sniffed::LegacyOffice);
    }
    if let Some(fmt) = image(bytes) {
        return Some(Sniffed::Image(fmt));
    }
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        return Some(Sniffed::Text(Encoding::Utf8 { bom: true }));
    }
    if bytes.starts_with(&[0xFF, 0xFE]) {
        return Some(Sniffed::Text(Encoding::Utf16Le { bom: true }));
    }
    if bytes.starts_with(&[0xFE, 0xFF]) {
        return Some(Sniffed::Text(Encoding::Utf16Be { bom: true }));
    }
    None
}

/// Valid UTF-8 (already known) that is text, not binary: no NUL near the
/// start (UTF-16 of ASCII text is valid UTF-8 too) and few control
/// characters. Looks at a prefix only: the caller validated the whole.
pub fn utf8_is_text(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(SAMPLE)];
    crate::search::byte_find(0, sample).is_none() && !control_share_too_high(sample)
}

/// Decide what `bytes` are.
pub fn sniff(bytes: &[u8]) -> Sniffed {
    if let Some(s) = by_magic(bytes) {
        return s;
    }
    let sample = &bytes[..bytes.len().min(SAMPLE)];
    if let Some(enc) = utf16_without_bom(sample) {
        return Sniffed::Text(enc);
    }
    if crate::search::byte_find(0, sample).is_some() {
        return Sniffed::Binary;
    }
    // Valid UTF-8 (a character cut at the sample's end is fine).
    let utf8_ok = match std::str::from_utf8(sample) {
        Ok(_) => true,
        Err(e) => e.error_len().is_none() && sample.len() - e.valid_up_to() < 4,
    };
    if utf8_ok {
        return if control_share_too_high(sample) {
            Sniffed::Binary
        } else {
            Sniffed::Text(Encoding::Utf8 { bom: false })
        };
    }
    if looks_like_gb(sample) {
        return Sniffed::Text(Encoding::Gb18030);
    }
    // Mostly UTF-8 with a few broken bytes is still text.
    if mostly_utf8(sample) && !control_share_too_high(sample) {
        return Sniffed::Text(Encoding::Utf8 { bom: false });
    }
    Sniffed::Binary
}

#[cfg(feature = "files")]
fn sniff_zip(bytes: &[u8]) -> Sniffed {
    match super::zip::Archive::open(bytes) {
        Some(a) if a.has("word/document.xml") => Sniffed::Docx,
        Some(_) => Sniffed::Zip,
        None => Sniffed::CorruptZip,
    }
}

#[cfg(not(feature = "files"))]
fn sniff_zip(bytes: &[u8]) -> Sniffed {
    if bytes.windows(17).any(|w| w == b"word/document.xml") {
        Sniffed::Docx
    } else {
        Sniffed::Zip
    }
}

fn image(b: &[u8]) -> Option<&'static str> {
    if b.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("PNG")
    } else if b.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("JPEG")
    } else if b.starts_with(b"GIF87a") || b.starts_with(b"GIF89a") {
        Some("GIF")
    } else if b.starts_with(b"II*\0") || b.starts_with(b"MM\0*") {
        Some("TIFF")
    } else if b.len() >= 12 && b.starts_with(b"RIFF") && &b[8..12] == b"WEBP" {
        Some("WebP")
    } else if b.len() >= 26
        && b.starts_with(b"BM")
        && b[6..10] == [0, 0, 0, 0]
        && u32::from_le_bytes([b[14], b[15], b[16], b[17]]) >= 12
    {
        // "BM" + size + zero reserved words + a header size: a bitmap, not
        // a text that happens to start with "BM".
        Some("BMP")
    } else {
        None
    }
}

/// UTF-16 without a BOM: NULs are frequent and almost all on one side of
/// each 16-bit unit (the high byte of ASCII), and the units read as text.
fn utf16_without_bom(s: &[u8]) -> Option<Encoding> {
    let n = s.len() / 2;
    if n < 2 {
        return None;
    }
    let (mut even, mut odd) = (0usize, 0usize);
    for (i, &b) in s[..n * 2].iter().enumerate() {
        if b == 0 {
            if i % 2 == 0 {
                even += 1;
            } else {
                odd += 1;
            }
        }
    }
    let nuls = even + odd;
    // At least 5% of the units carry an ASCII character, and most NULs sit
    // in the same half of the unit (the other half has a few: U+4E00 一).
    if nuls * 20 < n {
        return None;
    }
    let le = odd >= even * 2;
    let be = even >= odd * 2;
    let enc = if le {
        Encoding::Utf16Le { bom: false }
    } else if be {
        Encoding::Utf16Be { bom: false }
    } else {
        return None;
    };
    let units = s[..n * 2].chunks_exact(2).map(|c| {
        if le {
            u16::from_le_bytes([c[0], c[1]])
        } else {
            u16::from_be_bytes([c[0], c[1]])
        }
    });
    let mut plausible = 0usize;
    for u in units {
        if plausible_char(u) {
            plausible += 1;
        }
    }
    (plausible * 10 >= n * 9).then_some(enc)
}

/// A 16-bit unit a report would contain: printable ASCII, tab/newlines,
/// Latin-1 letters, general punctuation, CJK and its punctuation,
/// full-width forms, surrogates (pairs for rare characters).
fn plausible_char(u: u16) -> bool {
    matches!(u,
        0x09 | 0x0A | 0x0D | 0x0C | 0x20..=0x7E | 0xA0..=0x24F | 0x2000..=0x27FF
        | 0x3000..=0x33FF | 0x3400..=0x9FFF | 0xD800..=0xDFFF | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F | 0xFF00..=0xFFEF)
}

/// Text has (almost) no C0 control characters besides tab, newlines, form
/// feed and ESC; random or binary bytes have many (1 in 8 bytes).
fn control_share_too_high(s: &[u8]) -> bool {
    // Counted in blocks of 255 into a byte, without branches, so that the
    // compiler vectorises the count.
    let ctl: usize = s
        .chunks(255)
        .map(|block| {
            block.iter().fold(0u8, |n, &b| {
                let allowed =
                    (b == b'\t') | (b == b'\n') | (b == b'\r') | (b == 0x0C) | (b == 0x1B);
                n + u8::from(((b < 0x20) & !allowed) | (b == 0x7F))
            })
        })
        .map(usize::from)
        .sum();
    ctl * 100 > s.len()
}

/// GBK/GB18030 text: control characters rare, every lead byte followed by
/// a valid trail byte, and most double-byte characters in GB2312 (the
/// common characters: lead and trail both 0xA1–0xFE). Random bytes fail all
/// three: about a third of their double-byte pairs fall in GB2312.
fn looks_like_gb(s: &[u8]) -> bool {
    if control_share_too_high(s) {
        return false;
    }
    let (mut pairs, mut gb2312, mut bad) = (0usize, 0usize, 0usize);
    let mut i = 0;
    while i < s.len() {
        let b = s[i];
        if b < 0x80 {
            i += 1;
            continue;
        }
        if !(0x81..=0xFE).contains(&b) {
            bad += 1;
            i += 1;
            continue;
        }
        let Some(&t) = s.get(i + 1) else { break };
        if (0x30..=0x39).contains(&t) {
            // Four-byte GB18030.
            let ok = matches!(
                (s.get(i + 2), s.get(i + 3)),
                (Some(0x81..=0xFE), Some(0x30..=0x39))
            );
            if ok {
                // Random bytes almost never form one: count it as common.
                pairs += 1;
                gb2312 += 1;
                i += 4;
            } else {
                bad += 1;
                i += 1;
            }
            continue;
        }
        if (0x40..=0xFE).contains(&t) && t != 0x7F {
            pairs += 1;
            if b >= 0xA1 && t >= 0xA1 {
                gb2312 += 1;
            }
            i += 2;
        } else {
            bad += 1;
            i += 1;
        }
    }
    pairs > 0 && bad * 100 <= pairs && gb2312 * 10 >= pairs * 7
}

/// Valid UTF-8 for all but a few bytes in a thousand.
fn mostly_utf8(s: &[u8]) -> bool {
    let mut bad = 0usize;
    let mut rest = s;
    loop {
        match std::str::from_utf8(rest) {
            Ok(_) => break,
            Err(e) => {
                bad += 1;
                let skip =
                    e.valid_up_to() + e.error_len().unwrap_or(rest.len() - e.valid_up_to()).max(1);
                rest = rest.get(skip..).unwrap_or(&[]);
            }
        }
        if bad * 1000 > s.len() + 1000 {
            return false;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pdf_after_a_little_junk() {
        let pdf = |junk: usize| {
            let mut b = vec![b'%'; junk];
            b.extend_from_slice(b"%PDF-1.7\n");
            b
        };
        assert!(matches!(by_magic(b"%PDF-1.4\n"), Some(Sniffed::Pdf)));
        assert!(matches!(
            by_magic(b"\r\n%%junk%PDF-1.4\n"),
            Some(Sniffed::Pdf)
        ));
        // Within the first 1024 bytes, however many '%' come first.
        assert!(matches!(by_magic(&pdf(1019)), Some(Sniffed::Pdf)));
        assert!(by_magic(&pdf(1020)).is_none());
        assert!(by_magic(b"100% PDF").is_none());
        assert!(by_magic(b"%PDF").is_none());
    }
}
