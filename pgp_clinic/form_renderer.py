"""A form renderer for large forms (issue 12): the widgets a form has most of (inputs, selects
and their options, radio buttons) are built in Python with exactly the HTML of Django's own
widget templates, instead of two or three template includes per option; every other
template is Django's. The consultation page renders ~45 selects with ~275 options and ~60
radio buttons; through templates that took ~60 ms of CPU a request.

tests/test_form_renderer.py renders the consultation page with this renderer and with
Django's and requires the same bytes.
"""

from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field
from crispy_forms.templatetags.crispy_forms_filters import optgroups as crispy_optgroups
from django import forms
from django.conf import settings
from django.forms.renderers import DjangoTemplates
from django.utils import formats
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData, mark_safe

INPUT = "django/forms/widgets/input.html"
SELECT_OPTION = "django/forms/widgets/select_option.html"
RADIO_OPTION = "django/forms/widgets/radio_option.html"
CHECKBOX_OPTION = "django/forms/widgets/checkbox_option.html"  # the same template chain
INPUT_TEMPLATES = {f"django/forms/widgets/{name}.html" for name in (
    "input", "text", "number", "hidden", "email", "url", "password", "date", "datetime",
    "time", "checkbox", "search", "tel")}


def _text(value):
    """{{ value }}: escaped unless already safe."""
    return conditional_escape(value)


def _formatted(value):
    """{{ value|stringformat:'s' }} (an is_safe filter: a safe value stays unescaped)."""
    text = "%s" % (str(value) if isinstance(value, tuple) else value)
    return text if isinstance(value, SafeData) else conditional_escape(text)


def _attrs(attrs):
    """django/forms/widgets/attrs.html."""
    return "".join(
        f" {_text(name)}" if value is True else f' {_text(name)}="{_formatted(value)}"'
        for name, value in attrs.items() if value is not False
    )


def _input(widget):
    """django/forms/widgets/input.html."""
    value = "" if widget["value"] is None else f' value="{_formatted(widget["value"])}"'
    return (f'<input type="{_text(widget["type"])}" name="{_text(widget["name"])}"'
            f'{value}{_attrs(widget["attrs"])}>')


def _option(option):
    """An option as `{% include option.template_name %}` renders it (None: not ours)."""
    if option["template_name"] == SELECT_OPTION:
        return (f'<option value="{_formatted(option["value"])}"{_attrs(option["attrs"])}>'
                f'{_text(option["label"])}</option>\n')
    if option["template_name"] in (RADIO_OPTION, CHECKBOX_OPTION):  # via input_option.html
        html = _input(option)
        if option.get("wrap_label"):
            id_ = option["attrs"].get("id")
            label_for = f' for="{_text(id_)}"' if id_ else ""
            html = f'<label{label_for}>{html} {_text(option["label"])}</label>'
        return html + "\n"
    return None


def _groups(widget, *, group_open, group_close, each):
    """The options in their groups as the select and radio templates loop over them (None
    when an option has a template of its own)."""
    parts = []
    for group, options, _index in widget["optgroups"]:
        if group:
            parts.append(group_open.format(_text(group)))
        for option in options:
            html = _option(option)
            if html is None:
                return None
            parts.append(each.format(html))
        if group:
            parts.append(group_close)
    return "".join(parts)


def _select(widget):
    """django/forms/widgets/select.html (stripped, as the renderer returns it)."""
    options = _groups(widget, group_open='\n  <optgroup label="{}">',
                      group_close="\n  </optgroup>", each="\n  {}")
    if options is None:
        return None
    return f'<select name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>{options}\n</select>'


def _radio(widget):
    """django/forms/widgets/radio.html, i.e. multiple_input.html (stripped)."""
    options = _groups(widget, group_open="\n  <div><label>{}</label>", group_close="\n  </div>",
                      each="<div>\n    {}</div>")
    if options is None:
        return None
    id_, css = widget["attrs"].get("id"), widget["attrs"].get("class")
    return "".join(["<div", f' id="{_text(id_)}"' if id_ else "",
                    f' class="{_text(css)}"' if css else "", ">", options, "\n</div>"])


