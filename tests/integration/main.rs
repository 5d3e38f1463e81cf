//! One integration-test binary: a module per command or concern, sharing `common`.

mod asem;
mod common;
mod compare;
mod decompose;
mod dialects;
mod errors;
mod examples;
mod explain;
mod formats;
mod groups;
mod invalid;
mod numbers;
mod plan;
mod prepare;
mod prepare_visible;
mod properties;
mod published;
mod rank;
mod report;
mod sensitivity;
mod spreadsheets;
mod template;
mod validate;
mod xlsx;
