"""The OpenAPI schema at /api/v1/schema/: valid OpenAPI 3, and every path in it answers."""

import re

import pytest
from openapi_spec_validator import validate

from guidelines.models import Milestone, Section
from tests.api.conftest import SLUG, v1


@pytest.mark.django_db
def test_the_schema_is_valid_openapi_and_every_path_answers_200(client_for):
    client = client_for("facilitator")
    response = client.get(v1("schema/"))
    assert response.status_code == 200
    schema = response.json()
    validate(schema)
    assert schema["openapi"].startswith("3.") and schema["info"]["title"] == "ISCM Tracker API"
    assert any(s.get("type") == "http" and s.get("scheme") == "bearer"
               for s in schema["components"]["securitySchemes"].values())  # fmt: skip
    samples = {
        "slug": SLUG,
        "key": Section.objects.filter(document__slug=SLUG, is_deleted=False).first().key,
        "language": "fr",
    }
    paths = list(schema["paths"])
    assert len(paths) >= 8
    for path, operations in schema["paths"].items():
        assert set(operations) == {"get"}, path  # read-only
        url = re.sub(r"\{(\w+)\}", lambda m: samples[m.group(1)], path)
        assert client.get(url).status_code == 200, url
    milestone = Milestone.objects.filter(document__slug=SLUG).first()
    assert client.get(v1(f"documents/{SLUG}/"), {"milestone": milestone.pk}).status_code == 200


@pytest.mark.django_db
def test_every_operation_says_how_it_authenticates_and_what_it_does(client_for):
    schema = client_for("observer").get(v1("schema/")).json()
    for path, operations in schema["paths"].items():
        operation = operations["get"]
        assert operation.get("security"), path  # a session or a token
        assert operation.get("description") or operation.get("summary"), path
