#!/usr/bin/env python
"""Django's manage.py; `.venv/bin/pgb` is the same command line."""

from pgbplatform.cli import main

if __name__ == "__main__":
    main()
