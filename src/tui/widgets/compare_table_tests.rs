use super::*;
use crate::tui::widgets::testutil::{Lcg, dump, find, render_contained, row, sizes};
use ratatui::style::{Color, Modifier};

fn cell(text: &str, best: bool, delta: Option<(&str, Option<bool>)>) -> MetricCell {
    MetricCell {
        text: text.into(),
        best,
        delta: delta.map(|(t, b)| Delta {
            text: t.into(),
            better: b,
            short: None,
        }),
        short: None,
    }
}

fn headers(names: &[&str]) -> Vec<String> {
    names.iter().map(|s| s.to_string()).collect()
}

fn rows() -> Vec<MetricRow> {
    vec![
        MetricRow {
            label: "Lifetime tax, all".into(),
            cells: vec![
                cell("$412,000", false, None),
                cell("$388,500", true, Some(("−$23,500", Some(true)))),
                cell("$430,100", false, Some(("+$18,100", Some(false)))),
            ],
        },
        MetricRow {
            label: "Years the money lasts".into(),
            cells: vec![
                cell("31 (all)", false, None),
                cell("31 (all)", false, None),
                cell("29", false, Some(("−2.0 yrs", None))),
            ],
        },
        MetricRow {
            label: "After-tax estate at end".into(),
            cells: vec![
                cell("$1,204,000", true, None),
                cell("$1,180,000", false, None),
                cell("$990,000", false, None),
            ],
        },
    ]
}

fn render(
    h: &[String],
    rows: &[MetricRow],
    selected: usize,
    theme: &Theme,
    w: u16,
    ht: u16,
    title: Option<&str>,
) -> Buffer {
    let mut buf = Buffer::empty(Rect::new(0, 0, w, ht));
    ComparisonTable {
        headers: h,
        rows,
        selected,
        scroll: 0,
        wide: false,
        theme,
        title,
    }
    .render(buf.area, &mut buf);
    buf
}

#[test]
fn wide_tables_put_deltas_beside_values() {
    let theme = Theme::standard();
    let h = headers(&["Proportional", "Bracket fill 22%", "Roth first"]);
    let buf = render(&h, &rows(), 1, &theme, 100, 6, None);
    let text = dump(&buf);
    // Label column 24 (2/5 of 100, capped), then 3 columns of 24 with 1-cell gaps; names end
    // at their column's right edge.
    assert_eq!(
        row(&buf, 0).trim_end(),
        format!(
            "{:>49}{:>25}{:>25}",
            "Proportional", "Bracket fill 22%", "Roth first"
        ),
        "{text}"
    );
    // "$388,500 *  −$23,500": value, best mark, then the delta right-aligned.
    assert!(row(&buf, 1).starts_with("Lifetime tax, all"), "{text}");
    let (x, y) = find(&buf, "$388,500 *").expect(&text);
    assert_eq!(y, 1);
    let (dx, _) = find(&buf, "−$23,500").expect(&text);
    assert_eq!(
        dx + 8,
        25 + 25 + 24,
        "delta ends at the column's right edge\n{text}"
    );
    assert!(
        buf[(x, y)].modifier.contains(Modifier::BOLD) && buf[(x, y)].fg == Color::Green,
        "best style"
    );
    assert_eq!(
        buf[(x + 9, y)].fg,
        Color::Green,
        "the * marker in the best style"
    );
    assert_eq!(buf[(dx, y)].fg, Color::Green, "an improvement reads good");
    let (bx, _) = find(&buf, "+$18,100").unwrap();
    assert_eq!(buf[(bx, 1)].fg, Color::Red, "worse reads bad");
    let (nx, ny) = find(&buf, "−2.0 yrs").unwrap();
    assert_eq!(
        (ny, buf[(nx, ny)].fg),
        (2, Color::DarkGray),
        "neutral reads dim"
    );
    // Every row is one line.
    assert!(
        row(&buf, 3).starts_with("After-tax estate at end"),
        "{text}"
    );
}

