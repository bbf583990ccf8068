//! A rule set read once into a tree the evaluator walks without looking anything up by name:
//! variables become slots, functions an enum, `getAttr` paths and templates are parsed
//! ahead of time.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::{Map, Value};

use super::value::{Step, Val, parse_path};

/// A rule set that is not botocore's version 1.0 format. Only a corrupt build or a test's
/// own rule set can produce one.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the endpoint rule set cannot be read: {0}")]
pub struct RuleSetError(pub String);

fn bad<T>(detail: impl Into<String>) -> Result<T, RuleSetError> {
    Err(RuleSetError(detail.into()))
}

/// A parameter's declared type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamType {
    String,
    Boolean,
    StringArray,
}

impl ParamType {
    pub fn name(self) -> &'static str {
        match self {
            ParamType::String => "string",
            ParamType::Boolean => "boolean",
            ParamType::StringArray => "stringArray",
        }
    }

    pub fn accepts(self, value: &Val) -> bool {
        match (self, value) {
            (ParamType::String, Val::Str(_)) | (ParamType::Boolean, Val::Bool(_)) => true,
            (ParamType::StringArray, Val::Array(items)) => {
                items.iter().all(|v| matches!(v, Val::Str(_)))
            }
            _ => false,
        }
    }
}

/// One declared parameter. Its slot is its position in `RuleSet::params`.
#[derive(Debug, Clone)]
pub struct Param {
    pub name: String,
    pub ty: ParamType,
    /// `AWS::Region`, `SDK::Endpoint`, `AWS::S3::ForcePathStyle`, ...
    pub built_in: Option<String>,
    pub required: bool,
    pub default: Option<Val>,
}

/// A rule set ready to evaluate any number of times. Its trees are parsed the first time an
/// evaluation enters them: a request walks a small part of a large rule set (S3's is 120 KB),
/// and only pays for that part.
#[derive(Debug)]
pub struct RuleSet {
    pub params: Vec<Param>,
    pub(crate) rules: Lazy,
    /// Variable names and their slots: parameters first, then every name an `assign`
    /// introduces, growing as trees are parsed.
    pub(crate) names: Mutex<HashMap<String, usize>>,
}

#[derive(Debug)]
pub(crate) struct Rule {
    pub conditions: Vec<Condition>,
    pub kind: RuleKind,
}

#[derive(Debug)]
pub(crate) enum RuleKind {
    Endpoint(Box<EndpointRule>),
    Error(Expr),
    Tree(Lazy),
}

/// A list of rules kept as text until first needed.
#[derive(Debug)]
pub(crate) struct Lazy {
    raw: &'static RawValue,
    parsed: OnceLock<Result<Vec<Rule>, RuleSetError>>,
}

impl Lazy {
    fn new(raw: &'static RawValue) -> Lazy {
        Lazy {
            raw,
            parsed: OnceLock::new(),
        }
    }

    pub fn rules(&self, names: &Mutex<HashMap<String, usize>>) -> Result<&[Rule], RuleSetError> {
        let parsed = self.parsed.get_or_init(|| {
            let raw: Vec<RawRule<'static>> =
                serde_json::from_str(self.raw.get()).map_err(|e| RuleSetError(e.to_string()))?;
            let mut names = names.lock().expect("never poisoned");
            let mut reader = Reader { names: &mut names };
            raw.into_iter().map(|r| reader.rule(r)).collect()
        });
        parsed.as_deref().map_err(Clone::clone)
    }
}

/// One rule as the text has it; nested rules stay text.
#[derive(Deserialize)]
struct RawRule<'a> {
    #[serde(rename = "type")]
    kind: &'a str,
    #[serde(default)]
    conditions: Vec<Value>,
    #[serde(borrow)]
    rules: Option<&'a RawValue>,
    endpoint: Option<Value>,
    error: Option<Value>,
}

#[derive(Deserialize)]
struct RawRuleSet<'a> {
    version: &'a str,
    #[serde(default)]
    parameters: Map<String, Value>,
    #[serde(borrow)]
    rules: &'a RawValue,
}

#[derive(Debug)]
pub(crate) struct EndpointRule {
    pub url: Expr,
    pub headers: Vec<(String, Vec<Expr>)>,
    pub properties: Vec<(String, Expr)>,
}

#[derive(Debug)]
pub(crate) struct Condition {
    pub call: Call,
    pub assign: Option<usize>,
}

#[derive(Debug)]
pub(crate) enum Expr {
    Lit(Val),
    Template(Vec<Piece>),
    Ref(usize),
    Call(Box<Call>),
    Array(Vec<Expr>),
    Record(Vec<(String, Expr)>),
}

#[derive(Debug)]
pub(crate) enum Piece {
    Text(String),
    Var(usize, Vec<Step>),
}

