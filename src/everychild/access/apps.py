from django.apps import AppConfig


class AccessConfig(AppConfig):
    name = "everychild.access"
    label = "access"
    verbose_name = "Access and audit"

    def ready(self):
        from everychild.access import panels
        from everychild.core import hooks

        hooks.declare("access.record_restricted", "A record was restricted: child, by.")
        panels.register()
