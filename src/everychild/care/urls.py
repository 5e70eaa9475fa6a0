from everychild.care.views import (
    child,
    corporate,
    episodes,
    leavers,
    missing,
    oversight,
    permanence,
)

app_name = "care"

urlpatterns = [
    *child.urlpatterns,
    *episodes.urlpatterns,
    *oversight.urlpatterns,
    *missing.urlpatterns,
    *leavers.urlpatterns,
    *permanence.urlpatterns,
    *corporate.urlpatterns,
]
