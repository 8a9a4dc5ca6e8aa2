//! Where plans live for the planner: the user's data folder, the shipped examples, templates for
//! a new plan, and the recovery file that keeps unsaved edits safe.

use crate::plan::{EXAMPLES, Plan, example_plan, parse_plan, plans_dir};
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

/// Folders the planner reads and writes; tests point them at temporary folders.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Places {
    /// The user's plans.
    pub data_dir: Option<PathBuf>,
    /// A `saves/` folder next to the program (the examples), when there is one.
    pub saves_dir: Option<PathBuf>,
    /// This running copy of the planner, so two copies keep separate recovery files (the
    /// process id; tests name their own).
    pub instance: String,
}

/// Where a listed plan comes from.
#[derive(Debug, Clone, PartialEq)]
pub enum Source {
    File(PathBuf),
    /// An example built into the program.
    Embedded(&'static str),
}

#[derive(Debug, Clone, PartialEq)]
pub struct FileEntry {
    pub name: String,
    /// Last change, `YYYY-MM-DD HH:MM` (UTC), or "built in".
    pub date: String,
    pub summary: String,
    /// The summary for privacy mode: no names, no amounts.
    pub private: String,
    pub source: Source,
}

impl Places {
    /// The platform's data folder and `./saves` when it exists.
    pub fn standard() -> Places {
        let saves = PathBuf::from("saves");
        Places {
            data_dir: plans_dir(),
            saves_dir: saves.is_dir().then_some(saves),
            instance: std::process::id().to_string(),
        }
    }

    /// A path in the data folder for a plan name.
    pub fn plan_path_for(&self, name: &str) -> PathBuf {
        let slug: String = name
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() {
                    c.to_ascii_lowercase()
                } else {
                    '-'
                }
            })
            .collect::<String>()
            .split('-')
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join("-");
        let slug = if slug.is_empty() {
            "plan".to_string()
        } else {
            slug
        };
        let dir = self.data_dir.clone().unwrap_or_else(|| PathBuf::from("."));
        dir.join(format!("{slug}.ron"))
    }

    /// Where Save As writes what the user typed: a bare file name goes to the data folder (where
    /// the file window lists plans; the working folder when there is none), a path where it
    /// says (`~/` is the home folder, a relative path starts from the working folder, as in a
    /// shell); `.ron` is added when the name has no extension.
    pub fn save_path_for(&self, typed: &str) -> PathBuf {
        let expanded = PathBuf::from(expand_home(typed.trim()));
        let bare = matches!(
            expanded.components().collect::<Vec<_>>().as_slice(),
            [std::path::Component::Normal(_)]
        );
        let mut path = match (&self.data_dir, bare) {
            (Some(dir), true) => dir.join(&expanded),
            _ => expanded,
        };
        // Plans are listed by their `.ron` ending: any other name gets it added (`plan.v2` is
        // saved as `plan.v2.ron`), so that the file can be opened again from the list.
        if let Some(name) = path.file_name()
            && path.extension().is_none_or(|e| e != "ron")
        {
            let mut name = name.to_os_string();
            name.push(".ron");
            path.set_file_name(name);
        }
        path
    }

    /// Plans in the data folder and the saves folder, newest first, then the built-in examples.
    pub fn list(&self) -> Vec<FileEntry> {
        let mut files = Vec::new();
        for dir in [&self.data_dir, &self.saves_dir].into_iter().flatten() {
            let Ok(read) = std::fs::read_dir(dir) else {
                continue;
            };
            for entry in read.flatten() {
                let path = entry.path();
                let name = entry.file_name().to_string_lossy().into_owned();
                if !name.ends_with(".ron") || name.starts_with('.') {
                    continue;
                }
                let modified = entry.metadata().and_then(|m| m.modified()).ok();
                let (summary, private) = match crate::plan::load_plan(&path) {
                    Ok(plan) => (
                        format!("{}: {}", plan.name, plan.summary()),
                        private_summary(&plan),
                    ),
                    Err(e) => {
                        let s = format!("cannot be read: {}", first_line(&e.to_string()));
                        (s.clone(), s)
                    }
                };
                files.push((
                    modified,
                    FileEntry {
                        name: home_relative(&path),
                        private,
                        date: modified.map_or_else(|| "?".into(), format_time),
                        summary,
                        source: Source::File(path),
                    },
                ));
            }
        }
        files.sort_by_key(|f| std::cmp::Reverse(f.0));
        let mut out: Vec<FileEntry> = files.into_iter().map(|(_, e)| e).collect();
        for (name, text) in EXAMPLES {
            let (summary, private) = match parse_plan(text, name) {
                Ok(plan) => (
                    format!("{}: {}", plan.name, plan.summary()),
                    private_summary(&plan),
                ),
                Err(e) => (e.to_string(), e.to_string()),
            };
            out.push(FileEntry {
                name: format!("example {name}"),
                date: "built in".into(),
                private,
                summary,
                source: Source::Embedded(text),
            });
        }
        out
    }
}

fn first_line(s: &str) -> &str {
    s.lines().next().unwrap_or(s)
}

