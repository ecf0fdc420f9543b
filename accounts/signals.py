"""allauth's account events that change who a person is here: a verified address can make them an official."""

from allauth.account.signals import email_changed, email_confirmed

from accounts import services


def _confirmed(sender, request, email_address, **kwargs):
    if email_address.primary or not email_address.user.emailaddress_set.filter(primary=True).exists():
        services.official_verify_by_domain(user=email_address.user, email=email_address.email)


def _changed(sender, request, user, from_email_address, to_email_address, **kwargs):
    services.official_domain_lost(user=user, email=to_email_address.email)


def connect() -> None:
    email_confirmed.connect(_confirmed, dispatch_uid="pgb-official-by-domain")
    email_changed.connect(_changed, dispatch_uid="pgb-official-domain-changed")
