//! A small reader for the TOML that model files are written in: comments, `key = value`,
//! `[table]`, `[[array of tables]]`, dotted headers, basic and literal strings (and their
//! `"""`/`'''` multi-line forms), numbers, booleans, arrays and inline tables. Every value keeps
//! the line it was written on, so an error in a model file can name its line.
//!
//! Hand-made rather than the `toml` crate: model files need the subset above with line numbers on
//! every value, and the wasm carries this reader to every page (ARCHITECTURE.md, "Model files").
//! Dates and times are not part of the subset (a model has no use for them).
//!
//! Architecture invariant: pure; never panics on any input (fuzzed: `make fuzz`); bounded depth.

/// A value and the line (1-based) it starts on.
#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    pub value: Value,
    pub line: usize,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Str(String),
    Num(f64),
    Bool(bool),
    Arr(Vec<Item>),
    Table(Table),
}

/// Keys in the order they were written.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Table {
    pub entries: Vec<(String, Item)>,
}

impl Table {
    pub fn get(&self, key: &str) -> Option<&Item> {
        self.entries.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }
    fn get_mut(&mut self, key: &str) -> Option<&mut Item> {
        self.entries.iter_mut().find(|(k, _)| k == key).map(|(_, v)| v)
    }
}

impl Value {
    /// What kind of value this is, in words (for errors).
    pub fn kind(&self) -> &'static str {
        match self {
            Value::Str(_) => "a string",
            Value::Num(_) => "a number",
            Value::Bool(_) => "true or false",
            Value::Arr(_) => "a list",
            Value::Table(_) => "a table",
        }
    }
}

/// Where a model file cannot be read, and why.
#[derive(Clone, Debug, PartialEq)]
pub struct Error {
    pub line: usize,
    pub message: String,
}

/// Files larger than this are refused (a model is a few KB).
pub const MAX_BYTES: usize = 256 * 1024;
const MAX_DEPTH: usize = 32;

/// Reads a document into its root table.
pub fn parse(src: &str) -> Result<Table, Error> {
    if src.len() > MAX_BYTES {
        return Err(Error { line: 1, message: format!("the file is {} KB; a model file may be at most {} KB", src.len() / 1024, MAX_BYTES / 1024) });
    }
    let mut p = Parser { s: src.as_bytes(), src, i: 0, line: 1 };
    p.document()
}

struct Parser<'a> {
    s: &'a [u8],
    src: &'a str,
    i: usize,
    line: usize,
}

