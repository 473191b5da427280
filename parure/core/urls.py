from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from parure.core import policy
from parure.core.views import account, auth, jobs, pages

app_name = "core"

_reset = {"success_url": reverse_lazy("core:password_reset_done")}

urlpatterns = [
    path("", pages.home, name="home"),
    path("search/", pages.search, name="search"),
    path("scan/", pages.scan, name="scan"),
    path("staff/", pages.staff_directory, name="staff_directory"),
    path("access-log/", pages.access_log, name="access_log"),
    path("healthz", pages.healthz, name="healthz"),
    path("jobs/<int:job_id>/", jobs.job, name="job"),
    path("jobs/<int:job_id>/progress/", jobs.job_progress, name="job_progress"),
    path("sign-in/", auth.sign_in, name="login"),
    path("sign-in/code/", auth.sign_in_second_factor, name="sign_in_second_factor"),
    path("sign-out/", auth.sign_out, name="logout"),
    path("account/two-factor/", account.two_factor, name="two_factor"),
    path("account/tokens/", account.api_tokens, name="api_tokens"),
    path("account/tokens/<int:token_id>/revoke/", account.api_token_revoke, name="api_token_revoke"),
    path(
        "account/password/",
        policy.requires("core.manage_own_account")(
            auth_views.PasswordChangeView.as_view(
                template_name="core/password_change.html", success_url=reverse_lazy("core:password_change_done")
            )
        ),
        name="password_change",
    ),
    path(
        "account/password/done/",
        policy.requires("core.manage_own_account")(
            auth_views.PasswordChangeDoneView.as_view(template_name="core/password_change_done.html")
        ),
        name="password_change_done",
    ),
    path(
        "password-reset/",
        policy.public(auth.RateLimitedPasswordReset.as_view()),
        name="password_reset",
    ),
    path(
        "password-reset/sent/",
        policy.public(auth_views.PasswordResetDoneView.as_view(template_name="core/password_reset_done.html")),
        name="password_reset_done",
    ),
    path(
        "password-reset/<uidb64>/<token>/",
        policy.public(
            auth_views.PasswordResetConfirmView.as_view(
                template_name="core/password_reset_confirm.html",
                success_url=reverse_lazy("core:password_reset_complete"),
            )
        ),
        name="password_reset_confirm",
    ),
    path(
        "password-reset/complete/",
        policy.public(auth_views.PasswordResetCompleteView.as_view(template_name="core/password_reset_complete.html")),
        name="password_reset_complete",
    ),
]
