"""Reads of results: the latest result of each course, the jury's lists of sessions (domain §7.3:
"to publish" and "with required action"), the courses that stop a publication, a session's rows
for the centre's CSV."""

from django.db.models import Exists, OuterRef, Prefetch, Q, Subquery

from certif.models import (
    CertificationCourse,
    CertificationIssueReport,
    CertificationResult,
    CertificationSession,
    IssueReportCategory,
    IssueReportSubcategory,
    ResultStatus,
)

# Issue reports that need the jury's attention (domain §7.2).
IMPACTFUL_CATEGORIES = (IssueReportCategory.TECHNICAL_PROBLEM, IssueReportCategory.OTHER,
                        IssueReportCategory.FRAUD)
IMPACTFUL_SUBCATEGORIES = (
    IssueReportSubcategory.NAME_OR_BIRTHDATE, IssueReportSubcategory.IMAGE_NOT_DISPLAYING,
    IssueReportSubcategory.EMBED_NOT_WORKING, IssueReportSubcategory.FILE_NOT_OPENING,
    IssueReportSubcategory.WEBSITE_UNAVAILABLE, IssueReportSubcategory.WEBSITE_BLOCKED,
    IssueReportSubcategory.LINK_NOT_WORKING, IssueReportSubcategory.OTHER,
    IssueReportSubcategory.EXTRA_TIME_EXCEEDED, IssueReportSubcategory.SOFTWARE_NOT_WORKING,
    IssueReportSubcategory.UNINTENTIONAL_FOCUS_OUT, IssueReportSubcategory.SKIP_ON_OOPS,
    IssueReportSubcategory.ACCESSIBILITY_ISSUE,
)
IMPACTFUL = Q(category__in=IMPACTFUL_CATEGORIES) | Q(subcategory__in=IMPACTFUL_SUBCATEGORIES)


def is_impactful(report) -> bool:
    return report.category in IMPACTFUL_CATEGORIES or report.subcategory in IMPACTFUL_SUBCATEGORIES


def unresolved_impactful_reports():
    return CertificationIssueReport.objects.filter(IMPACTFUL, resolved_at__isnull=True)


def latest_result_status():
    """A subquery: the status of the course's latest result (None without a result)."""
    return Subquery(CertificationResult.objects.filter(course=OuterRef("pk"))
                    .order_by("-created_at", "-pk").values("status")[:1])


def courses_with_latest_status():
    return CertificationCourse.objects.annotate(latest_status=latest_result_status())


def unpublishable_courses(session_ids):
    """Courses of these sessions that have no result or whose latest result is an error."""
    return (courses_with_latest_status().filter(session_id__in=session_ids)
            .filter(Q(latest_status__isnull=True) | Q(latest_status=ResultStatus.ERROR))
            .order_by("session_id", "last_name", "first_name", "pk"))


def _finalized_unpublished():
    return CertificationSession.objects.filter(finalized_at__isnull=False, published_at__isnull=True)


def _needs_action():
    faulty = courses_with_latest_status().filter(session=OuterRef("pk")).filter(
        Q(latest_status__isnull=True) | Q(latest_status=ResultStatus.ERROR))
    reports = unresolved_impactful_reports().filter(course__session=OuterRef("pk"))
    return Q(Exists(reports)) | Q(Exists(faulty))


def sessions_with_required_action():
    """Finalised, unpublished sessions with an impactful issue report unresolved, or a course
    without a result or with an error result."""
    return _finalized_unpublished().filter(_needs_action()).order_by("finalized_at", "pk")


def sessions_to_publish():
    """Finalised, unpublished sessions the jury has nothing left to look at."""
    return _finalized_unpublished().exclude(_needs_action()).order_by("finalized_at", "pk")


def latest_results_by_course(courses) -> dict:
    """{course id: its latest result, with its competence marks}."""
    ids = [course.pk for course in courses]
    latest_ids = (CertificationResult.objects.filter(course_id=OuterRef("course_id"))
                  .order_by("-created_at", "-pk").values("pk")[:1])
    results = (CertificationResult.objects.filter(course_id__in=ids, pk=Subquery(latest_ids))
               .prefetch_related(Prefetch("competence_marks")))
    return {result.course_id: result for result in results}
