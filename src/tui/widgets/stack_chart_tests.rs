use super::*;
use crate::tui::widgets::testutil::{Lcg, dump, find, row, sweep_year_charts};
use ratatui::style::Color;

fn money(v: f64) -> String {
    let sign = if v < 0.0 { "-" } else { "" };
    if v == 0.0 {
        "$0".into()
    } else {
        format!("{sign}${}k", v.abs() / 1000.0)
    }
}

fn year(label: &str, sources: [f64; 8], taxes: [f64; 3]) -> StackColumn {
    let taxes = [taxes[0], taxes[1], taxes[2], 0.0, 0.0];
    let s = sources;
    let sources = [s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7], 0.0];
    StackColumn {
        label: label.into(),
        sources,
        taxes,
        shortfall: 0.0,
    }
}

fn render(
    columns: &[StackColumn],
    cursor: Option<usize>,
    theme: &Theme,
    w: u16,
    h: u16,
    title: Option<&str>,
) -> Buffer {
    let mut buf = Buffer::empty(Rect::new(0, 0, w, h));
    IncomeStackChart {
        columns,
        cursor,
        theme,
        format_money: &money,
        title,
    }
    .render(buf.area, &mut buf);
    buf
}

/// Two years: 80k of Social Security and 40k of deferred draws, then 60k and 20k; taxes 10k + 5k.
fn two_years() -> Vec<StackColumn> {
    vec![
        year(
            "2031",
            [80e3, 0., 0., 0., 0., 40e3, 0., 0.],
            [10e3, 5e3, 0.],
        ),
        year("2032", [60e3, 0., 0., 0., 0., 20e3, 0., 0.], [10e3, 0., 0.]),
    ]
}

#[test]
fn two_years_in_a_small_chart() {
    let theme = Theme::standard();
    let buf = render(&two_years(), Some(1), &theme, 40, 12, None);
    let text = dump(&buf);
    // 12 rows: markers, 8 plot rows (6 income, the zero line, 1 tax), labels, 2 legend lines.
    let zero = (0..12).find(|&y| row(&buf, y).contains("┼")).expect(&text);
    assert!(row(&buf, zero).starts_with("     $0┼────"), "{text}");
    let plot_x = 8;
    // Wide columns: 3 cells and a 2-cell gap.
    let (a, b) = (plot_x, plot_x + 5);
    // The cell just above the zero line is Social Security, full.
    let base = &buf[(a, zero - 1)];
    assert_eq!((base.symbol(), base.fg), ("█", theme.series[0]), "{text}");
    // Taxes hang below the zero line in the federal colour.
    assert_eq!(buf[(a, zero + 1)].fg, theme.taxes[0], "{text}");
    // The top of 2031 is the full column height (it is the tallest): deferred draw colour.
    let top = &buf[(a, 1)];
    assert_eq!((top.symbol(), top.fg), ("█", theme.series[5]), "{text}");
    assert_eq!(
        buf[(a, 0)].symbol(),
        " ",
        "nothing above the tallest column but markers"
    );
    // 2032 is 2/3 as tall; every cell of the column is a block of its own colours.
    assert_eq!(buf[(b + 1, zero - 1)].symbol(), "█");
    assert_eq!(
        buf[(b + 1, 0)].symbol(),
        "▼",
        "cursor marker centred over 2032\n{text}"
    );
    // Year labels, the cursor's reversed.
    let (lx, ly) = find(&buf, "2032").expect(&text);
    assert!(buf[(lx, ly)].modifier.contains(Modifier::REVERSED));
    assert!(find(&buf, "2031").is_some());
    // Legend lists only the series that occur.
    assert!(
        text.contains("Social Security") && text.contains("Deferred draw"),
        "{text}"
    );
    assert!(
        text.contains("Federal tax") && text.contains("State tax"),
        "{text}"
    );
    assert!(
        !text.contains("RMD") && !text.contains("IRMAA") && !text.contains("Roth"),
        "{text}"
    );
}

#[test]
fn segment_boundaries_inside_a_cell_use_both_colours() {
    // One year, 8 rows above zero at 1k a row: SS 2.5k then RMD 5.5k meet halfway up row 3.
    let theme = Theme::standard();
    let cols = [year(
        "2030",
        [2500., 0., 0., 0., 5500., 0., 0., 0.],
        [0.; 3],
    )];
    // Height 9 with no legend room taken: marker row... use no title, h = 12: marker 1, plot 9
    // (8 up + zero), labels 1, legend 1.
    let buf = render(&cols, None, &theme, 30, 12, None);
    let text = dump(&buf);
    let zero = (0..12).find(|&y| row(&buf, y).contains('└')).expect(&text);
    assert_eq!(zero, 9, "{text}");
    let x = 8;
    let cell = &buf[(x, zero - 3)];
    assert_eq!(
        (cell.symbol(), cell.fg, cell.bg),
        ("▄", theme.series[0], theme.series[4]),
        "{text}"
    );
    assert_eq!(buf[(x, zero - 2)].fg, theme.series[0]);
    assert_eq!(buf[(x, zero - 4)].fg, theme.series[4]);
    assert_eq!(
        buf[(x, 1)].symbol(),
        "█",
        "tallest column reaches the top row\n{text}"
    );
}

