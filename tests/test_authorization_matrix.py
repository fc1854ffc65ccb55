"""The authorisation matrix: every admin route and console page, for every role and scope.

The table below is the access policy written down independently of the code. The test walks the
app's own route table, so a new admin route or console page without a row here fails the suite.
For each route and role it sends a request for an object inside the role's scope (椒江区 331002,
the officer's own association) and, for object routes, one outside it (黄岩区 331003), and checks:
a role the policy refuses gets 403; an allowed role is let through in scope (no 401/403/404) and
gets 404 out of scope (city admins, whose scope is everything, are let through); nobody logged in
gets 401 (API) or the login page (console). Bodies are empty, so allowed requests stop at input
validation and change nothing, except where a row says the request acts (logout, delete).
"""

import io
import re

import pytest
from PIL import Image

from backend.app.associations.models import Association
from backend.app.extensions import db
from backend.app.sites import photos
from backend.app.sites.models import Site

from .factories import (
    AdminFactory,
    AssociationFactory,
    CompetitionFactory,
    QuestionCategoryFactory,
    QuestionFactory,
    ReportFactory,
    SiteFactory,
)

CITY, DISTRICT, REVIEWER, OFFICER = (
    "city_admin",
    "district_admin",
    "reviewer",
    "association_officer",
)
ROLES = (CITY, DISTRICT, REVIEWER, OFFICER)
ALL = frozenset(ROLES)
MANAGERS = frozenset({CITY, DISTRICT})
MODERATORS = frozenset({CITY, DISTRICT, REVIEWER})
EDITORS = frozenset({CITY, DISTRICT, OFFICER})

