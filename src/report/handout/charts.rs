//! The handout's charts as inline SVG: income by source with taxes below the zero line, taxes by
//! year with the years that climb a bracket or an IRMAA tier marked, and the wealth fan over
//! market paths. Every series has a pattern as well as a colour, and the fan's lines are
//! labelled where they end, so a black-and-white print reads the same.

use super::series::{SOURCES, Series, StackYear, TAXES};
use super::svg::{WIDTH, esc, filled_rect, legend, n, nice_step};
use crate::sim::Band;
use std::fmt::Write as _;

/// Left margin for the money axis, and the right margin.
const LEFT: f64 = 58.0;
const RIGHT: f64 = 8.0;
/// Room above the plot for markers.
const TOP: f64 = 18.0;
/// The year labels under the plot.
const YEARS: f64 = 18.0;

/// Formats amounts on an axis.
pub type AxisMoney<'a> = &'a dyn Fn(f64) -> String;

fn open(id: &str, height: f64, title: &str, desc: &str) -> String {
    format!(
        r#"<svg class="chart" id="{id}" viewBox="0 0 {} {}" width="100%" role="img" aria-labelledby="{id}-t {id}-d"><title id="{id}-t">{}</title><desc id="{id}-d">{}</desc>"#,
        n(WIDTH),
        n(height),
        esc(title),
        esc(desc)
    )
}

/// Which years get a label: all when there is room, else every fifth from the first.
fn labelled(count: usize, col: f64) -> usize {
    match col {
        c if c >= 30.0 => 1,
        c if c >= 12.0 => 5.min(count.max(1)),
        _ => 10,
    }
}

/// Where a plot's zero line is, how many units a dollar is, where the plot ends on the right.
#[derive(Clone, Copy)]
struct Frame {
    zero_y: f64,
    per_unit: f64,
    right: f64,
}

/// Horizontal grid lines and money labels from `-down` to `up`, with the zero line dark.
fn axis(out: &mut String, f: &Frame, up: f64, down: f64, step: f64, money: AxisMoney) {
    let Frame {
        zero_y,
        per_unit,
        right,
    } = *f;
    let mut k = -(down / step).floor();
    while k * step <= up * (1.0 + 1e-9) {
        let v = k * step;
        let y = zero_y - v * per_unit;
        let label = if v < 0.0 {
            format!("−{}", money(-v))
        } else {
            money(v)
        };
        let _ = write!(
            out,
            r##"<line x1="{}" x2="{}" y1="{y}" y2="{y}" stroke="{}" stroke-width="{}"/><text x="{}" y="{}" class="ax" text-anchor="end">{}</text>"##,
            n(LEFT),
            n(right),
            if k == 0.0 { "#1a1a1a" } else { "#c8c8c8" },
            if k == 0.0 { "1" } else { "0.6" },
            n(LEFT - 6.0),
            n(y + 3.5),
            esc(&label),
            y = n(y)
        );
        k += 1.0;
    }
}

fn year_labels(out: &mut String, years: &[i32], x0: f64, col: f64, y: f64) {
    let every = labelled(years.len(), col);
    for (i, year) in years.iter().enumerate() {
        if i % every == 0 {
            let _ = write!(
                out,
                r#"<text x="{}" y="{}" class="ax" text-anchor="middle">{year}</text>"#,
                n(x0 + col * (i as f64 + 0.5)),
                n(y)
            );
        }
    }
}

