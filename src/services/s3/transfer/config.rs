//! The transfer settings from the profile's `s3 =` block (`multipart_threshold`,
//! `multipart_chunksize`, `max_concurrent_requests`, `max_bandwidth`, `io_chunksize`;
//! `max_queue_size` is checked but changes nothing here) with the CLI's defaults, size and rate
//! syntax and error messages; the part size a given object gets, and how many requests go at
//! once when the user did not say.

use crate::config::parse_nested;
use crate::error::Error;
use crate::settings::Settings;

const MIB: u64 = 1024 * 1024;
/// S3's smallest part (all but the last) and largest part.
pub const MIN_PART: u64 = 5 * MIB;
pub const MAX_PART: u64 = 5 * 1024 * MIB;
/// S3's most parts in one upload.
pub const MAX_PARTS: u64 = 10_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TransferConfig {
    /// Objects of this size or more go in parts.
    pub multipart_threshold: u64,
    pub multipart_chunksize: u64,
    /// Requests carrying data in flight at once, across all files of a command (and files in
    /// flight at once in a recursive copy).
    pub max_concurrent_requests: usize,
    /// Parts or ranges of one object in flight at once.
    pub parts_per_object: usize,
    /// Bytes read from a local file at a time as an upload sends it.
    pub io_chunksize: usize,
    /// Bytes per second for uploads and downloads together; `None`: unlimited.
    pub max_bandwidth: Option<u64>,
}

/// Requests in flight when the user set no `max_concurrent_requests`: enough for many small
/// objects, each of which waits a round trip or two, and within every platform's usual limit
/// of open files (256 on macOS).
pub const DEFAULT_REQUESTS: usize = 64;
/// Parts or ranges of one object in flight, unless the user set `max_concurrent_requests`: the
/// CLI's count. Each costs its connection's buffers, not a part (parts stream from and to the
/// file), so more would not raise memory, but it already keeps a link busy.
pub const DEFAULT_PARTS_PER_OBJECT: usize = 10;
/// Open files left for everything but transfers (standard streams, configuration, the
/// runtime).
const RESERVED_FILES: u64 = 32;
/// The smallest read of a file for an upload, whatever `io_chunksize` says.
const MIN_IO_CHUNK: u64 = 4 * 1024;

impl Default for TransferConfig {
    fn default() -> Self {
        let (requests, parts) = concurrency(None, None);
        TransferConfig {
            multipart_threshold: 8 * MIB,
            multipart_chunksize: 8 * MIB,
            max_concurrent_requests: requests,
            parts_per_object: parts,
            io_chunksize: 256 * 1024,
            max_bandwidth: None,
        }
    }
}

/// (requests in flight for the command, parts of one object in flight). A count the user set
/// is honoured exactly, for both, as the CLI does. Otherwise [`DEFAULT_REQUESTS`], fewer when
/// the process may open fewer than two files per request (each holds a connection and, for a
/// download or a file's upload, the file), and [`DEFAULT_PARTS_PER_OBJECT`].
pub fn concurrency(explicit: Option<usize>, open_files: Option<u64>) -> (usize, usize) {
    if let Some(count) = explicit {
        return (count, count);
    }
    let by_files = open_files.map_or(DEFAULT_REQUESTS as u64, |limit| {
        limit.saturating_sub(RESERVED_FILES) / 2
    });
    let requests = (by_files as usize).clamp(1, DEFAULT_REQUESTS);
    (requests, DEFAULT_PARTS_PER_OBJECT.min(requests))
}

/// The process's limit of open files (its soft limit), where there is one.
fn open_file_limit() -> Option<u64> {
    #[cfg(unix)]
    {
        let mut limit = libc::rlimit {
            rlim_cur: 0,
            rlim_max: 0,
        };
        // SAFETY: getrlimit writes the struct it is given and nothing else.
        let ok = unsafe { libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) } == 0;
        // rlim_t is not u64 on every unix.
        #[allow(clippy::unnecessary_cast)]
        let current = limit.rlim_cur as u64;
        (ok && limit.rlim_cur != libc::RLIM_INFINITY).then_some(current)
    }
    #[cfg(not(unix))]
    {
        None
    }
}

