from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from extraction.health import job_health


@never_cache
@require_GET
def healthz(request):
    """``200`` when the job can run, ``503`` with the failing checks otherwise; no auth."""
    health = job_health()
    return JsonResponse(health.as_dict(), status=200 if health.ok else 503)
