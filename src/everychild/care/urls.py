from everychild.care.views import child, episodes, leavers, missing, oversight, permanence

app_name = "care"

urlpatterns = [
    *child.urlpatterns,
    *episodes.urlpatterns,
    *oversight.urlpatterns,
    *missing.urlpatterns,
    *leavers.urlpatterns,
    *permanence.urlpatterns,
]