impl TransferConfig {
    pub fn from_settings(settings: &Settings) -> Result<TransferConfig, Error> {
        let block = settings
            .profile_config
            .get("s3")
            .map(|b| parse_nested(b))
            .unwrap_or_default();
        let mut config = TransferConfig::default();
        if let Some(v) = block.get("multipart_threshold") {
            config.multipart_threshold = parse_size(v).map_err(Error::General)?;
        }
        if let Some(v) = block.get("multipart_chunksize") {
            config.multipart_chunksize = parse_size(v).map_err(Error::General)?;
        }
        let explicit = match block.get("max_concurrent_requests") {
            Some(v) => {
                let count: usize = positive("max_concurrent_requests", v.trim())?;
                // The CLI sets no ceiling; ours is what a semaphore can hold, far above any
                // useful value, so that a huge count is not a panic.
                Some(count.min(tokio::sync::Semaphore::MAX_PERMITS))
            }
            None => None,
        };
        (config.max_concurrent_requests, config.parts_per_object) =
            concurrency(explicit, explicit.is_none().then(open_file_limit).flatten());
        if let Some(v) = block.get("max_bandwidth") {
            let rate = parse_rate(v.trim()).map_err(Error::General)?;
            config.max_bandwidth = Some(positive("max_bandwidth", &rate.to_string())?);
        }
        // Read by the CLI, refused when malformed as it refuses it, but with nothing to tune
        // here: listings stream into a bounded pool (no task queue).
        if let Some(v) = block.get("max_queue_size") {
            positive::<usize>("max_queue_size", v.trim())?;
        }
        if let Some(v) = block.get("io_chunksize") {
            let size = parse_size(v).map_err(Error::General)?;
            config.io_chunksize = size.clamp(MIN_IO_CHUNK, MAX_PART) as usize;
        }
        Ok(config)
    }

    /// The part size for an upload of `size` bytes: the configured one within S3's limits,
    /// doubled until the object fits in 10,000 parts (as s3transfer adjusts it).
    pub fn upload_part_size(&self, size: u64) -> u64 {
        let mut part = self.multipart_chunksize.clamp(MIN_PART, MAX_PART);
        while size.div_ceil(part) > MAX_PARTS && part < MAX_PART {
            part = (part * 2).min(MAX_PART);
        }
        part
    }

    /// Ranged downloads have no minimum part, but a zero size would never end.
    pub fn download_part_size(&self) -> u64 {
        self.multipart_chunksize.max(1)
    }
}

/// The CLI's check of counts (and of rates once converted to bytes per second).
fn positive<T: std::str::FromStr + Default + PartialOrd>(name: &str, v: &str) -> Result<T, Error> {
    v.parse()
        .ok()
        .filter(|n| *n > T::default())
        .ok_or_else(|| Error::General(format!("Value for {name} must be a positive integer: {v}")))
}

/// The CLI v2's rate syntax: bytes per second, or a size (as [`parse_size`]) followed by
/// `B/s`, or by `b/s` for bits (divided by 8, rounded down).
pub fn parse_rate(text: &str) -> Result<u64, String> {
    if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) {
        return text
            .parse()
            .map_err(|_| format!("Invalid size value: {text}"));
    }
    if let Some(size) = text.strip_suffix("B/s") {
        // As the CLI, which cuts `/s` only: `10MB/s` is the size `10MB`.
        return parse_size(&format!("{size}B"));
    }
    if let Some(size) = text.strip_suffix("b/s") {
        return Ok(parse_size(&format!("{size}b"))? / 8);
    }
    Err(format!(
        "Invalid rate: {text}. The value must be expressed as an integer in terms of bytes per second (e.g. 10485760) or a rate in terms of bytes per second (e.g. 10MB/s or 800KB/s) or bits per second (e.g. 10Mb/s or 800Kb/s)"
    ))
}

