from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "everychild.organisations"
    label = "organisations"
    verbose_name = "Organisations, teams and staff"

    def ready(self):
        from everychild.organisations import panels

        panels.register()
