"""Where a page's time goes, in process (issue 12): each benched page requested N times through
the whole middleware by Django's test client, under cProfile, against a bench database
(production settings: DEBUG off, the cached template loader, the manifest static storage).

Run inside `manage.py shell` with the bench cluster's DATABASE_URL (see bench_load.py), e.g.

    DATABASE_URL=postgres://postgres@127.0.0.1:PORT/bench DJANGO_DEBUG=0 ... \\
      .venv/bin/python manage.py shell -c "from scripts.bench_profile import main; main()"

PGP_PROFILE_PAGES (comma-separated) picks the pages, PGP_PROFILE_N the requests per page,
PGP_PROFILE_TOP the lines printed. Prints per page the CPU milliseconds per request, the
queries per request, the CPU milliseconds the PostgreSQL backend spent per request (when it
runs on this machine: read from /proc) and the functions with most time, by own time and
cumulative. "frame" is the floor plus base.html (the page frame every page renders).
"""

import cProfile
import io
import os
import pstats
import re
import time

from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from scripts.bench_targets import targets

RADIO = re.compile(r'<input[^>]*type="radio"[^>]*>')


def _signed_in():
    """The bench's targets and a test client signed in as its first user."""
    from clinics.models import User

    target = targets(1)
    client = Client(SERVER_NAME="127.0.0.1")
    client.force_login(User.objects.get(username=target["users"][0]))
    return target, client


def form_data(client, path):
    from tests.form_data import _FormParser

    html = client.get(path).content.decode()
    parser = _FormParser("consultation-form")
    parser.feed(html)
    data = dict(parser.data.lists())
    for tag in RADIO.findall(html):
        name, value = re.search(r'name="([^"]+)"', tag), re.search(r'value="([^"]+)"', tag)
        if name and value and value.group(1) == "absent":
            data[name.group(1)] = "absent"
    return data


def requests_for(page, client, target, i):
    """A callable doing one request of the page (prepared outside the timing)."""
    pick = target["patients"][i % len(target["patients"])]
    simple = {
        "floor": "/bench/floor/", "frame": "/bench/frame/", "dashboard": "/", "patient_list": "/patients/",
        "patient_list_deep": target["deep_list"], "patient": f"/patients/{pick}/",
        "consultation": f"/consultations/{target['consultations'][i % len(target['consultations'])]}/",
        "progress": f"/patients/{pick}/progress/",
    }
    if page in simple:
        return lambda: client.get(simple[page])
    if page in ("search_cpr", "search_name"):
        texts = target["cprs"] if page == "search_cpr" else target["names"]
        text = texts[i % len(texts)]

        def search():
            response = client.post("/patients/", {"q": text})
            return client.get(response["Location"])
        return search
    if page == "draft_form":  # the form page the draft-save phase loads before its POST
        return lambda: client.get(f"/patients/{pick}/consultations/new/")
    if page in ("draft_save", "sign", "sign_form"):
        path = f"/patients/{pick}/consultations/new/"
        data = form_data(client, path)
        data["action"] = "save"
        if page == "draft_save":
            return lambda: client.post(path, data)
        saved = client.post(path, data)["Location"]  # a draft of its own to sign
        if page == "sign_form":  # the draft's page the sign phase loads before its POST
            return lambda: client.get(saved)
        data = form_data(client, saved)
        data["action"] = "sign"
        return lambda: client.post(saved, data)
    raise ValueError(page)


# Where the time goes, by the functions that own it (cumulative; the buckets overlap).
BUCKETS = {
    "view": ("/core/handlers/base.py", "_get_response"),
    "render": ("django/template/backends/django.py", "render"),
    "sql compile": ("django/db/models/sql/compiler.py", "as_sql"),
    "sql execute": ("django/db/backends/utils.py", "_execute"),
    "model init": ("django/db/models/base.py", "from_db"),
    "crispy": ("crispy_forms/templatetags/crispy_forms_filters.py", "as_crispy_form"),
    "crispy tag": ("crispy_forms/templatetags/crispy_forms_tags.py", "render"),
    "gettext": ("django/utils/translation/trans_real.py", "gettext"),
    "form init": ("django/forms/forms.py", "__init__"),
    "session save": ("django/contrib/sessions/backends/db.py", "save"),
    "session load": ("django/contrib/sessions/backends/db.py", "load"),
    "user": ("django/contrib/auth/middleware.py", "get_user"),
    "clinic mw": ("clinics/middleware.py", "__call__"),
    "access log": ("consultations/access.py", "log_access"),
    "csp": ("django/middleware/csp.py", "process_response"),
    "decrypt": ("consultations/cpr_crypto.py", "decrypt"),
}


def _database_cpu():
    """CPU seconds the PostgreSQL backend serving this connection has used so far, or None
    where its process cannot be read (a server on another machine): the database's share of a
    request, which the app's CPU figure leaves out."""
    connection.ensure_connection()
    pid = connection.connection.info.backend_pid
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


def buckets(stats, n):
    found = {}
    for (filename, _line, function), (_cc, _nc, _tt, cumulative, _callers) in stats.stats.items():
        for name, (path, func) in BUCKETS.items():
            if filename.endswith(path) and function == func:
                found[name] = max(found.get(name, 0), cumulative * 1000 / n)
    return {name: found[name] for name in BUCKETS if name in found}


PAGES = ("floor", "frame", "dashboard", "patient_list", "patient_list_deep", "patient",
         "consultation", "progress", "search_cpr", "search_name", "draft_form", "draft_save",
         "sign_form", "sign")


