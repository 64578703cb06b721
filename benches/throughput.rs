//! Check throughput over the corpus.
fn main() {}
