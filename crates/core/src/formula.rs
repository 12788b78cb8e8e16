//! Formulas in model files: `launch_usd_per_lb * rack_lb`, `if(support, a + b, a)`,
//! `ceil(gpus / gpus_per_rack)`. Parsed once at load by a Pratt parser into a small tree
//! ([`Expr`], which the unit check reads), then compiled to postfix code over numbered slots
//! ([`Op`]). [`eval`] runs the code for one scenario; [`eval_columns`] runs each operation over a
//! whole column of Monte Carlo samples, so interpretation costs per operation, not per sample
//! (the way Squiggle's sample sets work).
//!
//! Grammar, loosest first: `or`; `and`; comparisons `< <= > >= == !=` (also `≤ ≥ ≠`); `+ -`;
//! `* /` (also `× · ÷`); unary `-`, `not`; `^` (right-associative, tighter than unary minus:
//! `-2^2` is −4). Numbers as `1200`, `1_000`, `2.5e9`. Comparisons and `and`/`or`/`not` give 1
//! or 0; any non-zero number is true. Functions: [`FUNCTIONS`].
//!
//! Architecture invariant: pure, never panics on any input, bounded depth ([`MAX_DEPTH`]) and
//! length ([`MAX_LEN`]); code only reads the slots it was compiled against.

