//! The site `signpost init` makes, and README's walkthrough done to it as a partnership does.

use std::path::Path;

/// README's "Start a site" steps 3 to 5, as far as `check --strict` needs: the partnership's
/// own numbers in place of the Ofcom drama placeholders (in site.yaml and the example
/// service), and every square of the signs table written, each from the example square.
pub fn make_it_our_own(site: &Path) {
    replace_in(site, "site.yaml", "01632 960 0", "01632 961 0");
    replace_in(
        site,
        "directory_data/services/example-family-hub.yaml",
        "01632 960 100",
        "01632 961 100",
    );
    let (config, _) = signpost::config::load(site).expect("site.yaml loads");
    let example = std::fs::read_to_string(site.join("content/signs/0-2/physical.md")).unwrap();
    for band in &config.taxonomies.age_bands {
        for category in &config.taxonomies.neglect_categories {
            let file = site.join(format!("content/signs/{}/{}.md", band.id, category.id));
            if file.exists() {
                continue;
            }
            let text = example
                .replace("band: 0-2", &format!("band: {}", band.id))
                .replace("category: physical", &format!("category: {}", category.id))
                .replace(
                    "title: Physical neglect in babies (0 to 2)",
                    &format!(
                        "title: {} for {}",
                        category.label,
                        band.label.to_lowercase()
                    ),
                );
            std::fs::create_dir_all(file.parent().unwrap()).unwrap();
            std::fs::write(file, text).unwrap();
        }
    }
}

/// Replaces `from` with `to` in the site's file `relative`, which must contain it.
pub fn replace_in(site: &Path, relative: &str, from: &str, to: &str) {
    let path = site.join(relative);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{relative} has {from:?}");
    std::fs::write(path, text.replace(from, to)).unwrap();
}
