from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from learners import views as learner_views
from pix import views as pix_views
from referentiel import views as referentiel_views

urlpatterns = [
    path("", referentiel_views.HomeView.as_view(), name="home"),
    path("competences/", referentiel_views.CompetenceListView.as_view(), name="competences"),
    path("langue/", learner_views.set_language, name="set_language"),
    path("accessibilite/", pix_views.AccessibilityView.as_view(), name="accessibility"),
    path("mentions-legales/", pix_views.LegalNoticesView.as_view(), name="legal_notices"),
    path("donnees-personnelles/", pix_views.PersonalDataView.as_view(), name="personal_data"),
    path("comptes/", include("allauth.urls")),
    path("", include("learners.urls")),
    path("orga/", include("orga.urls")),
    path("campagnes/", include("orga.student_urls")),
    path("certif/", include("certif.urls")),
    path("certification/", include("certif.candidate_urls")),
    # Certificates: the student's "Mes certifications", /verification/, the SCO school's exports.
    path("", include("certif.certificate_urls")),
    path("api/campagnes/", include("orga.api_urls")),
    path("api/", include("learners.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    path("admin/", admin.site.urls),
]

handler400 = "pix.errors.bad_request"
handler403 = "pix.errors.permission_denied"
handler404 = "pix.errors.page_not_found"
handler500 = "pix.errors.server_error"
# allauth's rate limits look for this name in the root URLconf.
handler429 = "pix.errors.too_many_requests"

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

admin.site.site_header = "Pix École — administration"
admin.site.site_title = "Pix École"
