//! One key for the spellings of a Vietnamese word that people write interchangeably: the tone
//! mark on either vowel (`khỏe` / `khoẻ`, `hòa` / `hoà`, `thủy` / `thuỷ`) and a final `i` or
//! `y` after a consonant (`tỉ` / `tỷ`, `lí` / `lý`, `kĩ` / `kỹ`). Both are the 1993 spelling
//! reform and older habits side by side, so a header typed either way names the same column.
//! Pure text: no I/O; used only where an exact header match failed.

use unicode_normalization::UnicodeNormalization;

/// The five tone marks as combining characters (huyền, sắc, hỏi, ngã, nặng).
const TONES: [char; 5] = ['\u{300}', '\u{301}', '\u{309}', '\u{303}', '\u{323}'];

/// `text` (already a `header_key`: lower case, single spaces) with each word's tone mark moved
/// to its end and a final `y` after a consonant written `i`.
#[must_use]
pub fn spelling_key(text: &str) -> String {
    text.split(' ').map(word).collect::<Vec<_>>().join(" ")
}

fn word(w: &str) -> String {
    let mut tone = None;
    let mut base: String = w
        .nfd()
        .filter(|c| {
            let is_tone = TONES.contains(c);
            if is_tone {
                tone = Some(*c);
            }
            !is_tone
        })
        .nfc()
        .collect();
    // `ty`, `ly`, `ky`, `my`, `sy`, … but not `quy` (u + y) or a lone `y`.
    let consonant_y = base.ends_with('y')
        && base.len() > 1
        && !base.ends_with("uy")
        && base[..base.len() - 1].chars().all(|c| !"aăâeêioôơuưy".contains(c));
    if consonant_y {
        base.pop();
        base.push('i');
    }
    if let Some(t) = tone {
        base.push(t);
    }
    base
}

#[cfg(test)]
mod tests {
    use super::spelling_key;

    #[test]
    fn old_and_new_spellings_share_a_key() {
        for (a, b) in [
            ("tỷ lệ", "tỉ lệ"),
            ("sức khỏe", "sức khoẻ"),
            ("hòa bình", "hoà bình"),
            ("thủy sản", "thuỷ sản"),
            ("kỹ năng số", "kĩ năng số"),
            ("quản lý", "quản lí"),
        ] {
            assert_eq!(spelling_key(a), spelling_key(b), "{a} / {b}");
        }
    }

    #[test]
    fn different_words_keep_different_keys() {
        for (a, b) in [("tỷ lệ", "tỉ lẹ"), ("hòa", "hóa"), ("quy", "qui"), ("khoẻ", "khoe"), ("y tế", "i tế")]
        {
            assert_ne!(spelling_key(a), spelling_key(b), "{a} / {b}");
        }
    }
}
