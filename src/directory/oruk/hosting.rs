//! What a web host does for the static feed to answer at the ORUK paths: a rewrite from
//! each endpoint (`/api/services?page=2`, `/api/services/{id}`) to the file that holds it, and
//! the CORS header that lets other sites' pages read `/api/`. One table drives `resolve`
//! (used by tests as a host would) and the rules written for Netlify and Apache, so they agree.

use super::feed::{BASE, Endpoint};

/// A response header a host adds to every file under a path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeaderRule {
    /// A path pattern in the `_headers` style: `/api/*`.
    pub path: &'static str,
    pub name: &'static str,
    pub value: &'static str,
}

/// The headers the feed needs: any site may read it (it is open data, sent without cookies).
pub fn headers() -> Vec<HeaderRule> {
    vec![HeaderRule {
        path: "/api/*",
        name: "Access-Control-Allow-Origin",
        value: "*",
    }]
}

/// The file a request for `path` (with its query string, if any) is answered from, when that
/// is not the path itself: `/api/services?page=2` -> `/api/services/pages/2.json`.
pub fn resolve(path: &str, query: Option<&str>) -> Option<String> {
    let rest = path.strip_prefix(BASE)?;
    let rest = rest.trim_end_matches('/');
    if rest.is_empty() {
        return Some(format!("{BASE}/index.json"));
    }
    let rest = rest.strip_prefix('/')?;
    let (name, id) = match rest.split_once('/') {
        Some((name, id)) => (name, Some(id)),
        None => (rest, None),
    };
    let endpoint = Endpoint::ALL.into_iter().find(|e| e.name() == name)?;
    match id {
        None => Some(match page_number(query) {
            Some(page) => super::feed::page_address(endpoint, page),
            None => format!("{BASE}/{name}/index.json"),
        }),
        Some(id) if endpoint.has_item_files() && is_plain_id(id) => {
            Some(super::feed::item_address(endpoint, id))
        }
        Some(_) => None,
    }
}

fn is_plain_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// The `page` parameter of a query string, when it is a page number.
fn page_number(query: Option<&str>) -> Option<usize> {
    query?
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(key, _)| *key == "page")
        .and_then(|(_, value)| value.parse().ok())
        .filter(|page| *page >= 1)
}

fn endpoints_pattern(items_only: bool) -> String {
    Endpoint::ALL
        .into_iter()
        .filter(|e| !items_only || e.has_item_files())
        .map(Endpoint::name)
        .collect::<Vec<_>>()
        .join("|")
}

/// The rewrites as Netlify's `_redirects` file writes them (status 200: the address stays,
/// the file answers). Rules with a query parameter come first, as the first match wins.
pub fn netlify_redirects() -> String {
    let mut out = String::from("# The Open Referral UK feed at its standard paths (signpost)\n");
    out.push_str(&format!("{BASE}  {BASE}/index.json  200\n"));
    out.push_str(&format!("{BASE}/  {BASE}/index.json  200\n"));
    for endpoint in Endpoint::ALL {
        let name = endpoint.name();
        out.push_str(&format!(
            "{BASE}/{name}  page=:page  {BASE}/{name}/pages/:page.json  200\n"
        ));
        out.push_str(&format!("{BASE}/{name}  {BASE}/{name}/index.json  200\n"));
        if endpoint.has_item_files() {
            out.push_str(&format!(
                "{BASE}/{name}/*  {BASE}/{name}/:splat.json  200\n"
            ));
        }
    }
    out
}

/// The same rewrites and header for Apache (`.htaccess`, with mod_rewrite and mod_headers).
pub fn apache_rules() -> String {
    let base = BASE.trim_start_matches('/');
    let all = endpoints_pattern(false);
    let items = endpoints_pattern(true);
    let header = headers()
        .into_iter()
        .map(|h| format!("    Header set {} \"{}\"\n", h.name, h.value))
        .collect::<String>();
    format!(
        "# The Open Referral UK feed at its standard paths (signpost)\n\
         <IfModule mod_rewrite.c>\n\
         \x20   RewriteEngine On\n\
         \x20   RewriteRule ^{base}/?$ {base}/index.json [L]\n\
         \x20   RewriteCond %{{QUERY_STRING}} (?:^|&)page=([0-9]+)\n\
         \x20   RewriteRule ^{base}/({all})/?$ {base}/$1/pages/%1.json [L]\n\
         \x20   RewriteRule ^{base}/({all})/?$ {base}/$1/index.json [L]\n\
         \x20   RewriteCond %{{REQUEST_FILENAME}} !-f\n\
         \x20   RewriteRule ^{base}/({items})/([A-Za-z0-9_-]+)$ {base}/$1/$2.json [L]\n\
         </IfModule>\n\
         <IfModule mod_headers.c>\n\
         \x20   <If \"%{{REQUEST_URI}} =~ m#^/{base}/#\">\n\
         {header}\
         \x20   </If>\n\
         </IfModule>\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoints_resolve_to_their_files() {
        assert_eq!(resolve("/api", None).as_deref(), Some("/api/index.json"));
        assert_eq!(resolve("/api/", None).as_deref(), Some("/api/index.json"));
        assert_eq!(
            resolve("/api/services", None).as_deref(),
            Some("/api/services/index.json")
        );
        assert_eq!(
            resolve("/api/services", Some("per_page=10&page=3")).as_deref(),
            Some("/api/services/pages/3.json")
        );
        assert_eq!(
            resolve("/api/services/abc-123", None).as_deref(),
            Some("/api/services/abc-123.json")
        );
        assert_eq!(
            resolve("/api/taxonomy_terms", Some("page=0")).as_deref(),
            Some("/api/taxonomy_terms/index.json")
        );
        assert_eq!(resolve("/api/organizations/abc", None), None);
        assert_eq!(resolve("/api/services/pages/2.json", None), None);
        assert_eq!(resolve("/about/", None), None);
    }

    #[test]
    fn the_rules_for_hosts_name_every_endpoint() {
        let netlify = netlify_redirects();
        let apache = apache_rules();
        for endpoint in Endpoint::ALL {
            assert!(netlify.contains(&format!("/api/{}  page=:page", endpoint.name())));
            assert!(apache.contains(endpoint.name()));
        }
        assert!(apache.contains("Header set Access-Control-Allow-Origin \"*\""));
    }
}
