//! Numbers and values as people read them: scores to the published decimals, signed changes,
//! the Vietnamese decimal comma, yes/no in words. Every renderer for people formats through
//! here; CSV and JSON never do.

use super::Lang;

/// A score to `d` decimals, or `–` when missing.
pub(crate) fn fixed(x: Option<f64>, d: usize, lang: Lang) -> String {
    x.map_or_else(|| "–".to_string(), |v| local(format!("{v:.d$}"), lang))
}

/// A number written for readers of `lang`: Vietnamese puts a comma where English puts the
/// decimal point (`0,7762`). Only text for people goes through here; CSV and JSON keep `.`.
pub(crate) fn local(number: String, lang: Lang) -> String {
    if lang == Lang::Vi { number.replace('.', ",") } else { number }
}

/// A raw value for people: as read (`36.3`, `54.858`, `1006`) when its shortest form has at
/// most 6 decimals; a computed one (a ratio, an imputed mean, a treated value) to 6
/// significant digits, trailing zeros dropped (`768.505`, not `768.5049019607843`; `1.59625`,
/// not `1.5962500000000002`). In English notation; `local` makes it Vietnamese.
pub(crate) fn raw(x: f64) -> String {
    let shortest = format!("{x}");
    let decimals = shortest.split_once('.').map_or(0, |(_, f)| f.len());
    if decimals <= 6 || !x.is_finite() || x == 0.0 {
        return shortest;
    }
    let magnitude = x.abs().log10().floor() as i32;
    let places = usize::try_from((5 - magnitude).max(0)).unwrap_or(0);
    let s = format!("{x:.places$}");
    if s.contains('.') { s.trim_end_matches('0').trim_end_matches('.').to_string() } else { s }
}

/// A yes/no indicator's raw value as the data say it (`có`/`không`, `yes`/`no`), not as the
/// 1 or 0 it is stored as; `None` for any other indicator, and for a value that is neither 0
/// nor 1 (an imputed mean of có/không, 0.667, is shown as the number it is, not as "yes").
pub(crate) fn yes_no(node: &crate::model::tree::Node, x: f64, en: bool) -> Option<&'static str> {
    if x != 0.0 && x != 1.0 {
        return None;
    }
    matches!(node.indicator()?.normalize, crate::model::tree::Normalize::Bool).then_some(match (x != 0.0, en) {
        (true, false) => "có",
        (false, false) => "không",
        (true, true) => "yes",
        (false, true) => "no",
    })
}

/// A change to `d` decimals with its sign; one that rounds to nothing is shown unsigned, since
/// `-0.0000` would read as a fall.
pub(crate) fn signed(x: Option<f64>, d: usize, lang: Lang) -> String {
    x.map_or_else(String::new, |v| {
        let s = format!("{v:+.d$}");
        local(
            if s.trim_start_matches(['+', '-']).chars().all(|c| c == '0' || c == '.') { s[1..].to_string() } else { s },
            lang,
        )
    })
}

#[cfg(test)]
mod raw_tests {
    #[test]
    fn raw_values_as_read_and_computed_ones_to_six_significant_digits() {
        for (x, shown) in [
            (36.3, "36.3"),
            (54.858, "54.858"),
            (1006.0, "1006"),
            (768.504_901_960_784_3, "768.505"),
            (1.596_250_000_000_000_2, "1.59625"),
            (0.000_993_289_240_981_660_5, "0.000993289"),
            (-2.000_000_000_000_000_4, "-2"),
        ] {
            assert_eq!(super::raw(x), shown, "{x}");
        }
    }
}
