from everychild.core.apps import EverychildConfig


class FrontdoorConfig(EverychildConfig):
    default = True  # (apps.py also names the base class)
    name = "everychild.frontdoor"
    label = "frontdoor"
    verbose_name = "The front door"
