"""Pages: child (see care/views/__init__.py)."""

urlpatterns: list = []
