//! The report comms staff read after an import (or a dry run): a line per service with what
//! happened to it, each changed field and each problem beneath, the services that left the
//! source, the taxonomy terms to map next, then the totals.

use std::collections::HashMap;
use std::path::PathBuf;

use super::plan::{Outcome, Plan};
use crate::directory::taxonomy_map;
use crate::layout::TAXONOMY_MAP_FILE;

pub struct Report {
    pub plan: Plan,
    /// True when nothing was written.
    pub dry_run: bool,
    /// Files that could not be written, with why.
    pub failures: HashMap<PathBuf, String>,
}

const INDENT: &str = "            ";

impl Report {
    /// True when some file could not be written.
    pub fn failed(&self) -> bool {
        !self.failures.is_empty()
    }

    pub fn to_text(&self) -> String {
        let plan = &self.plan;
        let mut out = if self.dry_run {
            format!(
                "Dry run: what importing from {} would do. Nothing was written.\n",
                plan.source
            )
        } else {
            format!("Imported from {}\n", plan.source)
        };
        for item in &plan.services {
            let failure = self.failures.get(&item.file);
            let (word, note) = match (&item.outcome, failure) {
                (_, Some(why)) => ("failed", format!(": {why}")),
                (Outcome::Added, _) => ("added", String::new()),
                (Outcome::Changed, _) => ("changed", String::new()),
                (Outcome::Unchanged, _) => ("unchanged", String::new()),
                (Outcome::EditedHere, _) => (
                    "skipped",
                    " (edited here since it was imported; --force replaces it with the source's version)".into(),
                ),
                (Outcome::NotFromSource(from), _) => (
                    "skipped",
                    match from {
                        Some(other) => format!(" (imported from {other}, not from this source; --force replaces it)"),
                        None => " (a file written here, not imported; --force replaces it)".into(),
                    },
                ),
                (Outcome::NoCategory, _) => (
                    "not written",
                    ": none of its taxonomy terms means one of your categories (map them below, or import with --category ID)".into(),
                ),
            };
            out.push_str(&format!(
                "{word:<11} {}  {}{note}\n",
                item.file.display(),
                item.name
            ));
            if matches!(
                item.outcome,
                Outcome::Changed | Outcome::EditedHere | Outcome::NotFromSource(_)
            ) {
                for change in &item.changes {
                    let show =
                        |value: &Option<String>| value.clone().unwrap_or_else(|| "(none)".into());
                    out.push_str(&format!(
                        "{INDENT}{}: {} -> {}\n",
                        change.field,
                        show(&change.before),
                        show(&change.after)
                    ));
                }
            }
            for problem in &item.problems {
                out.push_str(&format!("{INDENT}{}: {}\n", problem.field, problem.message));
            }
        }
        for gone in &plan.removed {
            let failure = self.failures.get(&gone.file);
            let note = match (failure, &gone.problem) {
                (Some(why), _) => {
                    format!("no longer in the source, and could not be marked inactive: {why}")
                }
                (None, Some(problem)) => format!("no longer in the source; {problem}"),
                _ if gone.already_inactive => "no longer in the source (already inactive)".into(),
                _ if gone.write.is_some() && self.dry_run => {
                    "no longer in the source: --prune would mark it inactive".into()
                }
                _ if gone.write.is_some() => "no longer in the source: marked inactive".into(),
                _ => "no longer in the source, still published (--prune marks it inactive)".into(),
            };
            out.push_str(&format!(
                "{:<11} {}  {}: {note}\n",
                "left",
                gone.file.display(),
                gone.name
            ));
        }
        for rejected in &plan.rejected {
            out.push_str(&format!("{:<11} {rejected}\n", "rejected"));
        }
        if !plan.unmapped.is_empty() {
            out.push_str(&format!(
                "\n{} taxonomy term(s) mean none of your categories. To file services under them, add them to {TAXONOMY_MAP_FILE} with the categories each means ([] for none):\nterms:\n{}",
                plan.unmapped.len(),
                taxonomy_map::suggestions(&plan.unmapped)
            ));
        }
        out.push('\n');
        out.push_str(&self.totals());
        out
    }

    fn totals(&self) -> String {
        let plan = &self.plan;
        let count = |wanted: fn(&Outcome) -> bool| {
            plan.services
                .iter()
                .filter(|s| wanted(&s.outcome) && !self.failures.contains_key(&s.file))
                .count()
        };
        let problems: usize = plan.services.iter().map(|s| s.problems.len()).sum();
        let mut line = format!(
            "Added {}, changed {}, unchanged {}, skipped {}, not written {}, left the source {}, rejected {}; {problems} field problem(s) reported above.",
            count(|o| *o == Outcome::Added),
            count(|o| *o == Outcome::Changed),
            count(|o| *o == Outcome::Unchanged),
            count(|o| matches!(o, Outcome::EditedHere | Outcome::NotFromSource(_))),
            count(|o| *o == Outcome::NoCategory),
            plan.removed.len(),
            plan.rejected.len(),
        );
        if self.failed() {
            line.push_str(&format!(
                "\n{} file(s) could not be written (marked `failed` above); every other line is as reported.",
                self.failures.len()
            ));
        }
        if self.dry_run {
            line.push_str("\nNothing was written (--dry-run).");
        }
        line.push('\n');
        line
    }
}