/// A formula's tree: what the unit check and the compiler read.
#[derive(Clone, Debug, PartialEq)]
pub enum Expr {
    Num(f64),
    /// A named constant of the caller's (its value, and its index in the caller's table): kept
    /// apart from plain numbers so that a unit check can know what it measures.
    Const(f64, usize),
    /// A named value, by slot.
    Slot(usize),
    Neg(Box<Expr>),
    Not(Box<Expr>),
    Bin(Bin, Box<Expr>, Box<Expr>),
    Call(Func, Vec<Expr>),
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Bin {
    Add,
    Sub,
    Mul,
    Div,
    Pow,
    Lt,
    Le,
    Gt,
    Ge,
    Eq,
    Ne,
    And,
    Or,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Func {
    If,
    Min,
    Max,
    Clamp,
    Ceil,
    Floor,
    Round,
    Abs,
    Sqrt,
    Exp,
    Ln,
    Log10,
    /// `drives(effective, ratio, k, p, size)`: see [`FUNCTIONS`].
    Drives,
}

/// Every function a formula can call: name, what it does (README), and its argument count
/// (`None`: two or more).
pub const FUNCTIONS: &[(&str, Func, Option<usize>, &str)] = &[
    ("if", Func::If, Some(3), "if(condition, then, else): `then` where the condition is true (non-zero), else `else`"),
    ("min", Func::Min, None, "the smallest of two or more values"),
    ("max", Func::Max, None, "the largest of two or more values"),
    ("clamp", Func::Clamp, Some(3), "clamp(x, low, high): x kept between low and high"),
    ("ceil", Func::Ceil, Some(1), "rounded up to a whole number (a partial rack still has to fly)"),
    ("floor", Func::Floor, Some(1), "rounded down to a whole number"),
    ("round", Func::Round, Some(1), "rounded to the nearest whole number"),
    ("abs", Func::Abs, Some(1), "the absolute value"),
    ("sqrt", Func::Sqrt, Some(1), "the square root"),
    ("exp", Func::Exp, Some(1), "e to the power of x"),
    ("ln", Func::Ln, Some(1), "the natural logarithm"),
    ("log10", Func::Log10, Some(1), "the base-10 logarithm"),
    (
        "drives",
        Func::Drives,
        Some(5),
        "drives(effective, ratio, k, p, size): whole drives of `size` that hold `effective` capacity reduced `ratio`:1 in k+p erasure stripes: raw = effective ÷ ratio × (k+p)/k, ÷ size rounded up, never fewer than one stripe's k+p drives, none for no data",
    ),
];

/// One operation of compiled code (postfix: operands are on the stack).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Op {
    Num(f64),
    Load(u32),
    Neg,
    Not,
    Bin(Bin),
    /// `Call(f, n)`: `f` over the top `n` values.
    Call(Func, u8),
}

/// A formula that cannot be compiled: the message, and where in the formula (a character offset).
#[derive(Clone, Debug, PartialEq)]
pub struct Error {
    pub at: usize,
    pub message: String,
}

/// Formulas longer than this (in bytes) are refused.
pub const MAX_LEN: usize = 4000;
/// Parentheses and operators nest at most this deep.
pub const MAX_DEPTH: usize = 64;

/// Parses `src`; `resolve` gives what a name stands for (a slot, or a constant's value), `known`
/// the names it knows, for a "did you mean".
pub fn parse(src: &str, resolve: &dyn Fn(&str) -> Option<Expr>, known: &dyn Fn() -> Vec<String>) -> Result<Expr, Error> {
    if src.len() > MAX_LEN {
        return Err(Error { at: 0, message: format!("the formula is longer than {MAX_LEN} characters") });
    }
    let tokens = lex(src)?;
    let mut p = Parser { t: &tokens, i: 0, resolve, known, end: src.chars().count() };
    if tokens.is_empty() {
        return Err(Error { at: 0, message: "the formula is empty".into() });
    }
    let e = p.expr(0, 0)?;
    match p.t.get(p.i) {
        None => Ok(e),
        Some((at, tok)) => Err(Error { at: *at, message: format!("unexpected {} (an operator is missing?)", tok.describe()) }),
    }
}

/// Compiles a tree to postfix code.
pub fn compile(e: &Expr) -> Vec<Op> {
    let mut code = Vec::new();
    emit(e, &mut code);
    code
}

/// Every slot a tree reads.
pub fn slots(e: &Expr, out: &mut Vec<usize>) {
    match e {
        Expr::Num(_) | Expr::Const(..) => {}
        Expr::Slot(s) => out.push(*s),
        Expr::Neg(a) | Expr::Not(a) => slots(a, out),
        Expr::Bin(_, a, b) => {
            slots(a, out);
            slots(b, out);
        }
        Expr::Call(_, args) => args.iter().for_each(|a| slots(a, out)),
    }
}

/// Runs code against the slots' values. `stack` is scratch space (kept between calls so that
/// evaluation does not allocate). Code from [`compile`] is always balanced; anything else reads
/// missing operands as NaN rather than failing.
pub fn eval(code: &[Op], slots: &[f64], stack: &mut Vec<f64>) -> f64 {
    stack.clear();
    for op in code {
        match *op {
            Op::Num(x) => stack.push(x),
            Op::Load(s) => stack.push(slots.get(s as usize).copied().unwrap_or(f64::NAN)),
            Op::Neg => {
                let a = stack.pop().unwrap_or(f64::NAN);
                stack.push(-a)
            }
            Op::Not => {
                let a = stack.pop().unwrap_or(f64::NAN);
                stack.push(truth(a == 0.0))
            }
            Op::Bin(b) => {
                let y = stack.pop().unwrap_or(f64::NAN);
                let x = stack.pop().unwrap_or(f64::NAN);
                stack.push(bin(b, x, y))
            }
            Op::Call(f, n) => {
                let n = (n as usize).min(stack.len());
                let at = stack.len() - n;
                let v = call(f, &stack[at..]);
                stack.truncate(at);
                stack.push(v)
            }
        }
    }
    stack.pop().unwrap_or(f64::NAN)
}

/// A value on the column stack: one number every sample shares, a slot's column, or a column
/// of this evaluation's own.
enum Col<'a> {
    Num(f64),
    Ref(&'a [f64]),
    Own(Vec<f64>),
}

impl Col<'_> {
    fn at(&self, i: usize) -> f64 {
        match self {
            Col::Num(x) => *x,
            Col::Ref(c) => c.get(i).copied().unwrap_or(f64::NAN),
            Col::Own(c) => c.get(i).copied().unwrap_or(f64::NAN),
        }
    }