/// The CLI's size syntax: bytes, or a number with `KB MB GB TB KiB MiB GiB TiB` (any case,
/// all powers of 1024).
pub fn parse_size(text: &str) -> Result<u64, String> {
    let invalid = || format!("Invalid size value: {text}");
    let lower = text.trim().to_ascii_lowercase();
    let suffix_len = if lower.ends_with("ib") { 3 } else { 2 };
    let split = lower.len().checked_sub(suffix_len);
    let unit = split.and_then(|at| lower.get(at..)).and_then(|suffix| {
        ["kb", "mb", "gb", "tb"]
            .iter()
            .position(|s| *s == suffix)
            .or_else(|| {
                ["kib", "mib", "gib", "tib"]
                    .iter()
                    .position(|s| *s == suffix)
            })
    });
    match (unit, split) {
        (Some(power), Some(at)) => {
            let number: u64 = lower[..at].trim().parse().map_err(|_| invalid())?;
            number
                .checked_mul(1024u64.pow(power as u32 + 1))
                .ok_or_else(invalid)
        }
        _ => lower.parse().map_err(|_| invalid()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn sizes_as_the_cli_reads_them() {
        assert_eq!(parse_size("8MB"), Ok(8 * MIB));
        assert_eq!(parse_size("64MiB"), Ok(64 * MIB));
        assert_eq!(parse_size("10kb"), Ok(10 * 1024));
        assert_eq!(parse_size("1GiB"), Ok(1024 * MIB));
        assert_eq!(parse_size("2TB"), Ok(2 * 1024 * 1024 * MIB));
        assert_eq!(parse_size("1048576"), Ok(MIB));
        assert_eq!(parse_size("10XB"), Err("Invalid size value: 10XB".into()));
        assert!(
            parse_size("MB").is_err() && parse_size("").is_err() && parse_size("1.5MB").is_err()
        );
    }

    #[test]
    fn part_sizes_stay_within_s3_limits() {
        let c = TransferConfig::default();
        assert_eq!(c.upload_part_size(100 * MIB), 8 * MIB);
        let small = TransferConfig {
            multipart_chunksize: 1,
            ..c
        };
        assert_eq!(small.upload_part_size(100 * MIB), MIN_PART);
        // 100,000 MiB in 8 MiB parts would be 12,500 parts: doubled to 16 MiB.
        assert_eq!(c.upload_part_size(100_000 * MIB), 16 * MIB);
    }

    #[test]
    fn a_set_count_is_honoured_and_the_default_fits_the_open_file_limit() {
        assert_eq!(concurrency(Some(10), Some(64)), (10, 10));
        assert_eq!(concurrency(Some(3), None), (3, 3));
        assert_eq!(concurrency(Some(500), Some(256)), (500, 500));
        assert_eq!(concurrency(None, None), (64, 10));
        assert_eq!(concurrency(None, Some(1024)), (64, 10));
        // macOS's usual 256: (256 - 32) / 2 = 112, more than needed.
        assert_eq!(concurrency(None, Some(256)), (64, 10));
        assert_eq!(concurrency(None, Some(64)), (16, 10));
        assert_eq!(concurrency(None, Some(40)), (4, 4));
        assert_eq!(concurrency(None, Some(10)), (1, 1));
    }

    #[test]
    fn rates_as_the_cli_reads_them() {
        assert_eq!(parse_rate("10485760"), Ok(10 * MIB));
        assert_eq!(parse_rate("1MB/s"), Ok(MIB));
        assert_eq!(parse_rate("800KB/s"), Ok(800 * 1024));
        assert_eq!(parse_rate("1GB/s"), Ok(1024 * MIB));
        assert_eq!(parse_rate("8Mb/s"), Ok(MIB));
        assert_eq!(parse_rate("1Kb/s"), Ok(128));
        assert_eq!(parse_rate("1b/s"), Err("Invalid size value: 1b".into()));
        assert_eq!(
            parse_rate("10MBps").unwrap_err(),
            "Invalid rate: 10MBps. The value must be expressed as an integer in terms of bytes per second (e.g. 10485760) or a rate in terms of bytes per second (e.g. 10MB/s or 800KB/s) or bits per second (e.g. 10Mb/s or 800Kb/s)"
        );
    }

    proptest! {
        #[test]
        fn parts_always_fit(size in 0u64..(60 * 1024 * 1024 * MIB), chunk in 0u64..(8 * 1024 * MIB)) {
            let c = TransferConfig { multipart_chunksize: chunk, ..TransferConfig::default() };
            let part = c.upload_part_size(size);
            prop_assert!((MIN_PART..=MAX_PART).contains(&part));
            prop_assert!(size.div_ceil(part) <= MAX_PARTS || part == MAX_PART);
        }
    }
}
