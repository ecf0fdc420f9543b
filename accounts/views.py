"""Account pages of the platform's own: profile, official request, notifications, export, deletion, unsubscribe.

allauth serves the rest under /accounts/ (sign-up, login, e-mail, password, two-step, sessions).
"""

import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from accounts import notifications, selectors, services
from accounts.constants import RequestStatus, Role
from accounts.forms import DeleteAccountForm, OfficialRequestForm, ProfileForm
from accounts.models import Notification
from cms.forms import add_service_errors
from cms.pagination import paginate


@login_required
def profile(request):
    user = request.user
    initial = {
        "first_name": user.first_name,
        "last_name": user.last_name,
        "job_title": user.job_title,
        "organisation": user.organisation,
        "notify_mode": user.notify_mode,
    }
    form = ProfileForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.profile_update(user=user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your profile has been saved."))
            return redirect("accounts:profile")
    roles = selectors.roles_of(user)
    context = {
        "form": form,
        "roles": [Role(role).label for role in Role if role in roles],
        "is_official": Role.OFFICIAL in roles,
        "is_member": Role.MEMBER in roles,
        "pending_request": user.official_requests.filter(status=RequestStatus.PENDING).first(),
    }
    return render(request, "accounts/profile.html", context)


@login_required
def official_request(request):
    form = OfficialRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.official_request_submit(
                user=request.user,
                municipality_code=form.cleaned_data["municipality"].code,
                job_title=form.cleaned_data["job_title"],
                motivation=form.cleaned_data["motivation"],
            )
        except PermissionDenied:
            form.add_error(None, _("Verify your e-mail address first."))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your request has been sent. A moderator will look at it soon."))
            return redirect("accounts:profile")
    return render(request, "accounts/official_request.html", {"form": form})


@login_required
def notification_list(request):
    if request.method == "POST":
        notifications.notifications_mark_read(user=request.user)
        messages.success(request, _("All notifications are marked as read."))
        return redirect("accounts:notifications")
    items = Notification.objects.filter(user=request.user).visible_to(request.audience)
    return render(request, "accounts/notifications.html", {"page_obj": paginate(request, items)})


@login_required
@require_POST
def notification_open(request, pk: int):
    """Mark one notification read and go to what it is about."""
    notification = Notification.objects.filter(user=request.user, pk=pk).visible_to(request.audience).first()
    if notification is None:
        raise Http404
    notifications.notifications_mark_read(user=request.user, ids=[pk])
    return redirect(notification.url)


@login_required
def export(request):
    data = services.account_export(user=request.user)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="mijn-gegevens-informatieplatform-pgb.json"'
    return response


@login_required
def delete(request):
    form = DeleteAccountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        services.account_delete(user=user, by=user)
        messages.success(request, _("Your account has been deleted."))
        return redirect("/")
    return render(request, "accounts/delete.html", {"form": form})


@csrf_exempt  # mail clients post the one-click unsubscribe (RFC 8058) without a session; the token is the proof
def unsubscribe(request, token: str):
    user = notifications.user_for_token(token)
    if user is None:
        return render(request, "accounts/unsubscribe.html", {"invalid": True}, status=404)
    if request.method == "POST":
        notifications.unsubscribe(user=user)
        return render(request, "accounts/unsubscribe.html", {"done": True})
    return render(request, "accounts/unsubscribe.html", {"token": token})