def main():
    n = int(os.environ.get("PGP_PROFILE_N", "40"))
    top = int(os.environ.get("PGP_PROFILE_TOP", "25"))
    pages = os.environ.get("PGP_PROFILE_PAGES", ",".join(PAGES)).split(",")
    target, client = _signed_in()
    summary = []
    for page in pages:
        # Writes are rolled back, so the data stays as built.
        with transaction.atomic():
            for call in [requests_for(page, client, target, i) for i in range(3)]:
                call()  # warm: caches, templates
            # Fresh requests for each round (a sign needs a draft not yet signed).
            calls = [requests_for(page, client, target, i) for i in range(n)]
            database = _database_cpu()
            started = time.process_time()  # unprofiled
            for call in calls:
                call()
            bare = (time.process_time() - started) / n * 1000
            if database is not None:
                database = (_database_cpu() - database) / n * 1000
            calls = [requests_for(page, client, target, i) for i in range(n)]
            profile = cProfile.Profile()
            with CaptureQueriesContext(connection) as queries:
                started = time.process_time()
                profile.enable()
                for call in calls:
                    response = call()
                    assert response.status_code in (200, 302), (page, response.status_code)
                profile.disable()
                cpu = (time.process_time() - started) / n * 1000
            transaction.set_rollback(True)
        summary.append((page, bare, cpu, len(queries) / n, database))
        out = io.StringIO()
        stats = pstats.Stats(profile, stream=out)
        stats.sort_stats("tottime").print_stats(top)
        stats.sort_stats("cumulative").print_stats(top)
        print(f"===== {page}: {cpu:.1f} ms CPU a request (profiled), {len(queries) / n:.1f} queries")
        print("  where (cumulative ms a request, overlapping):", ", ".join(
            f"{name} {ms:.1f}" for name, ms in buckets(stats, n).items()))
        if os.environ.get("PGP_PROFILE_FULL"):
            print(out.getvalue())
    print(f"{'page':20} {'CPU ms':>8} {'profiled':>8} {'queries':>8} {'÷ floor':>8} {'db CPU':>8}")
    floor = summary[0][1] if summary[0][0] == "floor" else None
    for page, bare, cpu, queries, database in summary:
        ratio = f"{bare / floor:8.1f}" if floor else " " * 8
        database = f"{database:8.1f}" if database is not None else ""
        print(f"{page:20} {bare:8.1f} {cpu:8.1f} {queries:8.1f} {ratio} {database}")


def callees(page, pattern, n=20):
    """Print what the functions matching pattern call, by cumulative time (for digging)."""
    target, client = _signed_in()
    with transaction.atomic():
        calls = [requests_for(page, client, target, i) for i in range(n)]
        for call in calls[:3]:
            call()
        profile = cProfile.Profile()
        profile.enable()
        for call in calls:
            call()
        profile.disable()
        transaction.set_rollback(True)
    stats = pstats.Stats(profile)
    stats.sort_stats("cumulative").print_callees(pattern)


def queries(page, i=0):
    """The queries of one request of the page, with their time (for digging)."""
    target, client = _signed_in()
    with transaction.atomic():
        requests_for(page, client, target, i)()  # warm
        call = requests_for(page, client, target, i)  # fresh (a sign needs a new draft)
        with CaptureQueriesContext(connection) as captured:
            call()
        transaction.set_rollback(True)
    for query in captured.captured_queries:
        print(query["time"], query["sql"][:400])
        print()


def compile_times(page, n=20):
    """Milliseconds of SQL compilation a request, per query (top-level as_sql calls)."""
    from django.db.models.sql import compiler as sql_compiler

    original, depth, spent = sql_compiler.SQLCompiler.as_sql, [0], {}

    def timed(self, *args, **kwargs):
        depth[0] += 1
        started = time.process_time()
        try:
            result = original(self, *args, **kwargs)
        finally:
            depth[0] -= 1
        if depth[0] == 0:
            sql = result[0]
            key = f"{len(sql):6} cols {sql.count('", '):3} {sql[sql.find(' FROM '):][:150]}"
            spent[key] = spent.get(key, 0) + time.process_time() - started
        return result

    target, client = _signed_in()
    with transaction.atomic():
        calls = [requests_for(page, client, target, i) for i in range(n)]
        for call in calls[:3]:
            call()
        spent.clear()
        sql_compiler.SQLCompiler.as_sql = timed
        try:
            for call in calls:
                call()
        finally:
            sql_compiler.SQLCompiler.as_sql = original
        transaction.set_rollback(True)
    for key, seconds in sorted(spent.items(), key=lambda kv: -kv[1])[:15]:
        print(f"{seconds * 1000 / n:6.2f} ms  {key}")
    print(f"{sum(spent.values()) * 1000 / n:6.2f} ms in all")


def plan_costs():
    """Every SELECT of every benched page: its highest planner cost, against jit_above_cost
    (docs/performance.md, "Database settings": why the app's connections run with JIT off)."""
    import json

    target, client = _signed_in()
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit_above_cost")
        limit = float(cursor.fetchone()[0])
    print(f"jit_above_cost {limit:.0f}")
    for page in PAGES:
        with transaction.atomic():
            requests_for(page, client, target, 1)()  # warm
            call = requests_for(page, client, target, 2)
            with CaptureQueriesContext(connection) as captured:
                call()
            costs = []
            for query in captured.captured_queries:
                if query["sql"].lstrip().upper().startswith(("SELECT", "WITH")):
                    with connection.cursor() as cursor:
                        cursor.execute("EXPLAIN (FORMAT JSON) " + query["sql"])
                        plan = cursor.fetchone()[0]
                    plan = plan if isinstance(plan, list) else json.loads(plan)
                    costs.append(plan[0]["Plan"]["Total Cost"])
            transaction.set_rollback(True)
        print(f"{page:20} {len(captured.captured_queries):3} queries, highest plan cost "
              f"{max(costs, default=0):8.0f}, {sum(c > limit for c in costs)} over jit_above_cost")
