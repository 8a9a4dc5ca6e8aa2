//! The household as the user states it: serde types, validation, RON load and save.

mod io;
mod limits;
mod model;
mod ron_tree;
mod scenario;
mod text;
mod validate;

pub use io::{
    EXAMPLES, MAX_PLAN_BYTES, PlanError, demo_plan, example_plan, load_plan, parse_plan,
    plan_to_text, plans_dir, save_plan, write_atomically,
};
pub use limits::MAX_PROJECTED;
pub use model::*;
pub use scenario::{
    BASE_NAME, MAX_OVERRIDES, MAX_SCENARIOS, Override, Scenario, ScenarioError, change_column,
};
pub use validate::{
    Issue, MAX_BENCHMARK, MAX_HORIZON, MAX_PATHS, MAX_SIM_CELLS, validate, validate_household,
    validate_simulation,
};