#[test]
fn narrow_tables_put_deltas_under_values() {
    let theme = Theme::standard();
    let h = headers(&["Proportional", "Bracket fill 22%", "Roth first"]);
    let buf = render(&h, &rows(), 0, &theme, 70, 8, None);
    let text = dump(&buf);
    // 24 for labels, 3 columns of 14: too narrow for "value *  delta" (8 + 2 + 1 + 8 = 19).
    let (vx, vy) = find(&buf, "$388,500").expect(&text);
    let (dx, dy) = find(&buf, "−$23,500").expect(&text);
    assert_eq!(
        (dy, dx),
        (vy + 1, vx),
        "the delta right under its value\n{text}"
    );
    // A name too long for its column takes two header lines, broken between words.
    assert!(row(&buf, 0).contains("Bracket fill"), "{text}");
    assert!(row(&buf, 1).trim_end().ends_with("22%"), "{text}");
    // Rows with a delta take two lines, others one.
    assert!(row(&buf, 4).starts_with("Years the money lasts"), "{text}");
    assert!(
        row(&buf, 6).starts_with("After-tax estate at end "),
        "{text}"
    );
    // The label column is 2/5 of a narrow table; longer labels end in '…'.
    let narrow = render(&h, &rows(), 0, &theme, 50, 8, None);
    assert!(
        row(&narrow, 6).starts_with("After-tax estate at… "),
        "{}",
        dump(&narrow)
    );
    assert_eq!(preferred_height(&rows()), 1 + 2 + 2 + 1);
    // A name too long even for two lines ends in '…' after its last whole word.
    let long = headers(&[
        "Proportional",
        "Taxable first then the IRA then Roth",
        "Roth first",
    ]);
    let buf = render(&long, &rows(), 0, &theme, 70, 8, None);
    assert!(row(&buf, 0).contains("Taxable first"), "{}", dump(&buf));
    assert!(row(&buf, 1).contains("then the IRA…"), "{}", dump(&buf));
}

#[test]
fn amounts_too_wide_for_their_column_are_drawn_short_never_cut() {
    let theme = Theme::standard();
    let h = headers(&["Proportional", "Bracket fill 22%", "Roth first"]);
    let money = |text: &str, short: &str, best: bool| MetricCell {
        short: Some(short.into()),
        ..cell(text, best, None)
    };
    let rows = vec![
        MetricRow {
            label: "Lifetime tax, all".into(),
            cells: vec![
                money("$23,830,373,456", "$23.83b", true),
                money("$9,830,373,456", "$9.83b", false),
                money("$12,345,678", "$12.35m", false),
            ],
        },
        MetricRow {
            label: "Lifetime IRMAA".into(),
            cells: vec![
                money("$367,602", "$368k", false),
                money("$367,602", "$368k", false),
                money("$12,345,678", "$12.35m", false),
            ],
        },
    ];
    // 24 for labels, 3 columns of 12. The billions do not fit whole, so their whole row is
    // short (one form to compare across it); in the next row "$12,345,678" fits, spilling into
    // the room of the best marker it does not have, and the row reads whole.
    let buf = render(&h, &rows, 0, &theme, 64, 5, None);
    let text = dump(&buf);
    let line = row(&buf, 2);
    assert!(line.contains("$23.83b *"), "{text}");
    assert!(line.contains("$9.83b"), "{text}");
    assert!(line.contains("$12.35m"), "{text}");
    assert!(!line.contains('…'), "{text}");
    let line = row(&buf, 3);
    assert!(
        line.contains("$367,602") && line.contains("$12,345,678"),
        "{text}"
    );
    // Widened to be read whole, the selected column is (the others then share what is left).
    let mut buf = Buffer::empty(Rect::new(0, 0, 64, 5));
    ComparisonTable {
        headers: &h,
        rows: &rows,
        selected: 0,
        scroll: 0,
        wide: true,
        theme: &theme,
        title: None,
    }
    .render(buf.area, &mut buf);
    let text = dump(&buf);
    assert!(text.contains("$23,830,373,456 *"), "{text}");
    assert!(!text.contains('…'), "{text}");
    // With room, every amount is whole.
    let wide = render(&h, &rows, 0, &theme, 100, 4, None);
    let text = dump(&wide);
    assert!(text.contains("$23,830,373,456 *"), "{text}");
    assert!(text.contains("$9,830,373,456"), "{text}");
}