    /// The samples, when this is a column (`n` long: see `eval_columns`'s `Load`).
    fn samples(&self) -> Option<&[f64]> {
        match self {
            Col::Num(_) => None,
            Col::Ref(c) => Some(c),
            Col::Own(c) => Some(c),
        }
    }
}

/// `out[i] = f(x[i], y[i])`, reusing an operand's own column when it has one. Columns here are
/// `n` long (a shared number is `Col::Num`), so the loops run over slices without a check or a
/// branch per sample (measured: half of a Monte Carlo run's column time went to those).
fn zip_with(x: Col, y: Col, n: usize, spare: &mut Vec<Vec<f64>>, f: impl Fn(f64, f64) -> f64) -> Vec<f64> {
    match (x, y) {
        (Col::Own(mut a), y) => {
            match y.samples() {
                Some(b) => a.iter_mut().zip(b).for_each(|(v, c)| *v = f(*v, *c)),
                None => a.iter_mut().for_each(|v| *v = f(*v, y.at(0))),
            }
            if let Col::Own(b) = y {
                spare.push(b);
            }
            a
        }
        (x, Col::Own(mut b)) => {
            match x.samples() {
                Some(a) => b.iter_mut().zip(a).for_each(|(v, c)| *v = f(*c, *v)),
                None => b.iter_mut().for_each(|v| *v = f(x.at(0), *v)),
            }
            b
        }
        (x, y) => {
            let mut out = spare.pop().unwrap_or_default();
            out.clear();
            match (x.samples(), y.samples()) {
                (Some(a), Some(b)) => out.extend(a.iter().zip(b).map(|(a, b)| f(*a, *b))),
                (Some(a), None) => out.extend(a.iter().map(|a| f(*a, y.at(0)))),
                (None, Some(b)) => out.extend(b.iter().map(|b| f(x.at(0), *b))),
                (None, None) => out.resize(n, f(x.at(0), y.at(0))),
            }
            out
        }
    }
}

/// Runs code over columns: `slots[s]` is slot `s`'s column of `n` samples (a column of length 1
/// stands for the same value in every sample). Numbers every sample shares stay single numbers
/// until they meet a column, so constant work is done once. The result has `n` values, or one
/// when it is the same in every sample. `spare` keeps freed columns for reuse between calls.
pub fn eval_columns(code: &[Op], slots: &[&[f64]], n: usize, spare: &mut Vec<Vec<f64>>) -> Vec<f64> {
    let mut stack: Vec<Col> = Vec::new();
    let nan = |n: usize| vec![f64::NAN; n];
    for op in code {
        match *op {
            Op::Num(x) => stack.push(Col::Num(x)),
            Op::Load(s) => stack.push(match slots.get(s as usize) {
                Some(col) if col.len() == 1 => Col::Num(col[0]),
                Some(col) if col.len() == n => Col::Ref(col),
                _ => Col::Num(f64::NAN),
            }),
            Op::Neg | Op::Not => {
                let not = *op == Op::Not;
                let f = |x: f64| if not { truth(x == 0.0) } else { -x };
                let v = match stack.pop() {
                    Some(Col::Num(x)) => Col::Num(f(x)),
                    Some(c) => Col::Own(zip_with(c, Col::Num(0.0), n, spare, |x, _| f(x))),
                    None => return nan(n),
                };
                stack.push(v)
            }
            Op::Bin(b) => {
                let (Some(y), Some(x)) = (stack.pop(), stack.pop()) else { return nan(n) };
                let v = match (x, y, b) {
                    (Col::Num(a), Col::Num(c), _) => Col::Num(bin(b, a, c)),
                    // The common cases as plain closures the compiler can inline.
                    (x, y, Bin::Add) => Col::Own(zip_with(x, y, n, spare, |a, c| a + c)),
                    (x, y, Bin::Sub) => Col::Own(zip_with(x, y, n, spare, |a, c| a - c)),
                    (x, y, Bin::Mul) => Col::Own(zip_with(x, y, n, spare, |a, c| a * c)),
                    (x, y, Bin::Div) => Col::Own(zip_with(x, y, n, spare, |a, c| a / c)),
                    (x, y, b) => Col::Own(zip_with(x, y, n, spare, |a, c| bin(b, a, c))),
                };
                stack.push(v)
            }
            Op::Call(f, k) => {
                let k = (k as usize).min(stack.len());
                let args = stack.split_off(stack.len() - k);
                let v = if args.iter().all(|a| matches!(a, Col::Num(_))) {
                    let xs: Vec<f64> = args.iter().map(|a| a.at(0)).collect();
                    Col::Num(call(f, &xs))
                } else {
                    let mut out = spare.pop().unwrap_or_default();
                    out.clear();
                    let mut buf = [0.0; 8];
                    let m = args.len().min(8);
                    for i in 0..n {
                        for (j, a) in args.iter().take(m).enumerate() {
                            buf[j] = a.at(i);
                        }
                        out.push(call(f, &buf[..m]));
                    }
                    for a in args {
                        if let Col::Own(c) = a {
                            spare.push(c);
                        }
                    }
                    Col::Own(out)
                };
                stack.push(v)
            }
        }
    }
    match stack.pop() {
        Some(Col::Num(x)) => vec![x],
        Some(Col::Ref(c)) => c.to_vec(),
        Some(Col::Own(c)) => c,
        None => nan(n),
    }
}

