//! `Cx`: the context every spec check writes to — the TOML text and its file name (to place a
//! message at `file:line:col`) and the diagnostics found so far. A room of its own so that the
//! spec builder and its helpers (`children`, `method`, `graph`, …) all depend on it and not on
//! each other.

use crate::error::{Diagnostic, text_place};
use crate::model::registry::closest;
use crate::model::spec::S;

pub(super) struct Cx<'a> {
    pub source: &'a str,
    pub path: &'a str,
    pub diags: Vec<Diagnostic>,
}

impl Cx<'_> {
    pub fn err<T>(&mut self, at: &S<T>, msg: impl Into<String>, help: Option<String>) {
        let mut d = Diagnostic::error(msg).at(text_place(self.path, self.source, at.span()));
        d.help = help;
        self.diags.push(d);
    }

    /// Parses a keyword from a fixed list, reporting an unknown one with a suggestion.
    pub fn keyword<T: Copy>(&mut self, v: &S<String>, what: &str, options: &[(&str, T)]) -> Option<T> {
        let found = options.iter().find(|(k, _)| k == v.get_ref()).map(|(_, t)| *t);
        if found.is_none() {
            let names: Vec<&str> = options.iter().map(|(k, _)| *k).collect();
            let help = closest(v.get_ref(), names.iter().copied())
                .map_or_else(|| format!("expected one of: {}", names.join(", ")), |s| format!("did you mean `{s}`?"));
            self.err(v, format!("unknown {what} `{}`", v.get_ref()), Some(help));
        }
        found
    }
}
