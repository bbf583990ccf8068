//! `service-quotas` against moto and, for the calls moto lacks, a small fake.

mod fake;
mod moto;
