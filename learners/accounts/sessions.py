"""The database session engine, reading a session with a query compiled once per process.

Every page reads its session: Django's own engine rebuilds the same query each time, which costs
more CPU than the database takes to answer it. Same table, same rows, same expiry rule: only the
reading changes (`SESSION_ENGINE = "learners.accounts.sessions"`).
"""

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.contrib.sessions.models import Session
from django.utils import timezone

from learners.prepared import PreparedQuery

_SESSION = PreparedQuery(lambda session, **_: Session.objects.filter(session_key=session)
                         .values_list("session_data", "expire_date"))


class SessionStore(DatabaseSessionStore):
    def load(self):
        rows = _SESSION.rows(session=self.session_key) if self.session_key else []
        if not rows or rows[0][1] <= timezone.now():
            self._session_key = None  # absent or expired: a new session, as Django does
            return {}
        return self.decode(rows[0][0])
