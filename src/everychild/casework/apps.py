from django.apps import AppConfig


class CaseworkConfig(AppConfig):
    name = "everychild.casework"
    label = "casework"
    verbose_name = "Casework"

    def ready(self):
        from everychild.casework import panels

        panels.register()
