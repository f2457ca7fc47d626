//! Inflating a workbook's packed part straight into room of the size the archive declares.
//!
//! On a computer, libdeflate inflates it: a part is inflated whole, in one call, which is what
//! libdeflate is built for, and it takes under half the work zlib does for the same bytes. The
//! web page is built without a C compiler, so there zlib-rs inflates it, as the zip library
//! does. Both give the same bytes, or both refuse: the tests inflate the same parts with each.

use std::cell::RefCell;

/// Inflates the raw deflate stream `packed` into `out`, which has room for at least `size` bytes
/// and may hold an earlier part's bytes, written over; false if the stream is damaged or does not
/// make exactly `size` bytes.
#[cfg(not(target_arch = "wasm32"))]
pub(super) fn inflate(packed: &[u8], size: usize, out: &mut Vec<u8>) -> bool {
    with_libdeflate(packed, size, out)
}

/// Inflates the raw deflate stream `packed` into `out`, which has room for at least `size` bytes
/// and may hold an earlier part's bytes, written over; false if the stream is damaged or does not
/// make exactly `size` bytes.
#[cfg(target_arch = "wasm32")]
pub(super) fn inflate(packed: &[u8], size: usize, out: &mut Vec<u8>) -> bool {
    with_zlib(packed, size, out)
}

#[cfg(not(target_arch = "wasm32"))]
fn with_libdeflate(packed: &[u8], size: usize, out: &mut Vec<u8>) -> bool {
    thread_local! {
        /// One decompressor for every part read on the thread: making one takes some 160,000
        /// instructions, as much as inflating a small part.
        static DECOMPRESSOR: RefCell<Option<libdeflater::Decompressor>> =
            const { RefCell::new(None) };
    }
    // libdeflate writes into bytes that are there already: those of the part unpacked into the
    // room before are written over, and only room beyond them is filled with zeros first.
    out.resize(size, 0);
    let made = DECOMPRESSOR.with_borrow_mut(|decompressor| {
        decompressor
            .get_or_insert_with(libdeflater::Decompressor::new)
            .deflate_decompress(packed, out)
    });
    matches!(made, Ok(n) if n == size)
}

#[cfg(any(target_arch = "wasm32", test))]
fn with_zlib(packed: &[u8], size: usize, out: &mut Vec<u8>) -> bool {
    use flate2::{Decompress, FlushDecompress, Status};
    thread_local! {
        /// One inflater for every part read on the thread.
        static INFLATER: RefCell<Decompress> = RefCell::new(Decompress::new(false));
    }
    out.clear();
    out.reserve(size);
    INFLATER.with_borrow_mut(|inflater| {
        inflater.reset(false);
        matches!(
            inflater.decompress_vec(packed, out, FlushDecompress::Finish),
            Ok(Status::StreamEnd)
        ) && out.len() == size
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::{Compress, Compression, FlushCompress};

    fn deflate(bytes: &[u8], level: u32) -> Vec<u8> {
        let mut packer = Compress::new(Compression::new(level), false);
        let mut out = Vec::new();
        loop {
            out.reserve(bytes.len() / 4 + 1024);
            let read = usize::try_from(packer.total_in()).unwrap();
            let status = packer
                .compress_vec(&bytes[read..], &mut out, FlushCompress::Finish)
                .unwrap();
            if status == flate2::Status::StreamEnd {
                return out;
            }
        }
    }

    /// What each inflater makes of `packed` when told to expect `size` bytes, the same in room
    /// as the reader gives it: new and empty, or still holding an earlier part's bytes, more of
    /// them or fewer than the part has.
    fn both(packed: &[u8], size: usize) -> (Option<Vec<u8>>, Option<Vec<u8>>) {
        let run = |f: fn(&[u8], usize, &mut Vec<u8>) -> bool| {
            let made: Vec<Option<Vec<u8>>> = [0, size / 2, size + 17]
                .into_iter()
                .map(|earlier| {
                    let mut out = Vec::with_capacity(size + 17);
                    out.resize(earlier, b'x');
                    f(packed, size, &mut out).then_some(out)
                })
                .collect();
            assert!(made.iter().all(|m| *m == made[0]), "the room's bytes count");
            made[0].clone()
        };
        (run(with_libdeflate), run(with_zlib))
    }

    /// Texts like a sheet's, in many sizes, packed at every level, then damaged: cut short,
    /// a byte changed, or told to expect a size one more or one less.
    #[test]
    fn both_inflaters_give_the_same_bytes_or_both_refuse() {
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        const CELL: &[u8] = b"<c r=\"B12\" s=\"3\" t=\"s\"><v>41</v></c>";
        let mut agreed_whole = 0;
        for round in 0..120 {
            let len = (next() % 200_000) as usize;
            let text: Vec<u8> = (0..len)
                .map(|i| match round % 3 {
                    0 => CELL[i % CELL.len()],
                    1 => (next() % 256) as u8,
                    _ => b"abcdefgh "[(next() % 9) as usize],
                })
                .collect();
            let packed = deflate(&text, (round % 10) as u32);
            let (a, b) = both(&packed, text.len());
            assert_eq!(a.as_deref(), Some(&text[..]), "round {round}");
            assert_eq!(a, b, "round {round}");
            agreed_whole += 1;

            for size in [text.len() + 1, text.len().saturating_sub(1)] {
                if size != text.len() {
                    let (a, b) = both(&packed, size);
                    assert_eq!((a.is_some(), b.is_some()), (false, false), "round {round}");
                }
            }
            let cut = &packed[..packed.len() * (next() % 100) as usize / 100];
            let (a, b) = both(cut, text.len());
            assert_eq!(a, b, "round {round}: cut to {} bytes", cut.len());
            let mut changed = packed.clone();
            let at = (next() as usize) % changed.len();
            changed[at] ^= 1 << (next() % 8);
            let (a, b) = both(&changed, text.len());
            // A changed byte can make other bytes of the same length, which the checksum
            // catches after; it must not make the two inflaters differ.
            assert_eq!(a, b, "round {round}: byte {at} changed");
        }
        assert_eq!(agreed_whole, 120);
    }
}
