"""Content that does not change between requests, cached in each process, keyed by content version.

Serving a question needs the skills of a competence (or of a campaign) with their playable
challenges, and the served challenge itself: the same rows for every learner until staff change
the content. Each process keeps them for the current `ContentVersion` number, which every change
of content increments in the same transaction (`content_changed`); a request that reads a newer
number builds a new snapshot, so nothing is served stale after a load or an edit. The cached model
instances are shared by the requests of a process: read them, never modify them.
"""

from __future__ import annotations

import contextlib
import contextvars
import threading

from django.db.models import F, Prefetch, Subquery
from django.utils import timezone

from referentiel.enums import ChallengeStatus
from referentiel.models import Challenge, Competence, ContentVersion, Skill, Tutorial

DEFAULT_LOCALE = "fr"
_KEPT_VERSIONS = 2  # a request still on the previous version keeps its snapshot while it runs


class Snapshot:
    """The content of one version, loaded piece by piece as requests need it."""

    def __init__(self, version):
        self.version = version
        self._lock = threading.Lock()
        self._challenges: dict[int, Challenge] = {}
        self._skills: dict[tuple, list[Skill]] = {}
        self._competences: dict[int, Competence] | None = None
        self._tutorials: dict[int, list[tuple[int, Tutorial]]] | None = None  # skill: (rank, tutorial)

    def competence(self, competence_id) -> Competence:
        with self._lock:
            competences = self._competences
        if competences is None:
            competences = {c.pk: c for c in Competence.objects.select_related("area")}
            with self._lock:
                self._competences = competences
        return competences[competence_id]

    def competence_skills(self, competence_id, locale=DEFAULT_LOCALE) -> list[Skill]:
        """Active skills of the competence, in tube and level order, each with
        `playable_challenges`: its validated challenges in the locale, by slug."""
        key = ("competence", competence_id, locale)
        return self._cached_skills(key, lambda: Skill.objects.filter(
            competence_id=competence_id, status=Skill.Status.ACTIVE), locale)

    def skills(self, skill_ids, locale=DEFAULT_LOCALE) -> list[Skill]:
        """The given skills (a campaign's frozen skills), whatever their status, same shape."""
        key = ("skills", tuple(sorted(skill_ids)), locale)
        return self._cached_skills(key, lambda: Skill.objects.filter(pk__in=key[1]), locale)

    def challenge(self, challenge_id) -> Challenge:
        with self._lock:
            challenge = self._challenges.get(challenge_id)
        if challenge is None:
            challenge = Challenge.objects.select_related("skill__tube").get(pk=challenge_id)
            with self._lock:
                challenge = self._challenges.setdefault(challenge_id, challenge)
        return challenge

    def challenges_preload(self, challenge_ids) -> None:
        """Read these challenges in one query (a web process about to serve them, before its
        first exam room)."""
        with self._lock:
            missing = [pk for pk in challenge_ids if pk not in self._challenges]
        if missing:  # read outside the lock, as `challenge` does: other requests keep serving
            loaded = list(Challenge.objects.select_related("skill__tube").filter(pk__in=missing))
            with self._lock:
                for challenge in loaded:
                    self._challenges.setdefault(challenge.pk, challenge)

    def tutorials(self, skill_ids) -> list[Tutorial]:
        """The active tutorials of these skills, each once, in tube order then by title (the
        database's order, collation included)."""
        with self._lock:
            by_skill = self._tutorials
        if by_skill is None:
            by_skill = {}
            links = (Skill.tutorials.through.objects.filter(tutorial__is_active=True)
                     .select_related("tutorial__tube").order_by("tutorial__tube__position", "tutorial__title"))
            for rank, link in enumerate(links):
                by_skill.setdefault(link.skill_id, []).append((rank, link.tutorial))
            with self._lock:
                self._tutorials = by_skill
        found = {}
        for skill_id in skill_ids:
            for rank, tutorial in by_skill.get(skill_id, ()):
                found.setdefault(tutorial.pk, (rank, tutorial))
        return [tutorial for _rank, tutorial in sorted(found.values(), key=lambda pair: pair[0])]

    def _cached_skills(self, key, queryset, locale):
        with self._lock:
            skills = self._skills.get(key)
        if skills is not None:
            return skills
        challenges = (Challenge.objects.filter(status=ChallengeStatus.VALIDATED, locale=locale)
                      .order_by("slug"))
        skills = list(queryset().select_related("tube")
                      .prefetch_related(Prefetch("challenges", queryset=challenges,
                                                 to_attr="playable_challenges"))
                      .order_by("tube__position", "level"))
        with self._lock:
            for skill in skills:
                for challenge in skill.playable_challenges:
                    self._challenges.setdefault(challenge.pk, challenge)
            return self._skills.setdefault(key, skills)


_snapshots: dict[object, Snapshot] = {}
_snapshots_lock = threading.Lock()


def current_version():
    """The key of the content in force: its number and the time of its last change (a number
    alone could come back after a rolled-back change that a process had already read)."""
    return ContentVersion.objects.values_list("number", "changed_at").first()


def version_annotations() -> dict:
    """Annotations that read the content version in the same query as another row (the locked
    assessment): (number, changed_at) is the key to pass to `snapshot`."""
    rows = ContentVersion.objects.order_by()
    return {"content_version_number": Subquery(rows.values("number")[:1]),
            "content_version_changed_at": Subquery(rows.values("changed_at")[:1])}


def version_key(number, changed_at):
    """The key of `snapshot` from the two values read by `version_annotations` (None: no version
    row, a snapshot built anew)."""
    return None if number is None else (number, changed_at)


def snapshot(version=None) -> Snapshot:
    """The snapshot of `version` (the current one when not given: one query); with no version
    row (a test database just flushed), a snapshot that is built anew each time."""
    if version is None:
        version = current_version()
    if version is None:
        return Snapshot(None)
    with _snapshots_lock:
        found = _snapshots.get(version)
        if found is None:
            found = _snapshots[version] = Snapshot(version)
            for old in list(_snapshots)[:-_KEPT_VERSIONS]:  # oldest first (insertion order)
                del _snapshots[old]
        return found


def challenge(challenge_id, version=None) -> Challenge:
    return snapshot(version).challenge(challenge_id)


# --- telling every process that content changed ----------------------------------------------

_bulk_change = contextvars.ContextVar("content_bulk_change", default=False)


def content_changed() -> None:
    """Call in the transaction that changes content (the admin's saves do it through signals)."""
    if _bulk_change.get():
        return
    updated = ContentVersion.objects.update(number=F("number") + 1, changed_at=timezone.now())
    if not updated:
        ContentVersion.objects.create(number=1)


@contextlib.contextmanager
def one_content_change():
    """Many writes that count as one change (a content load): one increment, at the end."""
    token = _bulk_change.set(True)
    try:
        yield
    finally:
        _bulk_change.reset(token)
    content_changed()