# (methods, rule) -> (roles allowed, kind of object in the path or None).
# Kinds: the object the path names; "fresh-*" kinds make a new object per request (the request
# deletes it); "session" logs in anew so that logging out ends only that session.
POLICY = {
    # The admin's own account and session.
    ("GET", "/api/v1/admin/me"): (ALL, None),
    ("POST", "/api/v1/admin/me/totp"): (ALL, None),
    ("POST", "/api/v1/admin/me/totp/confirm"): (ALL, None),
    ("POST", "/api/v1/admin/me/totp/disable"): (ALL, None),
    ("POST", "/api/v1/admin/auth/logout"): (ALL, "session"),
    # Admin accounts: city admins everyone; district admins their district's reviewers/officers.
    ("GET", "/api/v1/admin/admins"): (MANAGERS, None),
    ("POST", "/api/v1/admin/admins"): (MANAGERS, None),
    ("GET", "/api/v1/admin/admins/<int:admin_id>"): (MANAGERS, "admin"),
    ("PATCH", "/api/v1/admin/admins/<int:admin_id>"): (MANAGERS, "admin"),
    # The directory.
    ("GET", "/api/v1/admin/associations"): (ALL, None),
    ("POST", "/api/v1/admin/associations"): (MANAGERS, None),
    ("GET", "/api/v1/admin/associations/<int:association_id>"): (ALL, "association"),
    ("PATCH", "/api/v1/admin/associations/<int:association_id>"): (EDITORS, "association"),
    # Audit log and statistics.
    ("GET", "/api/v1/admin/audit"): (MANAGERS, None),
    ("GET", "/api/v1/admin/stats"): (ALL, None),
    ("GET", "/api/v1/admin/stats/export"): (ALL, None),
    # Reports: never for association officers; reviewers read and write internal notes.
    ("GET", "/api/v1/admin/reports"): (MODERATORS, None),
    ("GET", "/api/v1/admin/reports/<public_id>"): (MODERATORS, "report"),
    ("POST", "/api/v1/admin/reports/<public_id>/transition"): (MANAGERS, "report"),
    ("POST", "/api/v1/admin/reports/<public_id>/assign"): (MANAGERS, "report"),
    ("POST", "/api/v1/admin/reports/<public_id>/extend"): (MANAGERS, "report"),
    ("POST", "/api/v1/admin/reports/<public_id>/messages"): (MODERATORS, "report"),
    ("POST", "/api/v1/admin/reports/<public_id>/recuse"): (MODERATORS, "report"),
    ("GET", "/api/v1/admin/reports/<public_id>/attachments/<int:position>"): (
        MODERATORS,
        "attachment",
    ),
    # The question bank is city-wide: managers edit, reviewers read, officers see categories.
    ("GET", "/api/v1/admin/question-categories"): (ALL, None),
    ("POST", "/api/v1/admin/question-categories"): (MANAGERS, None),
    ("PATCH", "/api/v1/admin/question-categories/<int:category_id>"): (MANAGERS, "category"),
    ("DELETE", "/api/v1/admin/question-categories/<int:category_id>"): (
        MANAGERS,
        "fresh-category",
    ),
    ("GET", "/api/v1/admin/questions"): (MODERATORS, None),
    ("POST", "/api/v1/admin/questions"): (MANAGERS, None),
    ("GET", "/api/v1/admin/questions/export"): (MODERATORS, None),
    ("GET", "/api/v1/admin/questions/import-template"): (MANAGERS, None),
    ("POST", "/api/v1/admin/questions/import"): (MANAGERS, None),
    ("GET", "/api/v1/admin/questions/<int:question_id>"): (MODERATORS, "question"),
    ("PATCH", "/api/v1/admin/questions/<int:question_id>"): (MANAGERS, "question"),
    ("DELETE", "/api/v1/admin/questions/<int:question_id>"): (MANAGERS, "fresh-question"),
    # Competitions belong to the narrowest scope holding their audience.
    ("GET", "/api/v1/admin/competitions"): (ALL, None),
    ("POST", "/api/v1/admin/competitions"): (EDITORS, None),
    ("GET", "/api/v1/admin/competitions/<int:competition_id>"): (ALL, "competition"),
    ("PATCH", "/api/v1/admin/competitions/<int:competition_id>"): (EDITORS, "competition"),
    ("DELETE", "/api/v1/admin/competitions/<int:competition_id>"): (
        EDITORS,
        "fresh-competition",
    ),
    ("GET", "/api/v1/admin/competitions/<int:competition_id>/leaderboard"): (ALL, "competition"),
    ("GET", "/api/v1/admin/competitions/<int:competition_id>/results/export"): (
        ALL,
        "competition",
    ),
    # Culture sites: managers manage their district's; officers edit those they host.
    ("GET", "/api/v1/admin/sites"): (ALL, None),
    ("POST", "/api/v1/admin/sites"): (MANAGERS, None),
    ("GET", "/api/v1/admin/sites/import/template"): (MANAGERS, None),
    ("POST", "/api/v1/admin/sites/import"): (MANAGERS, None),
    ("GET", "/api/v1/admin/sites/<int:site_id>"): (ALL, "site"),
    ("PATCH", "/api/v1/admin/sites/<int:site_id>"): (EDITORS, "site"),
    ("DELETE", "/api/v1/admin/sites/<int:site_id>"): (MANAGERS, "fresh-site"),
    ("POST", "/api/v1/admin/sites/<int:site_id>/photos"): (EDITORS, "site"),
    ("DELETE", "/api/v1/admin/sites/<int:site_id>/photos/<int:photo_id>"): (EDITORS, "fresh-photo"),
    ("GET", "/api/v1/admin/sites/<int:site_id>/qrcode"): (ALL, "site"),
    ("POST", "/api/v1/admin/sites/<int:site_id>/qrcode/rotate"): (MANAGERS, "site"),
    # Console pages.
    ("GET", "/console/"): (ALL, None),
    ("GET", "/console/profile"): (ALL, None),
    ("POST", "/console/profile"): (ALL, None),
    ("POST", "/console/logout"): (ALL, "session"),
    ("GET", "/console/stats/export"): (ALL, None),
    ("GET", "/console/admins"): (MANAGERS, None),
    ("POST", "/console/admins"): (MANAGERS, None),
    ("POST", "/console/admins/<int:admin_id>/active"): (MANAGERS, "admin"),
    ("GET", "/console/audit"): (MANAGERS, None),
    ("GET", "/console/associations"): (ALL, None),
    ("GET", "/console/associations/new"): (MANAGERS, None),
    ("POST", "/console/associations/new"): (MANAGERS, None),
    ("GET", "/console/associations/<int:association_id>"): (ALL, "association"),
    ("POST", "/console/associations/<int:association_id>"): (ALL, "association"),
    ("GET", "/console/reports"): (MODERATORS, None),
    ("GET", "/console/reports/<public_id>"): (MODERATORS, "report"),
    ("POST", "/console/reports/<public_id>/transition"): (MANAGERS, "report"),
    ("POST", "/console/reports/<public_id>/assign"): (MANAGERS, "report"),
    ("POST", "/console/reports/<public_id>/extend"): (MANAGERS, "report"),
    ("POST", "/console/reports/<public_id>/messages"): (MODERATORS, "report"),
    ("POST", "/console/reports/<public_id>/recuse"): (MODERATORS, "report"),
    ("GET", "/console/reports/<public_id>/attachments/<int:position>"): (MODERATORS, "attachment"),
    ("GET", "/console/questions"): (MODERATORS, None),
    ("GET", "/console/questions/export"): (MODERATORS, None),
    ("GET", "/console/questions/new"): (MANAGERS, None),
    ("POST", "/console/questions/new"): (MANAGERS, None),
    ("GET", "/console/questions/import"): (MANAGERS, None),
    ("POST", "/console/questions/import"): (MANAGERS, None),
    ("GET", "/console/questions/import/template"): (MANAGERS, None),
    ("GET", "/console/questions/<int:question_id>"): (MODERATORS, "question"),
    ("POST", "/console/questions/<int:question_id>"): (MANAGERS, "question"),
    ("GET", "/console/questions/<int:question_id>/delete"): (MANAGERS, "question"),
    ("POST", "/console/questions/<int:question_id>/delete"): (MANAGERS, "fresh-question"),
    ("GET", "/console/questions/categories"): (MODERATORS, None),
    ("POST", "/console/questions/categories"): (MANAGERS, None),
    ("POST", "/console/questions/categories/<int:category_id>"): (MANAGERS, "category"),
    ("POST", "/console/questions/categories/<int:category_id>/delete"): (
        MANAGERS,
        "fresh-category",
    ),
    ("GET", "/console/competitions"): (ALL, None),
    ("GET", "/console/competitions/new"): (EDITORS, None),
    ("POST", "/console/competitions/new"): (EDITORS, None),
    ("GET", "/console/competitions/<int:competition_id>"): (ALL, "competition"),
    ("POST", "/console/competitions/<int:competition_id>"): (EDITORS, "competition"),
    ("GET", "/console/competitions/<int:competition_id>/delete"): (EDITORS, "competition"),
    ("POST", "/console/competitions/<int:competition_id>/delete"): (
        EDITORS,
        "fresh-competition",
    ),
    ("GET", "/console/competitions/<int:competition_id>/results"): (ALL, "competition"),
    ("GET", "/console/competitions/<int:competition_id>/results/export"): (ALL, "competition"),
    ("GET", "/console/sites"): (ALL, None),
    ("GET", "/console/sites/new"): (MANAGERS, None),
    ("POST", "/console/sites/new"): (MANAGERS, None),
    ("GET", "/console/sites/import"): (MANAGERS, None),
    ("POST", "/console/sites/import"): (MANAGERS, None),
    ("GET", "/console/sites/import/template"): (MANAGERS, None),
    ("GET", "/console/sites/<int:site_id>"): (ALL, "site"),
    ("POST", "/console/sites/<int:site_id>"): (EDITORS, "site"),
    ("POST", "/console/sites/<int:site_id>/photos"): (EDITORS, "site"),
    ("POST", "/console/sites/<int:site_id>/photos/<int:photo_id>/delete"): (EDITORS, "fresh-photo"),
    ("GET", "/console/sites/<int:site_id>/qrcode"): (ALL, "site"),
    ("GET", "/console/sites/<int:site_id>/qrcode/rotate"): (MANAGERS, "site"),
    ("POST", "/console/sites/<int:site_id>/qrcode/rotate"): (MANAGERS, "site"),
    ("GET", "/console/sites/<int:site_id>/delete"): (MANAGERS, "fresh-site"),
    ("POST", "/console/sites/<int:site_id>/delete"): (MANAGERS, "fresh-site"),
}

