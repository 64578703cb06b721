//! The title found once: `check_all_with` given the `statements::heading`
//! of the same input (what the CLI's pairing pass found) gives exactly the
//! reports `check_all` gives, which looks for the title itself; a heading
//! that cannot be the input's is not taken.

use xxgk_validator::statements::{heading, unit_and_year};
use xxgk_validator::{check_all, check_all_with};

/// The project's generated reports, and the corpus when there is one.
fn texts() -> Vec<(String, String)> {
    let mut dirs = vec![concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures").to_string()];
    if let Some(d) = option_env!("XXGK_CORPUS_DIR") {
        dirs.push(d.to_string());
    }
    let mut out = Vec::new();
    for d in dirs {
        let mut names: Vec<_> = std::fs::read_dir(&d)
            .unwrap_or_else(|e| panic!("{d}: {e}"))
            .flatten()
            .map(|e| e.path())
            .filter(|p| {
                p.is_file()
                    && matches!(
                        p.extension().and_then(|e| e.to_str()),
                        Some("txt" | "md" | "html")
                    )
                    && p.file_name().is_some_and(|n| n != "README.md")
            })
            .collect();
        names.sort();
        for p in names {
            if let Ok(t) = String::from_utf8(std::fs::read(&p).unwrap_or_default()) {
                out.push((p.display().to_string(), t));
            }
        }
    }
    out
}

#[test]
fn the_heading_gives_the_same_reports() {
    let texts = texts();
    assert!(texts.len() >= 10, "{} texts", texts.len());
    let mut titled = 0;
    for (name, text) in &texts {
        // As given; with 70 KB of prose after it (past the 64 KB the
        // heading looks at); with the title pushed down by 20 KB of blank
        // lines (past the 16 KB the title is looked for in).
        let long = format!("{text}\n{}", "其他说明。\n".repeat(4800));
        let low = format!("{}{text}", "\n".repeat(20 * 1024));
        for (what, t) in [("as is", text), ("long", &long), ("low", &low)] {
            let mut h = heading(t);
            assert_eq!(
                (h.unit().map(str::to_string), h.year()),
                unit_and_year(t),
                "{name} {what}"
            );
            titled += usize::from(h.year().is_some());
            let want = check_all(t);
            assert_eq!(check_all_with(t, Some(&mut h)), want, "{name} {what}");
            // Again with the same heading (its reading of HTML handed over
            // already): the same.
            assert_eq!(check_all_with(t, Some(&mut h)), want, "{name} {what}");
        }
    }
    // Not a vacuous comparison: most texts have a title found.
    assert!(
        titled >= texts.len(),
        "{titled} titles in {} texts",
        texts.len()
    );
}

#[test]
fn a_heading_of_another_text_is_not_taken() {
    let texts = texts();
    for pair in texts.windows(2) {
        let ((_, a), (name, b)) = (&pair[0], &pair[1]);
        if a.len() == b.len() {
            continue;
        }
        assert_eq!(
            check_all_with(b, Some(&mut heading(a))),
            check_all(b),
            "{name}"
        );
    }
}
