import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def copy_open_sessions(apps, schema_editor):
    """Keep everyone signed in: the open sessions move to the new table, each with its user."""
    from django.contrib.auth import SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.utils import timezone

    Session = apps.get_model("sessions", "Session")
    LearnerSession = apps.get_model("learners", "LearnerSession")
    User = apps.get_model("learners", "User")
    store, users = SessionStore(), set(User.objects.values_list("pk", flat=True))
    rows = []
    for old in Session.objects.filter(expire_date__gt=timezone.now()).iterator(chunk_size=2000):
        user_id = store.decode(old.session_data).get(SESSION_KEY)
        user_id = int(user_id) if str(user_id).isdigit() and int(user_id) in users else None
        rows.append(LearnerSession(session_key=old.session_key, session_data=old.session_data,
                                   expire_date=old.expire_date, user_id=user_id))
    LearnerSession.objects.bulk_create(rows, batch_size=2000)


class Migration(migrations.Migration):

    dependencies = [
        ('learners', '0001_initial'),
        ('sessions', '0001_initial'),
    ]

    operations = [
        migrations.CreateModel(
            name='LearnerSession',
            fields=[
                ('session_key', models.CharField(max_length=40, primary_key=True, serialize=False, verbose_name='session key')),
                ('session_data', models.TextField(verbose_name='session data')),
                ('expire_date', models.DateTimeField(db_index=True, verbose_name='expire date')),
                ('user', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='utilisateur')),
            ],
            options={
                'verbose_name': 'session',
                'verbose_name_plural': 'sessions',
            },
        ),
        migrations.RunPython(copy_open_sessions, migrations.RunPython.noop),
    ]
