//! A serde deserializer over the spanned tree, so typed structs can be
//! derived while every error still knows where in the file it happened.

use super::suggest::nearest;
use super::tree::{Kind, Node, Span};
use serde::de::{self, DeserializeSeed, Visitor};
use std::fmt;

#[derive(Debug, Clone, PartialEq)]
pub struct DeError {
    pub message: String,
    pub span: Option<Span>,
    pub expected: Option<String>,
    pub help: Option<String>,
}

impl DeError {
    fn at(mut self, span: Span) -> Self {
        if self.span.is_none() {
            self.span = Some(span);
        }
        self
    }
}

impl fmt::Display for DeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for DeError {}

impl de::Error for DeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        DeError { message: msg.to_string(), span: None, expected: None, help: None }
    }

    fn invalid_type(unexp: de::Unexpected, exp: &dyn de::Expected) -> Self {
        DeError {
            message: format!("wrong kind of value: found {unexp}"),
            span: None,
            expected: Some(exp.to_string()),
            help: None,
        }
    }

    fn invalid_value(unexp: de::Unexpected, exp: &dyn de::Expected) -> Self {
        DeError {
            message: format!("invalid value: {unexp}"),
            span: None,
            expected: Some(exp.to_string()),
            help: None,
        }
    }

    fn unknown_variant(variant: &str, expected: &'static [&'static str]) -> Self {
        DeError {
            message: format!("unknown variant `{variant}`"),
            span: None,
            expected: Some(one_of(expected)),
            help: nearest(variant, expected).map(|n| format!("did you mean `{n}`?")),
        }
    }

    fn unknown_field(field: &str, expected: &'static [&'static str]) -> Self {
        DeError {
            message: format!("unknown field `{field}`"),
            span: None,
            expected: Some(one_of(expected)),
            help: nearest(field, expected).map(|n| format!("did you mean `{n}`?")),
        }
    }

    fn missing_field(field: &'static str) -> Self {
        DeError {
            message: format!("missing field `{field}`"),
            span: None,
            expected: Some(format!("a `{field}: …` entry in this block")),
            help: Some(format!("add `{field}: …`; scenarios/FORMAT.md describes it")),
        }
    }

    fn duplicate_field(field: &'static str) -> Self {
        DeError::custom(format!("the field `{field}` is given twice"))
    }
}

fn one_of(names: &[&str]) -> String {
    match names {
        [] => "nothing here".into(),
        [one] => format!("`{one}`"),
        _ => format!("one of {}", names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ")),
    }
}

/// Every field written must be one the type has — also inside an enum
/// variant's payload, where serde's own `deny_unknown_fields` does not
/// reach: a typo (`dealy:`) is an error at its position, never dropped.
fn known_fields(given: &[super::tree::Field], known: &'static [&'static str]) -> Result<(), DeError> {
    match given.iter().find(|f| !known.contains(&f.name.as_str())) {
        Some(f) => Err(<DeError as de::Error>::unknown_field(&f.name, known).at(f.name_span)),
        None => Ok(()),
    }
}

/// Deserializes a typed value from a spanned node.
pub fn from_node<'de, T: de::Deserialize<'de>>(node: &'de Node) -> Result<T, DeError> {
    T::deserialize(NodeDe(node, false)).map_err(|e: DeError| e.at(node.span))
}

/// The flag is set when the node's name was already read as an enum tag.
struct NodeDe<'a>(&'a Node, bool);

impl<'a> NodeDe<'a> {
    fn wrong(&self, expected: &str) -> DeError {
        DeError {
            message: format!("wrong kind of value: found {}", self.0.describe()),
            span: Some(self.0.span),
            expected: Some(expected.to_string()),
            help: match &self.0.kind {
                Kind::Ident(i) if expected.contains("string") => {
                    Some(format!("text is written in quotes: \"{i}\""))
                }
                Kind::Str(s) if expected.contains("integer") && s.parse::<i64>().is_ok() => {
                    Some(format!("numbers are written without quotes: {s}"))
                }
                _ => None,
            },
        }
    }

    fn int(&self, lo: i128, hi: i128) -> Result<i128, DeError> {
        match self.0.kind {
            Kind::Int(i) if i >= lo && i <= hi => Ok(i),
            Kind::Int(i) => Err(DeError {
                message: format!("the number {i} is out of range"),
                span: Some(self.0.span),
                expected: Some(format!("an integer from {lo} to {hi}")),
                help: None,
            }),
            _ => Err(self.wrong(&format!("an integer from {lo} to {hi}"))),
        }
    }
}

