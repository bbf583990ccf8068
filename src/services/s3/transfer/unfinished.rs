//! What an interrupted command must undo: multipart uploads created and not yet completed or
//! aborted, and temporary download files not yet renamed or removed. Transfers register
//! them while they run; after Ctrl-C, [`Engine::clean_up`] aborts and removes what is left.

use std::cell::RefCell;
use std::path::{Path, PathBuf};

use super::{Engine, ObjectClient};

#[derive(Debug, Default)]
pub struct Unfinished {
    /// (bucket, key, upload id)
    uploads: RefCell<Vec<(String, String, String)>>,
    temp_files: RefCell<Vec<PathBuf>>,
}

impl Unfinished {
    pub fn upload_started(&self, bucket: &str, key: &str, id: &str) {
        self.uploads
            .borrow_mut()
            .push((bucket.into(), key.into(), id.into()));
    }

    pub fn upload_ended(&self, id: &str) {
        self.uploads.borrow_mut().retain(|(_, _, i)| i != id);
    }

    pub fn temp_created(&self, path: &Path) {
        self.temp_files.borrow_mut().push(path.to_path_buf());
    }

    pub fn temp_gone(&self, path: &Path) {
        self.temp_files.borrow_mut().retain(|p| p != path);
    }
}

impl<C: ObjectClient> Engine<'_, C> {
    /// After an interruption (the transfers' futures dropped): aborts every multipart upload
    /// left open and removes every temporary file, so that nothing half-done remains.
    pub async fn clean_up(&self) {
        for path in self.unfinished.temp_files.take() {
            let _ = std::fs::remove_file(path);
        }
        for (bucket, key, id) in self.unfinished.uploads.take() {
            if let Err(e) = self.client.abort_multipart_upload(&bucket, &key, &id).await {
                self.session.log().log(
                    "awsctl.s3.transfer",
                    format_args!("Aborting the interrupted multipart upload failed: {e}"),
                );
            }
        }
    }
}
