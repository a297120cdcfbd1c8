//! Reading input text: whole, or block by block with decoding from legacy encodings.

use std::io::Read;
use std::str::FromStr;

use crate::error::{Error, ErrorKind};

/// Reads all of `reader` as UTF-8 text.
///
/// # Errors
///
/// Invalid UTF-8 is an error giving the byte offset of the first bad byte; I/O errors pass
/// through.
///
/// ```
/// let mut input: &[u8] = "推进“11157”工程".as_bytes();
/// assert_eq!(zhgloss::read_utf8(&mut input)?, "推进“11157”工程");
///
/// let mut bad: &[u8] = b"\xe6\x8e\xa8\xc0";
/// assert_eq!(zhgloss::read_utf8(&mut bad).unwrap_err().to_string(), "byte 3: invalid UTF-8");
/// # Ok::<(), zhgloss::Error>(())
/// ```
pub fn read_utf8<R: Read>(reader: &mut R) -> Result<String, Error> {
    let mut bytes = Vec::new();
    reader.read_to_end(&mut bytes).map_err(Error::io)?;
    // `std` checks the bytes in place; the faster `validate_utf8` would need a copy to make
    // the `String` without unsafe code.
    String::from_utf8(bytes).map_err(|e| invalid_utf8(e.utf8_error().valid_up_to() as u64))
}

/// Checks `bytes` as UTF-8 with `encoding_rs`'s validator, which is fast on three-byte
/// characters (Chinese text) where `std::str::from_utf8`'s fast path is for ASCII: otherwise
/// validating would be a large part of the command line's time. On error, the offset of the
/// first byte that is not valid UTF-8.
pub(crate) fn validate_utf8(bytes: &[u8]) -> Result<&str, usize> {
    match encoding_rs::UTF_8.decode_without_bom_handling_and_without_replacement(bytes) {
        Some(std::borrow::Cow::Borrowed(text)) => Ok(text),
        // `encoding_rs` never copies valid UTF-8; `std` tells where it is not valid.
        _ => std::str::from_utf8(bytes).map_err(|e| e.valid_up_to()),
    }
}

fn invalid_utf8(at: u64) -> Error {
    Error::new(ErrorKind::InvalidUtf8, "invalid UTF-8").with_offset(at)
}

/// The encoding of input text. Output is always UTF-8, and match offsets index the decoded
/// UTF-8 text.
///
/// Parses from the names the command line takes: `utf-8` (or `utf8`), `gb18030`, `gbk`
/// (case-insensitive).
///
/// ```
/// use zhgloss::Encoding;
///
/// assert_eq!("GBK".parse::<Encoding>(), Ok(Encoding::Gbk));
/// assert_eq!("utf-8".parse::<Encoding>(), Ok(Encoding::Utf8));
/// assert!("big5".parse::<Encoding>().is_err());
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Encoding {
    /// UTF-8, passed through byte for byte (a byte order mark is kept as text).
    #[default]
    Utf8,
    /// GB 18030, the mainland standard that covers all of Unicode.
    Gb18030,
    /// GBK. Decoded as GB 18030, its superset, as the WHATWG Encoding Standard does: text that
    /// is valid GBK decodes the same either way.
    Gbk,
}

impl Encoding {
    /// The names [`Encoding`] parses from, canonical spelling first.
    ///
    /// ```
    /// assert_eq!(zhgloss::Encoding::NAMES, ["utf-8", "gb18030", "gbk"]);
    /// ```
    pub const NAMES: [&'static str; 3] = ["utf-8", "gb18030", "gbk"];

    /// The canonical name.
    ///
    /// ```
    /// assert_eq!(zhgloss::Encoding::Gb18030.name(), "gb18030");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Gb18030 => "gb18030",
            Encoding::Gbk => "gbk",
        }
    }
}

impl FromStr for Encoding {
    type Err = String;

    fn from_str(s: &str) -> Result<Encoding, String> {
        match s.to_ascii_lowercase().as_str() {
            "utf-8" | "utf8" => Ok(Encoding::Utf8),
            "gb18030" => Ok(Encoding::Gb18030),
            "gbk" => Ok(Encoding::Gbk),
            _ => Err(format!(
                "unknown encoding {s:?} (expected one of: {})",
                Encoding::NAMES.join(", ")
            )),
        }
    }
}

/// The default size of the blocks a [`TextReader`] reads: large enough that per-block work
/// (a system call, the re-searched carry-over) is noise, small enough to stay in cache.
const DEFAULT_BLOCK_SIZE: usize = 64 * 1024;