/// What a plan holds, without names or amounts (for privacy mode).
fn private_summary(plan: &Plan) -> String {
    let people = plan.people.len();
    format!(
        "{people} {}, {} accounts, {} strategies, {} years",
        if people == 1 { "person" } else { "people" },
        plan.accounts.len(),
        plan.strategies.len(),
        plan.horizon_years()
    )
}

/// A path as the screen shows it: under the home folder as `~/…`.
pub fn home_relative(path: &Path) -> String {
    if let Some(home) = std::env::var_os("HOME")
        && let Ok(rest) = path.strip_prefix(&home)
    {
        return format!("~/{}", rest.display());
    }
    path.display().to_string()
}

/// Templates for a new plan: a blank one-person plan and every example.
pub fn templates() -> Vec<(String, Plan)> {
    let mut out = vec![("Blank plan".to_string(), blank_plan())];
    for (name, _) in EXAMPLES {
        if let Some(Ok(plan)) = example_plan(name) {
            out.push((plan.name.clone(), plan));
        }
    }
    out
}

/// A one-person plan with one account of each main kind, ready to fill in.
pub fn blank_plan() -> Plan {
    let mut plan = crate::plan::demo_plan();
    plan.name = "New plan".into();
    plan.notes = String::new();
    plan.scenarios.clear();
    plan.people.truncate(1);
    plan.people[0].name = "Me".into();
    plan.filing = crate::tax::Filing::Single;
    plan.accounts = vec![
        crate::plan::Account::new_of_kind(crate::plan::AccountKind::Taxable, "Brokerage"),
        crate::plan::Account::new_of_kind(crate::plan::AccountKind::Deferred, "IRA"),
        crate::plan::Account::new_of_kind(crate::plan::AccountKind::Roth, "Roth"),
    ];
    // Blank means blank: no income the user did not enter.
    plan.income = crate::plan::Income::default();
    plan.spending.changes.clear();
    plan.spending.one_offs.clear();
    plan.spending.annual = rust_decimal::Decimal::from(50_000);
    plan
}

/// `~/x` → the home folder's `x`.
pub fn expand_home(path: &str) -> String {
    match (path.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => Path::new(&home).join(rest).display().to_string(),
        _ => path.to_string(),
    }
}

/// `YYYY-MM-DD HH:MM` in UTC.
pub fn format_time(t: SystemTime) -> String {
    let secs = t.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs()) as i64;
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02} {:02}:{:02}",
        rem / 3600,
        (rem % 3600) / 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn times_format_as_utc_dates() {
        assert_eq!(format_time(UNIX_EPOCH), "1970-01-01 00:00");
        let t = UNIX_EPOCH + Duration::from_secs(1_764_081_000);
        assert_eq!(format_time(t), "2025-11-25 14:30");
    }

    #[test]
    fn listing_shows_user_plans_then_examples() {
        let dir = tempfile::tempdir().unwrap();
        let places = Places {
            data_dir: Some(dir.path().to_path_buf()),
            ..Places::default()
        };
        crate::plan::save_plan(&dir.path().join("mine.ron"), &crate::plan::demo_plan()).unwrap();
        std::fs::write(dir.path().join("broken.ron"), "(").unwrap();
        let list = places.list();
        assert!(list[0].name.ends_with(".ron"));
        assert!(list.iter().any(|e| e.summary.starts_with("cannot be read")));
        assert!(list.iter().any(|e| e.name == "example D.ron"));
        assert_eq!(
            places.plan_path_for("D: my plan!"),
            dir.path().join("d-my-plan.ron")
        );
    }

    #[test]
    fn a_bare_name_is_saved_in_the_plans_folder_and_a_path_where_it_says() {
        let dir = tempfile::tempdir().unwrap();
        let places = Places {
            data_dir: Some(dir.path().to_path_buf()),
            ..Places::default()
        };
        assert_eq!(
            places.save_path_for(" retire early "),
            dir.path().join("retire early.ron")
        );
        assert_eq!(
            places.save_path_for("Smith v2.1"),
            dir.path().join("Smith v2.1.ron"),
            "a name with a dot still ends in .ron, so the list of plans shows it"
        );
        assert_eq!(
            places.save_path_for("/elsewhere/b.plan"),
            PathBuf::from("/elsewhere/b.plan.ron")
        );
        assert_eq!(
            places.save_path_for("drafts/retire.ron"),
            PathBuf::from("drafts/retire.ron")
        );
        assert_eq!(
            places.save_path_for("./retire"),
            PathBuf::from("./retire.ron")
        );
        let absolute = dir.path().join("elsewhere").join("x.ron");
        assert_eq!(
            places.save_path_for(&absolute.display().to_string()),
            absolute
        );
        let nowhere = Places::default();
        assert_eq!(nowhere.save_path_for("mine"), PathBuf::from("mine.ron"));
    }

    #[test]
    fn the_blank_template_is_blank() {
        let (name, plan) = &templates()[0];
        assert_eq!(name, "Blank plan");
        assert_eq!(plan.income, crate::plan::Income::default());
        assert!(plan.accounts.iter().all(|a| a.balance().is_zero()));
    }

    #[test]
    fn templates_are_valid_plans() {
        for (name, plan) in templates() {
            assert!(crate::plan::validate(&plan).is_empty(), "{name}");
        }
    }
}
