#!/bin/sh
# Collect the window's strings into the .ts sources and build the .qm files the window loads.
# Run from the repository root after changing user-visible text in src/tracestation/ui:
#   sh resources/ui/translations/update.sh
# then translate the new (unfinished) entries with pyside6-linguist and run it again.
set -eu
BIN="${PYSIDE6_BIN:-.venv/bin}"
# The core's messages (src/tracestation/messages) reach the window's sources through a generated
# module; write it first so lupdate sees every message as the core words it.
PYTHONPATH=src "$BIN/python" -m tracestation.messages.generate
SOURCES=$(find src/tracestation/ui -name '*.py' | sort)
for lang in en ro; do
    ts="resources/ui/translations/tracestation_${lang}.ts"
    # shellcheck disable=SC2086
    "$BIN/pyside6-lupdate" $SOURCES -no-obsolete -locations relative -ts "$ts"
    "$BIN/pyside6-lrelease" "$ts" -qm "resources/ui/translations/tracestation_${lang}.qm"
done
