//! YAML format tests. Expected strings come from libyaml (PyYAML's CSafeDumper, the same C
//! emitter ruamel.yaml.clib wraps) fed by ruamel.yaml's YAML 1.2 resolver and float
//! representer, with allow_unicode and sorted keys: aws-cli v2's `YAMLDumper` configuration.
//! The resolver table comes from ruamel.yaml's `Resolver().resolve(ScalarNode, s, (True, False))`.

use serde_json::Value;

use super::{resolves_to_other_type, to_yaml, to_yaml_stream_item};

fn yaml(data: &str) -> String {
    to_yaml(&serde_json::from_str::<Value>(data).unwrap())
}

fn stream(data: &str) -> String {
    to_yaml_stream_item(&serde_json::from_str::<Value>(data).unwrap())
}

#[test]
fn caller_identity() {
    let want = concat!(
        "Account: '123456789012'\n",
        "Arn: arn:aws:sts::123456789012:user/moto\n",
        "UserId: AKIAIOSFODNN7EXAMPLE\n",
    );
    assert_eq!(
        yaml(
            "{\"UserId\": \"AKIAIOSFODNN7EXAMPLE\", \"Account\": \"123456789012\", \"Arn\": \"arn:aws:sts::123456789012:user/moto\"}"
        ),
        want
    );
    let want_stream = concat!(
        "- Account: '123456789012'\n",
        "  Arn: arn:aws:sts::123456789012:user/moto\n",
        "  UserId: AKIAIOSFODNN7EXAMPLE\n",
    );
    assert_eq!(
        stream(
            "{\"UserId\": \"AKIAIOSFODNN7EXAMPLE\", \"Account\": \"123456789012\", \"Arn\": \"arn:aws:sts::123456789012:user/moto\"}"
        ),
        want_stream
    );
}

#[test]
fn reference_9_5() {
    let want = concat!(
        "Id: i-974ac61943ed24c8e\n",
        "State:\n",
        "  Code: 16\n",
        "  Name: running\n",
        "Tags:\n",
        "- Key: Name\n",
        "  Value: web\n",
        "- Key: env\n",
        "  Value: prod\n",
    );
    assert_eq!(
        yaml(
            "{\"Id\": \"i-974ac61943ed24c8e\", \"State\": {\"Code\": 16, \"Name\": \"running\"}, \"Tags\": [{\"Key\": \"Name\", \"Value\": \"web\"}, {\"Key\": \"env\", \"Value\": \"prod\"}]}"
        ),
        want
    );
    let want_stream = concat!(
        "- Id: i-974ac61943ed24c8e\n",
        "  State:\n",
        "    Code: 16\n",
        "    Name: running\n",
        "  Tags:\n",
        "  - Key: Name\n",
        "    Value: web\n",
        "  - Key: env\n",
        "    Value: prod\n",
    );
    assert_eq!(
        stream(
            "{\"Id\": \"i-974ac61943ed24c8e\", \"State\": {\"Code\": 16, \"Name\": \"running\"}, \"Tags\": [{\"Key\": \"Name\", \"Value\": \"web\"}, {\"Key\": \"env\", \"Value\": \"prod\"}]}"
        ),
        want_stream
    );
}

#[test]
fn scalar_kinds() {
    let want = concat!(
        "big: 18446744073709551615\n",
        "e: []\n",
        "f: 1e-05\n",
        "g: 1.0\n",
        "h: 1e+16\n",
        "i: -0.0\n",
        "n: null\n",
        "neg: -7\n",
        "o: {}\n",
        "t: true\n",
        "x: false\n",
    );
    assert_eq!(
        yaml(
            "{\"f\": 1e-05, \"g\": 1.0, \"h\": 1e+16, \"i\": -0.0, \"n\": null, \"t\": true, \"x\": false, \"big\": 18446744073709551615, \"neg\": -7, \"e\": [], \"o\": {}}"
        ),
        want
    );
    let want_stream = concat!(
        "- big: 18446744073709551615\n",
        "  e: []\n",
        "  f: 1e-05\n",
        "  g: 1.0\n",
        "  h: 1e+16\n",
        "  i: -0.0\n",
        "  n: null\n",
        "  neg: -7\n",
        "  o: {}\n",
        "  t: true\n",
        "  x: false\n",
    );
    assert_eq!(
        stream(
            "{\"f\": 1e-05, \"g\": 1.0, \"h\": 1e+16, \"i\": -0.0, \"n\": null, \"t\": true, \"x\": false, \"big\": 18446744073709551615, \"neg\": -7, \"e\": [], \"o\": {}}"
        ),
        want_stream
    );
}

