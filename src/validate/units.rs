//! A unit named on the command line (`dti explain "Thanh Hoa"`) → the unit in the data, with
//! the same matching as data rows, or an error with the closest name.

use crate::error::Diagnostic;
use crate::model::panel::{Unit, UnitId};
use crate::model::registry::{Matcher, clean_name, closest, fold};
use crate::model::tree::UnitsKind;

/// Finds a typed unit name among the data's units.
///
/// # Errors
/// A diagnostic naming the closest unit when none matches.
pub fn find_unit(kind: UnitsKind, units: &[Unit], typed: &str) -> Result<UnitId, Diagnostic> {
    let typed = clean_name(typed);
    // A code names one unit even where names repeat (five districts called Châu Thành).
    if let Some(id) = units.iter().position(|u| u.code.as_deref() == Some(typed.as_str())) {
        return Ok(id);
    }
    let same: Vec<&Unit> = units.iter().filter(|u| fold(&u.name) == fold(&typed)).collect();
    if same.len() > 1 {
        let codes: Vec<&str> = same.iter().filter_map(|u| u.code.as_deref()).collect();
        return Err(Diagnostic::error(format!("`{typed}` names {} units", same.len()))
            .help(format!("give the unit's code instead: {}", codes.join(", "))));
    }
    let official = match kind {
        UnitsKind::VnProvinces => Matcher::new().find(&typed).map(|p| p.name.clone()),
        UnitsKind::Free => Some(typed.clone()),
    };
    if let Some(id) = official.as_ref().and_then(|name| units.iter().position(|u| &u.name == name)) {
        return Ok(id);
    }
    // Free text: forgive case and diacritics before giving up.
    if let Some(id) = units.iter().position(|u| fold(&u.name) == fold(&typed)) {
        return Ok(id);
    }
    let names: Vec<&str> = units.iter().map(|u| u.name.as_str()).collect();
    let mut d = Diagnostic::error(match official {
        Some(name) if kind == UnitsKind::VnProvinces => format!("{name} has no data"),
        _ => format!("unknown unit `{typed}`"),
    });
    if let Some(s) = closest(&fold(&typed), names.iter().copied())
        .or_else(|| names.iter().copied().min_by_key(|n| crate::model::registry::distance(&fold(&typed), &fold(n))))
    {
        d = d.help(format!("did you mean `{s}`?"));
    }
    Err(d)
}
