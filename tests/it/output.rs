//! The output folder: nothing a person keeps there is lost, a rebuild writes only what
//! changed (updating the build before last, kept as a spare Git ignores), a failed build
//! leaves no staging or previous copy behind, and every message says what actually happened.

use std::path::Path;
use std::process::Command;

use crate::common::Fixture;

fn built_site() -> Fixture {
    let site = Fixture::new();
    site.write("content/about.md", "---\ntitle: About\n---\nUs.\n");
    site.build().assert_ok();
    site
}

/// The build before last, which a build keeps beside the output to update next time.
const SPARE: &str = ".public.spare";

/// The search index of each run of pages, which a build keeps beside the output to reuse.
const CACHE: &str = ".public.cache";

/// Hidden folders a build left beside the output (staging or previous copies), other than
/// the spare and the cache it keeps on purpose.
fn leftovers(site: &Fixture) -> Vec<String> {
    std::fs::read_dir(site.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with(".public.") && name != SPARE && name != CACHE)
        .collect()
}

/// A folder of someone else's where the spare goes, so the previous build cannot be kept
/// and is deleted instead.
fn block_the_spare(site: &Fixture) {
    site.write(&format!("{SPARE}/notes.txt"), "not signpost's");
}

#[test]
fn a_file_someone_put_in_the_output_stops_the_build_and_is_kept() {
    let site = built_site();
    site.write("public/CNAME", "neglect.example.org.uk\n");
    let run = site.build();
    run.assert_failed().assert_stderr_has(&[
        "public/CNAME",
        "that signpost did not write, which a build would lose",
        "static/CNAME",
        "Nothing was written",
    ]);
    assert_eq!(site.read_output("CNAME"), "neglect.example.org.uk\n");
    assert!(
        site.output("about/index.html").is_file(),
        "the site is still there"
    );
}

#[test]
fn a_file_put_deep_in_the_output_stops_the_build_though_its_folder_s_time_was_set_back() {
    let site = built_site();
    site.write("content/help.md", "---\ntitle: Help\n---\nCall us.\n");
    site.build().assert_ok();
    site.build().assert_ok();
    // As `cp -p` or `rsync -a` leave a folder they copied into: its time set to the source's.
    site.write("public/about/notes.txt", "mine");
    site.write("public/help/old/draft.html", "mine too");
    for folder in ["public/about", "public/help"] {
        let touched = Command::new("touch")
            .args(["-m", "-d", "2001-01-01"])
            .arg(site.root().join(folder))
            .status()
            .unwrap();
        assert!(touched.success());
    }
    let run = site.build();
    run.assert_failed().assert_stderr_has(&[
        "holds 2 file(s) that signpost did not write",
        "public/about/notes.txt",
        "public/help/old/draft.html",
    ]);
    assert_eq!(site.read_output("about/notes.txt"), "mine");
    assert_eq!(site.read_output("help/old/draft.html"), "mine too");
}

#[test]
fn files_kept_in_static_are_published_on_every_build_dotfiles_included() {
    let site = built_site();
    site.write("static/CNAME", "neglect.example.org.uk\n")
        .write("static/.nojekyll", "")
        .write(
            "static/.well-known/security.txt",
            "Contact: mailto:a@example.org\n",
        )
        .write("static/.notes.swp", "an editor's swap file");
    site.build().assert_ok();
    site.build().assert_ok();
    assert_eq!(site.read_output("CNAME"), "neglect.example.org.uk\n");
    assert!(site.output(".nojekyll").is_file());
    assert!(site.output(".well-known/security.txt").is_file());
    assert!(
        !site.output(".notes.swp").exists(),
        "editors' files are not published"
    );
}

