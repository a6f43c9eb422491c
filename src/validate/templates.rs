//! Every page's template exists, whether the page names it or signpost chooses it.

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::site::Site;
use crate::templates::Templates;
use crate::views::template_for;

pub fn check(site: &Site, templates: &Templates, problems: &mut Diagnostics) {
    for (index, page) in site.pages.iter().enumerate() {
        let template = template_for(site, index);
        if templates.has(&template) {
            continue;
        }
        problems.push(
            Diagnostic::error(format!("there is no template `{template}`"))
                .in_file(&page.source.path)
                .at(page.position_of_key("template"))
                .with_help(format!(
                    "add templates/{template} to the site, or choose one of: {}",
                    templates.page_templates().join(", ")
                )),
        );
    }
}
