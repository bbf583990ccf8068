//! botocore's client-side parameter validation, which checks only minimums (lengths of
//! strings and lists, values of integers) and reports every failure at once (exit 252).

use crate::error::Error;

#[derive(Default)]
pub struct Validator {
    failures: Vec<String>,
}

impl Validator {
    pub fn min_length(&mut self, name: &str, value: Option<&str>, min: usize) -> &mut Self {
        if let Some(v) = value
            && v.chars().count() < min
        {
            self.failures.push(format!(
                "Invalid length for parameter {name}, value: {}, valid min length: {min}",
                v.chars().count()
            ));
        }
        self
    }

    pub fn min_value(&mut self, name: &str, value: Option<i64>, min: i64) -> &mut Self {
        if let Some(v) = value
            && v < min
        {
            self.failures.push(format!(
                "Invalid value for parameter {name}, value: {v}, valid min value: {min}"
            ));
        }
        self
    }

    pub fn finish(&mut self) -> Result<(), Error> {
        if self.failures.is_empty() {
            return Ok(());
        }
        Err(Error::ParamValidation {
            message: format!("Parameter validation failed:\n{}", self.failures.join("\n")),
            usage: false,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_every_failure_in_botocores_words() {
        let err = Validator::default()
            .min_length("RoleArn", Some("a"), 20)
            .min_value("DurationSeconds", Some(100), 900)
            .min_length("ExternalId", None, 2)
            .finish()
            .unwrap_err();
        assert_eq!(
            err.render(),
            "\naws: [ERROR]: An error occurred (ParamValidation): Parameter validation failed:\nInvalid length for parameter RoleArn, value: 1, valid min length: 20\nInvalid value for parameter DurationSeconds, value: 100, valid min value: 900\n"
        );
        assert_eq!(err.exit_code(), 252);
    }
}
