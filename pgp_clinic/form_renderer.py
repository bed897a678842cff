"""A form renderer for large forms (issue 12): the widgets a form has most of (inputs, selects
and their options, radio buttons) are built in Python with exactly the HTML of Django's own
widget templates, instead of two or three template includes per option; every other
template is Django's. The consultation page renders ~45 selects with ~275 options and ~60
radio buttons; through templates that took ~60 ms of CPU a request.

tests/test_form_renderer.py renders the consultation page with this renderer and with
Django's and requires the same bytes.
"""

from django.forms.renderers import DjangoTemplates
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData

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
