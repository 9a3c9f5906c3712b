"""Authentication: allauth's backend (e-mail or username), with the signed-in user of every
request taken from the row read with its session, or else read by a query compiled once per
process."""

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend

from learners.accounts.sessions import USER_COLUMNS, signed_in_user
from learners.models import User
from learners.prepared import PreparedQuery

_USER = PreparedQuery(lambda user, **_: User.objects.filter(pk=user).values_list(*USER_COLUMNS))


class AuthenticationBackend(AllauthBackend):
    def get_user(self, user_id):
        try:
            user_id = int(user_id)
        except (TypeError, ValueError):
            return None
        user = signed_in_user(user_id)
        if user is None:
            rows = _USER.rows(user=user_id)
            if not rows:
                return None
            user = User.from_db("default", USER_COLUMNS, rows[0])
        return user if self.user_can_authenticate(user) else None
