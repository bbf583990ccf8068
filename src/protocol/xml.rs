//! A small element tree read with quick-xml, for the shape-directed decoding of Query and
//! REST-XML responses (which need the model, not just the document, to type their values).

use quick_xml::Reader;
use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::Event;

#[derive(Debug, Default, Clone, PartialEq)]
pub struct Element {
    /// The local name (namespace prefixes dropped).
    pub name: String,
    pub text: String,
    pub children: Vec<Element>,
    /// Attributes by their qualified name as written (`xsi:type`, `xmlns:xsi`), in order.
    pub attributes: Vec<(String, String)>,
}

impl Element {
    pub fn child(&self, name: &str) -> Option<&Element> {
        self.children.iter().find(|c| c.name == name)
    }

    pub fn children_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Element> {
        self.children.iter().filter(move |c| c.name == name)
    }

    /// An attribute's value, by its qualified name (`xsi:type`) or, failing that, by its
    /// local name (`type`).
    pub fn attribute(&self, name: &str) -> Option<&str> {
        let local = name.rsplit(':').next().unwrap_or(name);
        self.attributes
            .iter()
            .find(|(n, _)| n == name)
            .or_else(|| {
                self.attributes
                    .iter()
                    .find(|(n, _)| n.rsplit(':').next() == Some(local))
            })
            .map(|(_, v)| v.as_str())
    }

    /// The first element of that name anywhere below (depth first), self included.
    pub fn find(&self, name: &str) -> Option<&Element> {
        if self.name == name {
            return Some(self);
        }
        self.children.iter().find_map(|c| c.find(name))
    }
}

/// The deepest nesting of elements accepted. AWS responses stay within a few dozen levels;
/// the element tree, its decoding and even its drop recurse, so a document nested
/// thousands of levels deep (a hostile server's) is refused before it can overflow the stack.
pub const MAX_DEPTH: usize = 200;