/// Income by source stacked above the zero line, taxes below it, one column per year, in the
/// plan's first-year dollars. A '!' marks a year with a shortfall.
pub fn income_stack(id: &str, title: &str, years: &[StackYear], money: AxisMoney) -> String {
    let up = years
        .iter()
        .map(|y| y.sources.iter().sum::<f64>())
        .fold(0.0, f64::max);
    let down = years
        .iter()
        .map(|y| y.taxes.iter().sum::<f64>())
        .fold(0.0, f64::max);
    let used_sources: Vec<usize> = (0..9)
        .filter(|&k| years.iter().any(|y| y.sources[k] > 0.0))
        .collect();
    let used_taxes: Vec<usize> = (0..5)
        .filter(|&k| years.iter().any(|y| y.taxes[k] > 0.0))
        .collect();
    let mut entries: Vec<&Series> = used_sources.iter().map(|&k| &SOURCES[k]).collect();
    entries.extend(used_taxes.iter().map(|&k| &TAXES[k]));
    let plot_h = 230.0;
    let (legend_svg, legend_h) = legend(&entries, TOP + plot_h + YEARS + 8.0);
    let height = TOP + plot_h + YEARS + 8.0 + legend_h;
    let desc = format!(
        "Stacked columns, one per year from {} to {}: income by source above the zero line \
         (largest year {}), taxes below it (largest year {}), in today's dollars.",
        years.first().map_or(0, |y| y.year),
        years.last().map_or(0, |y| y.year),
        money(up),
        money(down)
    );
    let mut out = open(id, height, title, &desc);
    let total = (up + down).max(1.0);
    let per_unit = plot_h / total;
    let zero_y = TOP + up * per_unit;
    let right = WIDTH - RIGHT;
    axis(
        &mut out,
        &Frame {
            zero_y,
            per_unit,
            right,
        },
        up,
        down,
        nice_step(total, 7),
        money,
    );
    let col = (right - LEFT) / years.len().max(1) as f64;
    let bar = (col * 0.74).max(1.0);
    for (i, y) in years.iter().enumerate() {
        let x = LEFT + col * i as f64 + (col - bar) / 2.0;
        let top = stack(
            &mut out,
            &SOURCES,
            &y.sources,
            &used_sources,
            (x, bar),
            zero_y,
            -per_unit,
        );
        stack(
            &mut out,
            &TAXES,
            &y.taxes,
            &used_taxes,
            (x, bar),
            zero_y,
            per_unit,
        );
        if y.shortfall > 0.0 {
            let _ = write!(
                out,
                r#"<text x="{}" y="{}" class="mk" text-anchor="middle">!</text>"#,
                n(x + bar / 2.0),
                n(top - 3.0)
            );
        }
    }
    let list: Vec<i32> = years.iter().map(|y| y.year).collect();
    year_labels(&mut out, &list, LEFT, col, TOP + plot_h + 13.0);
    out.push_str(&legend_svg);
    out.push_str("</svg>");
    out
}

/// One stacked column of the `used` series from `base`: `scale` units a dollar, negative to
/// grow upward. Returns where the stack ends.
fn stack(
    out: &mut String,
    series: &[Series],
    values: &[f64],
    used: &[usize],
    (x, bar): (f64, f64),
    base: f64,
    scale: f64,
) -> f64 {
    let mut end = base;
    for &k in used {
        let h = values[k] * scale.abs();
        if h > 0.0 {
            let y = if scale < 0.0 { end - h } else { end };
            filled_rect(out, &series[k], x, y, bar, h);
            end += h * scale.signum();
        }
    }
    end
}

/// A triangle (a higher bracket) or a diamond (a higher IRMAA tier) centred at `x`, `y`.
fn marker(out: &mut String, x: f64, y: f64, diamond: bool) {
    let d = if diamond {
        format!(
            "M{} {}L{} {}L{} {}L{} {}Z",
            n(x),
            n(y - 5.0),
            n(x + 4.0),
            n(y),
            n(x),
            n(y + 5.0),
            n(x - 4.0),
            n(y)
        )
    } else {
        format!(
            "M{} {}L{} {}L{} {}Z",
            n(x),
            n(y - 4.5),
            n(x + 4.5),
            n(y + 3.5),
            n(x - 4.5),
            n(y + 3.5)
        )
    };
    let _ = write!(
        out,
        r##"<path d="{d}" fill="{}" stroke="#1a1a1a" stroke-width="0.6"/>"##,
        if diamond { "#ffffff" } else { "#1a1a1a" }
    );
}

