"""Pages: leavers (see care/views/__init__.py)."""

urlpatterns: list = []