#[test]
fn a_deploy_checkout_in_the_output_survives_every_build() {
    let site = built_site();
    site.write("public/.git/HEAD", "ref: refs/heads/gh-pages\n")
        .write("public/.git/config", "[core]\n");
    site.write("content/about.md", "---\ntitle: About us\n---\nChanged.\n");
    site.build().assert_ok();
    site.build().assert_ok();
    assert_eq!(site.read_output(".git/HEAD"), "ref: refs/heads/gh-pages\n");
    assert!(site.read_output("about/index.html").contains("About us"));
    assert!(leftovers(&site).is_empty(), "{:?}", leftovers(&site));
    assert!(
        !site.root().join(SPARE).join(".git").exists(),
        "one checkout, in the output"
    );
}

#[test]
fn a_rebuild_updates_the_build_before_last_which_git_leaves_out_of_the_site() {
    let site = built_site();
    site.write("content/gone.md", "---\ntitle: Gone soon\n---\nBye.\n");
    site.build().assert_ok();
    site.remove("content/gone.md");
    site.write("content/about.md", "---\ntitle: About\n---\nUs, changed.\n");
    let run = site.build();
    run.assert_ok();
    assert!(run.stdout.contains("kept "), "{}", run.stdout);
    assert!(
        site.read_output("about/index.html")
            .contains("Us, changed.")
    );
    assert!(!site.output("gone-soon").exists() && !site.output("gone").exists());
    assert!(
        site.root().join(SPARE).join("gone/index.html").is_file(),
        "the spare is the build this one replaced"
    );
    let git = |args: &[&str]| {
        let run = Command::new("git")
            .args(args)
            .current_dir(site.root())
            .output()
            .unwrap();
        assert!(run.status.success(), "git {args:?}");
        String::from_utf8(run.stdout).unwrap()
    };
    git(&["init", "-q"]);
    let untracked = git(&["status", "--porcelain", "--untracked-files=all"]);
    assert!(!untracked.contains(SPARE), "{untracked}");
    assert!(!untracked.contains(CACHE), "{untracked}");
    assert!(untracked.contains("content/about.md"), "{untracked}");
    // One page's words edited: a few files touched, the rest left where they are.
    site.write("content/about.md", "---\ntitle: About\n---\nUs, edited.\n");
    let run = site.build();
    run.assert_ok();
    let (files, kept) = files_and_kept(&run.stdout);
    assert!(files - kept <= 12 && kept > files / 2, "{}", run.stdout);
    // Deleting the spare is safe: the next build makes a whole new copy.
    std::fs::remove_dir_all(site.root().join(SPARE)).unwrap();
    site.write("content/about.md", "---\ntitle: About\n---\nUs, again.\n");
    site.build().assert_ok();
    assert!(site.read_output("about/index.html").contains("Us, again."));
    assert!(site.root().join(SPARE).join("about/index.html").is_file());
}

/// The file count and the count kept unchanged, from the build's summary line.
fn files_and_kept(stdout: &str) -> (usize, usize) {
    let number = |after: &str| -> usize {
        let rest = stdout
            .split(after)
            .nth(1)
            .unwrap_or_else(|| panic!("{stdout}"));
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        digits.parse().unwrap_or_else(|_| panic!("{stdout}"))
    };
    (number("pages ("), number("kept "))
}

#[test]
fn a_spare_that_cannot_be_updated_fails_the_build_saying_which_and_the_next_build_works() {
    let site = built_site();
    site.build().assert_ok();
    let stuck = site.root().join(SPARE).join("about/index.html");
    if !chattr("+i", &stuck) {
        return;
    }
    let before = site.read_output("about/index.html");
    site.write("content/about.md", "---\ntitle: About\n---\nChanged.\n");
    let run = site.build();
    let left = leftovers(&site);
    for name in &left {
        chattr("-i", &site.root().join(name).join("about/index.html"));
    }
    chattr("-i", &stuck);
    run.assert_failed().assert_stderr_has(&[
        "about/index.html",
        SPARE,
        "delete that folder",
        "is unchanged",
    ]);
    assert_eq!(site.read_output("about/index.html"), before);
    site.build().assert_ok();
    assert!(site.read_output("about/index.html").contains("Changed."));
}

