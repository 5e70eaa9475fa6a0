from django.apps import AppConfig


class FrontdoorConfig(AppConfig):
    name = "everychild.frontdoor"
    label = "frontdoor"
    verbose_name = "The front door"

    def ready(self):
        from everychild.frontdoor import panels

        panels.register()
