//! The import graph of a crate, file by file: which source file names which
//! other, read from `use` trees and from `crate::`, `super::`, `self::` and
//! child-module paths in the code. Inline `#[cfg(test)]` modules are left
//! out (their `super` is the file itself), and so are comments. A file
//! naming its own parent (or any ancestor) is no arrow: a child module
//! lives inside its parent, which is its face (docs/design.md).

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// One crate's files, keyed by module path (`["session", "decide"]`), and
/// the arrows between them (importer → imported, both module paths).
pub struct Graph {
    pub files: BTreeMap<Vec<String>, PathBuf>,
    pub arrows: BTreeMap<Vec<String>, BTreeSet<Vec<String>>>,
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).expect("source folder exists").flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The module path of a file under `src`: `session/decide.rs` is
/// `session::decide`, `lib.rs` and `main.rs` are the root.
fn module_of(src: &Path, file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(src).expect("under src").with_extension("");
    let parts: Vec<String> = rel.iter().map(|p| p.to_string_lossy().into_owned()).collect();
    if parts == ["lib"] || parts == ["main"] { Vec::new() } else { parts }
}

/// The code of a file without comments and without inline test modules.
fn code_of(text: &str) -> String {
    let mut out = String::new();
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("#[cfg(test)]")
            && let Some(next) = lines.peek()
            && next.trim_start().starts_with("mod ")
            && next.trim_end().ends_with('{')
        {
            break;
        }
        if trimmed.starts_with("//") {
            continue;
        }
        out.push_str(line.split(" //").next().unwrap_or_default());
        out.push('\n');
    }
    out
}

