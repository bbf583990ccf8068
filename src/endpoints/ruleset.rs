//! A rule set read into a tree the evaluator walks without looking anything up by name:
//! variables become slots, functions an enum, `getAttr` paths and templates are parsed
//! ahead of time. Reading is lazy: one pass over the text finds every rule and keeps its
//! conditions and result as text; a rule is parsed the first time an evaluation reaches it.
//! A request walks a small part of a large rule set (S3's is 116 KB) and pays for that part.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use indexmap::IndexMap;
use serde::Deserialize;
use serde_json::Value;
use serde_json::value::RawValue;

use super::json::Json;
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

/// A rule set ready to evaluate any number of times.
#[derive(Debug)]
pub struct RuleSet {
    pub params: Vec<Param>,
    pub(crate) rules: Vec<Rule>,
    /// Variable names and their slots: parameters first, then every name an `assign`
    /// introduces, growing as rules are parsed.
    pub(crate) names: Mutex<HashMap<String, usize>>,
}

/// One rule: its text until first reached, then its parsed conditions and result.
#[derive(Debug)]
pub(crate) struct Rule {
    raw: RawRule<'static>,
    pub children: Vec<Rule>,
    parsed: OnceLock<Result<Parsed, RuleSetError>>,
}

#[derive(Debug)]
pub(crate) struct Parsed {
    pub conditions: Vec<Condition>,
    pub kind: RuleKind,
}

#[derive(Debug)]
pub(crate) enum RuleKind {
    Endpoint(Box<EndpointRule>),
    Error(Expr),
    /// The rule's `children` apply.
    Tree,
}

impl Rule {
    fn from_raw(mut raw: RawRule<'static>) -> Rule {
        let children = std::mem::take(&mut raw.rules)
            .into_iter()
            .map(Rule::from_raw)
            .collect();
        Rule {
            raw,
            children,
            parsed: OnceLock::new(),
        }
    }

    /// The parsed rule (parsed now if this is the first time).
    pub fn parsed(&self, names: &Mutex<HashMap<String, usize>>) -> Result<&Parsed, RuleSetError> {
        self.parsed
            .get_or_init(|| {
                let mut names = names.lock().expect("never poisoned");
                Reader { names: &mut names }.rule(&self.raw)
            })
            .as_ref()
            .map_err(Clone::clone)
    }
}

/// One rule as the text has it: conditions and result kept as text, nested rules found.
#[derive(Debug, Deserialize)]
struct RawRule<'a> {
    #[serde(rename = "type")]
    kind: &'a str,
    #[serde(borrow)]
    conditions: Option<&'a RawValue>,
    #[serde(borrow, default)]
    rules: Vec<RawRule<'a>>,
    #[serde(borrow)]
    endpoint: Option<&'a RawValue>,
    #[serde(borrow)]
    error: Option<&'a RawValue>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawParam {
    #[serde(rename = "type")]
    ty: String,
    built_in: Option<String>,
    #[serde(default)]
    required: bool,
    default: Option<Value>,
}

