//! CSV records split out of a byte stream, as the `csv` crate splits them (RFC 4180 quotes,
//! `\r`, `\n` or `\r\n` line ends, blank lines skipped, a byte-order mark at the start
//! dropped), but faster where it can be: a line that holds no quote — what machines write —
//! is split at its delimiters directly (`memchr`), and only a record whose first line holds a
//! quote is handed to `csv_core`, the `csv` crate's own parser. Knows bytes and fields;
//! nothing about what they mean, nor about encodings (the caller checks UTF-8).

use memchr::{memchr, memchr2};
use std::io::Read;

/// Bytes read from the stream at a time (the buffer grows for a longer record).
const CHUNK: usize = 1 << 16;

/// The records of a stream, one at a time: `advance` moves to the next, `record` lends it.
pub(in crate::load) struct Splitter<R> {
    inner: R,
    buf: Vec<u8>,
    /// The unread bytes are `buf[start..end]`; `buf[0]` is byte `base` of the stream.
    start: usize,
    end: usize,
    base: u64,
    eof: bool,
    delimiter: u8,
    /// The stream begins a file (a byte-order mark there is dropped), not in its middle.
    fresh: bool,
    /// A quoted record ran to the end of the stream without ending: when the stream is the
    /// first part of a file, the record may go on in the next part.
    cut: bool,
    core: csv_core::Reader,
    /// The current record: its bytes (a line of `buf`, or `csv_core`'s output) and each
    /// field's bounds in them.
    quoted: bool,
    line: (usize, usize),
    out: Vec<u8>,
    out_len: usize,
    bounds: Vec<(usize, usize)>,
    ends: Vec<usize>,
}

/// One record: its bytes and each field's bounds in them.
pub(in crate::load) struct Record<'a> {
    pub(in crate::load) bytes: &'a [u8],
    pub(in crate::load) bounds: &'a [(usize, usize)],
    /// The bytes are the line as written, each field followed by the delimiter (else they are
    /// the fields alone, unquoted).
    pub(in crate::load) delimited: bool,
}

impl<R: Read> Splitter<R> {
    pub(in crate::load) fn new(inner: R, delimiter: u8) -> Self {
        Self::with_chunk(inner, delimiter, CHUNK)
    }

    /// As `new`, reading `chunk` bytes at a time (tests use tiny ones, so that records cross
    /// the buffer's end).
    fn with_chunk(inner: R, delimiter: u8, chunk: usize) -> Self {
        let mut core = csv_core::ReaderBuilder::new().delimiter(delimiter).build();
        // `csv_core` drops a byte-order mark only before the first record it reads; here it
        // reads only some records, so it is shown one first (the stream's own mark is dropped
        // below, as the `csv` crate does).
        let (mut out, mut ends) = ([0u8; 4], [0usize; 4]);
        let _ = core.read_record(b"x\n", &mut out, &mut ends);
        Splitter {
            inner,
            buf: vec![0; chunk.max(1)],
            start: 0,
            end: 0,
            base: 0,
            eof: false,
            delimiter,
            fresh: true,
            cut: false,
            core,
            quoted: false,
            line: (0, 0),
            out: vec![0; 1024],
            out_len: 0,
            bounds: Vec::new(),
            ends: vec![0; 64],
        }
    }

    /// As `new`, for a stream that begins in the middle of a file, at a record's start.
    pub(in crate::load) fn resume(inner: R, delimiter: u8) -> Self {
        Splitter { fresh: false, ..Self::new(inner, delimiter) }
    }

    /// Whether a quoted record ran to the stream's end without ending.
    pub(in crate::load) fn cut(&self) -> bool {
        self.cut
    }

    pub(in crate::load) fn get_ref(&self) -> &R {
        &self.inner
    }

