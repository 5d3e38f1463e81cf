//! Text files as the programs that wrote them left them → UTF-8 with `\n` line breaks: the
//! encoding found (UTF-8 with or without BOM, UTF-16 with BOM, Windows-1258) or forced, and
//! `\r\n` / `\r` line endings read as `\n`. Knows nothing of delimiters or tables.

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1258};
use std::io::Read;
use unicode_normalization::UnicodeNormalization;

/// Reads `\r\n` and a lone `\r` (old Mac) as `\n`, streaming: the CSV reader then numbers
/// lines the way an editor does, whichever program wrote the file.
pub(crate) struct LineEndings<R> {
    inner: R,
    buf: Box<[u8]>,
    start: usize,
    end: usize,
    /// The last byte handed out was a `\r` (now a `\n`): a `\n` right after it is dropped.
    after_cr: bool,
    /// Bytes handed out so far, and the offset of every `\n` among them: the CSV reader skips
    /// empty lines without counting them, and rows are numbered as an editor shows them.
    out: u64,
    pub(crate) newlines: Vec<u64>,
}

impl<R: Read> LineEndings<R> {
    pub(crate) fn new(inner: R) -> Self {
        LineEndings {
            inner,
            buf: vec![0; 1 << 16].into_boxed_slice(),
            start: 0,
            end: 0,
            after_cr: false,
            out: 0,
            newlines: Vec::new(),
        }
    }
}

impl<R: Read> Read for LineEndings<R> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        if out.is_empty() {
            return Ok(0);
        }
        let mut n = 0;
        while n == 0 {
            if self.start == self.end {
                self.start = 0;
                self.end = self.inner.read(&mut self.buf)?;
                if self.end == 0 {
                    return Ok(0);
                }
            }
            while self.start < self.end && n < out.len() {
                let b = self.buf[self.start];
                self.start += 1;
                match b {
                    b'\n' if self.after_cr => self.after_cr = false,
                    b'\r' | b'\n' => {
                        self.after_cr = b == b'\r';
                        self.newlines.push(self.out + n as u64);
                        out[n] = b'\n';
                        n += 1;
                    }
                    _ => {
                        self.after_cr = false;
                        out[n] = b;
                        n += 1;
                    }
                }
            }
        }
        self.out += n as u64;
        Ok(n)
    }
}

impl<R> LineEndings<R> {
    /// The line (1-based) of a record the CSV reader says begins at byte `offset`: it counts
    /// from before the empty lines it skipped, so those are passed over here.
    pub(crate) fn line_of(&self, offset: u64) -> u64 {
        let mut j = self.newlines.partition_point(|&nl| nl < offset);
        let mut at = offset;
        while self.newlines.get(j) == Some(&at) {
            (j, at) = (j + 1, at + 1);
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

    fn unified(input: &[u8], chunk: usize) -> Vec<u8> {
        // A reader that hands out `chunk` bytes at a time, to cross every buffer boundary.
        struct Trickle<'a>(&'a [u8], usize);
        impl Read for Trickle<'_> {
            fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
                let n = self.1.min(self.0.len()).min(out.len());
                out[..n].copy_from_slice(&self.0[..n]);
                self.0 = &self.0[n..];
                Ok(n)
            }
        }
        let mut out = Vec::new();
        LineEndings::new(Trickle(input, chunk)).read_to_end(&mut out).expect("reads");
        out
    }

    #[test]
    fn every_line_ending_becomes_one_newline() {
        for chunk in [1, 2, 3, 1000] {
            assert_eq!(unified(b"a\r\nb\rc\nd\r\n\r\ne", chunk), b"a\nb\nc\nd\n\ne");
            assert_eq!(unified(b"\r\r\n\n", chunk), b"\n\n\n");
            assert_eq!(unified(b"x\r", chunk), b"x\n");
        }
        assert_eq!(unify_line_endings("a\r\nb\rc\n"), "a\nb\nc\n");
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
