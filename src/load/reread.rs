//! A CSV table's rows read again for validation, from the bytes of the rows asked for only:
//! the load pass noted where each record begins, so rows of years not asked for are skipped
//! over (a seek, or a step through the buffer) rather than parsed again. A file's records
//! are split into fields on a thread of their own while validation reads the cells of the
//! ones before (the second core). Knows byte spans and records; nothing about what the cells
//! mean.

use super::csv::Splitter;
use super::number::NumberStyle;
use super::row::{Row, TextRecord};
use std::io::{self, BufRead, Read, Seek, SeekFrom};

/// Reads only the byte spans given (sorted, not overlapping) of `inner`, one after another.
pub(super) struct Spans<R> {
    inner: R,
    spans: Vec<(u64, u64)>,
    next: usize,
    /// Where `inner` is, and where the current span ends.
    pos: u64,
    end: u64,
}

impl<R: BufRead + Seek> Spans<R> {
    /// `spans` of data rows; touching spans are merged so that a year's block is one read.
    pub(super) fn new(inner: R, spans: impl Iterator<Item = (u64, u64)>) -> Self {
        let mut merged: Vec<(u64, u64)> = Vec::new();
        for (s, e) in spans {
            match merged.last_mut() {
                Some(last) if last.1 == s => last.1 = e,
                _ => merged.push((s, e)),
            }
        }
        Spans { inner, spans: merged, next: 0, pos: 0, end: 0 }
    }

    /// Moves `inner` forward to byte `to`.
    fn skip_to(&mut self, to: u64) -> io::Result<()> {
        let gap = to.saturating_sub(self.pos);
        let buffered = self.inner.fill_buf()?.len() as u64;
        if gap <= buffered {
            self.inner.consume(gap as usize);
        } else {
            self.inner.seek(SeekFrom::Current(i64::try_from(gap).unwrap_or(i64::MAX)))?;
        }
        self.pos = to;
        Ok(())
    }
}

impl<R: BufRead + Seek> Read for Spans<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        while self.pos >= self.end {
            let Some(&(s, e)) = self.spans.get(self.next) else { return Ok(0) };
            self.next += 1;
            if s > self.pos {
                self.skip_to(s)?;
            }
            self.end = e;
        }
        let want = usize::try_from(self.end - self.pos).unwrap_or(usize::MAX).min(buf.len());
        let n = self.inner.read(&mut buf[..want])?;
        if n == 0 {
            // The end of the file (the last span runs to it).
            self.end = self.pos;
            self.next = self.spans.len();
        }
        self.pos += n as u64;
        Ok(n)
    }
}

/// The records of `wanted` (data row indices, in order) read from `spans` of `src`: each is
/// handed out with its index; `None` ends the rows early (the file changed).
pub(super) fn rows<'t, R: BufRead + Seek + 't>(
    src: R,
    delimiter: u8,
    spans: &'t [(u64, u64)],
    wanted: Vec<usize>,
    mut changed: impl FnMut() + 't,
) -> impl Iterator<Item = (usize, Row<'t>)> + 't {
    let mut split = Splitter::new(Spans::new(src, wanted.iter().map(move |&r| spans[r])), delimiter);
    let mut next = 0;
    std::iter::from_fn(move || {
        let r = *wanted.get(next)?;
        let Some(rec) = record(&mut split) else {
            changed();
            next = wanted.len();
            return None;
        };
        next += 1;
        Some((r, Row::Text(rec)))
    })
}

/// The next record, if there is one and it is UTF-8 (as the load pass found it).
fn record<R: Read>(split: &mut Splitter<R>) -> Option<TextRecord> {
    refill(split, TextRecord::default())
}

/// As `record`, in the buffers of `rec`.
fn refill<R: Read>(split: &mut Splitter<R>, mut rec: TextRecord) -> Option<TextRecord> {
    split.advance().ok()??;
    let next = split.record();
    rec.fill(next.bytes, next.bounds).then_some(rec)
}

/// Records handed from the reading thread at a time: 32 wakes the other thread half as
/// often as 16 did (at 1 M cells, 140–180 context switches a run instead of 300–390, and
/// 10–20 % less CPU time) for about 100 KB more records in flight; 64 took 0.6 MB more.
const BATCH: usize = 32;

/// As `rows`, the records read on a thread of their own and handed over in batches, in order,
/// with the number cells of `numbers` read there too (`TextRecord::read_ahead`).
pub(super) fn rows_on_thread<'t, R: BufRead + Seek + Send + 'static>(
    src: R,
    delimiter: u8,
    spans: &[(u64, u64)],
    wanted: Vec<usize>,
    numbers: Vec<Option<(usize, Option<NumberStyle>)>>,
    mut changed: impl FnMut() + 't,
) -> impl Iterator<Item = (usize, Row<'t>)> + 't {
    // One batch waiting besides the one being read and the one being filled: with the two
    // cores sharing the work evenly a second waiting batch was often full, which at 1 M
    // cells put 0.1–0.25 MB more in flight (the peak was within 0.1 MB of the 4× line in one
    // run of twenty) for about 1 % of the time.
    let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<TextRecord>>(1);
    // Records read come back to be filled again: a few batches' worth are ever in use.
    let (home, returned) = std::sync::mpsc::channel::<TextRecord>();
    let own: Vec<(u64, u64)> = wanted.iter().map(|&r| spans[r]).collect();
    let count = wanted.len();
    std::thread::spawn(move || {
        let mut split = Splitter::new(Spans::new(src, own.into_iter()), delimiter);
        let mut batch = Vec::with_capacity(BATCH);
        for _ in 0..count {
            let Some(mut rec) = refill(&mut split, returned.try_recv().unwrap_or_default()) else { break };
            rec.return_to(home.clone());
            rec.read_ahead(&numbers);
            batch.push(rec);
            if batch.len() == BATCH && tx.send(std::mem::replace(&mut batch, Vec::with_capacity(BATCH))).is_err() {
                return;
            }
        }
        if !batch.is_empty() {
            let _ = tx.send(batch);
        }
    });
    let mut next = 0;
    let mut batch = Vec::new().into_iter();
    std::iter::from_fn(move || {
        let r = *wanted.get(next)?;
        let rec = match batch.next() {
            Some(rec) => rec,
            None => match rx.recv().ok().map(Vec::into_iter) {
                Some(mut b) => {
                    let first = b.next();
                    batch = b;
                    first?
                }
                None => {
                    // Fewer records than the load pass found: the file changed.
                    changed();
                    next = wanted.len();
                    return None;
                }
            },
        };
        next += 1;
        Some((r, Row::Text(rec)))
    })
}
