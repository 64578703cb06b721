//! Text files: bytes in a sniffed encoding → `String`.

use super::sniff::Encoding;
use super::{Input, Kind};

pub(super) fn decode(bytes: &[u8], enc: Encoding) -> Input {
    let (text, encoding, offset, lossy) = match enc {
        Encoding::Utf8 { bom } => {
            let skip = if bom { 3 } else { 0 };
            let body = bytes.get(skip..).unwrap_or(&[]);
            match std::str::from_utf8(body) {
                Ok(s) => (s.to_string(), "UTF-8", skip, false),
                Err(_) => {
                    let s = String::from_utf8_lossy(body).into_owned();
                    // Mostly-UTF-8 with broken bytes; GBK would read fewer
                    // broken characters if it really is GBK.
                    match gb_if_better(body, &s) {
                        Some((g, name)) => (g, name, 0, true),
                        None => (s, "UTF-8", skip, true),
                    }
                }
            }
        }
        Encoding::Utf16Le { bom } => {
            let (s, lossy) = utf16(bytes.get(if bom { 2 } else { 0 }..).unwrap_or(&[]), true);
            (s, "UTF-16LE", 0, lossy)
        }
        Encoding::Utf16Be { bom } => {
            let (s, lossy) = utf16(bytes.get(if bom { 2 } else { 0 }..).unwrap_or(&[]), false);
            (s, "UTF-16BE", 0, lossy)
        }
        Encoding::Gb18030 => gb(bytes),
    };
    let kind = if crate::looks_like_html(&text) {
        Kind::Html
    } else {
        Kind::Text
    };
    Input {
        kind,
        encoding,
        text,
        offset,
        lossy,
        pages: Vec::new(),
    }
}

fn utf16(b: &[u8], le: bool) -> (String, bool) {
    let units = b.chunks_exact(2).map(|c| {
        if le {
            u16::from_le_bytes([c[0], c[1]])
        } else {
            u16::from_be_bytes([c[0], c[1]])
        }
    });
    let mut lossy = b.len() % 2 == 1;
    let mut s = String::with_capacity(b.len() * 3 / 2);
    for c in char::decode_utf16(units) {
        match c {
            Ok(c) => s.push(c),
            Err(_) => {
                lossy = true;
                s.push('\u{FFFD}');
            }
        }
    }
    (s, lossy)
}

/// GB18030's four-byte sequences (lead 0x81–0xFE, then a digit) are what
/// GBK lacks; without them the file is plain GBK.
fn has_four_byte_gb18030(bytes: &[u8]) -> bool {
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if (0x81..=0xFE).contains(&b) {
            if let Some(0x30..=0x39) = bytes.get(i + 1) {
                return true;
            }
            i += 2;
        } else {
            i += 1;
        }
    }
    false
}

#[cfg(feature = "gbk")]
fn gb(bytes: &[u8]) -> (String, &'static str, usize, bool) {
    let name = if has_four_byte_gb18030(bytes) {
        "GB18030"
    } else {
        "GBK"
    };
    let (s, lossy) = encoding_rs::GB18030.decode_without_bom_handling(bytes);
    (s.into_owned(), name, 0, lossy)
}

#[cfg(not(feature = "gbk"))]
fn gb(bytes: &[u8]) -> (String, &'static str, usize, bool) {
    // Without the GBK tables: keep what is ASCII, so that the report says
    // what it could not read rather than nothing.
    let _ = has_four_byte_gb18030;
    (
        String::from_utf8_lossy(bytes).into_owned(),
        "UTF-8",
        0,
        true,
    )
}

#[cfg(feature = "gbk")]
fn gb_if_better(bytes: &[u8], utf8: &str) -> Option<(String, &'static str)> {
    let bad_utf8 = utf8.matches('\u{FFFD}').count();
    let (g, _, _, _) = gb(bytes);
    let bad_gb = g.matches('\u{FFFD}').count();
    let name = if has_four_byte_gb18030(bytes) {
        "GB18030"
    } else {
        "GBK"
    };
    (bad_gb < bad_utf8).then_some((g, name))
}

#[cfg(not(feature = "gbk"))]
fn gb_if_better(_: &[u8], _: &str) -> Option<(String, &'static str)> {
    None
}
