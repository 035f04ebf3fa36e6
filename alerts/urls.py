from django.urls import path

from . import views

app_name = "alerts"
urlpatterns = [
    path("theo-doi/", views.manage, name="manage"),
    path("theo-doi/dang-ky/", views.subscribe, name="subscribe"),
    path("theo-doi/da-gui/", views.check_mail, name="check_mail"),
    path("theo-doi/xac-nhan/<str:token>/", views.confirm, name="confirm"),
    path("theo-doi/huy/<str:token>/", views.stop, name="stop"),
]
