//! The `s3` commands and the S3 operations, against moto and s3s-fs.

mod bandwidth;
mod buckets;
mod cp;
mod cp_faults;
mod cp_heavy_faults;
mod cp_memory;
mod cp_multipart_copy;
mod cp_options;
mod cp_recursive;
mod cp_retries;
mod ls;
mod mv;
mod ops;
mod presign;
mod redirect;
mod rm;
mod sync;
