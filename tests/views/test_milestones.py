import pytest
from django.urls import reverse

from guidelines.models import Milestone

SLUG = "iscm-guidelines"


def url(name):
    return reverse(f"guidelines:{name}", kwargs={"slug": SLUG})


@pytest.mark.django_db
def test_secretariat_creates_a_milestone_and_names_are_unique(client_for):
    client = client_for("secretariat")
    page = client.get(url("milestones")).content.decode()
    assert 'for="id_name">Name<' in page and 'for="id_description">Description<' in page
    assert ">Create milestone</button>" in page
    response = client.post(url("milestone_new"), {"name": "Draft 2", "description": "For SWG"})
    assert response.status_code == 302
    again = client.post(url("milestone_new"), {"name": "Draft 2"})
    assert again.status_code == 400 and "already has that name" in again.content.decode()
    assert Milestone.objects.filter(name="Draft 2").count() == 1


@pytest.mark.django_db
def test_members_cannot_create_milestones(client_for):
    assert client_for("member").post(url("milestone_new"), {"name": "X"}).status_code == 403
    assert (
        ">Create milestone</button>"
        not in client_for("member").get(url("milestones")).content.decode()
    )


@pytest.mark.django_db
def test_compare_the_demo_milestone_with_the_current_text(client_for):
    html = client_for("observer").get(url("document_compare")).content.decode()
    # The demo accepted a proposal on the Management Summary after the milestone.
    assert "What changed, by chapter" in html and "Management Summary" in html
    assert '<ins data-by="">goods are loaded</ins>' in html
