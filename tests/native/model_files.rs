//! Model files: the TOML reader, the formula compiler and evaluator, the loader's errors and
//! unit warnings, the model files in `www/models/` against their check figures in
//! `tests/check/`, and inputs no model file should ever panic on.

use essay_core::formula::{self, Expr};
use essay_core::model::{self, Model, Values};
use essay_core::modelfile::{self, Loaded};
use essay_core::toml::{self, Value};

/// Every model file of the kit, by path.
pub fn files() -> Vec<std::path::PathBuf> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("www/models");
    let mut v: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).filter(|p| p.extension().is_some_and(|x| x == "toml")).collect();
    v.sort();
    v
}

pub fn load_file(path: &std::path::Path) -> Loaded {
    let text = std::fs::read_to_string(path).unwrap();
    modelfile::load(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A model file's text, loaded (panics with the error).
fn load(src: &str) -> Loaded {
    modelfile::load(src).unwrap_or_else(|e| panic!("{e}"))
}

/// The error a model file gives (panics when it loads).
fn error(src: &str) -> modelfile::Error {
    match modelfile::load(src) {
        Ok(l) => panic!("{} loaded, but should not have", l.model.id()),
        Err(e) => e,
    }
}

/// A small valid model, with `extra` appended (more tables).
fn small(extra: &str) -> String {
    format!(
        r#"id = "small"
title = "Small"

[[input]]
key = "price"
label = "Price"
unit = "$/lb"
min = 1
max = 100
default = 10

[[input]]
key = "mass"
label = "Mass"
unit = "lb"
min = 1
max = 1000
default = 50

[[output]]
key = "cost"
label = "Cost"
unit = "$"
formula = "price * mass"
{extra}"#
    )
}

/// The values of a data-scenario for a model.
fn scenario(m: &'static Model, s: &str) -> Vec<f64> {
    let a = essay_core::author::settings(m, m.id(), &|name| (name == "data-scenario").then(|| s.to_string()));
    assert!(a.notes.is_empty(), "{}: scenario {s}: {:?}", m.id(), a.notes);
    a.base
}

fn output(m: &Model, vals: &[f64], key: &str) -> f64 {
    let i = m.outputs().iter().position(|o| o.key == key).unwrap_or_else(|| panic!("{}: no output {key}", m.id()));
    m.compute(&Values::new(m.params(), vals))[i]
}

mod reader {
    use super::*;

    #[test]
    fn reads_values_tables_and_arrays_with_their_lines() {
        let t = toml::parse("# a comment\nid = \"x\" # trailing\nn = 1_200.5\nflag = true\n\n[[input]]\nkey = 'k'\nmarks = [\n  { at = 1e3, label = \"A\" },\n]\n[[input]]\nkey = \"\"\"two\nlines\"\"\"\n[sub.deeper]\nv = -2\n").unwrap();
        assert_eq!(t.get("id").map(|i| (&i.value, i.line)), Some((&Value::Str("x".into()), 2)));
        assert_eq!(t.get("n").unwrap().value, Value::Num(1200.5));
        assert_eq!(t.get("flag").unwrap().value, Value::Bool(true));
        let Value::Arr(inputs) = &t.get("input").unwrap().value else { panic!() };
        assert_eq!(inputs.len(), 2);
        let Value::Table(first) = &inputs[0].value else { panic!() };
        let Value::Arr(marks) = &first.get("marks").unwrap().value else { panic!() };
        let Value::Table(mark) = &marks[0].value else { panic!() };
        assert_eq!(mark.get("at").unwrap().value, Value::Num(1000.0));
        assert_eq!(marks[0].line, 9);
        let Value::Table(second) = &inputs[1].value else { panic!() };
        assert_eq!(second.get("key").unwrap().value, Value::Str("two\nlines".into()));
        let Value::Table(sub) = &t.get("sub").unwrap().value else { panic!() };
        let Value::Table(deeper) = &sub.get("deeper").unwrap().value else { panic!() };
        assert_eq!(deeper.get("v").map(|i| (&i.value, i.line)), Some((&Value::Num(-2.0), 15)));
    }

    #[test]
    fn says_what_is_wrong_and_on_which_line() {
        let cases = [
            ("a = 1\na = 2\n", 2, "set twice (first on line 1)"),
            ("a = \"open\n", 1, "must end on its line"),
            ("\n\nb = 12x\n", 3, "is not a number"),
            ("c = [1, 2\n", 2, "expected `,` or `]` in a list"),
            ("d = 1 2\n", 1, "after the value"),
            ("[t]\n[t]\n", 2, "already defined on line 1"),
            ("x = inf\n", 1, "not numbers a model can use"),
            ("= 3\n", 1, "expected a key"),
        ];
        for (src, line, says) in cases {
            let e = toml::parse(src).unwrap_err();
            assert_eq!(e.line, line, "{src:?}: {e:?}");
            assert!(e.message.contains(says), "{src:?}: {e:?}");
        }
    }

    #[test]
    fn deep_nesting_and_huge_files_are_refused_not_fatal() {
        let deep = format!("a = {}{}\n", "[".repeat(10_000), "]".repeat(10_000));
        assert!(toml::parse(&deep).unwrap_err().message.contains("nest"));
        let huge = "x".repeat(toml::MAX_BYTES + 1);
        assert!(toml::parse(&huge).unwrap_err().message.contains("at most"));
    }
}

mod formulas {
    use super::*;

    /// Evaluates a formula over the names a, b, c = 2, 3, 5.
    fn calc(src: &str) -> f64 {
        let names = ["a", "b", "c"];
        let resolve = |n: &str| names.iter().position(|x| *x == n).map(Expr::Slot);
        let known = || names.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let e = formula::parse(src, &resolve, &known).unwrap_or_else(|e| panic!("{src}: {e:?}"));
        formula::eval(&formula::compile(&e), &[2.0, 3.0, 5.0], &mut Vec::new())
    }

    fn fails(src: &str) -> String {
        let names = ["gpus_per_rack", "rack_lb"];
        let resolve = |n: &str| names.iter().position(|x| *x == n).map(Expr::Slot);
        let known = || names.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        formula::parse(src, &resolve, &known).map(|e| format!("parsed as {e:?}")).unwrap_or_else(|e| e.message)
    }

    #[test]
    fn precedence_and_associativity_follow_arithmetic() {
        let cases = [
            ("1 + 2 * 3", 7.0),
            ("(1 + 2) * 3", 9.0),
            ("-2 ^ 2", -4.0),
            ("2 ^ 3 ^ 2", 512.0),
            ("a - b - c", -6.0),
            ("c / a / a", 1.25),
            ("a × b − c ÷ c", 5.0),
            ("a < b", 1.0),
            ("a >= b", 0.0),
            ("a == 2 and b != 3", 0.0),
            ("a == 2 or b != 3", 1.0),
            ("not (a > b)", 1.0),
            ("if(a > b, 10, 20)", 20.0),
            ("if(c, a, b)", 2.0),
            ("min(c, a, b) + max(a, b)", 5.0),
            ("ceil(c / a) + floor(c / a) + round(2.5)", 8.0),
            ("abs(-c) + sqrt(16) + ln(exp(2)) + log10(1000)", 14.0),
            ("clamp(c, a, b)", 3.0),
            ("1_000 * 2.5e-3", 2.5),
            ("drives(2000, 1, 146, 4, 122.88)", 150.0),
            ("drives(20000, 2, 8, 2, 30)", 417.0),
            ("drives(0, 2, 8, 2, 30)", 0.0),
        ];
        for (src, want) in cases {
            assert_eq!(calc(src), want, "{src}");
        }
    }

    #[test]
    fn mistakes_are_named_with_a_suggestion() {
        assert_eq!(fails("gpu_per_rack * 2"), "unknown name `gpu_per_rack` — did you mean `gpus_per_rack`?");
        assert_eq!(fails("rack_lb +"), "the formula ends where a value should be");
        assert_eq!(fails("(rack_lb"), "a `)` is missing");
        assert_eq!(fails("rack_lb rack_lb"), "unexpected name `rack_lb` (an operator is missing?)");
        assert_eq!(fails("rack_lb = 2"), "`=` is not an operator here: write `==` to compare");
        assert_eq!(fails("ceil(1, 2)"), "`ceil` takes 1 argument, not 2");
        assert_eq!(fails("if(1, 2)"), "`if` takes 3 arguments, not 2");
        assert_eq!(fails("sqr(4)"), "unknown function `sqr` — did you mean `sqrt`?");
        assert_eq!(fails("ceil + 1"), "`ceil` is a function: write `ceil(…)`");
        assert_eq!(fails(""), "the formula is empty");
        assert!(fails(&format!("{}1{}", "(".repeat(200), ")".repeat(200))).contains("nests more than"));
        assert!(fails("rack_lb $ 2").contains("is not part of a formula"));
    }

    #[test]
    fn constants_fold_at_compile_time() {
        let e = formula::parse("2 * 3 + 4", &|_| None, &Vec::new).unwrap();
        assert_eq!(formula::compile(&e), vec![formula::Op::Num(10.0)]);
    }

    proptest::proptest! {
        #![proptest_config(crate::cases(300))]
        /// Column-wise evaluation gives, sample by sample, what one-at-a-time evaluation gives.
        #[test]
        fn columns_agree_with_scalars(xs in proptest::collection::vec((-1e3f64..1e3, 0.1f64..1e3), 1..40), pick in 0usize..7) {
            let srcs = ["a * b + 3", "if(a > b, a - b, b / a)", "min(a, b) ^ 2 - max(a, 1)", "ceil(b / 7) * a", "sqrt(b) + abs(a) * (a < 0)", "drives(b, 1.5, 8, 2, 30) - a", "-a + not (b > 500) * 2 - (1 - 3) * a"];
            let names = ["a", "b"];
            let resolve = |n: &str| names.iter().position(|x| *x == n).map(Expr::Slot);
            let e = formula::parse(srcs[pick], &resolve, &Vec::new).unwrap();
            let code = formula::compile(&e);
            let a: Vec<f64> = xs.iter().map(|p| p.0).collect();
            let b: Vec<f64> = xs.iter().map(|p| p.1).collect();
            let cols = formula::eval_columns(&code, &[&a, &b], xs.len(), &mut Vec::new());
            for (i, (x, y)) in xs.iter().enumerate() {
                let one = formula::eval(&code, &[*x, *y], &mut Vec::new());
                let col = cols.get(i).or(cols.first()).copied().unwrap();
                proptest::prop_assert!(one == col || (one.is_nan() && col.is_nan()), "{}: {one} vs {col}", srcs[pick]);
            }
            // A value every sample shares stays one number.
            let shared = formula::eval_columns(&code, &[&a[..1], &b[..1]], xs.len(), &mut Vec::new());
            proptest::prop_assert_eq!(shared.len(), 1);
        }
    }
}

mod loading {
    use super::*;

    #[test]
    fn a_small_model_computes_links_and_draws() {
        let m = load(&small("\n[[chart]]\nx = \"price\"\nlines = [{ output = \"cost\" }]\nlevels = [{ at = \"price * 20\", label = \"Twenty lb\" }]\n")).model;
        assert_eq!(m.id(), "small");
        let v = scenario(m, "price=20&mass=3");
        assert_eq!(output(m, &v, "cost"), 60.0);
        let c = m.chart(&Values::new(m.params(), &v));
        assert_eq!(c.series.len(), 1);
        let first = c.series[0].points.first().copied().unwrap();
        assert_eq!(first, (1.0, 3.0), "the line runs along the x input's range");
        assert_eq!(c.point.as_ref().map(|p| (p.x, p.y)), Some((20.0, 60.0)));
        assert_eq!(c.levels.first().map(|l| l.x), Some(400.0));
        assert!(c.y.max >= 400.0, "the axis holds the level");
        // A link round-trips through the codec, as for any widget.
        let q = essay_core::scenario::encode(m, "small", &v, &model::defaults(m.params()), "");
        assert_eq!(essay_core::scenario::decode(m, "small", &q, &model::defaults(m.params())).values, v);
    }

    #[test]
    fn a_preset_starts_where_its_default_says_and_the_summary_names_its_label() {
        let extra = "\n[[input]]\nkey = \"rocket\"\nlabel = \"Rocket\"\nkind = \"preset\"\nfills = [\"price\"]\noptions = [{ name = \"f9\", label = \"Falcon 9\", values = [20] }, { name = \"fh\", label = \"Falcon Heavy\", values = [40] }]\ndefault = \"fh\"\nsource = \"t\"\n";
        let src = small(extra).replace("title = \"Small\"", "title = \"Small\"\nsummary = \"On {rocket}: {cost}.\"");
        let m = load(&src).model;
        let d = model::defaults(m.params());
        assert_eq!(output(m, &d, "cost"), 40.0 * 50.0, "the preset's option fills the price");
        assert_eq!(m.summary(&Values::new(m.params(), &d)), "On Falcon Heavy: $2,000.");
        let bad = small(extra.replace("values = [40]", "values = [400]").as_str());
        assert!(error(&bad).message.contains("sets `price` to 400, outside its range"), "{:?}", error(&bad));
    }

    #[test]
    fn a_counted_noun_agrees_with_its_number() {
        let src = small("").replace("title = \"Small\"", "title = \"Small\"\nsummary = \"{mass|pound weighs|pounds weigh} {cost}.\"");
        let m = load(&src).model;
        let at = |mass: f64| m.summary(&Values::new(m.params(), &[10.0, mass]));
        assert_eq!(at(1.0), "1\u{a0}pound weighs $10.");
        assert_eq!(at(2.0), "2\u{a0}pounds weigh $20.");
        assert_eq!(at(1000.0), "1,000\u{a0}pounds weigh $10,000.");
        for bad in ["{mass|pound}", "{mass|a|b|c}", "{mass||pounds}"] {
            let e = error(&small("").replace("title = \"Small\"", &format!("title = \"Small\"\nsummary = \"{bad}\"")));
            assert!(e.message.contains("a counted noun is"), "{bad}: {e:?}");
        }
    }

    #[test]
    fn a_readout_with_labels_names_one_of_them() {
        let src = small("").replace("formula = \"price * mass\"", "formula = \"price * mass\"\n\n[[output]]\nkey = \"dearer\"\nlabel = \"Dearer\"\nlabels = [\"Price\", \"Mass\"]\nformula = \"if(price > mass, 0, 1)\"").replace("title = \"Small\"", "title = \"Small\"\nsummary = \"{dearer} wins.\"");
        let m = load(&src).model;
        let o = m.outputs().iter().position(|o| o.key == "dearer").unwrap();
        let at = |price: f64| m.compute(&Values::new(m.params(), &[price, 50.0]))[o];
        assert_eq!(m.outputs()[o].show(at(10.0), 0), "Mass");
        assert_eq!(m.outputs()[o].show(at(90.0), 0), "Price");
        assert_eq!(m.summary(&Values::new(m.params(), &[90.0, 50.0])), "Price wins.");
        let bad = src.replace("if(price > mass, 0, 1)", "2");
        assert!(error(&bad).message.contains("so its formula must give 0 to 1"), "{:?}", error(&bad));
    }

    #[test]
    fn control_groups_sit_together_and_fold_by_name() {
        let m = load(&small("").replace("default = 10\n", "default = 10\ngroup = \"Launch\"\n").replace("title = \"Small\"", "title = \"Small\"\nfolded = [\"Launch\"]")).model;
        assert_eq!((m.params()[0].group, m.params()[0].folded), ("Launch", true));
        assert_eq!((m.params()[1].group, m.params()[1].folded), ("", false));
        let unknown = error(&small("").replace("title = \"Small\"", "title = \"Small\"\nfolded = [\"Ground\"]"));
        assert!(unknown.message.contains("`folded` names the group “Ground”, which no input has"), "{unknown:?}");
        let split = small("\n[[input]]\nkey = \"n\"\nlabel = \"N\"\ngroup = \"A\"\nmin = 1\nmax = 2\ndefault = 1\n").replace("default = 10\n", "default = 10\ngroup = \"A\"\n");
        assert!(error(&split).message.contains("the group “A” is split"), "{:?}", error(&split));
        let card = small("").replace("formula = \"price * mass\"", "formula = \"price * mass\"\nheadline = true\nfolded = true");
        assert!(error(&card).message.contains("`folded` is for cards"), "{:?}", error(&card));
    }

    #[test]
    fn empty_words_follow_the_scenario() {
        // Flash: no crossing because all the data is hot is not "never".
        let m = model::find("flash-scarcity").unwrap();
        let j = m.outputs().iter().position(|o| o.key == "break_even").unwrap();
        let hot = m.params().iter().position(|p| p.key == "hot_pct").unwrap();
        let mut v = model::defaults(m.params());
        v[hot] = 100.0;
        let out = m.compute(&Values::new(m.params(), &v));
        assert!(out[j].is_nan(), "no single break-even at 100 % hot: {}", out[j]);
        assert_eq!(m.show(j, out[j], &v, 0), "any multiplier (all data hot)");
        // A hybrid that never crosses: "never" (hot data at 0 %, flash dearer at every multiplier?
        // whichever it is, it is not "any").
        v[hot] = 0.0;
        let out = m.compute(&Values::new(m.params(), &v));
        if out[j].is_nan() {
            assert_eq!(m.show(j, out[j], &v, 0), "never");
        }
        // A number is a number, whatever the words.
        let d = model::defaults(m.params());
        assert_eq!(m.show(j, 1.7345, &d, 0), m.outputs()[j].show(1.7345, 0));
        // The loader: the list's last entry is the fallback.
        let base = small("").replace("formula = \"price * mass\"", "formula = \"if(price > 50, price * mass, nan)\"\nEMPTY");
        let ok = load(&base.replace("EMPTY", "empty = [{ when = \"mass > 500\", text = \"too heavy\" }, \"cheap\"]")).model;
        assert_eq!(ok.outputs()[0].empty, "cheap");
        assert_eq!(ok.show(0, f64::NAN, &[10.0, 50.0], 0), "cheap");
        assert_eq!(ok.show(0, f64::NAN, &[10.0, 600.0], 0), "too heavy");
        let e = error(&base.replace("EMPTY", "empty = [{ when = \"mass > 500\", text = \"too heavy\" }]"));
        assert!(e.message.contains("`empty` list must end with a plain text"), "{e:?}");
        let e = error(&base.replace("EMPTY", "empty = [{ when = \"weight > 500\", text = \"too heavy\" }, \"cheap\"]"));
        assert!(e.message.contains("weight"), "{e:?}");
    }

    #[test]
    fn with_ranges_the_chart_and_summary_say_the_readouts_medians() {
        // Two parts and their total; a line chart view and a bars view.
        let src = small(
            r#"
[[output]]
key = "fee"
label = "Fee"
unit = "$"
formula = "price * 10"

[[output]]
key = "total"
label = "Total"
unit = "$"
formula = "cost + fee"

[[input]]
key = "view"
label = "Chart"
kind = "view"

[[chart]]
name = "line"
x = "price"
point = "total"
lines = [{ output = "total" }]
marks = [{ at = "fee", label = "Fee" }]

[[chart]]
name = "bars"
x_label = "Cost"
bars = [{ label = "All", total = "total", parts = [{ name = "Cost", output = "cost" }, { name = "Fee", output = "fee" }] }]
"#,
        )
        .replace("title = \"Small\"", "title = \"Small\"\nsummary = \"All in: {total}.\"");
        let m = load(&src).model;
        let mut vals = model::defaults(m.params());
        let v = Values::new(m.params(), &vals);
        // Without ranges: the scenario's own numbers ($500 + $100).
        assert_eq!(m.chart(&v).point.map(|p| p.y), Some(600.0));
        assert_eq!(m.summary(&v), "All in: $600.");
        // The readouts' medians (cost, fee, total) stand in where the chart and summary show an
        // output; the total's median is not the sum of the parts' medians.
        let shown = [Some(520.0), Some(90.0), Some(640.0)];
        let line = m.chart_shown(&v, &shown);
        assert_eq!(line.point.map(|p| (p.y, p.label)), Some((640.0, "$640".to_string())));
        assert_eq!(line.marks.iter().map(|k| k.x).collect::<Vec<_>>(), [90.0], "a mark at an output: its median");
        assert_eq!(line.series[0].points.iter().find(|p| p.0 == 10.0).map(|p| p.1), Some(600.0), "the line is the scenario's");
        assert_eq!(m.summary_shown(&v, &shown), "All in: $640.");
        assert_eq!(m.summary_shown(&v, &[None, None, Some(640.0)]), "All in: $640.");
        vals[2] = 1.0;
        let bars = m.chart_shown(&Values::new(m.params(), &vals), &shown);
        assert_eq!(bars.bars[0].parts.iter().map(|p| p.1).collect::<Vec<_>>(), [520.0, 90.0]);
        assert_eq!((bars.bars[0].length(), bars.bars[0].total()), (610.0, 640.0));
        assert!(bars.x.max >= 640.0, "the axis holds the total: {}", bars.x.max);
        // A total that is not its parts' sum is an author's mistake, named where it is.
        let wrong = src.replace("formula = \"cost + fee\"", "formula = \"cost\"");
        let e = error(&wrong);
        assert!(e.message.contains("the bar “All” says its total is `total`, but at the defaults `total` is 500 and its parts add up to 600"), "{e:?}");
    }

    #[test]
    fn outputs_may_come_in_any_order_and_read_each_other() {
        let m = load(&small("\n[[output]]\nkey = \"doubled\"\nlabel = \"Doubled\"\nunit = \"$\"\nformula = \"twice - cost\"\n\n[let]\ntwice = \"3 * cost\"\n")).model;
        let v = model::defaults(m.params());
        assert_eq!(output(m, &v, "doubled"), 1000.0);
    }

    #[test]
    fn every_bad_model_class_names_its_problem_and_line() {
        let cases: Vec<(String, usize, &str)> = vec![
            (small("").replace("price * mass", "prise * mass"), 24, "unknown name `prise` — did you mean `price`?"),
            (small("\n[let]\na = \"b + 1\"\nb = \"a * 2\"\n"), 27, "go round in a circle: "),
            (small("").replace("default = 10", "default = 500"), 10, "the default 500 of `price` is outside its range 1 to 100"),
            (small("").replace("unit = \"lb\"", "unit = \"kwh\""), 15, "unknown unit `kwh` — did you mean `kWh`?"),
            (small("").replace("unit = \"lb\"", "unit = \"lb^2/\""), 15, "unknown unit"),
            (small("").replace("price * mass", "price / (mass - 50)"), 24, "is not a number at the defaults"),
            (small("").replace("default = 50", "default = 50\nsorce = \"x\""), 19, "has no field `sorce` — did you mean `source`?"),
            (small("").replace("key = \"mass\"", "key = \"price\""), 12, "declared twice"),
            (small("").replace("id = \"small\"", "id = \"Small Widget\""), 1, "must be kebab-case"),
            (small("").replace("min = 1\nmax = 100", "min = 100\nmax = 1"), 9, "must be above `min`"),
            (small("\n[[chart]]\nx = \"cost\"\nlines = [{ output = \"cost\" }]\n"), 27, "there is no input `cost`"),
            (small("\n[[chart]]\nx = \"price\"\nlines = [{ output = \"kost\" }]\n"), 28, "no output `kost` — did you mean `cost`?"),
            (small("").replace("title = \"Small\"", "title = \"Small\"\nsummary = \"Costs {cots}.\""), 3, "unknown name `cots` in the summary — did you mean `cost`?"),
            ("id = \"x\"\ntitle = \"X\"\n".to_string(), 0, "at least one [[output]]"),
            ("id = \"x\"\ntitle = \"X\n".to_string(), 2, "must end on its line"),
        ];
        for (src, line, says) in cases {
            let e = error(&src);
            assert!(e.message.contains(says), "wanted “{says}”, got {e}");
            assert_eq!(e.line, line, "{e}");
        }
    }

    #[test]
    fn the_unit_check_warns_where_a_formula_gives_another_quantity() {
        let good = load(&small(""));
        assert!(good.warnings.is_empty(), "{:?}", good.warnings);
        let bad = load(&small("").replace("price * mass", "price / mass"));
        assert_eq!(bad.warnings.len(), 1, "{:?}", bad.warnings);
        let w = &bad.warnings[0];
        assert_eq!(w.line, 23, "the output's unit line");
        assert!(w.message.contains("declared in `$` (money) but its formula gives money × mass^-2"), "{w:?}");
        let adds = load(&small("").replace("price * mass", "price + mass"));
        assert!(adds.warnings.iter().any(|w| w.message.contains("adds money × mass^-1 and mass")), "{:?}", adds.warnings);
        // A bare number takes the quantity it is combined with.
        assert!(load(&small("").replace("price * mass", "price * (mass + 10) * 0.5")).warnings.is_empty());
    }

    #[test]
    fn units_written_in_plain_text_map_onto_the_kit() {
        let cases = [
            ("$", 1234.0, 0, "$1,234"),
            ("$", 0.0042, 0, "$0.0042"),
            ("$/lb", 1200.0, 1, "$2,646/kg"),
            ("lb", 3000.0, 1, "1,361\u{a0}kg"),
            ("kg", 1361.0, 1, "3,000\u{a0}lb"),
            ("W", 2e8, 0, "200\u{a0}MW"),
            ("Wh", 1.75e12, 0, "1.75\u{a0}TWh"),
            ("kW", 120.0, 0, "120\u{a0}kW"),
            ("%", 40.0, 0, "40\u{a0}%"),
            ("×", 3.55, 0, "3.55×"),
            ("s", 35.7, 0, "35.7\u{a0}s"),
            ("tokens/s", 2801.7, 0, "2,802\u{a0}tokens/s"),
            ("GPUs", 72.0, 0, "72\u{a0}GPUs"),
            ("$/MWh", 80.6, 0, "$80.6/MWh"),
            ("m²", 12.5, 0, "12.5\u{a0}m²"),
        ];
        for (text, v, system, want) in cases {
            let (unit, _) = modelfile::unit(text).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!(unit.format(v, system), want, "{text}");
        }
    }

    #[test]
    fn links_set_only_inputs_and_text_stays_text() {
        let m = load(&small("").replace("title = \"Small\"", "title = \"<b>Small</b>\"")).model;
        // An output key or a formula in a link is not an input: reported, values stay sane.
        let d = model::defaults(m.params());
        let got = essay_core::scenario::decode(m, "small", "small.cost=1&small.price=price*2", &d);
        assert_eq!(got.values, d);
        assert_eq!(got.notes.len(), 2, "{:?}", got.notes);
        // Markup in a model's text is escaped wherever it is written as markup.
        let svg = essay_core::render::fallback_html(m, &d, "x.svg", essay_core::render::SIZE);
        assert!(!svg.contains("<b>") , "{svg}");
    }
}

mod files {
    use super::*;

    /// The check figures of a model file: (scenario, output, expected, relative tolerance, source).
    fn checks(id: &str) -> Vec<(String, String, f64, f64, String)> {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/check/{id}.toml"));
        let text = std::fs::read_to_string(&path).unwrap_or_else(|_| panic!("{id}: no check figures at {}", path.display()));
        let t = toml::parse(&text).unwrap();
        let Some(Value::Arr(items)) = t.get("check").map(|i| &i.value) else { panic!("{id}: no [[check]] entries") };
        items
            .iter()
            .map(|i| {
                let Value::Table(c) = &i.value else { panic!() };
                let s = |k: &str| match c.get(k).map(|i| &i.value) {
                    Some(Value::Str(s)) => s.clone(),
                    _ => String::new(),
                };
                let n = |k: &str| match c.get(k).map(|i| &i.value) {
                    Some(Value::Num(x)) => *x,
                    _ => panic!("{id}: check on line {} has no {k}", i.line),
                };
                assert!(!s("source").is_empty(), "{id}: check on line {} names no source", i.line);
                (s("scenario"), s("output"), n("expect"), n("within"), s("source"))
            })
            .collect()
    }

    #[test]
    fn every_model_file_loads_without_warnings_and_matches_its_check_figures() {
        let files = files();
        assert!(!files.is_empty());
        for path in files {
            let loaded = load_file(&path);
            let m = loaded.model;
            assert!(loaded.warnings.is_empty(), "{}: {:?}", m.id(), loaded.warnings);
            assert_eq!(path.file_stem().unwrap().to_str(), Some(m.id()), "a model file is named by its id");
            let checks = checks(m.id());
            for o in m.outputs() {
                assert!(checks.iter().any(|c| c.1 == o.key), "{}: output {} has no check figure", m.id(), o.key);
            }
            for (sc, key, want, within, source) in checks {
                let v = scenario(m, &sc);
                let got = output(m, &v, &key);
                assert!((got - want).abs() <= within * want.abs(), "{}.{key} at “{sc}”: {got}, hand calculation {want} ({source})", m.id());
            }
        }
    }
}

mod fuzz {
    use super::*;

    /// Mutations of the real model files and of the small model: cut, duplicated, bytes swapped,
    /// formulas garbled. None may panic; a file that loads must compute, draw and sum up.
    #[test]
    fn fuzz_model_files() {
        let cases: usize = std::env::var("FUZZ_MODEL_CASES").ok().and_then(|s| s.parse().ok()).unwrap_or(3000);
        let mut seeds: Vec<String> = files().iter().map(|p| std::fs::read_to_string(p).unwrap()).collect();
        seeds.push(small("\n[[chart]]\nx = \"price\"\nlines = [{ output = \"cost\" }]\n"));
        let pieces = ["(", ")", "*", "/", "^", "if(", ",", "\"", "[", "]", "{", "}", "=", "\n", "#", "1e308", "-", "0", "nan", "price", "cost", "[[output]]", "[[input]]", "'''", "\\u"];
        let mut rng = oorandom::Rand64::new(0x5eed);
        let mut loaded = 0;
        for n in 0..cases {
            let mut s = seeds[n % seeds.len()].clone().into_bytes();
            for _ in 0..(1 + rng.rand_range(0..6)) {
                if s.is_empty() {
                    break;
                }
                let at = rng.rand_range(0..s.len() as u64) as usize;
                match rng.rand_range(0..4) {
                    0 => {
                        let end = (at + rng.rand_range(1..40) as usize).min(s.len());
                        s.drain(at..end);
                    }
                    1 => {
                        let p = pieces[rng.rand_range(0..pieces.len() as u64) as usize];
                        s.splice(at..at, p.bytes());
                    }
                    2 => s[at] = rng.rand_range(0..128) as u8,
                    _ => {
                        let end = (at + rng.rand_range(1..200) as usize).min(s.len());
                        let copy = s[at..end].to_vec();
                        s.splice(at..at, copy);
                    }
                }
            }
            let text = String::from_utf8_lossy(&s);
            if let Ok(l) = modelfile::load(&text) {
                loaded += 1;
                let m = l.model;
                let d = model::defaults(m.params());
                let v = Values::new(m.params(), &d);
                let _ = (m.compute(&v), m.chart(&v), m.summary(&v));
            }
        }
        assert!(loaded > 0, "no mutated file loaded: the fuzzer only tests the reader");
    }
}

/// The built-in widgets became model files: before the Rust models were removed, each file was
/// proven against its Rust model (the same inputs, outputs, units, charts and summaries; see the
/// commit "orbital-vs-terrestrial as a model file"), and the Rust models' outputs at 1,000 random
/// in-range scenarios per widget were recorded in `tests/fixtures/rust-outputs/ID.txt`. The
/// model files must keep computing them (relative difference below 1e-9).
mod builtins {
    use super::*;

    fn fixture_path(id: &str) -> std::path::PathBuf {
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/fixtures/rust-outputs/{id}.txt"))
    }

    fn same(a: f64, b: f64) -> bool {
        (a.is_nan() && b.is_nan()) || a == b || (a - b).abs() <= 1e-9 * a.abs().max(b.abs())
    }

    #[test]
    fn each_built_in_computes_what_its_rust_model_did() {
        let ids = ["orbital-gpu-cost", "datacenter-power", "flash-scarcity", "orbital-vs-terrestrial", "kv-cache"];
        for id in ids {
            let m = model::find(id).unwrap_or_else(|| panic!("no model file for {id}"));
            let recorded = std::fs::read_to_string(fixture_path(id)).unwrap_or_else(|_| panic!("{id}: no fixture"));
            // The inputs' order when recorded, where the file has since moved them (controls
            // regrouped): values are matched by key.
            let order: Option<Vec<usize>> = recorded.lines().find_map(|l| l.strip_prefix("# inputs: ")).map(|keys| {
                keys.split(' ').map(|k| m.params().iter().position(|p| p.key == k).unwrap_or_else(|| panic!("{id}: no input {k}"))).collect()
            });
            let recorded_outputs: Option<Vec<usize>> = recorded.lines().find_map(|l| l.strip_prefix("# outputs: ")).map(|keys| {
                keys.split(' ').map(|k| m.outputs().iter().position(|o| o.key == k).unwrap_or_else(|| panic!("{id}: no output {k}"))).collect()
            });
            let mut n = 0;
            for line in recorded.lines().filter(|l| !l.starts_with('#')) {
                let (ins, outs) = line.split_once(" | ").unwrap();
                let parse = |s: &str| s.split(' ').map(|x| x.parse::<f64>().unwrap()).collect::<Vec<_>>();
                let (mut v, want) = (parse(ins), parse(outs));
                if let Some(order) = &order {
                    let mut moved = vec![f64::NAN; v.len()];
                    order.iter().zip(&v).for_each(|(&to, &x)| moved[to] = x);
                    v = moved;
                }
                let got = m.compute(&Values::new(m.params(), &v));
                // The outputs recorded, by key where the file names them (readouts added since
                // have check figures of their own).
                let outs: Vec<usize> = match &recorded_outputs {
                    Some(keys) => keys.clone(),
                    None => (0..m.outputs().len()).collect(),
                };
                assert_eq!((v.len(), want.len()), (m.params().len(), outs.len()), "{id}: the fixture's shape");
                for (&k, w) in outs.iter().zip(&want) {
                    let g = got[k];
                    assert!(same(g, *w), "{id}.{} at {v:?}: model file {g}, Rust {w}", m.outputs()[k].key);
                }
                n += 1;
            }
            assert_eq!(n, 1000, "{id}");
        }
    }
}

/// Monte Carlo over a model file runs column-wise; the same model run sample by sample gives
/// the same percentiles, chance, bands and tornado.
mod columns {
    use super::*;
    use essay_core::model::{Claim, Range, Spec};
    use essay_core::uncertainty::Engine;

    /// The orbital model file, computed one sample at a time (as Rust models are).
    fn scalar(v: &Values, out: &mut Vec<f64>) {
        out.extend(model::find("orbital-gpu-cost").unwrap().compute(v));
    }

    #[test]
    fn column_wise_monte_carlo_matches_sample_by_sample() {
        crate::all();
        let m = model::find("orbital-gpu-cost").unwrap();
        let u = &m.uncertainty;
        let by_sample: &'static Model = Box::leak(Box::new(Model {
            id: m.id,
            title: m.title,
            params: m.params,
            outputs: m.outputs,
            logic: model::Logic::Rust { compute: scalar, chart: |_| unreachable!(), summary: |_| String::new() },
            version: m.version,
            migrations: m.migrations,
            uncertainty: Spec {
                headline: u.headline,
                band: u.band,
                claim: u.claim.as_ref().map(|c| Claim { label: c.label, output: c.output, below: c.below }),
                defaults: u.defaults,
            },
        }));
        let mut v = model::defaults(m.params());
        v[model::index(m.params(), "support").unwrap()] = 1.0;
        let mut ranges = vec![None; v.len()];
        for (key, lo, hi) in [("launch_usd_per_lb", 136.0, 680.0), ("rack_kw", 100.0, 140.0), ("gpus", 50_000.0, 200_000.0)] {
            ranges[model::index(m.params(), key).unwrap()] = Some(Range { lo, hi });
        }
        let essay = m.compute(&Values::new(m.params(), &model::defaults(m.params())));
        let a = Engine::default().run(m, &v, &ranges, &essay);
        let b = Engine::default().run(by_sample, &v, &ranges, &essay);
        assert_eq!(a.outputs, b.outputs);
        assert_eq!(a.chance, b.chance);
        assert!(!a.bands.is_empty());
        assert_eq!(a.bands, b.bands, "the chart's bands");
        assert!(a.chance.is_some_and(|c| c > 0.0 && c < 1.0), "{:?}", a.chance);
        assert_eq!(a.tornado.iter().map(|s| (s.key, s.at_lo, s.at_hi)).collect::<Vec<_>>(), b.tornado.iter().map(|s| (s.key, s.at_lo, s.at_hi)).collect::<Vec<_>>());
    }
}
