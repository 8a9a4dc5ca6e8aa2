//! The client handout without a browser: the kept example of the demo is what drawdown renders
//! today; the file needs nothing outside itself; privacy mode hides names and rounds amounts;
//! text contrast, black-and-white patterns, and the planner's series and colours.
//! (tests/handout_browser.sh prints it in Chromium on Letter and A4.)

mod common;

use drawdown::optimize::Budget;
use drawdown::plan::demo_plan;
use drawdown::report::handout::series::{Pattern, SOURCES, TAXES, contrast, stack_years};
use drawdown::report::handout::{HandoutOptions, handout_for_plan, handout_html};
use std::collections::HashSet;
use std::path::Path;
use std::sync::OnceLock;

const KEPT: &str = "saves/D-handout.html";

fn demo(private: bool) -> &'static str {
    static PUBLIC: OnceLock<String> = OnceLock::new();
    static PRIVATE: OnceLock<String> = OnceLock::new();
    let cell = if private { &PRIVATE } else { &PUBLIC };
    cell.get_or_init(|| {
        let options = HandoutOptions {
            private,
            scenario: None,
        };
        handout_for_plan(&demo_plan(), &Budget::repeatable(), &options).unwrap()
    })
}

#[test]
fn the_kept_demo_handout_is_what_drawdown_renders_today() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(KEPT);
    let fresh = demo(false);
    if std::env::var_os("UPDATE_HANDOUT").is_some() {
        std::fs::write(&path, fresh).unwrap();
        return;
    }
    let kept = std::fs::read_to_string(&path).unwrap_or_default();
    if kept != fresh {
        let line = kept
            .lines()
            .zip(fresh.lines())
            .position(|(a, b)| a != b)
            .map_or(kept.lines().count().min(fresh.lines().count()) + 1, |i| {
                i + 1
            });
        panic!(
            "{KEPT} differs from a fresh render from line {line}; if the change is meant, \
             write it again with `UPDATE_HANDOUT=1 cargo test --test handout`"
        );
    }
}

#[test]
fn the_command_writes_the_same_handout() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("D.html");
    let run = common::drawdown(&["handout", "saves/D.ron", "-o", out.to_str().unwrap()]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert_eq!(std::fs::read_to_string(out).unwrap(), demo(false));
}

#[test]
fn the_handout_needs_nothing_outside_itself() {
    for html in [demo(false), demo(true)] {
        let lower = html.to_lowercase();
        for banned in [
            "http:", "https:", "<script", "<link", "<img", "<iframe", "<object", "<embed",
            "@import", "src=", "href=", "url(",
        ] {
            assert!(!lower.contains(banned), "the handout contains {banned}");
        }
        assert!(lower.starts_with("<!doctype html>"));
        assert!(lower.contains("<style>") && lower.contains("@page"));
        // Every id is unique, so each chart's title and description are its own.
        let ids: Vec<&str> = html
            .split(" id=\"")
            .skip(1)
            .map(|s| &s[..s.find('"').unwrap()])
            .collect();
        let unique: HashSet<&&str> = ids.iter().collect();
        assert_eq!(ids.len(), unique.len(), "duplicate ids");
    }
}

#[test]
fn it_has_every_section_the_issue_asks_for() {
    let html = demo(false);
    for needle in [
        "<h2>The headline</h2>",
        "<h2>The household in 2026</h2>",
        "<h2>What to do in 2026</h2>",
        "<h2>Strategies compared</h2>",
        "<h2>Income and taxes: Optimized (recommended)</h2>",
        "<h2>Income and taxes: Conventional (conventional order)</h2>",
        "<h2>Market risk</h2>",
        "<h2>Year by year: Optimized</h2>",
        "<h2>The first 5 years: what to do and why</h2>",
        "<h2>Assumptions</h2>",
        "This is a projection, not advice.",
        "Convert to Roth before December 31",
    ] {
        assert!(html.contains(needle), "missing {needle}");
    }
    // Every figure has a numbered title and a caption with the same number (the browser check
    // uses them to find cut charts), and an accessible title and description.
    let figures = html.matches("<figure>").count();
    assert_eq!(figures, 6);
    for n in ["1a", "1b", "2a", "2b", "3", "4"] {
        assert!(html.contains(&format!("<h3>Figure {n}: ")), "title {n}");
        assert!(
            html.contains(&format!("<figcaption>Figure {n}. ")),
            "caption {n}"
        );
    }
    assert_eq!(html.matches("role=\"img\"").count(), figures);
}