fn truth(b: bool) -> f64 {
    if b {
        1.0
    } else {
        0.0
    }
}

fn bin(b: Bin, x: f64, y: f64) -> f64 {
    match b {
        Bin::Add => x + y,
        Bin::Sub => x - y,
        Bin::Mul => x * y,
        Bin::Div => x / y,
        Bin::Pow => x.powf(y),
        Bin::Lt => truth(x < y),
        Bin::Le => truth(x <= y),
        Bin::Gt => truth(x > y),
        Bin::Ge => truth(x >= y),
        Bin::Eq => truth(x == y),
        Bin::Ne => truth(x != y),
        Bin::And => truth(x != 0.0 && y != 0.0),
        Bin::Or => truth(x != 0.0 || y != 0.0),
    }
}

fn call(f: Func, a: &[f64]) -> f64 {
    let x = a.first().copied().unwrap_or(f64::NAN);
    let arg = |i: usize| a.get(i).copied().unwrap_or(f64::NAN);
    match f {
        Func::If => {
            if x.is_nan() {
                f64::NAN
            } else if x != 0.0 {
                arg(1)
            } else {
                arg(2)
            }
        }
        // NaN wins: a value that does not apply makes the comparison not apply either.
        Func::Min => a.iter().copied().fold(f64::INFINITY, |m, v| if v.is_nan() || m.is_nan() { f64::NAN } else { m.min(v) }),
        Func::Max => a.iter().copied().fold(f64::NEG_INFINITY, |m, v| if v.is_nan() || m.is_nan() { f64::NAN } else { m.max(v) }),
        Func::Clamp => x.max(arg(1)).min(arg(2)),
        Func::Ceil => x.ceil(),
        Func::Floor => x.floor(),
        Func::Round => x.round(),
        Func::Abs => x.abs(),
        Func::Sqrt => x.sqrt(),
        Func::Exp => x.exp(),
        Func::Ln => x.ln(),
        Func::Log10 => x.log10(),
        Func::Drives => {
            let (ratio, k, p, size) = (arg(1), arg(2), arg(3), arg(4));
            let raw = x / ratio * (k + p) / k;
            // A hair of slack so that float noise in an exact fit does not buy one more drive.
            let needed = (raw / size * (1.0 - 1e-12)).ceil();
            if x > 0.0 {
                needed.max(k + p)
            } else if x.is_nan() {
                f64::NAN
            } else {
                0.0
            }
        }
    }
}