#[derive(Debug)]
pub(crate) struct Call {
    pub func: Func,
    pub args: Vec<Expr>,
}

#[derive(Debug)]
pub(crate) enum Func {
    BooleanEquals,
    StringEquals,
    IsSet,
    Not,
    GetAttr(Vec<Step>),
    Substring,
    UriEncode,
    ParseUrl,
    IsValidHostLabel,
    Partition,
    ParseArn,
    IsVirtualHostableS3Bucket,
}

impl RuleSet {
    /// Reads the parameters; the rules are read as evaluations reach them. The text lives
    /// as long as the process (the models' text does).
    pub fn parse(text: &'static str) -> Result<RuleSet, RuleSetError> {
        let raw: RawRuleSet<'static> =
            serde_json::from_str(text).map_err(|e| RuleSetError(e.to_string()))?;
        if raw.version != "1.0" {
            return bad(format!("version {:?} is not 1.0", raw.version));
        }
        let mut names = HashMap::new();
        let mut params = Vec::new();
        for (name, p) in &raw.parameters {
            let ty = match p.get("type").and_then(Value::as_str) {
                // A few older rule sets capitalise the type.
                Some("string" | "String") => ParamType::String,
                Some("boolean" | "Boolean") => ParamType::Boolean,
                Some("stringArray") => ParamType::StringArray,
                other => return bad(format!("parameter {name} has type {other:?}")),
            };
            Reader { names: &mut names }.slot(name);
            params.push(Param {
                name: name.clone(),
                ty,
                built_in: p.get("builtIn").and_then(Value::as_str).map(str::to_string),
                required: p.get("required").and_then(Value::as_bool).unwrap_or(false),
                default: p.get("default").and_then(Val::from_json),
            });
        }
        Ok(RuleSet {
            params,
            rules: Lazy::new(raw.rules),
            names: Mutex::new(names),
        })
    }

    /// Parses every tree now (for tests that check a whole rule set reads).
    pub fn parse_all(&self) -> Result<usize, RuleSetError> {
        fn walk(rules: &[Rule], set: &RuleSet) -> Result<usize, RuleSetError> {
            let mut count = rules.len();
            for rule in rules {
                if let RuleKind::Tree(children) = &rule.kind {
                    count += walk(children.rules(&set.names)?, set)?;
                }
            }
            Ok(count)
        }
        walk(self.rules.rules(&self.names)?, self)
    }
}

struct Reader<'n> {
    names: &'n mut HashMap<String, usize>,
}

