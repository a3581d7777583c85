#!/usr/bin/env python
import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    # Commands get their own, longer database timeouts (config/settings.py); runserver answers
    # web requests and keeps the short ones, as gunicorn does.
    if sys.argv[1:2] != ["runserver"]:
        os.environ.setdefault("OPGAVEBORD_PROCESS", "command")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
