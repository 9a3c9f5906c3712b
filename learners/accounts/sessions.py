"""The database session engine: each session row also holds the id of the user signed in, so that
a request reads its session and its user in one query compiled once per process.

Every page reads its session, then its user: two round trips to the database, and Django's own
engine rebuilds the first query each time. Same expiry rule and same data: only the reading
changes (`SESSION_ENGINE = "learners.accounts.sessions"`, the rows in `LearnerSession`). The user
row read with the session is handed to the authentication backend (`signed_in_user`), which
still applies Django's checks to it (the backend, the session hash, an inactive account).
"""

import contextlib
import contextvars
import functools

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.core import signing
from django.utils import timezone

from learners.models import LearnerSession, User
from learners.prepared import PreparedQuery, model_columns

USER_COLUMNS = model_columns(User)
_SESSION = PreparedQuery(lambda session, **_: LearnerSession.objects.filter(session_key=session)
                         .values_list("session_data", "expire_date",
                                      *(f"user__{column}" for column in USER_COLUMNS)))

_reading = contextvars.ContextVar("session_being_read", default=None)

# Sessions whose decoded data each process keeps (a few hundred bytes each): more than the
# students a process serves at once.
DECODED_SESSIONS_PER_PROCESS = 4096
_FLAT_VALUES = (str, int, float, bool, type(None))


class SessionStore(DatabaseSessionStore):
    def __init__(self, session_key=None):
        super().__init__(session_key)
        self.user_row = None  # the signed-in user's row, read with the session

    @classmethod
    def get_model_class(cls):
        return LearnerSession

    def load(self):
        rows = _SESSION.rows(session=self.session_key) if self.session_key else []
        if not rows or rows[0][1] <= timezone.now():
            self._session_key = None  # absent or expired: a new session, as Django does
            return {}
        user_row = rows[0][2:]
        self.user_row = user_row if user_row[0] is not None else None
        return self.decode(rows[0][0])

    def decode(self, session_data):
        """The session's data, decoded once per process for as long as it does not change.

        A student's session row stays the same from one answer to the next, and checking its
        signature and reading it again took some 3 % of each request's time. The decoded data is
        kept only when no value holds another (a request may then change the copy it is given
        without changing the kept one), keyed by the stored text and the signing keys: changed
        data or keys decode again, and data that fails its check is never kept."""
        try:
            flat = _flat_decoded(session_data, self.key_salt, self.serializer, settings.SECRET_KEY,
                                 tuple(settings.SECRET_KEY_FALLBACKS))
        except Exception:  # a bad signature, unreadable data: Django's decoding says so
            flat = None
        return dict(flat) if flat is not None else super().decode(session_data)

    def create_model_instance(self, data):
        instance = super().create_model_instance(data)
        instance.user_id = _user_id(data.get(SESSION_KEY))
        return instance


@functools.lru_cache(maxsize=DECODED_SESSIONS_PER_PROCESS)
def _flat_decoded(session_data, salt, serializer, _secret, _fallbacks):
    """Decoded session data whose values are all plain (else None); raises as `signing.loads`.
    The signing keys are arguments so that data is kept per key."""
    data = signing.loads(session_data, salt=salt, serializer=serializer)
    return data if all(isinstance(value, _FLAT_VALUES) for value in data.values()) else None


def _user_id(value):
    try:
        return int(value) if value is not None else None
    except (TypeError, ValueError):
        return None


@contextlib.contextmanager
def reading_user_of(session):
    """While Django authenticates the request, `signed_in_user` offers the user row read with
    this session."""
    token = _reading.set(session)
    try:
        yield
    finally:
        _reading.reset(token)


def signed_in_user(user_id):
    """The user `user_id` as read with the request's session, or None when that read did not
    bring it (another user, no row, a session store of another kind)."""
    row = getattr(_reading.get(), "user_row", None)
    if row is None or row[0] != user_id:
        return None
    return User.from_db("default", USER_COLUMNS, row)
