from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "everychild.demo"
    label = "demo"
    verbose_name = "The synthetic borough"