class FastWidgets(DjangoTemplates):
    """Django's template renderer, with inputs, text areas, selects and radio buttons built
    in Python."""

    def render(self, template_name, context, request=None):
        html = None
        if template_name in INPUT_TEMPLATES:
            html = _input(context["widget"])
        elif template_name == "django/forms/widgets/select.html":
            html = _select(context["widget"])
        elif template_name == "django/forms/widgets/textarea.html":
            widget = context["widget"]
            html = (f'<textarea name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>\n'
                    f'{_text(widget["value"]) if widget["value"] else ""}</textarea>')
        elif template_name == "django/forms/widgets/radio.html":
            html = _radio(context["widget"])
        elif template_name in (RADIO_OPTION, CHECKBOX_OPTION):  # {{ radio.tag }} in a loop
            html = _option({**context["widget"], "template_name": RADIO_OPTION})
        if html is None:
            return super().render(template_name, context, request)
        return html.strip()


FAST_WIDGETS = FastWidgets()


# --- `{{ field|as_crispy_field }}` (crispy-forms' bootstrap5/field.html) in Python ------------
# The consultation page renders ~46 fields through crispy's field template and its four
# includes: ~40 ms of CPU a request at 1M (issue 12). crispy_field() gives the same bytes for
# the case that page uses: no form helper, no label or field class, not a file or multi-value
# widget; anything else goes to crispy-forms itself. The whitespace below is the templates'.

def _value(value):
    """{{ value }} as a template renders it (localized, escaped unless safe)."""
    return conditional_escape(str(formats.localize(value)) if not isinstance(value, str)
                              else value)


def _unlocalized(value):
    """{{ value|unlocalize }}."""
    return conditional_escape(str(formats.localize(value, use_l10n=False)))


def _add_classes(field, classes):
    """{% crispy_field field 'class' '…' %}: the widget's class name and the classes added to
    its attrs (for good: crispy-forms changes the widget too), then the widget's HTML."""
    widget = field.field.widget
    class_name = widget.__class__.__name__.lower()
    class_name = getattr(settings, "CRISPY_CLASS_CONVERTERS", {}).get(class_name, class_name)
    css = widget.attrs.get("class", "")
    if css:
        if css.find(class_name) == -1:
            css += " %s" % class_name
    else:
        css = class_name
    widget.attrs["class"] = css
    for name in classes.split():
        if name not in widget.attrs["class"].split():
            widget.attrs["class"] += " " + name
    return str(field)


def _errors_block(field):
    """bootstrap5/layout/field_errors_block.html."""
    if not field.errors:
        return "\n"
    auto_id = _value(field.auto_id)
    errors = "".join(
        f'\n        <p id="error_{counter}_{auto_id}"><strong>{_value(error)}</strong></p>\n    '
        for counter, error in enumerate(field.errors, 1))
    return (f'\n    <div id="{_value(field.errors.field_id)}_error" class="invalid-feedback">\n    '
            f"{errors}\n    </div>\n\n")


def _help_text(field):
    """bootstrap5/layout/help_text.html."""
    if not field.help_text:
        return "\n"
    id_ = f'id="{_value(field.auto_id)}_helptext" ' if field.auto_id else ""
    return f'\n    \n        <div {id_}class="form-text">{field.help_text}</div>\n    \n\n'


def _help_text_and_errors(field):
    """bootstrap5/layout/help_text_and_errors.html."""
    return f"\n\n\n    {_errors_block(field)}\n\n\n\n    {_help_text(field)}\n\n"