#[test]
fn a_rebuild_writes_only_what_changed() {
    let site = built_site();
    site.write("content/about.md", "---\ntitle: About\n---\nUs, changed.\n");
    let run = site.build();
    run.assert_ok();
    let reused: usize = run
        .stdout
        .split("kept ")
        .nth(1)
        .and_then(|rest| rest.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("the summary says how many files were kept: {}", run.stdout));
    assert!(reused > 5, "{}", run.stdout);
    assert!(
        site.read_output("about/index.html")
            .contains("Us, changed.")
    );
}

/// Runs `chattr` (a file attribute even root cannot override), or says why not.
fn chattr(flag: &str, path: &Path) -> bool {
    let done = Command::new("chattr")
        .arg(flag)
        .arg(path)
        .status()
        .is_ok_and(|status| status.success());
    if !done {
        eprintln!("skipped: chattr {flag} is not available here");
    }
    done
}

#[test]
fn an_output_folder_that_cannot_be_replaced_is_left_as_it_was_with_nothing_beside_it() {
    let site = built_site();
    let before = site.read_output("about/index.html");
    if !chattr("+i", &site.output("")) {
        return;
    }
    site.write("content/about.md", "---\ntitle: About\n---\nChanged.\n");
    let run = site.build();
    chattr("-i", &site.output(""));
    run.assert_failed().assert_stderr_has(&[
        "the new site could not replace",
        "Nothing was written",
        "is unchanged",
    ]);
    assert_eq!(site.read_output("about/index.html"), before);
    assert!(leftovers(&site).is_empty(), "{:?}", leftovers(&site));
    // Every attempt, not only the first.
    assert!(site.build().success());
    assert!(leftovers(&site).is_empty(), "{:?}", leftovers(&site));
}

#[test]
fn a_previous_copy_that_cannot_be_deleted_is_named_and_the_build_says_it_succeeded() {
    let site = built_site();
    block_the_spare(&site);
    let stuck = site.output("about/index.html");
    if !chattr("+i", &stuck) {
        return;
    }
    site.write("content/about.md", "---\ntitle: About\n---\nChanged.\n");
    let run = site.build();
    let left = leftovers(&site);
    for name in &left {
        chattr("-i", &site.root().join(name).join("about/index.html"));
    }
    run.assert_ok();
    assert!(site.read_output("about/index.html").contains("Changed."));
    assert_eq!(left.len(), 1, "{left:?}");
    assert!(
        run.stderr
            .contains("the new site is in place, but the previous one could not be deleted")
            && run.stderr.contains(&left[0]),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("unchanged"), "{}", run.stderr);
}