macro_rules! int_method {
    ($method:ident, $visit:ident, $ty:ty) => {
        fn $method<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
            let i = self.int(<$ty>::MIN as i128, <$ty>::MAX as i128)?;
            v.$visit(i as $ty).map_err(|e: DeError| e.at(self.0.span))
        }
    };
}

impl<'de> de::Deserializer<'de> for NodeDe<'de> {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        let span = self.0.span;
        let r = match &self.0.kind {
            Kind::Bool(b) => v.visit_bool(*b),
            Kind::Int(i) if *i >= 0 => v.visit_u64(*i as u64),
            Kind::Int(i) => v.visit_i64(*i as i64),
            Kind::Float(x) => v.visit_f64(*x),
            Kind::Str(s) => v.visit_borrowed_str(s),
            Kind::Char(c) => v.visit_char(*c),
            Kind::Ident(i) if i == "None" => v.visit_none(),
            Kind::Ident(i) => v.visit_borrowed_str(i),
            Kind::List(items) => v.visit_seq(Seq(items.iter())),
            Kind::Map(entries) => v.visit_map(MapAcc::entries(entries)),
            Kind::Tuple { name: Some(n), items } if n.name == "Some" && items.len() == 1 => {
                v.visit_some(NodeDe(&items[0], false))
            }
            Kind::Tuple { items, .. } if items.is_empty() => v.visit_unit(),
            Kind::Tuple { items, .. } => v.visit_seq(Seq(items.iter())),
            Kind::Struct { fields, .. } => v.visit_map(MapAcc::fields(fields)),
        };
        r.map_err(|e: DeError| e.at(span))
    }

    fn deserialize_bool<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        match self.0.kind {
            Kind::Bool(b) => v.visit_bool(b).map_err(|e: DeError| e.at(self.0.span)),
            _ => Err(self.wrong("`true` or `false`")),
        }
    }

    int_method!(deserialize_i8, visit_i8, i8);
    int_method!(deserialize_i16, visit_i16, i16);
    int_method!(deserialize_i32, visit_i32, i32);
    int_method!(deserialize_i64, visit_i64, i64);
    int_method!(deserialize_u8, visit_u8, u8);
    int_method!(deserialize_u16, visit_u16, u16);
    int_method!(deserialize_u32, visit_u32, u32);
    int_method!(deserialize_u64, visit_u64, u64);

    fn deserialize_f32<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        self.deserialize_f64(v)
    }

    fn deserialize_f64<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        match self.0.kind {
            Kind::Float(x) => v.visit_f64(x),
            Kind::Int(i) => v.visit_f64(i as f64),
            _ => return Err(self.wrong("a number")),
        }
        .map_err(|e: DeError| e.at(self.0.span))
    }

    fn deserialize_char<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        match self.0.kind {
            Kind::Char(c) => v.visit_char(c).map_err(|e: DeError| e.at(self.0.span)),
            _ => Err(self.wrong("a character in single quotes")),
        }
    }

    fn deserialize_str<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        match &self.0.kind {
            Kind::Str(s) => v.visit_borrowed_str(s).map_err(|e: DeError| e.at(self.0.span)),
            _ => Err(self.wrong("a string in double quotes")),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        self.deserialize_str(v)
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        self.deserialize_str(v)
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        self.deserialize_str(v)
    }

    fn deserialize_option<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        let r = match &self.0.kind {
            Kind::Ident(i) if i == "None" => v.visit_none(),
            Kind::Tuple { name: Some(n), items } if n.name == "Some" && items.len() == 1 => {
                v.visit_some(NodeDe(&items[0], false))
            }
            // Authors may leave out `Some(…)`: a present value means Some.
            _ => v.visit_some(NodeDe(self.0, false)),
        };
        r.map_err(|e: DeError| e.at(self.0.span))
    }

    fn deserialize_unit<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        match &self.0.kind {
            Kind::Tuple { items, .. } if items.is_empty() => v.visit_unit(),
            _ => Err(self.wrong("`()`")),
        }
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(self, name: &'static str, v: V) -> Result<V::Value, DeError> {
        match &self.0.kind {
            Kind::Ident(i) if i == name => v.visit_unit(),
            Kind::Tuple { items, .. } if items.is_empty() => v.visit_unit(),
            _ => Err(self.wrong(&format!("`{name}`"))),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        v: V,
    ) -> Result<V::Value, DeError> {
        // `Name(x)` or just `x`.
        match &self.0.kind {
            Kind::Tuple { name: Some(n), items } if items.len() == 1 && n.name != "Some" => {
                v.visit_newtype_struct(NodeDe(&items[0], false))
            }
            _ => v.visit_newtype_struct(self),
        }
    }

    fn deserialize_seq<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        match &self.0.kind {
            Kind::List(items) => v.visit_seq(Seq(items.iter())).map_err(|e: DeError| e.at(self.0.span)),
            _ => Err(self.wrong("a list in square brackets `[…]`")),
        }
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, len: usize, v: V) -> Result<V::Value, DeError> {
        match &self.0.kind {
            Kind::Tuple { items, .. } | Kind::List(items) if items.len() == len => {
                v.visit_seq(Seq(items.iter())).map_err(|e: DeError| e.at(self.0.span))
            }
            _ => Err(self.wrong(&format!("a tuple of {len} values `(…)`"))),
        }
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        len: usize,
        v: V,
    ) -> Result<V::Value, DeError> {
        self.deserialize_tuple(len, v)
    }

    fn deserialize_map<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        match &self.0.kind {
            Kind::Map(entries) => v.visit_map(MapAcc::entries(entries)),
            Kind::Struct { fields, .. } => v.visit_map(MapAcc::fields(fields)),
            Kind::Tuple { items, .. } if items.is_empty() => v.visit_map(MapAcc::entries(&[])),
            _ => return Err(self.wrong("a map `{…}`")),
        }
        .map_err(|e: DeError| e.at(self.0.span))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, DeError> {
        let named = |n: &Option<super::tree::Named>| -> Result<(), DeError> {
            match n {
                Some(n) if n.name != name && !self.1 => Err(DeError {
                    message: format!("found `{}(…)` where `{name}(…)` belongs", n.name),
                    span: Some(n.span),
                    expected: Some(format!("`{name}(…)` or just `(…)`")),
                    help: None,
                }),
                _ => Ok(()),
            }
        };
        match &self.0.kind {
            Kind::Struct { name: n, fields: given } => {
                named(n)?;
                known_fields(given, fields)?;
                v.visit_map(MapAcc::fields(given))
            }
            Kind::Tuple { name: n, items } if items.is_empty() => {
                named(n)?;
                v.visit_map(MapAcc::fields(&[]))
            }
            _ => return Err(self.wrong(&format!("a block `{name}(field: value, …)`"))),
        }
        .map_err(|e: DeError| e.at(self.0.span))
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, DeError> {
        // This node's name was already read as the tag of an enclosing
        // variant (`Tag(field: …)`): reading it again as this enum's tag
        // would go round in circles (a fuzzer found the stack overflow).
        if self.1 {
            let tag = match &self.0.kind {
                Kind::Struct { name: Some(n), .. } => n.name.as_str(),
                _ => "this",
            };
            return Err(DeError {
                message: format!("`{tag}(…)` holds one {name}, not fields"),
                span: Some(self.0.span),
                expected: Some(format!("`{tag}(X)` where X is a {name}: {}", one_of(variants))),
                help: None,
            });
        }
        let (tag, tag_span) = match &self.0.kind {
            Kind::Ident(i) => (i.as_str(), self.0.span),
            Kind::Tuple { name: Some(n), .. } | Kind::Struct { name: Some(n), .. } => {
                (n.name.as_str(), n.span)
            }
            // Unit variants may also be written as strings.
            Kind::Str(s) => (s.as_str(), self.0.span),
            _ => {
                return Err(self.wrong(&format!("a {name} variant: {}", one_of(variants))));
            }
        };
        v.visit_enum(Enum { node: self.0, tag, tag_span }).map_err(|e: DeError| e.at(self.0.span))
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        match &self.0.kind {
            Kind::Ident(s) | Kind::Str(s) => v.visit_borrowed_str(s).map_err(|e: DeError| e.at(self.0.span)),
            _ => Err(self.wrong("a name")),
        }
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        v.visit_unit()
    }
}

