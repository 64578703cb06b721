//! Print the text the core reads from a file (PDF, .docx, text).
fn main() {
    for p in std::env::args().skip(1) {
        let bytes = std::fs::read(&p).unwrap_or_default();
        match xxgk_validator::input::read(&bytes) {
            Ok(i) => {
                println!("== {p}: {:?} {} pages {:?}", i.kind, i.encoding, i.pages);
                print!("{}", i.text);
            }
            Err(u) => println!("== {p}: {} {}", u.code, u.message),
        }
    }
}
