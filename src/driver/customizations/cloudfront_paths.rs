//! `cloudfront create-invalidation --paths /a /b`: the invalidation batch built for you, with a
//! caller reference `cli-<seconds>-<random>` as the CLI makes it; `--invalidation-batch`
//! becomes optional and cannot be given with `--paths`.

use serde_json::json;

use super::{Customization, ExtraArgument, Given};
use crate::driver::argparse::{Conversion, Nargs};
use crate::driver::call::Call;
use crate::error::Error;

pub const CUSTOMIZATION: Customization = Customization {
    commands: &[("cloudfront", "create-invalidation")],
    arguments: &[ExtraArgument {
        name: "paths",
        nargs: Nargs::AtLeastOne,
        conversion: Conversion::Text,
    }],
    optional: &["invalidation-batch"],
    hidden: &[],
    removed: &[],
    apply,
    before_build: None,
};

fn apply(given: &Given, call: &mut Call) -> Result<(), Error> {
    let Some(paths) = given.all("paths") else {
        return Ok(());
    };
    if call.params.contains_key("InvalidationBatch") {
        return Err(Error::ParamValidation {
            message: "The key \"paths\" cannot be specified when one of the following keys are also specified: invalidation_batch".into(),
            usage: false,
        });
    }
    call.params.insert(
        "InvalidationBatch".into(),
        json!({
            "CallerReference": unique_string("cli"),
            "Paths": {"Quantity": paths.len(), "Items": paths},
        }),
    );
    Ok(())
}

/// `PREFIX-<seconds>-<random>`, the CLI's caller references and origin ids.
pub fn unique_string(prefix: &str) -> String {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    format!("{prefix}-{seconds}-{}", rand::random_range(1..=1_000_000))
}