struct Seq<'a>(std::slice::Iter<'a, Node>);

impl<'de> de::SeqAccess<'de> for Seq<'de> {
    type Error = DeError;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, DeError> {
        match self.0.next() {
            Some(n) => seed.deserialize(NodeDe(n, false)).map(Some).map_err(|e: DeError| e.at(n.span)),
            None => Ok(None),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.0.len())
    }
}

/// Map access over either `{key: value}` entries or `(field: value)` fields.
struct MapAcc<'a> {
    items: Vec<(Key<'a>, &'a Node)>,
    next: usize,
}

enum Key<'a> {
    Node(&'a Node),
    Field(&'a str, Span),
}

impl<'a> MapAcc<'a> {
    fn entries(entries: &'a [(Node, Node)]) -> Self {
        MapAcc { items: entries.iter().map(|(k, v)| (Key::Node(k), v)).collect(), next: 0 }
    }
    fn fields(fields: &'a [super::tree::Field]) -> Self {
        MapAcc {
            items: fields.iter().map(|f| (Key::Field(&f.name, f.name_span), &f.value)).collect(),
            next: 0,
        }
    }
}

impl<'de> de::MapAccess<'de> for MapAcc<'de> {
    type Error = DeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, DeError> {
        let Some((key, _)) = self.items.get(self.next) else {
            return Ok(None);
        };
        match key {
            Key::Node(n) => seed.deserialize(NodeDe(n, false)).map(Some).map_err(|e: DeError| e.at(n.span)),
            Key::Field(name, span) => {
                let d = de::value::BorrowedStrDeserializer::<DeError>::new(name);
                seed.deserialize(d).map(Some).map_err(|e: DeError| e.at(*span))
            }
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, DeError> {
        let (_, value) = &self.items[self.next];
        self.next += 1;
        seed.deserialize(NodeDe(value, false)).map_err(|e: DeError| e.at(value.span))
    }
}

struct Enum<'a> {
    node: &'a Node,
    tag: &'a str,
    tag_span: Span,
}

impl<'de> de::EnumAccess<'de> for Enum<'de> {
    type Error = DeError;
    type Variant = Variant<'de>;

    fn variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<(T::Value, Variant<'de>), DeError> {
        let d = de::value::BorrowedStrDeserializer::<DeError>::new(self.tag);
        let value = seed.deserialize(d).map_err(|e: DeError| e.at(self.tag_span))?;
        Ok((value, Variant { node: self.node, tag: self.tag }))
    }
}