/// Reads text block by block, decoding it to UTF-8, with memory bounded by the block size
/// whatever the length of the input.
///
/// Each block is valid UTF-8 that ends on a character boundary: a multi-byte sequence cut by a
/// read is carried over to the next block. Invalid input is an error naming the absolute byte
/// offset (in the input as read, before decoding) of the first bad byte.
///
/// # Example
///
/// ```
/// use zhgloss::{Encoding, TextReader};
///
/// // "一网通办" in GBK.
/// let gbk: &[u8] = b"\xd2\xbb\xcd\xf8\xcd\xa8\xb0\xec";
/// let mut reader = TextReader::new(gbk, Encoding::Gbk);
/// let mut text = String::new();
/// while let Some(block) = reader.next_block()? {
///     text.push_str(block);
/// }
/// assert_eq!(text, "一网通办");
///
/// // Invalid UTF-8 names its offset, even when a block boundary cuts the text before it.
/// let mut reader = TextReader::new(&b"\xe6\x8e\xa8\xe8\xbf\x9b\xff"[..], Encoding::Utf8).block_size(4);
/// let err = loop {
///     match reader.next_block() {
///         Ok(Some(_)) => continue,
///         Ok(None) => unreachable!(),
///         Err(e) => break e,
///     }
/// };
/// assert_eq!(err.to_string(), "byte 6: invalid UTF-8");
/// # Ok::<(), zhgloss::Error>(())
/// ```
pub struct TextReader<R> {
    reader: R,
    block_size: usize,
    /// Raw bytes read but not yet handed out (an incomplete UTF-8 sequence, or undecoded input).
    raw: Vec<u8>,
    /// How many of the input's bytes precede `raw`.
    consumed: u64,
    /// The decoded text of the current block (legacy encodings only).
    decoded: String,
    /// The legacy decoder; `None` for UTF-8, which is validated in place rather than copied.
    decoder: Option<encoding_rs::Decoder>,
    eof: bool,
    /// The legacy decoder has been called with `last` set.
    flushed: bool,
    /// The length of the UTF-8 block handed out last, to drop from `raw` on the next call.
    handed_out: usize,
}

impl<R: Read> TextReader<R> {
    /// A reader of `reader` in `encoding`.
    ///
    /// ```
    /// let mut r = zhgloss::TextReader::new("三线一单".as_bytes(), zhgloss::Encoding::Utf8);
    /// assert_eq!(r.next_block()?, Some("三线一单"));
    /// assert_eq!(r.next_block()?, None);
    /// # Ok::<(), zhgloss::Error>(())
    /// ```
    pub fn new(reader: R, encoding: Encoding) -> TextReader<R> {
        let decoder = match encoding {
            Encoding::Utf8 => None,
            // Without BOM sniffing: the caller said what the encoding is, and a sniffed switch
            // to UTF-8 would silently change what offsets mean.
            Encoding::Gb18030 | Encoding::Gbk => {
                Some(encoding_rs::GB18030.new_decoder_without_bom_handling())
            }
        };
        TextReader {
            reader,
            block_size: DEFAULT_BLOCK_SIZE,
            raw: Vec::new(),
            consumed: 0,
            decoded: String::new(),
            decoder,
            eof: false,
            flushed: false,
            handed_out: 0,
        }
    }

    /// Sets how many bytes each read asks for (default 64 KiB; at least 4). Small blocks are for
    /// tests of block boundaries.
    ///
    /// ```
    /// let mut r = zhgloss::TextReader::new("三线一单".as_bytes(), zhgloss::Encoding::Utf8).block_size(4);
    /// assert_eq!(r.next_block()?, Some("三"));
    /// assert_eq!(r.next_block()?, Some("线"));
    /// # Ok::<(), zhgloss::Error>(())
    /// ```
    pub fn block_size(mut self, bytes: usize) -> TextReader<R> {
        // Four bytes always make progress: one read completes any carried-over sequence.
        self.block_size = bytes.max(4);
        self
    }

    /// How many bytes of input have been read and handed out as text so far.
    ///
    /// ```
    /// let mut r = zhgloss::TextReader::new("三线一单".as_bytes(), zhgloss::Encoding::Utf8);
    /// r.next_block()?;
    /// assert_eq!(r.bytes_read(), 12);
    /// # Ok::<(), zhgloss::Error>(())
    /// ```
    pub fn bytes_read(&self) -> u64 {
        self.consumed + self.handed_out as u64
    }

    /// The next block of text, or `None` at the end of the input. Blocks are never empty.
    ///
    /// # Errors
    ///
    /// Input that is invalid in the encoding (with [`ErrorKind::InvalidUtf8`] and the byte
    /// offset of the first bad byte), and I/O errors.
    ///
    /// ```
    /// let mut r = zhgloss::TextReader::new(&b"\xe9\x87\x91\xff"[..], zhgloss::Encoding::Utf8);
    /// let err = r.next_block().unwrap_err();
    /// assert_eq!((err.kind(), err.offset()), (zhgloss::ErrorKind::InvalidUtf8, Some(3)));
    /// ```
    pub fn next_block(&mut self) -> Result<Option<&str>, Error> {
        if self.decoder.is_some() {
            self.next_decoded()
        } else {
            self.next_utf8()
        }
    }

