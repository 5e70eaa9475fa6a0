from django.apps import AppConfig


class ChronologyConfig(AppConfig):
    name = "everychild.chronology"
    label = "chronology"
    verbose_name = "Chronology"
