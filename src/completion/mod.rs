//! Shell completion: `awsctl completion <shell>` prints a script that calls back into
//! `awsctl __complete <shell>` with the line and the cursor (`COMP_LINE`, `COMP_POINT`),
//! which answers from the models and the config files.

mod answer;
mod sources;

use std::io::Write;

pub use answer::{Line, Sources, candidates};

use crate::env::Env;
use crate::error::Error;

/// `awsctl __complete <shell>`: the candidates for `COMP_LINE` up to `COMP_POINT`, one a
/// line, in the shell's form. Always succeeds: a completion prints nothing rather than fail.
pub fn complete(words: &[String], env: Env) -> u8 {
    let shell = words.first().map(String::as_str).unwrap_or("bash");
    let line = env.get_raw("COMP_LINE").unwrap_or_default().to_string();
    let point = env
        .get("COMP_POINT")
        .and_then(|p| p.parse().ok())
        .unwrap_or(line.len());
    let line = Line::parse(&line, point);
    let found = candidates(&line, &sources::Real { env });
    let mut out = String::new();
    for candidate in format(shell, &line.current, found) {
        out.push_str(&candidate);
        out.push('\n');
    }
    let _ = std::io::stdout().write_all(out.as_bytes());
    0
}

/// bash replaces only the part of the word after its last `:` or `=` (its word breaks), and
/// adds no space by itself (`-o nospace`, so that `s3://bucket/dir/` can go on): a finished
/// word gets its space here.
pub fn format(shell: &str, current: &str, found: Vec<String>) -> Vec<String> {
    if shell != "bash" {
        return found;
    }
    let cut = current.rfind([':', '=']).map_or(0, |i| i + 1);
    found
        .into_iter()
        .map(|c| {
            let mut c = c.get(cut..).unwrap_or_default().to_string();
            if !c.ends_with('/') {
                c.push(' ');
            }
            c
        })
        .collect()
}

/// The shells a script is written for.
pub const SHELLS: &[&str] = &["bash", "zsh", "fish", "powershell"];

/// `awsctl completion <shell>`.
pub fn script(words: &[String]) -> Result<String, Error> {
    let shell = match words {
        [shell] => shell.as_str(),
        [] => {
            return Err(Error::ParamValidation {
                message: "the following arguments are required: shell".into(),
                usage: true,
            });
        }
        [_, extra, ..] => {
            return Err(Error::ParamValidation {
                message: format!("Unknown options: {extra}"),
                usage: true,
            });
        }
    };
    Ok(match shell {
        "bash" => BASH,
        "zsh" => ZSH,
        "fish" => FISH,
        "powershell" => POWERSHELL,
        other => {
            return Err(Error::ArgParse(crate::driver::suggest::invalid_choice(
                "shell",
                other,
                SHELLS.iter().copied(),
            )));
        }
    }
    .to_string())
}

const BASH: &str = r#"# awsctl completion for bash: eval "$(awsctl completion bash)" in ~/.bashrc
_awsctl_complete() {
    local IFS=$'\n'
    COMPREPLY=($(COMP_LINE="$COMP_LINE" COMP_POINT="$COMP_POINT" command awsctl __complete bash 2>/dev/null))
}
complete -o nospace -o default -F _awsctl_complete awsctl
"#;

const ZSH: &str = r#"#compdef awsctl
# awsctl completion for zsh: eval "$(awsctl completion zsh)" in ~/.zshrc (after compinit)
_awsctl() {
    local line="${(j: :)words[1,CURRENT]}"
    local -a candidates
    candidates=("${(@f)$(COMP_LINE="$line" COMP_POINT="${#line}" command awsctl __complete zsh 2>/dev/null)}")
    local c
    for c in "${candidates[@]}"; do
        [[ -z $c ]] && continue
        if [[ $c == */ ]]; then compadd -Q -S '' -- "$c"; else compadd -Q -- "$c"; fi
    done
}
compdef _awsctl awsctl
"#;

const FISH: &str = r#"# awsctl completion for fish: awsctl completion fish > ~/.config/fish/completions/awsctl.fish
function __awsctl_complete
    set -l line (commandline -cp)
    env COMP_LINE="$line" COMP_POINT=(string length -- "$line") awsctl __complete fish 2>/dev/null
end
complete -c awsctl -f -a '(__awsctl_complete)'
"#;

const POWERSHELL: &str = r#"# awsctl completion for PowerShell: awsctl completion powershell | Out-String | Invoke-Expression
Register-ArgumentCompleter -Native -CommandName awsctl -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)
    $line = $commandAst.ToString()
    $point = $cursorPosition - $commandAst.Extent.StartOffset
    if ($line.Length -lt $point) { $line = $line.PadRight($point) }
    $env:COMP_LINE = $line
    $env:COMP_POINT = $point
    awsctl __complete powershell 2>$null | ForEach-Object {
        [System.Management.Automation.CompletionResult]::new($_, $_, 'ParameterValue', $_)
    }
    Remove-Item Env:\COMP_LINE, Env:\COMP_POINT
}
"#;