#[test]
fn changes_too_wide_for_their_column_are_drawn_short_never_cut() {
    let theme = Theme::standard();
    let h = headers(&["Proportional", "Bracket fill 22%", "Roth first"]);
    let changed = |text: &str, delta: &str, short: &str| MetricCell {
        delta: Some(Delta {
            text: delta.into(),
            better: Some(false),
            short: Some(short.into()),
        }),
        ..cell(text, false, None)
    };
    let rows = vec![MetricRow {
        label: "Lifetime tax, all".into(),
        cells: vec![
            changed("$412,000", "+$9,830,373,456", "+$9.83b"),
            changed("$388,500", "−$23,500", "−$23.5k"),
            cell("$430,100", false, None),
        ],
    }];
    // 3 columns of 12: the changes go under their values, and the billions' in short form.
    let buf = render(&h, &rows, 0, &theme, 64, 5, None);
    let text = dump(&buf);
    assert!(text.contains("+$9.83b"), "{text}");
    assert!(text.contains("−$23,500"), "{text}");
    assert!(!text.contains('…'), "{text}");
}

#[test]
fn the_selected_column_is_highlighted_top_to_bottom() {
    let theme = Theme::standard();
    let h = headers(&["A", "B", "C"]);
    let buf = render(&h, &rows(), 2, &theme, 100, 6, None);
    let sel = theme.selected.bg.unwrap();
    // Column 2 spans x = 25 + 2*25 .. +24, on the header and every row line.
    for y in 0..4 {
        for x in 75..99 {
            assert_eq!(buf[(x, y)].bg, sel, "({x},{y})\n{}", dump(&buf));
        }
        assert_eq!(buf[(74, y)].bg, Color::Reset);
        assert_eq!(buf[(50, y)].bg, Color::Reset);
    }
    assert_eq!(buf[(80, 4)].bg, Color::Reset, "not below the table");
    // Best text in the selected column keeps the band and adds its own style.
    let h = headers(&["A", "B", "C"]);
    let buf = render(&h, &rows(), 1, &theme, 100, 6, None);
    let (x, y) = find(&buf, "$388,500").unwrap();
    assert_eq!((buf[(x, y)].bg, buf[(x, y)].fg), (sel, Color::Green));
}

#[test]
fn monochrome_still_marks_best_and_selection() {
    let theme = Theme::monochrome();
    let h = headers(&["A", "B", "C"]);
    let buf = render(&h, &rows(), 0, &theme, 100, 6, None);
    let text = dump(&buf);
    assert!(
        text.contains("$388,500 *") && text.contains("$1,204,000 *"),
        "{text}"
    );
    let (x, y) = find(&buf, "$1,204,000").unwrap();
    assert!(
        buf[(x, y)]
            .modifier
            .contains(Modifier::REVERSED | Modifier::BOLD | Modifier::UNDERLINED)
    );
    assert!((0..6).all(|y| {
        (0..100).all(|x| buf[(x, y)].fg == Color::Reset && buf[(x, y)].bg == Color::Reset)
    }));
}

#[test]
fn many_strategies_scroll_to_keep_the_selected_one_visible() {
    let theme = Theme::standard();
    let names: Vec<String> = (1..=8).map(|i| format!("Strategy {i}")).collect();
    let rows: Vec<MetricRow> = vec![MetricRow {
        label: "Lifetime tax".into(),
        cells: (1..=8)
            .map(|i| cell(&format!("${i}00,000"), i == 7, None))
            .collect(),
    }];
    let buf = render(&names, &rows, 6, &theme, 60, 5, Some("Strategies"));
    let text = dump(&buf);
    // 58 inner: 23 for labels, 34 for columns less 1 for ▶: 2 columns, the selected one (7)
    // as near the middle as 2 allow.
    assert!(row(&buf, 0).contains("◀ 6–7 of 8 ▶ ┐"), "{text}");
    assert!(
        text.contains("Strategy 7") && !text.contains("Strategy 5"),
        "{text}"
    );
    assert!(text.contains("$700,000 *"), "{text}");
    assert_eq!(find(&buf, "◀").map(|(_, y)| y), Some(0));
    assert!(row(&buf, 1).contains('◀'), "◀ beside the headers\n{text}");
    let buf = render(&names, &rows, 0, &theme, 60, 5, Some("Strategies"));
    let text = dump(&buf);
    assert!(row(&buf, 0).contains(" 1–2 of 8 ▶ "), "{text}");
    assert!(
        row(&buf, 1).trim_end_matches('│').trim_end().ends_with('▶'),
        "{text}"
    );
    // Clicks map to the strategy drawn there.
    let area = Rect::new(0, 0, 60, 5);
    let (x, _) = find(&buf, "Strategy 2").unwrap();
    assert_eq!(strategy_at(area, &names, &[], 0, false, &theme, x), Some(1));
    assert_eq!(
        strategy_at(area, &names, &[], 0, false, &theme, 3),
        None,
        "the label column"
    );
    let buf = render(&names, &rows, 7, &theme, 60, 5, Some("Strategies"));
    let (x, _) = find(&buf, "Strategy 8").unwrap_or_else(|| panic!("{}", dump(&buf)));
    assert_eq!(strategy_at(area, &names, &[], 7, false, &theme, x), Some(7));
    assert_eq!(
        strategy_at(area, &names, &[], 7, false, &theme, x - 14),
        Some(6),
        "the column left of it"
    );
}

