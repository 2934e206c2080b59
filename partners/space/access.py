"""Who may use the partner space, and which objects each person may reach.

The space is for partner representatives only: accounts without any Wagtail admin access.
Editors, moderators and administrators work in the admin; the space answers them with a
page that points there (status 403) rather than letting them act here, so that every change
made in the space is, by construction, a representative's change going through moderation.
"""

from functools import wraps
from urllib.parse import urlencode

from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.cache import never_cache


def has_admin_access(user):
    return bool(user.is_active and (user.is_staff or user.is_superuser
                                    or user.has_perm("wagtailadmin.access_admin")))


def login_url_for(request):
    return f"{reverse('partner_space:login')}?{urlencode({'next': request.get_full_path()})}"


def representative_required(view):
    """Anonymous: to the login page. Admin users: pointed to the admin. Others: `request.partners`
    holds the partners they represent (403 if none)."""

    @wraps(view)
    @never_cache
    def wrapper(request, *args, **kwargs):
        user = request.user
        if not user.is_authenticated:
            return redirect(login_url_for(request))
        if has_admin_access(user):
            return TemplateResponse(request, "partner_space/staff.html", {"admin_url": reverse("wagtailadmin_home")},
                                    status=403)
        request.partners = list(user.represented_partners.order_by("name"))
        if not request.partners:
            return TemplateResponse(request, "partner_space/no_partner.html", {}, status=403)
        return view(request, *args, **kwargs)

    return wrapper
