use super::Unreadable;
pub fn read(_: &[u8]) -> Result<String, Unreadable> {
    Err(Unreadable::new("docx_corrupt", "todo"))
}
