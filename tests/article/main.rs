//! The article core on real and synthetic articles: the corpus with its
//! annotations, the seed, targeted fixtures, summaries, properties, and
//! answering questions.

mod answer;
mod cli;
mod corpus;
mod dates;
mod fixtures;
mod props;
mod seed;
mod structure;
mod summary;
