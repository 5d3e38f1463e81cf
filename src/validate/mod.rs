//! Raw → validated. `spec` turns a `RawSpec` into an `IndicatorTree`; `data` turns raw tables
//! into a `Panel`. Both collect every problem and fail once; neither panics on user input,
//! reads a file or computes a score.

mod children;
mod cx;
mod data;
mod graph;
mod groups;
mod merge;
mod method;
mod positive;
mod prepare;
mod rows;
mod spec;
mod targets;
mod units;
mod value;
mod whatif;

pub use crate::load::number::{NumberStyle, Parsed, parse_bool, parse_number};
pub use data::{DataOptions, header_hint, panel};
pub use groups::{group_column, group_value, only};
pub use merge::crosswalk;
pub use spec::spec;
pub use targets::{is_pairs, target_pairs, target_row};
pub use units::find_unit;
pub use whatif::{WeightChange, weight_changes, weights_file};
