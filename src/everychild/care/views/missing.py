"""Pages: missing (see care/views/__init__.py)."""

urlpatterns: list = []
