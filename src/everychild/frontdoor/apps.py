from django.apps import AppConfig


class FrontdoorConfig(AppConfig):
    name = "everychild.frontdoor"
    label = "frontdoor"
    verbose_name = "The front door"

    def ready(self):
        from everychild.core import hooks
        from everychild.frontdoor import panels

        hooks.declare(
            "frontdoor.concerns_recorded",
            "Concerns about these children were recorded or linked to them (a partner's "
            "concern, a file of them, an identity confirmed): child_ids, by.",
        )
        hooks.declare(
            "frontdoor.concern_unlinked",
            "A concern turned out not to be about this child: concern, child_id.",
        )
        panels.register()