struct Variant<'a> {
    node: &'a Node,
    tag: &'a str,
}

impl<'a> Variant<'a> {
    fn wrong(&self, expected: String) -> DeError {
        DeError {
            message: format!("`{}` is written differently: found {}", self.tag, self.node.describe()),
            span: Some(self.node.span),
            expected: Some(expected),
            help: None,
        }
    }
}

impl<'de> de::VariantAccess<'de> for Variant<'de> {
    type Error = DeError;

    fn unit_variant(self) -> Result<(), DeError> {
        match &self.node.kind {
            Kind::Ident(_) | Kind::Str(_) => Ok(()),
            Kind::Tuple { items, .. } if items.is_empty() => Ok(()),
            _ => Err(self.wrong(format!("just `{}`, with nothing in brackets", self.tag))),
        }
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, DeError> {
        match &self.node.kind {
            Kind::Tuple { items, .. } if items.len() == 1 => {
                seed.deserialize(NodeDe(&items[0], false)).map_err(|e: DeError| e.at(items[0].span))
            }
            // `Tag(field: …)` for a newtype over a struct.
            Kind::Struct { .. } => seed.deserialize(NodeDe(self.node, true)),
            _ => Err(self.wrong(format!("`{}(value)`", self.tag))),
        }
    }

    fn tuple_variant<V: Visitor<'de>>(self, len: usize, v: V) -> Result<V::Value, DeError> {
        match &self.node.kind {
            Kind::Tuple { items, .. } if items.len() == len => v.visit_seq(Seq(items.iter())),
            _ => Err(self.wrong(format!("`{}(…)` with {len} values", self.tag))),
        }
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        fields: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, DeError> {
        match &self.node.kind {
            Kind::Struct { fields: given, .. } => {
                known_fields(given, fields)?;
                v.visit_map(MapAcc::fields(given))
            }
            Kind::Tuple { items, .. } if items.is_empty() => v.visit_map(MapAcc::fields(&[])),
            _ => Err(self.wrong(format!("`{}(field: value, …)`", self.tag))),
        }
    }
}
