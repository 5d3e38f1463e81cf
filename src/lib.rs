//! `dti`: a provincial Digital Transformation Index, or any composite index built the same way.
//!
//! Data flows one way: `load` (bytes → raw tables) → `validate` (→ `IndicatorTree`, `Panel`) →
//! `score` (normalise, aggregate, rank, compare) → `report` (bytes). `app` chains the stages
//! for each command; `main` only parses arguments and maps errors to exit codes.

pub mod app;
pub mod cli;
pub mod error;
pub mod load;
pub mod model;
pub mod report;
pub mod score;
pub mod validate;