impl Parser<'_> {
    fn err<T>(&self, message: impl Into<String>) -> Result<T, Error> {
        Err(Error { line: self.line, message: message.into() })
    }
    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }
    fn bump(&mut self) -> Option<u8> {
        let c = self.peek()?;
        self.i += 1;
        if c == b'\n' {
            self.line += 1;
        }
        Some(c)
    }
    fn eat(&mut self, c: u8) -> bool {
        if self.peek() == Some(c) {
            self.bump();
            true
        } else {
            false
        }
    }
    /// Spaces and tabs.
    fn blank(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t')) {
            self.bump();
        }
    }
    /// Blanks, newlines and comments (inside arrays).
    fn space(&mut self) {
        loop {
            self.blank();
            match self.peek() {
                Some(b'\n' | b'\r') => {
                    self.bump();
                }
                Some(b'#') => self.comment(),
                _ => return,
            }
        }
    }
    fn comment(&mut self) {
        while !matches!(self.peek(), None | Some(b'\n')) {
            self.bump();
        }
    }
    /// The end of a line: blanks, an optional comment, then a newline or the end.
    fn end_of_line(&mut self) -> Result<(), Error> {
        self.blank();
        if self.peek() == Some(b'#') {
            self.comment();
        }
        self.eat(b'\r');
        match self.peek() {
            None => Ok(()),
            Some(b'\n') => {
                self.bump();
                Ok(())
            }
            Some(_) => self.err(format!("unexpected “{}” after the value (one `key = value` per line)", self.rest_word())),
        }
    }
    fn rest_word(&self) -> String {
        self.src.get(self.i..).unwrap_or("").chars().take_while(|c| !c.is_ascii_whitespace()).take(20).collect()
    }

    fn document(&mut self) -> Result<Table, Error> {
        let mut root = Table::default();
        // The path of the table that `key = value` lines go into; `true` when its last part is an
        // array of tables (the lines go into its last element).
        let mut current: Vec<String> = Vec::new();
        let mut in_array = false;
        loop {
            self.space();
            let Some(c) = self.peek() else { return Ok(root) };
            let line = self.line;
            if c == b'[' {
                self.bump();
                let array = self.eat(b'[');
                self.blank();
                let path = self.key_path()?;
                self.blank();
                if !self.eat(b']') || (array && !self.eat(b']')) {
                    return self.err(if array { "a `[[name]]` header must end with `]]`" } else { "a `[name]` header must end with `]`" });
                }
                self.end_of_line()?;
                open(&mut root, &path, array, line)?;
                current = path;
                in_array = array;
            } else {
                let path = self.key_path()?;
                self.blank();
                if !self.eat(b'=') {
                    return self.err(format!("expected `=` after `{}`", path.join(".")));
                }
                self.blank();
                let value = self.value(0)?;
                self.end_of_line()?;
                let table = at(&mut root, &current, in_array).ok_or(Error { line, message: "no table to put this key in".into() })?;
                insert(table, &path, value, line)?;
            }
        }
    }

    fn key_path(&mut self) -> Result<Vec<String>, Error> {
        let mut path = vec![self.key()?];
        loop {
            self.blank();
            if !self.eat(b'.') {
                return Ok(path);
            }
            self.blank();
            path.push(self.key()?);
        }
    }

    fn key(&mut self) -> Result<String, Error> {
        match self.peek() {
            Some(b'"') => self.basic_string(),
            Some(b'\'') => self.literal_string(),
            _ => {
                let start = self.i;
                while matches!(self.peek(), Some(b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'_' | b'-')) {
                    self.bump();
                }
                if start == self.i {
                    return self.err(match self.peek() {
                        None => "expected a key at the end of the file".to_string(),
                        Some(_) => format!("expected a key (letters, digits, `_`, `-`), found “{}”", self.rest_word()),
                    });
                }
                Ok(self.src[start..self.i].to_string())
            }
        }
    }

    fn value(&mut self, depth: usize) -> Result<Item, Error> {
        if depth > MAX_DEPTH {
            return self.err(format!("lists and tables nest more than {MAX_DEPTH} deep"));
        }
        let line = self.line;
        let value = match self.peek() {
            Some(b'"') => Value::Str(self.basic_string()?),
            Some(b'\'') => Value::Str(self.literal_string()?),
            Some(b'[') => {
                self.bump();
                let mut items = Vec::new();
                loop {
                    self.space();
                    if self.eat(b']') {
                        break;
                    }
                    items.push(self.value(depth + 1)?);
                    self.space();
                    if self.eat(b',') {
                        continue;
                    }
                    self.space();
                    if self.eat(b']') {
                        break;
                    }
                    return self.err("expected `,` or `]` in a list");
                }
                Value::Arr(items)
            }
            Some(b'{') => {
                self.bump();
                let mut table = Table::default();
                self.blank();
                if !self.eat(b'}') {
                    loop {
                        self.blank();
                        let kl = self.line;
                        let path = self.key_path()?;
                        self.blank();
                        if !self.eat(b'=') {
                            return self.err(format!("expected `=` after `{}`", path.join(".")));
                        }
                        self.blank();
                        let v = self.value(depth + 1)?;
                        insert(&mut table, &path, v, kl)?;
                        self.blank();
                        if self.eat(b',') {
                            continue;
                        }
                        if self.eat(b'}') {
                            break;
                        }
                        return self.err("expected `,` or `}` in an inline table (it must stay on one line)");
                    }
                }
                Value::Table(table)
            }
            Some(b't') if self.s[self.i..].starts_with(b"true") => {
                self.i += 4;
                Value::Bool(true)
            }
            Some(b'f') if self.s[self.i..].starts_with(b"false") => {
                self.i += 5;
                Value::Bool(false)
            }
            Some(b'0'..=b'9' | b'+' | b'-' | b'.' | b'i' | b'n') => Value::Num(self.number()?),
            None => return self.err("expected a value at the end of the file"),
            Some(_) => return self.err(format!("expected a value (a number, \"text\", true/false, [list] or {{table}}), found “{}”", self.rest_word())),
        };
        Ok(Item { value, line })
    }

    fn number(&mut self) -> Result<f64, Error> {
        let start = self.i;
        while matches!(self.peek(), Some(b'0'..=b'9' | b'+' | b'-' | b'.' | b'_' | b'e' | b'E' | b'a'..=b'z')) {
            self.bump();
        }
        let text = &self.src[start..self.i];
        let clean: String = text.chars().filter(|&c| c != '_').collect();
        let ok_underscores = !text.starts_with('_') && !text.ends_with('_') && !text.as_bytes().windows(2).any(|w| w == b"__");
        match clean.as_str() {
            "inf" | "+inf" | "-inf" | "nan" | "+nan" | "-nan" => return self.err("`inf` and `nan` are not numbers a model can use"),
            _ => {}
        }
        let digits_ok = clean.bytes().all(|b| matches!(b, b'0'..=b'9' | b'+' | b'-' | b'.' | b'e' | b'E'));
        // The kit's parser, not `f64::from_str` (its tables cost the wasm ~20 KB: `crate::num`).
        match crate::num::parse_f64(clean.trim_start_matches('+')) {
            Some(x) if digits_ok && ok_underscores => Ok(x),
            _ => self.err(format!("“{text}” is not a number")),
        }
    }

    /// Steps over a string's opening quote (`q`, or three of them: a multi-line string, whose
    /// newline right after the quotes is not part of the text); says which it was.
    fn open(&mut self, q: u8) -> bool {
        let multi = self.s[self.i..].starts_with(&[q, q, q]);
        self.i += if multi { 3 } else { 1 };
        if multi {
            self.eat(b'\r');
            self.eat(b'\n');
        }
        multi
    }

    fn basic_string(&mut self) -> Result<String, Error> {
        let multi = self.open(b'"');
        let mut out = String::new();
        loop {
            let Some(c) = self.peek() else { return self.err("this string is never closed (a `\"` is missing)") };
            if multi && self.s[self.i..].starts_with(b"\"\"\"") {
                self.i += 3;
                return Ok(out);
            }
            match c {
                b'"' if !multi => {
                    self.bump();
                    return Ok(out);
                }
                b'\n' if !multi => return self.err("a string in \"…\" must end on its line (use \"\"\"…\"\"\" for several lines)"),
                b'\\' => {
                    self.bump();
                    match self.bump() {
                        Some(b'n') => out.push('\n'),
                        Some(b't') => out.push('\t'),
                        Some(b'"') => out.push('"'),
                        Some(b'\\') => out.push('\\'),
                        Some(b'u') => out.push(self.hex(4)?),
                        Some(b'U') => out.push(self.hex(8)?),
                        Some(b'\n') if multi => {
                            // A line-ending backslash joins the lines.
                            while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
                                self.bump();
                            }
                        }
                        _ => return self.err("unknown escape in a string (`\\n`, `\\t`, `\\\"`, `\\\\` and `\\uXXXX` are known)"),
                    }
                }
                _ => out.push(self.char()),
            }
        }
    }

    fn literal_string(&mut self) -> Result<String, Error> {
        let multi = self.open(b'\'');
        let mut out = String::new();
        loop {
            let Some(c) = self.peek() else { return self.err("this string is never closed (a `'` is missing)") };
            if multi && self.s[self.i..].starts_with(b"'''") {
                self.i += 3;
                return Ok(out);
            }
            match c {
                b'\'' if !multi => {
                    self.bump();
                    return Ok(out);
                }
                b'\n' if !multi => return self.err("a string in '…' must end on its line"),
                _ => out.push(self.char()),
            }
        }
    }

    /// The next UTF-8 character (the input is a `&str`, so boundaries are sound).
    fn char(&mut self) -> char {
        let c = self.src[self.i..].chars().next().unwrap_or('\u{fffd}');
        for _ in 0..c.len_utf8() {
            self.bump();
        }
        c
    }

    fn hex(&mut self, n: usize) -> Result<char, Error> {
        let digits = self.src.get(self.i..self.i + n).unwrap_or("");
        let c = u32::from_str_radix(digits, 16).ok().filter(|_| digits.len() == n && digits.bytes().all(|b| b.is_ascii_hexdigit())).and_then(char::from_u32);
        match c {
            Some(c) => {
                self.i += n;
                Ok(c)
            }
            None => self.err("a `\\u` escape needs hexadecimal digits of a character"),
        }
    }
}

