//! Byte work on whole texts: substring search for the readers and UTF-8
//! validation. Vectorised in the native build (CLI, benches: memchr's
//! `memmem`, simdutf8); the standard library's in the browser module, whose
//! download size is budgeted. Both give the same results: the leftmost,
//! non-overlapping occurrences; the same bytes accepted as UTF-8.

#[cfg(not(target_arch = "wasm32"))]
mod imp {
    use std::cell::RefCell;

    use memchr::memmem::{self, Finder};
    use rustc_hash::FxHashMap;

    /// Every place of `pat` in `hay`, left to right, not overlapping.
    pub fn find_iter<'a>(hay: &'a str, pat: &'a str) -> impl Iterator<Item = usize> + 'a {
        memmem::find_iter(hay.as_bytes(), pat.as_bytes())
    }

    /// Every place of the byte `b` in `hay`.
    pub fn byte_iter(b: u8, hay: &[u8]) -> impl Iterator<Item = usize> + '_ {
        memchr::memchr_iter(b, hay)
    }

    /// The first place of the byte `b` in `hay`.
    pub fn byte_find(b: u8, hay: &[u8]) -> Option<usize> {
        memchr::memchr(b, hay)
    }

    /// The last place of the byte `b` in `hay`.
    pub fn byte_rfind(b: u8, hay: &[u8]) -> Option<usize> {
        memchr::memrchr(b, hay)
    }

    thread_local! {
        /// A searcher for each fixed pattern, by the pattern's address: a
        /// row's window is searched for its labels many times, and building
        /// a searcher costs more than searching a window.
        static FINDERS: RefCell<FxHashMap<(usize, usize), Finder<'static>>> =
            RefCell::new(FxHashMap::default());
    }

    /// The first place of the fixed pattern `pat` in `hay`.
    pub fn find_fixed(hay: &str, pat: &'static str) -> Option<usize> {
        let key = (pat.as_ptr() as usize, pat.len());
        let cached = FINDERS.try_with(|f| {
            let mut f = f.try_borrow_mut().ok()?;
            let finder = f.entry(key).or_insert_with(|| Finder::new(pat.as_bytes()));
            Some(finder.find(hay.as_bytes()))
        });
        match cached {
            Ok(Some(found)) => found,
            _ => memmem::find(hay.as_bytes(), pat.as_bytes()),
        }
    }

    /// The bytes as a `String` when they are UTF-8, else the bytes back.
    /// (Reports are mostly 3-byte characters, which the standard library
    /// checks one at a time.)
    pub fn utf8_string(bytes: Vec<u8>) -> Result<String, Vec<u8>> {
        if simdutf8::basic::from_utf8(&bytes).is_ok() {
            // SAFETY: validated as UTF-8 just above.
            Ok(unsafe { String::from_utf8_unchecked(bytes) })
        } else {
            Err(bytes)
        }
    }
}

#[cfg(target_arch = "wasm32")]
mod imp {
    /// Every place of `pat` in `hay`, left to right, not overlapping.
    pub fn find_iter<'a>(hay: &'a str, pat: &'a str) -> impl Iterator<Item = usize> + 'a {
        hay.match_indices(pat).map(|(i, _)| i)
    }

    /// Every place of the byte `b` in `hay`.
    pub fn byte_iter(b: u8, hay: &[u8]) -> impl Iterator<Item = usize> + '_ {
        hay.iter()
            .enumerate()
            .filter(move |(_, x)| **x == b)
            .map(|(i, _)| i)
    }

    /// The first place of the fixed pattern `pat` in `hay`.
    pub fn find_fixed(hay: &str, pat: &'static str) -> Option<usize> {
        hay.find(pat)
    }

    /// The first place of the byte `b` in `hay`.
    pub fn byte_find(b: u8, hay: &[u8]) -> Option<usize> {
        hay.iter().position(|&x| x == b)
    }

    /// The last place of the byte `b` in `hay`.
    pub fn byte_rfind(b: u8, hay: &[u8]) -> Option<usize> {
        hay.iter().rposition(|&x| x == b)
    }

    /// The bytes as a `String` when they are UTF-8, else the bytes back.
    pub fn utf8_string(bytes: Vec<u8>) -> Result<String, Vec<u8>> {
        String::from_utf8(bytes).map_err(|e| e.into_bytes())
    }
}

pub use imp::{byte_find, byte_iter, byte_rfind, find_fixed, find_iter, utf8_string};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_are_leftmost_and_do_not_overlap() {
        let hay = "本年新收本年新收 aaa 本年新收";
        let got: Vec<usize> = find_iter(hay, "本年新收").collect();
        let want: Vec<usize> = hay.match_indices("本年新收").map(|(i, _)| i).collect();
        assert_eq!(got, want);
        assert_eq!(got.len(), 3);
        assert_eq!(find_iter("aaaa", "aa").collect::<Vec<_>>(), vec![0, 2]);
        assert_eq!(find_fixed(hay, "aaa"), Some(25));
        assert_eq!(find_fixed(hay, "总计"), None);
        assert_eq!(byte_iter(b'a', b"xaxa").collect::<Vec<_>>(), vec![1, 3]);
        assert_eq!(byte_find(b'a', b"xaxa"), Some(1));
        assert_eq!(byte_rfind(b'a', b"xaxa"), Some(3));
        assert_eq!(byte_rfind(b'y', b"xaxa"), None);
    }

    #[test]
    fn utf8_is_accepted_as_the_standard_library_does() {
        for bytes in [
            "总计１２😀 a".as_bytes().to_vec(),
            Vec::new(),
            "（七）".repeat(300).into_bytes(),
            vec![0xe6, 0x80],
            vec![0xed, 0xa0, 0x80],
            vec![b'a', 0xff],
            vec![0xf4, 0x90, 0x80, 0x80],
        ] {
            let want = String::from_utf8(bytes.clone()).map_err(|e| e.into_bytes());
            assert_eq!(utf8_string(bytes), want);
        }
    }
}
