//! The plan shown in the README is a real plan: it parses, validates and projects.

#[test]
fn the_readme_plan_example_loads_and_projects() {
    let readme = include_str!("../README.md");
    let start = readme.find("```ron\n").expect("a ron example") + "```ron\n".len();
    let end = start + readme[start..].find("```").expect("the example ends");
    let plan = drawdown::plan::parse_plan(&readme[start..end], "README.md")
        .unwrap_or_else(|e| panic!("{e}"));
    let c = drawdown::compare::compare(&plan).unwrap();
    assert_eq!(c.outcomes.len(), plan.strategies.len());
}
