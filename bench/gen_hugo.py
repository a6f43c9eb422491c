#!/usr/bin/env python3
"""Makes a Hugo site with the same pages as a synthetic signpost site, for a side-by-side
benchmark: gen_hugo.py SIGNPOST_SITE HUGO_SITE. Guidance pages keep their front matter and
words (signpost's `@/file.md` links become addresses); each service becomes a page under
/directory/. The layouts are minimal, so Hugo does no more than list and show pages."""
import re
import sys
from pathlib import Path

LAYOUTS = {
    "_default/baseof.html": """<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8">
<title>{{ .Title }}</title></head><body><main>{{ block "main" . }}{{ end }}</main></body></html>
""",
    "_default/single.html": """{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}{{ end }}
""",
    "_default/list.html": """{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}
<ul>{{ range (.Paginate .Pages).Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>
{{ template "_internal/pagination.html" . }}{{ end }}
""",
}


def address(link):
    return "/" + re.sub(r"(_index)?\.md$", "", link).rstrip("/") + "/"


def main():
    source, target = Path(sys.argv[1]), Path(sys.argv[2])
    (target / "content").mkdir(parents=True, exist_ok=True)
    (target / "hugo.toml").write_text(
        'baseURL = "https://bench.example.org/"\ntitle = "Benchmark"\n'
        'disableKinds = ["taxonomy", "term", "RSS"]\n[pagination]\n  pagerSize = 12\n')
    for name, text in LAYOUTS.items():
        path = target / "layouts" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    for page in (source / "content").rglob("*.md"):
        text = re.sub(r"\]\(@/([^)]+)\)", lambda m: "](" + address(m.group(1)) + ")", page.read_text())
        text = re.sub(r"review_by: .*\n", "", text)
        out = target / "content" / page.relative_to(source / "content")
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text)
    services = sorted((source / "directory_data" / "services").glob("*.yaml"))
    if services:
        (target / "content/directory").mkdir(parents=True, exist_ok=True)
        (target / "content/directory/_index.md").write_text("---\ntitle: Directory\n---\n")
    for service in services:
        text = service.read_text()
        name = re.search(r"^name: (.*)$", text, re.M).group(1)
        description = re.search(r"^description: >-\n((?:  .*\n)+)", text, re.M)
        body = " ".join(line.strip() for line in description.group(1).splitlines()) if description else ""
        (target / "content/directory" / (service.stem + ".md")).write_text(
            f"---\ntitle: \"{name}\"\n---\n{body}\n")


if __name__ == "__main__":
    main()
