//! The SigV4 signer: presigned URLs checked by s3s-fs, and the public signing test vectors.

mod presign;
mod vectors;
