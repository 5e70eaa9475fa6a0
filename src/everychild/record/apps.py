from django.apps import AppConfig


class RecordConfig(AppConfig):
    name = "everychild.record"
    label = "record"
    verbose_name = "The child's record and home pages"

    def ready(self):
        from everychild.record import panels

        panels.register()
