from django import forms
from django.utils.translation import gettext_lazy as _

from .models import PainActivity


class LinkForm(forms.Form):
    """What her questionnaire asks: the pain contexts, and the PGQ where the clinic loaded its
    licensed wording (otherwise the choice is not there at all)."""

    contexts = forms.MultipleChoiceField(
        label=_("Pain to rate (now and worst in the last week)"), choices=PainActivity.choices,
        widget=forms.CheckboxSelectMultiple,
        initial=[PainActivity.TURNING_IN_BED, PainActivity.WALKING],
        error_messages={"required": _("Choose at least one situation for her to rate.")})
    include_pgq = forms.BooleanField(label=_("Include the Pelvic Girdle Questionnaire"),
                                     required=False)

    def __init__(self, *args, pgq_offered, **kwargs):
        super().__init__(*args, **kwargs)
        if not pgq_offered:
            del self.fields["include_pgq"]