#[test]
fn quoting() {
    let want = concat!(
        "a: yes\n",
        "amp: '&a'\n",
        "b: on\n",
        "bang: '!a'\n",
        "bs: back\\slash\n",
        "c: '1_000'\n",
        "colon: ': x'\n",
        "d: '0o17'\n",
        "dash: -x\n",
        "dashes: '---'\n",
        "dots: '...x'\n",
        "dq: say \"hi\"\n",
        "e: '1e3'\n",
        "g: 'null'\n",
        "gt: '>a'\n",
        "h: '~'\n",
        "i: ''\n",
        "j: ' x'\n",
        "k: 'a: b'\n",
        "l: 'a #b'\n",
        "m: '- x'\n",
        "p: x:y\n",
        "pipe: '|a'\n",
        "q: '#c'\n",
        "q2: it's\n",
        "qm: '? x'\n",
        "r: '@at'\n",
        "s: '`bt'\n",
        "sq: '''a'\n",
        "star: '*a'\n",
        "tab: \"tab\\there\"\n",
        "trail: 'x '\n",
        "ts: '2026-11-23T16:15:02+00:00'\n",
        "u: '%p'\n",
        "v: '012'\n",
        "w: a, b [c] {d}\n",
        "y: 'True'\n",
        "z: 'ends:'\n",
    );
    assert_eq!(
        yaml(
            "{\"a\": \"yes\", \"b\": \"on\", \"c\": \"1_000\", \"d\": \"0o17\", \"e\": \"1e3\", \"ts\": \"2026-11-23T16:15:02+00:00\", \"g\": \"null\", \"h\": \"~\", \"i\": \"\", \"j\": \" x\", \"k\": \"a: b\", \"l\": \"a #b\", \"m\": \"- x\", \"p\": \"x:y\", \"q\": \"#c\", \"r\": \"@at\", \"s\": \"`bt\", \"u\": \"%p\", \"v\": \"012\", \"w\": \"a, b [c] {d}\", \"z\": \"ends:\", \"y\": \"True\", \"tab\": \"tab\\there\", \"dash\": \"-x\", \"q2\": \"it's\", \"dq\": \"say \\\"hi\\\"\", \"bs\": \"back\\\\slash\", \"dots\": \"...x\", \"dashes\": \"---\", \"qm\": \"? x\", \"colon\": \": x\", \"amp\": \"&a\", \"star\": \"*a\", \"bang\": \"!a\", \"pipe\": \"|a\", \"gt\": \">a\", \"sq\": \"'a\", \"trail\": \"x \"}"
        ),
        want
    );
    let want_stream = concat!(
        "- a: yes\n",
        "  amp: '&a'\n",
        "  b: on\n",
        "  bang: '!a'\n",
        "  bs: back\\slash\n",
        "  c: '1_000'\n",
        "  colon: ': x'\n",
        "  d: '0o17'\n",
        "  dash: -x\n",
        "  dashes: '---'\n",
        "  dots: '...x'\n",
        "  dq: say \"hi\"\n",
        "  e: '1e3'\n",
        "  g: 'null'\n",
        "  gt: '>a'\n",
        "  h: '~'\n",
        "  i: ''\n",
        "  j: ' x'\n",
        "  k: 'a: b'\n",
        "  l: 'a #b'\n",
        "  m: '- x'\n",
        "  p: x:y\n",
        "  pipe: '|a'\n",
        "  q: '#c'\n",
        "  q2: it's\n",
        "  qm: '? x'\n",
        "  r: '@at'\n",
        "  s: '`bt'\n",
        "  sq: '''a'\n",
        "  star: '*a'\n",
        "  tab: \"tab\\there\"\n",
        "  trail: 'x '\n",
        "  ts: '2026-11-23T16:15:02+00:00'\n",
        "  u: '%p'\n",
        "  v: '012'\n",
        "  w: a, b [c] {d}\n",
        "  y: 'True'\n",
        "  z: 'ends:'\n",
    );
    assert_eq!(
        stream(
            "{\"a\": \"yes\", \"b\": \"on\", \"c\": \"1_000\", \"d\": \"0o17\", \"e\": \"1e3\", \"ts\": \"2026-11-23T16:15:02+00:00\", \"g\": \"null\", \"h\": \"~\", \"i\": \"\", \"j\": \" x\", \"k\": \"a: b\", \"l\": \"a #b\", \"m\": \"- x\", \"p\": \"x:y\", \"q\": \"#c\", \"r\": \"@at\", \"s\": \"`bt\", \"u\": \"%p\", \"v\": \"012\", \"w\": \"a, b [c] {d}\", \"z\": \"ends:\", \"y\": \"True\", \"tab\": \"tab\\there\", \"dash\": \"-x\", \"q2\": \"it's\", \"dq\": \"say \\\"hi\\\"\", \"bs\": \"back\\\\slash\", \"dots\": \"...x\", \"dashes\": \"---\", \"qm\": \"? x\", \"colon\": \": x\", \"amp\": \"&a\", \"star\": \"*a\", \"bang\": \"!a\", \"pipe\": \"|a\", \"gt\": \">a\", \"sq\": \"'a\", \"trail\": \"x \"}"
        ),
        want_stream
    );
}