#[test]
fn rows_that_do_not_fit_are_counted() {
    let theme = Theme::standard();
    let h = headers(&["A", "B", "C"]);
    let buf = render(&h, &rows(), 0, &theme, 70, 4, None);
    let text = dump(&buf);
    assert_eq!(row(&buf, 3).trim_end(), "↓ 2 more (↑↓ scroll)", "{text}");
}

#[test]
fn ragged_and_empty_data() {
    let theme = Theme::standard();
    let h = headers(&["A", "B"]);
    let ragged = vec![MetricRow {
        label: "x".into(),
        cells: vec![cell("1", true, None)],
    }];
    let buf = render(&h, &ragged, 9, &theme, 50, 4, None);
    assert!(dump(&buf).contains("1 *"));
    let buf = render(&[], &[], 0, &theme, 40, 4, Some("Strategies"));
    assert!(dump(&buf).contains("Strategies"));
    assert_eq!(preferred_height(&[]), 1);
}

#[test]
fn every_size_renders_without_panicking_or_spilling() {
    let mut rng = Lcg(3);
    let names: Vec<String> = (0..7)
        .map(|i| {
            [
                "Proportional",
                "Bracket fill to 22% with conversions",
                "",
                "R",
            ][i % 4]
                .to_string()
        })
        .collect();
    let rows: Vec<MetricRow> = (0..12)
        .map(|r| MetricRow {
            label: [
                "Lifetime tax",
                "",
                "A metric with a rather long label that goes on",
            ][r % 3]
                .into(),
            cells: (0..(r % 9))
                .map(|i| {
                    let v = rng.amount();
                    cell(
                        &format!("${v}"),
                        i == 2,
                        (i % 2 == 0).then_some(("+$1,234,567,890", Some(i % 4 == 0))),
                    )
                })
                .collect(),
        })
        .collect();
    let themes = [Theme::standard(), Theme::presenter(), Theme::monochrome()];
    for (k, size) in sizes().into_iter().enumerate() {
        let theme = &themes[k % 3];
        let (n, m) = (k % 8, k % 13);
        let title = [None, Some("Strategies")][k % 2];
        render_contained(size, |area, buf| {
            ComparisonTable {
                headers: &names[..n],
                rows: &rows[..m],
                selected: k % 10,
                scroll: k % 4,
                wide: k % 2 == 0,
                theme,
                title,
            }
            .render(area, buf);
        });
        let area = Rect::new(0, 0, size.0, size.1);
        for x in [0, size.0 / 2, size.0.saturating_sub(1)] {
            let _ = strategy_at(area, &names[..n], &[], k % 10, k % 2 == 0, theme, x);
            let _ = crate::tui::widgets::column_at(area, k % 50, Some(k % 60), theme, x);
        }
    }
}

/// Prints the table at typical sizes: `cargo test gallery -- --ignored --nocapture`.
#[test]
#[ignore]
fn gallery() {
    let h = headers(&[
        "Proportional",
        "Bracket fill 22%",
        "Roth first",
        "Deferred first",
    ]);
    let mut r = rows();
    for row in &mut r {
        row.cells
            .push(cell("$401,000", false, Some(("−$11,000", Some(true)))));
    }
    for (theme, w, ht) in [
        (Theme::standard(), 80, 10),
        (Theme::standard(), 100, 8),
        (Theme::standard(), 160, 8),
        (Theme::monochrome(), 50, 10),
    ] {
        let buf = render(&h, &r, 1, &theme, w, ht, Some("Strategies"));
        println!("{} {w}x{ht}\n{}\n", theme.name, dump(&buf));
    }
}
