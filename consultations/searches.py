"""Search text kept out of the address bar (ASVS 14.2.1: no patient data in URLs).

A name or CPR number typed into a search box is posted, kept in the user's session under
a random token, and the list's address carries only that token. Server logs, proxies and
browser history then never hold a CPR number or a name.
"""

import secrets

SESSION_KEY = "patient_searches"
KEEP = 20  # the last searches of this session that back/next links may still refer to


def remember(session, text):
    """Store the text and return its token (the same text gets a fresh token)."""
    searches = dict(session.get(SESSION_KEY, {}))
    token = secrets.token_urlsafe(9)
    searches[token] = text
    session[SESSION_KEY] = dict(list(searches.items())[-KEEP:])
    return token


def recall(session, token):
    """The text stored under the token, or None when it is unknown or has been dropped."""
    return session.get(SESSION_KEY, {}).get(token)
