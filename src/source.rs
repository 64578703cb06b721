//! The input as the readers see it, and the way back to the original bytes.
//!
//! Plain text is read as is. HTML is turned into tab-separated text: every
//! `<td>`/`<th>` starts a field with a tab, block ends become newlines, other
//! tags vanish, `<script>`/`<style>`/comments are dropped and entities decoded.
//! Every byte of that derived text maps back to a byte range of the original,
//! so spans found in the derived text are reported against the input exactly.

use crate::report::Span;

/// The text the readers scan, with its map back to the input.
pub struct Source<'a> {
    pub text: std::borrow::Cow<'a, str>,
    /// Empty for plain text (identity). Otherwise sorted pieces of the
    /// derived text: (derived start, original start, original length, verbatim).
    pieces: Vec<Piece>,
    pub html: bool,
}

#[derive(Clone, Copy, Debug)]
struct Piece {
    derived: usize,
    orig: usize,
    orig_len: usize,
    /// Copied byte for byte (offsets inside map one to one).
    verbatim: bool,
}

impl<'a> Source<'a> {
    pub fn plain(input: &'a str) -> Source<'a> {
        Source {
            text: std::borrow::Cow::Borrowed(input),
            pieces: Vec::new(),
            html: false,
        }
    }

    pub fn html(input: &'a str) -> Source<'a> {
        let mut b = Builder {
            out: String::with_capacity(input.len() / 2),
            pieces: Vec::new(),
            in_cell: false,
        };
        read_html(input, &mut b);
        Source {
            text: std::borrow::Cow::Owned(b.out),
            pieces: b.pieces,
            html: true,
        }
    }

    /// This source owning its text (kept beyond the input's borrow).
    pub fn into_owned(self) -> Source<'static> {
        Source {
            text: std::borrow::Cow::Owned(self.text.into_owned()),
            pieces: self.pieces,
            html: self.html,
        }
    }

    /// Map a span of the derived text to the input.
    pub fn span(&self, start: usize, end: usize) -> Span {
        if self.pieces.is_empty() {
            return Span::new(start, end);
        }
        let s = self.map(start, false);
        let e = if end > start { self.map(end, true) } else { s };
        Span::new(s, e.max(s))
    }

    fn map(&self, at: usize, is_end: bool) -> usize {
        // The piece holding `at` (for an end offset, the piece holding at-1).
        let key = if is_end { at.saturating_sub(1) } else { at };
        let i = match self.pieces.binary_search_by(|p| p.derived.cmp(&key)) {
            Ok(i) => i,
            Err(0) => return 0,
            Err(i) => i - 1,
        };
        let p = self.pieces[i];
        if p.verbatim {
            p.orig + (at - p.derived).min(p.orig_len)
        } else if is_end {
            p.orig + p.orig_len
        } else {
            p.orig
        }
    }
}

/// Does this input look like HTML (a saved page or a clipboard fragment)?
pub fn looks_like_html(input: &str) -> bool {
    const TAGS: [&[u8]; 6] = [b"table", b"td", b"html", b"body", b"p>", b"div"];
    let head = &input.as_bytes()[..input.len().min(64 * 1024)];
    // Only what follows a '<' can be a tag; most reports have none, so one
    // vectorised search over the head decides.
    crate::search::byte_iter(b'<', head).any(|p| {
        let after = head.get(p + 1..).unwrap_or_default();
        TAGS.iter()
            .any(|t| after.len() >= t.len() && after[..t.len()].eq_ignore_ascii_case(t))
    })
}

struct Builder {
    out: String,
    pieces: Vec<Piece>,
    /// Inside a `<td>`/`<th>`: block tags there (Word wraps every cell's
    /// text in `<p>`) are spaces, so that one table row stays one line.
    in_cell: bool,
}

impl Builder {
    fn verbatim(&mut self, orig: usize, s: &str) {
        if s.is_empty() {
            return;
        }
        self.pieces.push(Piece {
            derived: self.out.len(),
            orig,
            orig_len: s.len(),
            verbatim: true,
        });
        self.out.push_str(s);
    }
    fn replaced(&mut self, orig: usize, orig_len: usize, s: &str) {
        if s.is_empty() {
            return;
        }
        self.pieces.push(Piece {
            derived: self.out.len(),
            orig,
            orig_len,
            verbatim: false,
        });
        self.out.push_str(s);
    }
}

fn read_html(input: &str, b: &mut Builder) {
    let bytes = input.as_bytes();
    let mut i = 0;
    let mut text_start = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'<' => {
                b.verbatim(text_start, &input[text_start..i]);
                i = tag(input, i, b);
                text_start = i;
            }
            b'&' => {
                b.verbatim(text_start, &input[text_start..i]);
                let (len, ch) = entity(&input[i..]);
                let mut buf = [0u8; 4];
                match ch {
                    Some(c) => b.replaced(i, len, c.encode_utf8(&mut buf)),
                    None => b.verbatim(i, &input[i..i + len]),
                }
                i += len;
                text_start = i;
            }
            b'\r' | b'\n' => {
                // Source line breaks inside HTML are spaces, not rows.
                b.verbatim(text_start, &input[text_start..i]);
                b.replaced(i, 1, " ");
                i += 1;
                text_start = i;
            }
            _ => i += 1,
        }
    }
    b.verbatim(text_start, &input[text_start..]);
}

