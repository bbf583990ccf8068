//! Request bodies: bytes in memory, or a range of a local file read as the request is sent and
//! read again for each retry, so that an upload never holds a whole part between attempts.

use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use http_body::{Frame, SizeHint};

#[derive(Clone, Debug)]
pub enum Body {
    Bytes(bytes::Bytes),
    File(FileRange),
}

impl Default for Body {
    fn default() -> Body {
        Body::Bytes(bytes::Bytes::new())
    }
}

impl From<bytes::Bytes> for Body {
    fn from(bytes: bytes::Bytes) -> Body {
        Body::Bytes(bytes)
    }
}

impl From<Vec<u8>> for Body {
    fn from(bytes: Vec<u8>) -> Body {
        Body::Bytes(bytes.into())
    }
}

/// `len` bytes of the file at `path` from `offset`, read `chunk` bytes at a time.
#[derive(Clone, Debug)]
pub struct FileRange {
    pub path: Arc<Path>,
    pub offset: u64,
    pub len: u64,
    pub chunk: usize,
}

impl Body {
    pub fn len(&self) -> u64 {
        match self {
            Body::Bytes(b) => b.len() as u64,
            Body::File(f) => f.len,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The bytes, when they are in memory (a file's are never read just to be shown or signed).
    pub fn as_bytes(&self) -> Option<&[u8]> {
        match self {
            Body::Bytes(b) => Some(b),
            Body::File(_) => None,
        }
    }

    /// What reqwest sends: a file is opened now and read as the request goes out.
    pub fn to_reqwest(&self) -> Result<reqwest::Body, BodyError> {
        match self {
            Body::Bytes(b) => Ok(reqwest::Body::from(b.clone())),
            Body::File(f) => Ok(reqwest::Body::wrap(FileBody {
                reader: f.open()?,
                remaining: f.len,
                chunk: f.chunk.max(1),
                path: f.path.clone(),
            })),
        }
    }
}

impl FileRange {
    fn open(&self) -> Result<std::io::Take<File>, BodyError> {
        let io = |e| BodyError::Io(self.path.to_path_buf(), e);
        let mut file = File::open(&self.path).map_err(io)?;
        file.seek(SeekFrom::Start(self.offset)).map_err(io)?;
        Ok(file.take(self.len))
    }

    /// Reads the range once, `chunk` bytes at a time, handing each to `each` (to checksum it).
    pub fn read_each(&self, mut each: impl FnMut(&[u8])) -> Result<(), BodyError> {
        let mut reader = self.open()?;
        let mut buf = vec![0; self.chunk.clamp(1, self.len.max(1) as usize)];
        let mut remaining = self.len;
        while remaining > 0 {
            let n = remaining.min(buf.len() as u64) as usize;
            read_exact(&mut reader, &mut buf[..n], &self.path)?;
            each(&buf[..n]);
            remaining -= n as u64;
        }
        Ok(())
    }
}

fn read_exact(reader: &mut impl Read, buf: &mut [u8], path: &Path) -> Result<(), BodyError> {
    reader.read_exact(buf).map_err(|e| match e.kind() {
        std::io::ErrorKind::UnexpectedEof => BodyError::Shrank(path.to_path_buf()),
        _ => BodyError::Io(path.to_path_buf(), e),
    })
}

/// Reading a file body failed. Kept apart from transport errors so that the client reports
/// it as what it is rather than as a broken connection.
#[derive(Debug, thiserror::Error)]
pub enum BodyError {
    #[error("Unable to read {}: {}", .0.display(), .1)]
    Io(PathBuf, std::io::Error),
    #[error("The file {} changed while it was being uploaded: it is shorter than when the upload started", .0.display())]
    Shrank(PathBuf),
}

/// A file range as an HTTP body of known length (so sent with Content-Length), read one
/// chunk at a time when the connection can take it: at most a chunk or two are in memory.
struct FileBody {
    reader: std::io::Take<File>,
    remaining: u64,
    chunk: usize,
    path: Arc<Path>,
}

impl http_body::Body for FileBody {
    type Data = bytes::Bytes;
    type Error = BodyError;

    fn poll_frame(
        self: Pin<&mut Self>,
        _cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<bytes::Bytes>, BodyError>>> {
        let this = self.get_mut();
        if this.remaining == 0 {
            return Poll::Ready(None);
        }
        // A local read of a chunk (usually from the page cache), as the engine always read
        // parts: short enough not to hold up the other transfers on the runtime's thread.
        let n = this.remaining.min(this.chunk as u64) as usize;
        let mut buf = vec![0; n];
        if let Err(e) = read_exact(&mut this.reader, &mut buf, &this.path) {
            this.remaining = 0;
            return Poll::Ready(Some(Err(e)));
        }
        this.remaining -= n as u64;
        Poll::Ready(Some(Ok(Frame::data(buf.into()))))
    }

    fn is_end_stream(&self) -> bool {
        self.remaining == 0
    }

    fn size_hint(&self) -> SizeHint {
        SizeHint::with_exact(self.remaining)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_range_is_read_in_chunks_and_a_shrunk_file_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let path: Arc<Path> = dir.path().join("f").into();
        std::fs::write(&path, b"0123456789").unwrap();
        let range = FileRange {
            path: path.clone(),
            offset: 3,
            len: 5,
            chunk: 2,
        };
        let mut seen = Vec::new();
        range.read_each(|c| seen.push(c.to_vec())).unwrap();
        assert_eq!(seen, [b"34".to_vec(), b"56".to_vec(), b"7".to_vec()]);
        let past_end = FileRange { len: 8, ..range };
        let error = past_end.read_each(|_| {}).unwrap_err();
        assert!(matches!(error, BodyError::Shrank(_)), "{error}");
        assert_eq!(Body::File(past_end).len(), 8);
    }
}
