//! `rds add-option-to-option-group` and `rds remove-option-from-option-group`: the CLI's two
//! commands in place of `modify-option-group` (service.rs), each with the one list it is for
//! named `--options` (renames.rs) and the other list taken out.

use super::{Customization, Given};
use crate::driver::call::Call;
use crate::error::Error;

pub const ADD: Customization = Customization {
    commands: &[("rds", "add-option-to-option-group")],
    arguments: &[],
    optional: &[],
    hidden: &[],
    removed: &["options-to-remove"],
    apply: nothing,
    before_build: None,
};

pub const REMOVE: Customization = Customization {
    commands: &[("rds", "remove-option-from-option-group")],
    arguments: &[],
    optional: &[],
    hidden: &[],
    removed: &["options-to-include"],
    apply: nothing,
    before_build: None,
};

fn nothing(_: &Given, _: &mut Call) -> Result<(), Error> {
    Ok(())
}
