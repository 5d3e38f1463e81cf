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
    // The header takes the first sector (512 of its bytes are used in a 4096-byte one).
    let sector = |s: u32| file.get((s as usize + 1) * size..(s as usize + 2) * size);
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
    // Names are matched as the workbook reader matches them: ASCII case ignored.
    let entry = entries.iter().find(|e| {
        let len = u16_at(e, 0x40).unwrap_or(0) as usize;
        let units: Vec<u16> = e[..len.min(64)].chunks_exact(2).map(|c| u16::from_le_bytes([c[0], c[1]])).collect();
        let found = String::from_utf16_lossy(units.strip_suffix(&[0]).unwrap_or(&units));
        e[0x42] == 2 && found.eq_ignore_ascii_case(name)
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

const END_OF_CHAIN: u32 = 0xFFFF_FFFE;
const FREE: u32 = 0xFFFF_FFFF;
const SECTOR: usize = 512;
/// A stream shorter than this lives in the mini stream; written at least this long, it does not.
const CUTOFF: usize = 4096;

/// A compound file (version 3, 512-byte sectors) holding one stream, `name`, with `bytes`:
/// laid out here, so that the workbook reader reads a container whose chains are sound
/// whatever the file it came from held. A stream under the mini-stream cutoff is padded
/// with zeros to it (past the end of a workbook stream's last record, where nothing reads).
pub(super) fn single_stream(name: &str, bytes: &[u8]) -> Vec<u8> {
    let len = bytes.len().max(CUTOFF);
    let data = len.div_ceil(SECTOR);
    let per = SECTOR / 4;
    // FAT sectors describe every sector, themselves and the DIFAT's included; past 109 FAT
    // sectors the rest are listed in DIFAT sectors of 127 each.
    let (mut fat, mut difat) = (1, 0);
    loop {
        let need = (fat + difat + 1 + data).div_ceil(per);
        let need_difat = need.saturating_sub(109).div_ceil(per - 1);
        if (need, need_difat) == (fat, difat) {
            break;
        }
        (fat, difat) = (need, need_difat);
    }
    let id = |i: usize| u32::try_from(i).unwrap_or(FREE);
    let (dir, first) = (fat + difat, fat + difat + 1);
    let mut table = vec![FREE; fat * per];
    table[..fat].fill(0xFFFF_FFFD);
    table[fat..dir].fill(0xFFFF_FFFC);
    table[dir] = END_OF_CHAIN;
    for (s, next) in table[first..first + data].iter_mut().zip(first + 1..) {
        *s = if next < first + data { id(next) } else { END_OF_CHAIN };
    }
    let mut out = vec![0u8; SECTOR * (1 + first + data)];
    let put = |out: &mut Vec<u8>, at: usize, v: u32| out[at..at + 4].copy_from_slice(&v.to_le_bytes());
    out[..8].copy_from_slice(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
    out[0x18..0x20].copy_from_slice(&[0x3E, 0, 3, 0, 0xFE, 0xFF, 9, 0]);
    out[0x20] = 6;
    put(&mut out, 0x2C, id(fat));
    put(&mut out, 0x30, id(dir));
    put(&mut out, 0x38, id(CUTOFF));
    put(&mut out, 0x3C, END_OF_CHAIN);
    put(&mut out, 0x44, if difat > 0 { id(fat) } else { END_OF_CHAIN });
    put(&mut out, 0x48, id(difat));
    for i in 0..109 {
        put(&mut out, 0x4C + 4 * i, if i < fat { id(i) } else { FREE });
    }
    let at = |s: usize| SECTOR * (s + 1);
    for (i, v) in table.iter().enumerate() {
        put(&mut out, at(0) + 4 * i, *v);
    }
    for d in 0..difat {
        let listed = (0..per - 1).map(|j| 109 + d * (per - 1) + j);
        for (j, f) in listed.enumerate() {
            put(&mut out, at(fat + d) + 4 * j, if f < fat { id(f) } else { FREE });
        }
        put(&mut out, at(fat + d) + 4 * (per - 1), if d + 1 < difat { id(fat + d + 1) } else { END_OF_CHAIN });
    }
    // The directory: the root (no mini stream) with the stream as its only child.
    let entry = |out: &mut Vec<u8>, n: usize, name: &str, kind: u8, child: u32, start: u32, size: usize| {
        let e = at(dir) + 128 * n;
        let units: Vec<u16> = name.encode_utf16().take(31).chain([0]).collect();
        for (j, u) in units.iter().enumerate() {
            out[e + 2 * j..e + 2 * j + 2].copy_from_slice(&u.to_le_bytes());
        }
        out[e + 0x40..e + 0x42].copy_from_slice(&(2 * units.len() as u16).to_le_bytes());
        out[e + 0x42] = kind;
        out[e + 0x43] = 1;
        for (k, v) in [(0x44, FREE), (0x48, FREE), (0x4C, child), (0x74, start)] {
            out[e + k..e + k + 4].copy_from_slice(&v.to_le_bytes());
        }
        out[e + 0x78..e + 0x7C].copy_from_slice(&u32::try_from(size).unwrap_or(u32::MAX).to_le_bytes());
    };
    entry(&mut out, 0, "Root Entry", 5, 1, END_OF_CHAIN, 0);
    entry(&mut out, 1, name, 2, FREE, id(first), len);
    for n in 2..4 {
        for k in [0x44, 0x48, 0x4C] {
            put(&mut out, at(dir) + 128 * n + k, FREE);
        }
    }
    out[at(first)..at(first) + bytes.len()].copy_from_slice(bytes);
    out
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

    /// A stream written into a fresh container reads back, through the FAT, as it was (padded
    /// to the cutoff when shorter), across the sizes where DIFAT sectors begin.
    #[test]
    fn a_single_stream_container_reads_back() {
        for len in [0, 100, 4095, 4096, 70_000, 109 * 128 * 512, 109 * 128 * 512 + 1, 9_000_000] {
            let bytes: Vec<u8> = (0..len).map(|i| (i % 251) as u8).collect();
            let file = single_stream("Workbook", &bytes);
            let looped = std::cell::Cell::new(false);
            let back = stream_seeing(&file, "workbook", &looped).expect("found, its name's case ignored");
            assert!(!looped.get());
            assert_eq!(back.len(), len.max(4096), "{len}");
            assert_eq!(&back[..len], &bytes[..], "{len}");
            assert!(back[len..].iter().all(|&b| b == 0));
        }
    }
}
