import json

from django.core.management.base import BaseCommand

from everychild.core import hooks, registry


def _name(function) -> str:
    return f"{function.__module__}.{function.__qualname__}"


def _who(item) -> str:
    who = ", ".join(sorted(str(r) for r in item.roles)) if item.roles is not None else "everyone"
    return who + (f"; when {_name(item.when)}" if item.when else "")


class Command(BaseCommand):
    help = (
        "List what the installed apps register: hooks and their subscribers, the panels on "
        "each host page, and the navigation."
    )

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="Print it as JSON.")

    def handle(self, *args, **options):
        listing = {
            "hooks": [
                {
                    "name": hook.name,
                    "doc": hook.doc,
                    "subscribers": [_name(s) for s in hook.subscribers],
                }
                for hook in hooks.declared()
            ],
            "hosts": {
                name: [
                    {
                        "name": p.name,
                        "order": p.order,
                        "template": p.template,
                        "fill": _name(p.fill),
                        "who": _who(p),
                    }
                    for p in registry.panels(name)
                ]
                for name in sorted({*registry.hosts(), *registry.unknown_hosts()})
            },
            "navigation": [
                {
                    "text": i.text,
                    "url": i.url_name,
                    "order": i.order,
                    "who": _who(i),
                }
                for i in registry.nav_items()
            ],
        }
        if options["json"]:
            self.stdout.write(json.dumps(listing, indent=2))
            return
        self.stdout.write("Hooks")
        for hook in listing["hooks"]:
            self.stdout.write(f"  {hook['name']}: {hook['doc']}")
            for subscriber in hook["subscribers"] or ["(no subscribers)"]:
                self.stdout.write(f"    -> {subscriber}")
        for host, panels in listing["hosts"].items():
            self.stdout.write(f"Host {host}: {registry.hosts().get(host, '(not declared)')}")
            for p in panels:
                self.stdout.write(f"  {p['order']:>4} {p['name']}: {p['fill']} ({p['who']})")
        self.stdout.write("Navigation")
        for item in listing["navigation"]:
            self.stdout.write(f"  {item['order']:>4} {item['text']} ({item['url']}; {item['who']})")
