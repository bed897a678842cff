"""Hot fixed queries built once per process (issue 12).

Building a QuerySet and compiling it to SQL costs Django 1–3 ms of CPU for the pages' larger
queries (a visit with its clinic and clinician, two red-flag subqueries, the visibility join),
more than PostgreSQL then needs to answer them, and it is the same SQL on every request with
only the ids changed. A PreparedQuery builds and compiles its QuerySet once per process with
stand-in values, notes where each stand-in lands among the SQL parameters, and from then on
runs that SQL with the request's values: the rows, their related objects (select_related),
annotations, deferred columns and prefetches come back exactly as from the QuerySet itself
(Django's own ModelIterable and prefetch_related_objects read them).

Rules for a `build` function: every value that varies arrives as a keyword argument (an id, a
UUID, a string, a date or an aware datetime) and reaches the SQL unchanged as one parameter (a
filter's right-hand side: never wrapped, as `icontains` would, or computed from, as a
`timezone.now()` inside `build` would be frozen); the shape of the query (which filters,
which joins) must not depend on the values: a different shape is a different PreparedQuery.
Where a stand-in does not come through unchanged (a wrapped value, or a database that takes
it in another form, e.g. SQLite's datetimes for `make run`), the query is not prepared: it is
built for each call as before (`prepared` is False, `reason` says why;
tests/test_prepared.py asserts that every prepared query of the app is prepared on
PostgreSQL), never run with a value in the wrong place.
"""

import datetime
import uuid

from django.db import connections
from django.db.models import Exists, OuterRef, Prefetch, prefetch_related_objects
from django.db.models.query import FlatValuesListIterable, ModelIterable, ValuesListIterable

_STAND_IN_BASE = -1_987_654_300  # fits a 32-bit integer column; never a real id


def _stand_in(index, kind):
    if kind is int:
        return _STAND_IN_BASE - index
    if kind is uuid.UUID:
        return uuid.UUID(int=0x5EED_0000_0000 + index)
    if kind is str:
        return f"\x1fstand-in-{index}\x1f"
    if kind is datetime.datetime:
        return datetime.datetime(1901, 2, 3, 4, 5, index, 678_901, tzinfo=datetime.UTC)
    if kind is datetime.date:
        return datetime.date(1901, 3, 4) + datetime.timedelta(days=index)
    raise TypeError(f"a prepared query takes ids, UUIDs, strings, dates or datetimes, not {kind}")


def _same(value):
    return value


def _hex(value):
    return value.hex


# How a value of each kind may reach the parameters: unchanged, or a UUID as its hex string
# (databases without a native UUID type, e.g. SQLite for `make run`).
_FORMS = {int: (_same,), str: (_same,), uuid.UUID: (_same, _hex), datetime.datetime: (_same,),
          datetime.date: (_same,)}
ALL = []  # every PreparedQuery made (tests/test_prepared.py checks them all)