#[test]
fn axis_labels_are_round_and_include_zero() {
    let theme = Theme::standard();
    let buf = render(&two_years(), None, &theme, 40, 12, None);
    let text = dump(&buf);
    let labels: Vec<&str> = ["$0", "$50k", "$100k", "-$10k"]
        .into_iter()
        .filter(|l| text.contains(l))
        .collect();
    assert_eq!(labels.len(), 4, "{text}");
    assert!(text.contains('┤'));
}

#[test]
fn shortfall_years_get_a_bang() {
    let theme = Theme::standard();
    let mut cols = two_years();
    cols[0].shortfall = 5000.0;
    let buf = render(&cols, None, &theme, 40, 12, None);
    let (x, y) = find(&buf, "!").unwrap_or_else(|| panic!("{}", dump(&buf)));
    assert_eq!(y, 0);
    assert_eq!(x, 9, "centred over the 3-cell column");
    assert_eq!(buf[(x, y)].fg, Color::Red);
    assert!(buf[(x, y)].modifier.contains(Modifier::BOLD));
    // The legend says what the mark means, and only when some year has one.
    assert!(dump(&buf).contains("! Shortfall"), "{}", dump(&buf));
    let wide = render(&cols, None, &theme, 80, 12, None);
    assert!(
        dump(&wide).contains("! Spending not met"),
        "{}",
        dump(&wide)
    );
    let buf = render(&two_years(), None, &theme, 40, 12, None);
    assert!(!dump(&buf).contains("Spending not met"), "{}", dump(&buf));
}

#[test]
fn monochrome_uses_patterns_in_whole_cells() {
    let theme = Theme::monochrome();
    let buf = render(&two_years(), None, &theme, 40, 12, None);
    let text = dump(&buf);
    let zero = (0..12).find(|&y| row(&buf, y).contains("┼")).expect(&text);
    let x = 8;
    let column: String = (1..zero)
        .map(|y| buf[(x, y)].symbol().to_string())
        .collect();
    assert!(
        column.contains(Theme::PATTERNS[5]) && column.contains(Theme::PATTERNS[0]),
        "{text}"
    );
    assert!(
        !column.chars().any(|c| "▁▂▃▄▅▆▇".contains(c)),
        "no partial blocks: {column}"
    );
    assert_eq!(
        buf[(x, zero + 1)].symbol(),
        Theme::TAX_PATTERNS[0].to_string(),
        "{text}"
    );
    for y in 0..12 {
        for x in 0..40 {
            assert_eq!(buf[(x, y)].fg, Color::Reset, "colour at ({x},{y})");
            assert_eq!(buf[(x, y)].bg, Color::Reset, "colour at ({x},{y})");
        }
    }
    assert!(
        text.contains(&format!("{} Social Security", Theme::PATTERNS[0])),
        "{text}"
    );
}

fn thirty_years() -> Vec<StackColumn> {
    (0..30)
        .map(|i| {
            let f = i as f64;
            year(
                &(2025 + i).to_string(),
                [30e3 + f * 500., 10e3, 5e3, 0., f * 1e3, 20e3, 0., 0.],
                [8e3, 2e3, f * 100.],
            )
        })
        .collect()
}

#[test]
fn many_years_scroll_to_keep_the_cursor_visible() {
    let theme = Theme::standard();
    let cols = thirty_years();
    let buf = render(&cols, Some(27), &theme, 24, 10, Some("Income"));
    let text = dump(&buf);
    // 22 inner cells, too narrow for axis labels: 1 for the axis line, 1 kept for ▶, so 20
    // one-cell years; centred on 2052 the window runs into the last year, so no ▶.
    assert!(row(&buf, 0).contains("◀ 2035–2054 ┐"), "{text}");
    assert_eq!(
        buf[(1, 7)].symbol(),
        "◀",
        "on the year row, in the axis column\n{text}"
    );
    assert!(!row(&buf, 7).contains('▶'), "{text}");
    let (x, y) = find(&buf, "2052").expect(&text);
    assert!(buf[(x, y)].modifier.contains(Modifier::REVERSED), "{text}");
    let buf = render(&cols, Some(3), &theme, 24, 10, Some("Income"));
    let text = dump(&buf);
    assert!(row(&buf, 0).contains(" 2025–2044 ▶ "), "{text}");
    assert_eq!(buf[(22, 7)].symbol(), "▶", "{text}");
}

