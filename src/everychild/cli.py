"""The `everychild` command: Django's management commands under one name.

everychild demo --children 60000 --seed 1
everychild audit verify
everychild serve
everychild migrate
"""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "everychild.settings")
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        settings.INSTALLED_APPS  # noqa: B018 -- read the settings now, to report them plainly
    except ImproperlyConfigured as error:
        sys.exit(f"everychild: {error}")

    args = list(sys.argv[1:] if argv is None else argv)
    execute_from_command_line(["everychild", *args])


if __name__ == "__main__":
    main()
