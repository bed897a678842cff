from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Membership, User


class InviteForm(forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    username = forms.CharField(
        label=_("User name"), max_length=150, validators=[User.username_validator],
        help_text=_("She signs in with it. Letters, digits and @ . + - _ only."))
    role = forms.ChoiceField(label=_("Role"), choices=Membership.Role.choices)

    def clean_username(self):
        username = self.cleaned_data["username"].strip()
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("This user name is taken. Choose another."))
        return username


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Membership.Role.choices)


class TwoFactorPolicyForm(forms.Form):
    require_two_factor = forms.BooleanField(
        label=_("Require two-factor sign-in for everyone in the clinic"), required=False)
    reason = forms.CharField(
        label=_("Why it is off"), required=False, max_length=1000, widget=forms.Textarea(
            attrs={"rows": 2}),
        help_text=_("Required when two-factor sign-in is off; kept in the change history."))

    def clean(self):
        data = super().clean()
        if not data.get("require_two_factor") and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Give the reason for turning two-factor sign-in off."))
        return data