fn emit(e: &Expr, code: &mut Vec<Op>) {
    match e {
        Expr::Num(x) | Expr::Const(x, _) => code.push(Op::Num(*x)),
        Expr::Slot(s) => code.push(Op::Load(*s as u32)),
        Expr::Neg(a) => {
            emit(a, code);
            code.push(Op::Neg)
        }
        Expr::Not(a) => {
            emit(a, code);
            code.push(Op::Not)
        }
        Expr::Bin(b, x, y) => {
            emit(x, code);
            emit(y, code);
            code.push(Op::Bin(*b))
        }
        Expr::Call(f, args) => {
            args.iter().for_each(|a| emit(a, code));
            code.push(Op::Call(*f, args.len().min(255) as u8))
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Num(f64),
    Name(String),
    Op(&'static str),
    Open,
    Close,
    Comma,
}

impl Tok {
    fn describe(&self) -> String {
        match self {
            Tok::Num(x) => format!("number {}", crate::num::format_f64(*x)),
            Tok::Name(n) => format!("name `{n}`"),
            Tok::Op(o) => format!("`{o}`"),
            Tok::Open => "`(`".into(),
            Tok::Close => "`)`".into(),
            Tok::Comma => "`,`".into(),
        }
    }
}

fn lex(src: &str) -> Result<Vec<(usize, Tok)>, Error> {
    let chars: Vec<char> = src.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let at = i;
        if c.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        if c.is_ascii_digit() || (c == '.' && chars.get(i + 1).is_some_and(|d| d.is_ascii_digit())) {
            let mut s = String::new();
            while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.' || chars[i] == '_') {
                if chars[i] != '_' {
                    s.push(chars[i]);
                }
                i += 1;
            }
            if i < chars.len() && (chars[i] == 'e' || chars[i] == 'E') {
                let save = i;
                let mut t = String::from("e");
                i += 1;
                if i < chars.len() && (chars[i] == '+' || chars[i] == '-') {
                    t.push(chars[i]);
                    i += 1;
                }
                if i < chars.len() && chars[i].is_ascii_digit() {
                    while i < chars.len() && chars[i].is_ascii_digit() {
                        t.push(chars[i]);
                        i += 1;
                    }
                    s.push_str(&t);
                } else {
                    i = save;
                }
            }
            match crate::num::parse_f64(&s) {
                Some(x) => out.push((at, Tok::Num(x))),
                None => return Err(Error { at, message: format!("“{s}” is not a number") }),
            }
            continue;
        }
        if c.is_ascii_alphabetic() || c == '_' {
            let mut s = String::new();
            while i < chars.len() && (chars[i].is_ascii_alphanumeric() || chars[i] == '_') {
                s.push(chars[i]);
                i += 1;
            }
            out.push((at, match s.as_str() {
                "and" => Tok::Op("and"),
                "or" => Tok::Op("or"),
                "not" => Tok::Op("not"),
                _ => Tok::Name(s),
            }));
            continue;
        }
        let two: String = chars[i..(i + 2).min(chars.len())].iter().collect();
        let (tok, len) = match (two.as_str(), c) {
            ("<=", _) => (Tok::Op("<="), 2),
            (">=", _) => (Tok::Op(">="), 2),
            ("==", _) => (Tok::Op("=="), 2),
            ("!=", _) => (Tok::Op("!="), 2),
            ("&&", _) => (Tok::Op("and"), 2),
            ("||", _) => (Tok::Op("or"), 2),
            ("**", _) => (Tok::Op("^"), 2),
            (_, '+') => (Tok::Op("+"), 1),
            (_, '-' | '−' | '–') => (Tok::Op("-"), 1),
            (_, '*' | '×' | '·') => (Tok::Op("*"), 1),
            (_, '/' | '÷') => (Tok::Op("/"), 1),
            (_, '^') => (Tok::Op("^"), 1),
            (_, '<') => (Tok::Op("<"), 1),
            (_, '>') => (Tok::Op(">"), 1),
            (_, '≤') => (Tok::Op("<="), 1),
            (_, '≥') => (Tok::Op(">="), 1),
            (_, '≠') => (Tok::Op("!="), 1),
            (_, '!') => (Tok::Op("not"), 1),
            (_, '(') => (Tok::Open, 1),
            (_, ')') => (Tok::Close, 1),
            (_, ',') => (Tok::Comma, 1),
            (_, '=') => return Err(Error { at, message: "`=` is not an operator here: write `==` to compare".into() }),
            _ => return Err(Error { at, message: format!("“{}” is not part of a formula", if c.is_control() { '\u{fffd}' } else { c }) }),
        };
        out.push((at, tok));
        i += len;
    }
    Ok(out)
}

struct Parser<'a> {
    t: &'a [(usize, Tok)],
    i: usize,
    resolve: &'a dyn Fn(&str) -> Option<Expr>,
    known: &'a dyn Fn() -> Vec<String>,
    end: usize,
}

