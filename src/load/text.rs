//! Text files as the programs that wrote them left them → UTF-8 with `\n` line breaks: the
//! encoding found (UTF-8 with or without BOM, UTF-16 with BOM, Windows-1258) or forced, and
//! `\r\n` / `\r` line endings read as `\n`. Knows nothing of delimiters or tables.

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1258};
use std::io::Read;
use unicode_normalization::UnicodeNormalization;

/// Passes bytes through and notes where each line starts, whichever line ending the program
/// that wrote them used (`\n`, `\r\n`, a lone `\r`). The CSV reader takes all three as record
/// ends but skips empty lines without counting them: rows are numbered here, as an editor
/// shows them.
pub(crate) struct LineCounter<R> {
    inner: R,
    /// Bytes passed so far.
    pos: u64,
    /// Where each line starts (the first at 0), and where its line end begins (`u64::MAX`
    /// while it has none): a line that ends where it starts is empty.
    starts: Vec<u64>,
    ends: Vec<u64>,
    /// Where the last `\r` was, to take a `\n` right after it as the same line end.
    last_cr: Option<u64>,
}

impl<R: Read> LineCounter<R> {
    pub(crate) fn new(inner: R) -> Self {
        LineCounter { inner, pos: 0, starts: vec![0], ends: vec![u64::MAX], last_cr: None }
    }
}

impl<R: Read> Read for LineCounter<R> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(out)?;
        for i in memchr::memchr2_iter(b'\n', b'\r', &out[..n]) {
            let p = self.pos + i as u64;
            if out[i] == b'\n' && self.last_cr.is_some_and(|cr| cr + 1 == p) {
                if let Some(start) = self.starts.last_mut() {
                    *start = p + 1;
                }
                self.last_cr = None;
                continue;
            }
            if let Some(end) = self.ends.last_mut() {
                *end = p;
            }
            self.starts.push(p + 1);
            self.ends.push(u64::MAX);
            self.last_cr = (out[i] == b'\r').then_some(p);
        }
        self.pos += n as u64;
        Ok(n)
    }
}

impl<R> LineCounter<R> {
    /// How many line breaks have passed (a `\r\n` is one).
    pub(crate) fn breaks(&self) -> u64 {
        self.starts.len() as u64 - 1
    }

    /// How many bytes have passed.
    pub(crate) fn read_so_far(&self) -> u64 {
        self.pos
    }

    /// The line (1-based) of a record the CSV reader says begins at byte `offset`: it may
    /// count from the line end before the record (the `\n` of a `\r\n`) or from empty lines
    /// it skipped, so those are passed over here.
    pub(crate) fn line_of(&self, offset: u64) -> u64 {
        let mut j = self.starts.partition_point(|&s| s <= offset).saturating_sub(1);
        if self.ends.get(j).is_some_and(|&e| offset >= e) {
            j += 1;
        }
        while j + 1 < self.starts.len() && self.ends.get(j) == self.starts.get(j) {
            j += 1;
        }
        j as u64 + 1
    }
}

/// `\r\n` and `\r` as `\n` in text held whole.
#[must_use]
pub(crate) fn unify_line_endings(text: &str) -> String {
    if text.contains('\r') { text.replace("\r\n", "\n").replace('\r', "\n") } else { text.to_string() }
}

/// An encoding by the name a user gives it (`utf-8`, `utf-16le`, `windows-1258`, `cp1258`…).
#[must_use]
pub fn encoding_by_name(name: &str) -> Option<&'static Encoding> {
    let n = name.trim().to_ascii_lowercase();
    match n.as_str() {
        "utf-16" | "utf16" | "unicode" => Some(UTF_16LE),
        "cp1258" | "windows1258" | "1258" => Some(WINDOWS_1258),
        "utf8" => Some(UTF_8),
        _ => Encoding::for_label(n.as_bytes()),
    }
}

