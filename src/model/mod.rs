//! The shared vocabulary: the raw spec as written, the validated indicator tree, units and the
//! data panel. Types only: nothing here reads files, prints or rounds.

pub mod crosswalk;
pub mod panel;
pub mod prepare;
pub mod regions;
pub mod registry;
pub mod spec;
pub mod tree;

/// A score or normalised value, always unrounded; rounding belongs to `report/`.
pub type Score = f64;
/// A calendar year, as found in a year column or a file or sheet name.
pub type Year = i32;
