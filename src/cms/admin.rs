//! The editor's page, /admin/: a page for staff, not the public, so it is not built from the
//! theme. It loads the editor's script from the site itself, and its Content-Security-Policy
//! lets it talk only to the site and to the Git host's API.

use super::settings::EditorSettings;

/// The editor's page, for the site titled `title`.
pub fn page(title: &str, settings: &EditorSettings, script: &str, config: &str) -> String {
    let mut escaped = String::new();
    let _ = pulldown_cmark_escape::escape_html(&mut escaped, title);
    format!(
        r#"<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<meta http-equiv="Content-Security-Policy" content="{csp}">
<title>Edit {escaped}</title>
<link href="{config}" type="application/yaml" rel="cms-config-url">
</head>
<body>
<noscript><p>The editor needs JavaScript. You can still edit the site's files in your Git host's own editor, or on your computer.</p></noscript>
<script src="{script}"></script>
</body>
</html>
"#,
        csp = content_security_policy(settings)
    )
}

/// Scripts from the site only; connections to the site and the Git host's API; styles inline
/// too, because the editor sets them on its own elements. A host headers file that sets a
/// policy for every page should give /admin/ this one instead: the browser applies both, and
/// the public pages' stricter policy would stop the editor.
pub fn content_security_policy(settings: &EditorSettings) -> String {
    let api = settings.api_origin();
    [
        "default-src 'self'".to_string(),
        "script-src 'self'".to_string(),
        "style-src 'self' 'unsafe-inline'".to_string(),
        "img-src 'self' blob: data:".to_string(),
        "media-src 'self' blob: data:".to_string(),
        "font-src 'self' data:".to_string(),
        format!("connect-src 'self' blob: data: {api}"),
        "worker-src 'self' blob:".to_string(),
        "frame-src 'none'".to_string(),
        "object-src 'none'".to_string(),
        "base-uri 'self'".to_string(),
        "form-action 'none'".to_string(),
    ]
    .join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_header_policy_leaves_the_browser_editor_working() {
        let settings: EditorSettings =
            crate::yaml::parse("backend: github\nrepo: partnership/site\n").unwrap();
        let editor = content_security_policy(&settings);
        for directive in crate::hosting::HEADER_CSP.split("; ") {
            assert!(
                directive.starts_with("frame-ancestors") || editor.contains(directive),
                "{directive} would stop the editor"
            );
        }
    }
}
