from django.apps import AppConfig


class CareConfig(AppConfig):
    name = "everychild.care"
    label = "care"
    verbose_name = "Children in care"

    def ready(self):
        from everychild.care import panels

        panels.register()