#[derive(Deserialize)]
struct RawRuleSet<'a> {
    version: &'a str,
    #[serde(default)]
    parameters: IndexMap<String, RawParam>,
    #[serde(borrow)]
    rules: Vec<RawRule<'a>>,
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
    /// Reads the parameters and finds the rules; each rule is parsed when an evaluation first
    /// reaches it. The text lives as long as the process (the models' text does).
    pub fn parse(text: &'static str) -> Result<RuleSet, RuleSetError> {
        let raw: RawRuleSet<'static> =
            serde_json::from_str(text).map_err(|e| RuleSetError(e.to_string()))?;
        if raw.version != "1.0" {
            return bad(format!("version {:?} is not 1.0", raw.version));
        }
        let mut names = HashMap::new();
        let mut params = Vec::new();
        for (name, p) in raw.parameters {
            let ty = match p.ty.as_str() {
                // A few older rule sets capitalise the type.
                "string" | "String" => ParamType::String,
                "boolean" | "Boolean" => ParamType::Boolean,
                "stringArray" => ParamType::StringArray,
                other => return bad(format!("parameter {name} has type {other:?}")),
            };
            Reader { names: &mut names }.slot(&name);
            params.push(Param {
                name,
                ty,
                built_in: p.built_in,
                required: p.required,
                default: p.default.as_ref().and_then(Val::from_json),
            });
        }
        Ok(RuleSet {
            params,
            rules: raw.rules.into_iter().map(Rule::from_raw).collect(),
            names: Mutex::new(names),
        })
    }

    /// Parses every rule now (for tests that check a whole rule set reads); the count.
    pub fn parse_all(&self) -> Result<usize, RuleSetError> {
        fn walk(rules: &[Rule], set: &RuleSet) -> Result<usize, RuleSetError> {
            let mut count = rules.len();
            for rule in rules {
                rule.parsed(&set.names)?;
                count += walk(&rule.children, set)?;
            }
            Ok(count)
        }
        walk(&self.rules, self)
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

    fn json(raw: Option<&'static RawValue>) -> Result<Json<'static>, RuleSetError> {
        match raw {
            Some(raw) => Json::parse(raw.get()).map_err(|e| RuleSetError(e.to_string())),
            None => Ok(Json::Null),
        }
    }

    fn rule(&mut self, rule: &RawRule<'static>) -> Result<Parsed, RuleSetError> {
        let mut conditions = Vec::new();
        let conditions_json = Self::json(rule.conditions)?;
        let listed: &[Json] = match &conditions_json {
            Json::Array(items) => items,
            _ => &[],
        };
        for c in listed {
            let call = self.call(c)?;
            let assign = c
                .get("assign")
                .and_then(Json::as_str)
                .map(|name| self.slot(name));
            conditions.push(Condition { call, assign });
        }
        let kind = match rule.kind {
            "tree" => RuleKind::Tree,
            "error" => RuleKind::Error(self.expr(&Self::json(rule.error)?)?),
            "endpoint" => {
                let endpoint = Self::json(rule.endpoint)?;
                let url = self.expr(endpoint.get("url").unwrap_or(&Json::Null))?;
                let mut headers = Vec::new();
                if let Some(Json::Object(fields)) = endpoint.get("headers") {
                    for (name, values) in fields {
                        let Json::Array(values) = values else {
                            return bad(format!("header {name} is not a list"));
                        };
                        let values = values
                            .iter()
                            .map(|v| self.expr(v))
                            .collect::<Result<_, _>>()?;
                        headers.push((name.to_string(), values));
                    }
                }
                let mut properties = Vec::new();
                if let Some(Json::Object(fields)) = endpoint.get("properties") {
                    for (name, value) in fields {
                        properties.push((name.to_string(), self.expr(value)?));
                    }
                }
                RuleKind::Endpoint(Box::new(EndpointRule {
                    url,
                    headers,
                    properties,
                }))
            }
            other => return bad(format!("rule type {other:?}")),
        };
        Ok(Parsed { conditions, kind })
    }

    fn call(&mut self, value: &Json) -> Result<Call, RuleSetError> {
        let name = value.get("fn").and_then(Json::as_str).unwrap_or_default();
        let Some(Json::Array(argv)) = value.get("argv") else {
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
                let Some(Json::Str(path)) = argv.get(1) else {
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

    fn expr(&mut self, value: &Json) -> Result<Expr, RuleSetError> {
        Ok(match value {
            Json::Str(s) => self.template(s)?,
            Json::Bool(b) => Expr::Lit(Val::Bool(*b)),
            Json::Int(i) => Expr::Lit(Val::Int(*i)),
            Json::Float => return bad("a number that is not whole"),
            Json::Array(items) => Expr::Array(
                items
                    .iter()
                    .map(|v| self.expr(v))
                    .collect::<Result<_, _>>()?,
            ),
            Json::Object(fields) => {
                if let Some(Json::Str(name)) = value.get("ref") {
                    Expr::Ref(self.reference(name)?)
                } else if value.get("fn").is_some() {
                    Expr::Call(Box::new(self.call(value)?))
                } else {
                    let mut record = Vec::new();
                    for (k, v) in fields {
                        record.push((k.to_string(), self.expr(v)?));
                    }
                    Expr::Record(record)
                }
            }
            Json::Null => return bad("null where a value belongs"),
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
