"""The GP exports the seed case's episode as FHIR from her page, with and without her CPR."""

import json

import pytest

from consultations.demo import load_demo

from .test_consultation import CountingPage, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def download(page, tmp_path, name):
    with page.expect_download() as download_info:
        page.get_by_test_id("fhir-export").first.get_by_role("button").click()
    path = tmp_path / name
    download_info.value.save_as(path)
    return download_info.value.suggested_filename, json.loads(path.read_text())


def patients(bundle):
    return [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == "Patient"]


def test_gp_downloads_her_episode_and_chooses_whether_her_cpr_goes_along(page, tmp_path):
    seed = load_demo()
    user = CountingPage(page)
    sign_in(user)
    user.click(page.get_by_role("link", name=seed.full_name).first)
    name, bundle = download(page, tmp_path, "without.json")
    assert name.startswith("fhir-") and name.endswith(".json")
    assert bundle["type"] == "collection"
    assert "identifier" not in patients(bundle)[0]
    page.get_by_label("Medtag hendes CPR-nummer").first.check()
    _name, bundle = download(page, tmp_path, "with.json")
    assert patients(bundle)[0]["identifier"][0]["value"] == seed.cpr
