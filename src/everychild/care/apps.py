from django.apps import AppConfig


class CareConfig(AppConfig):
    name = "everychild.care"
    label = "care"
    verbose_name = "Children in care"

    def ready(self):
        from everychild.care import panels
        from everychild.core import hooks

        hooks.declare(
            "care.missing_episode_recorded",
            "A child was reported missing (by social care or the police): child, episode, by.",
        )
        panels.register()
