from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Serve everychild (waitress) on 127.0.0.1:8000, or --host/--port."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--threads", type=int, default=8)

    def handle(self, *args, host, port, threads, **options):
        from waitress.server import create_server

        from everychild.wsgi import application

        if not settings.DEBUG:
            call_command("collectstatic", interactive=False, verbosity=0)
        try:
            server = create_server(
                application, host=host, port=port, threads=threads, ident="everychild"
            )
        except OSError as error:
            raise CommandError(
                f"Cannot listen on {host}:{port} ({error.strerror}). Is everychild already "
                "running? Stop it, or choose another port with --port."
            ) from error
        self.stdout.write(f"everychild is running on http://{host}:{port}/  (Ctrl+C to stop)")
        server.run()