fn is_ident(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// Every path a `use` tree names, braces expanded: `a::{b, c::{d}}` gives
/// `a::b` and `a::c::d`.
fn expand(tree: &str) -> Vec<String> {
    let tree = tree.trim();
    let Some(open) = tree.find('{') else {
        return vec![tree.split(" as ").next().unwrap_or_default().trim().to_string()];
    };
    let close = tree.rfind('}').unwrap_or(tree.len());
    if close < open {
        return Vec::new();
    }
    let prefix = &tree[..open];
    let inner = &tree[open + 1..close];
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (i, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&inner[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&inner[start..]);
    parts
        .into_iter()
        .filter(|p| !p.trim().is_empty())
        .flat_map(expand)
        .map(|p| if p == "self" { prefix.trim_end_matches("::").to_string() } else { format!("{prefix}{p}") })
        .collect()
}

/// The paths a file's code names: its `use` trees and every inline path
/// that starts with `crate`, `super`, `self` or a child module's name. A
/// `pub use` only hands a name on (a module's face) and is no arrow.
fn paths_in(code: &str, children: &BTreeSet<String>) -> Vec<Vec<String>> {
    let mut paths = Vec::new();
    let mut rest = code;
    let mut body = String::new();
    while let Some(at) = rest.find("use ") {
        let before = &rest[..at];
        let line_start = before.rfind('\n').map_or(0, |n| n + 1);
        let lead = before[line_start..].trim();
        // A `use` statement starts its line, after a visibility at most.
        if !["", "pub", "pub(crate)", "pub(super)"].contains(&lead) {
            body.push_str(&rest[..at + 4]);
            rest = &rest[at + 4..];
            continue;
        }
        let after = &rest[at + 4..];
        let end = after.find(';').unwrap_or(after.len());
        if lead.is_empty() {
            paths.extend(expand(&after[..end]));
        }
        body.push_str(&before[..line_start]);
        rest = &after[end..];
    }
    body.push_str(rest);
    let chars: Vec<char> = body.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if is_ident(chars[i]) && (i == 0 || !(is_ident(chars[i - 1]) || chars[i - 1] == ':')) {
            let start = i;
            while i < chars.len() && (is_ident(chars[i]) || chars[i] == ':') {
                i += 1;
            }
            let path: String = chars[start..i].iter().collect();
            let head = path.split("::").next().unwrap_or_default();
            if path.contains("::") && (["crate", "super", "self"].contains(&head) || children.contains(head)) {
                paths.push(path);
            }
        } else {
            i += 1;
        }
    }
    paths.into_iter().map(|p| p.split("::").filter(|s| !s.is_empty()).map(str::to_string).collect()).collect()
}

/// The file a path from module `from` lands in: the longest prefix of the
/// absolute path that is a file of the crate.
fn resolve(
    from: &[String],
    path: &[String],
    children: &BTreeSet<String>,
    files: &BTreeMap<Vec<String>, PathBuf>,
) -> Option<Vec<String>> {
    let mut abs: Vec<String> = match path.first().map(String::as_str) {
        Some("crate") => Vec::new(),
        Some("self") => from.to_vec(),
        Some("super") => from[..from.len().saturating_sub(1)].to_vec(),
        Some(head) if children.contains(head) => {
            let mut v = from.to_vec();
            v.push(head.to_string());
            v
        }
        _ => return None,
    };
    let skip = usize::from(path.first().is_some_and(|h| ["crate", "self", "super"].contains(&h.as_str())));
    let mut segments = path[skip..].iter().peekable();
    if path.first().is_some_and(|h| children.contains(h)) {
        segments.next();
    }
    while segments.peek().is_some_and(|s| s.as_str() == "super") {
        abs.pop();
        segments.next();
    }
    // The crate root declares every module and is no arrow's end.
    let mut best = (!abs.is_empty() && files.contains_key(&abs)).then(|| abs.clone());
    for segment in segments {
        abs.push(segment.clone());
        if files.contains_key(&abs) {
            best = Some(abs.clone());
        }
    }
    best
}

/// Reads every file under `src` and the arrows between them.
pub fn read(src: &Path) -> Graph {
    let mut list = Vec::new();
    collect(src, &mut list);
    // Test modules (`tests.rs`, `tests_*.rs`) are no part of the build.
    let files: BTreeMap<Vec<String>, PathBuf> = list
        .into_iter()
        .map(|f| (module_of(src, &f), f))
        .filter(|(m, _)| !m.last().is_some_and(|l| l.starts_with("tests")))
        .collect();
    let mut arrows = BTreeMap::new();
    for (module, file) in &files {
        let code = code_of(&fs::read_to_string(file).expect("readable source"));
        let children: BTreeSet<String> = files
            .keys()
            .filter(|m| m.len() == module.len() + 1 && m.starts_with(module))
            .filter_map(|m| m.last().cloned())
            .collect();
        let targets: BTreeSet<Vec<String>> = paths_in(&code, &children)
            .iter()
            .filter_map(|p| resolve(module, p, &children, &files))
            .filter(|t| !module.starts_with(t))
            .collect();
        arrows.insert(module.clone(), targets);
    }
    Graph { files, arrows }
}

impl Graph {
    /// The import circles among the files whose module path starts with
    /// `under`, as lists of file paths (Tarjan's strongly connected parts
    /// of more than one file).
    pub fn circles(&self, under: &[&str]) -> Vec<Vec<String>> {
        let inside = |m: &Vec<String>| m.len() >= under.len() && m.iter().zip(under).all(|(a, b)| a == b);
        let nodes: Vec<&Vec<String>> = self.files.keys().filter(|m| inside(m)).collect();
        let index_of: BTreeMap<&Vec<String>, usize> = nodes.iter().enumerate().map(|(i, m)| (*m, i)).collect();
        let edges: Vec<Vec<usize>> =
            nodes.iter().map(|m| self.arrows[*m].iter().filter_map(|t| index_of.get(t).copied()).collect()).collect();
        let mut tarjan =
            Tarjan { edges: &edges, index: vec![None; nodes.len()], low: vec![0; nodes.len()], ..Default::default() };
        for v in 0..nodes.len() {
            if tarjan.index[v].is_none() {
                tarjan.visit(v);
            }
        }
        tarjan
            .parts
            .into_iter()
            .filter(|p| p.len() > 1)
            .map(|p| {
                let mut names: Vec<String> = p.iter().map(|&i| self.files[nodes[i]].display().to_string()).collect();
                names.sort();
                names
            })
            .collect()
    }
}

#[derive(Default)]
struct Tarjan<'a> {
    edges: &'a [Vec<usize>],
    index: Vec<Option<usize>>,
    low: Vec<usize>,
    stack: Vec<usize>,
    on_stack: BTreeSet<usize>,
    next: usize,
    parts: Vec<Vec<usize>>,
}

impl Tarjan<'_> {
    fn visit(&mut self, v: usize) {
        self.index[v] = Some(self.next);
        self.low[v] = self.next;
        self.next += 1;
        self.stack.push(v);
        self.on_stack.insert(v);
        for &w in &self.edges[v] {
            match self.index[w] {
                None => {
                    self.visit(w);
                    self.low[v] = self.low[v].min(self.low[w]);
                }
                Some(iw) if self.on_stack.contains(&w) => self.low[v] = self.low[v].min(iw),
                Some(_) => {}
            }
        }
        if Some(self.low[v]) == self.index[v] {
            let mut part = Vec::new();
            while let Some(w) = self.stack.pop() {
                self.on_stack.remove(&w);
                part.push(w);
                if w == v {
                    break;
                }
            }
            self.parts.push(part);
        }
    }
}