class PreparedQuery:
    """`build(**values)` returns the QuerySet; `kinds` names each value's type (int, UUID,
    str, date or datetime); `unused` names values this shape may leave out of its SQL.
    `prepared.list(**values)` runs it."""

    def __init__(self, build, unused=(), register=True, **kinds):
        self.build, self.kinds, self.unused = build, kinds, set(unused)
        self._ready, self.reason = None, ""
        if register:
            ALL.append(self)

    @property
    def prepared(self):
        """Prepared, and so is every prefetch it can prepare (_Children)."""
        ready = self._ready or self._prepare()
        return ready is not _UNPREPARED and all(
            child.query.prepared for _lookup, child in ready[-1] if child is not None)

    def _prepare(self):
        stand_ins = {name: _stand_in(i, kind) for i, (name, kind) in enumerate(self.kinds.items())}
        queryset = self.build(**stand_ins)
        compiler = queryset.query.get_compiler(using=queryset.db)
        sql, params = compiler.as_sql()  # also sets up compiler.select, klass_info, …
        places = {}  # position -> (name, as the database takes it)
        for position, param in enumerate(params):
            for name, stand_in in stand_ins.items():
                for as_db in _FORMS[self.kinds[name]]:
                    if type(param) is type(as_db(stand_in)) and param == as_db(stand_in):
                        places[position] = (name, as_db)
        missing = set(stand_ins) - self.unused - {name for name, _as_db in places.values()}
        texts = [str(stand_in) for stand_in in stand_ins.values() if not isinstance(stand_in, int)]
        wrapped = [param for position, param in enumerate(params) if position not in places
                   and isinstance(param, str) and any(text in param for text in texts)]
        if queryset._iterable_class not in _ITERABLES:
            self.reason = f"{queryset._iterable_class.__name__} rows are not prepared"
            self._ready = _UNPREPARED
        elif missing or wrapped:
            self.reason = f"{sorted(missing)} do not reach the SQL unchanged, {wrapped} wrapped"
            self._ready = _UNPREPARED
        else:
            children = [(lookup, _Children.of(self, queryset, index))
                        for index, lookup in enumerate(queryset._prefetch_related_lookups)]
            self._ready = (queryset, compiler, sql, list(params), places, children)
        return self._ready

    def list(self, **values):
        ready = self._ready or self._prepare()
        if ready is _UNPREPARED:
            return list(self.build(**values))
        queryset, compiler, sql, params, places, children = ready
        params = params.copy()
        for position, (name, as_db) in places.items():
            value, kind = values[name], self.kinds[name]
            params[position] = as_db(value if isinstance(value, kind) else kind(value))
        run = _Compiled(compiler, sql, params)
        objects = list(queryset._iterable_class(_Run(queryset, run)))
        if not objects or not children:
            return objects
        others = []
        for lookup, child in children:
            if child is not None and len(objects) <= child.slots:
                child.fill(objects, values)
            else:
                others.append(lookup)
        if others:
            prefetch_related_objects(objects, *others)
        return objects

    def first(self, **values):
        """The first row or None (the built QuerySet sets its own LIMIT)."""
        rows = self.list(**values)
        return rows[0] if rows else None


_UNPREPARED = object()
_ITERABLES = (ModelIterable, ValuesListIterable, FlatValuesListIterable)  # read the compiler only


def with_any(queryset, *accessors):
    """The queryset with a yes/no per row for each of these reverse relations ("amendments"):
    whether it has any rows at all (an EXISTS each, in the same query). A prepared prefetch of
    such a relation asks only for the parents that have some, and none at all when no parent
    has any: a visit's parts are mostly empty (no amendments, handouts or questionnaires), and
    each query for nothing cost ~0.3 ms of the app's CPU and a round trip to PostgreSQL
    (docs/performance.md, session 5). Unprepared, the prefetches run as before."""
    model = queryset.model
    flags = {}
    for accessor in accessors:
        relation = next(r for r in model._meta.related_objects
                        if r.get_accessor_name() == accessor)
        flags[_flag(accessor)] = Exists(relation.related_model._base_manager.filter(
            **{relation.field.name: OuterRef("pk")}))
    return queryset.annotate(**flags)


def _flag(accessor):
    return f"_any_{accessor}"  # a leading underscore: not a value of the row's own


class _Children:
    """A prefetch by a reverse foreign key ("pain_scores"; a Prefetch with its queryset and
    to_attr; or one forward key further, "amendments__author", read by select_related: the
    same objects in one query), prepared for up to `slots` parents (fewer fill the rest of the
    IN list with the first again); filled in as Django's prefetch_related_objects would (the
    related manager's cache or the to_attr list, each child's key to its parent). The child
    query is built from the parent's own build, so a Prefetch's queryset may use its values."""

    def __init__(self, parent, index, field, to_attr, slots, flag=None):
        self.field, self.to_attr, self.slots, self.flag = field, to_attr, slots, flag
        self.slot_names = [f"parent_{n}" for n in range(slots)]

        def build(**values):
            ids = [values.pop(name) for name in self.slot_names]
            queryset = parent.build(**values)
            lookup = queryset._prefetch_related_lookups[index]
            return _child_queryset(queryset.model, lookup)[1].filter(
                **{f"{field.name}__in": ids})

        build.__qualname__ = f"{parent.build.__qualname__}[{field.remote_field.name}]"
        self.query = PreparedQuery(build, unused=set(parent.kinds), register=False,
                                   **parent.kinds, **dict.fromkeys(self.slot_names, int))

    @classmethod
    def of(cls, parent, queryset, index):
        """For the lookup at `index` of the built queryset if this can prepare it, else None
        (left to prefetch_related_objects)."""
        relation, child_queryset = _child_queryset(queryset.model,
                                                   queryset._prefetch_related_lookups[index])
        if relation is None:
            return None
        lookup = queryset._prefetch_related_lookups[index]
        to_attr = lookup.to_attr if isinstance(lookup, Prefetch) else None
        slots = 1 if queryset.query.high_mark == 1 else PREFETCH_SLOTS
        flag = _flag(relation.get_accessor_name())
        return cls(parent, index, relation.field, to_attr, slots,
                   flag if flag in queryset.query.annotations else None)

    def fill(self, parents, values):
        """Each parent's rows (with_any: a query only for the parents that have some)."""
        some = [parent for parent in parents if getattr(parent, self.flag)] if self.flag \
            else parents
        ids = [parent.pk for parent in some]
        ids += ids[:1] * (self.slots - len(ids))
        rows = self.query.list(**values, **dict(zip(self.slot_names, ids))) if ids else []
        by_parent = {parent.pk: [] for parent in parents}
        for row in rows:
            by_parent[getattr(row, self.field.attname)].append(row)
        for parent in parents:
            found = by_parent[parent.pk]
            for row in found:
                self.field.set_cached_value(row, parent)
            if self.to_attr:
                setattr(parent, self.to_attr, found)
                continue
            manager = getattr(parent, self.field.remote_field.get_accessor_name())
            children = manager.get_queryset()
            children._result_cache, children._prefetch_done = found, True
            if not hasattr(parent, "_prefetched_objects_cache"):
                parent._prefetched_objects_cache = {}
            parent._prefetched_objects_cache[self.field.remote_field.cache_name] = children


