//! The order of the chain, written in one place. A source answers with credentials, with
//! "nothing here" (`Ok(None)`: try the next one), or with an error that stops the chain.

use super::{Credentials, CredentialsError, Source, environment, profile_keys};
use crate::config::SharedConfig;
use crate::env::Env;

/// What the sources may look at, injected so that every case can be tested.
pub struct ChainContext<'a> {
    pub env: &'a Env,
    pub files: &'a SharedConfig,
    pub profile: &'a str,
    /// `--profile` on the command line removes the environment from the chain.
    pub profile_from_cli: bool,
}

/// The sources to try, in order, for this invocation.
fn sources(ctx: &ChainContext) -> Vec<Source> {
    let mut order = Vec::with_capacity(3);
    if !ctx.profile_from_cli {
        order.push(Source::Environment);
    }
    order.extend([Source::SharedCredentialsFile, Source::ConfigFile]);
    order
}

fn load(source: Source, ctx: &ChainContext) -> Result<Option<Credentials>, CredentialsError> {
    match source {
        Source::Environment => environment::load(ctx.env),
        Source::SharedCredentialsFile => profile_keys::load(
            ctx.files.credentials_profile(ctx.profile),
            Source::SharedCredentialsFile,
        ),
        Source::ConfigFile => {
            profile_keys::load(ctx.files.config_profile(ctx.profile), Source::ConfigFile)
        }
    }
}

/// Walks the chain and returns the first credentials found.
pub fn resolve(ctx: &ChainContext) -> Result<Credentials, CredentialsError> {
    for source in sources(ctx) {
        if let Some(credentials) = load(source, ctx)? {
            return Ok(credentials);
        }
    }
    Err(CredentialsError::NotFound)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(config: &str, credentials: &str) -> SharedConfig {
        SharedConfig::from_strings(config, credentials)
    }

    fn run(
        env: &[(&str, &str)],
        files: &SharedConfig,
        profile: &str,
        from_cli: bool,
    ) -> Result<Credentials, CredentialsError> {
        let env = Env::from_pairs(env.iter().copied());
        resolve(&ChainContext {
            env: &env,
            files,
            profile,
            profile_from_cli: from_cli,
        })
    }

    const ENV: [(&str, &str); 2] = [
        ("AWS_ACCESS_KEY_ID", "AKIAENV"),
        ("AWS_SECRET_ACCESS_KEY", "envsecret"),
    ];

    #[test]
    fn environment_beats_the_files_and_aws_profile() {
        let f = files(
            "[profile dev]\naws_access_key_id = AKIACONF\naws_secret_access_key = s\n",
            "[dev]\naws_access_key_id = AKIAFILE\naws_secret_access_key = s\n",
        );
        let c = run(&ENV, &f, "dev", false).unwrap();
        assert_eq!(
            (c.access_key_id.as_str(), c.source),
            ("AKIAENV", Source::Environment)
        );
    }

    #[test]
    fn profile_on_the_command_line_removes_the_environment() {
        let f = files(
            "",
            "[dev]\naws_access_key_id = AKIAFILE\naws_secret_access_key = s\n",
        );
        let c = run(&ENV, &f, "dev", true).unwrap();
        assert_eq!(
            (c.access_key_id.as_str(), c.source.name()),
            ("AKIAFILE", "shared-credentials-file")
        );
    }

    #[test]
    fn credentials_file_beats_config_file_for_the_same_profile() {
        let f = files(
            "[default]\naws_access_key_id = AKIACONF\naws_secret_access_key = s\n",
            "[default]\naws_access_key_id = AKIAFILE\naws_secret_access_key = s\n",
        );
        assert_eq!(
            run(&[], &f, "default", false).unwrap().access_key_id,
            "AKIAFILE"
        );
        let f = files(
            "[default]\naws_access_key_id = AKIACONF\naws_secret_access_key = s\naws_session_token = t\n",
            "",
        );
        let c = run(&[], &f, "default", false).unwrap();
        assert_eq!(
            (c.access_key_id.as_str(), c.source.name()),
            ("AKIACONF", "config-file")
        );
        assert_eq!(c.session_token.unwrap().expose(), "t");
    }

    #[test]
    fn partial_credentials_stop_the_chain() {
        let f = files(
            "",
            "[default]\naws_access_key_id = AKIAFILE\naws_secret_access_key = s\n",
        );
        let err = run(&[("AWS_ACCESS_KEY_ID", "AKIA")], &f, "default", false).unwrap_err();
        assert_eq!(
            err.to_string(),
            "Partial credentials found in env, missing: AWS_SECRET_ACCESS_KEY"
        );
        let f = files("", "[default]\naws_access_key_id = AKIAFILE\n");
        let err = run(&[], &f, "default", false).unwrap_err();
        assert_eq!(
            err.to_string(),
            "Partial credentials found in shared-credentials-file, missing: aws_secret_access_key"
        );
    }

    #[test]
    fn nothing_anywhere_is_not_found() {
        assert_eq!(
            run(&[], &files("[default]\nregion = x\n", ""), "default", false).unwrap_err(),
            CredentialsError::NotFound
        );
    }
}
