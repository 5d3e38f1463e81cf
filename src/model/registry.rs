//! The province registry compiled into the binary (`data/units/provinces.csv`, from
//! `shared/data`), and the name folding used to match the spellings people type. Pure: the CSV
//! is embedded with `include_str!`, nothing is read at run time.

use unicode_normalization::UnicodeNormalization;

/// One of the 63 provinces (before the 2025 merger).
#[derive(Debug, Clone)]
pub struct Province {
    pub code: String,
    pub name: String,
    pub aliases: Vec<String>,
    pub merged_into: String,
}

const REGISTRY_CSV: &str = include_str!("../../data/units/provinces.csv");

/// The embedded registry, parsed. The file ships with the binary and is checked by a unit
/// test, so a malformed row is a build defect, not user input.
#[must_use]
pub fn provinces() -> Vec<Province> {
    let mut out = Vec::new();
    let mut rdr = csv::Reader::from_reader(REGISTRY_CSV.as_bytes());
    for rec in rdr.records().flatten() {
        let field = |i: usize| rec.get(i).unwrap_or("").trim().to_string();
        let mut aliases = vec![field(2)];
        aliases.extend(field(3).split(';').map(|s| s.trim().to_string()).filter(|s| !s.is_empty()));
        out.push(Province { code: field(0), name: field(1), aliases, merged_into: field(4) });
    }
    out
}

/// Trims and NFC-normalises a name as typed, folding runs of white space to one space.
#[must_use]
pub fn clean_name(raw: &str) -> String {
    // A name already NFC with single spaces (as most are) is taken as it is.
    let single = !raw.starts_with(' ') && !raw.ends_with(' ') && !raw.contains("  ");
    if single
        && (plain_nfc(raw.as_bytes())
            || !raw.chars().any(|c| c != ' ' && c.is_whitespace())
                && unicode_normalization::is_nfc_quick(raw.chars()) == unicode_normalization::IsNormalized::Yes)
    {
        return raw.to_string();
    }
    let nfc: String = raw.nfc().collect();
    nfc.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether a name is NFC and holds no white space but `' '`, from its bytes alone: every
/// character below U+0300 and every one of Latin Extended Additional (U+1E00–U+1EFF, where
/// Vietnamese letters with two marks live: `ầ`, `ở`) is its own normal form and combines with
/// nothing before it. A name of anything else (a combining mark, another script) is `false`,
/// and the full check decides. Every unit name of a data file goes through `clean_name`, and
/// the full check cost some 1,300 instructions a name.
fn plain_nfc(b: &[u8]) -> bool {
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        i += match c {
            b' ' => 1,
            0x00..=0x7f if !c.is_ascii_whitespace() && c != 0x0b => 1,
            // U+0080–U+02FF, but NEL (U+0085) and no-break space (U+00A0).
            0xc2..=0xcb if !(c == 0xc2 && matches!(b.get(i + 1), Some(0x85 | 0xa0))) => 2,
            // U+1E00–U+1EFF: E1 B8 80 … E1 BB BF.
            0xe1 if matches!(b.get(i + 1), Some(0xb8..=0xbb)) => 3,
            _ => return false,
        };
    }
    true
}

/// The matching key of a name: lower case, no diacritics (đ → d), no administrative prefix
/// (`TP.`, `Thành phố`, `Tỉnh`), no spaces, hyphens or dots. `Thanh Hoá`, `thanh hoa` and
/// `Tỉnh Thanh Hóa` all fold to `thanhhoa`.
#[must_use]
pub fn fold(raw: &str) -> String {
    let base: String = unmarked(raw).chars().flat_map(char::to_lowercase).collect();
    let mut words: Vec<&str> = base.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    match words.as_slice() {
        ["thanh", "pho", _, ..] => {
            words.drain(..2);
        }
        ["tp" | "tinh", _, ..] => {
            words.remove(0);
        }
        _ => {}
    }
    words.concat()
}

/// The words of a name in lower-case ASCII, for file names: `Bà Rịa - Vũng Tàu` →
/// `["ba", "ria", "vung", "tau"]`.
#[must_use]
pub fn ascii_words(raw: &str) -> Vec<String> {
    let base = unmarked(raw);
    base.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_string).collect()
}

/// A name without tone and vowel marks, `đ` as `d`, ASCII letters in lower case.
fn unmarked(raw: &str) -> String {
    raw.nfd()
        .filter(|c| !is_combining(*c))
        .map(|c| match c {
            'đ' | 'Đ' => 'd',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

fn is_combining(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}')
}

/// Levenshtein distance in characters, for "did you mean" suggestions.
#[must_use]
pub fn distance(a: &str, b: &str) -> usize {
    // Optimal string alignment: Levenshtein plus a swap of two neighbours as one edit, the typo
    // people make most (`medain` is one edit from `median`, two from `mean`).
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[i - 1][j] + 1).min(d[i][j - 1] + 1).min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = v;
        }
    }
    d[a.len()][b.len()]
}

/// The candidate closest to `word`, if it is close enough to be a plausible typo.
#[must_use]
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let n = word.chars().count();
    let limit = (n / 3).max(2);
    candidates
        .into_iter()
        // Far longer or shorter candidates cannot be within the limit; skip the quadratic work.
        .filter(|c| !c.is_empty() && c.len().abs_diff(word.len()) <= 4 * limit + 4 * n)
        .map(|c| (distance(&word.to_lowercase(), &c.to_lowercase()), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, c)| (*d, *c))
        .map(|(_, c)| c)
}

/// Matches typed names to provinces by their folded keys.
#[derive(Debug)]
pub struct Matcher {
    provinces: Vec<Province>,
    keys: Vec<(String, usize)>,
}

impl Matcher {
    #[must_use]
    pub fn new() -> Self {
        let provinces = provinces();
        let mut keys = Vec::new();
        for (i, p) in provinces.iter().enumerate() {
            for name in std::iter::once(&p.name).chain(&p.aliases) {
                keys.push((fold(name), i));
            }
        }
        keys.sort();
        keys.dedup();
        Self { provinces, keys }
    }

    #[must_use]
    pub fn provinces(&self) -> &[Province] {
        &self.provinces
    }

    /// The province a typed name denotes, if any.
    #[must_use]
    pub fn find(&self, typed: &str) -> Option<&Province> {
        let key = fold(typed);
        self.keys.binary_search_by(|(k, _)| k.as_str().cmp(&key)).ok().map(|i| &self.provinces[self.keys[i].1])
    }

    /// The official name closest to an unknown typed name.
    #[must_use]
    pub fn suggest(&self, typed: &str) -> Option<&str> {
        let key = fold(typed);
        self.keys
            .iter()
            .map(|(k, i)| (distance(&key, k), *i))
            .min()
            .filter(|(d, _)| *d <= (key.len() / 2).max(2))
            .map(|(_, i)| self.provinces[i].name.as_str())
    }
}

impl Default for Matcher {
    fn default() -> Self {
        Self::new()
    }
}

/// A sort key that orders Vietnamese names by their base letters first, so that ties in
/// rank list `Đà Nẵng` near `Đắk Lắk` rather than after `Yên Bái`; the full name breaks ties.
#[must_use]
pub fn collation_key(name: &str) -> (String, String) {
    let base: String = name
        .nfd()
        .filter(|c| !is_combining(*c))
        .map(|c| match c {
            'đ' => 'd',
            'Đ' => 'D',
            c => c,
        })
        .flat_map(char::to_lowercase)
        .collect();
    (base, name.to_string())
}

#[cfg(test)]
mod tests;
