//! `awsctl help` (the top page) and the help topics (`awsctl help config-vars`), in our own
//! words.

use std::fmt::Write as _;

use super::globals;
use super::text::wrap;

/// A topic: its name, a one-line summary, and its text (paragraphs separated by blank lines;
/// lines that start with spaces are kept as they are).
struct Topic {
    name: &'static str,
    summary: &'static str,
    body: &'static str,
}

const TOPICS: &[Topic] = &[
    Topic {
        name: "config-vars",
        summary: "The settings of the config files, the environment variables, and which wins",
        body: CONFIG_VARS,
    },
    Topic {
        name: "return-codes",
        summary: "What each exit code means",
        body: RETURN_CODES,
    },
    Topic {
        name: "topics",
        summary: "The list of help topics",
        body: "",
    },
];

const CONFIG_VARS: &str = "\
A setting is taken from the first place that has it: the command-line option, then the \
environment variable, then the profile in the config files, then the default.

The config file is ~/.aws/config (AWS_CONFIG_FILE moves it) and the credentials file is \
~/.aws/credentials (AWS_SHARED_CREDENTIALS_FILE). In the config file the default profile is \
[default] and the others are [profile NAME]; in the credentials file every profile is [NAME]. \
The profile is --profile, else AWS_PROFILE, else AWS_DEFAULT_PROFILE, else default.

Settings (option / environment variable / profile key):

  region          --region / AWS_REGION, AWS_DEFAULT_REGION / region
  output          --output / AWS_DEFAULT_OUTPUT / output
  endpoint URL    --endpoint-url / AWS_ENDPOINT_URL_<SERVICE>, AWS_ENDPOINT_URL
                  / endpoint_url, or a [services] block
  CA bundle       --ca-bundle / AWS_CA_BUNDLE / ca_bundle
  retry attempts  AWS_MAX_ATTEMPTS / max_attempts
  retry mode      AWS_RETRY_MODE / retry_mode (standard, adaptive)
  timestamps      cli_timestamp_format (iso8601, wire)
  binary input    --cli-binary-format / cli_binary_format (base64, raw-in-base64-out)
  error format    --cli-error-format / AWS_CLI_ERROR_FORMAT / cli_error_format
  pager           --no-cli-pager / AWS_PAGER / cli_pager, then PAGER
  keys            AWS_ACCESS_KEY_ID / aws_access_key_id
                  AWS_SECRET_ACCESS_KEY / aws_secret_access_key
                  AWS_SESSION_TOKEN / aws_session_token
  roles           role_arn, source_profile, mfa_serial, web_identity_token_file
  other sources   credential_process, credential_source, container and instance credentials

The pager: when standard output is a terminal, output is written through the pager named by \
AWS_PAGER, else the profile's cli_pager, else PAGER, else less (more on Windows). An empty \
value turns paging off, and so does --no-cli-pager. When LESS is not set, less is started with \
LESS=FRX: it quits by itself when the output fits on one screen, keeps colours, and does not \
clear the screen. Output that goes to a pipe or a file is never paged.

An empty environment variable counts as unset. docs/configuration.md and docs/credentials.md in \
awsctl's source tell the whole story: every setting, the credential chain, endpoints and \
retries.";

const RETURN_CODES: &str = "\
0     The command succeeded.

1     An s3 command failed on at least one file (or s3 ls was given a prefix that matches \
nothing).

2     An s3 command skipped some files with a warning (a local file it cannot read, an \
object in GLACIER) and nothing failed.

130   The command was interrupted (Ctrl-C).

252   The command line is wrong: an unknown option, a missing or invalid argument, or a \
parameter the service's model refuses.

253   The configuration is incomplete or invalid: no region, no credentials, or a pager that \
cannot be started.

254   The service answered with an error (An error occurred (Code) when calling the Op \
operation: ...).

255   Anything else: an unknown profile, a malformed config file, a connection failure or a \
timeout.";

/// The names of the topics, for completion.
pub fn names() -> impl Iterator<Item = &'static str> {
    TOPICS.iter().map(|t| t.name)
}

fn paragraphs(body: &str, width: usize) -> String {
    let mut out = String::new();
    for paragraph in body.split("\n\n") {
        if !out.is_empty() {
            out.push('\n');
        }
        let code = paragraph
            .split_once(' ')
            .filter(|(c, _)| !c.is_empty() && c.chars().all(|ch| ch.is_ascii_digit()));
        if let Some((code, text)) = code {
            // `252   The command line ...`: the text hangs at one column after the code.
            let wrapped = wrap(text, 13, 13, width);
            out.push_str(&format!("       {code:<6}{}", &wrapped[13..]));
        } else if paragraph.starts_with(' ') {
            for line in paragraph.lines() {
                let _ = writeln!(out, "       {line}");
            }
        } else {
            out.push_str(&wrap(paragraph, 7, 7, width));
        }
    }
    out
}

/// `awsctl help <topic>`; `None` for a name that is not a topic.
pub fn topic(name: &str, width: usize) -> Option<String> {
    let topic = TOPICS.iter().find(|t| t.name == name)?;
    if topic.name == "topics" {
        return Some(list(width));
    }
    Some(format!(
        "NAME\n       {} - {}\n\nDESCRIPTION\n{}",
        topic.name,
        topic.summary,
        paragraphs(topic.body, width)
    ))
}

fn list(width: usize) -> String {
    let mut out = String::from("NAME\n       topics -\n\nAVAILABLE TOPICS\n");
    for t in TOPICS {
        out.push_str(&wrap(&format!("o {}: {}", t.name, t.summary), 7, 9, width));
        out.push('\n');
    }
    out
}

/// `awsctl help`: what awsctl is, how a command line is built, the global options, the
/// commands and the topics.
pub fn top(commands: &[String], width: usize) -> String {
    let mut out = String::from("NAME\n       awsctl -\n\nDESCRIPTION\n");
    out.push_str(&paragraphs(
        "awsctl is a command line interface to AWS: every service and operation of the AWS \
         CLI v2's models, with its arguments, output formats and exit codes, in a single fast \
         binary.\n\n\
         Help is available at every level: awsctl <command> help lists a service's commands, \
         awsctl <command> <subcommand> help documents one command's options and output, and \
         awsctl help <topic> explains a topic (awsctl help topics lists them). Shell \
         completion: awsctl completion bash|zsh|fish|powershell.",
        width,
    ));
    out.push_str(
        "\nSYNOPSIS\n          awsctl [options] <command> <subcommand> [parameters]\n\n\
         GLOBAL OPTIONS\n",
    );
    out.push_str(&globals::options(width));
    out.push_str("AVAILABLE SERVICES\n");
    for c in commands {
        let _ = writeln!(out, "       o {c}\n");
    }
    out.push_str("AVAILABLE TOPICS\n");
    for t in TOPICS {
        out.push_str(&wrap(&format!("o {}: {}", t.name, t.summary), 7, 9, width));
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn topics_are_found_and_others_are_not() {
        let page = topic("config-vars", 80).unwrap();
        assert!(page.starts_with("NAME\n       config-vars - "), "{page}");
        assert!(page.contains("LESS=FRX"), "{page}");
        assert!(page.lines().all(|l| l.len() <= 100), "{page}");
        assert!(topic("return-codes", 80).unwrap().contains("253"));
        assert!(topic("topics", 80).unwrap().contains("o config-vars: "));
        assert!(topic("nope", 80).is_none());
    }
}
