//! What the engine has done so far, for a progress display: bytes and files, counted as
//! transfers start and parts complete. Plain cells: every future runs on one thread.

use std::cell::Cell;
use std::time::Instant;

#[derive(Debug)]
pub struct Progress {
    pub started_at: Instant,
    bytes_done: Cell<u64>,
    bytes_expected: Cell<u64>,
    files_started: Cell<u64>,
    files_done: Cell<u64>,
}

/// A snapshot of [`Progress`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Figures {
    pub bytes_done: u64,
    pub bytes_expected: u64,
    pub files_remaining: u64,
}

impl Default for Progress {
    fn default() -> Self {
        Progress {
            started_at: Instant::now(),
            bytes_done: Cell::new(0),
            bytes_expected: Cell::new(0),
            files_started: Cell::new(0),
            files_done: Cell::new(0),
        }
    }
}

impl Progress {
    pub fn started(&self, size: u64) {
        self.bytes_expected.set(self.bytes_expected.get() + size);
        self.files_started.set(self.files_started.get() + 1);
    }

    pub fn advanced(&self, bytes: u64) {
        self.bytes_done.set(self.bytes_done.get() + bytes);
    }

    pub fn finished(&self) {
        self.files_done.set(self.files_done.get() + 1);
    }

    pub fn figures(&self) -> Figures {
        Figures {
            bytes_done: self.bytes_done.get(),
            bytes_expected: self.bytes_expected.get(),
            files_remaining: self.files_started.get() - self.files_done.get(),
        }
    }
}
