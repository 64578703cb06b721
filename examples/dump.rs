//! Print what the checker reads and finds in one file: `cargo run --example dump FILE`.
fn main() {
    let path = std::env::args().nth(1).unwrap_or_default();
    let bytes = std::fs::read(&path).unwrap_or_default();
    let text = String::from_utf8_lossy(&bytes);
    let r = xxgk_validator::check(&text);
    println!(
        "version {:?} year {:?} tables {:?} cells {}",
        r.version,
        r.year,
        r.tables,
        r.cells.len()
    );
    for c in &r.cells {
        println!("  {:45} {:?} {:?}", c.key, c.text, c.value);
    }
    for d in &r.diagnostics {
        println!("[{}] {} {}", d.severity.key(), d.rule, d.message);
        if let Some(s) = &d.suspect {
            println!("    suspect {} -> {}", s.cell, s.expected);
        }
    }
}