# Valid bodies for routes whose input is checked before the object is looked up, so that an
# object outside the scope answers 404 rather than a validation error.
BODIES = {
    ("PATCH", "/api/v1/admin/competitions/<int:competition_id>"): {"description": "说明"},
    ("POST", "/api/v1/admin/reports/<public_id>/assign"): {"admin_id": None},
    ("POST", "/api/v1/admin/reports/<public_id>/extend"): {
        "deadline": "accept",
        "workdays": 1,
        "reason": "需进一步核实",
    },
    ("POST", "/api/v1/admin/reports/<public_id>/messages"): {"body": "备注", "internal": True},
    ("POST", "/api/v1/admin/reports/<public_id>/recuse"): {"reason": "本人系该协会会员"},
    ("POST", "/api/v1/admin/reports/<public_id>/transition"): {"to": "accepted"},
}
MULTIPART = {("POST", "/api/v1/admin/sites/<int:site_id>/photos")}

# Routes anyone may reach: the login forms.
PUBLIC = {
    ("POST", "/api/v1/admin/auth/login"),
    ("GET", "/console/login"),
    ("POST", "/console/login"),
}


def _routes(app):
    """(method, rule) of every admin API route and console page in the app."""
    found = set()
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith(("/api/v1/admin", "/console")):
            for method in rule.methods - {"HEAD", "OPTIONS"}:
                found.add((method, rule.rule))
    return found


