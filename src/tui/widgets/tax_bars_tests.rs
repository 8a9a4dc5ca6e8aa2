use super::*;
use crate::tui::widgets::testutil::{Lcg, dump, find, row, sweep_year_charts};
use ratatui::style::{Color, Modifier};

fn money(v: f64) -> String {
    let sign = if v < 0.0 { "-" } else { "" };
    if v == 0.0 {
        "$0".into()
    } else {
        format!("{sign}${}k", v.abs() / 1000.0)
    }
}

fn year(label: &str, federal: f64, state: f64, irmaa: f64, bracket: &str) -> TaxColumn {
    TaxColumn {
        label: label.into(),
        federal,
        state,
        irmaa,
        bracket: bracket.into(),
        ..Default::default()
    }
}

fn render(
    columns: &[TaxColumn],
    cursor: Option<usize>,
    theme: &Theme,
    w: u16,
    h: u16,
    title: Option<&str>,
) -> Buffer {
    let mut buf = Buffer::empty(Rect::new(0, 0, w, h));
    TaxBars {
        columns,
        cursor,
        theme,
        format_money: &money,
        title,
    }
    .render(buf.area, &mut buf);
    buf
}

/// 2031: 16k federal, 4k state; 2032: a conversion year, 24k + 6k + 2k IRMAA, higher bracket and
/// IRMAA tier.
fn two_years() -> Vec<TaxColumn> {
    vec![
        year("2031", 16e3, 4e3, 0., "12%"),
        TaxColumn {
            bracket_up: true,
            irmaa_tier_up: true,
            ..year("2032", 24e3, 6e3, 2e3, "22%")
        },
    ]
}

#[test]
fn stacked_bars_with_markers_and_the_cursor_year_explained() {
    let theme = Theme::standard();
    let buf = render(&two_years(), Some(1), &theme, 44, 12, None);
    let text = dump(&buf);
    // Rows: markers, 8 plot rows (7 above the baseline), year labels, info line, legend.
    let base = (0..12).find(|&y| row(&buf, y).contains('└')).expect(&text);
    assert_eq!(base, 8, "{text}");
    assert!(row(&buf, base).starts_with("     $0└───"), "{text}");
    // Columns at x = 8 and 13 (3 cells, 2-cell gap). 32k fills 7 rows: 4.57k a row.
    let (a, b) = (8, 13);
    assert_eq!(
        (buf[(a, base - 1)].symbol(), buf[(a, base - 1)].fg),
        ("█", theme.taxes[0]),
        "{text}"
    );
    // 2032's top is IRMAA: 2k of 32k of 7 rows is 0.4375 rows, so the top cell mixes state
    // below and IRMAA above... or is IRMAA alone; either way IRMAA's colour shows on top.
    let top = &buf[(b, 1)];
    assert!(
        top.fg == theme.taxes[2] || top.bg == theme.taxes[2],
        "{text}"
    );
    // 2031 is 20/32 as tall: its top cell is a partial block.
    let tops: Vec<&str> = (1..base).map(|y| buf[(a, y)].symbol()).collect();
    assert!(tops.iter().any(|s| "▁▂▃▄▅▆▇".contains(s)), "{tops:?}");
    // Markers over 2032: ▲ (red) then ◆, centred in the 3-cell column.
    assert_eq!(row(&buf, 0).trim(), "▲◆", "{text}");
    let (mx, _) = find(&buf, "▲").unwrap();
    assert_eq!(mx, b, "{text}");
    assert_eq!(buf[(mx, 0)].fg, Color::Red);
    assert_eq!(buf[(mx + 1, 0)].fg, theme.taxes[2]);
    // The cursor's year is reversed, and the info line explains it.
    let (lx, ly) = find(&buf, "2032").unwrap();
    assert_eq!(ly, base + 1);
    assert!(buf[(lx, ly)].modifier.contains(Modifier::REVERSED));
    assert_eq!(
        row(&buf, 10),
        "2032: $32k tax · 22% bracket ▲ · IRMAA tier…",
        "{text}"
    );
    assert_eq!(buf[(6, 10)].fg, Color::Reset, "the amount in plain text");
    assert_eq!(buf[(29, 10)].fg, Color::Red, "▲ in the bad style");
    // No room beside the info line: the legend gets its own.
    assert_eq!(
        row(&buf, 11).trim_end(),
        "█ Federal  █ State  █ IRMAA",
        "{text}"
    );
}

