"""Wagtail admin for accounts: the role log (administrators only, read-only) and the moderators' queue of
requests for official status (approve or reject; the decision goes through accounts.services)."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.views.generic.models import EditView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from accounts import services
from accounts.constants import RequestStatus, Role
from accounts.models import OfficialRequest, RoleChange, SecurityEvent
from accounts.selectors import roles_of


class ReadOnlyForAdministrators(ModelPermissionPolicy):
    """The role log: administrators read it; nobody adds, edits or deletes an entry."""

    def user_has_permission(self, user, action):
        return action in ("view", "inspect") and Role.ADMINISTRATOR in roles_of(user)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


register_permission_policy(RoleChange, ReadOnlyForAdministrators(RoleChange))
register_permission_policy(SecurityEvent, ReadOnlyForAdministrators(SecurityEvent))


class RoleChangeViewSet(ModelViewSet):
    model = RoleChange
    icon = "history"
    menu_label = _("Role changes")
    menu_order = 910
    add_to_settings_menu = True
    name = "rolechange"
    url_prefix = "accounts/rolechange"
    list_display = ["at", "subject_label", "role", "action", "actor_label", "note"]
    list_filter = ["role", "action"]
    search_fields = ["subject_label", "actor_label"]
    inspect_view_enabled = True
    form_fields = ["note"]  # never saved: the policy refuses every change


class SecurityLogViewSet(ModelViewSet):
    model = SecurityEvent
    icon = "lock"
    menu_label = _("Security log")
    menu_order = 911
    add_to_settings_menu = True
    name = "securityevent"
    url_prefix = "accounts/securitylog"
    list_display = ["at", "kind", "user_label", "ip", "detail"]
    list_filter = ["kind"]
    search_fields = ["user_label", "ip", "detail"]
    inspect_view_enabled = True
    form_fields = ["detail"]  # never saved: the policy refuses every change


class DecisionForm(WagtailAdminModelForm):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve: this person works for this gemeente")), ("reject", _("Reject"))],
        widget=forms.RadioSelect,
    )

    class Meta:
        model = OfficialRequest
        fields = ["decision_note"]

    def clean(self):
        cleaned = super().clean()
        if self.instance.status != RequestStatus.PENDING:
            raise ValidationError(_("This request has already been decided."))
        return cleaned


class DecideView(EditView):
    def save_instance(self):
        services.official_request_decide(
            request=self.object,
            approve=self.form.cleaned_data["decision"] == "approve",
            by=self.request.user,
            note=self.form.cleaned_data.get("decision_note", ""),
        )
        self.object.refresh_from_db()
        return self.object


class OfficialRequestViewSet(ModelViewSet):
    model = OfficialRequest
    icon = "user"
    menu_label = _("Official requests")
    menu_order = 310
    add_to_admin_menu = True
    name = "officialrequest"
    url_prefix = "accounts/officialrequest"
    list_display = ["user", "municipality", "job_title", "status", "created_at"]
    list_filter = ["status"]
    ordering = ["created_at"]
    edit_view_class = DecideView
    inspect_view_enabled = True
    edit_handler = ObjectList(
        [FieldPanel("decision"), FieldPanel("decision_note")], base_form_class=DecisionForm
    )

    def get_queryset(self, request):
        return OfficialRequest.objects.select_related("user", "municipality")


@hooks.register("register_admin_viewset")
def register_viewsets():
    return [RoleChangeViewSet(), SecurityLogViewSet(), OfficialRequestViewSet()]
