from everychild.core.apps import EverychildConfig


class DemoConfig(EverychildConfig):
    default = True  # (apps.py also names the base class)
    name = "everychild.demo"
    label = "demo"
    verbose_name = "The synthetic borough"