/// Binding power of infix operators (left, right).
fn infix(op: &str) -> Option<(u8, u8, Bin)> {
    Some(match op {
        "or" => (1, 2, Bin::Or),
        "and" => (3, 4, Bin::And),
        "<" => (5, 6, Bin::Lt),
        "<=" => (5, 6, Bin::Le),
        ">" => (5, 6, Bin::Gt),
        ">=" => (5, 6, Bin::Ge),
        "==" => (5, 6, Bin::Eq),
        "!=" => (5, 6, Bin::Ne),
        "+" => (7, 8, Bin::Add),
        "-" => (7, 8, Bin::Sub),
        "*" => (9, 10, Bin::Mul),
        "/" => (9, 10, Bin::Div),
        // Right-associative, and tighter than unary minus (11).
        "^" => (14, 13, Bin::Pow),
        _ => return None,
    })
}

impl Parser<'_> {
    fn at(&self) -> usize {
        self.t.get(self.i).map_or(self.end, |t| t.0)
    }
    fn expr(&mut self, min_bp: u8, depth: usize) -> Result<Expr, Error> {
        if depth > MAX_DEPTH {
            return Err(Error { at: self.at(), message: format!("the formula nests more than {MAX_DEPTH} deep") });
        }
        let at = self.at();
        let Some((_, tok)) = self.t.get(self.i).cloned() else {
            return Err(Error { at, message: "the formula ends where a value should be".into() });
        };
        self.i += 1;
        let mut lhs = match tok {
            Tok::Num(x) => Expr::Num(x),
            Tok::Op("-") => fold(Expr::Neg(Box::new(self.expr(11, depth + 1)?))),
            Tok::Op("+") => self.expr(11, depth + 1)?,
            Tok::Op("not") => fold(Expr::Not(Box::new(self.expr(11, depth + 1)?))),
            Tok::Open => {
                let e = self.expr(0, depth + 1)?;
                if !matches!(self.t.get(self.i), Some((_, Tok::Close))) {
                    return Err(Error { at: self.at(), message: "a `)` is missing".into() });
                }
                self.i += 1;
                e
            }
            Tok::Name(name) => {
                if matches!(self.t.get(self.i), Some((_, Tok::Open))) {
                    self.call(&name, at, depth)?
                } else if let Some(e) = (self.resolve)(&name) {
                    e
                } else if FUNCTIONS.iter().any(|f| f.0 == name) {
                    return Err(Error { at, message: format!("`{name}` is a function: write `{name}(…)`") });
                } else {
                    let hint = suggest(&name, &(self.known)()).map(|s| format!(" — did you mean `{s}`?")).unwrap_or_default();
                    return Err(Error { at, message: format!("unknown name `{name}`{hint}") });
                }
            }
            other => return Err(Error { at, message: format!("unexpected {} where a value should be", other.describe()) }),
        };
        loop {
            let op = match self.t.get(self.i) {
                Some((_, Tok::Op(op))) => *op,
                _ => return Ok(lhs),
            };
            let Some((l, r, b)) = infix(op) else { return Ok(lhs) };
            if l < min_bp {
                return Ok(lhs);
            }
            self.i += 1;
            let rhs = self.expr(r, depth + 1)?;
            lhs = fold(Expr::Bin(b, Box::new(lhs), Box::new(rhs)));
        }
    }

    fn call(&mut self, name: &str, at: usize, depth: usize) -> Result<Expr, Error> {
        let Some(&(_, f, arity, _)) = FUNCTIONS.iter().find(|f| f.0 == name) else {
            let names: Vec<String> = FUNCTIONS.iter().map(|f| f.0.to_string()).collect();
            let hint = suggest(name, &names).map(|s| format!(" — did you mean `{s}`?")).unwrap_or_default();
            return Err(Error { at, message: format!("unknown function `{name}`{hint}") });
        };
        self.i += 1; // (
        let mut args = Vec::new();
        if matches!(self.t.get(self.i), Some((_, Tok::Close))) {
            self.i += 1;
        } else {
            loop {
                args.push(self.expr(0, depth + 1)?);
                match self.t.get(self.i) {
                    Some((_, Tok::Comma)) => self.i += 1,
                    Some((_, Tok::Close)) => {
                        self.i += 1;
                        break;
                    }
                    _ => return Err(Error { at: self.at(), message: format!("expected `,` or `)` in `{name}(…)`") }),
                }
            }
        }
        let ok = match arity {
            Some(n) => args.len() == n,
            None => args.len() >= 2 && args.len() <= 8,
        };
        if !ok {
            let want = arity.map_or("2 to 8".to_string(), |n| n.to_string());
            return Err(Error { at, message: format!("`{name}` takes {want} argument{}, not {}", if arity == Some(1) { "" } else { "s" }, args.len()) });
        }
        Ok(fold(Expr::Call(f, args)))
    }
}

