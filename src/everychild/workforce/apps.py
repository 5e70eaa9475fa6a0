from everychild.core.apps import EverychildConfig


class WorkforceConfig(EverychildConfig):
    default = True  # (apps.py also names the base class)
    name = "everychild.workforce"
    label = "workforce"
    verbose_name = "Allocations and caseloads"
