use super::*;
use proptest::prelude::*;

/// Every record's fields and where it begins, as the splitter reads `bytes`.
fn split(bytes: &[u8], delimiter: u8, chunk: usize) -> Vec<(u64, Vec<Vec<u8>>)> {
    let mut s = Splitter::with_chunk(bytes, delimiter, chunk);
    let mut out = Vec::new();
    while let Some(at) = s.advance().expect("reading memory") {
        let r = s.record();
        out.push((at, r.bounds.iter().map(|&(a, b)| r.bytes[a..b].to_vec()).collect()));
    }
    out
}

/// Every record's fields as the `csv` crate reads them (with its default settings).
fn csv_crate(bytes: &[u8], delimiter: u8) -> Vec<Vec<Vec<u8>>> {
    let mut r = ::csv::ReaderBuilder::new().delimiter(delimiter).has_headers(false).flexible(true).from_reader(bytes);
    r.byte_records().map(|rec| rec.expect("memory").iter().map(<[u8]>::to_vec).collect()).collect()
}

fn fields(recs: &[(u64, Vec<Vec<u8>>)]) -> Vec<Vec<Vec<u8>>> {
    recs.iter().map(|(_, f)| f.clone()).collect()
}

#[test]
fn files_as_programs_write_them() {
    let cases: &[&[u8]] = &[
        b"a,b\r\n1,2\r\n",
        b"a,b\r1,2\r",
        b"\xEF\xBB\xBFunit,x\n\n\nHa Noi,1.5\nlast,2",
        b"a,\"b,c\",d\n\"multi\nline\",\"q\"\"q\"\r\n1,2",
        b"a,b\n\"open at the end",
        b"x,ab\"c,d\n,,\n  \n",
        b"\"quoted last line\",1",
        b"",
        b"\n\r\n",
        b"a;\"1,5\";2\n",
        b"\"1,006.0\",\"\",x,\"2\"\r\n\"a\"b,c\n\"a\"\"b\",c\n,\"1,5\",\n\"open,\n",
    ];
    for &bytes in cases {
        for delimiter in [b',', b';'] {
            let want = csv_crate(bytes, delimiter);
            for chunk in [1, 2, 3, 7, 1 << 17] {
                assert_eq!(
                    fields(&split(bytes, delimiter, chunk)),
                    want,
                    "{:?} chunk {chunk}",
                    String::from_utf8_lossy(bytes)
                );
            }
        }
    }
    // Where records begin: past the mark, the blank lines and the `\n` of a `\r\n`.
    let at: Vec<u64> = split(b"\xEF\xBB\xBFa,b\r\n\r\n1,2\n\"x\ny\",3\nz", b',', 4).iter().map(|r| r.0).collect();
    assert_eq!(at, [3, 10, 14, 22]);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]
    /// Any bytes made of what CSV files hold split as the `csv` crate splits them, with
    /// records crossing the buffer's end anywhere.
    #[test]
    fn the_same_records_as_the_csv_crate(
        picks in proptest::collection::vec(0usize..12, 0..80),
        chunk in 1usize..9,
        semicolon in any::<bool>(),
    ) {
        const ALPHABET: [&[u8]; 12] =
            [b"a", b"1.5", b",", b";", b"\"", b"\n", b"\r", b" ", b"\xEF\xBB\xBF", b"\xC3\xA3", b"\"1,006.0\"", b"\"\""];
        let bytes: Vec<u8> = picks.iter().flat_map(|&i| ALPHABET[i].iter().copied()).collect();
        let delimiter = if semicolon { b';' } else { b',' };
        prop_assert_eq!(fields(&split(&bytes, delimiter, chunk)), csv_crate(&bytes, delimiter));
    }
}