#[test]
fn multiline() {
    let want = concat!(
        "crlf: \"a\\r\\nb\"\n",
        "? 'key\n",
        "\n",
        "  nl'\n",
        ": 1\n",
        "lead: '\n",
        "\n",
        "  x'\n",
        "one: 'x\n",
        "\n",
        "  y'\n",
        "sp: \"a \\nb\"\n",
        "trail: 'x\n",
        "\n",
        "  '\n",
        "two: 'a\n",
        "\n",
        "\n",
        "  b'\n",
    );
    assert_eq!(
        yaml(
            "{\"one\": \"x\\ny\", \"lead\": \"\\nx\", \"trail\": \"x\\n\", \"two\": \"a\\n\\nb\", \"sp\": \"a \\nb\", \"crlf\": \"a\\r\\nb\", \"key\\nnl\": 1}"
        ),
        want
    );
    let want_stream = concat!(
        "- crlf: \"a\\r\\nb\"\n",
        "  ? 'key\n",
        "\n",
        "    nl'\n",
        "  : 1\n",
        "  lead: '\n",
        "\n",
        "    x'\n",
        "  one: 'x\n",
        "\n",
        "    y'\n",
        "  sp: \"a \\nb\"\n",
        "  trail: 'x\n",
        "\n",
        "    '\n",
        "  two: 'a\n",
        "\n",
        "\n",
        "    b'\n",
    );
    assert_eq!(
        stream(
            "{\"one\": \"x\\ny\", \"lead\": \"\\nx\", \"trail\": \"x\\n\", \"two\": \"a\\n\\nb\", \"sp\": \"a \\nb\", \"crlf\": \"a\\r\\nb\", \"key\\nnl\": 1}"
        ),
        want_stream
    );
}

#[test]
fn unicode() {
    let want = concat!(
        "bom: \"\\uFEFFx\"\n",
        "cjk: 桌子\n",
        "del: \"a\\x7Fb\"\n",
        "e: é\n",
        "emoji: \"\\U0001F600\"\n",
        "esc: \"\\e[0m\"\n",
        "ls: 'a\u{2028}  b'\n",
        "nbsp: a\u{a0}b\n",
        "nel: \"a\\Nb\"\n",
        "nul: \"a\\0b\"\n",
    );
    assert_eq!(
        yaml(
            "{\"e\": \"é\", \"emoji\": \"😀\", \"cjk\": \"桌子\", \"nel\": \"a\u{85}b\", \"ls\": \"a\u{2028}b\", \"bom\": \"\u{feff}x\", \"del\": \"a\u{7f}b\", \"esc\": \"\\u001b[0m\", \"nul\": \"a\\u0000b\", \"nbsp\": \"a\u{a0}b\"}"
        ),
        want
    );
    let want_stream = concat!(
        "- bom: \"\\uFEFFx\"\n",
        "  cjk: 桌子\n",
        "  del: \"a\\x7Fb\"\n",
        "  e: é\n",
        "  emoji: \"\\U0001F600\"\n",
        "  esc: \"\\e[0m\"\n",
        "  ls: 'a\u{2028}    b'\n",
        "  nbsp: a\u{a0}b\n",
        "  nel: \"a\\Nb\"\n",
        "  nul: \"a\\0b\"\n",
    );
    assert_eq!(
        stream(
            "{\"e\": \"é\", \"emoji\": \"😀\", \"cjk\": \"桌子\", \"nel\": \"a\u{85}b\", \"ls\": \"a\u{2028}b\", \"bom\": \"\u{feff}x\", \"del\": \"a\u{7f}b\", \"esc\": \"\\u001b[0m\", \"nul\": \"a\\u0000b\", \"nbsp\": \"a\u{a0}b\"}"
        ),
        want_stream
    );
}