def test_every_admin_route_and_console_page_is_in_the_matrix(app):
    routes = _routes(app) - PUBLIC
    assert sorted(routes - set(POLICY)) == [], "add these routes to POLICY"
    assert sorted(set(POLICY) - routes) == [], "these POLICY rows name no route"


def _jpeg():
    buffer = io.BytesIO()
    Image.new("RGB", (32, 24), "navy").save(buffer, format="JPEG")
    return buffer.getvalue()


def _upload(client):
    """An upload id for a report's attachment."""
    return client.post(
        "/api/v1/uploads",
        data={"file": (io.BytesIO(_jpeg()), "photo.jpg")},
        content_type="multipart/form-data",
    ).json["upload_id"]


class World:
    """Objects inside the roles' scope (椒江区, the officer's association) and outside it."""

    def __init__(self, app, client):
        self.app = app
        with app.app_context():
            self.association = {
                True: AssociationFactory(district="331002").id,
                False: AssociationFactory(district="331003").id,
            }
            self.report = {
                inside: ReportFactory(
                    association=db.session.get(Association, self.association[inside]),
                    upload_ids=[upload_id],
                )[0].public_id
                for inside, upload_id in ((True, _upload(client)), (False, _upload(client)))
            }
            self.admin = {
                True: AdminFactory(role=REVIEWER, district_code="331002").id,
                False: AdminFactory(role=REVIEWER, district_code="331003").id,
            }
            self.site = {
                True: SiteFactory(district="331002", association_id=self.association[True]).id,
                False: SiteFactory(district="331003", lat=28.65, lng=121.26).id,
            }
            category = QuestionCategoryFactory()
            self.category = category.id
            self.question = QuestionFactory(category=category).id
            self.competition = {
                True: self._competition(True).id,
                False: self._competition(False).id,
            }

    def _competition(self, inside):
        """A competition owned by the officer's association (in 椒江区), or one for 黄岩区."""
        if inside:
            association = self.association[True]
            return CompetitionFactory(
                association_ids=[association],
                owner_association_id=association,
                owner_district_code="331002",
            )
        return CompetitionFactory(districts=["331003"], owner_district_code="331003")

    def params(self, kind, inside):
        """Path parameters naming an object of this kind, inside or outside the scope."""
        with self.app.app_context():
            if kind == "report":
                return {"public_id": self.report[inside]}
            if kind == "attachment":
                return {"public_id": self.report[inside], "position": 0}
            if kind == "admin":
                return {"admin_id": self.admin[inside]}
            if kind == "association":
                return {"association_id": self.association[inside]}
            if kind == "site":
                return {"site_id": self.site[inside]}
            if kind == "fresh-site":
                district, lat = ("331002", 28.68) if inside else ("331003", 28.65)
                site = SiteFactory(
                    district=district,
                    lat=lat,
                    association_id=self.association[True] if inside else None,
                )
                return {"site_id": site.id}
            if kind == "fresh-photo":
                site_id = self.site[inside]
                site = db.session.get(Site, site_id)
                photo = photos.store_photo(site, _jpeg(), 10 * 1024 * 1024, len(site.photos))
                db.session.add(photo)
                db.session.commit()
                return {"site_id": site_id, "photo_id": photo.id}
            if kind == "category":
                return {"category_id": self.category}
            if kind == "fresh-category":
                return {"category_id": QuestionCategoryFactory().id}
            if kind == "question":
                return {"question_id": self.question}
            if kind == "fresh-question":
                return {"question_id": QuestionFactory().id}
            if kind == "competition":
                return {"competition_id": self.competition[inside]}
            if kind == "fresh-competition":
                return {"competition_id": self._competition(inside).id}
        raise AssertionError(f"unknown kind {kind}")


