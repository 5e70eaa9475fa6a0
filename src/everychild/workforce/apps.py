from django.apps import AppConfig


class WorkforceConfig(AppConfig):
    name = "everychild.workforce"
    label = "workforce"
    verbose_name = "Allocations and caseloads"