    /// Reads and decodes the whole input into one string, for work that needs all of the text
    /// at once (extracting a glossary, auditing).
    ///
    /// # Errors
    ///
    /// As [`TextReader::next_block`].
    ///
    /// ```
    /// use zhgloss::{Encoding, TextReader};
    ///
    /// // "三线一单" in GB 18030.
    /// let gb: &[u8] = b"\xc8\xfd\xcf\xdf\xd2\xbb\xb5\xa5";
    /// assert_eq!(TextReader::new(gb, Encoding::Gb18030).read_to_string()?, "三线一单");
    /// # Ok::<(), zhgloss::Error>(())
    /// ```
    pub fn read_to_string(mut self) -> Result<String, Error> {
        let mut text = String::new();
        while let Some(block) = self.next_block()? {
            text.push_str(block);
        }
        Ok(text)
    }

    /// Reads up to one block more into `raw`; sets `eof` when the reader is exhausted.
    fn fill(&mut self) -> Result<(), Error> {
        let have = self.raw.len();
        self.raw.resize(have + self.block_size, 0);
        let n = loop {
            match self
                .reader
                .read(self.raw.get_mut(have..).unwrap_or_default())
            {
                Ok(n) => break n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    self.raw.truncate(have);
                    return Err(Error::io(e));
                }
            }
        };
        self.raw.truncate(have + n);
        if n == 0 {
            self.eof = true;
        }
        Ok(())
    }

    fn next_utf8(&mut self) -> Result<Option<&str>, Error> {
        self.raw.drain(..self.handed_out);
        self.consumed += self.handed_out as u64;
        self.handed_out = 0;
        // Read until there is text to hand out: everything but a character cut off by the
        // read, which the next read completes.
        let end = loop {
            if !self.eof {
                self.fill()?;
            }
            let end = if self.eof {
                self.raw.len()
            } else {
                complete_prefix(&self.raw)
            };
            if end > 0 || self.eof {
                break end;
            }
        };
        // The text is checked once, here; an incomplete character at the end of the input is
        // invalid too.
        match validate_utf8(self.raw.get(..end).unwrap_or_default()) {
            Ok(text) => {
                self.handed_out = text.len();
                Ok((!text.is_empty()).then_some(text))
            }
            Err(at) => Err(invalid_utf8(self.consumed + at as u64)),
        }
    }

    fn next_decoded(&mut self) -> Result<Option<&str>, Error> {
        use encoding_rs::DecoderResult;
        self.decoded.clear();
        loop {
            if self.raw.is_empty() && !self.eof {
                self.fill()?;
            }
            // After the call with `last` set, the decoder must not be called again.
            let Some(decoder) = self.decoder.as_mut().filter(|_| !self.flushed) else {
                return Ok(None);
            };
            // Room for the whole of `raw` decoded: the decoder never stops for lack of output.
            let need = decoder
                .max_utf8_buffer_length_without_replacement(self.raw.len())
                .unwrap_or(self.raw.len() * 3 + 16);
            self.decoded.reserve(need);
            let (result, read) = decoder.decode_to_string_without_replacement(
                &self.raw,
                &mut self.decoded,
                self.eof,
            );
            match result {
                DecoderResult::Malformed(bad, after) => {
                    let at = self.consumed + read as u64 - u64::from(after) - u64::from(bad);
                    return Err(
                        Error::new(ErrorKind::InvalidUtf8, "invalid GB18030 text").with_offset(at)
                    );
                }
                DecoderResult::InputEmpty | DecoderResult::OutputFull => {
                    self.raw.drain(..read);
                    self.consumed += read as u64;
                    self.flushed = self.eof && self.raw.is_empty();
                }
            }
            if !self.decoded.is_empty() {
                return Ok(Some(&self.decoded));
            }
            if self.eof && self.raw.is_empty() {
                return Ok(None);
            }
        }
    }
}

/// The length of `bytes` without a UTF-8 sequence cut off at its end: a lead byte in the last
/// three bytes whose sequence runs past the end. Whether the bytes are valid is checked later.
fn complete_prefix(bytes: &[u8]) -> usize {
    for back in 1..=3.min(bytes.len()) {
        let at = bytes.len() - back;
        let Some(&b) = bytes.get(at) else {
            break;
        };
        let need = match b {
            0xC0..=0xDF => 2,
            0xE0..=0xEF => 3,
            0xF0..=0xF7 => 4,
            // A continuation byte: look further back for its lead.
            0x80..=0xBF => continue,
            _ => return bytes.len(),
        };
        return if need > back { at } else { bytes.len() };
    }
    bytes.len()
}
