from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from learners import views as learner_views
from referentiel import views as referentiel_views

urlpatterns = [
    path("", referentiel_views.HomeView.as_view(), name="home"),
    path("competences/", referentiel_views.CompetenceListView.as_view(), name="competences"),
    path("langue/", learner_views.set_language, name="set_language"),
    path("comptes/", include("allauth.urls")),
    path("", include("learners.urls")),
    path("certif/", include("certif.urls")),
    path("api/", include("learners.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

admin.site.site_header = "Pix École — administration"
admin.site.site_title = "Pix École"
