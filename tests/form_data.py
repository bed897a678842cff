"""What a browser would send for a rendered form: the successful controls of the HTML.

Used by the round-trip tests to re-save a page exactly as it was shown, without typing
anything: text inputs and hidden inputs send their value, checked checkboxes and radios
theirs ("on" when they have none), a select its selected options (the first option when none
is selected), a textarea its text (less the one newline after the tag). Disabled controls,
buttons and the contents of <template> are not sent.
"""

from html.parser import HTMLParser

from django.http import QueryDict
from django.utils.datastructures import MultiValueDict


class _FormParser(HTMLParser):
    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.in_form = form_id is None
        self.template_depth = 0
        self.data = MultiValueDict()
        self.select = None  # (name, [selected values], first value) while inside a <select>
        self.option = None  # attributes of the open <option>, and its text
        self.textarea = None  # (name, [text parts])

    def _belongs(self, attrs):
        if self.template_depth or "disabled" in attrs or "name" not in attrs:
            return False
        owner = attrs.get("form")
        return owner == self.form_id if owner and self.form_id else self.in_form

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "template":
            self.template_depth += 1
        elif tag == "form" and self.form_id is not None and attrs.get("id") == self.form_id:
            self.in_form = True
        elif tag == "input" and self._belongs(attrs):
            kind = (attrs.get("type") or "text").lower()
            if kind in {"submit", "button", "image", "reset", "file"}:
                return
            if kind in {"checkbox", "radio"} and "checked" not in attrs:
                return
            default = "on" if kind in {"checkbox", "radio"} else ""
            self.data.appendlist(attrs["name"], attrs.get("value") or default)
        elif tag == "select" and self._belongs(attrs):
            self.select = (attrs["name"], [], None, "multiple" in attrs)
        elif tag == "option" and self.select is not None:
            self.option = (attrs, [])
        elif tag == "textarea" and self._belongs(attrs):
            self.textarea = (attrs["name"], [])

    def handle_endtag(self, tag):
        if tag == "template":
            self.template_depth -= 1
        elif tag == "form" and self.form_id is not None and self.in_form:
            self.in_form = False
        elif tag == "option" and self.option is not None:
            self._close_option()
        elif tag == "select" and self.select is not None:
            if self.option is not None:
                self._close_option()
            name, selected, first, multiple = self.select
            if not selected and first is not None and not multiple:
                selected = [first]
            for value in selected:
                self.data.appendlist(name, value)
            self.select = None
        elif tag == "textarea" and self.textarea is not None:
            name, parts = self.textarea
            text = "".join(parts)
            self.data.appendlist(name, text[1:] if text.startswith("\n") else text)
            self.textarea = None

    def _close_option(self):
        attrs, text = self.option
        value = attrs["value"] if "value" in attrs else "".join(text).strip()
        name, selected, first, multiple = self.select
        if "disabled" not in attrs:
            if "selected" in attrs:
                selected.append(value)
            if first is None:
                first = value
        self.select = (name, selected, first, multiple)
        self.option = None

    def handle_data(self, data):
        if self.option is not None:
            self.option[1].append(data)
        elif self.textarea is not None:
            self.textarea[1].append(data)


def form_data(html, form_id=None):
    """The controls a browser would submit from the HTML (of the form with that id)."""
    parser = _FormParser(form_id)
    parser.feed(html)
    parser.close()
    query = QueryDict(mutable=True)
    for name, values in parser.data.lists():
        query.setlist(name, values)
    return query


def data_of(*forms):
    """What a browser would send for these unbound forms or formsets as they render."""
    return form_data("".join(str(form) for form in forms))


def post_data(query):
    """The QueryDict as the test client's POST data (every value of every name)."""
    return dict(query.lists())
