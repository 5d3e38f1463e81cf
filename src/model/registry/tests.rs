//! The registry's names, keys and spellings, checked by hand; `clean_name`'s byte check
//! against the full one.

use super::*;

#[test]
fn the_byte_check_passes_only_names_the_full_check_passes() {
    // The full reading of `clean_name` without the byte check.
    let full = |raw: &str| !raw.chars().any(|c| c != ' ' && c.is_whitespace()) && raw.nfc().collect::<String>() == raw;
    let mut taken = 0;
    let chars: Vec<char> = (0..0x2000u32).filter_map(char::from_u32).collect();
    for (i, &a) in chars.iter().enumerate() {
        // Each character alone, after a letter, and before every 37th character.
        for s in [a.to_string(), format!("x{a}"), format!("{a}{}", chars[(i * 37) % chars.len()])] {
            if plain_nfc(s.as_bytes()) {
                taken += 1;
                assert!(full(&s), "{s:?} (U+{:04X}) passed the byte check only", a as u32);
            }
        }
    }
    // The check takes what it is meant to: most of those characters, and names as written.
    assert!(taken > 2_000, "{taken}");
    for name in ["Xã Số 08805", "Thừa Thiên Huế", "Bà Rịa - Vũng Tàu", "Đắk Lắk", "TP. Hồ Chí Minh", "Ơ ư ỹ"]
    {
        assert!(plain_nfc(name.as_bytes()), "{name}");
    }
    for name in ["a\u{a0}b", "a\tb", "a\u{85}b", "e\u{301}", "a\u{b}b", "Hà\u{3000}Nội"] {
        assert!(!plain_nfc(name.as_bytes()), "{name:?}");
    }
}

#[test]
fn registry_has_63_provinces_with_distinct_keys() {
    let m = Matcher::new();
    assert_eq!(m.provinces().len(), 63);
    let mut by_key = std::collections::HashMap::new();
    for (k, i) in &m.keys {
        if let Some(other) = by_key.insert(k.clone(), *i) {
            assert_eq!(other, *i, "key {k} names two provinces");
        }
    }
    let targets: std::collections::BTreeSet<_> = m.provinces().iter().map(|p| p.merged_into.clone()).collect();
    assert_eq!(targets.len(), 34);
}

#[test]
fn spellings_people_type() {
    let m = Matcher::new();
    let cases = [
        ("Thanh Hoá", "Thanh Hóa"),
        ("thanh hoa", "Thanh Hóa"),
        ("Tỉnh Thanh Hóa", "Thanh Hóa"),
        ("TP.HCM", "TP. Hồ Chí Minh"),
        ("TP HCM", "TP. Hồ Chí Minh"),
        ("Thành phố Hồ Chí Minh", "TP. Hồ Chí Minh"),
        ("TT-Huế", "Thừa Thiên Huế"),
        ("Thừa Thiên - Huế", "Thừa Thiên Huế"),
        ("Thừa Thiên-Huế", "Thừa Thiên Huế"),
        ("BR-VT", "Bà Rịa - Vũng Tàu"),
        ("Bà Rịa-Vũng Tàu", "Bà Rịa - Vũng Tàu"),
        ("TP. Đà Nẵng", "Đà Nẵng"),
        ("Da Nang", "Đà Nẵng"),
        ("Đăk Lăk", "Đắk Lắk"),
        ("  Hà   Nội ", "Hà Nội"),
    ];
    for (typed, official) in cases {
        let found = m.find(typed).map(|p| p.name.as_str());
        assert_eq!(found, Some(official), "{typed}");
    }
    // Decomposed input (NFD) is the same name.
    let nfd: String = "Thanh Hóa".nfd().collect();
    assert_eq!(m.find(&nfd).map(|p| p.code.as_str()), Some("38"));
}

#[test]
fn unknown_names_get_a_suggestion() {
    let m = Matcher::new();
    assert!(m.find("Thanh Hao").is_none());
    assert_eq!(m.suggest("Thanh Hao"), Some("Thanh Hóa"));
    assert_eq!(m.suggest("Quang Nin"), Some("Quảng Ninh"));
    assert_eq!(m.suggest("Atlantis City of Gold"), None);
}

#[test]
fn distance_counts_edits() {
    assert_eq!(distance("kitten", "sitting"), 3);
    assert_eq!(distance("", "abc"), 3);
    assert_eq!(distance("dvc", "dvc"), 0);
    assert_eq!((distance("medain", "median"), distance("medain", "mean")), (1, 2));
}
