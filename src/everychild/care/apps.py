from django.apps import AppConfig


class CareConfig(AppConfig):
    name = "everychild.care"
    label = "care"
    verbose_name = "Children in care"

    def ready(self):
        from everychild.care import work_items
        from everychild.core import registry

        # The care plan's clocks on My work, Team and a worker's caseload (casework's host).
        registry.panel(
            "casework.work_items", "care", fill=work_items.care_work_items, template=None, order=60
        )
