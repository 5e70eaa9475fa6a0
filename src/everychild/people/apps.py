from everychild.core.apps import EverychildConfig


class PeopleConfig(EverychildConfig):
    default = True  # (apps.py also names the base class)
    name = "everychild.people"
    label = "people"
    verbose_name = "The person index"