/// Folds an operation on constants into its value.
fn fold(e: Expr) -> Expr {
    let num = |e: &Expr| if let Expr::Num(x) = e { Some(*x) } else { None };
    let v = match &e {
        Expr::Neg(a) => num(a).map(|x| -x),
        Expr::Not(a) => num(a).map(|x| truth(x == 0.0)),
        Expr::Bin(b, x, y) => num(x).zip(num(y)).map(|(x, y)| bin(*b, x, y)),
        Expr::Call(f, args) => args.iter().map(num).collect::<Option<Vec<f64>>>().map(|a| call(*f, &a)),
        _ => None,
    };
    match v {
        Some(x) if x.is_finite() => Expr::Num(x),
        _ => e,
    }
}

/// The known name closest to `name`, if one is close enough to be a typo.
pub fn suggest(name: &str, known: &[String]) -> Option<String> {
    let limit = (name.chars().count() / 3).clamp(1, 3);
    known.iter().map(|k| (distance(name, k), k)).filter(|(d, _)| *d <= limit).min_by_key(|(d, _)| *d).map(|(_, k)| k.clone())
}

/// Edit distance in characters, a swap of two neighbours counting as one edit (optimal string
/// alignment): `cots` is one edit from `cost`.
fn distance(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let w = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * w];
    for i in 0..=a.len() {
        for j in 0..=b.len() {
            d[i * w + j] = if i == 0 || j == 0 {
                i + j
            } else {
                let mut v = (d[(i - 1) * w + j - 1] + usize::from(a[i - 1] != b[j - 1])).min(d[(i - 1) * w + j] + 1).min(d[i * w + j - 1] + 1);
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    v = v.min(d[(i - 2) * w + j - 2] + 1);
                }
                v
            };
        }
    }
    d[a.len() * w + b.len()]
}