    /// The record `advance` moved to.
    pub(in crate::load) fn record(&self) -> Record<'_> {
        let bytes = if self.quoted { &self.out[..self.out_len] } else { &self.buf[self.line.0..self.line.1] };
        Record { bytes, bounds: &self.bounds, delimited: !self.quoted }
    }

    /// Reads more of the stream, keeping `buf[start..end]`; `false` at its end.
    fn fill(&mut self) -> std::io::Result<bool> {
        if self.eof {
            return Ok(false);
        }
        if self.start > 0 {
            self.buf.copy_within(self.start..self.end, 0);
            self.base += self.start as u64;
            self.end -= self.start;
            self.start = 0;
        }
        if self.end == self.buf.len() {
            self.buf.resize(self.buf.len() * 2, 0);
        }
        loop {
            match self.inner.read(&mut self.buf[self.end..]) {
                Ok(0) => {
                    self.eof = true;
                    return Ok(false);
                }
                Ok(n) => {
                    self.end += n;
                    return Ok(true);
                }
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
    }

    /// Moves to the next record: the byte of the stream it begins at, or `None` at the end.
    ///
    /// # Errors
    /// The stream's read errors.
    pub(in crate::load) fn advance(&mut self) -> std::io::Result<Option<u64>> {
        if self.fresh && self.base == 0 && self.start == 0 {
            while self.end < 3 && self.fill()? {}
            if self.buf[..self.end].starts_with(b"\xEF\xBB\xBF") {
                self.start = 3;
            }
        }
        // Blank lines (and the `\n` of a `\r\n`) between records are no records.
        loop {
            while self.start < self.end && matches!(self.buf[self.start], b'\n' | b'\r') {
                self.start += 1;
            }
            if self.start < self.end {
                break;
            }
            if !self.fill()? {
                return Ok(None);
            }
        }
        let line_end = loop {
            if let Some(i) = memchr2(b'\n', b'\r', &self.buf[self.start..self.end]) {
                break self.start + i;
            }
            let from = self.end - self.start;
            if !self.fill()? {
                break self.end;
            }
            // Only the new bytes need looking at.
            if let Some(i) = memchr2(b'\n', b'\r', &self.buf[self.start + from..self.end]) {
                break self.start + from + i;
            }
        };
        let at = self.base + self.start as u64;
        if memchr(b'"', &self.buf[self.start..line_end]).is_none() {
            self.split_line(line_end);
        } else if !self.split_quoted_line(line_end) {
            self.read_quoted()?;
        }
        Ok(Some(at))
    }

    /// The record is the line `buf[start..end]`, split at each delimiter.
    fn split_line(&mut self, end: usize) {
        self.bounds.clear();
        fields_from(&self.buf[self.start..end], 0, self.delimiter, &mut self.bounds);
        self.quoted = false;
        self.line = (self.start, end);
        self.start = end;
    }

    /// The record is the line `buf[start..end]`, whose quotes only enclose whole fields
    /// (`"1,006.0"`, as spreadsheets export a number with thousands): split at the delimiters
    /// outside them, each quoted field without its quotes. `false`, and nothing taken, for
    /// anything else — a doubled quote, a quote inside a field, text after a closing quote, a
    /// quote left open at the line's end — which `csv_core` reads.
    fn split_quoted_line(&mut self, end: usize) -> bool {
        let line = &self.buf[self.start..end];
        self.bounds.clear();
        // Byte by byte: fields are too short for `memchr`'s setup to pay.
        let find = |from: usize, stop: u8, bad: u8| -> Result<usize, ()> {
            for (i, &c) in line.iter().enumerate().skip(from) {
                if c == stop {
                    return Ok(i);
                }
                if c == bad {
                    return Err(());
                }
            }
            Ok(line.len())
        };
        // Past the last quote the line is split as one without quotes (R's `write.csv2` quotes
        // the names at the start of a line, then writes numbers).
        let last_quote = memchr::memrchr(b'"', line).unwrap_or(0);
        let mut from = 0;
        loop {
            if from > last_quote {
                fields_from(line, from, self.delimiter, &mut self.bounds);
                break;
            }
            let field = if line.get(from) == Some(&b'"') {
                let close = find(from + 1, b'"', b'"').unwrap_or(line.len());
                if close == line.len() || (close + 1 < line.len() && line[close + 1] != self.delimiter) {
                    return false;
                }
                (from + 1, close, close + 1)
            } else {
                let Ok(stop) = find(from, self.delimiter, b'"') else { return false };
                (from, stop, stop)
            };
            self.bounds.push((field.0, field.1));
            if field.2 >= line.len() {
                break;
            }
            from = field.2 + 1;
            if from == line.len() {
                // A delimiter ends the line: one more field, empty.
                self.bounds.push((from, from));
                break;
            }
        }
        self.quoted = false;
        self.line = (self.start, end);
        self.start = end;
        true
    }

    /// The record begins with a line holding a quote: `csv_core` reads it, over as many lines
    /// as its quotes span.
    fn read_quoted(&mut self) -> std::io::Result<()> {
        use csv_core::ReadRecordResult as R;
        let (mut nout, mut nend) = (0, 0);
        loop {
            // At the end of the stream the input is empty, which tells `csv_core` so: it then
            // ends the record (a last line without a line end).
            let input = &self.buf[self.start..self.end];
            let (res, i, o, e) = self.core.read_record(input, &mut self.out[nout..], &mut self.ends[nend..]);
            self.start += i;
            nout += o;
            nend += e;
            match res {
                R::InputEmpty => {
                    if !self.fill()? {
                        self.cut = true;
                    }
                }
                R::OutputFull => self.out.resize(self.out.len() * 2, 0),
                R::OutputEndsFull => self.ends.resize(self.ends.len() * 2, 0),
                R::Record | R::End => break,
            }
        }
        self.out_len = nout;
        self.bounds.clear();
        let mut from = 0;
        for &e in &self.ends[..nend] {
            self.bounds.push((from, e));
            from = e;
        }
        self.quoted = true;
        Ok(())
    }
}

/// The fields of `line[from..]`, a part without quotes, as bounds in `line`: split at each
/// delimiter, eight bytes at a time (fields are too short for `memchr`'s setup to pay): a high
/// bit in `hits` for each byte that is the delimiter, exactly (no carry between bytes).
fn fields_from(line: &[u8], from: usize, delimiter: u8, bounds: &mut Vec<(usize, usize)>) {
    const LOW7: u64 = 0x7F7F_7F7F_7F7F_7F7F;
    let spread = u64::from(delimiter) * 0x0101_0101_0101_0101;
    let mut start = from;
    let mut i = from;
    while let Some(word) = line.get(i..i + 8) {
        let x = u64::from_le_bytes(word.try_into().unwrap_or([0; 8])) ^ spread;
        let mut hits = !(((x & LOW7) + LOW7) | x | LOW7);
        while hits != 0 {
            let at = i + (hits.trailing_zeros() / 8) as usize;
            bounds.push((start, at));
            start = at + 1;
            hits &= hits - 1;
        }
        i += 8;
    }
    for (at, &c) in line.iter().enumerate().skip(i) {
        if c == delimiter {
            bounds.push((start, at));
            start = at + 1;
        }
    }
    bounds.push((start, line.len()));
}

#[cfg(test)]
mod tests;
