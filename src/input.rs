//! Reading input text.

use std::io::Read;

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
    String::from_utf8(bytes).map_err(|e| {
        Error::new(ErrorKind::InvalidUtf8, "invalid UTF-8")
            .with_offset(e.utf8_error().valid_up_to() as u64)
    })
}