#[test]
fn the_legend_takes_its_own_line_when_it_does_not_fit_beside() {
    let theme = Theme::standard();
    let buf = render(&two_years(), Some(1), &theme, 80, 12, None);
    let text = dump(&buf);
    assert!(
        row(&buf, 11).starts_with("2032: $32k tax · 22% bracket ▲ · IRMAA tier up ◆   "),
        "{text}"
    );
    assert!(
        row(&buf, 11).ends_with("█ Federal  █ State  █ IRMAA"),
        "{text}"
    );
    assert_eq!(buf[(53, 11)].fg, theme.taxes[0], "{text}");
    let buf = render(&two_years(), Some(1), &theme, 60, 12, None);
    let text = dump(&buf);
    assert!(
        row(&buf, 10).contains("IRMAA tier up") && !row(&buf, 10).contains("█ Federal"),
        "{text}"
    );
    assert!(
        row(&buf, 11).starts_with("█ Federal  █ State  █ IRMAA"),
        "{text}"
    );
    assert!(row(&buf, 9).contains("2032"), "{text}");
}

#[test]
fn without_a_cursor_the_info_line_is_a_key() {
    let buf = render(&two_years(), None, &Theme::standard(), 60, 10, None);
    let text = dump(&buf);
    assert!(text.contains("▲ higher bracket  ◆ IRMAA tier up"), "{text}");
}

#[test]
fn a_one_cell_column_shows_the_bracket_marker_first() {
    let mut cols: Vec<TaxColumn> = (0..40)
        .map(|i| year(&(2025 + i).to_string(), 1e4, 0., 0., "12%"))
        .collect();
    cols[5] = TaxColumn {
        bracket_up: true,
        irmaa_tier_up: true,
        ..cols[5].clone()
    };
    cols[6].irmaa_tier_up = true;
    let buf = render(&cols, None, &Theme::standard(), 50, 10, None);
    let text = dump(&buf);
    // 42 cells of columns (50 - 8 axis): 40 one-cell columns.
    assert_eq!(buf[(8 + 5, 0)].symbol(), "▲", "{text}");
    assert_eq!(buf[(8 + 6, 0)].symbol(), "◆", "{text}");
}

#[test]
fn monochrome_patterns_and_no_colour() {
    let theme = Theme::monochrome();
    let buf = render(&two_years(), Some(0), &theme, 44, 12, None);
    let text = dump(&buf);
    let col: String = (1..8).map(|y| buf[(13, y)].symbol().to_string()).collect();
    assert!(col.contains('▓') && col.contains('▒'), "{col}\n{text}");
    assert!((0..12).all(|y| {
        (0..44).all(|x| buf[(x, y)].fg == Color::Reset && buf[(x, y)].bg == Color::Reset)
    }));
    assert!(text.contains("2031: $20k tax · 12% bracket"), "{text}");
}

#[test]
fn bracket_text_is_optional() {
    let cols = [TaxColumn {
        bracket_up: true,
        ..year("2040", 1e3, 0., 0., "")
    }];
    let buf = render(&cols, Some(0), &Theme::standard(), 50, 8, None);
    assert!(
        dump(&buf).contains("2040: $1k tax · bracket up ▲"),
        "{}",
        dump(&buf)
    );
}

#[test]
fn empty_and_bad_data() {
    let buf = render(&[], Some(0), &Theme::standard(), 30, 8, Some("Taxes"));
    assert!(dump(&buf).contains("No years to chart"));
    let cols = [year("2030", f64::NAN, f64::INFINITY, -1.0, "10%")];
    let buf = render(&cols, Some(0), &Theme::standard(), 30, 8, Some("Taxes"));
    let text = dump(&buf);
    assert!(
        text.contains("2030: $0 tax · 10% bracket") && !text.contains('█'),
        "{text}"
    );
}

