"""Headers on every response the application makes (static files leave before this runs)."""

from django.conf import settings
from django.utils.cache import patch_cache_control


class PrivateResponseMiddleware:
    """Pages and downloads hold one person's view of the city's finances: no browser history
    cache or shared proxy may keep a copy (`private, no-store`). The login and error pages get
    it too; none of them is worth caching."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        patch_cache_control(response, private=True, no_store=True)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response
