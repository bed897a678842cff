"""The exercise library and education topics: everyone reads; a clinic admin edits.

Editing a shared entry creates the clinic's own version (same short name), which then
replaces the shared one for that clinic only. Another clinic's entries are a 404.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from clinics.permissions import Action, may

from pgp_clinic.versioning import EditConflict, conflict_for, save_versioned

from .forms import ExerciseForm, TopicForm
from .models import EducationTopic, Exercise

def _visible(model, request):
    """Entries this clinic may open: the shared ones and its own."""
    return model.objects.filter(Q(clinic__isnull=True) | Q(clinic=request.clinic))


def _require_admin(request):
    if not may(request.membership, Action.MANAGE_LIBRARY):
        raise PermissionDenied


@require_safe
def library(request):
    return render(request, "education/library.html", {
        "exercises": Exercise.objects.for_clinic(request.clinic),
        "topics": EducationTopic.objects.for_clinic(request.clinic),
        "can_edit": may(request.membership, Action.MANAGE_LIBRARY),
    })


def exercise_create(request):
    _require_admin(request)
    return _edit(request, ExerciseForm, Exercise(clinic=request.clinic), "exercise")


def exercise_edit(request, pk):
    _require_admin(request)
    exercise = get_object_or_404(_visible(Exercise, request), pk=pk)
    return _edit(request, ExerciseForm, _clinic_version(exercise, request.clinic), "exercise")


def topic_edit(request, pk):
    _require_admin(request)
    topic = get_object_or_404(_visible(EducationTopic, request), pk=pk)
    return _edit(request, TopicForm, _clinic_version(topic, request.clinic), "topic")


def _clinic_version(entry, clinic):
    """The clinic's own row for this entry: itself, or an unsaved copy of the shared one."""
    if entry.clinic_id == clinic.pk:
        return entry
    own = type(entry).objects.filter(clinic=clinic, slug=entry.slug).first()
    if own:
        return own
    entry.pk, entry.id, entry.clinic = None, None, clinic
    entry.version = 0  # the clinic's version not made yet: a copy made meanwhile is newer
    entry._state.adding = True
    return entry


def _edit(request, form_class, instance, kind):
    form = form_class(request.POST or None, instance=instance)
    context = {"form": form, "kind": kind, "entry": instance}
    if request.method == "POST" and form.is_valid():
        try:
            _save(form, request.clinic)
        except EditConflict as stale:
            saved = form_class(instance=stale.current)
            context["conflict"] = conflict_for(form, stale.current, saved)
            return render(request, "education/entry_form.html", context, status=409)
        messages.success(request, _("Saved for your clinic."))
        return redirect("education:library")
    return render(request, "education/entry_form.html", context)


@transaction.atomic
def _save(form, clinic):
    """Save under the next version. A clinic's first version of a shared entry is a conflict
    when another administrator made one meanwhile (same short name)."""
    entry = form.instance
    if entry._state.adding and entry.slug:
        made = type(entry).objects.select_for_update().filter(clinic=clinic, slug=entry.slug)
        if made.exists():
            raise EditConflict(made.get())
    if not entry.slug:
        entry.slug = _free_slug(type(entry), clinic, entry.title_da)
    if entry._state.adding:
        entry.version = 1
    return save_versioned(form)


def _free_slug(model, clinic, title):
    base = slugify(title)[:60] or "exercise"
    slug, number = f"clinic-{base}", 2
    while model.objects.filter(Q(clinic=clinic) | Q(clinic__isnull=True), slug=slug).exists():
        slug, number = f"clinic-{base}-{number}", number + 1
    return slug