/// The encoding a byte-order mark announces, and the mark's length.
#[must_use]
pub(crate) fn bom(bytes: &[u8]) -> Option<(&'static Encoding, usize)> {
    Encoding::for_bom(bytes)
}

/// Characters of Vietnamese text in Windows-1258: ASCII, the letters of the Vietnamese
/// alphabet (precomposed or as a base letter and a combining tone mark), and common
/// punctuation. Anything else means the bytes were some other legacy code page (TCVN3, VNI),
/// where the same bytes decode to symbols such as `µ` or `¸`.
fn vietnamese(c: char) -> bool {
    const LETTERS: &str = "àáâãèéêìíòóôõùúýăđĩũơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ";
    c.is_ascii()
        || matches!(c, '\u{300}' | '\u{301}' | '\u{303}' | '\u{309}' | '\u{323}')
        || matches!(
            c,
            '\u{a0}'
                | '–'
                | '—'
                | '‘'
                | '’'
                | '“'
                | '”'
                | '…'
                | '°'
                | '±'
                | '²'
                | '³'
                | '×'
                | '•'
                | '€'
                | '№'
        )
        || c.to_lowercase().all(|l| LETTERS.contains(l))
}

/// What the bytes of a text file were read as.
pub(crate) struct Decoded {
    pub text: String,
    /// The encoding used, for the note on stderr (`None` for plain UTF-8).
    pub encoding: Option<&'static str>,
}

/// Why bytes could not be decoded: a message and what to do.
pub(crate) struct Undecodable {
    pub message: String,
    pub help: &'static str,
}

/// Decodes a whole text file: `forced`, else by its byte-order mark, else UTF-8, else
/// Windows-1258 when every character it gives is Vietnamese. The text comes out NFC, with
/// `\n` line breaks and without a byte-order mark.
///
/// # Errors
/// What the bytes most likely are, when none of these reads them.
pub(crate) fn decode(bytes: &[u8], forced: Option<&'static Encoding>) -> Result<Decoded, Undecodable> {
    let (encoding, skip) = match (forced, bom(bytes)) {
        (Some(e), Some((b, n))) if e == b || (e == UTF_16LE && b == UTF_16BE) => (b, n),
        (Some(e), _) => (e, 0),
        (None, Some((b, n))) => (b, n),
        (None, None) => match std::str::from_utf8(bytes) {
            Ok(_) => (UTF_8, 0),
            Err(e) => {
                let (text, _, bad) = WINDOWS_1258.decode(bytes);
                if !bad && !utf16_without_bom(bytes) && text.chars().all(vietnamese) {
                    (WINDOWS_1258, 0)
                } else {
                    return Err(Undecodable {
                        message: format!("{} (invalid UTF-8 at byte {})", guess_encoding(bytes), e.valid_up_to()),
                        help: "save it as UTF-8 (Excel: \"CSV UTF-8 (Comma delimited)\"; LibreOffice: character set \
                               Unicode (UTF-8)), or name its encoding with --encoding",
                    });
                }
            }
        },
    };
    let body = &bytes[skip..];
    let (text, had_errors) = encoding.decode_without_bom_handling(body);
    if had_errors {
        let message = if encoding == UTF_8 {
            format!("it is not valid UTF-8: {}", guess_encoding(body))
        } else {
            format!("it is not valid {}", encoding.name())
        };
        return Err(Undecodable {
            message,
            help: "check the encoding named with --encoding, or save the file as UTF-8",
        });
    }
    let text = unify_line_endings(&text);
    let text = if encoding == UTF_8 { text } else { text.nfc().collect() };
    let name = match encoding.name() {
        "UTF-8" => None,
        "UTF-16LE" if skip > 0 => Some("UTF-16 (little-endian, with byte-order mark)"),
        "UTF-16BE" if skip > 0 => Some("UTF-16 (big-endian, with byte-order mark)"),
        "windows-1258" => Some("Windows-1258 (Vietnamese), tone marks composed to NFC"),
        other => Some(other),
    };
    Ok(Decoded { text, encoding: name })
}

