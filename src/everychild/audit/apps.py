from everychild.core.apps import EverychildConfig


class AuditConfig(EverychildConfig):
    default = True  # (apps.py also names the base class)
    name = "everychild.audit"
    label = "audit"
    verbose_name = "Audit log"
