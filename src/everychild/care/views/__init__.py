"""Pages for children in care, one module per area; each module lists its own urlpatterns."""