#[test]
fn the_figures_are_the_engines_exact_amounts() {
    let p = demo_plan();
    let c = drawdown::compare::compare_all(&p, &Budget::repeatable(), &Default::default())
        .unwrap()
        .0;
    let i = drawdown::report::actions::default_strategy(&c);
    let a = drawdown::report::actions(&p, &c, i, 2026).unwrap();
    let html = demo(false);
    for cv in &a.conversions {
        let cents = drawdown::money::format_cents(cv.amount);
        assert!(html.contains(&cents), "{cents} not in the handout");
    }
    let estate = drawdown::money::format_dollars(c.outcomes[i].estate_real);
    assert!(html.contains(&estate), "{estate}");
}

#[test]
fn privacy_mode_hides_names_and_rounds_amounts() {
    let html = demo(true);
    let body = &html[html.find("<body>").unwrap()..];
    for name in ["Dana", "Lee", "Brokerage", "sequential"] {
        assert!(!body.contains(name), "{name} shown in privacy mode");
    }
    assert!(body.contains("Person 1") && body.contains("Account 2 (tax-deferred)"));
    // No amount to the dollar or the cent: every one is $Nk, but for the units rates are
    // measured on ("the next $1 of IRA money", "Next $100 of IRA money costs").
    let exact = body
        .match_indices('$')
        .map(|(i, _)| (&body[..i], &body[i + 1..]))
        .find(|(before, rest)| {
            let digits: String = rest
                .chars()
                .take_while(|c| c.is_ascii_digit() || *c == ',' || *c == '.')
                .collect();
            let next = rest[digits.len()..].chars().next();
            let after_next = before.to_ascii_lowercase().ends_with("next ");
            let unit = digits == "1" || (after_next && ["10", "100", "1,000"].contains(&&*digits));
            digits.chars().any(|c| c.is_ascii_digit())
                && !matches!(next, Some('k' | 'm' | 'b'))
                && !unit
        })
        .map(|(_, rest)| rest);
    assert_eq!(exact.map(|r| &r[..r.len().min(30)]), None);
    assert!(!body.contains("kk"), "an amount rounded twice");
    assert!(body.contains("the next $1 of IRA money"));
    assert!(
        !body.contains("$0k of IRA money"),
        "a rate's unit rounded away"
    );
    assert!(body.contains("privacy mode: names hidden"));
}

#[test]
fn text_colours_meet_wcag_aa_on_every_background() {
    let css = include_str!("../src/report/handout/handout.css");
    // "#rgb" or "#rrggbb".
    let hex = |s: &str| -> (u8, u8, u8) {
        let digits: String = s[1..].chars().take_while(char::is_ascii_hexdigit).collect();
        let full: String = match digits.len() {
            3 => digits.chars().flat_map(|c| [c, c]).collect(),
            6 => digits,
            _ => panic!("colour {s}"),
        };
        let v = |i: usize| u8::from_str_radix(&full[i..i + 2], 16).unwrap();
        (v(0), v(2), v(4))
    };
    let colours = |key: &str| -> Vec<(u8, u8, u8)> {
        css.match_indices(key)
            .filter(|(i, _)| !css[..*i].ends_with('-'))
            .map(|(i, _)| css[i + key.len()..].trim_start())
            .filter(|v| v.starts_with('#'))
            .map(hex)
            .collect()
    };
    let texts: Vec<_> = colours("color:")
        .into_iter()
        .chain(colours("fill:"))
        .collect();
    let backgrounds = colours("background:");
    assert!(
        texts.len() >= 5 && backgrounds.len() >= 3,
        "{texts:?} {backgrounds:?}"
    );
    for t in &texts {
        for b in &backgrounds {
            let r = contrast(*t, *b);
            assert!(r >= 4.5, "text {t:?} on {b:?}: {r:.2}");
        }
    }
    // Pattern marks stand out from their fill (WCAG's 3:1 for graphics).
    for s in SOURCES.iter().chain(&TAXES) {
        let mark = if s.luminance() > 0.3 {
            (26, 26, 26)
        } else {
            (255, 255, 255)
        };
        assert!(contrast(mark, s.rgb) >= 3.0, "{}", s.name);
    }
}