/// Read one tag (or comment) starting at `<`; emit its text effect; return
/// the offset after it.
fn tag(input: &str, start: usize, b: &mut Builder) -> usize {
    let bytes = input.as_bytes();
    let rest = &input[start..];
    if rest.starts_with("<!--") {
        let end = rest
            .find("-->")
            .map(|e| start + e + 3)
            .unwrap_or(input.len());
        return end;
    }
    // Tag name.
    let mut j = start + 1;
    let closing = bytes.get(j) == Some(&b'/');
    if closing {
        j += 1;
    }
    let name_start = j;
    while j < bytes.len() && bytes[j].is_ascii_alphanumeric() {
        j += 1;
    }
    if j == name_start {
        // Not a tag: a lone '<' is text.
        b.verbatim(start, "<");
        return start + 1;
    }
    // The name lower-cased on the stack: every name acted on is short; a
    // longer one is no tag of interest.
    let mut buf = [0u8; 10];
    let raw = &bytes[name_start..j];
    let name: &str = match buf.get_mut(..raw.len()) {
        Some(lower) => {
            lower.copy_from_slice(raw);
            lower.make_ascii_lowercase();
            std::str::from_utf8(lower).unwrap_or("")
        }
        None => "",
    };
    // Find the end of the tag, skipping quoted attribute values.
    let mut quote = 0u8;
    while j < bytes.len() {
        let c = bytes[j];
        if quote != 0 {
            if c == quote {
                quote = 0;
            }
        } else if c == b'"' || c == b'\'' {
            quote = c;
        } else if c == b'>' {
            break;
        }
        j += 1;
    }
    let end = (j + 1).min(input.len());
    let len = end - start;
    if !closing && (name == "script" || name == "style" || name == "template") {
        let close = format!("</{name}");
        let lower_rest = &input[end..];
        let found = find_ascii_ci(lower_rest, &close).map(|k| end + k);
        let skip_to = match found {
            Some(k) => input[k..]
                .find('>')
                .map(|g| k + g + 1)
                .unwrap_or(input.len()),
            None => input.len(),
        };
        return skip_to;
    }
    match (closing, name) {
        (false, "td") | (false, "th") => b.in_cell = true,
        (true, "td") | (true, "th") | (_, "tr") | (_, "table") => b.in_cell = false,
        _ => {}
    }
    let effect = match (closing, name) {
        (false, "td") | (false, "th") => "\t",
        (_, "p") | (_, "div") | (false, "br") | (_, "li") if b.in_cell => " ",
        (_, "tr")
        | (_, "p")
        | (_, "div")
        | (false, "br")
        | (_, "li")
        | (_, "table")
        | (_, "h1")
        | (_, "h2")
        | (_, "h3")
        | (_, "h4")
        | (_, "h5")
        | (_, "h6")
        | (_, "section")
        | (_, "article") => "\n",
        _ => "",
    };
    b.replaced(start, len, effect);
    end
}

