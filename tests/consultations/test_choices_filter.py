"""`{{ row|display:"field" }}` (consultations/templatetags/choices.py) is the row's
get_FIELD_display(), in the request's language, for every choice and for a value that is
not one."""

import pytest
from django.utils import translation

from assessments.models import PainScore, RedFlagAnswer
from consultations.models import Consultation
from consultations.templatetags.choices import display


@pytest.mark.parametrize(("model", "name"), [
    (Consultation, "kind"), (PainScore, "context"), (RedFlagAnswer, "flag")])
@pytest.mark.parametrize("language", ["da", "en"])
def test_the_label_is_the_models_own_display(model, name, language):
    field = model._meta.get_field(name)
    with translation.override(language):
        for value, _label in [*field.flatchoices, ("not-a-choice", None)]:
            row = model(**{field.attname: value})
            assert display(row, name) == getattr(row, f"get_{name}_display")()
