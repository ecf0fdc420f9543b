"""App configuration for the benchmark commands (`pgb bench …`)."""

from django.apps import AppConfig


class BenchmarksConfig(AppConfig):
    name = "benchmarks"
    label = "benchmarks"
    verbose_name = "Benchmarks"
