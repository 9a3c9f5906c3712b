"""Authentication: allauth's backend (e-mail or username), with the signed-in user of every
request read by a query compiled once per process."""

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend

from learners.models import User
from learners.prepared import PreparedQuery, model_columns

_COLUMNS = model_columns(User)
_USER = PreparedQuery(lambda user, **_: User.objects.filter(pk=user).values_list(*_COLUMNS))


class AuthenticationBackend(AllauthBackend):
    def get_user(self, user_id):
        try:
            rows = _USER.rows(user=int(user_id))
        except (TypeError, ValueError):
            return None
        if not rows:
            return None
        user = User.from_db("default", _COLUMNS, rows[0])
        return user if self.user_can_authenticate(user) else None