/// Opens (creating as needed) the table a header names; an array header adds an element.
fn open(root: &mut Table, path: &[String], array: bool, line: usize) -> Result<(), Error> {
    let mut table = root;
    for (n, part) in path.iter().enumerate() {
        let last = n + 1 == path.len();
        if table.get(part).is_none() {
            let value = if last && array { Value::Arr(Vec::new()) } else { Value::Table(Table::default()) };
            table.entries.push((part.clone(), Item { value, line }));
        }
        let item = table.get_mut(part).ok_or(Error { line, message: String::new() })?;
        match (&mut item.value, last, array) {
            (Value::Arr(items), true, true) => {
                items.push(Item { value: Value::Table(Table::default()), line });
                return Ok(());
            }
            (Value::Table(_), true, false) if item.line != line => {
                return Err(Error { line, message: format!("the table [{}] is already defined on line {}", path.join("."), item.line) });
            }
            (Value::Table(t), _, _) => table = t,
            (Value::Arr(items), false, _) => match items.last_mut() {
                Some(Item { value: Value::Table(t), .. }) => table = t,
                _ => return Err(Error { line, message: format!("`{part}` is not a table") }),
            },
            _ => return Err(Error { line, message: format!("`{part}` is already a value, not a table") }),
        }
    }
    Ok(())
}