/// Parses a document into its root element.
pub fn parse(bytes: &[u8]) -> Result<Element, String> {
    let mut reader = Reader::from_reader(bytes);
    let mut stack: Vec<Element> = vec![Element::default()];
    loop {
        match reader.read_event().map_err(|e| e.to_string())? {
            // The stack holds the document level too: its length is the depth + 1.
            Event::Start(_) if stack.len() > MAX_DEPTH => {
                return Err(format!("elements nested more than {MAX_DEPTH} levels deep"));
            }
            Event::Start(start) => stack.push(Element {
                name: String::from_utf8_lossy(start.local_name().as_ref()).into_owned(),
                attributes: attributes(&start)?,
                ..Default::default()
            }),
            Event::Empty(empty) => {
                let element = Element {
                    name: String::from_utf8_lossy(empty.local_name().as_ref()).into_owned(),
                    attributes: attributes(&empty)?,
                    ..Default::default()
                };
                stack
                    .last_mut()
                    .expect("the document level is never popped")
                    .children
                    .push(element);
            }
            Event::End(_) => {
                let done = stack.pop().expect("quick-xml checks that end tags match");
                stack
                    .last_mut()
                    .ok_or("unbalanced end tag")?
                    .children
                    .push(done);
            }
            Event::Text(text) => {
                let decoded = text.xml_content().map_err(|e| e.to_string())?;
                stack
                    .last_mut()
                    .expect("never empty")
                    .text
                    .push_str(&decoded);
            }
            Event::CData(data) => {
                let decoded = data.decode().map_err(|e| e.to_string())?;
                stack
                    .last_mut()
                    .expect("never empty")
                    .text
                    .push_str(&decoded);
            }
            Event::GeneralRef(reference) => {
                let resolved = match reference.resolve_char_ref().map_err(|e| e.to_string())? {
                    Some(c) => c.to_string(),
                    None => {
                        let name = reference.decode().map_err(|e| e.to_string())?;
                        resolve_predefined_entity(&name)
                            .ok_or(format!("unknown entity &{name};"))?
                            .to_string()
                    }
                };
                stack
                    .last_mut()
                    .expect("never empty")
                    .text
                    .push_str(&resolved);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if stack.len() != 1 {
        return Err("unexpected end of document".into());
    }
    let document = stack.pop().expect("checked above");
    document
        .children
        .into_iter()
        .next()
        .ok_or_else(|| "empty document".to_string())
}

fn attributes(start: &quick_xml::events::BytesStart<'_>) -> Result<Vec<(String, String)>, String> {
    start
        .attributes()
        .map(|a| {
            let a = a.map_err(|e| e.to_string())?;
            let value = a.unescape_value().map_err(|e| e.to_string())?;
            Ok((
                String::from_utf8_lossy(a.key.as_ref()).into_owned(),
                value.into_owned(),
            ))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_nested_elements_entities_and_namespaces() {
        let doc = br#"<?xml version="1.0"?>
<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <GetCallerIdentityResult><Arn>arn:a&amp;b&#65;</Arn><Empty/></GetCallerIdentityResult>
</GetCallerIdentityResponse>"#;
        let root = parse(doc).unwrap();
        assert_eq!(root.name, "GetCallerIdentityResponse");
        let result = root.child("GetCallerIdentityResult").unwrap();
        assert_eq!(result.child("Arn").unwrap().text, "arn:a&bA");
        assert_eq!(result.child("Empty").unwrap().text, "");
        assert_eq!(root.find("Arn").unwrap().text, "arn:a&bA");
        assert_eq!(
            root.attribute("xmlns"),
            Some("https://sts.amazonaws.com/doc/2011-06-15/")
        );
        let typed = parse(br#"<a xmlns:xsi="u" xsi:type="T" n="1&amp;2"/>"#).unwrap();
        assert_eq!(typed.attribute("xsi:type"), Some("T"));
        assert_eq!(typed.attribute("type"), Some("T"));
        assert_eq!(typed.attribute("n"), Some("1&2"));
        assert_eq!(typed.attribute("m"), None);
    }

    fn nested(depth: usize) -> Vec<u8> {
        format!("{}x{}", "<a>".repeat(depth), "</a>".repeat(depth)).into_bytes()
    }

    /// At the limit the tree is built (and dropped) on a 2 MiB stack; one level more, or the
    /// 150,000 levels that overflowed the stack, is an error naming the limit.
    #[test]
    fn nesting_is_limited() {
        std::thread::Builder::new()
            .stack_size(2 << 20)
            .spawn(|| {
                let root = parse(&nested(MAX_DEPTH)).unwrap();
                assert_eq!(root.find("a").unwrap().name, "a");
                for depth in [MAX_DEPTH + 1, 150_000] {
                    assert_eq!(
                        parse(&nested(depth)),
                        Err("elements nested more than 200 levels deep".to_string())
                    );
                }
            })
            .unwrap()
            .join()
            .unwrap();
    }

    #[test]
    fn rejects_broken_documents() {
        assert!(parse(b"<a><b></a>").is_err());
        assert!(parse(b"<a>").is_err());
        assert!(parse(b"").is_err());
    }

    proptest::proptest! {
        /// No document panics or overflows the reader: any bytes, and documents built from
        /// XML's own pieces (tags, entities, character references, CDATA, nesting deeper than
        /// the limit) end in a tree or an error.
        #[test]
        fn any_bytes_parse_or_fail_cleanly(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..500)) {
            let _ = parse(&bytes);
        }

        #[test]
        fn xml_soup_parses_or_fails_cleanly(
            pieces in proptest::collection::vec(
                "<a>|</a>|<b:c x='1'>|</b:c>|<d/>|&amp;|&#[0-9]{1,9};|&#x[0-9a-f]{1,8};|&[a-z]{1,4};|text|<!\\[CDATA\\[x\\]\\]>|<\\?xml version='1.0'\\?>|<!-- c -->",
                0..60,
            )
        ) {
            let _ = parse(pieces.concat().as_bytes());
        }

        #[test]
        fn nesting_past_the_limit_is_an_error(depth in (MAX_DEPTH + 1)..(MAX_DEPTH * 20)) {
            proptest::prop_assert!(parse(&nested(depth)).is_err());
        }
    }
}