def _url(rule, params):
    return re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(params[m.group(1)]), rule)


SCOPES = {
    CITY: {},
    DISTRICT: {"district_code": "331002"},
    REVIEWER: {"district_code": "331002"},
}


def _expected_ok(status):
    return status not in (401, 403, 404) and status < 500


@pytest.mark.parametrize(("method", "rule"), sorted(POLICY))
def test_route_answers_each_role_as_the_policy_says(app, client, method, rule):
    allowed, kind = POLICY[(method, rule)]
    world = World(app, client)
    console = rule.startswith("/console")
    password = "correct-horse-42"
    with app.app_context():
        scopes = {**SCOPES, OFFICER: {"association_id": world.association[True]}}
        accounts = {role: AdminFactory(role=role, **scopes[role]).username for role in ROLES}

    def signed_in(role):
        """A client and headers for the role: a console session or a bearer token."""
        session = app.test_client()
        if console:
            page = session.get("/console/login")
            token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page.get_data(as_text=True))
            session.post(
                "/console/login",
                data={
                    "username": accounts[role],
                    "password": password,
                    "csrf_token": token.group(1),
                },
            )
            dashboard = session.get("/console/").get_data(as_text=True)
            csrf = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', dashboard).group(1)
            return session, {}, {"csrf_token": csrf}
        login = session.post(
            "/api/v1/admin/auth/login", json={"username": accounts[role], "password": password}
        )
        return session, {"Authorization": f"Bearer {login.json['token']}"}, None

    def send(session, headers, form, url):
        if console:
            if method == "GET":
                return session.get(url)
            return session.post(url, data=form or {})
        if (method, rule) in MULTIPART:
            return session.post(
                url,
                headers=headers,
                data={"file": (io.BytesIO(_jpeg()), "photo.jpg")},
                content_type="multipart/form-data",
            )
        body = BODIES.get((method, rule), {}) if method in ("POST", "PATCH") else None
        return session.open(url, method=method, headers=headers, json=body)

    scopes = (
        (True,)
        if kind in (None, "session", "category", "question", "fresh-category", "fresh-question")
        else (True, False)
    )
    # Nobody logged in.
    url = _url(rule, world.params(kind, True) if kind not in (None, "session") else {})
    anonymous = app.test_client().open(url, method=method)
    if console:
        assert anonymous.status_code in (302, 400), (rule, anonymous.status_code)
        if anonymous.status_code == 302:
            assert "/console/login" in anonymous.headers["Location"]
    else:
        assert anonymous.status_code == 401, (rule, anonymous.status_code)

    for role in ROLES:
        for inside in scopes:
            session, headers, form = signed_in(role)
            params = world.params(kind, inside) if kind not in (None, "session") else {}
            response = send(session, headers, form, _url(rule, params))
            where = f"{method} {rule} as {role} ({'in' if inside else 'out of'} scope)"
            if role not in allowed:
                assert response.status_code == 403, (where, response.status_code)
            elif inside or role == CITY:
                assert _expected_ok(response.status_code), (where, response.status_code)
            else:
                assert response.status_code == 404, (where, response.status_code)