#[test]
fn the_command_deletes_the_previous_build_after_it_has_reported() {
    let site = Fixture::new();
    site.write("content/about.md", "---\ntitle: About\n---\nUs.\n");
    assert!(site.spawn(&["build"]).success());
    block_the_spare(&site);
    site.write("content/about.md", "---\ntitle: About\n---\nChanged.\n");
    let run = site.spawn(&["build"]);
    assert!(run.success(), "{}", run.stderr);
    assert!(site.read_output("about/index.html").contains("Changed."));
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !leftovers(&site).is_empty() {
        assert!(
            std::time::Instant::now() < deadline,
            "the previous build was never deleted: {:?}",
            leftovers(&site)
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

#[test]
fn the_cleanup_command_refuses_any_folder_that_is_not_a_previous_build() {
    let site = built_site();
    site.write("documents/.signpost-output", "not really")
        .write("documents/letter.txt", "keep me");
    for folder in ["documents", "public", "content"] {
        assert_eq!(
            site.spawn(&["__remove-previous", folder]).code,
            Some(2),
            "{folder}"
        );
    }
    assert!(site.read_output("about/index.html").contains("Us."));
    assert!(site.root().join("documents/letter.txt").is_file());
}

/// Each file under the output's `search/HASH/` folder: its name, and its inode.
#[cfg(unix)]
fn search_files(site: &Fixture) -> (String, Vec<(String, u64)>) {
    use std::os::unix::fs::MetadataExt;
    let search = site.root().join("public/search");
    let folder = std::fs::read_dir(&search)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|path| path.is_dir() && path.join("facets.bin").exists())
        .expect("a search index folder");
    let files = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap())
        .map(|e| {
            let inode = e.metadata().unwrap().ino();
            (e.file_name().to_string_lossy().into_owned(), inode)
        })
        .collect();
    (
        folder.file_name().unwrap().to_string_lossy().into_owned(),
        files,
    )
}

#[cfg(unix)]
#[test]
fn a_rebuild_links_the_search_files_it_wrote_before_though_their_folder_is_renamed() {
    let site = Fixture::new();
    for i in 0..40 {
        site.write(
            &format!("content/page-{i}.md"),
            &format!("---\ntitle: Page {i}\n---\nHelp with food, school and sleep for page {i}.\n"),
        );
    }
    site.build().assert_ok();
    let (folder, before) = search_files(&site);
    let inodes: std::collections::HashSet<u64> = before.iter().map(|(_, inode)| *inode).collect();

    site.write(
        "content/page-7.md",
        "---\ntitle: Page 7\n---\nHelp with warm clothes for page 7.\n",
    );
    site.build().assert_ok();
    let (renamed, after) = search_files(&site);
    assert_ne!(
        renamed, folder,
        "the index changed, so its folder is named anew"
    );
    let linked: Vec<&String> = after
        .iter()
        .filter(|(_, inode)| inodes.contains(inode))
        .map(|(name, _)| name)
        .collect();
    assert!(
        !linked.is_empty() && linked.len() < after.len(),
        "files with the same bytes are linked, changed ones written: {linked:?} of {after:?}"
    );
    assert!(
        linked.iter().any(|name| name.starts_with("meta-")),
        "{linked:?}"
    );
}

#[test]
fn a_site_rebuilt_over_its_spare_is_byte_for_byte_the_site_built_afresh() {
    let site = crate::common::directory::site();
    site.write("content/about.md", "---\ntitle: About\n---\nUs.\n")
        .write("content/help.md", "---\ntitle: Help\n---\nCall us.\n");
    site.build().assert_ok();
    site.write(
        "content/about.md",
        "---\ntitle: About\n---\nUs, and more.\n",
    );
    site.build().assert_ok();
    site.remove("content/help.md");
    site.write(
        "content/new.md",
        "---\ntitle: New page\n---\nSomething new.\n",
    );
    site.build().assert_ok();
    site.write(
        "content/about.md",
        "---\ntitle: About us\n---\nUs, again.\n",
    );
    let recycled = site.build();
    recycled.assert_ok();
    let (files, kept) = files_and_kept(&recycled.stdout);
    assert!(kept > 0 && kept < files, "{}", recycled.stdout);
    site.signpost(&["build", "--output", "fresh"]).assert_ok();
    let (updated, fresh) = (
        crate::common::files_of(&site.output("")),
        crate::common::files_of(&site.root().join("fresh")),
    );
    assert_eq!(
        updated.keys().collect::<Vec<_>>(),
        fresh.keys().collect::<Vec<_>>()
    );
    let differing: Vec<&String> = (updated.iter())
        .filter(|(path, bytes)| fresh[*path] != **bytes)
        .map(|(path, _)| path)
        .collect();
    assert!(differing.is_empty(), "these differ: {differing:?}");
}

#[test]
fn the_search_cache_beside_the_output_is_safe_to_delete() {
    let site = built_site();
    let cache = site.root().join(CACHE);
    let entries = || std::fs::read_dir(&cache).map_or(0, |dir| dir.count());
    assert!(
        entries() > 1,
        "the search index of the site's pages is kept"
    );
    let built = crate::common::files_of(&site.output(""));
    std::fs::remove_dir_all(&cache).unwrap();
    site.write("content/about.md", "---\ntitle: About\n---\nUs.\n");
    site.build().assert_ok();
    assert_eq!(crate::common::files_of(&site.output("")), built);
    assert!(entries() > 1, "the next build keeps it again");
}

#[test]
fn a_file_of_someones_where_the_cache_goes_is_left_alone_and_the_build_works() {
    let site = Fixture::new();
    site.write("content/about.md", "---\ntitle: About\n---\nUs.\n")
        .write(CACHE, "my notes, not signpost's");
    site.build().assert_ok();
    site.write("content/about.md", "---\ntitle: About\n---\nUs, changed.\n");
    site.build().assert_ok();
    assert!(
        site.read_output("about/index.html")
            .contains("Us, changed.")
    );
    let kept = std::fs::read_to_string(site.root().join(CACHE)).unwrap();
    assert_eq!(kept, "my notes, not signpost's");
}

#[test]
fn a_cache_that_cannot_be_written_only_makes_the_build_slower() {
    let site = built_site();
    let cache = site.root().join(CACHE);
    if !chattr("+i", &cache) {
        return;
    }
    site.write("content/about.md", "---\ntitle: About\n---\nUs, changed.\n");
    let run = site.build();
    chattr("-i", &cache);
    run.assert_ok();
    assert!(
        site.read_output("about/index.html")
            .contains("Us, changed.")
    );
    let fresh = crate::common::files_of(&site.output(""));
    site.signpost(&["build", "--output", "fresh"]).assert_ok();
    assert_eq!(crate::common::files_of(&site.root().join("fresh")), fresh);
}

/// Asserts the output holds exactly what a fresh build of the site, into another folder,
/// makes: a rebuild that reused what it rendered before left nothing stale.
fn assert_output_is_built_afresh(site: &Fixture) {
    site.signpost(&["build", "--output", "fresh"]).assert_ok();
    let (output, fresh) = (
        crate::common::files_of(&site.output("")),
        crate::common::files_of(&site.root().join("fresh")),
    );
    std::fs::remove_dir_all(site.root().join("fresh")).unwrap();
    let differing: Vec<&String> = (output.keys().chain(fresh.keys()))
        .filter(|path| output.get(*path) != fresh.get(*path))
        .collect();
    assert!(differing.is_empty(), "these differ: {differing:?}");
}

#[test]
fn a_rebuild_after_a_template_changes_shows_it_on_every_page() {
    let site = built_site();
    site.write("content/help.md", "---\ntitle: Help\n---\nCall us.\n");
    site.build().assert_ok();
    site.write(
        "templates/partials/footer.html",
        "<footer><p>Our partnership's own footer</p></footer>\n",
    );
    site.build().assert_ok();
    for page in ["index.html", "about/index.html", "help/index.html"] {
        assert!(
            site.read_output(page).contains("own footer"),
            "{page} was not rendered with the new footer"
        );
    }
    assert_output_is_built_afresh(&site);
    site.remove("templates/partials/footer.html");
    site.build().assert_ok();
    assert!(!site.read_output("help/index.html").contains("own footer"));
    assert_output_is_built_afresh(&site);
}

#[test]
fn a_rebuild_after_the_theme_s_words_change_shows_them_on_every_page() {
    let site = built_site();
    site.write("strings/en.yaml", "quick_exit:\n  button: Leave now\n");
    site.build().assert_ok();
    for page in ["index.html", "about/index.html"] {
        assert!(site.read_output(page).contains("Leave now"), "{page}");
    }
    assert_output_is_built_afresh(&site);
}

#[test]
fn a_page_changed_by_hand_in_the_output_is_rendered_again_by_the_next_build() {
    let site = built_site();
    std::fs::write(site.output("about/index.html"), "changed by hand").unwrap();
    site.build().assert_ok();
    assert!(site.read_output("about/index.html").contains("Us."));
    assert_output_is_built_afresh(&site);
}

#[test]
fn an_output_deleted_by_hand_is_built_whole_again() {
    let site = built_site();
    site.build().assert_ok();
    std::fs::remove_dir_all(site.output("")).unwrap();
    std::fs::remove_dir_all(site.root().join(SPARE)).unwrap();
    site.build().assert_ok();
    assert!(site.read_output("about/index.html").contains("Us."));
    assert_output_is_built_afresh(&site);
}
