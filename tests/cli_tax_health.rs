//! `drawdown tax` health and payroll columns, figures worked by hand from the law tables.

mod common;

use common::{drawdown, stderr, stdout};
use std::collections::HashMap;
use std::io::Write;

fn run(csv: &str) -> (Option<i32>, Vec<HashMap<String, String>>, String) {
    let mut file = tempfile::Builder::new().suffix(".csv").tempfile().unwrap();
    write!(file, "{csv}").unwrap();
    let o = drawdown(&["tax", file.path().to_str().unwrap()]);
    let out = stdout(&o);
    let mut lines = out.lines();
    let header: Vec<String> = lines.next().unwrap().split(',').map(String::from).collect();
    let rows = lines
        .map(|l| {
            header
                .iter()
                .cloned()
                .zip(l.split(',').map(String::from))
                .collect()
        })
        .collect();
    (o.status.code(), rows, stderr(&o))
}

#[test]
fn aca_credit_fica_and_magi_columns() {
    let (code, rows, err) = run("\
year,filing,age_head,age_spouse,wages,pensions_ira,social_security,state,aca_benchmark,aca_months
2026,single,62,,200000,,,,,
2026,mfj,63,61,,60000,,tx,24000,
2026,mfj,63,61,,84601,,TX,24000,12
2026,single,63,,,20000,20000,AZ,10000,6
2026,mfs,63,,,30000,,TX,10000,
2026,mfj,60,60,300000,,,,,
");
    assert_eq!(code, Some(0), "{err}");
    let col = |i: usize, c: &str| rows[i][c].clone();
    // FICA at the wage base: 6.2% × 184,500 = 11,439 + 1.45% × 200,000 = 2,900
    assert_eq!(col(0, "fica"), "14339.00");
    assert_eq!(col(0, "aca_ptc"), "0.00");
    // A couple at 60,000: 283% of 21,150 (2025's guideline for 2026 coverage); 8.44% +
    // 1.52% × 0.33/0.50 = 9.4432%; 24,000 − 9.4432% × 60,000 = 18,334.08
    assert_eq!(col(1, "aca_magi"), "60000.00");
    assert_eq!(col(1, "aca_ptc"), "18334.08");
    // One dollar above 4 × 21,150 = 84,600: no credit from 2026
    assert_eq!(col(2, "aca_ptc"), "0.00");
    // Social Security not taxed counts: 2,500 of 20,000 taxed, AGI 22,500, MAGI 40,000;
    // 255% → 8.592%; six months: (10,000 − 3,436.80) / 2 = 3,281.60
    assert_eq!(col(3, "agi"), "22500.00");
    assert_eq!(col(3, "aca_magi"), "40000.00");
    assert_eq!(col(3, "aca_ptc"), "3281.60");
    // married filing separately: no credit
    assert_eq!(col(4, "aca_ptc"), "0.00");
    // 300,000 of joint wages: 11,439 + 4,350 + 0.9% × 50,000 above 250,000 = 16,239
    assert_eq!(col(5, "fica"), "16239.00");
}

#[test]
fn an_unknown_state_is_a_row_error() {
    let (code, rows, err) = run("year,filing,age_head,state\n2026,single,62,XX\n2026,single,62,\n");
    assert_eq!(code, Some(1));
    assert!(err.contains("line 2") && err.contains("state"), "{err}");
    assert_eq!(rows.len(), 1);
}

#[test]
fn the_credit_counts_dependents_in_the_tax_family() {
    let (code, rows, err) = run("\
year,filing,age_head,pensions_ira,state,aca_benchmark,aca_dependents
2026,hoh,45,40000,TX,10000,
2026,hoh,45,40000,TX,10000,0
2026,mfj,45,40000,TX,10000,2
2026,single,45,40000,TX,10000,x
");
    assert_eq!(code, Some(1), "the last row is refused");
    assert!(
        err.contains("line 5") && err.contains("aca_dependents"),
        "{err}"
    );
    let ptc = |i: usize| rows[i]["aca_ptc"].clone();
    // A head of household and the qualifying person: 40,000 is 189% of 21,150 (2025's line for
    // two); 4.19% + 2.41% × 0.39/0.50 = 6.0698%; 10,000 − 2,427.92 = 7,572.08
    assert_eq!(ptc(0), "7572.08");
    // Stated as no dependent (a child released to the other parent): 255% of 15,650;
    // 8.44% + 1.52% × 0.05/0.50 = 8.592%; 10,000 − 3,436.80 = 6,563.20
    assert_eq!(ptc(1), "6563.20");
    // A couple and two children: 40,000 is 123% of 32,150, under 133%: 2.10%;
    // 10,000 − 840 = 9,160
    assert_eq!(ptc(2), "9160.00");
}
