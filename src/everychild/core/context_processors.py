from django.conf import settings


def service(request):
    return {
        "authority_name": settings.AUTHORITY_NAME,
        "service_phase": settings.SERVICE_PHASE,
    }
