from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularRedocView,
    SpectacularSwaggerSplitView,
)

from . import language, views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "accounts/password/change/",
        auth_views.PasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "accounts/password/change/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path(
        "accounts/password/reset/",
        views.PasswordResetView.as_view(),
        name="password_reset",
    ),
    path(
        "accounts/password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "accounts/password/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "accounts/password/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("accounts/mfa/", include("agencies.mfa.urls")),
    path("privacy/", views.privacy_notice, name="privacy-notice"),
    path("privacy/record/", views.processing_record, name="processing-record"),
    path("i18n/setlang/", language.set_language, name="set_language"),
    # Browsers ask for /favicon.ico on every site, whatever the page links.
    path("favicon.ico", views.favicon),
    path("agencies/", include("agencies.urls")),
    path("", include("competencies.urls")),
    path("imports/samples/", include("demo.urls")),
    path("imports/", include("competencies.import_urls")),
    path("reports/", include("reports.urls")),
    path("me/", include("selfservice.urls")),
    path("xapi/", include("xapi.urls")),
    path("admin/", admin.site.urls),
    path("api/v1/", include("skillsportal.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path(
        "api/docs/",
        SpectacularSwaggerSplitView.as_view(url_name="schema"),
        name="api-docs",
    ),
    path(
        "api/redoc/", SpectacularRedocView.as_view(url_name="schema"), name="api-redoc"
    ),
]

handler400 = "skillsportal.error_pages.bad_request"
handler403 = "skillsportal.error_pages.forbidden"
handler404 = "skillsportal.error_pages.not_found"
handler500 = "skillsportal.error_pages.server_error"
