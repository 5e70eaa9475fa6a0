from everychild.core.apps import EverychildConfig


class CareConfig(EverychildConfig):
    default = True  # (apps.py also names the base class)
    name = "everychild.care"
    label = "care"
    verbose_name = "Children in care"
