"""The oracle's models. Mirror exactly the models that tests/js/django.test.mjs
defines through Quarry (same field names, options and table names)."""

from django.db import models


class Publisher(models.Model):
    name = models.CharField(max_length=100)

    class Meta:
        app_label = "app"
        db_table = "publisher"


class Author(models.Model):
    name = models.CharField(max_length=100)
    age = models.IntegerField(null=True)
    email = models.CharField(max_length=200, unique=True)

    class Meta:
        app_label = "app"
        db_table = "author"
        ordering = ["name"]


class Tag(models.Model):
    name = models.CharField(max_length=50, unique=True)

    class Meta:
        app_label = "app"
        db_table = "tag"


class Book(models.Model):
    title = models.CharField(max_length=200)
    pages = models.IntegerField(default=0)
    rating = models.FloatField(null=True)
    inPrint = models.BooleanField(default=True)
    pubDate = models.DateField(null=True)
    created = models.DateTimeField(null=True)
    price = models.DecimalField(max_digits=8, decimal_places=2, null=True)
    author = models.ForeignKey(Author, models.CASCADE, related_name="books")
    publisher = models.ForeignKey(
        Publisher, models.SET_NULL, null=True, related_name="books"
    )
    tags = models.ManyToManyField(Tag, related_name="books")

    class Meta:
        app_label = "app"
        db_table = "book"


class Event(models.Model):
    """JSON and datetime data (JSONField lookups, KT, JSONObject, dates(), datetimes())."""

    name = models.CharField(max_length=50)
    data = models.JSONField(null=True)
    happened = models.DateTimeField(null=True)
    day = models.DateField(null=True)

    class Meta:
        app_label = "app"
        db_table = "event"