impl Reader<'_> {
    fn slot(&mut self, name: &str) -> usize {
        let next = self.names.len();
        *self.names.entry(name.to_string()).or_insert(next)
    }

    fn reference(&self, name: &str) -> Result<usize, RuleSetError> {
        match self.names.get(name) {
            Some(slot) => Ok(*slot),
            None => bad(format!("reference to an unknown name {name}")),
        }
    }

    fn rule(&mut self, rule: RawRule<'static>) -> Result<Rule, RuleSetError> {
        let mut conditions = Vec::new();
        for c in &rule.conditions {
            let call = self.call(c)?;
            let assign = c
                .get("assign")
                .and_then(Value::as_str)
                .map(|name| self.slot(name));
            conditions.push(Condition { call, assign });
        }
        let kind = match rule.kind {
            "tree" => match rule.rules {
                Some(raw) => RuleKind::Tree(Lazy::new(raw)),
                None => return bad("a tree without rules"),
            },
            "error" => RuleKind::Error(self.expr(rule.error.as_ref().unwrap_or(&Value::Null))?),
            "endpoint" => {
                let endpoint = rule.endpoint.unwrap_or(Value::Null);
                let url = self.expr(endpoint.get("url").unwrap_or(&Value::Null))?;
                let mut headers = Vec::new();
                for (name, values) in endpoint
                    .get("headers")
                    .and_then(Value::as_object)
                    .into_iter()
                    .flatten()
                {
                    let Value::Array(values) = values else {
                        return bad(format!("header {name} is not a list"));
                    };
                    let values = values
                        .iter()
                        .map(|v| self.expr(v))
                        .collect::<Result<_, _>>()?;
                    headers.push((name.clone(), values));
                }
                let mut properties = Vec::new();
                for (name, value) in endpoint
                    .get("properties")
                    .and_then(Value::as_object)
                    .into_iter()
                    .flatten()
                {
                    properties.push((name.clone(), self.expr(value)?));
                }
                RuleKind::Endpoint(Box::new(EndpointRule {
                    url,
                    headers,
                    properties,
                }))
            }
            other => return bad(format!("rule type {other:?}")),
        };
        Ok(Rule { conditions, kind })
    }

    fn call(&mut self, value: &Value) -> Result<Call, RuleSetError> {
        let name = value.get("fn").and_then(Value::as_str).unwrap_or_default();
        let Some(Value::Array(argv)) = value.get("argv") else {
            return bad(format!("{name} has no argv"));
        };
        let mut args = argv
            .iter()
            .map(|a| self.expr(a))
            .collect::<Result<Vec<_>, _>>()?;
        let arity = |n: usize| -> Result<(), RuleSetError> {
            if argv.len() == n {
                Ok(())
            } else {
                bad(format!("{name} takes {n} arguments, not {}", argv.len()))
            }
        };
        let func = match name {
            "booleanEquals" => arity(2).map(|_| Func::BooleanEquals)?,
            "stringEquals" => arity(2).map(|_| Func::StringEquals)?,
            "isSet" => arity(1).map(|_| Func::IsSet)?,
            "not" => arity(1).map(|_| Func::Not)?,
            "getAttr" => {
                arity(2)?;
                let Some(Value::String(path)) = argv.get(1) else {
                    return bad("getAttr's path is not a string");
                };
                let Some(steps) = parse_path(path) else {
                    return bad(format!("getAttr path {path:?}"));
                };
                args.truncate(1);
                Func::GetAttr(steps)
            }
            "substring" => arity(4).map(|_| Func::Substring)?,
            "uriEncode" => arity(1).map(|_| Func::UriEncode)?,
            "parseURL" => arity(1).map(|_| Func::ParseUrl)?,
            "isValidHostLabel" => arity(2).map(|_| Func::IsValidHostLabel)?,
            "aws.partition" => arity(1).map(|_| Func::Partition)?,
            "aws.parseArn" => arity(1).map(|_| Func::ParseArn)?,
            "aws.isVirtualHostableS3Bucket" => arity(2).map(|_| Func::IsVirtualHostableS3Bucket)?,
            other => return bad(format!("unknown function {other:?}")),
        };
        Ok(Call { func, args })
    }

    fn expr(&mut self, value: &Value) -> Result<Expr, RuleSetError> {
        Ok(match value {
            Value::String(s) => self.template(s)?,
            Value::Bool(b) => Expr::Lit(Val::Bool(*b)),
            Value::Number(n) => match n.as_i64() {
                Some(i) => Expr::Lit(Val::Int(i)),
                None => return bad(format!("number {n}")),
            },
            Value::Array(items) => Expr::Array(
                items
                    .iter()
                    .map(|v| self.expr(v))
                    .collect::<Result<_, _>>()?,
            ),
            Value::Object(map) => {
                if let Some(Value::String(name)) = map.get("ref") {
                    Expr::Ref(self.reference(name)?)
                } else if map.contains_key("fn") {
                    Expr::Call(Box::new(self.call(value)?))
                } else {
                    let mut fields = Vec::new();
                    for (k, v) in map {
                        fields.push((k.clone(), self.expr(v)?));
                    }
                    Expr::Record(fields)
                }
            }
            Value::Null => return bad("null where a value belongs"),
        })
    }

    /// `"https://{Region}.{PartitionResult#dnsSuffix}"`; `{{` and `}}` stand for braces.
    fn template(&mut self, text: &str) -> Result<Expr, RuleSetError> {
        if !text.contains(['{', '}']) {
            return Ok(Expr::Lit(Val::Str(text.to_string())));
        }
        let mut pieces = Vec::new();
        let mut literal = String::new();
        let mut rest = text;
        while let Some(i) = rest.find(['{', '}']) {
            literal.push_str(&rest[..i]);
            let brace = rest.as_bytes()[i];
            let after = &rest[i + 1..];
            if after.as_bytes().first() == Some(&brace) {
                literal.push(brace as char);
                rest = &after[1..];
                continue;
            }
            if brace == b'}' {
                return bad(format!("unbalanced }} in template {text:?}"));
            }
            let Some(close) = after.find('}') else {
                return bad(format!("unclosed {{ in template {text:?}"));
            };
            let inner = &after[..close];
            let (name, path) = match inner.split_once('#') {
                Some((name, path)) => match parse_path(path) {
                    Some(steps) => (name, steps),
                    None => return bad(format!("template path {inner:?}")),
                },
                None => (inner, Vec::new()),
            };
            if !literal.is_empty() {
                pieces.push(Piece::Text(std::mem::take(&mut literal)));
            }
            pieces.push(Piece::Var(self.reference(name)?, path));
            rest = &after[close + 1..];
        }
        literal.push_str(rest);
        if !literal.is_empty() {
            pieces.push(Piece::Text(literal));
        }
        if let [Piece::Text(only)] = pieces.as_slice() {
            return Ok(Expr::Lit(Val::Str(only.clone())));
        }
        Ok(Expr::Template(pieces))
    }
}