PREFETCH_SLOTS = 30  # parents a prepared prefetch takes at once (a page: 26 women, ~10 visits)


def _child_queryset(model, lookup):
    """(the reverse relation, the children's queryset) of a prefetch lookup that _Children
    can prepare, else (None, None)."""
    name, queryset = (lookup.prefetch_through, lookup.queryset) if isinstance(
        lookup, Prefetch) else (lookup, None)
    if isinstance(lookup, Prefetch) and lookup.prefetch_to != (
            f"{name}" if not lookup.to_attr else lookup.to_attr):
        return None, None
    first, _sep, rest = name.partition("__")
    relation = next((r for r in model._meta.related_objects
                     if r.get_accessor_name() == first), None)
    if (relation is None or not relation.one_to_many or "__" in rest
            or not relation.field.target_field.primary_key):
        return None, None
    child = relation.related_model
    queryset = queryset if queryset is not None else child._default_manager.all()
    if queryset.query.is_sliced or queryset._prefetch_related_lookups:
        return None, None
    if rest:
        step = child._meta.get_field(rest)
        if not (step.many_to_one or step.one_to_one) or not step.concrete:
            return None, None
        queryset = queryset.select_related(rest)
    return relation, queryset


class _Compiled:
    """A compiler already set up, answering with the stored SQL and this call's parameters,
    on this thread's connection. Its methods run with it as `self`; what setting up the
    query computed (select, klass_info, col_count, …) is read from the compiler."""

    def __init__(self, compiler, sql, params):
        self._compiler, self._sql, self._params = compiler, sql, params
        self.connection = connections[compiler.using]

    def as_sql(self, *args, **kwargs):
        return self._sql, self._params

    def get_converters(self, expressions):
        """The columns' converters, worked out on the first run (they are the query's, not
        the values'; Django's compiler works them out on every run)."""
        cache = self._compiler.__dict__.setdefault("_prepared_converters", {})
        key = tuple(map(id, expressions))  # the compiler's own columns (kept: ids stay unique)
        if key in cache:
            return cache[key][1]
        converters = type(self._compiler).get_converters(self, expressions)
        if len(cache) < 4:  # bounded, whatever else is asked (a composite key's columns)
            cache[key] = (list(expressions), converters)
        return converters

    def __getattr__(self, name):
        method = getattr(type(self._compiler), name, None)
        if callable(method):
            return method.__get__(self)
        return getattr(self._compiler, name)


class _Run:
    """What ModelIterable reads of a QuerySet, with the compiled query in place of building."""

    def __init__(self, queryset, compiler):
        self.db, self.model = queryset.db, queryset.model
        self._fetch_mode = queryset._fetch_mode
        self._known_related_objects = {}
        self.query = _Query(compiler)


class _Query:
    def __init__(self, compiler):
        self._compiler = compiler

    def get_compiler(self, using=None, connection=None, elide_empty=True):
        return self._compiler
