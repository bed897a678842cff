"""Links by public id (pgp_clinic/links.py) are the addresses reverse() gives, under any
script prefix (a deployment below a path) and in either language."""

import uuid

from django.urls import reverse, set_script_prefix
from django.utils import translation

from pgp_clinic.links import by_public_id


def test_a_link_by_public_id_is_what_reverse_gives():
    for name in ("consultations:patient_detail", "consultations:consultation_detail",
                 "consultations:consultation_edit"):
        for language in ("da", "en"):
            with translation.override(language):
                public_id = uuid.uuid4()
                assert by_public_id(name, public_id) == reverse(name, args=[public_id])
                assert by_public_id(name, str(public_id)) == reverse(name, args=[public_id])


def test_a_link_follows_the_script_prefix():
    public_id = uuid.uuid4()
    try:
        set_script_prefix("/clinic/")
        assert by_public_id("consultations:patient_detail", public_id) == (
            f"/clinic/patients/{public_id}/")
    finally:
        set_script_prefix("/")
    assert by_public_id("consultations:patient_detail", public_id) == f"/patients/{public_id}/"