#[test]
fn charts_share_columns_so_years_line_up_and_clicks_map_back() {
    use crate::tui::widgets::{IncomeStackChart, StackColumn, column_at};
    let theme = Theme::standard();
    let taxes: Vec<TaxColumn> = (0..30)
        .map(|i| year(&(2025 + i).to_string(), 3e3 * f64::from(i), 0., 0., ""))
        .collect();
    let stacks: Vec<StackColumn> = (0..30)
        .map(|i| StackColumn {
            label: (2025 + i).to_string(),
            sources: [1e6; 9],
            ..Default::default()
        })
        .collect();
    let area = Rect::new(0, 0, 50, 10);
    for cursor in [0, 17, 29] {
        let mut a = Buffer::empty(area);
        let mut b = Buffer::empty(area);
        TaxBars {
            columns: &taxes,
            cursor: Some(cursor),
            theme: &theme,
            format_money: &money,
            title: Some("T"),
        }
        .render(area, &mut a);
        IncomeStackChart {
            columns: &stacks,
            cursor: Some(cursor),
            theme: &theme,
            format_money: &money,
            title: Some("I"),
        }
        .render(area, &mut b);
        // The cursor's label sits at the same x in both, and a click there finds the cursor.
        let label = (2025 + cursor).to_string();
        let (xa, _) = find(&a, &label).unwrap_or_else(|| panic!("{}", dump(&a)));
        let (xb, _) = find(&b, &label).unwrap_or_else(|| panic!("{}", dump(&b)));
        assert_eq!(xa, xb, "{}\n{}", dump(&a), dump(&b));
        // A click on the label finds the year (the last year's label is pulled left to fit).
        if cursor != 29 {
            assert_eq!(
                column_at(area, 30, Some(cursor), &theme, xa),
                Some(cursor),
                "{}",
                dump(&a)
            );
        }
    }
    assert_eq!(column_at(area, 30, Some(0), &theme, 0), None, "the border");
    assert_eq!(column_at(area, 30, Some(0), &theme, 5), None, "the axis");
}

#[test]
fn every_size_renders_without_panicking_or_spilling() {
    let mut rng = Lcg(11);
    let cols: Vec<TaxColumn> = (0..45)
        .map(|i| TaxColumn {
            label: (2025 + i).to_string(),
            federal: rng.amount(),
            state: rng.amount(),
            irmaa: rng.amount(),
            bracket: ["", "12%", "a very long bracket label indeed"][i % 3].into(),
            bracket_up: i % 4 == 0,
            irmaa_tier_up: i % 5 == 0,
        })
        .collect();
    sweep_year_charts(|case, area, buf| {
        TaxBars {
            columns: &cols[..case.n],
            cursor: case.cursor,
            theme: case.theme,
            format_money: &money,
            title: case.titled.then_some("Taxes by year"),
        }
        .render(area, buf);
    });
}

/// Prints the chart at typical sizes: `cargo test gallery -- --ignored --nocapture`.
#[test]
#[ignore]
fn gallery() {
    let cols: Vec<TaxColumn> = (0..30)
        .map(|i| {
            let f = f64::from(i);
            TaxColumn {
                label: (2025 + i).to_string(),
                federal: 8e3 + f * 400.,
                state: 2e3 + f * 90.,
                irmaa: if i > 8 { 1500. } else { 0. },
                bracket: if i < 12 { "12%".into() } else { "22%".into() },
                bracket_up: i == 12,
                irmaa_tier_up: i == 9,
            }
        })
        .collect();
    for (theme, w, h) in [
        (Theme::standard(), 50, 6),
        (Theme::standard(), 50, 9),
        (Theme::standard(), 100, 12),
        (Theme::monochrome(), 100, 12),
    ] {
        let buf = render(&cols, Some(12), &theme, w, h, Some("Taxes by year"));
        println!("{} {w}x{h}\n{}\n", theme.name, dump(&buf));
    }
}
