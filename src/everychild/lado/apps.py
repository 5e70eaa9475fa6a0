from django.apps import AppConfig


class LadoConfig(AppConfig):
    name = "everychild.lado"
    label = "lado"
    verbose_name = "Allegations against people who work with children (LADO)"

    def ready(self):
        from everychild.lado import panels

        panels.register()