fn utf16_without_bom(bytes: &[u8]) -> bool {
    let zeros = |skip: usize| bytes.iter().skip(skip).step_by(2).take(64).filter(|&&b| b == 0).count();
    zeros(0) > 8 || zeros(1) > 8
}

/// What a file that could not be decoded most likely is.
#[must_use]
pub fn guess_encoding(bytes: &[u8]) -> &'static str {
    if utf16_without_bom(bytes) {
        "it looks like UTF-16 without a byte-order mark"
    } else {
        "it looks like a legacy code page other than Windows-1258, such as TCVN3 (ABC) or VNI"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A reader that hands out `chunk` bytes at a time, to cross every buffer boundary.
    struct Trickle<'a>(&'a [u8], usize);
    impl Read for Trickle<'_> {
        fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
            let n = self.1.min(self.0.len()).min(out.len());
            out[..n].copy_from_slice(&self.0[..n]);
            self.0 = &self.0[n..];
            Ok(n)
        }
    }

    /// The line of each offset, after reading `input` `chunk` bytes at a time.
    fn lines(input: &[u8], chunk: usize, offsets: &[u64]) -> Vec<u64> {
        let mut c = LineCounter::new(Trickle(input, chunk));
        std::io::copy(&mut c, &mut std::io::sink()).expect("reads");
        offsets.iter().map(|&o| c.line_of(o)).collect()
    }

    #[test]
    fn lines_are_counted_whatever_ends_them() {
        for chunk in [1, 2, 3, 1000] {
            // "a", "b", "", "c": the record `c` starts at the empty line the reader skipped.
            assert_eq!(lines(b"a\nb\n\nc", chunk, &[0, 2, 4, 5]), [1, 2, 4, 4]);
            assert_eq!(lines(b"a\r\nb\r\n\r\nc", chunk, &[0, 3, 6, 8]), [1, 2, 4, 4]);
            assert_eq!(lines(b"a\rb\r\rc", chunk, &[0, 2, 4, 5]), [1, 2, 4, 4]);
            assert_eq!(lines(b"a\n\rb", chunk, &[3]), [3]);
            // The reader may also count a record from the `\n` of the `\r\n` before it.
            assert_eq!(lines(b"a\r\nb\r\n\r\nc", chunk, &[2, 5, 7]), [2, 4, 4]);
        }
    }

    #[test]
    fn encodings_are_read_and_named() {
        let utf16: Vec<u8> =
            [0xFF, 0xFE].into_iter().chain("Hà Nội\t1\r\n".encode_utf16().flat_map(u16::to_le_bytes)).collect();
        let d = decode(&utf16, None).ok().expect("utf-16");
        assert_eq!((d.text.as_str(), d.encoding.is_some_and(|e| e.contains("UTF-16"))), ("Hà Nội\t1\n", true));
        // Windows-1258 writes ộ as ô (0xF4) and a combining dot below (0xF2).
        let cp = b"H\xe0 N\xf4\xf2i,1\n";
        let d = decode(cp, None).ok().expect("1258");
        assert_eq!(d.text, "Hà Nội,1\n");
        assert!(d.encoding.is_some_and(|e| e.contains("1258")));
        // TCVN3 bytes decode in 1258 to symbols that no Vietnamese word has: refused.
        let e = decode(b"H\xb5 N\xe9i,1\n", None).err().expect("tcvn3");
        assert!(e.message.contains("TCVN3"), "{}", e.message);
        assert!(decode(b"a,b\n", None).ok().expect("utf-8").encoding.is_none());
        assert_eq!(encoding_by_name("cp1258"), Some(WINDOWS_1258));
        assert_eq!(decode(b"caf\xe9\n", encoding_by_name("latin1")).ok().expect("forced").text, "café\n");
    }
}