#[test]
fn folding() {
    let want = concat!(
        "double: \"Lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor\\tincididunt\n",
        "  ut labore et  dolore magna aliqua Ut enim ad minim veniam quis\"\n",
        "nested:\n",
        "  deeper:\n",
        "  - text: Lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor\n",
        "      incididunt ut labore et dolore magna aliqua\n",
        "nospace: Loremipsumdolorsitametconsecteturadipiscingelitseddoeiusmodtemporincididuntutlaboreetdoloremagnaaliqua\n",
        "plain: Lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor\n",
        "  incididunt ut labore et dolore magna aliqua Ut enim ad minim veniam\n",
        "single: '''Lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor\n",
        "  incididunt ut labore et dolore magna'\n",
    );
    assert_eq!(
        yaml(
            "{\"plain\": \"Lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore et dolore magna aliqua Ut enim ad minim veniam\", \"single\": \"'Lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore et dolore magna\", \"double\": \"Lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor\\tincididunt ut labore et  dolore magna aliqua Ut enim ad minim veniam quis\", \"nested\": {\"deeper\": [{\"text\": \"Lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore et dolore magna aliqua\"}]}, \"nospace\": \"Loremipsumdolorsitametconsecteturadipiscingelitseddoeiusmodtemporincididuntutlaboreetdoloremagnaaliqua\"}"
        ),
        want
    );
    let want_stream = concat!(
        "- double: \"Lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor\\tincididunt\n",
        "    ut labore et  dolore magna aliqua Ut enim ad minim veniam quis\"\n",
        "  nested:\n",
        "    deeper:\n",
        "    - text: Lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod\n",
        "        tempor incididunt ut labore et dolore magna aliqua\n",
        "  nospace: Loremipsumdolorsitametconsecteturadipiscingelitseddoeiusmodtemporincididuntutlaboreetdoloremagnaaliqua\n",
        "  plain: Lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor\n",
        "    incididunt ut labore et dolore magna aliqua Ut enim ad minim veniam\n",
        "  single: '''Lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod\n",
        "    tempor incididunt ut labore et dolore magna'\n",
    );
    assert_eq!(
        stream(
            "{\"plain\": \"Lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore et dolore magna aliqua Ut enim ad minim veniam\", \"single\": \"'Lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore et dolore magna\", \"double\": \"Lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor\\tincididunt ut labore et  dolore magna aliqua Ut enim ad minim veniam quis\", \"nested\": {\"deeper\": [{\"text\": \"Lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore et dolore magna aliqua\"}]}, \"nospace\": \"Loremipsumdolorsitametconsecteturadipiscingelitseddoeiusmodtemporincididuntutlaboreetdoloremagnaaliqua\"}"
        ),
        want_stream
    );
}

#[test]
fn keys() {
    let want = concat!(
        "'': empty\n",
        "'1': one\n",
        "? LongKey_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n",
        ": long\n",
        "a b: space\n",
        "'k:': colon\n",
        "'true': bool\n",
    );
    assert_eq!(
        yaml(
            "{\"\": \"empty\", \"1\": \"one\", \"true\": \"bool\", \"a b\": \"space\", \"LongKey_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\": \"long\", \"k:\": \"colon\"}"
        ),
        want
    );
    let want_stream = concat!(
        "- '': empty\n",
        "  '1': one\n",
        "  ? LongKey_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n",
        "  : long\n",
        "  a b: space\n",
        "  'k:': colon\n",
        "  'true': bool\n",
    );
    assert_eq!(
        stream(
            "{\"\": \"empty\", \"1\": \"one\", \"true\": \"bool\", \"a b\": \"space\", \"LongKey_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\": \"long\", \"k:\": \"colon\"}"
        ),
        want_stream
    );
}

#[test]
fn exactly_128_byte_key() {
    let want = concat!(
        "? kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk\n",
        ": a: 1\n",
    );
    assert_eq!(
        yaml(
            "{\"kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk\": {\"a\": 1}}"
        ),
        want
    );
    let want_stream = concat!(
        "- ? kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk\n",
        "  : a: 1\n",
    );
    assert_eq!(
        stream(
            "{\"kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk\": {\"a\": 1}}"
        ),
        want_stream
    );
}