def _choices(field):
    """bootstrap5/layout/radio_checkbox_select.html."""
    invalid = " is-invalid" if field.errors else ""
    name = _value(field.html_name)
    groups = list(crispy_optgroups(field))
    parts = []
    for number, (group, options, _index) in enumerate(groups, 1):
        items = []
        for position, option in enumerate(options, 1):
            errors = ""
            if field.errors and position == len(options) and number == len(groups):
                errors = f"\n            {_errors_block(field)}\n        "
            items.append(
                f'\n      <div class="form-check">\n        <input type="{_value(option["type"])}"'
                f' class="form-check-input{invalid}"  name="{name}"'
                f' value="{_unlocalized(option["value"])}" {_attrs(option["attrs"])}>\n'
                f'        <label for="{_value(option["attrs"].get("id", ""))}" class="form-check-label">'
                f'\n            {_unlocalized(option["label"])}\n        </label>\n        '
                f"{errors}\n     </div>\n    ")
        strong = f"<strong>{_value(group)}</strong>" if group else ""
        parts.append(f"\n    {strong}\n    {''.join(items)}\n    ")
    return f"\n\n\n<div >\n\n    {''.join(parts)}\n\n</div>\n\n{_help_text(field)}\n"


def _crispy_field(field):
    widget = field.field.widget
    if field.is_hidden:
        return f"\n\n\n    {field}\n\n"
    checkbox = isinstance(widget, forms.CheckboxInput)
    multiple = isinstance(widget, forms.CheckboxSelectMultiple)
    radio = isinstance(widget, forms.RadioSelect) and not multiple
    required = field.field.required
    asterisk = '<span class="asteriskField">*</span>' if required else ""
    css = field.css_classes()
    html = ['\n\n\n    \n        <div class="mb-3">\n        \n    ' if checkbox else "\n\n\n    ",
            f'\n    <div id="div_{_value(field.auto_id)}" class="{"form-check" if checkbox else "mb-3"}'
            f'{" " + _value(css) if css else ""}">\n        ']
    if field.label and not checkbox:
        fieldset = field.use_fieldset
        tag = "legend" if fieldset else "label"
        opening = ""
        if fieldset:
            described = field.aria_describedby
            opening = "<fieldset" + (f' aria-describedby="{_value(described)}"' if described
                                     else "") + ">"
        for_ = f'for="{_value(field.id_for_label)}"' if field.id_for_label else ""
        html.append(
            f"\n            {opening}\n            <{tag}\n                {for_} class=\"form-label"
            f'{" requiredField" if required else ""}{" fs-6" if fieldset else ""}">\n'
            f"                {_value(field.label)}{asterisk}\n            </{tag}>\n        ")
    html.append("\n\n        ")
    if multiple or radio:
        html.append(f"\n            {_choices(field)}\n        ")
    html.append("\n\n        ")
    if not (multiple or radio):
        invalid = " is-invalid" if field.errors else ""
        if checkbox:
            html.append(
                f"\n            \n                    \n                        "
                f"{_add_classes(field, 'form-check-input' + invalid)}\n                    \n"
                f'                <label for="{_value(field.id_for_label)}" class="form-check-label'
                f'{" requiredField" if required else ""}">\n                    '
                f"{_value(field.label)}{asterisk}\n                </label>\n                "
                f"{_help_text_and_errors(field)}\n            \n        ")
        else:
            if isinstance(widget, forms.Select):
                control = ("\n                        \n                            "
                           f"{_add_classes(field, 'form-select' + invalid)}"
                           "\n                        \n                    ")
            else:
                control = ("\n                        "
                           f"{_add_classes(field, 'form-control' + invalid)}\n                    ")
            html.append(
                f"\n            \n                \n                    {control}\n                    "
                f"\n                        {_help_text_and_errors(field)}\n                    "
                f"\n                \n            \n        ")
    html.append("\n        ")
    if field.use_fieldset and field.label:
        html.append("</fieldset>")
    html.append("\n    </div>\n    ")
    if checkbox:
        html.append("\n        \n        </div>\n    ")
    html.append("\n\n")
    return "".join(html)


def crispy_field(field):
    """`{{ field|as_crispy_field }}` with the bootstrap5 pack: the same HTML, built in Python
    for the plain case; crispy-forms itself renders the rest."""
    widget = field.field.widget
    if (getattr(field.form, "helper", None) is not None
            or settings.CRISPY_TEMPLATE_PACK != "bootstrap5"
            or isinstance(widget, (forms.FileInput, forms.MultiWidget))
            or hasattr(widget, "widget")):
        return as_crispy_field(field)
    return mark_safe(_crispy_field(field))  # nosec B308 B703 - each value escaped above
