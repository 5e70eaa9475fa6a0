from django.apps import AppConfig


class CaseworkConfig(AppConfig):
    name = "everychild.casework"
    label = "casework"
    verbose_name = "Casework"

    def ready(self):
        from everychild.casework.selectors import work_items
        from everychild.core import registry

        # My work, Team and a worker's caseload list every domain's clocks on their children.
        registry.host(work_items.HOST, work_items.HOST_DOC)
        registry.panel(work_items.HOST, "casework", fill=work_items.casework_items, order=10)
