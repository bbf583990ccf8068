//! The codecs: against moto, and botocore's protocol compliance suites.

mod codec_moto;
mod suites;