/// Taxes by year, stacked (federal, state, IRMAA), with a triangle over each year whose federal
/// bracket is higher than the year before and a diamond where the IRMAA tier is.
pub fn tax_bars(id: &str, title: &str, years: &[StackYear], money: AxisMoney) -> String {
    let up = years
        .iter()
        .map(|y| y.taxes[..3].iter().sum::<f64>())
        .fold(0.0, f64::max);
    let used: Vec<usize> = (0..3)
        .filter(|&k| years.iter().any(|y| y.taxes[k] > 0.0))
        .collect();
    let plot_h = 120.0;
    let top_room = TOP + 8.0;
    let entries: Vec<&Series> = used.iter().map(|&k| &TAXES[k]).collect();
    let any_bracket = years.iter().any(|y| y.bracket_up);
    let any_tier = years.iter().any(|y| y.tier_up);
    let legend_y = top_room + plot_h + YEARS + 8.0;
    let (mut legend_svg, mut legend_h) = legend(&entries, legend_y);
    // The markers' own legend line, drawn with the shapes themselves.
    let mut marks = Vec::new();
    if any_bracket {
        marks.push((false, "a higher federal bracket than the year before"));
    }
    if any_tier {
        marks.push((true, "a higher Medicare IRMAA tier than the year before"));
    }
    if !marks.is_empty() {
        let y = legend_y + legend_h + 2.0;
        let mut x = 6.0;
        for (diamond, text) in marks {
            marker(&mut legend_svg, x, y + 5.0, diamond);
            let _ = write!(
                legend_svg,
                r#"<text x="{}" y="{}" class="lg">{}</text>"#,
                n(x + 10.0),
                n(y + 9.0),
                esc(text)
            );
            x += 24.0 + text.chars().count() as f64 * 5.6;
        }
        legend_h += 16.0;
    }
    let height = legend_y + legend_h;
    let desc = format!(
        "Stacked columns of federal tax, state tax and IRMAA surcharges per year, in today's \
         dollars; the largest year's total is {}.",
        money(up)
    );
    let mut out = open(id, height, title, &desc);
    let per_unit = plot_h / up.max(1.0);
    let zero_y = top_room + plot_h;
    let right = WIDTH - RIGHT;
    axis(
        &mut out,
        &Frame {
            zero_y,
            per_unit,
            right,
        },
        up,
        0.0,
        nice_step(up, 4),
        money,
    );
    let col = (right - LEFT) / years.len().max(1) as f64;
    let bar = (col * 0.74).max(1.0);
    for (i, y) in years.iter().enumerate() {
        let x = LEFT + col * i as f64 + (col - bar) / 2.0;
        let top = stack(
            &mut out,
            &TAXES,
            &y.taxes,
            &used,
            (x, bar),
            zero_y,
            -per_unit,
        );
        let cx = x + bar / 2.0;
        let mut my = top - 7.0;
        if y.bracket_up {
            marker(&mut out, cx, my, false);
            my -= 11.0;
        }
        if y.tier_up {
            marker(&mut out, cx, my.max(6.0), true);
        }
    }
    let list: Vec<i32> = years.iter().map(|y| y.year).collect();
    year_labels(&mut out, &list, LEFT, col, zero_y + 13.0);
    out.push_str(&legend_svg);
    out.push_str("</svg>");
    out
}

/// Height of the strip under a fan's years that shows, per year, the share of paths on which the
/// spending guardrails cut spending (a full bar: every path).
const CUT_STRIP: f64 = 26.0;

