"""The client's address behind a reverse proxy (issue 14.4).

A proxy in front (Caddy, a load balancer) is the direct peer of every request; the client's
own address arrives in X-Forwarded-For, which anyone can also send. So the header counts only
when the direct peer is one of PGP_TRUSTED_PROXIES, and then only as far back as
PGP_PROXY_HOPS trusted proxies vouch for: each trusted hop names the one before it, and the
first address not vouched for is the client. With no trusted proxies (the default) the header
is ignored and the peer is the client.

ClientAddressMiddleware writes the result into REMOTE_ADDR, which every reader already uses:
the sign-in lockout and the security log (clinics/security_log.py::client_address) and
gunicorn's access log, which reads the same WSGI environ after the response.
"""

import ipaddress

FORWARDED_FOR = "HTTP_X_FORWARDED_FOR"
FORWARDED_PROTO = "HTTP_X_FORWARDED_PROTO"
PEER = "pgp.peer_address"  # the direct peer, kept in the environ when REMOTE_ADDR is rewritten


def parse_networks(values):
    """Addresses and CIDR blocks ("10.0.0.0/8", "127.0.0.1", "::1") as networks; ValueError names
    the first bad one."""
    networks = []
    for value in values:
        try:
            networks.append(ipaddress.ip_network(value.strip(), strict=False))
        except ValueError:
            raise ValueError(f"not an address or CIDR block: {value!r}") from None
    return tuple(networks)


def _address(text):
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None


def is_trusted(address, networks):
    address = _address(address or "")
    return address is not None and any(address in network for network in networks)


def client_address(peer, forwarded_for, networks, hops):
    """The client's address: the peer, or the address a chain of up to `hops` trusted proxies
    forwarded for (read from the right of X-Forwarded-For, the entries they appended)."""
    chain = [item for item in (forwarded_for or "").split(",") if item.strip()]
    current = peer
    for _hop in range(hops):
        if not chain or not is_trusted(current, networks):
            break
        candidate = _address(chain.pop())
        if candidate is None:  # a trusted proxy never writes garbage: keep what it vouched for
            break
        current = str(candidate)
    return current


class ClientAddressMiddleware:
    """REMOTE_ADDR becomes the client's address by the rules above; from a peer that is not a
    trusted proxy, X-Forwarded-For and X-Forwarded-Proto are dropped so nothing later reads a
    spoofed value (Django's SECURE_PROXY_SSL_HEADER included)."""

    def __init__(self, get_response):
        from django.conf import settings

        self.networks = settings.TRUSTED_PROXIES
        self.hops = settings.PROXY_HOPS
        self.get_response = get_response

    def __call__(self, request):
        meta = request.META
        peer = meta.get("REMOTE_ADDR", "")
        if self.networks:
            if is_trusted(peer, self.networks):
                meta[PEER] = peer
                meta["REMOTE_ADDR"] = client_address(peer, meta.get(FORWARDED_FOR), self.networks,
                                                     self.hops)
            else:
                meta.pop(FORWARDED_FOR, None)
                meta.pop(FORWARDED_PROTO, None)
        return self.get_response(request)
