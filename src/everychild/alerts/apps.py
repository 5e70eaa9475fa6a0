from django.apps import AppConfig


class AlertsConfig(AppConfig):
    name = "everychild.alerts"
    label = "alerts"
    verbose_name = "Alerts"

    def ready(self):
        from everychild.alerts import panels, subscribers

        subscribers.subscribe()
        panels.register()