/// The wealth fan: the 10th–90th and 25th–75th percentile bands of after-tax wealth across
/// market paths, and the median, each labelled where it ends; with spending guardrails, a strip
/// under the years shows in which years the cuts come.
pub fn fan(id: &str, title: &str, bands: &[Band], money: AxisMoney) -> String {
    let clean = |x: f64| if x.is_finite() { x.max(0.0) } else { 0.0 };
    let data: Vec<[f64; 5]> = bands
        .iter()
        .map(|b| {
            let mut v = [b.p10, b.p25, b.p50, b.p75, b.p90].map(clean);
            v.sort_by(f64::total_cmp);
            v
        })
        .collect();
    let up = data.iter().map(|v| v[4]).fold(0.0, f64::max);
    let plot_h = 190.0;
    let right = WIDTH - 74.0;
    let cut = |b: &Band| {
        if b.cut_share.is_finite() {
            b.cut_share.clamp(0.0, 1.0)
        } else {
            0.0
        }
    };
    let most_cut = bands
        .iter()
        .filter(|b| cut(b) > 0.0)
        .reduce(|most, b| if cut(b) > cut(most) { b } else { most });
    let strip = if most_cut.is_some() {
        CUT_STRIP + 12.0
    } else {
        0.0
    };
    let height = TOP + plot_h + YEARS + 4.0 + strip;
    let mut desc = format!(
        "Percentile bands of after-tax wealth by year across market paths, in today's dollars: \
         10th to 90th percentile, 25th to 75th, and the median; the median ends at {}.",
        money(data.last().map_or(0.0, |v| v[2]))
    );
    if let Some(most) = most_cut {
        let _ = write!(
            desc,
            " Bars under the years: the share of paths on which the spending guardrails cut \
             spending that year, most often in {} ({:.0}% of paths).",
            most.year,
            cut(most) * 100.0
        );
    }
    let mut out = open(id, height, title, &desc);
    let per_unit = plot_h / up.max(1.0);
    let zero_y = TOP + plot_h;
    axis(
        &mut out,
        &Frame {
            zero_y,
            per_unit,
            right,
        },
        up,
        0.0,
        nice_step(up, 5),
        money,
    );
    let count = data.len().max(1);
    let col = (right - LEFT) / count as f64;
    let x_of = |i: usize| LEFT + col * (i as f64 + 0.5);
    let y_of = |v: f64| zero_y - v * per_unit;
    let band = |lo: usize, hi: usize| {
        let mut d = String::new();
        for (i, v) in data.iter().enumerate() {
            let _ = write!(
                d,
                "{}{} {}",
                if i == 0 { "M" } else { "L" },
                n(x_of(i)),
                n(y_of(v[hi]))
            );
        }
        for (i, v) in data.iter().enumerate().rev() {
            let _ = write!(d, "L{} {}", n(x_of(i)), n(y_of(v[lo])));
        }
        d.push('Z');
        d
    };
    if !data.is_empty() {
        let _ = write!(
            out,
            r##"<path d="{}" fill="#d6e4f3" stroke="#34597f" stroke-width="0.6"/><path d="{}" fill="#8fb3da" stroke="#34597f" stroke-width="0.6"/>"##,
            band(0, 4),
            band(1, 3)
        );
        let mut line = String::new();
        for (i, v) in data.iter().enumerate() {
            let _ = write!(
                line,
                "{}{} {}",
                if i == 0 { "M" } else { "L" },
                n(x_of(i)),
                n(y_of(v[2]))
            );
        }
        let _ = write!(
            out,
            r##"<path d="{line}" fill="none" stroke="#0d2540" stroke-width="2.2"/>"##
        );
        // Labels where the lines end, pushed apart so they never overlap.
        let last = data[data.len() - 1];
        let names = ["10th pct", "25th pct", "median", "75th pct", "90th pct"];
        let mut ys: Vec<f64> = last.iter().map(|v| y_of(*v) + 3.5).collect();
        for i in (0..4).rev() {
            if ys[i] < ys[i + 1] + 11.0 {
                ys[i] = ys[i + 1] + 11.0;
            }
        }
        let overflow = (ys[0] - (zero_y + 3.5)).max(0.0);
        for (k, name) in names.iter().enumerate() {
            let _ = write!(
                out,
                r#"<text x="{}" y="{}" class="{}">{name}</text>"#,
                n(right + 6.0),
                n(ys[k] - overflow),
                if k == 2 { "lg b" } else { "lg" }
            );
        }
    }
    let list: Vec<i32> = bands.iter().map(|b| b.year).collect();
    year_labels(&mut out, &list, LEFT, col, zero_y + 13.0);
    if most_cut.is_some() {
        let base = zero_y + YEARS + 4.0 + CUT_STRIP;
        let _ = write!(
            out,
            r##"<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#888" stroke-width="0.6"/>"##,
            n(LEFT),
            n(base),
            n(right),
            n(base)
        );
        for (i, b) in bands.iter().enumerate() {
            let h = cut(b) * CUT_STRIP;
            if h <= 0.0 {
                continue;
            }
            let _ = write!(
                out,
                r##"<rect x="{}" y="{}" width="{}" height="{}" fill="#b5412f"><title>{}: {:.0}% of paths cut spending</title></rect>"##,
                n(x_of(i) - col * 0.35),
                n(base - h),
                n(col * 0.7),
                n(h),
                b.year,
                cut(b) * 100.0
            );
        }
        let _ = write!(
            out,
            r#"<text x="{}" y="{}" class="lg">spending cut</text><text x="{}" y="{}" class="lg">(share of paths)</text>"#,
            n(right + 6.0),
            n(base - CUT_STRIP + 10.0),
            n(right + 6.0),
            n(base - CUT_STRIP + 21.0)
        );
    }
    out.push_str("</svg>");
    out
}
