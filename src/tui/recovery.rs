//! Unsaved edits kept safe, one file per plan and per running copy: `recovery/KEY.INSTANCE.ron`
//! in the data folder, where KEY names the plan's file (or "new-plan") and INSTANCE this copy of
//! the planner, so two copies never overwrite each other's. At the next start the newest kept
//! edits of the plan being opened are offered, named by plan and time.

use super::files::{Places, format_time, home_relative};
use crate::plan::{Plan, write_atomically};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

#[derive(Serialize, Deserialize)]
struct Kept {
    file: Option<String>,
    plan: Plan,
    /// The plan file's opening comments, which the plan's own serde form leaves out.
    #[serde(default)]
    comments: Vec<String>,
}

/// Kept unsaved edits found at the start.
#[derive(Debug, Clone, PartialEq)]
pub struct Offer {
    pub path: PathBuf,
    /// The plan's name and its file, as the prompt says them.
    pub plan_name: String,
    pub file: Option<String>,
    /// When the edits were kept, `YYYY-MM-DD HH:MM` UTC.
    pub saved: String,
}

/// FNV-1a: a stable hash of a plan's path (std's hasher may change between releases).
fn fnv(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Which plan a recovery file is for: the file's name and a hash of its whole path, or
/// "new-plan" for a plan not yet saved.
pub fn key(file: Option<&Path>) -> String {
    match file {
        None => "new-plan".into(),
        Some(f) => {
            let full = std::path::absolute(f).unwrap_or_else(|_| f.to_path_buf());
            let stem: String = f
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default()
                .chars()
                .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
                .take(40)
                .collect();
            format!("{stem}-{:016x}", fnv(&full.display().to_string()))
        }
    }
}

impl Places {
    fn recovery_dir(&self) -> Option<PathBuf> {
        self.data_dir.as_ref().map(|d| d.join("recovery"))
    }

    /// Where this copy keeps the unsaved edits of the plan at `file`.
    pub fn recovery_path(&self, file: Option<&Path>) -> Option<PathBuf> {
        let instance = if self.instance.is_empty() {
            "0"
        } else {
            &self.instance
        };
        Some(
            self.recovery_dir()?
                .join(format!("{}.{instance}.ron", key(file))),
        )
    }

    /// Keeps the unsaved plan; returns where.
    pub fn write_recovery(&self, plan: &Plan, file: Option<&Path>) -> std::io::Result<PathBuf> {
        let Some(path) = self.recovery_path(file) else {
            return Err(std::io::Error::other("no data folder"));
        };
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let kept = Kept {
            file: file.map(|f| f.display().to_string()),
            plan: plan.clone(),
            comments: plan.comments.clone(),
        };
        let text = ron::ser::to_string_pretty(&kept, ron::ser::PrettyConfig::new())
            .map_err(std::io::Error::other)?;
        write_atomically(&path, text.as_bytes())?;
        Ok(path)
    }

    /// The newest unsaved edits of the plan at `file` kept by another copy (or an earlier run).
    pub fn recovery_offer(&self, file: Option<&Path>) -> Option<Offer> {
        let dir = self.recovery_dir()?;
        let prefix = format!("{}.", key(file));
        let own = self.recovery_path(file);
        let mut found: Vec<(std::time::SystemTime, PathBuf)> = std::fs::read_dir(&dir)
            .ok()?
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().starts_with(&prefix))
            .filter(|e| Some(e.path()) != own)
            .filter_map(|e| Some((e.metadata().ok()?.modified().ok()?, e.path())))
            .collect();
        found.sort();
        let (modified, path) = found.pop()?;
        let (plan, file) = read_recovery(&path).ok()?;
        Some(Offer {
            path,
            plan_name: plan.name,
            file: file.as_deref().map(home_relative),
            saved: format_time(modified),
        })
    }
}

/// The plan kept at `path`, and the file it belongs to.
pub fn read_recovery(path: &Path) -> Result<(Plan, Option<PathBuf>), String> {
    let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    let mut kept: Kept = ron::from_str(&text).map_err(|e| e.to_string())?;
    kept.plan.comments = std::mem::take(&mut kept.comments);
    if let Some(first) = crate::plan::validate(&kept.plan).first() {
        return Err(first.to_string());
    }
    Ok((kept.plan, kept.file.map(PathBuf::from)))
}

/// Deletes kept edits (and the backup a save may have left beside them).
pub fn discard(path: &Path) {
    let _ = std::fs::remove_file(path);
    let _ = std::fs::remove_file(path.with_extension("ron.bak"));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::demo_plan;

    fn places(dir: &Path, instance: &str) -> Places {
        Places {
            data_dir: Some(dir.to_path_buf()),
            saves_dir: None,
            instance: instance.into(),
        }
    }

    #[test]
    fn two_copies_keep_their_own_and_each_plan_its_own() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (places(dir.path(), "1"), places(dir.path(), "2"));
        let file = dir.path().join("mine.ron");
        let mut plan = demo_plan();
        plan.name = "Mine".into();
        a.write_recovery(&plan, Some(&file)).unwrap();
        plan.name = "Theirs".into();
        b.write_recovery(&plan, Some(&file)).unwrap();
        b.write_recovery(&demo_plan(), None).unwrap();
        let kept = std::fs::read_dir(dir.path().join("recovery"))
            .unwrap()
            .count();
        assert_eq!(kept, 3, "nothing overwritten");
        // Each copy is offered the other's edits of the same plan, never its own.
        assert_eq!(a.recovery_offer(Some(&file)).unwrap().plan_name, "Theirs");
        assert_eq!(b.recovery_offer(Some(&file)).unwrap().plan_name, "Mine");
        let other = dir.path().join("other.ron");
        assert!(a.recovery_offer(Some(&other)).is_none());
        let offer = a.recovery_offer(None).unwrap();
        assert_eq!(offer.plan_name, demo_plan().name);
        discard(&offer.path);
        assert!(a.recovery_offer(None).is_none());
    }

    #[test]
    fn keys_name_the_file_and_tell_paths_apart() {
        assert_eq!(key(None), "new-plan");
        let a = key(Some(Path::new("/x/plan.ron")));
        let b = key(Some(Path::new("/y/plan.ron")));
        assert!(a.starts_with("plan-") && b.starts_with("plan-"));
        assert_ne!(a, b);
    }
}
