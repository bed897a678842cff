"""The ASLR score options follow the user's language (issue 15: they stayed Danish in English,
their labels having been fixed when the module was imported)."""

from django.utils import translation

from assessments.forms import PelvicTestForm


def _aslr_options(language):
    with translation.override(language):
        form = PelvicTestForm(prefix="test")
        return [str(label) for _value, label in form.fields["aslr_left"].choices]


def test_aslr_options_are_in_english_in_english_and_danish_in_danish():
    english, danish = _aslr_options("en"), _aslr_options("da")
    assert english[1] == "0 – Not difficult at all"
    assert danish[1] == "0 – Slet ikke vanskeligt"
    assert len(english) == len(danish) == 7  # "–" and the scores 0 to 5