#[test]
fn every_series_has_its_own_pattern_for_black_and_white() {
    let sources: HashSet<Pattern> = SOURCES.iter().map(|s| s.pattern).collect();
    let taxes: HashSet<Pattern> = TAXES.iter().map(|s| s.pattern).collect();
    assert_eq!(sources.len(), SOURCES.len());
    assert_eq!(taxes.len(), TAXES.len());
}

/// The handout charts what the planner charts. (If the planner's theme or view model moves,
/// point these at the new place: the two must not drift apart.)
#[test]
fn series_and_colours_are_the_planners() {
    use drawdown::tui::theme::{SOURCES as TUI_SOURCES, TAXES as TUI_TAXES, Theme};
    use ratatui::style::Color;
    let theme = Theme::standard();
    for (k, s) in SOURCES.iter().enumerate() {
        assert_eq!(s.name, TUI_SOURCES[k]);
        assert_eq!(
            Color::Rgb(s.rgb.0, s.rgb.1, s.rgb.2),
            theme.series[k],
            "{}",
            s.name
        );
    }
    for (k, s) in TAXES.iter().enumerate() {
        assert!(s.name.starts_with(TUI_TAXES[k]), "{}", s.name);
        assert_eq!(
            Color::Rgb(s.rgb.0, s.rgb.1, s.rgb.2),
            theme.taxes[k],
            "{}",
            s.name
        );
    }
    let c = drawdown::compare::compare(&demo_plan()).unwrap();
    for p in &c.projections {
        let ours = stack_years(p);
        let theirs = drawdown::tui::viewmodel::stack_columns(p);
        assert_eq!(ours.len(), theirs.len());
        for (a, b) in ours.iter().zip(&theirs) {
            assert_eq!(a.year.to_string(), b.label);
            assert_eq!(a.sources, b.sources);
            assert_eq!(a.taxes, b.taxes);
        }
    }
}

#[test]
fn a_comparison_still_waiting_for_its_search_renders_without_it() {
    // The planner may ask for a handout before the optimizer has finished.
    let p = demo_plan();
    let c = drawdown::compare::compare(&p).unwrap();
    assert_eq!(c.pending.len(), 1);
    let html = handout_html(&p, &c, None, &HandoutOptions::default()).unwrap();
    assert!(
        html.contains("Recommended: Heir-aware"),
        "the best named strategy"
    );
    assert!(
        !html.contains("<h2>Market risk</h2>"),
        "no simulation given"
    );
    let scenario = HandoutOptions {
        private: false,
        scenario: Some("Retire at 62".into()),
    };
    let html = handout_html(&p, &c, None, &scenario).unwrap();
    assert!(html.contains("<b>Scenario:</b> Retire at 62"));
}

/// With spending guardrails the fan shows when the cuts come: bars under its years, each as high
/// as the share of paths that cut spending that year, with the peak in the chart's description.
#[test]
fn the_fan_shows_the_years_of_spending_cuts() {
    let mut plan = demo_plan();
    plan.spending.guardrails = Some(drawdown::plan::Guardrails::classic());
    let options = HandoutOptions {
        private: false,
        scenario: None,
    };
    let html = handout_for_plan(&plan, &Budget::repeatable(), &options).unwrap();
    assert!(html.contains("spending cut</text>"), "a labelled strip");
    assert!(html.contains("% of paths cut spending</title></rect>"));
    assert!(html.contains("the share of paths on which the spending guardrails cut spending"));
    // The demo as kept has no guardrails, and its fan no strip.
    assert!(!demo(false).contains("spending cut</text>"));
}

