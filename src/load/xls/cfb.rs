//! The streams of a compound file (MS-CFB), the container of an old binary workbook: read
//! by name through the FAT, or the mini FAT, without trusting the file. Every chain is
//! followed once (a chain that loops is noted, not followed again) and no more sectors are
//! read than the file holds. Knows nothing of what a stream contains.

use super::{u16_at, u32_at};
use std::collections::HashSet;

/// A stream of a compound file (MS-CFB) by name, following the sector chains of the FAT
/// (or of the mini FAT, for a stream under the cutoff), noting in `looped` any chain that
/// loops, whether the stream is found or not.
pub(super) fn stream_seeing(file: &[u8], name: &str, looped: &std::cell::Cell<bool>) -> Option<Vec<u8>> {
    if file.get(..8)? != [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] {
        return None;
    }
    // MS-CFB allows 512- or 4096-byte sectors and 64-byte mini sectors; any other size is a
    // damaged file (a 1-byte sector made `size / 4 - 1` wrap round: fuzzing found the hang).
    let size = match u16_at(file, 0x1E)? {
        9 => 512,
        12 => 4096,
        _ => return None,
    };
    let mini_size = match u16_at(file, 0x20)? {
        6 => 64,
        _ => return None,
    };
    let sector = |s: u32| file.get(512 + s as usize * size..512 + (s as usize + 1) * size);
    // The FAT's own sectors: 109 in the header, the rest in a chain of DIFAT sectors.
    let mut fat_sectors: Vec<u32> =
        (0..109).filter_map(|i| u32_at(file, 0x4C + 4 * i)).filter(|&s| s < 0xFFFF_FFFA).collect();
    let mut difat = u32_at(file, 0x44)?;
    let mut seen = HashSet::new();
    for _ in 0..u32_at(file, 0x48)?.min(1 << 16) {
        if !seen.insert(difat) {
            looped.set(true);
            break;
        }
        let d = sector(difat)?;
        let per = size / 4 - 1;
        fat_sectors.extend((0..per).filter_map(|i| u32_at(d, 4 * i)).filter(|&s| s < 0xFFFF_FFFA));
        difat = u32_at(d, 4 * per)?;
    }
    // The FAT has one sector a sector of the file at the most: no more is read than is there.
    let sectors = file.len().saturating_sub(512) / size + 1;
    fat_sectors.truncate(sectors);
    let fat: Vec<u32> = fat_sectors
        .iter()
        .filter_map(|&s| sector(s))
        .flat_map(|d| d.chunks_exact(4))
        .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
        .collect();
    // A chain visits each sector once: a damaged or hostile file can loop its chains, and
    // following a loop would read the same sectors again without end (fuzzing found one).
    let chain = |start: u32, table: &[u32]| -> Vec<u32> {
        let mut out = Vec::new();
        let mut seen = HashSet::new();
        let mut s = start;
        while s < 0xFFFF_FFFA {
            if !seen.insert(s) {
                looped.set(true);
                break;
            }
            out.push(s);
            s = *table.get(s as usize).unwrap_or(&0xFFFF_FFFE);
        }
        out
    };
    let read =
        |start: u32| -> Vec<u8> { chain(start, &fat).into_iter().filter_map(sector).flatten().copied().collect() };
    let dir = read(u32_at(file, 0x30)?);
    let entries: Vec<&[u8]> = dir.chunks_exact(128).collect();
    let root = entries.first()?;
    // Every stream's chain, through the FAT and through the mini FAT: in a sound file none
    // loops, whichever sector it starts from.
    let mini_fat: Vec<u32> =
        read(u32_at(file, 0x3C)?).chunks_exact(4).map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]])).collect();
    for e in &entries {
        let start = u32_at(e, 0x74).unwrap_or(0xFFFF_FFFE);
        chain(start, &fat);
        chain(start, &mini_fat);
    }
    let wanted: Vec<u16> = name.encode_utf16().collect();
    let entry = entries.iter().find(|e| {
        let len = u16_at(e, 0x40).unwrap_or(0) as usize;
        let units: Vec<u16> = e[..len.min(64)].chunks_exact(2).map(|c| u16::from_le_bytes([c[0], c[1]])).collect();
        e[0x42] == 2 && units.strip_suffix(&[0]).unwrap_or(&units) == wanted.as_slice()
    })?;
    let (start, len) = (u32_at(entry, 0x74)?, u32_at(entry, 0x78)? as usize);
    let mut bytes = if len < u32_at(file, 0x38)? as usize {
        let mini_stream = read(u32_at(root, 0x74)?);
        chain(start, &mini_fat)
            .into_iter()
            .filter_map(|s| mini_stream.get(s as usize * mini_size..(s as usize + 1) * mini_size))
            .flatten()
            .copied()
            .collect()
    } else {
        read(start)
    };
    bytes.truncate(len);
    Some(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stream(file: &[u8]) -> Option<Vec<u8>> {
        stream_seeing(file, "Workbook", &std::cell::Cell::new(false))
    }

    /// A compound file claiming 1-byte sectors and one DIFAT sector: `size / 4 - 1` wrapped
    /// round and the DIFAT loop ran without end (found by fuzzing). Refused at once now.
    #[test]
    fn odd_sector_sizes_are_refused() {
        let mut file = vec![0u8; 2048];
        file[..8].copy_from_slice(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
        file[0x1E] = 0; // sector shift: 1-byte sectors
        file[0x20] = 6;
        file[0x48] = 1; // one DIFAT sector, at sector 0
        assert!(stream(&file).is_none());
        file[0x1E] = 9;
        file[0x20] = 7; // 128-byte mini sectors: not MS-CFB either
        assert!(stream(&file).is_none());
    }
}
