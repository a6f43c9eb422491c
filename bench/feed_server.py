#!/usr/bin/env python3
"""Serves a synthetic Open Referral UK feed on 127.0.0.1 for the import benchmark:
feed_server.py N PER_PAGE. Prints the port it listens on, then answers
GET /services?page=P (one-to-one fields only, as the UK profile's list does) and
GET /services/{id} (the whole service)."""
import json
import random
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

TERMS = [("Family support", "family-support"), ("Food banks and holiday food", "food")]


def service(rng, index):
    name, code = TERMS[index % len(TERMS)]
    return {
        "id": f"5e1d7c2a-0000-4000-8000-{index:012d}",
        "name": f"Benchmark service {index}",
        "description": "A synthetic service that helps families, for measuring the import.",
        "status": "active",
        "url": f"https://example.org/services/{index}",
        "email": f"service{index}@example.org",
        "assured_date": "2026-10-01",
        "minimum_age": rng.randint(0, 5),
        "maximum_age": rng.randint(11, 19),
        "organization": {"id": f"org-{index % 40}", "name": f"Benchmark Trust {index % 40}", "description": "A trust."},
        "phones": [{"id": f"p{index}", "number": f"01632 960 {index % 1000:03d}"}],
        "schedules": [{"id": f"s{index}", "freq": "WEEKLY", "byday": "MO,TU,WE,TH,FR", "opens_at": "09:00:00", "closes_at": "17:00:00"}],
        "languages": [{"id": f"l{index}", "name": "English"}],
        "service_at_locations": [{
            "id": f"sal{index}",
            "location": {
                "id": f"loc{index}", "location_type": "physical", "name": f"Venue {index}",
                "latitude": 52.95 + rng.random() * 0.15, "longitude": -2.30 + rng.random() * 0.25,
                "addresses": [{"id": f"a{index}", "address_1": f"{index} Example Road", "city": "Example Town",
                               "postal_code": f"EB{rng.randint(1, 9)} {rng.randint(1, 9)}AB", "country": "GB",
                               "state_province": "", "address_type": "physical"}],
            },
        }],
        "attributes": [{"id": f"at{index}", "taxonomy_term": {"id": code, "name": name, "taxonomy": "benchmark", "term": code}}],
    }


def main():
    total, per_page = int(sys.argv[1]), int(sys.argv[2])
    rng = random.Random(7)
    services = [service(rng, i) for i in range(total)]
    by_id = {s["id"]: json.dumps(s).encode() for s in services}
    one_to_one = ["id", "name", "description", "url", "email", "status", "assured_date", "minimum_age", "maximum_age"]
    pages = max(1, -(-total // per_page))

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def reply(self, body, status=200):
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self):
            url = urlparse(self.path)
            if url.path == "/services":
                page = int(parse_qs(url.query).get("page", ["1"])[0])
                items = [{k: s[k] for k in one_to_one} for s in services[(page - 1) * per_page:page * per_page]]
                body = {"total_items": total, "total_pages": pages, "page_number": page, "size": len(items),
                        "first_page": page == 1, "last_page": page == pages, "empty": not items, "contents": items}
                return self.reply(json.dumps(body).encode())
            found = by_id.get(url.path.removeprefix("/services/"))
            return self.reply(found) if found else self.reply(b"{}", 404)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    print(server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