#[test]
fn nesting() {
    let want = concat!(
        "- - 1\n",
        "  - - 2\n",
        "    - []\n",
        "- a:\n",
        "  - b:\n",
        "    - - c: 1\n",
        "- - {}\n",
        "- x\n",
    );
    assert_eq!(
        yaml("[[1, [2, []]], {\"a\": [{\"b\": [[{\"c\": 1}]]}]}, [{}], \"x\"]"),
        want
    );
    let want_stream = concat!(
        "- - - 1\n",
        "    - - 2\n",
        "      - []\n",
        "  - a:\n",
        "    - b:\n",
        "      - - c: 1\n",
        "  - - {}\n",
        "  - x\n",
    );
    assert_eq!(
        stream("[[1, [2, []]], {\"a\": [{\"b\": [[{\"c\": 1}]]}]}, [{}], \"x\"]"),
        want_stream
    );
}

#[test]
fn top_list() {
    let want = concat!("- i-1\n", "- i-2\n",);
    assert_eq!(yaml("[\"i-1\", \"i-2\"]"), want);
    let want_stream = concat!("- - i-1\n", "  - i-2\n",);
    assert_eq!(stream("[\"i-1\", \"i-2\"]"), want_stream);
}

#[test]
fn scalar_string() {
    let want = "\"foo\"\n";
    assert_eq!(yaml("\"foo\""), want);
    let want_stream = "- foo\n";
    assert_eq!(stream("\"foo\""), want_stream);
}

#[test]
fn scalar_null() {
    let want = "null\n";
    assert_eq!(yaml("null"), want);
    let want_stream = "- null\n";
    assert_eq!(stream("null"), want_stream);
}

#[test]
fn scalar_float() {
    let want = "1.2\n";
    assert_eq!(yaml("1.2"), want);
    let want_stream = "- 1.2\n";
    assert_eq!(stream("1.2"), want_stream);
}

#[test]
fn scalar_unicode() {
    let want = "\"é\"\n";
    assert_eq!(yaml("\"é\""), want);
    let want_stream = "- é\n";
    assert_eq!(stream("\"é\""), want_stream);
}

#[test]
fn resolver_matches_ruamel_yaml_1_2() {
    let cases: &[(&str, bool)] = &[
        ("yes", false),
        ("no", false),
        ("on", false),
        ("off", false),
        ("y", false),
        ("n", false),
        ("true", true),
        ("True", true),
        ("TRUE", true),
        ("tRue", false),
        ("false", true),
        ("FALSE", true),
        ("null", true),
        ("Null", true),
        ("NULL", true),
        ("nULL", false),
        ("~", true),
        ("", true),
        ("<<", true),
        ("=", true),
        ("!", true),
        ("&", true),
        ("*", true),
        ("0", true),
        ("123", true),
        ("-1", true),
        ("+1", true),
        ("-_", true),
        ("_", false),
        ("1_000", true),
        ("0b101", true),
        ("0b", false),
        ("0b2", false),
        ("0o17", true),
        ("0o8", false),
        ("017", true),
        ("09", true),
        ("0x1F", true),
        ("0xg", false),
        ("+0x1f", true),
        ("1.0", true),
        ("1.", true),
        ("-1.5", true),
        (".5", true),
        ("-.5", true),
        ("+.5e+3", true),
        (".5e3", false),
        ("1e3", true),
        ("1E-3", true),
        ("1e", false),
        ("1.e5", true),
        ("1_0.0_1", true),
        (".inf", true),
        ("-.Inf", true),
        ("+.INF", true),
        (".nan", true),
        (".NaN", true),
        ("-.nan", false),
        ("inf", false),
        ("nan", false),
        ("1,000", false),
        ("1.2.3", false),
        ("2026-11-23", true),
        ("2026-11-23T16:15:02+00:00", true),
        ("2026-1-2 3:04:05", true),
        ("2026-11-23t16:15:02.123Z", true),
        ("2026-11-23 16:15:02 Z", true),
        ("2026-11-23T16:15:02 ", false),
        ("2026-11-23T16:15:02+5", true),
        ("2026-11-23T16:15:02-05:30", true),
        ("2026-11-23T16:15:02+05:3", false),
        ("2026-11-23T16:15", false),
        ("20261-11-23", false),
        ("2026-11-23x", false),
        ("12:30:45", false),
        ("1:20", false),
        ("0.", true),
        ("-0", true),
        ("+-1", false),
        ("--1", false),
        ("true\n", true),
        ("123\n", true),
        ("123\n\n", false),
        ("abc", false),
        ("i-0123", false),
        ("AKIAIOSFODNN7EXAMPLE", false),
        ("123456789012", true),
    ];
    for (s, other) in cases {
        assert_eq!(resolves_to_other_type(s), *other, "{s:?}");
    }
}
