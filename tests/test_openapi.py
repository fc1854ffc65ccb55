"""The OpenAPI document and the offline docs page."""

import re


def test_spec_lists_the_routes_and_the_error_body(client):
    spec = client.get("/api/openapi.json").get_json()
    assert spec["info"]["title"] == "清廉协会 API"
    for path in ("/api/v1/auth/login", "/api/v1/me", "/api/v1/districts", "/api/v1/associations"):
        assert path in spec["paths"]
    assert "reason" in spec["components"]["schemas"]["Error"]["properties"]
    assert spec["paths"]["/api/v1/me"]["get"]["security"] == [{"member": []}]
    assert spec["paths"]["/api/v1/admin/me"]["get"]["security"] == [{"admin": []}]


def test_docs_page_loads_only_local_assets(client):
    page = client.get("/api/docs")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    urls = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert urls, "the docs page should reference its assets"
    for url in urls:
        assert url.startswith("/"), f"{url} would need the internet"
        asset = client.get(url)
        assert asset.status_code == 200, url
        assert len(asset.data) > 1000
    assert '"validatorUrl": null' in html


def test_spec_describes_the_routes_the_mini_program_added(client):
    paths = client.get("/api/openapi.json").get_json()["paths"]
    member_routes = [
        ("post", "/api/v1/attempts/{attempt_id}/leaves"),
        ("post", "/api/v1/competitions/{competition_id}/reminder"),
        ("delete", "/api/v1/competitions/{competition_id}/reminder"),
        ("get", "/api/v1/me/attempts"),
        ("get", "/api/v1/me/subscriptions"),
        ("get", "/api/v1/me/data"),
    ]
    for method, path in member_routes:
        assert paths[path][method]["security"] == [{"member": []}], path
    reminder = paths["/api/v1/competitions/{competition_id}/reminder"]["post"]
    assert {"200", "201", "422"} <= set(reminder["responses"])
