"""URLs of the partner space, under a translated prefix inside the language prefix:
/fr/espace-partenaires/, /en/partner-space/, /es/espacio-socios/, /ko/파트너-공간/."""

from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from partners.space import views

app_name = "partner_space"

space_patterns = [
    path("", views.dashboard, name="dashboard"),
    path(_("login/"), views.LoginView.as_view(), name="login"),
    path(_("logout/"), views.LogoutView.as_view(), name="logout"),
    path(_("password-reset/"), views.PasswordResetView.as_view(), name="password_reset"),
    path(_("password-reset/sent/"), views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(_("password-reset/done/"), views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path(_("password-reset/<uidb64>/<token>/"), views.PasswordResetConfirmView.as_view(),
         name="password_reset_confirm"),
    path(_("invitation/done/"), views.InvitationDoneView.as_view(), name="invitation_done"),
    path(_("invitation/<uidb64>/<token>/"), views.InvitationView.as_view(), name="invitation"),
    path(_("organisation/<str:slug>/"), views.partner_edit, name="partner_edit"),
    path(_("organisation/<str:slug>/new-practice/"), views.proposal_create, {"kind": "practice"},
         name="practice_create"),
    path(_("organisation/<str:slug>/new-case/"), views.proposal_create, {"kind": "case"}, name="case_create"),
    path(_("proposals/practice/<int:pk>/"), views.proposal_edit, {"kind": "practice"}, name="practice_edit"),
    path(_("proposals/practice/<int:pk>/delete/"), views.proposal_delete, {"kind": "practice"},
         name="practice_delete"),
    path(_("proposals/case/<int:pk>/"), views.proposal_edit, {"kind": "case"}, name="case_edit"),
    path(_("proposals/case/<int:pk>/delete/"), views.proposal_delete, {"kind": "case"}, name="case_delete"),
]

urlpatterns = [path(_("partner-space/"), include(space_patterns))]
