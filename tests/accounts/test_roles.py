"""Every role change is logged (who, whom, when, what); moderators decide requests for official status."""

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError

from accounts import services
from accounts.constants import OfficialVia, RequestStatus, Role
from accounts.models import RoleChange
from accounts.selectors import MEMBERS, PUBLIC, audience_for, roles_of
from cms.models import Municipality
from tests.accounts.factories import login, person, with_totp

pytestmark = pytest.mark.django_db


def test_granting_and_revoking_a_role_is_logged_with_the_actor():
    admin = person("beheer@persaldo.nl", roles=[Role.ADMINISTRATOR])
    expert = person("ervaring@persaldo.nl")
    services.role_grant(user=expert, role=Role.EXPERT, by=admin)
    assert Role.EXPERT in roles_of(expert) and audience_for(expert) == MEMBERS
    services.role_revoke(user=expert, role=Role.EXPERT, by=admin, note="uit dienst")
    assert Role.EXPERT not in roles_of(expert) and audience_for(expert) == PUBLIC
    log = list(
        RoleChange.objects.filter(subject=expert)
        .order_by("pk")
        .values_list("role", "action", "actor", "note")
    )
    assert log == [(Role.EXPERT, "granted", admin.pk, ""), (Role.EXPERT, "revoked", admin.pk, "uit dienst")]


def test_a_group_change_in_the_wagtail_user_admin_is_logged_with_who_made_it(client):
    admin = person("beheer@persaldo.nl", roles=[Role.ADMINISTRATOR])
    official = person("ambtenaar@example.nl", first_name="Piet", last_name="Jansen")
    login(client, admin, secret=with_totp(admin))
    moderators = Group.objects.get(name="Moderatoren")
    form = client.get(f"/admin/users/edit/{official.pk}/").content.decode()
    assert "Moderatoren" in form
    response = client.post(
        f"/admin/users/edit/{official.pk}/",
        {
            "username": official.username,
            "email": official.email,
            "first_name": "Piet",
            "last_name": "Jansen",
            "is_active": "on",
            "groups": [moderators.pk],
            "password1": "",
            "password2": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    change = RoleChange.objects.get(subject=official)
    assert (change.role, change.action, change.actor) == (Role.MODERATOR, "granted", admin)
    assert "beheer@persaldo.nl" in change.actor_label and "ambtenaar@example.nl" in change.subject_label


def test_administrators_see_the_role_log_and_others_do_not(client):
    admin = person("beheer@persaldo.nl", roles=[Role.ADMINISTRATOR])
    services.role_grant(user=person("x@example.nl", first_name="Xandra"), role=Role.EXPERT, by=admin)
    login(client, admin, secret=with_totp(admin))
    page = client.get("/admin/accounts/rolechange/").content.decode()
    assert "Xandra" in page and "ervaringsdeskundige van Per Saldo" in page
    client.logout()
    moderator = person("mod@persaldo.nl", roles=[Role.MODERATOR])
    login(client, moderator, secret=with_totp(moderator))
    assert client.get("/admin/accounts/rolechange/").status_code in (302, 403)


def test_a_moderator_approves_a_request_and_the_person_becomes_an_official():
    leiden = Municipality.objects.get(code="GM0546")
    member = person("consulent@gmail.com")
    request = services.official_request_submit(
        user=member,
        municipality_code="GM0546",
        job_title="Wmo-consulent",
        motivation="Ik werk via een detacheerder",
    )
    with pytest.raises(ValidationError):  # one open request at a time
        services.official_request_submit(user=member, municipality_code="GM0546", job_title="x")
    with pytest.raises(PermissionDenied):
        services.official_request_decide(request=request, approve=True, by=member)
    moderator = person("mod@persaldo.nl", roles=[Role.MODERATOR])
    services.official_request_decide(request=request, approve=True, by=moderator)
    member.refresh_from_db()
    assert member.municipality == leiden and member.official_via == OfficialVia.REQUEST
    assert Role.OFFICIAL in roles_of(member)
    request.refresh_from_db()
    assert request.status == RequestStatus.APPROVED and request.decided_by == moderator
    assert RoleChange.objects.get(subject=member, role=Role.OFFICIAL).actor == moderator


def test_only_verified_members_can_ask_to_be_recognised():
    unverified = person("nieuw@example.nl", verified=False)
    with pytest.raises(PermissionDenied):
        services.official_request_submit(user=unverified, municipality_code="GM0546", job_title="x")


def test_a_new_address_off_the_domain_ends_official_status(client):
    utrecht = Municipality.objects.get(code="GM0344")
    utrecht.email_domains = "utrecht.nl"
    utrecht.save()
    official = person("a@utrecht.nl", municipality=utrecht)
    services.official_domain_lost(user=official, email="a@gmail.com")
    assert Role.OFFICIAL not in roles_of(official)
    assert RoleChange.objects.filter(subject=official, role=Role.OFFICIAL, action="revoked").exists()
