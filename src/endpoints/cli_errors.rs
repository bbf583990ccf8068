//! The text the AWS CLI shows when the rules refuse a request: most rule errors as they
//! are, a few of S3's, S3 Control's and EventBridge's under the older error types the CLI
//! keeps for them (`Unsupported configuration when using S3 access-points: ...`).

use super::{Params, Val};

/// The CLI's message for a rule error of this service.
pub fn cli_text(service: &str, message: &str, params: &Params) -> String {
    if let Some(rest) = message.strip_prefix("Invalid region in ARN: ") {
        let label = rest.split('`').nth(1).unwrap_or(message);
        return format!(
            "Invalid host label to be bound to the hostname of the endpoint: \"{label}\"."
        );
    }
    let starts = |prefixes: &[&str]| prefixes.iter().any(|p| message.starts_with(p));
    match service {
        "s3" => {
            if message == "S3 Object Lambda does not support S3 Accelerate"
                || message == "Accelerate cannot be used with FIPS"
            {
                return format!("Unsupported configuration when using S3: {message}");
            }
            if starts(&[
                "S3 Outposts does not support",
                "S3 MRAP does not support",
                "S3 Object Lambda does not support",
                "Access Points do not support",
                "Invalid configuration:",
                "Client was configured for partition",
            ]) {
                return format!("Unsupported configuration when using S3 access-points: {message}");
            }
            if message.to_ascii_lowercase().starts_with("invalid arn:") {
                return format!("Parameter validation failed:\n{message}");
            }
        }
        "s3control" => {
            if message.starts_with("Invalid ARN:") {
                let arn = match params.get("Bucket") {
                    Some(Val::Str(arn)) => arn.as_str(),
                    _ => "None",
                };
                return format!(
                    "S3 ARN \"{arn}\" provided is invalid for this operation. {message}"
                );
            }
            if starts(&[
                "Invalid configuration:",
                "Client was configured for partition",
            ]) {
                return format!("Unsupported configuration when using S3 Control: {message}");
            }
            if message == "AccountId is required but not set" {
                return format!("Parameter validation failed:\n{message}");
            }
        }
        "events"
            if message.starts_with(
                "Invalid Configuration: FIPS is not supported with EventBridge multi-region endpoints.",
            ) =>
        {
            return format!("Invalid endpoint configuration: {message}");
        }
        _ => {}
    }
    message.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn s3_access_point_errors_carry_the_clis_prefix() {
        let none = Params::new();
        let msg = "Invalid configuration: region from ARN `us-west-2` does not match client region `us-east-1` and UseArnRegion is `false`";
        assert_eq!(
            cli_text("s3", msg, &none),
            format!("Unsupported configuration when using S3 access-points: {msg}")
        );
        assert_eq!(
            cli_text("s3control", msg, &none),
            format!("Unsupported configuration when using S3 Control: {msg}")
        );
        assert_eq!(
            cli_text(
                "s3",
                "Invalid region in ARN: `us-we$t-2` (invalid DNS name)",
                &none
            ),
            "Invalid host label to be bound to the hostname of the endpoint: \"us-we$t-2\"."
        );
        let fips = "Invalid Configuration: FIPS and custom endpoint are not supported";
        assert_eq!(cli_text("dynamodb", fips, &none), fips);
    }
}
