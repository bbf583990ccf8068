//! `iam` calls on moto, the offline policy simulator and its oracle.

mod commands;
mod oracle;
mod simulate;
