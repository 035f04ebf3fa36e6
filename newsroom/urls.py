from django.urls import path

from . import views

app_name = "newsroom"
urlpatterns = [
    path("chu-de/", views.topic_index, name="topic_index"),
    path("chu-de/<slug:slug>/", views.topic, name="topic"),
    path("tac-gia/<slug:slug>/", views.author, name="author"),
]
