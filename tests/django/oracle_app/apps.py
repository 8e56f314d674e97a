from django.apps import AppConfig


class OracleAppConfig(AppConfig):
    name = "oracle_app"
    label = "app"
    default_auto_field = "django.db.models.AutoField"
