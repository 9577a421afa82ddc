//! Writing any serde value as readable RON in the dialect our reader takes:
//! short values on one line, long ones broken over indented lines, and
//! fields that hold nothing (`None`, `[]`, `""`, `false`) left out, since
//! every such field of ours has a default.

use serde::Serialize;
use serde::ser;
use std::fmt;

/// `value` as RON; the outermost struct is written with `root_name` (e.g. `Scenario(…)`).
pub fn to_ron<T: Serialize>(value: &T, root_name: Option<&str>) -> Result<String, WriteError> {
    let mut v = value.serialize(ToValue)?;
    if let (Some(name), V::Struct { name: n, .. }) = (root_name, &mut v) {
        *n = Some(name.to_string());
    }
    let mut out = String::new();
    write_value(&v, 0, &mut out);
    out.push('\n');
    Ok(out)
}

#[derive(Debug)]
pub struct WriteError(String);

impl fmt::Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.0)
    }
}
impl std::error::Error for WriteError {}
impl ser::Error for WriteError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        WriteError(msg.to_string())
    }
}

/// The shape of a value, before layout.
#[derive(Debug, Clone)]
enum V {
    Atom(String),
    None,
    /// `Name(a, b)` or `(a, b)`; `Some(x)` is `Tuple(Some, [x])`.
    Tuple {
        name: Option<String>,
        items: Vec<V>,
    },
    List(Vec<V>),
    Map(Vec<(V, V)>),
    Struct {
        name: Option<String>,
        fields: Vec<(&'static str, V)>,
    },
}

impl V {
    /// Leaving this field out reads back as the same value.
    fn is_empty_field(&self) -> bool {
        match self {
            V::None => true,
            V::Atom(a) => a == "\"\"" || a == "false",
            V::List(items) => items.is_empty(),
            V::Map(entries) => entries.is_empty(),
            _ => false,
        }
    }
}

const WIDTH: usize = 90;

fn one_line(v: &V) -> String {
    match v {
        V::Atom(a) => a.clone(),
        V::None => "None".into(),
        V::Tuple { name, items } => {
            format!(
                "{}({})",
                name.as_deref().unwrap_or(""),
                items.iter().map(one_line).collect::<Vec<_>>().join(", ")
            )
        }
        V::List(items) => format!("[{}]", items.iter().map(one_line).collect::<Vec<_>>().join(", ")),
        V::Map(entries) => format!(
            "{{{}}}",
            entries
                .iter()
                .map(|(k, v)| format!("{}: {}", one_line(k), one_line(v)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        V::Struct { name, fields } => format!(
            "{}({})",
            name.as_deref().unwrap_or(""),
            fields
                .iter()
                .filter(|(_, v)| !v.is_empty_field())
                .map(|(k, v)| format!("{k}: {}", one_line(v)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

fn write_value(v: &V, indent: usize, out: &mut String) {
    let flat = one_line(v);
    if indent + flat.len() <= WIDTH && !flat.contains('\n') {
        out.push_str(&flat);
        return;
    }
    let pad = "    ".repeat(indent + 1);
    let close = "    ".repeat(indent);
    match v {
        V::Atom(_) | V::None => out.push_str(&flat),
        V::Tuple { name, items } => {
            out.push_str(name.as_deref().unwrap_or(""));
            out.push('(');
            // `Some(long)` and `Variant(long)` keep their single item on the same line.
            if items.len() == 1 {
                write_value(&items[0], indent, out);
                out.push(')');
                return;
            }
            out.push('\n');
            for item in items {
                out.push_str(&pad);
                write_value(item, indent + 1, out);
                out.push_str(",\n");
            }
            out.push_str(&close);
            out.push(')');
        }
        V::List(items) => {
            out.push_str("[\n");
            for item in items {
                out.push_str(&pad);
                write_value(item, indent + 1, out);
                out.push_str(",\n");
            }
            out.push_str(&close);
            out.push(']');
        }
        V::Map(entries) => {
            out.push_str("{\n");
            for (k, val) in entries {
                out.push_str(&pad);
                out.push_str(&one_line(k));
                out.push_str(": ");
                write_value(val, indent + 1, out);
                out.push_str(",\n");
            }
            out.push_str(&close);
            out.push('}');
        }
        V::Struct { name, fields } => {
            out.push_str(name.as_deref().unwrap_or(""));
            out.push_str("(\n");
            for (k, val) in fields.iter().filter(|(_, v)| !v.is_empty_field()) {
                out.push_str(&pad);
                out.push_str(k);
                out.push_str(": ");
                write_value(val, indent + 1, out);
                out.push_str(",\n");
            }
            out.push_str(&close);
            out.push(')');
        }
    }
}

fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

struct ToValue;

type R = Result<V, WriteError>;

impl ser::Serializer for ToValue {
    type Ok = V;
    type Error = WriteError;
    type SerializeSeq = Seq;
    type SerializeTuple = Seq;
    type SerializeTupleStruct = Seq;
    type SerializeTupleVariant = Seq;
    type SerializeMap = MapW;
    type SerializeStruct = StructW;
    type SerializeStructVariant = StructW;

    fn serialize_bool(self, v: bool) -> R {
        Ok(V::Atom(v.to_string()))
    }
    fn serialize_i8(self, v: i8) -> R {
        self.serialize_i64(v.into())
    }
    fn serialize_i16(self, v: i16) -> R {
        self.serialize_i64(v.into())
    }
    fn serialize_i32(self, v: i32) -> R {
        self.serialize_i64(v.into())
    }
    fn serialize_i64(self, v: i64) -> R {
        Ok(V::Atom(v.to_string()))
    }
    fn serialize_u8(self, v: u8) -> R {
        self.serialize_u64(v.into())
    }
    fn serialize_u16(self, v: u16) -> R {
        self.serialize_u64(v.into())
    }
    fn serialize_u32(self, v: u32) -> R {
        self.serialize_u64(v.into())
    }
    fn serialize_u64(self, v: u64) -> R {
        Ok(V::Atom(v.to_string()))
    }
    fn serialize_f32(self, v: f32) -> R {
        self.serialize_f64(v.into())
    }
    fn serialize_f64(self, v: f64) -> R {
        // `{:?}` keeps a decimal point (1.0), so the value reads back as a float.
        Ok(V::Atom(format!("{v:?}")))
    }
    fn serialize_char(self, v: char) -> R {
        Ok(V::Atom(if v == '\'' || v == '\\' { format!("'\\{v}'") } else { format!("'{v}'") }))
    }
    fn serialize_str(self, v: &str) -> R {
        Ok(V::Atom(quote(v)))
    }
    fn serialize_bytes(self, v: &[u8]) -> R {
        Ok(V::List(v.iter().map(|b| V::Atom(b.to_string())).collect()))
    }
    fn serialize_none(self) -> R {
        Ok(V::None)
    }
    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> R {
        Ok(V::Tuple { name: Some("Some".into()), items: vec![value.serialize(ToValue)?] })
    }
    fn serialize_unit(self) -> R {
        Ok(V::Atom("()".into()))
    }
    fn serialize_unit_struct(self, name: &'static str) -> R {
        Ok(V::Atom(name.into()))
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> R {
        Ok(V::Atom(variant.into()))
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(self, _: &'static str, value: &T) -> R {
        value.serialize(ToValue)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> R {
        Ok(V::Tuple { name: Some(variant.into()), items: vec![value.serialize(ToValue)?] })
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<Seq, WriteError> {
        Ok(Seq { name: None, list: true, items: Vec::with_capacity(len.unwrap_or(0)) })
    }
    fn serialize_tuple(self, _: usize) -> Result<Seq, WriteError> {
        Ok(Seq { name: None, list: false, items: Vec::new() })
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Seq, WriteError> {
        Ok(Seq { name: None, list: false, items: Vec::new() })
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Seq, WriteError> {
        Ok(Seq { name: Some(variant.into()), list: false, items: Vec::new() })
    }
    fn serialize_map(self, _: Option<usize>) -> Result<MapW, WriteError> {
        Ok(MapW { entries: Vec::new(), key: None })
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<StructW, WriteError> {
        Ok(StructW { name: None, fields: Vec::new() })
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<StructW, WriteError> {
        Ok(StructW { name: Some(variant.into()), fields: Vec::new() })
    }
}

struct Seq {
    name: Option<String>,
    list: bool,
    items: Vec<V>,
}

impl Seq {
    fn push<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), WriteError> {
        self.items.push(value.serialize(ToValue)?);
        Ok(())
    }
    fn finish(self) -> R {
        Ok(if self.list { V::List(self.items) } else { V::Tuple { name: self.name, items: self.items } })
    }
}

/// The four sequence-like serde traits all push an item and finish the same way.
macro_rules! seq_like {
    ($($trait:ident :: $method:ident),*) => {$(
        impl ser::$trait for Seq {
            type Ok = V;
            type Error = WriteError;
            fn $method<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), WriteError> {
                self.push(value)
            }
            fn end(self) -> R {
                self.finish()
            }
        }
    )*};
}

seq_like!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

struct MapW {
    entries: Vec<(V, V)>,
    key: Option<V>,
}

impl ser::SerializeMap for MapW {
    type Ok = V;
    type Error = WriteError;
    fn serialize_key<T: ?Sized + Serialize>(&mut self, key: &T) -> Result<(), WriteError> {
        self.key = Some(key.serialize(ToValue)?);
        Ok(())
    }
    fn serialize_value<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), WriteError> {
        let key = self.key.take().ok_or_else(|| WriteError("a map value came before its key".into()))?;
        self.entries.push((key, value.serialize(ToValue)?));
        Ok(())
    }
    fn end(self) -> R {
        Ok(V::Map(self.entries))
    }
}

struct StructW {
    name: Option<String>,
    fields: Vec<(&'static str, V)>,
}

impl StructW {
    fn field<T: ?Sized + Serialize>(&mut self, key: &'static str, value: &T) -> Result<(), WriteError> {
        self.fields.push((key, value.serialize(ToValue)?));
        Ok(())
    }
}

impl ser::SerializeStruct for StructW {
    type Ok = V;
    type Error = WriteError;
    fn serialize_field<T: ?Sized + Serialize>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), WriteError> {
        self.field(key, value)
    }
    fn end(self) -> R {
        Ok(V::Struct { name: self.name, fields: self.fields })
    }
}
impl ser::SerializeStructVariant for StructW {
    type Ok = V;
    type Error = WriteError;
    fn serialize_field<T: ?Sized + Serialize>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), WriteError> {
        self.field(key, value)
    }
    fn end(self) -> R {
        ser::SerializeStruct::end(self)
    }
}

#[cfg(test)]
mod tests {
    use crate::scenario::{load_file, load_str};
    use std::path::Path;

    /// Every shipped scenario, written out and read back, is the same scenario.
    #[test]
    fn shipped_scenarios_round_trip() {
        for name in ["payments-peak-outage", "search-degradation-escalates", "expired-certificate-social"] {
            let path = format!("scenarios/{name}.ron");
            let original = load_file(Path::new(&path)).unwrap().scenario;
            let text = super::to_ron(&original, Some("Scenario")).unwrap();
            let back = load_str("written.ron", &text)
                .unwrap_or_else(|d| panic!("{name}: {}\n{text}", d[0]))
                .scenario;
            assert_eq!(original, back, "{name} changed on the way through RON");
        }
    }
}