#[test]
fn privacy_mode_hides_names_inside_strategy_labels_and_scenario_names() {
    // A label or a scenario named after a person would show the name the rest of the private
    // handout hides: it reads "Person n" there too, and the strategy keeps its figures.
    let mut p = demo_plan();
    p.strategies
        .push(drawdown::strategy::StrategySpec::HeirAware.with_label("For Lee's kids"));
    let c = drawdown::compare::compare(&p).unwrap();
    let options = HandoutOptions {
        private: true,
        scenario: Some("Dana retires at 62".into()),
    };
    let html = handout_html(&p, &c, None, &options).unwrap();
    let body = &html[html.find("<body>").unwrap()..];
    for name in ["Dana", "Lee"] {
        assert!(!body.contains(name), "{name} shown in privacy mode");
    }
    assert!(body.contains("For Person 2&#39;s kids") || body.contains("For Person 2's kids"));
    assert!(body.contains("<b>Scenario:</b> Person 1 retires at 62"));
    let public = handout_html(&p, &c, None, &HandoutOptions::default()).unwrap();
    assert!(public.contains("For Lee") && public.contains("Heir-aware"));
}

#[test]
fn the_facts_list_the_gifts_to_charity() {
    let mut plan = demo_plan();
    assert!(!demo(false).contains("Gifts to charity"));
    plan.spending.charity = rust_decimal::Decimal::from(6000);
    let options = HandoutOptions {
        private: false,
        scenario: None,
    };
    let html = handout_for_plan(&plan, &Budget::repeatable(), &options).unwrap();
    assert!(html.contains("Gifts to charity"));
    assert!(html.contains("$6,000 a year, in 2026 dollars: from 70½ given straight from IRAs"));
}

#[test]
fn a_couple_not_filing_jointly_is_cautioned_as_in_the_report() {
    assert!(!demo(false).contains("class=\"caution\""));
    let mut plan = demo_plan();
    plan.filing = drawdown::tax::Filing::Mfs;
    let caution = plan
        .one_return_caution()
        .expect("two people on separate returns");
    let options = HandoutOptions {
        private: false,
        scenario: None,
    };
    let html = handout_for_plan(&plan, &Budget::repeatable(), &options).unwrap();
    let at = html.find("class=\"caution\"").expect("a caution");
    assert!(html[at..].contains(&caution), "{}", &html[at..at + 300]);
}

/// A simulation error was printed twice: `market simulation: X: X`, the message and its source.
#[test]
fn a_simulation_error_is_said_once() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/saves/D.ron"))
        .unwrap()
        .replace(
            "tax_law: CurrentLaw,",
            "tax_law: CurrentLaw, simulation: (mode: Historical, returns_file: Some(\"r1.csv\")),",
        );
    assert!(text.contains("r1.csv"), "the demo's assumptions changed");
    std::fs::write(dir.path().join("plan.ron"), text).unwrap();
    std::fs::write(
        dir.path().join("r1.csv"),
        "year,stocks,bonds,cash,inflation\n2000,0.1,0.05,0.02,0.03\n\
         2001,0.1,0.05,0.02,0.03\n2003,0.1,0.05,0.02,0.03\n",
    )
    .unwrap();
    // The returns file is read from the directory drawdown runs in.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_drawdown"))
        .current_dir(dir.path())
        .args(["handout", "plan.ron", "-o", "out.html"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    let said = "r1.csv: line 4: 2003 does not follow 2001";
    assert!(
        err.contains(&format!(
            "error: plan.ron: market simulation: assumptions.simulation.returns_file: {said}"
        )),
        "{err}"
    );
    assert_eq!(err.matches(said).count(), 1, "{err}");
}
