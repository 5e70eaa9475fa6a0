from everychild.core.apps import EverychildConfig


class AlertsConfig(EverychildConfig):
    default = True  # (apps.py also names the base class)
    name = "everychild.alerts"
    label = "alerts"
    verbose_name = "Alerts"
