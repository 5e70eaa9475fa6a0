from importlib import import_module
from importlib.util import find_spec

from django.apps import AppConfig


class EverychildConfig(AppConfig):
    """An everychild app. What it plugs into the shared layers (the hooks it declares or
    subscribes to, its panels on other apps' pages, its navigation) is in its `registrations`
    module, whose `register()` runs when the app is ready: docs/architecture.md."""

    def ready(self):
        module = f"{self.name}.registrations"
        if find_spec(module) is not None:
            import_module(module).register()


class CoreConfig(EverychildConfig):
    default = True  # (apps.py also names the base class)
    name = "everychild.core"
    label = "core"
    verbose_name = "Core"
