from django.apps import AppConfig


class ChronologyConfig(AppConfig):
    name = "everychild.chronology"
    label = "chronology"
    verbose_name = "Chronology"

    def ready(self):
        from everychild.chronology import subscribers

        subscribers.subscribe()
