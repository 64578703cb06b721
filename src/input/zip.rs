//! Just enough of the zip format to read a .docx: the central directory and
//! stored or deflated members, with a cap on every decompressed size (zip
//! bombs). Zip64 and encryption are not supported (no .docx needs them).

/// Largest member we inflate (a 20-page report's document.xml is < 2 MB).
pub const MEMBER_CAP: usize = 32 << 20;

pub struct Archive<'a> {
    bytes: &'a [u8],
    entries: Vec<Entry>,
}

struct Entry {
    name: Vec<u8>,
    method: u16,
    compressed: usize,
    local: usize,
}

fn u16_at(b: &[u8], i: usize) -> Option<u16> {
    Some(u16::from_le_bytes([*b.get(i)?, *b.get(i + 1)?]))
}

fn u32_at(b: &[u8], i: usize) -> Option<u32> {
    Some(u32::from_le_bytes([
        *b.get(i)?,
        *b.get(i + 1)?,
        *b.get(i + 2)?,
        *b.get(i + 3)?,
    ]))
}

impl<'a> Archive<'a> {
    /// The archive's directory, or `None` when it is missing or broken
    /// (a truncated download).
    pub fn open(bytes: &'a [u8]) -> Option<Self> {
        // End of central directory: 22 bytes + a comment of up to 64 KB.
        let min = bytes.len().saturating_sub(22 + 0xFFFF);
        let mut eocd = None;
        let mut i = bytes.len().checked_sub(22)?;
        loop {
            if u32_at(bytes, i) == Some(0x0605_4b50) {
                eocd = Some(i);
                break;
            }
            if i == min {
                break;
            }
            i -= 1;
        }
        let e = eocd?;
        let count = u16_at(bytes, e + 10)? as usize;
        let mut p = u32_at(bytes, e + 16)? as usize;
        let mut entries = Vec::with_capacity(count.min(4096));
        for _ in 0..count {
            if u32_at(bytes, p)? != 0x0201_4b50 {
                return None;
            }
            let method = u16_at(bytes, p + 10)?;
            let compressed = u32_at(bytes, p + 20)? as usize;
            let n = u16_at(bytes, p + 28)? as usize;
            let x = u16_at(bytes, p + 30)? as usize;
            let c = u16_at(bytes, p + 32)? as usize;
            let local = u32_at(bytes, p + 42)? as usize;
            let name = bytes.get(p + 46..p + 46 + n)?.to_vec();
            // The member's data must lie inside the file.
            if local.checked_add(30 + compressed)? > bytes.len() {
                return None;
            }
            entries.push(Entry {
                name,
                method,
                compressed,
                local,
            });
            p += 46 + n + x + c;
        }
        Some(Archive { bytes, entries })
    }

    pub fn has(&self, name: &str) -> bool {
        self.entries.iter().any(|e| e.name == name.as_bytes())
    }

    /// A member's bytes: `Err(true)` when it is over `cap`, `Err(false)`
    /// when it is missing, encrypted, of an unknown method or corrupt.
    pub fn read(&self, name: &str, cap: usize) -> Result<Vec<u8>, bool> {
        let e = self
            .entries
            .iter()
            .find(|e| e.name == name.as_bytes())
            .ok_or(false)?;
        let b = self.bytes;
        if u32_at(b, e.local) != Some(0x0403_4b50) {
            return Err(false);
        }
        let flags = u16_at(b, e.local + 6).ok_or(false)?;
        if flags & 1 != 0 {
            return Err(false);
        }
        let n = u16_at(b, e.local + 26).ok_or(false)? as usize;
        let x = u16_at(b, e.local + 28).ok_or(false)? as usize;
        let start = e.local + 30 + n + x;
        let data = b.get(start..start + e.compressed).ok_or(false)?;
        match e.method {
            0 if data.len() > cap => Err(true),
            0 => Ok(data.to_vec()),
            8 => match miniz_oxide::inflate::decompress_to_vec_with_limit(data, cap) {
                Ok(v) => Ok(v),
                Err(err) if err.status == miniz_oxide::inflate::TINFLStatus::HasMoreOutput => {
                    Err(true)
                }
                Err(_) => Err(false),
            },
            _ => Err(false),
        }
    }
}