/// The table `key = value` lines currently go into.
fn at<'t>(root: &'t mut Table, path: &[String], _array: bool) -> Option<&'t mut Table> {
    let mut table = root;
    for part in path {
        table = match &mut table.get_mut(part)?.value {
            Value::Table(t) => t,
            Value::Arr(items) => match &mut items.last_mut()?.value {
                Value::Table(t) => t,
                _ => return None,
            },
            _ => return None,
        };
    }
    Some(table)
}

/// Puts a dotted key's value into `table`, refusing a key written twice.
fn insert(mut table: &mut Table, path: &[String], value: Item, line: usize) -> Result<(), Error> {
    let (last, parents) = path.split_last().ok_or(Error { line, message: "empty key".into() })?;
    for part in parents {
        if table.get(part).is_none() {
            table.entries.push((part.clone(), Item { value: Value::Table(Table::default()), line }));
        }
        table = match &mut table.get_mut(part).ok_or(Error { line, message: String::new() })?.value {
            Value::Table(t) => t,
            _ => return Err(Error { line, message: format!("`{part}` is already a value, not a table") }),
        };
    }
    if let Some(old) = table.get(last) {
        return Err(Error { line, message: format!("`{}` is set twice (first on line {})", path.join("."), old.line) });
    }
    table.entries.push((last.clone(), value));
    Ok(())
}
