from django.apps import AppConfig


class AccessConfig(AppConfig):
    name = "everychild.access"
    label = "access"
    verbose_name = "Access and audit"

    def ready(self):
        from everychild.access import panels

        panels.register()
