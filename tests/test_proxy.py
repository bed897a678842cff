"""The client's address behind a reverse proxy (issue 14.4): X-Forwarded-For counts only from
a trusted proxy, and then the lockout, the security log and the access log see the client."""

import json
import logging
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.test import Client, RequestFactory
from django.test.client import ClientHandler
from django.urls import reverse
from gunicorn.config import Config

from clinics.models import SignInFailure
from pgp_clinic.gunicorn_logging import JsonLogger
from pgp_clinic.proxy import client_address, parse_networks

from .factories import PASSWORD

PROXIES = parse_networks(["10.0.0.2", "192.168.10.0/24"])


@pytest.mark.parametrize(("peer", "forwarded", "hops", "expected"), [
    ("203.0.113.5", "198.51.100.7", 1, "203.0.113.5"),  # spoofed by a client: ignored
    ("10.0.0.2", "198.51.100.7", 1, "198.51.100.7"),  # through the proxy
    ("10.0.0.2", "6.6.6.6, 198.51.100.7", 1, "198.51.100.7"),  # what the client wrote: ignored
    ("10.0.0.2", "198.51.100.7, 192.168.10.4", 1, "192.168.10.4"),  # one hop trusted only
    ("10.0.0.2", "198.51.100.7, 192.168.10.4", 2, "198.51.100.7"),  # two proxies in a row
    ("10.0.0.2", "6.6.6.6, 198.51.100.7, 192.168.10.4", 2, "198.51.100.7"),
    ("10.0.0.2", "198.51.100.7, 203.0.113.9", 2, "203.0.113.9"),  # a client does not vouch
    ("10.0.0.2", "", 1, "10.0.0.2"),  # nothing forwarded: the proxy itself
    ("10.0.0.2", "not-an-address", 1, "10.0.0.2"),
    ("2001:db8::1", "198.51.100.7", 1, "2001:db8::1"),
])
def test_client_address_rules(peer, forwarded, hops, expected):
    assert client_address(peer, forwarded, PROXIES, hops) == expected


def test_bad_trusted_proxy_setting_is_refused():
    with pytest.raises(ValueError, match="10.0.0.300"):
        parse_networks(["10.0.0.1", "10.0.0.300"])


def sign_in(client, password, peer, forwarded=None):
    headers = {"accept-language": "en"}
    if forwarded:
        headers["x-forwarded-for"] = forwarded
    return client.post(reverse("login"), {"username": "alice", "password": password},
                       REMOTE_ADDR=peer, headers=headers)


@pytest.fixture
def behind_proxy(settings):
    settings.TRUSTED_PROXIES = PROXIES
    settings.PROXY_HOPS = 1


@pytest.fixture
def events(caplog):
    caplog.set_level(logging.INFO, logger="pgp.security")
    return lambda: [json.loads(r.getMessage()) for r in caplog.records if r.name == "pgp.security"]


def test_through_a_trusted_proxy_lockout_and_security_log_see_the_client(behind_proxy, alice,
                                                                         events):
    for _ in range(5):
        sign_in(Client(), "wrong", peer="10.0.0.2", forwarded="198.51.100.7")
    assert set(SignInFailure.objects.values_list("address", flat=True)) == {"198.51.100.7"}
    assert {e["address"] for e in events()} == {"198.51.100.7"}
    locked = sign_in(Client(), PASSWORD, peer="10.0.0.2", forwarded="198.51.100.7")
    assert "Too many failed attempts" in locked.content.decode()
    # A colleague coming through the same proxy from another address is not locked out.
    assert sign_in(Client(), PASSWORD, peer="10.0.0.2", forwarded="198.51.100.8").status_code == 302
    assert events()[-1]["event"] == "signed_in" and events()[-1]["address"] == "198.51.100.8"


def test_a_spoofed_header_from_an_untrusted_peer_is_ignored(behind_proxy, alice, events):
    for forged in ("198.51.100.1", "198.51.100.2", "198.51.100.3", "198.51.100.4", "198.51.100.5"):
        sign_in(Client(), "wrong", peer="203.0.113.5", forwarded=forged)
    assert set(SignInFailure.objects.values_list("address", flat=True)) == {"203.0.113.5"}
    # Inventing a new address each time does not escape the lock either.
    locked = sign_in(Client(), PASSWORD, peer="203.0.113.5", forwarded="198.51.100.6")
    assert "Too many failed attempts" in locked.content.decode()
    assert {e["address"] for e in events()} == {"203.0.113.5"}


def test_without_trusted_proxies_the_header_is_ignored(alice, events):
    sign_in(Client(), "wrong", peer="10.0.0.2", forwarded="198.51.100.7")
    assert list(SignInFailure.objects.values_list("address", flat=True)) == ["10.0.0.2"]


def test_an_untrusted_peer_cannot_claim_https(behind_proxy, settings, db):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    spoofed = Client().get(reverse("login"), REMOTE_ADDR="203.0.113.5",
                           headers={"x-forwarded-proto": "https"})
    assert spoofed.wsgi_request.is_secure() is False
    proxied = Client().get(reverse("login"), REMOTE_ADDR="10.0.0.2",
                           headers={"x-forwarded-proto": "https"})
    assert proxied.wsgi_request.is_secure() is True


def _access_line(tmp_path, peer, forwarded):
    """One request through the WSGI app, logged by gunicorn's access logger as configured."""
    environ = RequestFactory()._base_environ(PATH_INFO="/healthz", QUERY_STRING="q=secret",
                                             REQUEST_METHOD="GET", REMOTE_ADDR=peer,
                                             HTTP_X_FORWARDED_FOR=forwarded)
    response = ClientHandler()(environ)  # the WSGI handler, as under gunicorn
    cfg = Config()
    cfg.set("accesslog", str(tmp_path / "access.log"))
    JsonLogger(cfg).access(SimpleNamespace(status=f"{response.status_code} OK", sent=9,
                                           headers=[]), None, environ, timedelta(seconds=0.01))
    return json.loads((tmp_path / "access.log").read_text().splitlines()[-1])


def test_the_access_log_sees_the_client_through_a_trusted_proxy(behind_proxy, db, tmp_path):
    line = _access_line(tmp_path, "10.0.0.2", "198.51.100.7")
    assert line["address"] == "198.51.100.7"
    assert line["path"] == "/healthz" and "secret" not in json.dumps(line)  # no query string
    assert line["status"] == 200 and line["logger"] == "gunicorn.access"


def test_the_access_log_ignores_a_spoofed_header(behind_proxy, db, tmp_path):
    assert _access_line(tmp_path, "203.0.113.5", "198.51.100.7")["address"] == "203.0.113.5"