#[test]
fn the_presenter_theme_draws_wider_columns() {
    let cols = thirty_years();
    let buf = render(&cols, Some(0), &Theme::presenter(), 100, 20, Some("Income"));
    let text = dump(&buf);
    // 98 inner, 8 axis: 90 cells at 3 per year = 30 years: all fit at 2 cells + gap.
    let y = 10;
    let line: Vec<bool> = (9..99).map(|x| buf[(x, y)].symbol() != " ").collect();
    assert!(
        line[0] && line[1] && !line[2] && line[3],
        "2-cell columns with gaps\n{text}"
    );
    assert!(!text.contains('◀') && !text.contains('▶'), "{text}");
}

#[test]
fn empty_and_zero_data_still_draw_a_frame() {
    let theme = Theme::standard();
    let buf = render(&[], Some(3), &theme, 30, 8, Some("Income"));
    assert!(dump(&buf).contains("No years to chart"));
    let zeros = vec![year("2030", [0.; 8], [0.; 3]); 3];
    let buf = render(&zeros, Some(1), &theme, 30, 8, None);
    let text = dump(&buf);
    assert!(
        text.contains("$0") && text.contains('─') && text.contains("2030"),
        "{text}"
    );
    assert!(!text.contains('█'), "{text}");
}

#[test]
fn bad_numbers_draw_as_zero() {
    let theme = Theme::standard();
    let mut cols = two_years();
    cols[1].sources = [f64::NAN, f64::INFINITY, -5e3, 0., 0., 0., 0., 0., f64::NAN];
    cols[1].taxes = [f64::NEG_INFINITY, f64::NAN, 0., f64::INFINITY, f64::NAN];
    cols[1].shortfall = f64::NAN;
    let buf = render(&cols, None, &theme, 40, 12, None);
    let text = dump(&buf);
    assert!(!text.contains('!'), "{text}");
    let zero = (0..12).find(|&y| row(&buf, y).contains("┼")).expect(&text);
    assert_eq!(buf[(12, zero - 1)].symbol(), " ", "{text}");
}

#[test]
fn every_size_renders_without_panicking_or_spilling() {
    let mut rng = Lcg(7);
    let cols: Vec<StackColumn> = (0..45)
        .map(|i| StackColumn {
            label: (2025 + i).to_string(),
            sources: std::array::from_fn(|_| rng.amount()),
            taxes: std::array::from_fn(|_| rng.amount()),
            shortfall: rng.amount(),
        })
        .collect();
    sweep_year_charts(|case, area, buf| {
        IncomeStackChart {
            columns: &cols[..case.n],
            cursor: case.cursor,
            theme: case.theme,
            format_money: &money,
            title: case.titled.then_some("Income by source"),
        }
        .render(area, buf);
    });
}

/// Prints the chart at typical sizes: `cargo test gallery -- --ignored --nocapture`.
#[test]
#[ignore]
fn gallery() {
    for (theme, w, h) in [
        (Theme::standard(), 50, 8),
        (Theme::standard(), 50, 12),
        (Theme::standard(), 100, 20),
        (Theme::presenter(), 100, 20),
        (Theme::monochrome(), 100, 20),
        (Theme::standard(), 30, 6),
    ] {
        let mut cols = thirty_years();
        cols[12].shortfall = 1.0;
        let buf = render(&cols, Some(14), &theme, w, h, Some("Income by source"));
        println!("{} {w}x{h}\n{}\n", theme.name, dump(&buf));
    }
    println!(
        "{}",
        dump(&render(
            &two_years(),
            Some(1),
            &Theme::standard(),
            40,
            12,
            None
        ))
    );
}

#[test]
fn an_area_larger_than_the_buffer_is_clipped_not_a_panic() {
    use crate::tui::widgets::{ComparisonTable, MetricCell, MetricRow, TaxBars, TaxColumn};
    let theme = Theme::standard();
    let area = Rect::new(5, 3, 300, 90);
    let mut buf = Buffer::empty(Rect::new(0, 0, 40, 12));
    let cols = two_years();
    IncomeStackChart {
        columns: &cols,
        cursor: Some(1),
        theme: &theme,
        format_money: &money,
        title: Some("I"),
    }
    .render(area, &mut buf);
    let taxes = vec![TaxColumn {
        label: "2031".into(),
        federal: 5e3,
        ..Default::default()
    }];
    TaxBars {
        columns: &taxes,
        cursor: Some(0),
        theme: &theme,
        format_money: &money,
        title: None,
    }
    .render(area, &mut buf);
    let rows = vec![MetricRow {
        label: "Tax".into(),
        cells: vec![MetricCell {
            text: "$1".into(),
            best: true,
            delta: None,
            short: None,
        }],
    }];
    let headers = vec!["A".to_string()];
    ComparisonTable {
        headers: &headers,
        rows: &rows,
        selected: 0,
        scroll: 0,
        wide: false,
        theme: &theme,
        title: Some("S"),
    }
    .render(area, &mut buf);
    assert_eq!(buf[(0, 0)].symbol(), " ", "nothing left of the area");
}
