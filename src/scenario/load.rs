//! Turning scenario files into validated `Scenario` values, or into
//! diagnostics that point at the offending text.

use super::model::Scenario;
use super::validate::validate;
use crate::source::{DeError, Diagnostic, Node, SourceFile, Span, from_node, parse};
use serde::de::DeserializeOwned;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// A scenario that passed validation, with what is needed to replay it.
#[derive(Debug, Clone)]
pub struct LoadedScenario {
    pub scenario: Scenario,
    pub path: String,
    /// SHA-256 of the file's bytes: a session log is bound to it.
    pub content_hash: String,
    /// Warnings that did not stop loading.
    pub warnings: Vec<Diagnostic>,
}

pub fn content_hash(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Parses any RON file of ours into a type, with positioned errors.
pub fn parse_typed<T: DeserializeOwned>(src: &SourceFile) -> Result<(T, Node), Box<Diagnostic>> {
    let tree = parse(&src.text).map_err(|e| {
        let mut d = src.error(e.span, e.message);
        d.expected = e.expected;
        d.help = e.help;
        Box::new(d)
    })?;
    if let Some(dup) = tree.first_duplicate() {
        let (line, column) = src.line_col(dup.first.start);
        return Err(Box::new(
            src.error(dup.second, format!("`{}` is given twice in this block", dup.key))
                .with_expected(format!(
                    "each key once; the first `{}` is at line {line}, column {column}",
                    dup.key
                ))
                .with_help("keep the one you mean and delete the other"),
        ));
    }
    let value = from_node::<T>(&tree).map_err(|e| Box::new(de_diagnostic(src, &tree, e)))?;
    Ok((value, tree))
}

fn de_diagnostic(src: &SourceFile, tree: &Node, e: DeError) -> Diagnostic {
    let span = e.span.unwrap_or(Span::at(tree.span.start));
    let mut d = src.error(span, e.message);
    d.expected = e.expected;
    d.help = e.help;
    d
}

/// Loads and validates scenario text; all errors are returned, not just the first.
pub fn load_str(name: &str, text: &str) -> Result<LoadedScenario, Vec<Diagnostic>> {
    let src = SourceFile::new(name, text);
    let (scenario, tree): (Scenario, Node) = parse_typed(&src).map_err(|d| vec![*d])?;
    let diags = validate(&scenario, &tree, &src);
    let (errors, warnings): (Vec<_>, Vec<_>) = diags.into_iter().partition(|d| d.is_error());
    if !errors.is_empty() {
        return Err(errors.into_iter().chain(warnings).collect());
    }
    Ok(LoadedScenario { scenario, path: name.to_string(), content_hash: content_hash(text), warnings })
}

pub fn load_file(path: &Path) -> Result<LoadedScenario, Vec<Diagnostic>> {
    let src = SourceFile::read(path).map_err(|d| vec![*d])?;
    load_str(&src.name, &src.text)
}

/// Expands files and folders (non-recursively, `*.ron`) in a stable order.
pub fn load_paths(paths: &[PathBuf]) -> Vec<(PathBuf, Result<LoadedScenario, Vec<Diagnostic>>)> {
    let mut files = Vec::new();
    for p in paths {
        if p.is_dir() {
            match std::fs::read_dir(p) {
                Ok(rd) => {
                    let mut found: Vec<PathBuf> = rd
                        .filter_map(|e| e.ok().map(|e| e.path()))
                        // Anything named `*.ron` but a folder: a pipe or a device
                        // gets its own clear refusal from the reader.
                        .filter(|f| f.extension().is_some_and(|x| x == "ron") && !f.is_dir())
                        .collect();
                    found.sort();
                    files.extend(found);
                }
                Err(e) => files.push(p.join(format!("<unreadable: {e}>"))),
            }
        } else {
            files.push(p.clone());
        }
    }
    files
        .into_iter()
        .map(|f| {
            let r = load_file(&f);
            (f, r)
        })
        .collect()
}
