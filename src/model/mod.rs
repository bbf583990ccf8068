//! botocore's service models: the shapes, operations and metadata every generated command
//! is built from, loaded one service at a time from the processed models in `models/`.

mod catalog;
pub mod embedded;
pub mod operation;
pub mod service;
pub mod shape;

pub use embedded::{exists, service, service_names};
pub use operation::{Metadata, Operation, Protocol};
pub use service::{ModelError, ServiceModel};
pub use shape::{Location, Shape, ShapeRef, ShapeType};