fn find_ascii_ci(hay: &str, needle: &str) -> Option<usize> {
    let h = hay.as_bytes();
    let n = needle.as_bytes();
    if n.len() > h.len() {
        return None;
    }
    (0..=h.len() - n.len()).find(|&i| h[i..i + n.len()].eq_ignore_ascii_case(n))
}

/// Decode an entity at the start of `s` (which starts with '&'): its length in
/// the input and the character, or (1, None) when it is not one.
fn entity(s: &str) -> (usize, Option<char>) {
    let end = match s.as_bytes().iter().take(12).position(|&c| c == b';') {
        Some(e) => e,
        None => return (1, None),
    };
    let body = &s[1..end];
    let ch = if let Some(num) = body.strip_prefix('#') {
        let n = if let Some(hex) = num.strip_prefix('x').or_else(|| num.strip_prefix('X')) {
            u32::from_str_radix(hex, 16).ok()
        } else {
            num.parse::<u32>().ok()
        };
        n.and_then(char::from_u32)
    } else {
        match body {
            "nbsp" => Some('\u{a0}'),
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "ensp" | "emsp" | "thinsp" => Some(' '),
            "mdash" => Some('—'),
            "ndash" => Some('–'),
            "ldquo" => Some('“'),
            "rdquo" => Some('”'),
            "middot" => Some('·'),
            _ => None,
        }
    };
    match ch {
        Some(c) => (end + 1, Some(c)),
        None => (1, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_cells_become_tab_fields_and_spans_map_back() {
        let html = "<tr><td>规章</td><td>&nbsp;3</td><td></td><td>12</td></tr>";
        let s = Source::html(html);
        assert_eq!(s.text, "\n\t规章\t\u{a0}3\t\t12\n");
        let at = s.text.find("12").unwrap();
        let sp = s.span(at, at + 2);
        assert_eq!(&html[sp.start..sp.end], "12");
        let at3 = s.text.find('3').unwrap();
        let sp = s.span(at3, at3 + 1);
        assert_eq!(&html[sp.start..sp.end], "3");
        // The entity maps to the whole entity.
        let nb = s.text.find('\u{a0}').unwrap();
        let sp = s.span(nb, nb + 2);
        assert_eq!(&html[sp.start..sp.end], "&nbsp;");
    }

    #[test]
    fn paragraphs_inside_a_cell_keep_the_row_on_one_line() {
        let html =
            "<tr><td><p>规章</p></td><td><p>&nbsp;</p></td><td><p>3</p></td></tr><p>后文</p>";
        let s = Source::html(html);
        assert_eq!(s.text, "\n\t 规章 \t \u{a0} \t 3 \n\n后文\n");
    }

    #[test]
    fn html_is_told_from_text() {
        assert!(looks_like_html("<TABLE><tr><TD>1</TD></tr></TABLE>"));
        assert!(looks_like_html("前文<p>段落</p>"));
        assert!(!looks_like_html("a < b，表三 <七> 总计"));
        assert!(!looks_like_html("<"));
    }

    #[test]
    fn scripts_and_comments_vanish() {
        let s = Source::html("a<script>x=1</script><!-- 9 -->b<STYLE>p{}</style>c");
        assert_eq!(s.text, "abc");
    }

    #[test]
    fn tag_names_in_any_case_and_long_names() {
        let s = Source::html(
            "<TR><Td>1</tD><TH>2</th></Tr><TEMPLATE>9</template><Section>x</SECTION>\
             <customelementwithalongname>y</customelementwithalongname><br/>z",
        );
        assert_eq!(s.text, "\n\t1\t2\n\nx\ny\nz");
    }

    #[test]
    fn broken_markup_never_panics() {
        for t in [
            "<",
            "<td",
            "&#xZZ;",
            "&#99999999;",
            "<a href='x>",
            "&",
            "<!--",
            "<script>",
        ] {
            let s = Source::html(t);
            let n = s.text.len();
            let _ = s.span(0, n);
        }
    }
}
