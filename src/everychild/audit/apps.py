from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "everychild.audit"
    label = "audit"
    verbose_name = "Audit log"
