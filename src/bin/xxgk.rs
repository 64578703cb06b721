//! The `xxgk` command line: `xxgk check [--format human|json] PATH...`.
fn main() {}
