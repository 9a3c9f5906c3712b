from django.urls import path

from orga.views import accounts, campaigns, imports, learners, portal, team

app_name = "orga"

org = "<pk:organization_id>/"

urlpatterns = [
    path("", portal.HomeView.as_view(), name="home"),
    path("conditions-d-utilisation/", portal.TermsView.as_view(), name="terms"),
    path("invitation/<str:token>/", portal.InvitationView.as_view(), name="invitation"),
    path(org + "eleves/", learners.LearnerListView.as_view(), name="learners"),
    path(org + "eleves/export.csv", learners.LearnerExportView.as_view(), name="learners_export"),
    path(org + "eleves/<pk:learner_id>/", learners.LearnerDetailView.as_view(), name="learner"),
    path(org + "eleves/<pk:learner_id>/detacher/", learners.DetachAccountView.as_view(),
         name="detach_account"),
    path(org + "comptes/generer/", accounts.GenerateAccountsView.as_view(), name="generate_accounts"),
    path(org + "comptes/reinitialiser/", accounts.ResetPasswordsView.as_view(), name="reset_passwords"),
    path(org + "comptes/<str:token>/", accounts.CredentialsView.as_view(), name="credentials"),
    path(org + "comptes/<str:token>/fiches.pdf", accounts.CredentialsPdfView.as_view(),
         name="credentials_pdf"),
    path(org + "comptes/<str:token>/identifiants.csv", accounts.CredentialsCsvView.as_view(),
         name="credentials_csv"),
    path(org + "import/", imports.ImportView.as_view(), name="import"),
    path(org + "import/modele/<str:format>.csv", imports.ImportTemplateView.as_view(),
         name="import_template"),
    path(org + "import/<pk:import_id>/", imports.ImportStatusView.as_view(), name="import_status"),
    path(org + "campagnes/", campaigns.CampaignListView.as_view(), name="campaigns"),
    path(org + "campagnes/nouvelle/", campaigns.CampaignCreateView.as_view(), name="campaign_create"),
    path(org + "campagnes/<pk:campaign_id>/", campaigns.CampaignDetailView.as_view(), name="campaign"),
    path(org + "campagnes/<pk:campaign_id>/archiver/", campaigns.CampaignArchiveView.as_view(),
         name="campaign_archive"),
    path(org + "campagnes/<pk:campaign_id>/desarchiver/", campaigns.CampaignUnarchiveView.as_view(),
         name="campaign_unarchive"),
    path(org + "campagnes/<pk:campaign_id>/resultats.csv", campaigns.CampaignExportView.as_view(),
         name="campaign_export"),
    path(org + "campagnes/<pk:campaign_id>/modifier/", campaigns.CampaignEditView.as_view(), name="campaign_edit"),
    path(org + "campagnes/<pk:campaign_id>/proprietaire/", campaigns.CampaignOwnerView.as_view(),
         name="campaign_owner"),
    path(org + "campagnes/<pk:campaign_id>/participants/<pk:participation_id>/",
         campaigns.ParticipantDetailView.as_view(), name="participant"),
    path(org + "equipe/", team.TeamView.as_view(), name="team"),
    path(org + "equipe/inviter/", team.InviteView.as_view(), name="invite"),
    path(org + "equipe/invitations/<pk:invitation_id>/annuler/", team.CancelInvitationView.as_view(),
         name="cancel_invitation"),
    path(org + "equipe/<pk:membership_id>/role/", team.ChangeRoleView.as_view(), name="change_role"),
    path(org + "equipe/<pk:membership_id>/retirer/", team.RemoveMemberView.as_view(),
         name="remove_member"),
]
